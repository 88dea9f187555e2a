"""What-if adjustments (``adjustments:``): each multiplier against the scenario written scaled
by hand, and a vendor's rate change against a bill computed by hand."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from cscost import ScenarioError, evaluate
from cscost.io import load_scenario
from cscost.model import Scenario


def _data(**adjustments: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "scenario": {
            "name": "adjust",
            "currency": "CNY",
            "start": "2027-03",
            "months": 2,
            "interval_minutes": 60,
            "fx": {"USD": 7.0},
        },
        "queues": [
            {
                "id": "mail",
                "channel": "email",
                "language": "zh",
                "volume": {"values": [10000, 12000]},
                "aht": "6m",
                "hours": "24/7",
                "target": {"respond_within": "24h", "level": 0.9},
                "max_occupancy": 1.0,
                "shrinkage": 0.0,
            },
            {
                "id": "voice",
                "channel": "voice",
                "language": "zh",
                "volume": {"monthly": 20000},
                "aht": "5m",
                "hours": "Mon-Fri 09:00-18:00",
                "target": {"answer_within": "20s", "level": 0.8},
            },
        ],
        "inhouse": {"agent_monthly_cost": {"general": 10000}},
        "vendors": [
            {
                "id": "v",
                "currency": "USD",
                "fees": [
                    {"kind": "per_productive_hour", "name": "hours", "rate": 10},
                    {"kind": "fixed_monthly", "name": "platform", "amount": 1000},
                ],
                "minimum_monthly": 20000,
                "tax_rate": 0.06,
            }
        ],
    }
    if adjustments:
        data["adjustments"] = adjustments
    return data


def _totals(data: dict[str, Any]) -> dict[str, float]:
    result = evaluate(Scenario.model_validate(data))
    return {o.name: o.total for o in result.options}


def test_no_adjustments_and_identity_adjustments_give_the_same_numbers() -> None:
    assert _totals(_data(volume=1.0, aht=1.0, fx={"USD": 1.0}, rates={"v": 1.0})) == _totals(
        _data()
    )


def test_volume_multiplier_equals_the_volumes_written_scaled() -> None:
    scaled = _data()
    scaled["queues"][0]["volume"] = {"values": [10000 * 1.2, 12000 * 1.2]}
    scaled["queues"][1]["volume"] = {"monthly": 20000 * 1.2}
    assert _totals(_data(volume=1.2)) == _totals(scaled)


def test_aht_multiplier_equals_the_aht_written_scaled() -> None:
    scaled = _data()
    scaled["queues"][0]["aht"] = 360 * 1.1
    scaled["queues"][1]["aht"] = 300 * 1.1
    assert _totals(_data(aht=1.1)) == _totals(scaled)


def test_fx_multiplier_equals_the_rate_written_scaled() -> None:
    scaled = _data()
    scaled["scenario"]["fx"] = {"USD": 7.0 * 1.05}
    assert _totals(_data(fx={"USD": 1.05})) == _totals(scaled)


def test_rate_change_scales_fee_lines_and_tax_but_not_the_minimum() -> None:
    base = evaluate(Scenario.model_validate(_data()))
    cut = evaluate(Scenario.model_validate(_data(rates={"v": 0.5})))
    option = next(o for o in base.options if o.name != "inhouse").name

    def rows(result: Any, kind: str) -> list[Any]:
        return [r for r in result.bill if r.option == option and r.kind == kind]

    def month_sum(i: int, kinds: tuple[str, ...]) -> float:
        return sum(
            r.amount
            for r in cut.bill
            if r.option == option and r.month_index == i and r.kind in kinds
        )

    hours = rows(base, "per_productive_hour")
    # by hand: the productive hours of the month × 10 USD × 0.5 × 7 CNY/USD
    for before, after in zip(hours, rows(cut, "per_productive_hour"), strict=True):
        assert after.quantity == before.quantity
        assert after.rate == pytest.approx(10 * 0.5)
        assert after.amount == pytest.approx(before.quantity * 10 * 0.5 * 7.0)
    for row in rows(cut, "fixed_monthly"):
        assert row.amount == pytest.approx(1000 * 0.5 * 7.0)
    # the minimum stays 20,000 USD: the halved fees fall short of it by 20,000 × 7 − fees
    shortfalls = rows(cut, "minimum_monthly")
    assert len(shortfalls) == 2
    assert not rows(base, "minimum_monthly")
    for i, row in enumerate(shortfalls):
        fees = month_sum(i, ("per_productive_hour", "fixed_monthly"))
        assert row.amount == pytest.approx(20000 * 7.0 - fees)
    taxes = rows(cut, "tax_rate")
    assert len(taxes) == 2
    for i, row in enumerate(taxes):
        charged = month_sum(i, ("per_productive_hour", "fixed_monthly", "minimum_monthly"))
        assert row.amount == pytest.approx(0.06 * charged)
    in_house = [o.total for o in base.options if o.name == "inhouse"]
    assert len(in_house) == 1
    assert in_house == [o.total for o in cut.options if o.name == "inhouse"]


def test_unknown_vendor_and_currency_are_located_errors(tmp_path: Path) -> None:
    data = copy.deepcopy(_data(fx={"EUR": 1.1}, rates={"vv": 0.9}))
    with pytest.raises(ScenarioError) as caught:
        Scenario.model_validate(data)
    paths = {issue.path: issue for issue in caught.value.issues}
    assert "adjustments.fx.EUR" in paths
    assert "did you mean `v`" in paths["adjustments.rates.vv"].message
    text = Path(tmp_path / "s.yaml")
    text.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as located:
        load_scenario(text)
    assert all(issue.line is not None for issue in located.value.issues)


def test_a_multiplier_must_be_positive() -> None:
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(_data(volume=0))
    assert caught.value.errors()[0]["loc"] == ("adjustments", "volume")
