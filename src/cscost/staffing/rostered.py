"""A staffing plan on rostered hours: each month's typical week rostered on shifts.

With a schedule, the required agents N[i, d, t] of the plan are rostered month by month
(:func:`cscost.staffing.roster.weekly_roster`) and the roster's available agents R
replace N in the hours::

    H_prod[i]    = Σ_d n_d(i) Σ_t R[i, d, t] × interval hours
    H_paid[i]    = H_prod[i] / (1 − shrinkage)       (absence, training: off the roster)
    FTE[i]       = H_paid[i] / hours_per_fte_month
    seats[i]     = max_{d,t} agents on shift
    H_window[i]  = Σ_d n_d(i) Σ_t R[i, d, t] × window[d, t] × interval hours

so the breaks of the templates count through the agents they take off the floor, and
``efficiency[i]`` = required ÷ available rostered agent-hours of the week.

Handled contacts are those of the requirement: offered × (1 − P(abandon)) at the
required agents where the queue states patience, as without a roster (the roster's
available agents are at least as many, so this never overstates them).

The roster covers the ordinary week (day types Mon … Sun). Public holidays (day types
7 … 13, :mod:`cscost.model.calendar`) are staffed apart, to their Erlang requirement:
R[i, d, t] = N[i, d, t] on a holiday, and the seats count the holiday agents too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, BoolArray
from cscost.model.calendar import WEEKDAYS
from cscost.model.schedule import Schedule
from cscost.staffing.plan import StaffingPlan
from cscost.staffing.roster import Roster, weekly_roster


@dataclass(frozen=True)
class RosteredPlan(StaffingPlan):
    """A staffing plan whose hours come from a roster per month (module docstring)."""

    rosters: tuple[Roster, ...] = ()
    erlang_productive_hours: Array | None = None  # [M] the Erlang hours the roster replaced

    @property
    def available(self) -> Array:
        """Available agents [M, D, T]: rostered, and on holidays the required ones."""
        return _available(self.rosters, self.agents)

    @property
    def over(self) -> Array:
        """Available − required agents [M, D, T] (negative would be a shortfall)."""
        result: Array = self.available - self.agents
        return result

    @property
    def efficiency(self) -> Array:
        """Schedule efficiency per month: required ÷ available agent-hours of the week."""
        return np.array([r.efficiency for r in self.rosters])

    @property
    def gap(self) -> Array:
        """Optimality gap reached by each month's roster (0 = optimal)."""
        return np.array([r.gap for r in self.rosters])


def rostered_plan(
    plan: StaffingPlan,
    schedule: Schedule,
    interval_minutes: int,
    weekday_counts: npt.NDArray[np.int64],
    windows: Mapping[str, BoolArray],
    shrinkage: float,
    hours_per_fte_month: float,
) -> RosteredPlan:
    """``plan`` with its hours, FTE, seats and window hours from rosters (module docstring)."""
    rosters = tuple(
        weekly_roster(week[:WEEKDAYS], schedule, interval_minutes) for week in plan.agents
    )
    available = _available(rosters, plan.agents)
    holiday_seats = plan.agents[:, WEEKDAYS:].max(axis=(1, 2), initial=0.0)
    counts = weekday_counts.astype(float)
    hours_per_interval = interval_minutes / 60.0

    def hours(mask: BoolArray | None = None) -> Array:
        grid = available if mask is None else available * mask[None, :, :]
        result: Array = (grid.sum(axis=2) * counts).sum(axis=1) * hours_per_interval
        return result

    productive = hours()
    paid = productive / (1.0 - shrinkage)
    return RosteredPlan(
        # the requirement's cells: its agents, volumes and handled shares (1 − P(abandon)
        # at the required agents; the roster's available agents are at least as many)
        cells=plan.cells,
        volume=plan.volume,
        productive_hours=productive,
        paid_hours=paid,
        fte=paid / hours_per_fte_month,
        seats=np.maximum([float(r.seats) for r in rosters], np.ceil(holiday_seats)),
        window_hours={name: hours(mask) for name, mask in windows.items()},
        rosters=rosters,
        erlang_productive_hours=plan.productive_hours,
    )


def _available(rosters: tuple[Roster, ...], agents: Array) -> Array:
    """The rosters' available agents, with the holiday rows of ``agents`` appended."""
    rostered = np.stack([r.available for r in rosters])
    if agents.shape[1] == WEEKDAYS:
        return rostered
    return np.concatenate([rostered, agents[:, WEEKDAYS:]], axis=1)


def roster_figures(plan: StaffingPlan) -> dict[str, Array]:
    """Per month, for a rostered plan: Erlang hours, schedule efficiency and gap; else {}."""
    if not isinstance(plan, RosteredPlan) or plan.erlang_productive_hours is None:
        return {}
    return {
        "erlang_productive_hours": plan.erlang_productive_hours,
        "schedule_efficiency": plan.efficiency,
        "roster_gap": plan.gap,
    }
