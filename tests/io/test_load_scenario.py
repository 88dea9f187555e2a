"""Loading scenario files: formats, encodings, YAML 1.2 scalars and located issues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cscost.io
from cscost.errors import Issue, ScenarioError
from cscost.io import load_scenario, parse_scenario, read_scenario
from cscost.io.scenario.examples import example_scenario
from cscost.model import Scenario

SKETCH = Path(__file__).resolve().parents[1] / "model" / "data" / "design_sketch.yaml"


def issues(text: str, tmp_path: Path, name: str = "s.yaml") -> list[Issue]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value.issues


def the_issue(text: str, tmp_path: Path, name: str = "s.yaml") -> Issue:
    found = issues(text, tmp_path, name)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def sketch_text() -> str:
    return SKETCH.read_text(encoding="utf-8")


def test_load_scenario_is_exported() -> None:
    assert cscost.io.load_scenario is load_scenario


def test_yaml_and_json_give_the_same_scenario(tmp_path: Path) -> None:
    scenario = load_scenario(SKETCH)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario.model_dump(mode="json"), indent=2), encoding="utf-8")
    assert load_scenario(path) == scenario


@pytest.mark.parametrize(
    ("encoding", "label", "prefix"),
    [
        ("utf-8", "UTF-8", b""),
        ("utf-8", "UTF-8 with BOM", b"\xef\xbb\xbf"),
        ("utf-16", "UTF-16", b""),  # Python writes a BOM
        ("utf-16-le", "UTF-16", b"\xff\xfe"),
        ("utf-16-be", "UTF-16", b"\xfe\xff"),
        ("gb18030", "GB18030", b""),
        ("gbk", "GB18030", b""),
    ],
)
def test_encodings_are_read(tmp_path: Path, encoding: str, label: str, prefix: bytes) -> None:
    text = sketch_text().replace("Acme Shop customer service", "艾克美商城客服")
    path = tmp_path / "s.yaml"
    path.write_bytes(prefix + text.encode(encoding))
    loaded = read_scenario(path)
    assert loaded.encoding == label
    assert loaded.scenario.scenario.name == "艾克美商城客服 2027"


def test_yaml_12_scalars(tmp_path: Path) -> None:
    """`on`, `no`, `010` and `22:00` keep their YAML 1.2 meaning (YAML 1.1 would change them)."""
    text = (
        sketch_text()
        .replace("language: en", "language: no")
        .replace("  months: 36", "  months: 036")
    )
    scenario = parse_scenario(text)
    assert scenario.queue("email-en").language == "no"
    assert scenario.scenario.months == 36
    assert scenario.vendors[0].fees[3].kind == "surcharge"
    hours = parse_scenario(text.replace('hours: "Mon-Fri 09:00-18:00"', "hours: 09:00-18:00"))
    assert hours.queue("email-en").hours.hours_per_week == 63


def test_init_examples_validate() -> None:
    for lang in ("en", "zh"):
        scenario = parse_scenario(example_scenario(lang))
        assert len(scenario.queues) == 3
        assert len(scenario.resolved_options()) == 4
    assert "坐席" in example_scenario("zh")


def test_forecast_path_is_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "hist").mkdir()
    (tmp_path / "hist" / "v.csv").write_text("date,q\n2026-01-01,1\n", encoding="utf-8")
    text = (
        "scenario: {name: x, currency: CNY, start: 2027-01, months: 12}\n"
        "queues:\n"
        "  - {id: q, channel: voice, language: zh, volume: {forecast: hist/v.csv}, aht: 5m,\n"
        "     target: {answer_within: 20s, level: 0.8}}\n"
        "inhouse: {agent_monthly_cost: {general: 8000}}\n"
    )
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_scenario(path).queues[0].volume.forecast == tmp_path / "hist" / "v.csv"
    path.write_text(text.replace("hist/v.csv", "hist/w.csv"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (issue,) = info.value.issues
    assert (issue.line, issue.path) == (3, "queues[0].volume.forecast")
    assert "not found" in issue.message


def test_field_error_is_located_at_the_value(tmp_path: Path) -> None:
    issue = the_issue(sketch_text().replace("level: 0.80}", "level: 1.5}"), tmp_path)
    assert (issue.file, issue.line, issue.column) == (str(tmp_path / "s.yaml"), 27, 41)
    assert issue.path == "queues[0].target.level"
    assert issue.found == "1.5"
    assert "less than 1" in issue.message


def test_unknown_key_is_located_at_the_key_with_a_suggestion(tmp_path: Path) -> None:
    issue = the_issue(sketch_text().replace("  burden: 0.38", "  burdem: 0.38"), tmp_path)
    assert (issue.line, issue.column, issue.path) == (44, 3, "inhouse.burdem")
    assert issue.message == "unknown key `burdem`; did you mean `burden`?"
    assert "recruiting_per_hire" in issue.expected


def test_unknown_key_inside_a_fee_kind(tmp_path: Path) -> None:
    text = sketch_text().replace("tiering: marginal", "tierng: marginal")
    issue = the_issue(text, tmp_path)
    assert issue.path == "vendors[1].fees[0].tierng"
    assert "did you mean `tiering`?" in issue.message


def test_missing_key_is_located_at_its_mapping(tmp_path: Path) -> None:
    issue = the_issue(sketch_text().replace("    aht: 9m\n", ""), tmp_path)
    assert issue.path == "queues[1].aht"
    assert issue.message == "missing required key `aht`"
    assert (issue.line, issue.column) == (34, 5)  # `- id: email-en`
    assert "handle time" in issue.expected


def test_unknown_fee_kind(tmp_path: Path) -> None:
    issue = the_issue(sketch_text().replace("kind: per_new_hire", "kind: per_hire"), tmp_path)
    assert issue.path == "vendors[0].fees[2].kind"
    assert "unknown fee kind `per_hire`" in issue.message
    assert (issue.line, issue.column) == (61, 16)


def test_cross_field_issue_is_located(tmp_path: Path) -> None:
    issue = the_issue(
        sketch_text().replace("{voice-zh: vendor-a,", "{voice-zh: vendor-c,"), tmp_path
    )
    assert issue.path == "options[0].assign.voice-zh"
    assert (issue.line, issue.column) == (85, 24)


def test_several_field_errors_are_reported_together_in_file_order(tmp_path: Path) -> None:
    text = sketch_text().replace("  months: 36\n", "  months: 0\n").replace("aht: 9m", "aht: fast")
    found = issues(text.replace("burden: 0.38", "burden: -1"), tmp_path)
    assert [i.path for i in found] == ["scenario.months", "queues[1].aht", "inhouse.burden"]
    assert found[1].found == "'fast'"
    assert "duration like 320s" in found[1].message


def test_json_errors_are_located(tmp_path: Path) -> None:
    data = load_scenario(SKETCH).model_dump(mode="json")
    data["queues"][0]["target"]["level"] = 2
    text = json.dumps(data, indent=2)
    issue = the_issue(text, tmp_path, "s.json")
    assert issue.path == "queues[0].target.level"
    line = text.splitlines()[issue.line - 1]  # type: ignore[operator]
    assert '"level": 2' in line


def test_issue_list_is_capped(tmp_path: Path) -> None:
    queues = "".join(f"  - {{id: q{i}}}\n" for i in range(200))
    found = issues("scenario: {name: x}\nqueues:\n" + queues, tmp_path)
    assert len(found) == 101
    assert found[-1].message.startswith("… and ")
    assert "more problems not listed" in found[-1].message


def test_model_validate_still_works_without_io() -> None:
    data = load_scenario(SKETCH).model_dump(mode="json")
    assert isinstance(Scenario.model_validate(data), Scenario)
