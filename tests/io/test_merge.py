"""A vendor spliced into a scenario's text: every line the user wrote survives unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscost.io import parse_scenario
from cscost.io.scenario.merge import yaml_with_vendor
from cscost.io.scenario.yaml_tree import parse_yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VENDOR = {
    "id": "new",
    "name": "New BPO",
    "fees": [
        {"kind": "per_productive_hour", "name": "hours", "rate": 90},
        {"kind": "surcharge", "name": "nights", "window": "night", "percent": 0.2,
         "on": ["hours"]},
    ],
}  # fmt: skip


def _kept_in_order(original: str, merged: str) -> None:
    """Every original line appears in the merged text, in order."""
    rest = iter(merged.splitlines())
    for line in original.splitlines():
        assert any(line == other for other in rest), line


@pytest.mark.parametrize("example", ["ecommerce", "bank", "saas"])
def test_the_examples_keep_every_line_and_gain_the_vendor(example: str) -> None:
    text = (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8")
    merged = yaml_with_vendor(text, VENDOR, "x.yaml")
    assert merged is not None
    _kept_in_order(text, merged)
    assert len(merged.splitlines()) > len(text.splitlines())
    before = parse_yaml(text, "a")[0]
    after = parse_yaml(merged, "b")[0]
    assert after["vendors"] == [*before["vendors"], VENDOR]
    assert {k: v for k, v in after.items() if k != "vendors"} == {
        k: v for k, v in before.items() if k != "vendors"
    }
    parse_scenario(merged, name="merged.yaml", base_dir=EXAMPLES)


QUEUES = """\
scenario: {name: t, currency: CNY, start: 2027-01, months: 1}   # the head
queues:
  - {id: q, channel: email, language: zh, volume: {monthly: 10}, aht: 5m,
     target: {respond_within: 24h, level: 0.9}}   # one queue
inhouse: {agent_monthly_cost: {general: 1}}
"""


@pytest.mark.parametrize(
    "text",
    [
        QUEUES,
        QUEUES.rstrip("\n"),
        QUEUES + "vendors: []   # none yet\n",
        QUEUES + "vendors:\n",
        QUEUES.replace("queues:", "vendors:\n- id: old\n  fees: []\nqueues:"),
    ],
    ids=["no-key", "no-final-newline", "empty-flow", "empty", "unindented"],
)
def test_every_shape_of_vendors_list(text: str) -> None:
    merged = yaml_with_vendor(text, VENDOR, "x.yaml")
    assert merged is not None
    _kept_in_order(text.replace("vendors: []   # none yet", "vendors:  # none yet"), merged)
    data = parse_yaml(merged, "m")[0]
    assert data["vendors"][-1] == VENDOR
    assert data["queues"][0]["id"] == "q"
    if "# none yet" in text:
        assert "# none yet" in merged


def test_a_non_empty_flow_list_is_left_to_the_caller() -> None:
    assert yaml_with_vendor(QUEUES + "vendors: [{id: a}]\n", VENDOR, "x.yaml") is None


def test_the_on_key_of_the_new_surcharge_stays_a_string() -> None:
    merged = yaml_with_vendor(QUEUES, VENDOR, "x.yaml")
    assert merged is not None
    assert "'on':" in merged  # YAML 1.1 readers would take a bare `on` for true
