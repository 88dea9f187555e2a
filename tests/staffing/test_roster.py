"""The weekly roster: coverage, hours against Erlang, and the optimum by brute force.

The references are independent of the code: coverage and costs are recomputed here
from the rules of the issue (a shift covers ``paid`` hours from its start on each of
its ``days_on`` consecutive days, cyclic; its agents count 1 − break/paid), and the
optimum of small cases comes from enumerating every integer roster.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from cscost.errors import InfeasibleTargetError
from cscost.model.schedule import Schedule
from cscost.staffing.roster import weekly_roster

PER_DAY = 24  # 60-minute intervals


def _schedule(*shifts: dict[str, object], days_on: int = 5) -> Schedule:
    return Schedule.model_validate({"days_on": days_on, "shifts": list(shifts)})


def _tours(schedule: Schedule) -> list[tuple[str, np.ndarray, float, float]]:
    """Every (template, availability per interval [7·24], paid hours/week) by hand."""
    out = []
    patterns = range(7) if schedule.days_on < 7 else range(1)
    for shift in schedule.shifts:
        hours = int(shift.paid_seconds // 3600)
        a = 1 - shift.break_seconds / shift.paid_seconds
        for minute in shift.start_minutes():
            for first in patterns:
                cover = np.zeros(7 * PER_DAY)
                for k in range(schedule.days_on):
                    for h in range(hours):
                        cover[(((first + k) % 7) * PER_DAY + minute // 60 + h) % (7 * PER_DAY)] = 1
                out.append((shift.name, cover * a, hours * schedule.days_on, cover))
    return out


def _brute_force(required: np.ndarray, schedule: Schedule, top: int) -> float:
    """Least paid hours over every roster with 0 … top agents per tour (all enumerated)."""
    tours = _tours(schedule)
    counts = np.array(list(itertools.product(range(top + 1), repeat=len(tours))), dtype=float)
    available = counts @ np.array([t[1] for t in tours])
    feasible = np.all(available >= required.ravel() - 1e-9, axis=1)
    total = counts.sum(axis=1)
    for shift in schedule.shifts:
        if shift.max_share is not None:
            mine = counts[:, [t[0] == shift.name for t in tours]].sum(axis=1)
            feasible &= mine <= shift.max_share * total + 1e-9
    paid = counts @ np.array([t[2] for t in tours])
    return float(paid[feasible].min())


def _covers(roster_available: np.ndarray, required: np.ndarray) -> bool:
    return bool(np.all(roster_available >= required - 1e-9))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_equals_brute_force_with_two_templates_and_a_share(seed: int) -> None:
    """Every day worked (days_on 7): 2 templates × 3 starts, up to 3 agents each (4^6 rosters)."""
    rng = np.random.default_rng(seed)
    required = np.zeros((7, PER_DAY))
    required[:, 8:16] = rng.integers(0, 3, size=(1, 8))  # the same every day
    schedule = _schedule(
        {"name": "full", "paid": "8h", "break": "1h", "starts": "06:00-10:00", "every": "2h"},
        {"name": "part", "paid": "4h", "starts": "08:00-12:00", "every": "2h", "max_share": 0.5},
        days_on=7,
    )
    roster = weekly_roster(required, schedule, 60)
    assert _covers(roster.available, required)
    assert roster.paid_hours_week == pytest.approx(_brute_force(required, schedule, 3))


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_equals_brute_force_with_days_off(seed: int) -> None:
    """Five consecutive days on (7 patterns), one start, up to 3 agents per pattern."""
    rng = np.random.default_rng(seed)
    required = np.zeros((7, PER_DAY))
    required[:, 9:17] = rng.integers(0, 3, size=(7, 1))  # each day its own level
    schedule = _schedule({"name": "day", "paid": "8h", "starts": "09:00-09:00"})
    roster = weekly_roster(required, schedule, 60)
    assert _covers(roster.available, required)
    assert roster.paid_hours_week == pytest.approx(_brute_force(required, schedule, 3))


@pytest.mark.parametrize("seed", range(4))
def test_coverage_efficiency_and_hours_against_erlang(seed: int) -> None:
    """A random curve 06:00-22:00: every interval covered, available ≥ required, ratio."""
    rng = np.random.default_rng(seed)
    required = np.zeros((7, PER_DAY))
    required[:, 6:22] = rng.integers(1, 9, size=(7, 16))
    schedule = _schedule(
        {"name": "day8", "paid": "8h", "break": "1h", "starts": "06:00-14:00", "every": "1h"},
        {"name": "part4", "paid": "4h", "starts": "08:00-18:00", "every": "2h", "max_share": 0.3},
    )
    roster = weekly_roster(required, schedule, 60)
    assert _covers(roster.available, required)
    # recompute availability and paid hours from the shifts, by hand
    hand = np.zeros(7 * PER_DAY)
    paid = 0.0
    day_index = {d: i for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))}
    lengths = {"day8": (8, 7 / 8), "part4": (4, 1.0)}
    for s in roster.shifts:
        hours, a = lengths[s.template]
        first = day_index[s.days.split("-")[0]]
        start = int(s.start[:2])
        for k in range(5):
            for h in range(hours):
                hand[(((first + k) % 7) * PER_DAY + start + h) % (7 * PER_DAY)] += s.agents * a
        paid += s.agents * hours * 5
    np.testing.assert_allclose(roster.available.ravel(), hand)
    assert roster.paid_hours_week == pytest.approx(paid)
    assert roster.available_agent_hours_week >= roster.required_agent_hours_week - 1e-9
    assert roster.efficiency == pytest.approx(required.sum() / hand.sum())
    part = sum(s.agents for s in roster.shifts if s.template == "part4")
    assert part <= 0.3 * sum(s.agents for s in roster.shifts) + 1e-9


def test_flat_curve_aligned_with_shifts_is_rostered_exactly() -> None:
    """5 agents in every hour, 8-hour shifts at 00/08/16 h, 5 days of 7: 21 agents, no waste."""
    required = np.full((7, PER_DAY), 5.0)
    schedule = _schedule({"name": "d", "paid": "8h", "starts": "00:00-16:00", "every": "8h"})
    roster = weekly_roster(required, schedule, 60)
    assert roster.efficiency == pytest.approx(1.0)
    assert roster.available_agent_hours_week == pytest.approx(5 * 168)
    assert roster.paid_hours_week == pytest.approx(5 * 168)
    assert sum(s.agents for s in roster.shifts) == 21
    assert roster.optimal
    assert roster.gap == pytest.approx(0.0, abs=1e-9)


def test_shift_past_midnight_and_across_the_week() -> None:
    """A Sun 22:00 start covers Mon 00:00-06:00: the week is cyclic."""
    required = np.zeros((7, PER_DAY))
    required[0, 0:6] = 1  # Mon 00:00-06:00 only
    schedule = _schedule({"name": "n", "paid": "8h", "starts": "22:00-22:00"}, days_on=1)
    roster = weekly_roster(required, schedule, 60)
    assert [(s.start, s.days, s.agents) for s in roster.shifts] == [("22:00", "Sun", 1)]
    assert roster.paid_hours_week == 8


def test_uncovered_interval_names_it() -> None:
    required = np.zeros((7, PER_DAY))
    required[2, 3] = 1
    schedule = _schedule({"name": "d", "paid": "8h", "starts": "08:00-10:00", "every": "1h"})
    with pytest.raises(InfeasibleTargetError, match="Wed 03:00-04:00"):
        weekly_roster(required, schedule, 60)


def test_equal_curves_are_solved_once() -> None:
    required = np.zeros((7, PER_DAY))
    required[:, 10:14] = 2
    schedule = _schedule({"name": "d", "paid": "4h", "starts": "10:00-10:00"})
    assert weekly_roster(required, schedule, 60) is weekly_roster(required.copy(), schedule, 60)
