"""`--lang zh` gives a Chinese terminal: no English text from the catalogs in any table,
title, header or message of `evaluate --risk`, `plan`, `breakeven`, `sensitivity`; the
scenario's ``locale: zh`` does the same; `--lang fr` is refused."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

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
USER_STRINGS = ("Per Contact", "Small", "inhouse", "flat", "mail", "pc", "USD", "CNY")


def _english_messages() -> list[str]:
    """The catalog's English texts whose Chinese differs (the literal text before a {)."""
    path = resources.files("cscost").joinpath("locale", "zh_CN", "LC_MESSAGES", "cscost.po")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    out = []
    for message in catalog:
        english = message.id if isinstance(message.id, str) else message.id[0]
        chinese = message.string if isinstance(message.string, str) else message.string[0]
        head = english.split("{")[0].strip(" :;(")
        if english and chinese != english and len(head) >= 4:
            out.append(head)
    return out


def _leftovers(output: str) -> list[str]:
    text = " ".join(output.split())
    for user in USER_STRINGS:
        text = text.replace(user, " ")
    return [
        english
        for english in _english_messages()
        if re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text)
    ]


@pytest.fixture
def small(tmp_path: Path) -> str:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate", "{s}", "--risk"],
        ["plan", "{s}"],
        ["breakeven", "{s}", "--steps", "5"],
        ["sensitivity", "{s}"],
    ],
)
def test_chinese_terminal_has_no_catalog_english(small: str, args: list[str]) -> None:
    result = runner.invoke(app, [*(a.format(s=small) for a in args), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert re.search(r"[\u4e00-\u9fff]", result.output)
    assert _leftovers(result.output) == []
    for header in ("rank", "option", "total", "month", "volume", "swing", "P(cheapest)"):
        assert not re.search(rf"(?<![\w-]){re.escape(header)}(?![\w-])", result.output), header


def test_scenario_locale_zh_is_the_default(tmp_path: Path) -> None:
    path = tmp_path / "zh.yaml"
    path.write_text(SMALL.replace("name: Small,", "name: Small, locale: zh,"), encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 0, result.output
    assert "人力计划" in result.output
    assert "staffing plan" not in result.output


@pytest.mark.parametrize("command", ["evaluate", "plan", "sensitivity", "report"])
def test_unknown_language_is_refused(small: str, command: str) -> None:
    result = runner.invoke(app, [command, small, "--lang", "fr"])
    assert result.exit_code == 2
    assert "expected en or zh" in result.output


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    "args",
    [
        ["roster", "rostered/ecommerce.yaml", "--queue", "voice-zh", "--month", "2027-02"],
        ["simulate", "rostered/ecommerce.yaml", "--queue", "voice-zh", "--month", "2027-02",
         "--runs", "2"],
        ["reconcile", "ecommerce.yaml", "--vendor", "vendor-a",
         "--actuals", "reconcile/actuals-2027-12.csv",
         "--invoice", "reconcile/invoice-2027-12.csv"],
    ],
)  # fmt: skip
def test_roster_simulate_and_reconcile_speak_chinese(args: list[str]) -> None:
    resolved = [str(EXAMPLES / a) if a.endswith((".yaml", ".csv")) else a for a in args]
    result = runner.invoke(app, [*resolved, "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert re.search(r"[\u4e00-\u9fff]", result.output)
    assert _leftovers(result.output) == []
    for header in ("template", "agents", "interval", "findings", "paid hours", "analytic"):
        assert not re.search(rf"(?<![\w-]){re.escape(header)}(?![\w-])", result.output), header
