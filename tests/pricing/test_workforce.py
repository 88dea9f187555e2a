"""The in-house workforce (DESIGN.md, "The in-house workforce") on hand-computed months.

h = headcount, a = attrition / 12; kept = h[i−1](1 − a); attrition flex:
h = max(need, kept); layoff flex: h = need, released = max(kept − need, 0);
hires = max(h − kept, 0); trainees over the ℓ = weeks × 12/52 months before the hire.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscost.pricing.workforce import workforce

from .helpers import inhouse_bill, part, pick, queue

VOICE = queue()
REL = 1e-12


def test_seasonal_need_with_zero_attrition_never_falls() -> None:
    """need 10, 20, 15, 30, 5 from no team, attrition 0.

    headcount 10, 20, 20, 30, 30 (never falls); hires 10, 10, 0, 10, 0; idle 0, 0, 5, 0,
    25. Agents at 8,500: 8,500 × (10 + 20 + 20 + 30 + 30) = 8,500 × 110 = 935,000.00.
    """
    need = np.array([10.0, 20.0, 15.0, 30.0, 5.0])
    team = workforce(need, 0.0, 0.0)
    assert team.headcount.tolist() == [10, 20, 20, 30, 30]
    assert np.all(np.diff(team.headcount) >= 0)
    assert team.hires.tolist() == [10, 10, 0, 10, 0]
    assert team.idle.tolist() == [0, 0, 5, 0, 25]
    assert team.leavers.tolist() == [0, 0, 0, 0, 0]
    rows = inhouse_bill(
        {"agent_monthly_cost": {"general": 8500}}, [part(VOICE, 5, fte=need)], [VOICE], 5
    )
    agents = pick(rows, line="agents")
    assert [r.quantity for r in agents] == [10, 20, 20, 30, 30]
    assert sum(r.amount for r in agents) == 935_000.00


def test_headcount_falls_by_attrition_but_never_below_need() -> None:
    """attrition 24 %/yr (2 %/month), start 50, need 40, 45: kept 49 → h 49; 48.02 → 48.02."""
    team = workforce(np.array([40.0, 45.0]), 50.0, 0.02)
    assert team.headcount == pytest.approx([49.0, 48.02], rel=REL)
    assert team.hires.tolist() == [0, 0]
    assert team.leavers == pytest.approx([1.0, 0.98], rel=REL)


def test_a_layoff_month_and_its_severance() -> None:
    """flex layoff, start 20 FTE, attrition 12 %/yr (1 %/month), need 20, 12.

    Month 0: kept 19.8 < 20 → h 20, hires 0.2. Month 1: kept 19.8 > 12 → h 12, released
    7.8, leavers 0.2 + 7.8 = 8.0. Severance {1 month/yr, 3 years, 1 month notice} = 4
    months × 8,500 = 34,000 per FTE → 7.8 × 34,000 = 265,200.00 in month 1 (category
    termination); agents 8,500 × 20 = 170,000 and 8,500 × 12 = 102,000.
    """
    team = workforce(np.array([20.0, 12.0]), 20.0, 0.01, flex="layoff")
    assert team.headcount.tolist() == [20, 12]
    assert team.released == pytest.approx([0.0, 7.8], rel=REL)
    assert team.leavers == pytest.approx([0.2, 8.0], rel=REL)
    data = {
        "agent_monthly_cost": {"general": 8500},
        "existing_team": 20,
        "flex": "layoff",
        "attrition": 0.12,
        "severance": {"months_per_year": 1, "tenure_years": 3, "notice_months": 1},
    }
    rows = inhouse_bill(data, [part(VOICE, 2, fte=[20, 12])], [VOICE], 2)
    severance = pick(rows, line="severance")
    assert [r.quantity for r in severance] == pytest.approx([0.0, 7.8], rel=REL)
    assert severance[1].rate == 34_000
    assert severance[1].amount == pytest.approx(265_200.00, rel=REL)
    assert severance[1].category == "termination"
    assert [r.amount for r in pick(rows, line="agents")] == [170_000, 102_000]


def test_trainees_are_paid_before_they_are_needed() -> None:
    """6.5 training weeks = 6.5 × 12/52 = 1.5 months; need 0, 0, 10 from no team.

    The 10 hires of month 2 train over [0.5, 2): 0.5 FTE-month in month 0 → 5 trainee
    FTE, a full month in month 1 → 10. Recruited at 2 − ⌈1.5⌉ = month 0.
    """
    team = workforce(np.array([0.0, 0.0, 10.0]), 0.0, 0.0, training_weeks=6.5)
    assert team.trainees == pytest.approx([5.0, 10.0, 0.0], rel=REL)
    assert team.recruits.tolist() == [10, 0, 0]
    assert team.training_weeks == pytest.approx([5 * 52 / 12, 10 * 52 / 12, 0.0], rel=REL)


def test_samples_row_by_row_equal_each_alone() -> None:
    """[S, M] needs with one attrition per sample [S, 1] give each row's own workforce."""
    need = np.array([[10.0, 5.0, 12.0], [8.0, 9.0, 3.0]])
    rate = np.array([[0.01], [0.03]])
    both = workforce(need, 4.0, rate, training_weeks=3)
    for s in range(2):
        alone = workforce(need[s], 4.0, float(rate[s, 0]), training_weeks=3)
        np.testing.assert_allclose(both.headcount[s], alone.headcount, rtol=1e-15)
        np.testing.assert_allclose(both.trainees[s], alone.trainees, rtol=1e-15)


@settings(max_examples=150, deadline=None)
@given(
    need=st.lists(st.floats(0.0, 500.0), min_size=1, max_size=40),
    start=st.floats(0.0, 400.0),
    rate=st.sampled_from([0.0, 0.01, 0.025, 0.05]),
    flex=st.sampled_from(["attrition", "layoff"]),
)
def test_one_team_on_floats_equals_the_array_recurrence(
    need: list[float], start: float, rate: float, flex: Literal["attrition", "layoff"]
) -> None:
    """The one-team path (Python floats) gives the [S, M] array path's numbers bit for bit."""
    one = workforce(np.array(need), start, rate, flex=flex, training_weeks=4.0)
    rows = workforce(np.array([need]), start, np.array([[rate]]), flex=flex, training_weeks=4.0)
    for name in ("headcount", "hires", "recruits", "trainees", "leavers", "released"):
        assert np.array_equal(getattr(one, name), getattr(rows, name)[0]), name


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.lists(st.floats(0.0, 500.0), min_size=12, max_size=12),
            st.floats(0.0, 400.0),
            st.sampled_from([0.0, 0.01, 0.025, 0.05]),
        ),
        min_size=2,
        max_size=6,
    ),
    flex=st.sampled_from(["attrition", "layoff"]),
)
def test_many_teams_equal_each_team_alone_bit_for_bit(
    rows: list[tuple[list[float], float, float]], flex: Literal["attrition", "layoff"]
) -> None:
    """[S, M] needs, a start and a rate per row: each row is its own team on floats."""
    need = np.array([r[0] for r in rows])
    start = np.array([r[1] for r in rows])
    rate = np.array([[r[2]] for r in rows])
    many = workforce(need, start, rate, flex=flex, training_weeks=3.0)
    for s, (wanted, begin, a) in enumerate(rows):
        one = workforce(np.array(wanted), begin, a, flex=flex, training_weeks=3.0)
        for name in ("headcount", "hires", "recruits", "trainees", "leavers", "released"):
            assert np.array_equal(getattr(one, name), getattr(many, name)[s]), name
