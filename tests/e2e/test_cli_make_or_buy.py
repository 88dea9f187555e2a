"""The make-or-buy on the bundled examples: the kept team, switching rows, the cost view."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECOMMERCE = str(EXAMPLES / "ecommerce.yaml")
BANK = str(EXAMPLES / "bank.yaml")
runner = CliRunner()
cscost.cli._register()


def test_plan_shows_the_inhouse_workforce(tmp_path: Path) -> None:
    """need, headcount, hires, trainees, leavers, idle FTE; headcount never below need and
    idle in the February dip (seasonality 0.7) of a team kept for the peaks."""
    out = tmp_path / "plan.csv"
    result = runner.invoke(app, ["plan", ECOMMERCE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    columns = {"need_fte", "headcount", "hires", "trainees", "leavers", "idle_fte"}
    assert columns <= set(rows[0])
    for r in rows:
        assert float(r["headcount"]) >= float(r["need_fte"]) - 1e-9
        assert float(r["fte"]) == float(r["headcount"])
        assert math.isclose(
            float(r["idle_fte"]), float(r["headcount"]) - float(r["need_fte"]), abs_tol=1e-9
        )
    february = [r for r in rows if r["queue"] == "voice-zh" and r["month"] == "2027-02"]
    assert float(february[0]["idle_fte"]) > 5


def test_switching_rows_and_cash_total_in_the_json(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["view"] == "tax_included"
    bill = [r for r in doc["bill"] if r["option"] == "Huaxin takes everything"]
    lines = {r["line"] for r in bill}
    assert {"dual running: agents", "severance", "vendor management"} <= lines
    assert {r["month"] for r in bill if r["line"].startswith("dual running")} == {
        "2027-01",
        "2027-02",
    }
    severance = [r for r in bill if r["line"] == "severance"]
    assert {(r["queue"], r["month"]) for r in severance} == {
        (q, "2027-03") for q in ("voice-zh", "chat-zh", "email-zh")
    }
    # 110 FTE less two months of 35 %/yr attrition, at (1 × 2.5 + 1) × 8,500 each
    released = math.fsum(r["quantity"] for r in severance)
    assert math.isclose(released, 110 * (1 - 0.35 / 12) ** 2, rel_tol=1e-12)
    assert {r["rate"] for r in severance} == {3.5 * 8500}
    for r in bill:
        assert r["category"]
    for option in doc["options"]:
        assert option["cash_total"] == option["total"]  # no recoverable tax here


def test_the_bank_totals_are_the_cost_view(tmp_path: Path) -> None:
    """The bank deducts input VAT: total = cash total − every tax row, and it says so."""
    out = tmp_path / "bank.json"
    result = runner.invoke(app, ["evaluate", BANK, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["view"] == "recoverable_tax_excluded"
    for option in doc["options"]:
        rows = [r for r in doc["bill"] if r["option"] == option["name"]]
        tax = math.fsum(r["amount"] for r in rows if r["category"] == "tax")
        assert option["cash_total"] == math.fsum(r["amount"] for r in rows)
        assert option["total"] == math.fsum(r["amount"] for r in rows if r["category"] != "tax")
        assert math.isclose(option["cash_total"] - option["total"], tax, rel_tol=1e-9, abs_tol=1e-6)
    table = runner.invoke(app, ["evaluate", BANK, "--lang", "en"])
    assert "recoverable tax excluded (cost view)" in " ".join(table.output.split())
