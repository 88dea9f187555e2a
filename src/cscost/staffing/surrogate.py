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
them; only those inside the range of W[i] v the samples ask for are kept, those below
it counted once), so a sample-month costs one count of keys below a value
(:mod:`cscost.staffing.counting`: a bucket index, exactly ``np.searchsorted``). The
thresholds of all parts come from one batched bisection
(:mod:`cscost.staffing.thresholds`); the sorted breakpoints are made on first lookup and
never pickled. Seats = N(W[i] v × max s).

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, BoolArray, IntArray, content_digest
from cscost.model.units import ceil_exact
from cscost.staffing.counting import BucketedKeys, bucketed_keys
from cscost.staffing.plan import ServiceParams, StaffingPlan
from cscost.staffing.thresholds import ThresholdRequest, Thresholds, agent_thresholds_batch
from cscost.staffing.weeks import day_classes, week_shapes

AHT_STEP = 0.05
"""Step of the AHT multiplier in ln: samples use exp(k × AHT_STEP), k an integer."""
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
class HoursIndex:
    """The sorted breakpoints of a real-time table (module docstring), made when first read.

    With ``pos`` = #{keys < query} of a query in block b, ``counts[pos + b, c]`` is the
    number of class-c intervals (share × day-class breakpoints) of block b below the
    query, so a month with ``days[c]`` days of class c needs Σ_c days[c] × counts[pos + b,
    c] agent-intervals above N(0): exact integers, one row (C numbers side by side) read per
    sample-month. The breakpoints below the block's query range are counted in its first
    row, those above it are left out.
    """

    hours: BucketedKeys
    counts: npt.NDArray[np.int32]  # [K + B, C] cumulative class counts (module docstring)
    days: npt.NDArray[np.int32]  # [M, C] days of each class in the month
    seats: BucketedKeys
    seat_start: IntArray  # [B] index of each block's first seat key


@dataclass(frozen=True)
class RealTimeTable:
    """One real-time part (module docstring): thresholds per (group, AHT) block, week shapes."""

    thresholds: Thresholds  # rows = blocks: group × aht_count + AHT step
    shapes: Array  # [G, 7, T]
    classes: IntArray  # [7] day class of each day type
    query_low: Array  # [B] least ln(W v) a sample of the block asks for
    query_high: Array  # [B] largest
    volume_range: tuple[float, float]  # the volume multipliers it is exact for
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

    @property
    def n0(self) -> Array:
        """Agents at zero volume of each block [B]."""
        return self.thresholds.n0

    @cached_property
    def index(self) -> HoursIndex:
        """The sorted breakpoints (made on first use, never pickled: cheap to remake)."""
        return hours_index(self)

    def __getstate__(self) -> dict[str, object]:
        """The table without its index (a worker remakes it from the thresholds)."""
        return {k: v for k, v in self.__dict__.items() if k != "index"}

    def lookup(self, volume: Array, aht: Array) -> tuple[Array, Array]:
        """Productive hours and seats [S, M] (module docstring).

        Exact for volume multipliers inside the table's ``volume_range``; raises
        ValueError outside it (the breakpoints below the range are only counted).
        """
        low, high = self.volume_range
        if volume.size and not (float(volume.min()) >= low and float(volume.max()) <= high):
            raise ValueError("volume multipliers outside the staffing table's range")
        index = self.index
        k = np.clip(aht_steps(aht) - self.aht_first, 0, self.aht_count - 1)
        block = self.group[None, :] * self.aht_count + k[:, None]  # [S, M]
        offset = _BLOCK * block
        x = np.log(self.week_volume)[None, :] + np.log(volume)
        row = index.hours.count_below(x + offset, block) + block
        counted = np.einsum(  # Σ_c days × counts: exact integers (int64)
            "smc,mc->sm", index.counts[row], index.days, dtype=np.int64
        )
        n0 = self.n0[block]
        hours = self.hours_per_interval * (n0 * self.open_days[None, :] + counted)
        peak = x + np.log(self.peak_share)[self.group][None, :] + offset
        seats = n0 + (index.seats.count_below(peak, block) - index.seat_start[block])
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


def _day_shares(shape: Array, classes: IntArray) -> tuple[Array, Array, IntArray]:
    """ln s, interval count and class of every distinct share of each class's days."""
    logs: list[Array] = []
    weights: list[Array] = []
    owners: list[IntArray] = []
    for c in range(int(classes.max()) + 1):
        day = int(np.flatnonzero(classes == c)[0])
        s, count = np.unique(shape[day][shape[day] > 0], return_counts=True)
        logs.append(np.log(s))
        weights.append(count.astype(np.float64))
        owners.append(np.full(s.size, c, dtype=np.intp))
    return np.concatenate(logs), np.concatenate(weights), np.concatenate(owners)


def hours_index(table: RealTimeTable) -> HoursIndex:
    """The breakpoints ln Λ_n − ln s of every block, sorted, with cumulative class counts.

    Key arithmetic as in the lookup: (ln Λ_n − ln s) + ``_BLOCK`` × block, so a query is
    compared with exactly the numbers it always was.
    """
    shares = [_day_shares(shape, table.classes) for shape in table.shapes]
    classes = table.class_days.shape[1]
    keys: list[Array] = []
    rows: list[npt.NDArray[np.int32]] = []
    seat_keys: list[Array] = []
    for block, values in enumerate(table.thresholds.values):
        logs, weights, owners = shares[block // table.aht_count]
        lam = values[np.isfinite(values)]
        ln_lam = np.log(np.maximum(lam, _TINY))
        offset = _BLOCK * block
        grid = (ln_lam[:, None] - logs[None, :]) + offset  # [L, U]
        below = grid < table.query_low[block] + offset
        keep = ~below & (grid <= table.query_high[block] + offset)
        kept = grid[keep]
        order = np.argsort(kept)  # ties: any order (a query never stops between equal keys)
        keys.append(kept[order])
        # one row per key (and a first row of those below the range), one column per class:
        # the intervals with that share, cumulated (integers below 2³¹, as float sums were)
        step = np.zeros((classes, kept.size + 1), dtype=np.int32)  # class-major: cumsum runs
        column = np.nonzero(keep)[1][order]
        step[owners[column], np.arange(1, kept.size + 1)] = weights[column]
        np.add.at(step[:, 0], owners, (weights * below.sum(axis=0)).astype(np.int32))
        rows.append(np.cumsum(step, axis=1, dtype=np.int32).T)
        seat_keys.append(ln_lam + offset)
    sizes = np.array([k.size for k in keys], dtype=np.intp)
    block_start = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.intp)
    seat_sizes = np.array([k.size for k in seat_keys], dtype=np.intp)
    seat_start = np.concatenate(([0], np.cumsum(seat_sizes)[:-1])).astype(np.intp)
    offsets = _BLOCK * np.arange(table.query_low.size)
    peak = np.repeat(np.log(table.peak_share), table.aht_count)
    return HoursIndex(
        hours=bucketed_keys(
            np.concatenate(keys),
            block_start,
            table.query_low + offsets,
            table.query_high + offsets,
        ),
        counts=np.concatenate(rows),
        days=table.class_days.astype(np.int32),
        seats=bucketed_keys(
            np.concatenate(seat_keys),
            seat_start,
            (table.query_low + peak) + offsets,
            (table.query_high + peak) + offsets,
        ),
        seat_start=seat_start,
    )


@dataclass(frozen=True)
class TableSpec:
    """What a part's table is made of (the arguments of :func:`staffing_table`)."""

    plan: StaffingPlan
    weekday_counts: npt.NDArray[np.int64]
    open_mask: BoolArray
    interval_minutes: int
    params: ServiceParams
    volume_range: tuple[float, float]
    aht_range: tuple[float, float]


_MARGIN = 1e-6
"""Widening of a block's query range in ln (a relative volume of 1e-6): keys inside it are kept."""


def _pending(spec: TableSpec) -> tuple[ThresholdRequest, Callable[[Thresholds], RealTimeTable]]:
    """The thresholds a real-time part needs, and how its table is made from them."""
    plan, params = spec.plan, spec.params
    months = plan.volume.shape[0]
    aht_s = np.broadcast_to(np.asarray(params.aht_s, dtype=np.float64), (months,))
    week, shapes, group, ahts, empty = week_shapes(plan.interval_volume, aht_s)
    first = int(aht_steps(np.array([spec.aht_range[0]]))[0])
    last = int(aht_steps(np.array([spec.aht_range[1]]))[0])
    k = np.arange(first, last + 1)
    block_aht = (ahts[:, None] * np.exp(k * AHT_STEP)[None, :]).ravel()  # [G × K]
    top = float((week.max() * spec.volume_range[1]) * shapes.max())
    request = ThresholdRequest(params, spec.interval_minutes, block_aht, top)
    classes = day_classes(shapes, spec.open_mask)
    counts = spec.weekday_counts.astype(np.float64)
    ln_week = np.log(week)
    low = np.array([ln_week[group == g].min() for g in range(shapes.shape[0])])
    high = np.array([ln_week[group == g].max() for g in range(shapes.shape[0])])
    low = low + np.log(spec.volume_range[0])
    high = high + np.log(spec.volume_range[1])
    low, high = (
        low - _MARGIN * np.maximum(1.0, np.abs(low)),
        high + _MARGIN * np.maximum(1.0, np.abs(high)),
    )

    def table(thresholds: Thresholds) -> RealTimeTable:
        return RealTimeTable(
            thresholds=thresholds,
            shapes=shapes,
            classes=classes,
            query_low=np.repeat(low, k.size),
            query_high=np.repeat(high, k.size),
            volume_range=spec.volume_range,
            group=group,
            aht_first=first,
            aht_count=k.size,
            week_volume=week,
            peak_share=np.maximum(shapes.reshape(shapes.shape[0], -1).max(axis=1), _TINY),
            class_days=np.stack(
                [counts[:, classes == c].sum(axis=1) for c in range(int(classes.max()) + 1)],
                axis=1,
            ),
            open_days=counts @ spec.open_mask.sum(axis=1).astype(np.float64),
            hours_per_interval=spec.interval_minutes / 60.0,
            plan_hours=plan.productive_hours,
            plan_seats=plan.seats,
            exact=empty,
            interval_solves=thresholds.solves,
        )

    return request, table


def table_digest(table: StaffingTable) -> bytes:
    """What a table's lookups read (all but its solve count): equal digests, equal lookups."""
    return content_digest(table, frozenset({"interval_solves", "solves"}))


def staffing_tables(specs: Sequence[TableSpec]) -> list[StaffingTable]:
    """The surrogate of every spec's part (module docstring), thresholds in one batch."""
    out: list[StaffingTable | None] = [None] * len(specs)
    waiting: list[tuple[int, ThresholdRequest, Callable[[Thresholds], RealTimeTable]]] = []
    for k, spec in enumerate(specs):
        if spec.params.realtime:
            waiting.append((k, *_pending(spec)))
        else:
            months = spec.plan.volume.shape[0]
            peak = spec.plan.agents.reshape(months, -1).max(axis=1, initial=0.0)
            out[k] = DeferredTable(spec.plan.productive_hours, spec.plan.seats, peak)
    found = agent_thresholds_batch([request for _, request, _ in waiting])
    for (k, _, make), thresholds in zip(waiting, found, strict=True):
        out[k] = make(thresholds)
    return [t for t in out if t is not None]


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
    and ``aht_range`` bound the multipliers the samples use (AHT quantised): a lookup
    outside them is not exact.
    """
    spec = TableSpec(
        plan, weekday_counts, open_mask, interval_minutes, params, volume_range, aht_range
    )
    return staffing_tables([spec])[0]
