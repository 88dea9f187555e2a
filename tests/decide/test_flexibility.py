"""Flexibility: exit costs by hand, the expected minimum against the normal closed form."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscost.decide.flexibility import (
    exit_cost,
    expected_minimum_cost,
    flexibility,
    normal_shortfall,
)
from cscost.evaluate.evaluation import evaluate
from cscost.model import Scenario

PHI_0 = 1.0 / math.sqrt(2.0 * math.pi)


def _scenario(vendor: dict[str, Any], monthly: float = 10000.0, sd: float = 0.15) -> Scenario:
    return Scenario.model_validate(
        {
            "scenario": {
                "name": "f",
                "currency": "CNY",
                "start": "2027-01",
                "months": 12,
                "interval_minutes": 60,
            },
            "queues": [
                {
                    "id": "mail",
                    "channel": "email",
                    "language": "zh",
                    "volume": {"values": [monthly] * 12},
                    "aht": "6m",
                    "hours": "24/7",
                    "target": {"respond_within": "24h", "level": 0.9},
                }
            ],
            "inhouse": {"agent_monthly_cost": {"general": 8000}},
            "vendors": [{"id": "v", **vendor}],
            "options": [{"name": "in-house", "assign": {}}, {"name": "v", "assign": {"mail": "v"}}],
            "uncertainty": {"volume": sd},
        }
    )


def _numeric_shortfall(minimum: float, mean: float, sd: float) -> float:
    """∫ max(m − x, 0) φ((x − μ)/s)/s dx by the trapezoid rule on ±12 s."""
    x = np.linspace(mean - 12 * sd, mean + 12 * sd, 400001)
    density = np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * math.sqrt(2 * math.pi))
    return float(np.trapezoid(np.maximum(minimum - x, 0.0) * density, x))


@pytest.mark.parametrize(
    ("minimum", "mean", "sd"),
    [(100.0, 100.0, 15.0), (120.0, 100.0, 15.0), (80.0, 100.0, 10.0), (100.0, 130.0, 40.0)],
)
def test_normal_shortfall_against_integration(minimum: float, mean: float, sd: float) -> None:
    """Closed form (m − μ)Φ(z) + sφ(z) against numerical integration."""
    assert normal_shortfall(minimum, mean, sd) == pytest.approx(
        _numeric_shortfall(minimum, mean, sd), rel=1e-7
    )


def test_normal_shortfall_limits() -> None:
    """m = μ: s φ(0); s = 0: max(m − μ, 0); far above the mean: m − μ."""
    assert normal_shortfall(100.0, 100.0, 15.0) == pytest.approx(15.0 * PHI_0)
    assert normal_shortfall(120.0, 100.0, 0.0) == 20.0
    assert normal_shortfall(80.0, 100.0, 0.0) == 0.0
    assert normal_shortfall(1000.0, 100.0, 1.0) == pytest.approx(900.0)


def test_expected_minimum_of_a_per_contact_quote() -> None:
    """1.00 per contact, 10,000 contacts, a 10,000 minimum, volume sd 15 %, tax 6 %:
    each month E = 1500 φ(0) = 598.41; twelve months × 1.06."""
    scenario = _scenario(
        {"fees": [{"kind": "per_contact", "rate": 1.0}], "minimum_monthly": 10000, "tax_rate": 0.06}
    )
    result = flexibility(scenario, evaluate(scenario))
    vendor = result["v"].vendors[0]
    assert vendor.expected_minimum_cost == pytest.approx(12 * 1500 * PHI_0 * 1.06, rel=1e-6)
    assert vendor.forecast_minimum_cost == pytest.approx(0.0, abs=1e-6)
    assert result["in-house"].cost == 0.0
    assert result["in-house"].vendors == ()


def test_forecast_shortfall_matches_the_bill() -> None:
    """8,000 contacts against a 10,000 minimum: the bill's shortfall rows plus their tax."""
    scenario = _scenario(
        {
            "fees": [{"kind": "per_contact", "rate": 1.0}],
            "minimum_monthly": 10000,
            "tax_rate": 0.06,
        },
        monthly=8000.0,
        sd=0.0,
    )
    result = evaluate(scenario)
    rows = [r.amount for r in result.option("v").rows if r.kind == "minimum_monthly"]
    vendor = flexibility(scenario, result)["v"].vendors[0]
    assert vendor.forecast_minimum_cost == pytest.approx(math.fsum(rows) * 1.06, rel=1e-9)
    assert vendor.forecast_minimum_cost == pytest.approx(12 * 2000 * 1.06, rel=1e-6)
    assert vendor.expected_minimum_cost == pytest.approx(vendor.forecast_minimum_cost)


def test_simulated_shortfall_replaces_the_normal_approximation() -> None:
    scenario = _scenario(
        {"fees": [{"kind": "per_contact", "rate": 1.0}], "minimum_monthly": 10000, "tax_rate": 0.1}
    )
    result = flexibility(scenario, evaluate(scenario), {"v": 1000.0})
    assert result["v"].vendors[0].expected_minimum_cost == pytest.approx(1100.0)


def test_exit_costs_by_hand() -> None:
    """Fee 50,000 (USD at 7), trial 3, notice 2, minimum 1,000 USD escalated 10 % a year.

    After the trial (t = 3): no fee; notice minimums 2 × 1000 × 7 = 14,000.
    After 12 months: fee 350,000 + 2 × 1000 × 1.1 × 7 = 15,400.
    """
    scenario = Scenario.model_validate(
        {
            **_scenario({"fees": [{"kind": "per_contact", "rate": 1.0}]}).model_dump(
                by_alias=True, exclude_none=True, mode="json"
            ),
            "scenario": {
                "name": "f",
                "currency": "CNY",
                "start": "2027-01",
                "months": 12,
                "interval_minutes": 60,
                "fx": {"USD": 7.0},
            },
            "vendors": [
                {
                    "id": "v",
                    "currency": "USD",
                    "term_months": 24,
                    "trial_months": 3,
                    "notice_months": 2,
                    "termination_fee": 50000,
                    "minimum_monthly": 1000,
                    "escalation": {"rate": 0.1, "every_months": 12},
                    "fees": [{"kind": "per_contact", "rate": 1.0}],
                }
            ],
        }
    )
    vendor = scenario.vendors[0]
    assert exit_cost(scenario, vendor, 3) == pytest.approx(14000.0)
    assert exit_cost(scenario, vendor, 12) == pytest.approx(350000.0 + 15400.0)
    # past the term: no fee
    assert exit_cost(scenario, vendor, 24) == pytest.approx(2 * 1000 * 7 * 1.1**2)
    figures = flexibility(scenario, evaluate(scenario))["v"]
    assert figures.vendors[0].exit_after_trial == pytest.approx(14000.0)
    assert figures.cost == pytest.approx(365400.0 + figures.vendors[0].expected_minimum_cost)
    assert figures.to_dict()["vendors"][0]["notice_months"] == 2


def test_no_trial_means_the_fee_applies_at_once() -> None:
    scenario = _scenario(
        {"fees": [{"kind": "per_contact", "rate": 1.0}], "termination_fee": 900, "term_months": 6}
    )
    vendor = scenario.vendors[0]
    assert exit_cost(scenario, vendor, 0) == 900.0
    assert exit_cost(scenario, vendor, 12) == 0.0  # the 6-month term has ended


def test_expected_minimum_cost_sums_months() -> None:
    assert expected_minimum_cost([100.0, 0.0], [100.0, 50.0], 0.1) == pytest.approx(10 * PHI_0)


@given(
    minimum=st.floats(0, 1e6),
    mean=st.floats(0, 1e6),
    sd=st.floats(1e-3, 1e5),
)
def test_shortfall_parity(minimum: float, mean: float, sd: float) -> None:
    """E[(m − X)⁺] − E[(X − m)⁺] = m − μ, and the shortfall is never below max(m − μ, 0)."""
    short = normal_shortfall(minimum, mean, sd)
    excess = normal_shortfall(-minimum, -mean, sd)
    assert short - excess == pytest.approx(minimum - mean, abs=1e-9 * (1e6 + sd))
    assert short >= max(minimum - mean, 0.0) - 1e-9 * (1e6 + sd)
