"""`cscost plan` and `cscost evaluate` on the bundled example, as a user runs them."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECOMMERCE = str(EXAMPLES / "ecommerce.yaml")
runner = CliRunner()
cscost.cli._register()


def test_evaluate_prints_ranking_and_audit() -> None:
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Huaxin" in text
    assert "Shenzhou" in text
    assert "Hidden-cost audit" in text
    assert "minimum monthly volume" in text  # a question for vendor-a


def test_evaluate_json_sums_to_totals(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["currency"] == "CNY"
    assert len(doc["options"]) == 6
    for option in doc["options"]:
        amounts = [r["amount"] for r in doc["bill"] if r["option"] == option["name"]]
        assert math.fsum(amounts) == option["total"]
        assert abs(sum(amounts) - option["total"]) < 1e-6 * option["total"]
    assert sorted(o["rank"] for o in doc["options"]) == [1, 2, 3, 4, 5, 6]
    assert {r["month"] for r in doc["bill"]} >= {"2027-01", "2029-12"}


def test_evaluate_writes_the_bill_csv(tmp_path: Path) -> None:
    out = tmp_path / "bill.csv"
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert {
        "option",
        "provider",
        "queue",
        "line",
        "category",
        "month",
        "quantity",
        "rate",
        "amount",
    } <= set(rows[0])
    assert len({r["option"] for r in rows}) == 6


def test_plan_table_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    result = runner.invoke(app, ["plan", ECOMMERCE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "voice-zh" in result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 3 * 36
    assert {"fte", "seats", "productive_hours", "paid_hours", "night_hours"} <= set(rows[0])
    detail = tmp_path / "detail.csv"
    result = runner.invoke(
        app, ["plan", ECOMMERCE, "--provider", "vendor-a", "-o", str(detail), "--detail"]
    )
    assert result.exit_code == 0, result.output
    with detail.open(encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    assert header == ["queue", "provider", "month", "weekday", "start", "volume", "agents"]


def test_unknown_provider_and_bad_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", ECOMMERCE, "--provider", "nobody"])
    assert result.exit_code == 2
    assert "nobody" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: {name: x, currency: CNY, start: 2027-13}\nqueues: []\n")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:1" in result.output
    assert "Traceback" not in result.output


def test_missing_fx_and_uncovered_hours_are_named(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(
        "scenario: {name: t, currency: CNY, start: 2027-01, months: 3}\n"
        "queues:\n"
        "  - {id: v, channel: voice, language: zh, volume: {monthly: 1000}, aht: 300s,\n"
        "     target: {answer_within: 20s, level: 0.8}, hours: '08:00-20:00'}\n"
        "inhouse: {agent_monthly_cost: {general: 8000}}\n"
        "vendors:\n"
        "  - {id: a, currency: EUR, fees: [{kind: per_contact, rate: 1.0}]}\n"
        "options:\n"
        "  - {name: gap, assign: {v: [{provider: a, hours: '08:00-12:00'}]}}\n"
    )
    result = runner.invoke(app, ["evaluate", str(f)])
    assert result.exit_code == 2
    assert "vendors[0].currency" in result.output
    assert "EUR" in result.output
    assert "options[0].assign.v" in result.output
    assert "12:00-20:00" in result.output


def test_unreachable_response_target_is_located(tmp_path: Path) -> None:
    f = tmp_path / "mail.yaml"
    f.write_text(
        "scenario: {name: t, currency: CNY, start: 2027-01, months: 3}\n"
        "queues:\n"
        "  - {id: e, channel: email, language: de, volume: {monthly: 1300}, aht: 40m,\n"
        "     hours: 'Mon-Fri 08:00-19:00', target: {respond_within: 30m, level: 0.95}}\n"
        "inhouse: {agent_monthly_cost: {general: 8000}}\n"
    )
    for command in ("validate", "evaluate"):
        result = runner.invoke(app, [command, str(f)])
        assert result.exit_code == 2
        assert "mail.yaml:4:" in result.output
        assert "queues[0].target" in result.output


def test_unwritable_output_is_a_message(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "-o", str(blocked / "bill.csv")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "bill.csv" in result.output


def test_a_bug_is_one_paragraph_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import cscost.cli.evaluate as command

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(command._api, "evaluate", broken)
    monkeypatch.delenv("CSCOST_DEBUG", raising=False)
    result = runner.invoke(app, ["evaluate", ECOMMERCE])
    assert result.exit_code == 1
    assert "internal error" in result.output
    assert "CSCOST_DEBUG" in result.output
    assert "Traceback" not in result.output


ZERO_VOLUME = """
scenario: {name: quiet, currency: CNY, start: 2027-01, months: 3}
queues:
  - {id: voice, channel: voice, language: zh, volume: {monthly: 0}, aht: 300s,
     hours: "Mon-Fri 09:00-18:00", target: {answer_within: 20s, level: 0.8}}
inhouse: {agent_monthly_cost: {general: 8000}}
vendors:
  - {id: pc, fees: [{kind: per_contact, rate: 5.0}]}
"""


def test_a_zero_volume_scenario_gives_json_with_nulls(tmp_path: Path) -> None:
    """No contacts: cost per contact is 0/0; JSON has no NaN, so it is null, and exit 0."""
    path = tmp_path / "quiet.yaml"
    path.write_text(ZERO_VOLUME, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    per_contact = {o["name"]: o["cost_per_contact"] for o in doc["options"]}
    assert per_contact == {"inhouse": None, "pc": None}
    assert "NaN" not in result.stdout


def test_every_command_module_is_registered() -> None:
    """A module in cscost/cli/ that is not in COMMAND_MODULES would offer no command."""
    folder = Path(cscost.cli.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert set(cscost.cli.COMMAND_MODULES) == modules
