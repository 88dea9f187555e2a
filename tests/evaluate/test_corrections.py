"""Corrections found by an independent recomputation (issue 12, item 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app
from cscost.errors import ArgumentError, ScenarioError
from cscost.evaluate.evaluation import evaluate
from cscost.evaluate.repeats import repeat_factor
from cscost.io import load_scenario
from cscost.model import Scenario
from cscost.pricing.surcharge import surcharge_label
from cscost.staffing.queueing import queue_metrics, required_agents

cscost.cli._register()


def _scenario(**extra: Any) -> Scenario:
    data: dict[str, Any] = {
        "scenario": {
            "name": "t",
            "currency": "CNY",
            "start": "2027-01",
            "months": 2,
            "interval_minutes": 60,
        },
        "queues": [
            {
                "id": "voice",
                "channel": "voice",
                "language": "zh",
                "volume": {"monthly": 20000},
                "aht": "300s",
                "hours": "Mon-Fri 09:00-18:00",
                "target": {"answer_within": "20s", "level": 0.8},
                "patience": "60s",
                "fcr": 0.7,
            }
        ],
        "inhouse": {"agent_monthly_cost": {"general": 8000}},
        "vendors": [
            {
                "id": "pc",
                "fees": [
                    {"kind": "per_contact", "rate": 1.0},
                    {"kind": "per_minute", "rate": 1.0},
                ],
            }
        ],
    }
    data.update(extra)
    return Scenario.model_validate(data)


def test_per_contact_and_per_minute_bill_handled_contacts() -> None:
    """handled = Σ_d n_d Σ_t volume × (1 − P(abandon) at the planned N), recomputed here
    with queue_metrics (Erlang A, patience 60 s); minutes = handled × 300 / 60."""
    scenario = _scenario()
    result = evaluate(scenario).option("pc")
    part = result.parts[0]
    plan = part.plan
    counts = scenario.horizon.weekday_counts.astype(float)
    handled = np.zeros(2)
    for i in range(2):
        busy = plan.interval_volume[i] > 0
        m = queue_metrics(
            plan.agents[i][busy],
            plan.interval_volume[i][busy],
            3600.0,
            300.0,
            20.0,
            patience_s=60.0,
        )
        per_cell = np.zeros_like(plan.interval_volume[i])
        per_cell[busy] = plan.interval_volume[i][busy] * (1.0 - m.p_abandon)
        handled[i] = (per_cell.sum(axis=1) * counts[i]).sum()
    rows = [r for r in result.rows if r.kind == "per_contact"]
    assert [r.quantity for r in rows] == pytest.approx(handled, rel=1e-9)
    assert all(r.quantity < v for r, v in zip(rows, plan.volume, strict=True))  # some abandon
    minutes = [r.quantity for r in result.rows if r.kind == "per_minute"]
    assert minutes == pytest.approx(handled * 5.0, rel=1e-9)


def test_repeat_model_compares_with_the_inhouse_fcr() -> None:
    """Vendor FCR 0.8, in-house 0.72 (inhouse.kpis.fcr over the queue's 0.7):
    factor (2 − 0.8) / (2 − 0.72) = 1.2 / 1.28 = 0.9375; in-house 1."""
    vendors = [{"id": "pc", "fees": [{"kind": "per_contact", "rate": 1}], "kpis": {"fcr": 0.8}}]
    scenario = _scenario(
        quality={"repeat_contacts": True},
        vendors=vendors,
        inhouse={"agent_monthly_cost": {"general": 8000}, "kpis": {"fcr": 0.72}},
    )
    factor = repeat_factor(scenario)
    assert factor is not None
    assert factor("voice", "pc") == pytest.approx(1.2 / 1.28, rel=1e-15)
    assert factor("voice", "inhouse") == 1.0


def test_repeat_model_without_any_inhouse_fcr_says_so() -> None:
    data = _scenario().model_dump(by_alias=True, exclude_none=True)
    del data["queues"][0]["fcr"]
    data["quality"] = {"repeat_contacts": True}
    data["vendors"][0]["kpis"] = {"fcr": 0.5}
    scenario = Scenario.model_validate(data)
    factor = repeat_factor(scenario)
    assert factor is not None
    assert factor("voice", "pc") == 1.0  # never compared with a perfect in-house team
    notes = evaluate(scenario).to_dict()["notes"]
    assert {"code": "repeat_contacts_without_inhouse_fcr", "subject": "voice"} in notes


def test_shrinkage_above_the_limit_is_noted() -> None:
    scenario = _scenario(workforce={"shrinkage": 0.7})
    codes = {n["code"] for n in evaluate(scenario).to_dict()["notes"]}
    assert "shrinkage_above_limit" in codes


def test_a_volume_that_cannot_be_staffed_is_a_located_error(tmp_path: Path) -> None:
    text = Path("examples/ecommerce.yaml").read_text(encoding="utf-8")
    text = text.replace("      monthly: 42000", "      monthly: 1.0e300", 1)
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    issue = next(i for i in info.value.issues if i.path == "queues[0].volume.monthly")
    # refused at the field by the input bounds (issue 15) before staffing could overflow
    assert "over the limit" in issue.message or "beyond what can be staffed" in issue.message
    assert issue.line is not None


def test_required_agents_never_overflow() -> None:
    with pytest.raises(ArgumentError, match="required agents exceed|volume must be"):
        required_agents(1e300, 900, 300, 20, 0.8)


def test_staff_says_when_agents_are_below_traffic() -> None:
    """Erlang A with short patience and a loose target can plan N < A."""
    args = ["staff", "--volume", "400", "--interval", "15m", "--aht", "300s"]
    result = CliRunner().invoke(app, [*args, "--target", "80/20", "--patience", "10s"])
    assert result.exit_code == 0, result.output
    assert "required agents: 109" in result.output  # traffic 400 × 300 / 900 = 133.3
    assert "fewer than the traffic of 133.333 erlangs" in result.output
    capped = CliRunner().invoke(app, [*args, "--target", "80/20", "--max-occupancy", "0.9"])
    assert "fewer than the traffic" not in capped.output


def test_two_surcharges_with_one_label_are_told_apart() -> None:
    from cscost.model import Vendor

    vendor = Vendor.model_validate(
        {
            "id": "v",
            "fees": [
                {"kind": "per_fte_month", "rate": 1},
                {"kind": "per_paid_hour", "name": "hours", "rate": 1},
                {"kind": "surcharge", "window": "night", "percent": 0.2, "on": ["per_fte_month"]},
                {"kind": "surcharge", "window": "night", "percent": 0.1, "on": ["hours"]},
            ],
        }
    )
    labels = {surcharge_label(f, vendor.fees) for f in vendor.fees if f.kind == "surcharge"}
    assert labels == {"surcharge on per_fte_month (night)", "surcharge on hours (night)"}


def test_renewal_rate_change_past_the_term() -> None:
    """term 1 month, renewal +5 %: month 1's per-contact rate is 1 × 1.05."""
    vendors = [
        {
            "id": "pc",
            "term_months": 1,
            "renewal": {"rate_change": 0.05},
            "fees": [{"kind": "per_contact", "rate": 1.0}],
        }
    ]
    rows = evaluate(_scenario(vendors=vendors)).option("pc").rows
    assert [r.rate for r in rows if r.kind == "per_contact"] == [1.0, 1.05]
    audit = evaluate(_scenario(vendors=vendors)).audit
    assert next(f for f in audit if f.category == "renewal").status == "charged"
    vendors[0].pop("renewal")
    audit = evaluate(_scenario(vendors=vendors)).audit
    assert next(f for f in audit if f.category == "renewal").status == "missing"
