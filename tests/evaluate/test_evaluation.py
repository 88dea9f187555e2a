"""evaluate(): totals, NPV, unit costs and ranking from the bill, checked by hand."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from cscost.evaluate.evaluation import evaluate, npv
from cscost.model import Scenario
from cscost.report.words import evaluation_document


def _scenario(**extra: Any) -> Scenario:
    data: dict[str, Any] = {
        "scenario": {
            "name": "t",
            "currency": "CNY",
            "start": "2027-01",
            "months": 12,
            "interval_minutes": 60,
            "discount_rate": 0.10,
            "fx": {"USD": 7.0},
        },
        "queues": [
            {
                "id": "email",
                "channel": "email",
                "language": "zh",
                "volume": {"values": [1000.0] * 12},
                "aht": "6m",
                "hours": "24/7",
                "target": {"respond_within": "24h", "level": 0.9},
                "fcr": 0.5,
            },
        ],
        "inhouse": {"agent_monthly_cost": {"general": 10000}},
        "vendors": [
            {
                "id": "flat",
                "currency": "USD",
                "fees": [{"kind": "fixed_monthly", "name": "all in", "amount": 1000}],
                "kpis": {"fcr": 0.8},
            },
            {"id": "pc", "fees": [{"kind": "per_contact", "rate": 9.0}], "tax_rate": 0.06},
        ],
    }
    data.update(extra)
    return Scenario.model_validate(data)


def test_npv_by_hand() -> None:
    """NPV = Σ cost[i]·(1 + r)^(−i/12): 100 a month for 3 months at 12 %."""
    expected = 100 + 100 / 1.12 ** (1 / 12) + 100 / 1.12 ** (2 / 12)
    assert npv(np.array([100.0, 100.0, 100.0]), 0.12) == pytest.approx(expected, rel=1e-15)


def test_default_options_totals_and_ranking() -> None:
    """Default options: in-house, then each vendor for all queues.

    flat: 1000 USD × 7.0 = 7000 CNY a month, 84,000 in all; per resolved contact:
    84,000 / (12 × 1000 × 0.8). pc: 1000 × 9.0 × 1.06 = 9540 a month.
    """
    result = evaluate(_scenario())
    names = [o.name for o in result.options]
    assert names == ["inhouse", "flat", "pc"]
    flat = result.option("flat")
    assert flat.total == pytest.approx(84_000.0, rel=1e-12)
    assert flat.cost_per_contact == pytest.approx(7.0)
    assert flat.cost_per_resolved_contact == pytest.approx(84_000 / 9600)
    disc = sum(7000 / 1.10 ** (i / 12) for i in range(12))
    assert flat.npv == pytest.approx(disc, rel=1e-12)
    pc = result.option("pc")
    assert pc.total == pytest.approx(12 * 9540.0, rel=1e-12)
    assert pc.cost_per_resolved_contact == pytest.approx(12 * 9540 / 6000)  # queue FCR 0.5
    assert flat.rank < pc.rank
    assert sorted(o.rank for o in result.options) == [1, 2, 3]


def test_bill_rows_sum_to_totals_exactly() -> None:
    result = evaluate(_scenario())
    for option in result.options:
        rows = [r.amount for r in result.bill if r.option == option.name]
        assert math.fsum(rows) == option.total
        monthly = [
            math.fsum(
                r.amount for r in result.bill if r.option == option.name and r.month_index == i
            )
            for i in range(12)
        ]
        assert monthly == pytest.approx(option.monthly_cost.tolist(), rel=1e-15)


def test_json_shape_is_stable() -> None:
    doc = evaluation_document(evaluate(_scenario()))  # to_dict() with the audit in words
    assert set(doc) >= {"currency", "options", "bill", "audit"}
    assert doc["currency"] == "CNY"
    option = doc["options"][0]
    assert set(option) >= {
        "name",
        "total",
        "npv",
        "cost_per_contact",
        "cost_per_resolved_contact",
        "fte",
        "rank",
    }
    row = doc["bill"][0]
    assert set(row) >= {"option", "provider", "queue", "line", "category", "month", "amount"}
    assert row["month"] == "2027-01"
    audit = {(a["vendor"], a["category"]): a for a in doc["audit"]}
    assert audit[("pc", "tax")]["status"] == "charged"
    assert audit[("flat", "setup")]["status"] == "missing"
    assert audit[("flat", "setup")]["question"]


def test_rates_by_language_count_as_a_language_surcharge() -> None:
    """A rate table priced per language answers the language-surcharge question."""
    from cscost.evaluate.audit import audit_vendor

    scenario = _scenario()
    vendor = scenario.vendors[1].model_copy(
        update={
            "fees": (
                scenario.vendors[1].fees[0].model_copy(update={"rate": {"zh": 9.0, "en": 11.0}}),
            )
        }
    )
    status = {f.category: f.status for f in audit_vendor(vendor, frozenset({"zh"}))}
    assert status["language_surcharge"] == "charged"
    plain = {f.category: f.status for f in audit_vendor(scenario.vendors[1], frozenset({"zh"}))}
    assert plain["language_surcharge"] == "missing"
