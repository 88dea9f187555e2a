"""The tornado: each uncertain input at 1 ± its sd, checked on bills computed by hand."""

from __future__ import annotations

import math
from typing import Any

import pytest

from cscost.decide.sensitivity import (
    P90_Z,
    scaled_aht,
    scaled_attrition,
    scaled_fx,
    sensitivity,
)
from cscost.model import Scenario

MONTHLY = 2000.0


def _scenario(uncertainty: dict[str, Any] | None = None) -> Scenario:
    """One e-mail queue; a per-contact vendor in USD, a per-FTE vendor with hiring fees."""
    return Scenario.model_validate(
        {
            "scenario": {
                "name": "s",
                "currency": "CNY",
                "start": "2027-01",
                "months": 12,
                "interval_minutes": 60,
                "fx": {"USD": 7.0, "EUR": 8.0},
            },
            "queues": [
                {
                    "id": "mail",
                    "channel": "email",
                    "language": "zh",
                    "volume": {"values": [MONTHLY] * 12},
                    "aht": "6m",
                    "hours": "24/7",
                    "target": {"respond_within": "24h", "level": 0.9},
                }
            ],
            "vendors": [
                {"id": "pc", "currency": "USD", "fees": [{"kind": "per_contact", "rate": 1.0}]},
                {
                    "id": "fte",
                    "fees": [
                        {"kind": "per_fte_month", "rate": 10000},
                        {"kind": "per_new_hire", "amount": 1000},
                    ],
                },
            ],
            "options": [
                {"name": "pc", "assign": {"mail": "pc"}},
                {"name": "fte", "assign": {"mail": "fte"}},
            ],
            "uncertainty": uncertainty or {"volume": 0.2, "aht": 0.1, "fx": 0.05},
        }
    )


def test_per_contact_bill_moves_with_volume_and_fx_only() -> None:
    """Total = 1 USD × 7 × 2000 × 12 = 168,000: volume ±20 % → ±33,600, fx ±5 % → ±8,400."""
    tornado = sensitivity(_scenario())
    pc = tornado.option("pc")
    assert pc.base_total == pytest.approx(168000.0, rel=1e-9)
    bars = {b.input: b for b in pc.bars}
    # only currencies a vendor quotes in are inputs (EUR is in the fx table but unused)
    assert set(bars) == {"volume", "aht", "fx:USD", "attrition"}
    assert bars["volume"].low_change == pytest.approx(-33600.0, rel=1e-6)
    assert bars["volume"].high_change == pytest.approx(33600.0, rel=1e-6)
    assert (bars["volume"].low_factor, bars["volume"].high_factor) == (0.8, 1.2)
    assert bars["fx:USD"].high_change == pytest.approx(8400.0, rel=1e-9)
    assert bars["aht"].swing == 0.0
    # sorted by swing, widest first
    assert [b.input for b in pc.bars][:2] == ["volume", "fx:USD"]
    assert pc.spread == pytest.approx(P90_Z * math.hypot(33600.0, 8400.0), rel=1e-6)


def test_per_fte_bill_moves_with_aht_and_attrition() -> None:
    """A per-FTE bill reacts to handle time (hours) and attrition (hiring fees), not to fx."""
    tornado = sensitivity(_scenario())
    bars = {b.input: b for b in tornado.option("fte").bars}
    assert bars["aht"].low_change < 0 < bars["aht"].high_change
    assert bars["attrition"].low_change < 0 < bars["attrition"].high_change
    assert bars["fx:USD"].swing == 0.0
    swings = [b.swing for b in tornado.option("fte").bars]
    assert swings == sorted(swings, reverse=True)


def test_zero_sd_moves_the_input_by_ten_percent() -> None:
    """sd 0 → ±10 %: the per-contact total moves by ±16,800 with volume."""
    tornado = sensitivity(_scenario({"volume": 0.0}))
    bars = {b.input: b for b in tornado.option("pc").bars}
    assert (bars["volume"].low_factor, bars["volume"].high_factor) == (0.9, 1.1)
    assert bars["volume"].high_change == pytest.approx(16800.0, rel=1e-6)
    assert bars["attrition"].low_factor == 0.9


def test_transforms_scale_only_their_input() -> None:
    scenario = _scenario()
    assert scaled_aht(scenario, 1.5).queues[0].aht_s == pytest.approx(540.0)
    assert scaled_fx(scenario, "USD", 1.1).scenario.fx == {"USD": pytest.approx(7.7), "EUR": 8.0}
    assert scaled_attrition(scenario, 2.0).workforce.attrition == pytest.approx(
        2 * scenario.workforce.attrition
    )
    assert scenario.queues[0].aht_s == 360.0  # the original is untouched


def test_to_dict_and_frame() -> None:
    tornado = sensitivity(_scenario())
    doc = tornado.to_dict()
    assert doc["currency"] == "CNY"
    assert [o["option"] for o in doc["options"]] == ["pc", "fte"]
    assert set(doc["options"][0]["bars"][0]) >= {"input", "low_change", "high_change", "swing"}
    assert len(tornado.to_frame()) == 8


def test_spread_counts_only_the_rise_of_a_floored_bill() -> None:
    """1.00 per contact with a minimum at the forecast: volume −20 % leaves the bill at the
    minimum (no change), +20 % adds 24,000 (12 × 2,000 contacts); the spread is
    1.2816 × 24,000, not 1.2816 × swing / 2."""
    data = _scenario().model_dump(by_alias=True, exclude_none=True, mode="json")
    data["vendors"] = [
        {"id": "pc", "fees": [{"kind": "per_contact", "rate": 1.0}], "minimum_monthly": MONTHLY}
    ]
    data["options"] = [{"name": "pc", "assign": {"mail": "pc"}}]
    data["uncertainty"] = {"volume": 0.2}
    tornado = sensitivity(Scenario.model_validate(data)).option("pc")
    volume = next(b for b in tornado.bars if b.input == "volume")
    assert volume.low_change == pytest.approx(0.0, abs=1e-6)
    assert volume.high_change == pytest.approx(0.2 * MONTHLY * 12, rel=1e-6)
    assert volume.rise == volume.high_change
    assert tornado.spread == pytest.approx(P90_Z * 0.2 * MONTHLY * 12, rel=1e-6)


@pytest.mark.parametrize("example", ["bank", "ecommerce"])
def test_staged_tornado_equals_each_run_priced_on_its_own(example: str) -> None:
    """The volume and AHT runs staffed at once first (``staged``) give the totals of each
    run evaluated on its own with a fresh staffer, bit for bit."""
    from pathlib import Path

    from cscost.decide.quality import option_costs
    from cscost.decide.sensitivity import relative_step
    from cscost.io import load_scenario

    scenario = load_scenario(Path(__file__).parents[2] / "examples" / f"{example}.yaml")
    sd = scenario.uncertainty
    runs = {
        "volume": lambda k: option_costs(scenario, volume_scale=k),
        "aht": lambda k: option_costs(scaled_aht(scenario, k)),
        "attrition": lambda k: option_costs(scaled_attrition(scenario, k)),
    }
    steps = {"volume": sd.volume, "aht": sd.aht, "attrition": sd.attrition}
    tornado = sensitivity(scenario)
    base = option_costs(scenario)
    for item in tornado.options:
        assert item.base_total == base[item.option][0]
    for name, run in runs.items():
        step = relative_step(steps[name])
        low, high = run(1.0 - step), run(1.0 + step)
        for item in tornado.options:
            bar = next(b for b in item.bars if b.input == name)
            assert (bar.low_total, bar.high_total) == (low[item.option][0], high[item.option][0])
