"""The in-house cost model (DESIGN.md, "In-house") on hand-computed bills.

c = agent monthly cost of the tier, b = burden. Per part, on its headcount h (a new
team: h = need here unless a test says otherwise): agents c × h; agent burden
b × c × h; support staff ratio × h × support cost × (1 + b); recruiting per recruit;
paid training weeks × c (1 + b) × 12 / 52; seats × seat_monthly. For the team:
⌈Σ h / span⌉ supervisors × monthly cost × (1 + b); overhead on all of it; one-time
items in their month.
"""

from __future__ import annotations

from typing import Any

import pytest

from cscost.errors import QuoteError
from cscost.pricing import bill_total

from .helpers import amount, inhouse_bill, one, part, pick, queue

VOICE = queue("voice-zh", "voice", "zh", "general")
SENIOR = queue("voice-en", "voice", "en", "senior")
REL = 1e-12
COSTS = {"general": 8500, "senior": 12000}


def _only(**fields: Any) -> dict[str, Any]:
    return {"agent_monthly_cost": COSTS, **fields}


def test_agents_by_tier_with_burden_as_its_own_row() -> None:
    """30 × 8,500 = 255,000 + burden 0.38 × 255,000 = 96,900; senior 6 × 12,000 = 72,000."""
    parts = [part(VOICE, 1, fte=30), part(SENIOR, 1, fte=6)]
    rows = inhouse_bill(_only(burden=0.38), parts, [VOICE, SENIOR], 1)
    agents = one(rows, line="agents", queue="voice-zh")
    assert (agents.quantity, agents.unit, agents.rate, agents.amount) == (30, "FTE", 8500, 255000)
    burden = one(rows, line="agent burden", queue="voice-zh")
    assert (burden.quantity, burden.unit, burden.rate) == (255000, "base", 0.38)
    assert burden.amount == pytest.approx(96900, rel=REL)
    assert one(rows, line="agents", queue="voice-en").amount == 72000
    assert {r.category for r in rows} == {"labour"}
    assert {(r.provider, r.currency, r.fx) for r in rows} == {("inhouse", "CNY", 1.0)}


def test_no_burden_no_burden_row() -> None:
    rows = inhouse_bill(_only(), [part(VOICE, 1, fte=2)], [VOICE], 1)
    assert [r.line for r in rows] == ["agents"]


def test_supervisors_whole_people_on_the_team_total() -> None:
    """FTE 21/0.7 (= 30 up to float noise) + 6 = 36 → ⌈36/15⌉ = 3 supervisors;
    30 alone → ⌈2⌉ = 2, not 3. Cost 16,000 × 1.38 = 22,080 each."""
    data = _only(burden=0.38, supervisor={"span": 15, "monthly_cost": 16000})
    rows = inhouse_bill(
        data, [part(VOICE, 1, fte=21 / 0.7), part(SENIOR, 1, fte=6)], [VOICE, SENIOR], 1
    )
    row = one(rows, line="supervisors")
    assert (row.queue, row.quantity, row.unit, row.category) == (
        "*",
        3,
        "supervisors",
        "management",
    )
    assert row.amount == pytest.approx(3 * 22080, rel=REL)
    rows = inhouse_bill(data, [part(VOICE, 1, fte=21 / 0.7)], [VOICE], 1)
    assert one(rows, line="supervisors").quantity == 2


@pytest.mark.parametrize(
    ("extra", "rate"),
    [
        ({"support_monthly_cost": 10000}, 10000 * 1.2),  # stated
        ({"supervisor": {"span": 10, "monthly_cost": 15000}}, 15000 * 1.2),  # supervisor's
        ({}, 8500 * 1.2),  # else the agent's of the tier
    ],
)
def test_support_staff_by_ratio(extra: dict[str, Any], rate: float) -> None:
    """0.06 × 50 FTE = 3 support FTE at the support cost × (1 + 0.2)."""
    data = _only(burden=0.2, support_ratio=0.06, **extra)
    row = one(inhouse_bill(data, [part(VOICE, 1, fte=50)], [VOICE], 1), line="support staff")
    assert row.quantity == pytest.approx(3, rel=REL)
    assert row.rate == pytest.approx(rate, rel=REL)
    assert row.amount == pytest.approx(3 * rate, rel=REL)
    assert row.category == "management"


def test_recruiting_and_paid_training_per_hire_with_attrition() -> None:
    """In-house attrition 24 %/year (a = 2 % a month), need 30, 33, 33, a new team.

    Headcount 30, 33, 33; hires 30, 33 − 30 × 0.98 = 3.6, 33 − 33 × 0.98 = 0.66.
    Training 3 weeks = 3 × 12/52 = 0.692 months ahead, so each hire trains (and is
    recruited) in the month before it is on the floor; month 0's hires trained before
    the horizon and are charged in month 0. Recruits 30 + 3.6 = 33.6, 0.66, 0 at 2,500:
    84,000, 1,650, 0. Training weeks 33.6 × 3 = 100.8, 0.66 × 3 = 1.98, 0 at
    8,500 × 1.38 × 12/52 a week.
    """
    data = _only(burden=0.38, recruiting_per_hire=2500, training_weeks=3, attrition=0.24)
    rows = inhouse_bill(
        data, [part(VOICE, 3, fte=[30, 33, 33])], [VOICE], 3, workforce_attrition=0.9
    )
    recruiting = pick(rows, line="recruiting")
    assert [r.quantity for r in recruiting] == pytest.approx([33.6, 0.66, 0.0], rel=REL)
    assert [r.amount for r in recruiting] == pytest.approx([84000, 1650, 0], rel=REL)
    training = pick(rows, line="paid training")
    assert [r.quantity for r in training] == pytest.approx([100.8, 1.98, 0.0], rel=REL)
    weekly = 8500 * 1.38 * 12 / 52
    assert training[0].rate == pytest.approx(weekly, rel=REL)
    assert [r.amount for r in training] == pytest.approx(
        [100.8 * weekly, 1.98 * weekly, 0.0], rel=REL
    )
    assert {r.category for r in recruiting + training} == {"training"}


def test_workforce_attrition_when_inhouse_states_none() -> None:
    """attrition 0.12 from the workforce (1 %/month): need 10, 10 → hires 10, 10 − 9.9."""
    data = _only(recruiting_per_hire=1000)
    rows = inhouse_bill(data, [part(VOICE, 2, fte=10)], [VOICE], 2, workforce_attrition=0.12)
    assert [r.amount for r in pick(rows, line="recruiting")] == pytest.approx([10000, 100], rel=REL)


def test_seats() -> None:
    """20 seats × 1,200 = 24,000, category technology."""
    row = one(
        inhouse_bill(_only(seat_monthly=1200), [part(VOICE, 1, fte=1, seats=20)], [VOICE], 1),
        line="seats",
    )
    assert (row.quantity, row.amount, row.category) == (20, 24000, "technology")


def test_overhead_on_every_recurring_cost_but_not_one_time_items() -> None:
    """Agents 10 × 8,500 = 85,000, seats 10 × 1,000 = 10,000 → overhead 10 % = 9,500.

    The one-time 50,000 fit-out in month 1 carries no overhead.
    """
    data = _only(
        seat_monthly=1000,
        overhead=0.10,
        one_time=[{"name": "fit-out", "amount": 50000, "month": 1}],
    )
    rows = inhouse_bill(data, [part(VOICE, 2, fte=10, seats=10)], [VOICE], 2)
    overhead = pick(rows, line="overhead")
    assert [(r.queue, r.quantity, r.rate, r.category) for r in overhead] == [
        ("*", 95000, 0.10, "other"),
        ("*", 95000, 0.10, "other"),
    ]
    assert [r.amount for r in overhead] == pytest.approx([9500, 9500], rel=REL)
    fit_out = one(rows, line="fit-out")
    assert (fit_out.month_index, fit_out.amount, fit_out.category) == (1, 50000, "other")


def test_full_month_by_hand() -> None:
    """Every component together, month 0 (see the module docstring for the formulas)."""
    data = {
        "agent_monthly_cost": COSTS,
        "burden": 0.38,
        "supervisor": {"span": 15, "monthly_cost": 16000},
        "support_ratio": 0.06,
        "recruiting_per_hire": 2500,
        "training_weeks": 3,
        "seat_monthly": 1200,
        "overhead": 0.10,
        "attrition": 0.24,
        "one_time": [{"name": "hiring campaign", "amount": 30000, "category": "training"}],
    }
    parts = [part(VOICE, 1, fte=30, seats=20), part(SENIOR, 1, fte=6, seats=4)]
    rows = inhouse_bill(data, parts, [VOICE, SENIOR], 1)
    loaded = 1.38
    hires = {"general": 30, "senior": 6}  # a new team: everyone hired for month 0
    cost = {"general": 8500, "senior": 12000}
    fte = {"general": 30, "senior": 6}
    seats = {"general": 20, "senior": 4}
    recurring = 3 * 16000 * loaded  # ⌈36 / 15⌉ = 3 supervisors
    for tier in ("general", "senior"):
        recurring += (
            fte[tier] * cost[tier] * loaded  # agents and burden
            + 0.06 * fte[tier] * 16000 * loaded  # support at the supervisor's cost
            + hires[tier] * 2500
            + hires[tier] * 3 * cost[tier] * loaded * 12 / 52
            + seats[tier] * 1200
        )
    assert bill_total(rows) == pytest.approx(recurring * 1.10 + 30000, rel=REL)
    assert amount(rows, category="training") == pytest.approx(
        sum(hires[t] * (2500 + 3 * cost[t] * loaded * 12 / 52) for t in cost) + 30000, rel=REL
    )


def test_missing_tier_cost_is_a_clear_error() -> None:
    data = {"agent_monthly_cost": {"senior": 12000}}
    with pytest.raises(QuoteError, match=r"agent_monthly_cost has no cost for tier `general`"):
        inhouse_bill(data, [part(VOICE, 1, fte=1)], [VOICE], 1)


def test_no_in_house_parts_no_rows() -> None:
    data = _only(one_time=[{"name": "fit-out", "amount": 50000}])
    assert inhouse_bill(data, [], [VOICE], 1) == []
