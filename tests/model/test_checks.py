"""Cross-field rules: each broken rule is reported with its exact path and a clear message."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from cscost.errors import Issue, ScenarioError
from cscost.io import load_scenario
from cscost.model import Scenario

SKETCH = Path(__file__).parent / "data" / "design_sketch.yaml"


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return load_scenario(SKETCH).model_dump(mode="json")


@pytest.fixture
def data(base: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(base)


def issues_of(data: dict[str, Any]) -> list[Issue]:
    with pytest.raises(ScenarioError) as info:
        Scenario.model_validate(data)
    return info.value.issues


def assert_issue(data: dict[str, Any], path: str, fragment: str) -> Issue:
    issues = issues_of(data)
    for issue in issues:
        if issue.path == path and fragment in issue.message:
            return issue
    raise AssertionError(
        f"no issue at {path} with {fragment!r}; got:\n" + "\n".join(map(str, issues))
    )


def test_duplicate_queue_ids(data: dict[str, Any]) -> None:
    data["queues"][1]["id"] = "voice-zh"
    assert_issue(data, "queues[1].id", "duplicate queue id `voice-zh`")


def test_duplicate_vendor_ids_and_reserved_inhouse(data: dict[str, Any]) -> None:
    data["vendors"][1]["id"] = "vendor-a"
    assert_issue(data, "vendors[1].id", "duplicate vendor id `vendor-a`")
    data["vendors"][1]["id"] = "inhouse"
    assert_issue(data, "vendors[1].id", "`inhouse` is reserved")


def test_duplicate_option_names(data: dict[str, Any]) -> None:
    data["options"][1]["name"] = data["options"][0]["name"]
    assert_issue(data, "options[1].name", "duplicate option name")


def test_option_unknown_queue_and_provider(data: dict[str, Any]) -> None:
    data["options"][0]["assign"] = {"voice-zn": "vendor-a", "email-en": "vendor-x"}
    assert_issue(
        data, "options[0].assign.voice-zn", "unknown queue `voice-zn`; did you mean `voice-zh`?"
    )
    issue = assert_issue(data, "options[0].assign.email-en", "unknown provider `vendor-x`")
    assert issue.expected == "inhouse or a vendor id: vendor-a, vendor-b"


def test_split_part_paths(data: dict[str, Any]) -> None:
    data["options"][1]["assign"]["voice-zh"][0]["provider"] = "vendor-q"
    assert_issue(data, "options[1].assign.voice-zh[0].provider", "unknown provider `vendor-q`")


def test_uncovered_and_overlapping_hours(data: dict[str, Any]) -> None:
    parts = data["options"][1]["assign"]["voice-zh"]
    parts[1]["hours"] = "08:00-20:00"  # 20:00-22:00 nobody
    issue = assert_issue(
        data,
        "options[1].assign.voice-zh",
        "Mon 20:00-22:00 of queue `voice-zh` is not fully covered",
    )
    assert (issue.found, issue.expected) == ("0", "1")
    parts[1]["hours"] = "06:00-23:00"
    assert_issue(
        data,
        "options[1].assign.voice-zh",
        "Mon 06:00-08:00 of queue `voice-zh` is covered more than once",
    )


def test_shares_must_add_up(data: dict[str, Any]) -> None:
    data["options"][0]["assign"]["voice-zh"] = [
        {"provider": "vendor-a", "share": 0.5},
        {"provider": "inhouse", "share": 0.4},
    ]
    issue = assert_issue(
        data,
        "options[0].assign.voice-zh",
        "Mon 00:00-24:00 of queue `voice-zh` is not fully covered",
    )
    assert issue.found == "0.9"


def test_part_hours_unknown_window(data: dict[str, Any]) -> None:
    data["options"][1]["assign"]["voice-zh"][0]["hours"] = "nite"
    assert_issue(
        data,
        "options[1].assign.voice-zh[0].hours",
        "`nite` is neither a window name nor hours text",
    )


def test_part_hours_window_name(data: dict[str, Any]) -> None:
    data["options"][1]["assign"]["voice-zh"][0]["hours"] = "night"
    Scenario.model_validate(data)


def test_inhouse_needed(data: dict[str, Any]) -> None:
    del data["inhouse"]
    assert_issue(
        data,
        "options[0].assign.email-en",
        "`inhouse` is used but the scenario has no `inhouse` section",
    )
    assert_issue(
        data, "options[1].assign", "queues email-en are not assigned, so they stay in-house"
    )


def test_default_options_need_inhouse_for_partial_scope(data: dict[str, Any]) -> None:
    del data["inhouse"], data["options"]
    data["vendors"][1]["scope"] = ["email-en"]
    assert_issue(data, "vendors[1].scope", "queues voice-zh would stay in-house")


def test_vendor_scope(data: dict[str, Any]) -> None:
    data["vendors"][0]["scope"] = ["email-en"]
    assert_issue(
        data, "options[0].assign.voice-zh", "vendor `vendor-a` does not quote for queue `voice-zh`"
    )
    data["vendors"][0]["scope"] = ["email-em"]
    assert_issue(data, "vendors[0].scope[0]", "unknown queue `email-em`; did you mean `email-en`?")


def test_inhouse_cost_for_every_tier_worked_in_house(data: dict[str, Any]) -> None:
    data["queues"][1]["tier"] = "expert"
    issue = assert_issue(data, "inhouse.agent_monthly_cost", "no agent cost for tier `expert`")
    assert "queue `email-en`" in issue.message


def test_realtime_queue_needs_answer_within(data: dict[str, Any]) -> None:
    data["queues"][0]["target"] = {"respond_within": 3600, "level": 0.8}
    issue = assert_issue(data, "queues[0].target", "a voice queue needs `answer_within`")
    assert issue.found == "respond_within"


def test_deferred_queue_needs_respond_within(data: dict[str, Any]) -> None:
    data["queues"][1]["target"] = {"answer_within": 20, "level": 0.8}
    assert_issue(data, "queues[1].target", "an email queue needs `respond_within`")
    data["queues"][1]["target"] = {"respond_within": 3600, "level": 0.8, "asa": 30}
    data["queues"][1]["patience"] = 60
    assert_issue(data, "queues[1].target.asa", "`asa` is for real-time queues")
    assert_issue(data, "queues[1].patience", "`patience` is for real-time queues")


def test_concurrency_only_for_chat_and_messaging(data: dict[str, Any]) -> None:
    data["queues"][0]["concurrency"] = 2
    assert_issue(data, "queues[0].concurrency", "concurrency applies to chat and messaging only")


def test_volume_values_need_one_per_month(data: dict[str, Any]) -> None:
    data["queues"][1]["volume"] = {"values": [1.0] * 35}
    issue = assert_issue(data, "queues[1].volume.values", "one volume per month")
    assert (issue.found, issue.expected) == ("35 values", "36 values")


def test_intraday_one_weight_per_interval(data: dict[str, Any]) -> None:
    data["queues"][0]["pattern"]["intraday"] = [1.0] * 48
    issue = assert_issue(data, "queues[0].pattern.intraday", "one weight per 15-minute interval")
    assert issue.expected.startswith("96 values")


def test_hours_aligned_to_the_interval(data: dict[str, Any]) -> None:
    data["queues"][1]["hours"] = "Mon-Fri 09:10-18:00"
    issue = assert_issue(data, "queues[1].hours", "15-minute boundaries")
    assert issue.found.startswith("Mon 09:10")
    data["scenario"]["interval_minutes"] = 60
    data["queues"][1]["hours"] = "Mon-Fri 09:30-18:00"
    assert_issue(data, "queues[1].hours", "60-minute boundaries")


def test_quote_currency_needs_fx(data: dict[str, Any]) -> None:
    data["scenario"]["fx"] = {}
    issue = assert_issue(data, "vendors[1].currency", "no exchange rate for USD")
    assert "scenario.fx" in issue.message


def test_fee_currency_needs_fx(data: dict[str, Any]) -> None:
    data["vendors"][0]["fees"][1]["currency"] = "EUR"
    assert_issue(data, "vendors[0].fees[1].currency", "no exchange rate for EUR")


def test_scenario_currency_in_fx_must_be_one(data: dict[str, Any]) -> None:
    data["scenario"]["fx"]["CNY"] = 2
    assert_issue(data, "scenario.fx.CNY", "converts at 1")


def test_fee_filters_resolve(data: dict[str, Any]) -> None:
    fee = data["vendors"][0]["fees"][0]
    fee["queues"] = ["voice-zh", "voice-en"]
    fee["tiers"] = ["senoir"]
    fee["languages"] = ["fr"]
    assert_issue(data, "vendors[0].fees[0].queues[1]", "no queue has id `voice-en`")
    assert_issue(data, "vendors[0].fees[0].tiers[0]", "no queue has tier `senoir`")
    assert_issue(data, "vendors[0].fees[0].languages[0]", "no queue has language `fr`")


def test_fee_matching_no_queue(data: dict[str, Any]) -> None:
    data["vendors"][0]["fees"][0]["channels"] = ["chat"]
    assert_issue(data, "vendors[0].fees[0]", "match no queue")


def test_rate_table_keys_and_coverage(data: dict[str, Any]) -> None:
    data["vendors"][0]["fees"][0]["rate"] = {"genral": 13800}
    assert_issue(data, "vendors[0].fees[0].rate.genral", "did you mean `general`?")
    data["vendors"][0]["fees"][0]["rate"] = {"en": 13800}  # voice-zh is served by vendor-a
    assert_issue(data, "vendors[0].fees[0].rate", "no rate for queue `voice-zh`")


def test_months_inside_the_horizon(data: dict[str, Any]) -> None:
    data["vendors"][0]["fees"][1]["month"] = "2031-01"
    data["vendors"][0]["fees"][2]["months"] = [40]
    assert_issue(data, "vendors[0].fees[1].month", "outside the horizon 2027-01 … 2029-12")
    assert_issue(data, "vendors[0].fees[2].months[0]", "month 40 is outside the horizon")


def test_surcharge_targets_and_window(data: dict[str, Any]) -> None:
    surcharge = data["vendors"][0]["fees"][3]
    surcharge["on"] = ["per_fte_mnth"]
    assert_issue(data, "vendors[0].fees[3].on[0]", "did you mean `per_fte_month`?")
    surcharge["on"] = ["per_contact"]  # a kind vendor-a does not charge
    assert_issue(data, "vendors[0].fees[3].on[0]", "`per_contact` is not a fee kind or fee name")
    surcharge["on"] = ["per_fte_month"]
    surcharge["window"] = "22:10-06:00"
    assert_issue(data, "vendors[0].fees[3].window", "15-minute boundaries")


def test_per_resolution_needs_an_fcr(data: dict[str, Any]) -> None:
    data["vendors"][1]["kpis"] = {}
    data["vendors"][1]["fees"].append({"kind": "per_resolution", "rate": 2})
    data["options"][0]["assign"]["email-en"] = "vendor-b"
    assert_issue(data, "vendors[1].fees[2]", "per_resolution needs an FCR for queue `email-en`")


def test_duplicate_fee_names(data: dict[str, Any]) -> None:
    data["vendors"][0]["fees"][2]["name"] = "setup and transition"
    assert_issue(data, "vendors[0].fees[2].name", "duplicate fee name")


def test_assumptions_refer_to_queues(data: dict[str, Any]) -> None:
    data["vendors"][0]["assumptions"]["aht"] = {"voice-zz": 300}
    assert_issue(data, "vendors[0].assumptions.aht.voice-zz", "unknown queue `voice-zz`")


def test_several_issues_reported_together(data: dict[str, Any]) -> None:
    data["queues"][1]["id"] = "voice-zh"
    data["scenario"]["fx"] = {}
    data["vendors"][0]["fees"][3]["on"] = ["nothing"]
    paths = {i.path for i in issues_of(data)}
    assert {"queues[1].id", "vendors[1].currency", "vendors[0].fees[3].on[0]"} <= paths


def test_partial_share_names_the_run_with_its_total(data: dict[str, Any]) -> None:
    data["options"][0]["assign"]["voice-zh"] = [
        {"provider": "vendor-a", "hours": "Mon-Fri 09:00-17:00", "share": 0.5},
        {"provider": "inhouse", "hours": "Mon-Fri 09:00-17:00", "share": 0.5},
    ]
    issue = assert_issue(data, "options[0].assign.voice-zh", "Mon 00:00-09:00")
    assert issue.found == "0"
