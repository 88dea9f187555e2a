"""The roster of a typical week: the least paid hours whose shifts cover the requirement.

Integer programme (solved by HiGHS through :func:`scipy.optimize.milp`)::

    minimise    Σ_c paid_c · x_c                     paid hours of the week
    subject to  Σ_c a_c · cover[k, c] · x_c ≥ N_k    every interval k with N_k > 0
                Σ_c cover[k, c] · x_c ≥ ⌈N_k / a_k⌉  (a valid cut: a_k = max a_c over k)
                Σ_{c ∈ j} x_c ≤ max_share_j · Σ_c x_c
                x_c ∈ {0, 1, 2, …}

with x_c the agents on candidate shift c (template, start, days-off pattern; see
:mod:`cscost.staffing.shifts`), a_c = 1 − break/paid and N_k the required agents.
Intervals covered by the same set of shifts are merged (the largest N_k stands), which
keeps the programme exact and small. The solver stops at the schedule's ``gap`` or
``time_limit``; the roster reports the gap it reached (0 when proven optimal). Equal
requirement curves under equal rules are solved once (an in-process cache).

What it ignores: individual agents (preferences, skills, contracts), the placement of
breaks (spread evenly), varying start times within one agent's week, and the link
between consecutive weeks or months.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix, vstack

from cscost.arrays import Array
from cscost.errors import InfeasibleTargetError, Issue
from cscost.model.hours import clock_text, describe_intervals
from cscost.model.schedule import Schedule
from cscost.staffing.shifts import ShiftColumns, days_text, shift_columns

IntArray = npt.NDArray[np.int64]
_EPS = 1e-9


@dataclass(frozen=True)
class Shift:
    """Agents rostered on one template, start and days-off pattern."""

    template: str
    start: str  # HH:MM
    days: str  # Mon-Fri
    agents: int
    paid_hours_week: float  # of all these agents


@dataclass(frozen=True)
class Roster:
    """The roster of one typical week and how it meets the requirement [7, T]."""

    interval_minutes: int
    required: Array  # [7, T] required agents
    on_shift: Array  # [7, T] agents on shift (seats)
    available: Array  # [7, T] available agents: Σ (1 − break/paid) × on shift
    shifts: tuple[Shift, ...]
    optimal: bool  # proven optimal within the gap
    gap: float  # relative gap reached: (paid − bound) / paid

    @property
    def paid_hours_week(self) -> float:
        """Paid hours of the week's rostered agents."""
        return math.fsum(s.paid_hours_week for s in self.shifts)

    @property
    def required_agent_hours_week(self) -> float:
        """Σ required agents × interval hours."""
        return float(self.required.sum()) * self.interval_minutes / 60.0

    @property
    def available_agent_hours_week(self) -> float:
        """Σ available rostered agents × interval hours."""
        return float(self.available.sum()) * self.interval_minutes / 60.0

    @property
    def efficiency(self) -> float:
        """Schedule efficiency = required ÷ available agent-hours (1 = no overstaffing)."""
        available = self.available_agent_hours_week
        return self.required_agent_hours_week / available if available > 0 else 1.0

    @property
    def over(self) -> Array:
        """Available − required agents per interval (≥ 0 where the roster covers)."""
        result: Array = self.available - self.required
        return result

    @property
    def seats(self) -> int:
        """The most agents on shift at once."""
        return int(round(float(self.on_shift.max(initial=0.0))))

    def to_frame(self) -> Any:
        """One row per interval: day, time, required, available, on shift, over."""
        import pandas as pd

        days, per_day = self.required.shape
        return pd.DataFrame(
            {
                "day": np.repeat(np.arange(days), per_day),
                "time": [clock_text(t, self.interval_minutes) for t in range(per_day)] * days,
                "required": self.required.ravel(),
                "available": self.available.ravel(),
                "on_shift": self.on_shift.ravel(),
                "over": self.over.ravel(),
            }
        )


def weekly_roster(required: Array, schedule: Schedule, interval_minutes: int) -> Roster:
    """The least-paid-hours roster covering ``required`` [7, T] (module docstring).

    Raises :class:`InfeasibleTargetError` when an interval needing agents lies outside
    every shift, or the share limits leave no roster.
    """
    clean = np.where(required > _EPS, np.round(required, 9), 0.0)
    return _cached(clean.tobytes(), clean.shape, schedule, interval_minutes)


@lru_cache(maxsize=8192)
def _cached(key: bytes, shape: tuple[int, ...], schedule: Schedule, interval: int) -> Roster:
    required = np.frombuffer(key, dtype=float).reshape(shape)
    columns = _columns(schedule, interval)
    x, optimal, gap = _solve(required.ravel(), columns, schedule)
    return _roster(required, columns, x, optimal, gap)


@lru_cache(maxsize=64)
def _columns(schedule: Schedule, interval: int) -> ShiftColumns:
    return shift_columns(schedule, interval)


def _rows(need: Array, columns: ShiftColumns) -> tuple[csr_matrix, Array, Array]:
    """Merged coverage rows: (0/1 cover, required, largest availability) per distinct set."""
    cover = columns.cover.tocsr()
    wanted = np.flatnonzero(need > _EPS)
    lengths = np.diff(cover.indptr)[wanted]
    empty = wanted[lengths == 0]
    if empty.size:
        _uncovered(empty[0], need.size // 7, columns.interval_minutes)
    keys: dict[bytes, int] = {}
    order: list[int] = []
    best: list[float] = []
    for k in wanted:
        key = cover.indices[cover.indptr[k] : cover.indptr[k + 1]].tobytes()
        slot = keys.setdefault(key, len(order))
        if slot == len(order):
            order.append(int(k))
            best.append(float(need[k]))
        else:
            best[slot] = max(best[slot], float(need[k]))
    rows = cover[order]
    top = rows.multiply(columns.availability[None, :]).max(axis=1).toarray().ravel()
    return csr_matrix(rows), np.asarray(best), top


def _uncovered(k: int, per_day: int, interval: int) -> None:
    day, t = divmod(int(k), per_day)
    row = np.zeros(per_day, dtype=bool)
    row[t] = True
    raise InfeasibleTargetError(
        Issue(
            f"no shift of the schedule covers {describe_intervals(row, day, interval)}, where "
            "agents are needed; widen a template's `starts` or add a template",
            path="schedule.shifts",
        )
    )


def _solve(need: Array, columns: ShiftColumns, schedule: Schedule) -> tuple[IntArray, bool, float]:
    count = columns.template.size
    if not (need > _EPS).any():
        return np.zeros(count, dtype=np.int64), True, 0.0
    cover, best, top = _rows(need, columns)
    avail = cover.multiply(columns.availability[None, :])
    heads = np.ceil(best / top - 1e-9)
    blocks = [csr_matrix(avail), cover]
    lower = [best - 1e-9, heads]
    for j, share in enumerate(columns.max_share):
        if share is not None and share < 1:
            blocks.append(csr_matrix((columns.template == j).astype(float) - share))
            lower.append(np.array([-np.inf]))
    upper = [np.full(b.shape[0], np.inf) for b in blocks[:2]] + [np.zeros(1)] * (len(blocks) - 2)
    weights = columns.length.astype(np.int64)
    cost = weights / reduce(math.gcd, weights.tolist())
    from scipy.optimize import Bounds, LinearConstraint, milp  # 0.1 s to import: when solved

    result = milp(
        cost,
        constraints=LinearConstraint(vstack(blocks), np.concatenate(lower), np.concatenate(upper)),
        integrality=np.ones(count),
        bounds=Bounds(0, np.inf),
        options={"time_limit": schedule.time_limit_seconds, "mip_rel_gap": schedule.gap},
    )
    if result.x is None:
        raise InfeasibleTargetError(
            Issue(
                "no roster fits the schedule's shift templates and max_share limits "
                f"({result.message}); raise a max_share or add a template",
                path="schedule.shifts",
            )
        )
    gap = float(getattr(result, "mip_gap", 0.0) or 0.0)
    x = np.round(result.x).astype(np.int64)
    return x, bool(result.status == 0), max(gap, 0.0)


def _roster(
    required: Array, columns: ShiftColumns, x: IntArray, optimal: bool, gap: float
) -> Roster:
    on_shift = (columns.cover @ x.astype(float)).reshape(required.shape)
    available = (columns.cover @ (x * columns.availability)).reshape(required.shape)
    paid = columns.paid_hours_week
    shifts = tuple(
        Shift(
            template=columns.names[int(columns.template[c])],
            start=clock_text(int(columns.start_interval[c]), columns.interval_minutes),
            days=days_text(int(columns.first_day[c]), columns.days_on),
            agents=int(x[c]),
            paid_hours_week=float(x[c] * paid[c]),
        )
        for c in np.flatnonzero(x > 0)
    )
    return Roster(
        interval_minutes=columns.interval_minutes,
        required=np.array(required),
        on_shift=on_shift,
        available=available,
        shifts=shifts,
        optimal=optimal,
        gap=gap,
    )
