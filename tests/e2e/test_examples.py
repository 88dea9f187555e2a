"""Every bundled example scenario validates, evaluates and plans from the command line.

The examples are documentation users copy from, so each one must keep working: `cscost
validate` accepts it, `cscost evaluate --format json` ranks its options with bills whose
rows add up to each option's total, and `cscost plan` prints its staffing plan.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))
runner = CliRunner()
cscost.cli._register()


def test_the_examples_are_there() -> None:
    names = {path.name for path in EXAMPLES}
    assert {"ecommerce.yaml", "saas.yaml", "bank.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates(path: Path) -> None:
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_evaluates_and_bills_add_up(path: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{path.stem}.json"
    result = runner.invoke(app, ["evaluate", str(path), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    options = doc["options"]
    assert options, "an example compares at least one option"
    names = [option["name"] for option in options]
    assert len(set(names)) == len(names)
    assert sorted(option["rank"] for option in options) == list(range(1, len(options) + 1))
    by_option: dict[str, list[float]] = {name: [] for name in names}
    for row in doc["bill"]:
        assert row["option"] in by_option, row
        assert math.isfinite(row["amount"]), row
        by_option[row["option"]].append(row["amount"])
    for option in options:
        amounts = by_option[option["name"]]
        assert amounts, f"option {option['name']!r} has no bill rows"
        assert math.fsum(amounts) == option["cash_total"], option["name"]
        if doc["view"] == "tax_included":
            assert option["total"] == option["cash_total"], option["name"]
        else:  # recoverable tax out of the cost view
            cost = [
                r["amount"]
                for r in doc["bill"]
                if r["option"] == option["name"] and r["category"] != "tax"
            ]
            assert math.fsum(cost) == option["total"], option["name"]
        assert option["total"] > 0, option["name"]
        assert len(option["monthly_cost"]) == len(doc["months"])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_plans(path: Path) -> None:
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip()
