"""A risk run started in a real browser (Debian's Chromium, Playwright, uvicorn in a
thread): the page's progress bar moves while it runs, then the P10/P50/P90 table shows
the numbers of ``_api.monte_carlo`` for the same seed — those of ``cscost evaluate
--risk --seed``. Fails, never skips, when Chromium is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscost import _api
from cscost.report import i18n
from cscost.web.scenarios import validated
from tests.web.conftest import PASSWORD
from tests.web.jobs_helpers import RISK_YAML
from tests.web.test_browser import EMAIL, _upload, base_url, in_a_browser

__all__ = ["base_url"]  # the fixture: the app served by uvicorn in a thread

SEED = 21
SAMPLES = 400_000  # about 3 s on this scenario: long enough to see the bar move


def test_a_risk_run_in_the_browser_shows_progress_then_its_table(
    base_url: str, tmp_path: Path
) -> None:
    in_a_browser(base_url, lambda page: risk_journey(page, tmp_path))


def risk_journey(page: Any, tmp_path: Path) -> None:
    """Log in, upload, start a risk run, see it progress, see P10/P50/P90."""
    page.goto("/login")
    page.fill('input[name="email"]', EMAIL)
    page.fill('input[name="password"]', PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/projects")
    page.fill('input[name="name"]', "Risk in the browser")
    page.click('form[action="/projects"] button')
    page.wait_for_selector("#project-name")
    scenario = tmp_path / "risk.yaml"
    scenario.write_text(RISK_YAML, encoding="utf-8")
    _upload(page, scenario, "risk")

    page.fill('#run-risk input[name="seed"]', str(SEED))
    page.fill('#run-risk input[name="samples"]', str(SAMPLES))
    page.click("#run-risk-button")
    page.wait_for_selector(".job progress.job-progress")
    page.wait_for_function(  # the poller moved the bar
        "() => { const bar = document.querySelector('.job-progress');"
        " return bar !== null && bar.value > 0; }",
        timeout=60_000,
    )
    page.wait_for_selector(".risk-table", timeout=90_000)  # done: the page reloaded
    table = page.inner_text(".risk-table")

    risk = _api.monte_carlo(validated(RISK_YAML, "yaml", "risk.yaml"), seed=SEED, samples=SAMPLES)
    english = i18n.lang("en")
    for option in risk.options:
        assert option.name in table
        for figure in (option.p10, option.p50, option.p90):
            assert english.number(figure) in table, (english.number(figure), table)
