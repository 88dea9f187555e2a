"""A staffing surrogate: exact productive hours and seats of a part for any volume multiplier.

Exact staffing of every Monte Carlo sample is too slow (a large scenario needs
0.1–0.5 s per option), and scaling one result is wrong (pooling: hours do not grow in
proportion to volume). A smooth table of hours against multipliers is not good enough
either: with 15-minute intervals and equal weekday weights many intervals carry the same
volume and cross an agent threshold together, so monthly hours are a staircase with
steps of about 1 % for a pool of a few dozen agents. This surrogate reproduces the
staircase exactly.

**Thresholds.** For one queue as one provider works it and one AHT, the required agents
N(λ) of an interval are a step function of its volume λ: N(λ) = N(0) + #{n : Λ_n < λ},
where Λ_n = sup{λ : N(λ) ≤ n}. The thresholds Λ_n are found by bisection with the exact
solver (:func:`cscost.staffing.queueing.required_agents`, every n and AHT in one
vectorised call per step; ``BISECTIONS`` steps leave an uncertainty of 2⁻³² of the
largest volume), for each AHT the samples use.

**Weeks.** A month's typical week is its week volume W[i] times a shape s[d, t] that
does not depend on the month (DESIGN.md: weekday weights, intraday profile and the
part's share are fixed; months whose shapes differ, if any, get their own shape). With
volume multiplier v, month i needs

    H[i] = h × ( N(0) × Σ_d n_d(i) O_d  +  Σ_d n_d(i) × #{(n, t) : Λ_n / s[d, t] < W[i] v} )

agent-hours (h the interval in hours, O_d the open intervals of day d). The breakpoints
Λ_n / s[d, t] of all AHTs are sorted once per part (days with the same shape share
them), so a sample-month costs one binary search. Seats = N(W[i] v × max s).

**AHT.** The AHT multiplier of a sample is rounded to a multiple of ``AHT_STEP`` in ln
(:func:`quantised_aht`, 5 % steps; :mod:`cscost.evaluate.sampling` draws it so), so the
thresholds of every AHT a sample uses are known exactly. The rounding is an input
discretisation, symmetric in ln, not a staffing error.

**Deferred work** (email, backoffice) needs volume × AHT / 3600 / max occupancy hours a
day, spread over the open intervals: hours scale exactly as v × a, seats as
⌈peak fractional agents × v × a⌉.

So the surrogate's hours equal exact solves up to the bisection's 2⁻³² (a sample would
have to land inside that sliver of a threshold), and at v = a = 1 the plan's own hours
and seats are returned bit for bit. ``tests/evaluate/test_montecarlo.py`` measures the
error against exact solves (the requirement: under 0.5 % of monthly productive hours).

From hours to usage (paid hours, FTE, hires, window hours) per sample is the work of
:mod:`cscost.evaluate.sampled`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, BoolArray, IntArray
from cscost.model.units import ceil_exact
from cscost.staffing.plan import ServiceParams, StaffingPlan
from cscost.staffing.queueing import required_agents

AHT_STEP = 0.05
"""Step of the AHT multiplier in ln: samples use exp(k × AHT_STEP), k an integer."""
BISECTIONS = 32
"""Bisection steps per threshold: an uncertainty of 2⁻³² of the largest interval volume."""
SHAPE_RTOL = 1e-9
"""Months whose normalised weeks differ by less than this (relative) share one shape."""
_BLOCK = 4096.0
"""Spacing of the blocks of breakpoints in ln (every ln breakpoint lies within ±2000)."""
_TINY = 1e-300


def quantised_aht(multiplier: Array) -> Array:
    """exp(round(ln a / AHT_STEP) × AHT_STEP): 1 stays exactly 1."""
    result: Array = np.exp(np.rint(np.log(multiplier) / AHT_STEP) * AHT_STEP)
    return result


def aht_steps(multiplier: Array) -> npt.NDArray[np.int64]:
    """The integer k of each quantised AHT multiplier exp(k × AHT_STEP)."""
    return np.rint(np.log(multiplier) / AHT_STEP).astype(np.int64)


class StaffingTable(Protocol):
    """Hours and seats of one part in every sample."""

    @property
    def interval_solves(self) -> int:
        """Exact interval solves made to build it."""
        ...

    def lookup(self, volume: Array, aht: Array) -> tuple[Array, Array]:
        """Productive hours and seats [S, M] at volume multipliers [S, M], AHT [S]."""
        ...


@dataclass(frozen=True)
class Thresholds:
    """Λ[b, n] of a queue and provider for AHT values b: N(λ) = n0[b] + #{n : Λ[b, n] < λ}."""

    aht_s: Array  # [B]
    n0: Array  # [B] agents at zero volume
    values: Array  # [B, K] increasing in n; inf past the largest volume asked for
    solves: int


def agent_thresholds(
    params: ServiceParams, interval_minutes: int, aht_s: Array, top_volume: float
) -> Thresholds:
    """Thresholds of the exact solver for every AHT in ``aht_s``, volumes up to ``top_volume``."""
    interval_s = interval_minutes * 60.0

    def agents(volume: Array, aht: Array) -> Array:
        return required_agents(
            volume, interval_s, aht, params.answer_within_s, params.level,
            max_occupancy=params.max_occupancy, patience_s=params.patience_s,
            concurrency=params.concurrency, max_asa_s=params.max_asa_s,
            min_agents=params.min_agents,
        ).astype(np.float64)  # fmt: skip

    top = np.full(aht_s.shape, top_volume * (1.0 + 1e-9) + 1e-9)
    n0 = agents(np.zeros(aht_s.shape), aht_s)
    n_top = agents(top, aht_s)
    levels = np.arange(float(n0.min()), float(n_top.max()))  # n = n0 … N(top) − 1
    shape = (aht_s.size, levels.size)
    n = np.broadcast_to(levels[None, :], shape)
    active = (n >= n0[:, None]) & (n < n_top[:, None])
    lo = np.zeros(shape)
    hi = np.broadcast_to(top[:, None], shape).copy()
    rows = np.broadcast_to(aht_s[:, None], shape)[active]
    for _ in range(BISECTIONS):
        mid = 0.5 * (lo[active] + hi[active])
        fits = agents(mid, rows) <= n[active]
        lo[active] = np.where(fits, mid, lo[active])
        hi[active] = np.where(fits, hi[active], mid)
    values = np.where(active, hi, np.inf)
    values = np.where(n < n0[:, None], np.nan, values)  # below N(0): never a step
    return Thresholds(aht_s, n0, values, solves=2 * aht_s.size + BISECTIONS * rows.size)


def week_shapes(
    interval_volume: Array, aht_s: Array
) -> tuple[Array, Array, IntArray, Array, BoolArray]:
    """Week volumes W [M], distinct (shape, AHT) groups and each month's group.

    Returns W, shapes [G, 7, T] (each summing to 1, or all 0), their AHTs [G], the group
    of each month [M] and the months without volume [M].
    """
    week = interval_volume.sum(axis=(1, 2))
    empty: BoolArray = np.asarray(week <= 0)
    shapes: list[Array] = []
    ahts: list[float] = []
    group = np.zeros(week.size, dtype=np.intp)
    for m in range(week.size):
        shape = np.zeros_like(interval_volume[m]) if empty[m] else interval_volume[m] / week[m]
        for g, (known, aht) in enumerate(zip(shapes, ahts, strict=True)):
            if aht == aht_s[m] and np.allclose(shape, known, rtol=SHAPE_RTOL, atol=0.0):
                group[m] = g
                break
        else:
            group[m] = len(shapes)
            shapes.append(shape)
            ahts.append(float(aht_s[m]))
    filler = float(week[~empty].max()) if (~empty).any() else 1.0
    return np.where(empty, filler, week), np.stack(shapes), group, np.asarray(ahts), empty


def day_classes(shapes: Array, open_mask: BoolArray) -> IntArray:
    """Class of each day type [D]: days with the same shape (in every group) and hours share one."""
    keys: dict[bytes, int] = {}
    days = open_mask.shape[0]
    out = np.zeros(days, dtype=np.intp)
    for d in range(days):
        key = shapes[:, d, :].tobytes() + open_mask[d].tobytes()
        out[d] = keys.setdefault(key, len(keys))
    return out


@dataclass(frozen=True)
class RealTimeTable:
    """Sorted breakpoints of one real-time part (module docstring), blocks per (group, AHT)."""

    keys: Array  # [K] ln breakpoint + _BLOCK × block, sorted
    cumulative: npt.NDArray[np.float32]  # [K + 1, C] breakpoints per day class below each key
    block_start: IntArray  # [B] index of each block's first key
    seat_keys: Array  # [B × n] ln Λ + _BLOCK × block (the busiest interval's steps)
    seat_start: IntArray  # [B]
    n0: Array  # [B]
    group: IntArray  # [M] shape group of each month
    aht_first: int  # k of the first AHT block
    aht_count: int
    week_volume: Array  # [M]
    peak_share: Array  # [G] max s of each group (tiny for a group without volume)
    class_days: Array  # [M, C] Σ n_d(i) over the days of each class
    open_days: Array  # [M] Σ_d n_d(i) O_d
    hours_per_interval: float
    plan_hours: Array
    plan_seats: Array
    exact: BoolArray  # [M] months without volume
    interval_solves: int

    def lookup(self, volume: Array, aht: Array) -> tuple[Array, Array]:
        """Productive hours and seats [S, M] (module docstring)."""
        k = np.clip(aht_steps(aht) - self.aht_first, 0, self.aht_count - 1)
        block = self.group[None, :] * self.aht_count + k[:, None]  # [S, M]
        x = np.log(self.week_volume)[None, :] + np.log(volume)
        index = np.searchsorted(self.keys, x + _BLOCK * block, side="left")
        counts = self.cumulative[index] - self.cumulative[self.block_start[block]]
        hours = self.hours_per_interval * (
            self.n0[block] * self.open_days[None, :]
            + np.einsum("smc,mc->sm", counts, self.class_days)
        )
        peak = x + np.log(self.peak_share)[self.group][None, :] + _BLOCK * block
        seats = self.n0[block] + (
            np.searchsorted(self.seat_keys, peak, side="left") - self.seat_start[block]
        )
        plan = ((volume == 1.0) & (aht[:, None] == 1.0)) | self.exact[None, :]
        return (
            np.where(plan, self.plan_hours[None, :], hours),
            np.where(plan, self.plan_seats[None, :], seats.astype(np.float64)),
        )


@dataclass(frozen=True)
class DeferredTable:
    """Deferred work: hours × v × a, seats ⌈peak × v × a⌉ (module docstring)."""

    plan_hours: Array
    plan_seats: Array
    peak_agents: Array  # [M] fractional agents of the busiest interval
    interval_solves: int = 0

    def lookup(self, volume: Array, aht: Array) -> tuple[Array, Array]:
        """Productive hours and seats [S, M]."""
        factor = volume * aht[:, None]
        plan = factor == 1.0
        hours = np.where(plan, self.plan_hours[None, :], self.plan_hours[None, :] * factor)
        seats = ceil_exact(self.peak_agents[None, :] * factor)
        return hours, np.where(plan, self.plan_seats[None, :], seats)


def _breakpoints(
    thresholds: Thresholds, shapes: Array, classes: IntArray, aht_index: list[IntArray]
) -> tuple[Array, npt.NDArray[np.float32], IntArray, Array, IntArray]:
    """Sorted keys, cumulative class counts and block starts of all (group, AHT) blocks."""
    n_classes = int(classes.max()) + 1
    keys: list[Array] = []
    weights: list[Array] = []
    seat_keys: list[Array] = []
    for g, shape in enumerate(shapes):
        for j in aht_index[g]:
            block = len(keys)
            lam = thresholds.values[j]
            lam = lam[np.isfinite(lam)]
            ln_lam = np.log(np.maximum(lam, _TINY))
            row_keys: list[Array] = []
            row_weights: list[Array] = []
            for c in range(n_classes):
                day = int(np.flatnonzero(classes == c)[0])
                s, count = np.unique(shape[day][shape[day] > 0], return_counts=True)
                row_keys.append((ln_lam[:, None] - np.log(s)[None, :]).ravel())
                w = np.zeros((ln_lam.size * s.size, n_classes))
                w[:, c] = np.tile(count, ln_lam.size)
                row_weights.append(w)
            block_keys = np.concatenate(row_keys) + _BLOCK * block
            order = np.argsort(block_keys, kind="stable")
            keys.append(block_keys[order])
            weights.append(np.concatenate(row_weights)[order])
            seat_keys.append(ln_lam + _BLOCK * block)
    sizes = np.array([k.size for k in keys])
    start = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.intp)
    counts = np.cumsum(np.vstack(weights), axis=0)  # integers < 2²⁴: exact in float32
    cumulative = np.vstack([np.zeros((1, n_classes)), counts]).astype(np.float32)
    seat_sizes = np.array([k.size for k in seat_keys])
    seat_start = np.concatenate(([0], np.cumsum(seat_sizes)[:-1])).astype(np.intp)
    return np.concatenate(keys), cumulative, start, np.concatenate(seat_keys), seat_start


def staffing_table(
    plan: StaffingPlan,
    weekday_counts: npt.NDArray[np.int64],
    open_mask: BoolArray,
    interval_minutes: int,
    params: ServiceParams,
    volume_range: tuple[float, float],
    aht_range: tuple[float, float],
) -> StaffingTable:
    """The surrogate of the part of ``plan`` (module docstring).

    ``open_mask`` [7, T] and ``params`` are those the plan was made with; ``volume_range``
    and ``aht_range`` bound the multipliers the samples use (AHT quantised).
    """
    months = plan.volume.shape[0]
    if not params.realtime:
        peak = plan.agents.reshape(months, -1).max(axis=1, initial=0.0)
        return DeferredTable(plan.productive_hours, plan.seats, peak)
    aht_s = np.broadcast_to(np.asarray(params.aht_s, dtype=np.float64), (months,))
    week, shapes, group, ahts, empty = week_shapes(plan.interval_volume, aht_s)
    first = int(aht_steps(np.array([aht_range[0]]))[0])
    last = int(aht_steps(np.array([aht_range[1]]))[0])
    k = np.arange(first, last + 1)
    block_aht = (ahts[:, None] * np.exp(k * AHT_STEP)[None, :]).ravel()  # [G × K]
    top = float((week.max() * volume_range[1]) * shapes.max())
    thresholds = agent_thresholds(params, interval_minutes, block_aht, top)
    classes = day_classes(shapes, open_mask)
    index = [np.arange(g * k.size, (g + 1) * k.size) for g in range(shapes.shape[0])]
    keys, cumulative, start, seat_keys, seat_start = _breakpoints(
        thresholds, shapes, classes, index
    )
    counts = weekday_counts.astype(np.float64)
    class_days = np.stack(
        [counts[:, classes == c].sum(axis=1) for c in range(int(classes.max()) + 1)], axis=1
    )
    return RealTimeTable(
        keys=keys,
        cumulative=cumulative,
        block_start=start,
        seat_keys=seat_keys,
        seat_start=seat_start,
        n0=thresholds.n0,
        group=group,
        aht_first=first,
        aht_count=k.size,
        week_volume=week,
        peak_share=np.maximum(shapes.reshape(shapes.shape[0], -1).max(axis=1), _TINY),
        class_days=class_days,
        open_days=counts @ open_mask.sum(axis=1).astype(np.float64),
        hours_per_interval=interval_minutes / 60.0,
        plan_hours=plan.productive_hours,
        plan_seats=plan.seats,
        exact=empty,
        interval_solves=thresholds.solves,
    )
