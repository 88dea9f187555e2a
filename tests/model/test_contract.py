"""The scenario contract: DESIGN.md's sketch validates, round-trips, and resolves as documented."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

import cscost.model as model
from cscost.io import load_scenario
from cscost.model import (
    FEE_KINDS,
    INHOUSE,
    OpeningHours,
    PerContactFee,
    PerFteMonthFee,
    Scenario,
    SurchargeFee,
)

SKETCH = Path(__file__).parent / "data" / "design_sketch.yaml"


@pytest.fixture(scope="module")
def sketch() -> Scenario:
    return load_scenario(SKETCH)


@pytest.fixture
def data(sketch: Scenario) -> dict[str, Any]:
    return copy.deepcopy(sketch.model_dump(mode="json"))


def test_design_sketch_validates(sketch: Scenario) -> None:
    assert sketch.scenario.name == "Acme Shop customer service 2027"
    assert sketch.queue_ids == ("voice-zh", "email-en")
    voice = sketch.queue("voice-zh")
    assert voice.aht_s == 320
    assert voice.patience_s == 120
    assert voice.target.answer_within_s == 20
    assert voice.target.level == 0.8
    assert voice.hours.always_open
    email = sketch.queue("email-en")
    assert email.aht_s == 540
    assert email.target.respond_within_s == 86400
    assert email.tier == "general"
    assert [f.kind for f in sketch.vendors[0].fees] == [
        "per_fte_month",
        "one_time",
        "per_new_hire",
        "surcharge",
    ]
    surcharge = sketch.vendors[0].fees[3]
    assert isinstance(surcharge, SurchargeFee)
    assert surcharge.on == ("per_fte_month",)
    tiered = sketch.vendors[1].fees[0]
    assert isinstance(tiered, PerContactFee)
    assert tiered.bands is not None
    assert [(b.up_to, b.rate) for b in tiered.bands] == [(40000, 0.95), (None, 0.80)]


def test_round_trip_through_json(sketch: Scenario) -> None:
    dumped = sketch.model_dump(mode="json")
    assert dumped["queues"][0]["aht"] == 320  # aliases on output
    assert dumped["queues"][0]["hours"] == "24/7"
    assert Scenario.model_validate(dumped) == sketch


def test_defaults(data: dict[str, Any]) -> None:
    del data["workforce"]
    del data["scoring"]
    scenario = Scenario.model_validate(data)
    work = scenario.workforce
    assert (work.shrinkage, work.max_occupancy, work.hours_per_fte_month) == (0.30, 0.85, 174)
    assert (work.attrition, work.min_agents) == (0.35, 1)
    assert scenario.scenario.locale == "en"
    assert scenario.scoring.cost == 0.5
    assert scenario.scoring.risk == 0.1
    assert scenario.uncertainty.samples == 10000  # the sketch gives 10000 too
    windows = scenario.scenario.windows
    assert windows["night"].text == "22:00-06:00"
    assert windows["weekend"].open_mask(60)[5:].all()


def test_user_windows_add_to_the_defaults(data: dict[str, Any]) -> None:
    data["scenario"]["windows"] = {"evening": "18:00-22:00"}
    windows = Scenario.model_validate(data).scenario.windows
    assert set(windows) == {"night", "weekend", "evening"}


def test_scoring_is_normalised_and_omitted_weights_are_zero(data: dict[str, Any]) -> None:
    data["scoring"] = {"cost": 3, "quality": 1}
    scoring = Scenario.model_validate(data).scoring
    assert (scoring.cost, scoring.quality, scoring.flexibility, scoring.risk) == (0.75, 0.25, 0, 0)


def test_queue_settings_precedence(sketch: Scenario) -> None:
    """Vendor assumptions, then queue overrides, then workforce (model.resolved)."""
    own = sketch.queue_settings("voice-zh")
    assert own.provider == INHOUSE
    assert (own.aht_s, own.shrinkage, own.fcr) == (320, 0.32, 0.74)
    assert own.ramp_months == 0
    vendor = sketch.queue_settings("voice-zh", "vendor-a")
    assert (vendor.aht_s, vendor.shrinkage, vendor.fcr) == (340, 0.30, 0.70)
    assert vendor.aht_s_in_month(2) == pytest.approx(340 * 1.15)
    assert vendor.aht_s_in_month(3) == 340
    assert np.allclose(vendor.aht_s_by_month(5), [391, 391, 391, 340, 340])
    b = sketch.queue_settings("email-en", "vendor-b")
    assert (b.aht_s, b.shrinkage, b.fcr, b.hours_per_fte_month) == (540, 0.32, 0.78, 174)


def test_queue_overrides_beat_workforce(data: dict[str, Any]) -> None:
    data["queues"][1].update(shrinkage=0.4, max_occupancy=0.7, min_agents=2)
    settings = Scenario.model_validate(data).queue_settings("email-en")
    assert (settings.shrinkage, settings.max_occupancy, settings.min_agents) == (0.4, 0.7, 2)


def test_default_options(data: dict[str, Any]) -> None:
    del data["options"]
    data["vendors"][1]["scope"] = ["email-en"]
    options = Scenario.model_validate(data).resolved_options()
    assert [o.name for o in options] == ["inhouse", "vendor-a", "vendor-b"]
    assert options[0].parts("voice-zh")[0].provider == INHOUSE
    assert options[1].parts("email-en")[0].provider == "vendor-a"
    assert options[2].parts("email-en")[0].provider == "vendor-b"
    assert options[2].parts("voice-zh")[0].provider == INHOUSE


def test_assignment_shares_split_by_hours(sketch: Scenario) -> None:
    night_only = sketch.options[1] if sketch.options else None
    assert night_only is not None
    assert night_only.name == "A at night only"
    vendor, house = sketch.assignment_shares(night_only, "voice-zh")
    assert vendor.provider == "vendor-a"
    assert house.provider == INHOUSE
    assert vendor.share.shape == (7, 96)
    assert vendor.share[:, :32].all()
    assert vendor.share[:, 88:].all()
    assert not vendor.share[:, 32:88].any()
    assert np.array_equal(vendor.share + house.share, np.ones((7, 96)))
    # an option that omits a queue leaves it in-house
    (email,) = sketch.assignment_shares(night_only, "email-en")
    assert email.provider == INHOUSE
    assert email.share.sum() == 5 * 36  # Mon-Fri 09:00-18:00


def test_assignment_shares_split_by_share(data: dict[str, Any]) -> None:
    data["options"] = [
        {
            "name": "half",
            "assign": {
                "voice-zh": [
                    {"provider": "vendor-a", "share": 0.3},
                    {"provider": "inhouse", "share": 0.7},
                ]
            },
        }
    ]
    scenario = Scenario.model_validate(data)
    a, b = scenario.assignment_shares(scenario.resolved_options()[0], "voice-zh")
    assert np.allclose(a.share, 0.3)
    assert np.allclose(b.share, 0.7)


def test_fee_union_and_rates(sketch: Scenario) -> None:
    fee = sketch.vendors[0].fees[0]
    assert isinstance(fee, PerFteMonthFee)
    assert fee.rounding == "none"
    assert fee.committed_fte is None
    voice = sketch.queue("voice-zh")
    assert fee.rate_for(voice) == 13800
    assert fee.audit_category == "labour"
    assert sketch.vendors[0].fees[1].audit_category == "setup"
    assert sketch.vendors[0].fees[3].audit_category == "night_surcharge"
    assert (
        model.rate_for_key({"general/zh": 1, "general": 2, "zh": 3, "*": 4}, "general", "zh") == 1
    )
    assert model.rate_for_key({"zh": 3, "*": 4}, "senior", "zh") == 3
    assert model.rate_for_key({"*": 4}, "senior", "en") == 4
    assert model.rate_for_key({"general": 4}, "senior", "en") is None
    assert len(FEE_KINDS) == 11


def test_every_fee_kind_validates(data: dict[str, Any]) -> None:
    data["vendors"][0]["fees"] = [
        {"kind": "per_fte_month", "rate": 13800, "committed_fte": 40, "rounding": "ceil"},
        {"kind": "per_productive_hour", "rate": {"zh": 80, "*": 90}},
        {"kind": "per_paid_hour", "rate": 70, "channels": ["voice"]},
        {"kind": "per_contact", "rate": 4.5, "languages": ["zh"]},
        {
            "kind": "per_contact",
            "tiers": [{"up_to": 100, "rate": 2}, {"rate": 1}],
            "tiering": "all_units",
            "skill_tiers": ["general"],
        },  # fmt: skip
        {"kind": "per_minute", "rate": 1.2, "queues": ["voice-zh"]},
        {"kind": "per_resolution", "rate": 9},
        {"kind": "fixed_monthly", "name": "platform", "amount": 5000, "category": "platform"},
        {"kind": "per_seat_month", "amount": 300},
        {"kind": "one_time", "amount": 1000, "month": "2027-06"},
        {"kind": "per_new_hire", "amount": 2000, "months": [0, "2027-02"]},
        {
            "kind": "surcharge",
            "window": "Sat-Sun 00:00-24:00",
            "percent": 0.1,
            "on": ["per_paid_hour", "platform"],
        },  # fmt: skip
    ]
    fees = Scenario.model_validate(data).vendors[0].fees
    assert [f.kind for f in fees] == [
        "per_fte_month", "per_productive_hour", "per_paid_hour", "per_contact", "per_contact",
        "per_minute", "per_resolution", "fixed_monthly", "per_seat_month", "one_time",
        "per_new_hire", "surcharge",
    ]  # fmt: skip
    assert fees[7].category == "technology"  # the synonym `platform`
    assert fees[4].tiers == ("general",)
    horizon = Scenario.model_validate(data).horizon
    assert fees[10].applies_in_month(1, horizon)
    assert not fees[10].applies_in_month(2, horizon)


def test_per_contact_names_under_tiers_are_a_skill_filter(data: dict[str, Any]) -> None:
    data["vendors"][1]["fees"][0] = {"kind": "per_contact", "rate": 1, "tiers": ["general"]}
    fee = Scenario.model_validate(data).vendors[1].fees[0]
    assert isinstance(fee, PerContactFee)
    assert fee.tiers == ("general",)
    assert fee.bands is None


def test_volume_forms(data: dict[str, Any]) -> None:
    data["queues"][1]["volume"] = {"values": [100.0] * 36}
    assert Scenario.model_validate(data).queues[1].volume.kind == "values"
    data["queues"][1]["volume"] = {"values": [1.0], "monthly": 5}
    with pytest.raises(ValidationError, match="exactly one of `monthly`, `values` or `forecast`"):
        Scenario.model_validate(data)


def test_horizon(sketch: Scenario) -> None:
    horizon = sketch.horizon
    assert horizon.labels[0] == "2027-01"
    assert horizon.labels[-1] == "2029-12"
    assert horizon.days_in_month[1] == 28
    assert horizon.days_in_month[13] == 29
    counts = horizon.weekday_counts
    assert counts.shape == (36, 7)
    assert (counts.sum(axis=1) == horizon.days_in_month).all()
    assert counts[0, 4] == 5  # January 2027 starts on a Friday: five Fridays
    assert horizon.index_of("2028-03") == 14
    assert horizon.index_of(3) == 3
    assert list(horizon.calendar_months[:3]) == [1, 2, 3]


def test_opening_hours_field_accepts_objects_and_dumps_text(data: dict[str, Any]) -> None:
    data["queues"][1]["hours"] = OpeningHours.parse("Mon-Fri 09:00-18:00")
    scenario = Scenario.model_validate(data)
    assert scenario.model_dump()["queues"][1]["hours"] == "Mon-Fri 09:00-18:00"


def test_models_are_frozen(sketch: Scenario) -> None:
    with pytest.raises(ValidationError):
        sketch.queues[0].id = "x"  # type: ignore[misc]


def test_json_schema_documents_every_field() -> None:
    schema = Scenario.model_json_schema(by_alias=True)
    undocumented = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, spec in definition.get("properties", {}).items()
        if prop != "kind" and not spec.get("description")
    ]
    assert undocumented == []
    assert "aht" in schema["$defs"]["Queue"]["properties"]
    assert schema["$defs"]["Queue"]["additionalProperties"] is False


def test_public_names() -> None:
    assert set(model.__all__) <= set(dir(model))
    assert "Scenario" in model.__all__
    assert "OpeningHours" in model.__all__


def test_empty_options_list_is_refused(data: dict[str, Any]) -> None:
    data["options"] = []
    with pytest.raises(ValidationError, match="at least 1 item"):
        Scenario.model_validate(data)
