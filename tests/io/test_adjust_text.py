"""Saving a what-if into a scenario's text: the section replaced or appended, every other
line (comments included) kept, and the result loads with the multipliers."""

from __future__ import annotations

import json
from pathlib import Path

from cscost.io import load_scenario
from cscost.io.scenario.adjust_text import scenario_with_adjustments
from cscost.model.adjust import Adjustments

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.yaml"


def test_yaml_keeps_every_line_and_loads_with_the_multipliers(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    point = Adjustments(volume=1.2, aht=1.0512710963760241, fx={"USD": 1.05})
    saved = scenario_with_adjustments(text, "yaml", point, "ecommerce.yaml")
    assert saved.startswith(text.rstrip("\n"))  # nothing the user wrote is lost or moved
    path = tmp_path / "ecommerce.yaml"
    path.write_text(saved, encoding="utf-8")
    assert load_scenario(path).adjustments == point
    again = scenario_with_adjustments(saved, "yaml", Adjustments(volume=0.9), "e.yaml")
    assert again.count("adjustments:") == 1
    assert "aht:" not in again.split("adjustments:")[1]
    path.write_text(again, encoding="utf-8")
    assert load_scenario(path).adjustments == Adjustments(volume=0.9)
    cleared = scenario_with_adjustments(again, "yaml", Adjustments(), "e.yaml")
    assert "adjustments" not in cleared
    assert cleared.rstrip("\n") == text.rstrip("\n")


def test_a_section_in_the_middle_is_replaced_in_place() -> None:
    text = "# top\nadjustments:\n  volume: 1.5   # old\n  rates: {a: 0.9}\nscenario:\n  name: x\n"
    saved = scenario_with_adjustments(text, "yaml", Adjustments(aht=1.1), "s.yaml")
    assert saved == "# top\nadjustments:\n  aht: 1.1\nscenario:\n  name: x\n"


def test_json_is_written_anew_with_the_section() -> None:
    text = json.dumps({"scenario": {"name": "x"}, "adjustments": {"volume": 2}})
    saved = scenario_with_adjustments(text, "json", Adjustments(rates={"v": 0.8}), "s.json")
    assert json.loads(saved) == {"scenario": {"name": "x"}, "adjustments": {"rates": {"v": 0.8}}}
