"""`cscost roster` and `cscost simulate` on the rostered SaaS example, as a user runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAAS = str(EXAMPLES / "rostered" / "saas.yaml")
runner = CliRunner()
cscost.cli._register()


def test_roster_json_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    args = ["roster", SAAS, "--queue", "chat-de", "--month", "2027-03", "--format", "json"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("paid_hours_week", "required_agent_hours_week", "available_agent_hours_week"):
        assert data[key] > 0
    assert (
        data["efficiency"] == data["required_agent_hours_week"] / data["available_agent_hours_week"]
    )
    assert {"template", "start", "days", "agents"} <= set(data["shifts"][0])
    # paid hours: 8-hour shifts, 5 days a week
    assert data["paid_hours_week"] == sum(s["agents"] for s in data["shifts"]) * 40
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7 * 96
    assert all(float(r["available"]) >= float(r["required"]) - 1e-9 for r in rows)
    hours = sum(float(r["required"]) for r in rows) / 4
    assert abs(hours - data["required_agent_hours_week"]) < 1e-6


def test_roster_without_schedule_says_what_to_add() -> None:
    saas = str(EXAMPLES / "saas.yaml")
    result = runner.invoke(app, ["roster", saas, "--queue", "chat-de", "--month", "2027-03"])
    assert result.exit_code == 2
    assert "workforce.schedule" in result.output


def test_simulate_prints_the_week_with_intervals() -> None:
    args = ["simulate", SAAS, "--queue", "voice-de", "--month", "2027-03", "--runs", "2"]
    result = runner.invoke(app, [*args, "--format", "json", "--seed", "4"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["agents"] == "roster"
    week = data["week"]["service_level"]
    assert week["low"] <= week["mean"] <= week["high"]
    assert 0 < data["week"]["analytic"]["service_level"] <= 1
    assert data["intervals"]
    assert "analytic" in data["intervals"][0]


def test_plan_shows_rostered_figures(tmp_path: Path) -> None:
    text = (EXAMPLES / "ecommerce.yaml").read_text(encoding="utf-8")
    text = text.replace("  months: 36", "  months: 2", 1)
    schedule = '{shifts: [{name: d8, paid: 8h, starts: "00:00-22:00", every: 2h}]}'
    text = text.replace("\nworkforce:\n", f"\nworkforce:\n  schedule: {schedule}\n")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "plan.csv"
    result = runner.invoke(app, ["plan", str(scenario), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "schedule efficiency" in result.output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        efficiency = float(row["schedule_efficiency"])
        assert 0 < efficiency <= 1
        assert float(row["productive_hours"]) >= float(row["erlang_productive_hours"]) - 1e-9
