"""Fixtures of the report tests: the e-commerce example, a hostile scenario, a browser.

The hostile scenario puts HTML tags, spreadsheet formulas and emoji into every name a
user controls (scenario, option, vendor and fee names, descriptions), so the tests can
check that the reports show them as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cscost.evaluate.evaluation import Evaluation, evaluate
from cscost.io import load_scenario, parse_scenario
from cscost.model import Scenario
from cscost.report.pdf import CHROMIUM, HEADLESS_FLAGS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.yaml"
ARTIFACTS = ROOT / "test-artifacts"
BROWSER_ARGS = list(HEADLESS_FLAGS)

SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'
EMOJI = "客服 😀🚀"
HOSTILE_NAMES = (SCRIPT, FORMULA, "+1+2", "-3+4", "@SUM(1)", EMOJI, "<b>bold</b> & co")

HOSTILE_YAML = f"""
scenario:
  name: {(SCRIPT + " " + EMOJI)!r}
  currency: CNY
  start: 2027-01
  months: 12
  interval_minutes: 60
  discount_rate: 0.08
  fx: {{USD: 7.1}}
queues:
  - id: voice-zh
    channel: voice
    language: zh
    volume: {{monthly: 9000}}
    aht: 300s
    hours: "Mon-Fri 09:00-18:00"
    target: {{answer_within: 20s, level: 0.8}}
    fcr: 0.7
inhouse:
  agent_monthly_cost: {{general: 8000}}
  burden: 0.3
vendors:
  - id: vendor-x
    name: {SCRIPT!r}
    fees:
      - {{kind: per_contact, name: {FORMULA!r}, rate: 4.5}}
      - {{kind: fixed_monthly, name: "+1+2", amount: 1000}}
      - {{kind: one_time, name: "@SUM(1)", amount: 5000}}
    tax_rate: 0.06
  - id: vendor-y
    name: "{EMOJI}"
    currency: USD
    fees:
      - {{kind: per_productive_hour, name: "<b>bold</b> & co", rate: 12}}
options:
  - name: {FORMULA!r}
    description: {SCRIPT!r}
    assign: {{voice-zh: vendor-x}}
  - name: "-3+4"
    assign: {{voice-zh: vendor-y}}
  - name: "{EMOJI}"
    assign: {{}}
  - name: "@SUM(1)"
    description: "a name that is a formula"
    assign: {{voice-zh: [{{provider: vendor-x, share: 0.5}}, {{provider: inhouse, share: 0.5}}]}}
"""


@dataclass(frozen=True)
class Case:
    """A scenario and its evaluation."""

    scenario: Scenario
    evaluation: Evaluation


@pytest.fixture(scope="session")
def ecommerce() -> Case:
    """The e-commerce example, evaluated (audit titles in English, translated by the report)."""
    scenario = load_scenario(EXAMPLE)
    return Case(scenario, evaluate(scenario))


@pytest.fixture(scope="session")
def hostile() -> Case:
    """A small scenario whose names are HTML, formulas and emoji."""
    scenario = parse_scenario(HOSTILE_YAML)
    return Case(scenario, evaluate(scenario))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` (git-ignored) for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright; fails (never skips) when missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (make test installs it first)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()
