"""`cscost sensitivity`, `cscost breakeven` and `cscost evaluate --risk`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECOMMERCE = str(EXAMPLES / "ecommerce.yaml")
runner = CliRunner()
cscost.cli._register()

SMALL = """\
scenario: {name: Small, currency: CNY, start: 2027-01, months: 12, interval_minutes: 60,
           fx: {USD: 7.0}}
queues:
  - {id: mail, channel: email, language: zh, volume: {values: [4000, 4000, 4000, 4000, 4000,
     4000, 4000, 4000, 4000, 4000, 4000, 4000]}, aht: 6m, hours: "24/7",
     target: {respond_within: 24h, level: 0.9}, fcr: 0.7}
inhouse: {agent_monthly_cost: {general: 8000}}
vendors:
  - {id: pc, name: Per Contact, currency: USD, fees: [{kind: per_contact, rate: 0.3}],
     minimum_monthly: 1000, kpis: {fcr: 0.75, csat: 0.85}}
  - {id: flat, fees: [{kind: fixed_monthly, amount: 10000}], termination_fee: 20000,
     term_months: 24, kpis: {fcr: 0.8}}
uncertainty: {volume: 0.15, aht: 0.05, fx: 0.05, samples: 200, seed: 3}
scoring: {cost: 0.6, quality: 0.2, flexibility: 0.1, risk: 0.1}
"""


@pytest.fixture
def small(tmp_path: Path) -> str:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return str(path)


def test_sensitivity_table_and_json(small: str) -> None:
    result = runner.invoke(app, ["sensitivity", small])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Sensitivity" in text
    assert "volume" in text
    assert "exchange rate USD" in text
    result = runner.invoke(app, ["sensitivity", small, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    options = {o["option"]: o for o in doc["sensitivity"]["options"]}
    assert set(options) == {"inhouse", "pc", "flat"}
    swings = [b["swing"] for b in options["pc"]["bars"]]
    assert swings == sorted(swings, reverse=True)


def test_breakeven_json_finds_the_crossing(small: str) -> None:
    """pc: 0.3 USD × 7 = 2.1 a contact; flat: 10,000 a month and, the 12-month horizon
    ending before its 24-month term, the 20,000 termination fee. Equal where
    2.1 × 48,000 k = 140,000: k = 1.3889."""
    args = ["breakeven", small, "--from", "0.5", "--to", "2", "--steps", "7", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)["breakeven"]
    assert len(doc["factors"]) == 7
    crossing = next(
        c for c in doc["crossings"] if {c["cheaper_above"], c["cheaper_below"]} == {"pc", "flat"}
    )
    assert crossing["cheaper_above"] == "flat"
    assert crossing["factor"] == pytest.approx(140000 / (2.1 * 48000), rel=0.005)
    table = runner.invoke(app, ["breakeven", small, "--steps", "4"])
    assert table.exit_code == 0, table.output
    assert "flat is cheaper than pc above 1.39× forecast" in " ".join(table.output.split())


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2", "--to", "1"],
        ["--steps", "1"],
        ["--format", "csv"],
    ],
)
def test_breakeven_bad_arguments_exit_2(small: str, args: list[str]) -> None:
    result = runner.invoke(app, ["breakeven", small, *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_evaluate_risk_json_adds_the_decision_keys(small: str) -> None:
    result = runner.invoke(app, ["evaluate", small, "--risk", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"risk", "sensitivity", "breakeven", "score", "recommendation"} <= set(doc)
    assert {"options", "bill", "audit"} <= set(doc)  # the evaluation is still all there
    names = {o["name"] for o in doc["options"]}
    assert {o["option"] for o in doc["score"]["options"]} == names
    assert doc["recommendation"]["best"] in names
    assert doc["recommendation"]["text"].startswith("Recommended:")
    assert doc["score"]["risk_source"] == "montecarlo"
    assert doc["risk"]["samples"] == 200
    assert {o["name"] for o in doc["risk"]["options"]} == names
    # the same seed gives the same document
    again = runner.invoke(app, ["evaluate", small, "--risk", "--format", "json"])
    assert json.loads(again.stdout) == doc


def test_evaluate_risk_table_in_chinese(small: str) -> None:
    result = runner.invoke(app, ["evaluate", small, "--risk", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "风险：200 次蒙特卡洛抽样" in text
    assert "盈亏平衡" in text
    assert "评分（加权和" in text
    assert "敏感性：总成本变化" in text
    assert "推荐：" in text
    for english in ("Risk:", "Break-even", "Score", "Sensitivity", "option", "rank", "swing"):
        assert english not in text, english


def test_evaluate_without_risk_has_no_decision_keys(small: str) -> None:
    result = runner.invoke(app, ["evaluate", small, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "score" not in json.loads(result.stdout)


def test_sensitivity_of_the_example() -> None:
    """The bundled example: Pacific (USD, per contact) moves with fx; in-house does not."""
    result = runner.invoke(app, ["sensitivity", ECOMMERCE, "--format", "json"])
    assert result.exit_code == 0, result.output
    options = {o["option"]: o for o in json.loads(result.output)["sensitivity"]["options"]}
    assert len(options) == 6
    pacific = {b["input"]: b for b in options["Pacific takes everything"]["bars"]}
    assert pacific["fx:USD"]["swing"] > 0
    # billed per handled contact: AHT moves only the abandoned share (Erlang A staffing)
    # and the two months of in-house dual running, far less than the USD rate does
    assert 0 <= pacific["aht"]["swing"] < 0.1 * pacific["fx:USD"]["swing"]
    inhouse = {b["input"]: b for b in options["in-house"]["bars"]}
    assert inhouse["fx:USD"]["swing"] == 0
    assert inhouse["volume"]["swing"] > inhouse["aht"]["swing"] > 0
