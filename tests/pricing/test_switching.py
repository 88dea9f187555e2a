"""Switching costs of an option (DESIGN.md, "Switching costs") on hand-computed rows.

A 4-month scenario, agent 8,000 a month, no burden; the vendor charges 10,000 per FTE
plus 6 % tax; its part works 10 FTE every month, so its charges V = 100,000 a month
before tax.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from cscost.evaluate.evaluation import evaluate
from cscost.model import Scenario
from cscost.pricing.providers import option_priced_lines, priced_rows
from cscost.pricing.switching import TeamChange

from .helpers import part, pick, queue

Q = queue("email", "email", "zh", "general")
REL = 1e-12


def _scenario(**option: Any) -> Scenario:
    data: dict[str, Any] = {
        "scenario": {"name": "t", "currency": "CNY", "start": "2027-01", "months": 4},
        "workforce": {"attrition": 0.0},
        "queues": [
            {
                "id": "email",
                "channel": "email",
                "language": "zh",
                "volume": {"monthly": 1000},
                "aht": "6m",
                "hours": "24/7",
                "target": {"respond_within": "24h", "level": 0.9},
            }
        ],
        "inhouse": {
            "agent_monthly_cost": {"general": 8000},
            "existing_team": 10,
            "severance": {"months_per_year": 1, "tenure_years": 3, "notice_months": 1},
        },
        "vendors": [
            {"id": "v", "fees": [{"kind": "per_fte_month", "rate": 10000}], "tax_rate": 0.06}
        ],
        "options": [{"name": "v", "assign": {"email": "v"}, **option}],
    }
    return Scenario.model_validate(data)


def _rows(scenario: Scenario) -> list[Any]:
    option = scenario.resolved_options()[0]
    change = TeamChange(
        starts={},
        released={"email": 10.0},
        leaving=(part(Q, 4, fte=10),),
        leaving_starts={"email": 10.0},
    )
    priced = option_priced_lines(scenario, option, {"v": [part(Q, 4, fte=10)]}, change)
    return priced_rows(scenario, option.name, priced)


def test_dual_running_months_then_severance() -> None:
    """transition 2 months: the leaving team's agents 10 × 8,000 = 80,000 in months 0
    and 1 (rows "dual running: agents", category setup); then 10 FTE released in month 2
    at (1 × 3 + 1) × 8,000 = 32,000 each = 320,000.00 (attrition 0)."""
    rows = _rows(_scenario(transition={"months": 2}))
    dual = pick(rows, line="dual running: agents")
    assert [(r.month_index, r.quantity, r.rate, r.amount) for r in dual] == [
        (0, 10, 8000, 80_000),
        (1, 10, 8000, 80_000),
    ]
    assert {r.category for r in dual} == {"setup"}
    severance = pick(rows, line="severance")
    assert [(r.month_index, r.quantity, r.rate, r.amount) for r in severance] == [
        (2, 10, 32_000, 320_000)
    ]
    assert severance[0].provider == "inhouse"


def test_option_costs_monthly_one_time_and_percent_of_vendor() -> None:
    """management 30,000 a month (4 rows = 120,000); transition project 200,000 once in
    month 1; governance 4 % × V = 4 % × 100,000 = 4,000 a month (tax excluded)."""
    costs = [
        {"name": "vendor management", "category": "management", "monthly": 30000},
        {"name": "governance", "category": "management", "percent_of_vendor": 0.04},
        {"name": "transition project", "category": "setup", "one_time": 200000, "month": 1},
    ]
    rows = _rows(_scenario(costs=costs))
    management = pick(rows, line="vendor management")
    assert [r.amount for r in management] == [30_000] * 4
    governance = pick(rows, line="governance")
    assert [(r.quantity, r.rate) for r in governance] == [(100_000, 0.04)] * 4
    assert [r.amount for r in governance] == pytest.approx([4_000] * 4, rel=REL)
    project = pick(rows, line="transition project")
    assert [(r.month_index, r.amount, r.category) for r in project] == [(1, 200_000, "setup")]
    assert {r.provider for r in management + governance + project} == {"*"}
    severance = pick(rows, line="severance")  # no transition: released in month 0
    assert [(r.month_index, r.amount) for r in severance] == [(0, 320_000)]


def test_recoverable_vat_is_out_of_the_cost_view_only() -> None:
    """tax_recoverable: total = cash total − Σ tax rows exactly; NPV on the same rows."""
    data = _scenario().model_dump(by_alias=True, exclude_none=True)
    data["vendors"] = [{**data["vendors"][0], "tax_recoverable": True}]
    scenario = Scenario.model_validate(data)
    result = evaluate(scenario).option("v")
    tax = [r.amount for r in result.rows if r.category == "tax"]
    assert tax
    assert all(t > 0 for t in tax)
    assert result.total == math.fsum(r.amount for r in result.rows if r.category != "tax")
    assert result.cash_total == math.fsum(r.amount for r in result.rows)
    assert result.cash_total - result.total == pytest.approx(math.fsum(tax), rel=REL)
    plain = evaluate(_scenario()).option("v")
    assert plain.total == plain.cash_total == result.cash_total
    assert evaluate(scenario).to_dict()["view"] == "recoverable_tax_excluded"


def test_monte_carlo_without_uncertainty_equals_the_bill_with_switching_costs() -> None:
    """Zero uncertainty: every sample's total is evaluate's cost-view total."""
    import numpy as np

    from cscost.evaluate.montecarlo import monte_carlo

    data = _scenario(
        transition={"months": 2},
        costs=[{"name": "governance", "category": "management", "percent_of_vendor": 0.04}],
    ).model_dump(by_alias=True, exclude_none=True)
    data["vendors"] = [{**data["vendors"][0], "tax_recoverable": True}]
    data["options"] = [*data["options"], {"name": "inhouse"}]
    scenario = Scenario.model_validate(data)
    evaluation = evaluate(scenario)
    risk = monte_carlo(scenario, np.random.default_rng(1), samples=3)
    for option in evaluation.options:
        np.testing.assert_allclose(risk.option(option.name).total, option.total, rtol=1e-12)
    assert any(r.line == "dual running: agents" for r in evaluation.option("v").rows)
