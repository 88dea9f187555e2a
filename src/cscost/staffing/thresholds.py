"""Agent thresholds of the exact solver, for many parts in one vectorised bisection.

For one queue as one provider works it and one AHT, the required agents N(λ) of an
interval are a step function of its volume λ: N(λ) = N(0) + #{n : Λ_n < λ}, where
Λ_n = sup{λ : N(λ) ≤ n}. Each Λ_n is the upper end of a bisection of ``BISECTIONS``
steps on [0, top] with the exact solver (:func:`cscost.staffing.queueing.required_agents`):
mid = (lo + hi) / 2; N(mid) ≤ n → lo = mid, else hi = mid.

:func:`agent_thresholds_batch` runs the bisections of many requests (parts, AHT values,
levels n) together: one kernel call per step on every row of every request, each row with
its own service parameters (the kernel is element-wise, so every row's answer is the one
a call of its own would give, bit for bit). Requests are grouped by which optional
targets they state (patience, ASA), so every row takes the kernel path it always took.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array, IntArray
from cscost.staffing.plan import ServiceParams
from cscost.staffing.queueing import required_agents

BISECTIONS = 32
"""Bisection steps per threshold: an uncertainty of 2⁻³² of the largest interval volume."""


@dataclass(frozen=True)
class Thresholds:
    """Λ[b, n] of a queue and provider for AHT values b: N(λ) = n0[b] + #{n : Λ[b, n] < λ}."""

    aht_s: Array  # [B]
    n0: Array  # [B] agents at zero volume
    values: Array  # [B, K] increasing in n; inf past the largest volume asked for
    solves: int


@dataclass(frozen=True)
class ThresholdRequest:
    """The thresholds of one part: its service, interval, AHT values [B] and top volume."""

    params: ServiceParams
    interval_minutes: int
    aht_s: Array
    top_volume: float


def _kernel_signature(params: ServiceParams) -> tuple[bool, bool]:
    """Which optional targets a service states: (patience, ASA)."""
    return params.patience_s is not None, params.max_asa_s is not None


def _required(
    requests: Sequence[ThresholdRequest], owner: IntArray, volume: Array, aht_s: Array
) -> Array:
    """Required agents (float) of rows ``volume``, ``aht_s``, row r served as request owner[r]."""
    first = requests[0].params
    has_patience, has_asa = _kernel_signature(first)

    def column(values: list[float]) -> Array:
        return np.asarray(values, dtype=np.float64)[owner]

    params = [r.params for r in requests]
    agents: Array = required_agents(
        volume,
        column([r.interval_minutes * 60.0 for r in requests]),
        aht_s,
        column([p.answer_within_s for p in params]),
        column([p.level for p in params]),
        max_occupancy=column([p.max_occupancy for p in params]),
        patience_s=column([float(p.patience_s or 0.0) for p in params]) if has_patience else None,
        concurrency=column([p.concurrency for p in params]),
        max_asa_s=column([float(p.max_asa_s or 0.0) for p in params]) if has_asa else None,
        min_agents=column([p.min_agents for p in params]),
    ).astype(np.float64)
    return agents


def _deduplicated_required(
    requests: Sequence[ThresholdRequest],
    owner: IntArray,
    source: IntArray,
    volume: Array,
    aht_s: Array,
) -> Array:
    """:func:`_required` of every row, the kernel called once per run of adjacent rows with
    the same source row and volume (the levels of one row share their first midpoints).

    Exact: the kernel is element-wise, so equal inputs give equal outputs, and a row's
    answer is copied from the first row of its run.
    """
    first = np.ones(volume.size, dtype=bool)
    first[1:] = (volume[1:] != volume[:-1]) | (source[1:] != source[:-1])
    unique = np.flatnonzero(first)
    if unique.size == volume.size:
        return _required(requests, owner, volume, aht_s)
    found = _required(requests, owner[unique], volume[unique], aht_s[unique])
    result: Array = found[np.cumsum(first) - 1]
    return result


def _bisected(requests: Sequence[ThresholdRequest]) -> list[Thresholds]:
    """:func:`agent_thresholds_batch` of requests that share one kernel signature."""
    sizes = [r.aht_s.size for r in requests]
    owner = np.repeat(np.arange(len(requests)), sizes)
    aht = np.concatenate([r.aht_s for r in requests])
    top = np.concatenate(
        [np.full(r.aht_s.shape, r.top_volume * (1.0 + 1e-9) + 1e-9) for r in requests]
    )
    both = _required(
        requests, np.concatenate([owner, owner]), np.concatenate([np.zeros_like(top), top]),
        np.concatenate([aht, aht]),
    )  # fmt: skip
    n0_all, n_top_all = both[: aht.size], both[aht.size :]
    bounds = np.cumsum([0, *sizes])
    layouts = []
    for k, request in enumerate(requests):
        n0 = n0_all[bounds[k] : bounds[k + 1]]
        n_top = n_top_all[bounds[k] : bounds[k + 1]]
        levels = np.arange(float(n0.min()), float(n_top.max()))  # n = n0 … N(top) − 1
        shape = (request.aht_s.size, levels.size)
        n = np.broadcast_to(levels[None, :], shape)
        active = (n >= n0[:, None]) & (n < n_top[:, None])
        layouts.append((n0, n, active, top[bounds[k] : bounds[k + 1]]))
    n_rows = np.concatenate([n[active] for _, n, active, _ in layouts])
    rows_aht = np.concatenate(
        [
            np.broadcast_to(r.aht_s[:, None], a.shape)[a]
            for r, (_, _, a, _) in zip(requests, layouts, strict=True)
        ]
    )
    rows_owner = np.repeat(np.arange(len(requests)), [int(a.sum()) for _, _, a, _ in layouts])
    rows_source = np.concatenate(
        [
            np.broadcast_to(np.arange(bounds[k], bounds[k + 1])[:, None], a.shape)[a]
            for k, (_, _, a, _) in enumerate(layouts)
        ]
    )  # the (request, AHT) row of each level's bisection; its levels are adjacent, n rising
    lo = np.zeros(n_rows.shape)
    hi = np.concatenate([np.broadcast_to(t[:, None], a.shape)[a] for _, _, a, t in layouts])
    for _ in range(BISECTIONS):
        mid = 0.5 * (lo + hi)
        fits = _deduplicated_required(requests, rows_owner, rows_source, mid, rows_aht) <= n_rows
        lo = np.where(fits, mid, lo)
        hi = np.where(fits, hi, mid)
    out = []
    start = 0
    for request, (n0, n, active, _) in zip(requests, layouts, strict=True):
        count = int(active.sum())
        values = np.full(active.shape, np.inf)
        values[active] = hi[start : start + count]
        start += count
        values = np.where(n < n0[:, None], np.nan, values)  # below N(0): never a step
        solves = 2 * request.aht_s.size + BISECTIONS * count
        out.append(Thresholds(request.aht_s, n0, values, solves=solves))
    return out


def agent_thresholds_batch(requests: Sequence[ThresholdRequest]) -> list[Thresholds]:
    """The thresholds of every request (module docstring), in request order.

    Each equals what a bisection of that request alone gives, bit for bit.
    """
    groups: dict[tuple[bool, bool], list[int]] = {}
    for k, request in enumerate(requests):
        groups.setdefault(_kernel_signature(request.params), []).append(k)
    out: list[Thresholds | None] = [None] * len(requests)
    for members in groups.values():
        for k, thresholds in zip(members, _bisected([requests[k] for k in members]), strict=True):
            out[k] = thresholds
    return [t for t in out if t is not None]


def agent_thresholds(
    params: ServiceParams, interval_minutes: int, aht_s: Array, top_volume: float
) -> Thresholds:
    """Thresholds of the exact solver for every AHT in ``aht_s``, volumes up to ``top_volume``."""
    return agent_thresholds_batch([ThresholdRequest(params, interval_minutes, aht_s, top_volume)])[
        0
    ]
