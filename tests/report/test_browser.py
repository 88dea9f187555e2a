"""The HTML report in a real browser (Debian's headless Chromium through Playwright).

Opened from a file, offline: no console error, no request that leaves file://, every
chart drawn (plotly puts an SVG in its div), user text shown as text and never run. A
screenshot of the first screen of each report goes to ``test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cscost.report import lang, render_html

from .conftest import SCRIPT, Case

CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('div.plotly-graph-div'))
    .map(d => [d.id, d.querySelectorAll('svg.main-svg').length])"""


def _open(browser: Any, path: Path) -> tuple[Any, list[str], list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []

    def console(message: Any) -> None:
        if message.type in ("error", "warning"):
            errors.append(message.text)

    def dialog(box: Any) -> None:
        dialogs.append(box.message)
        box.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", dialog)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length > 0"
    )
    return page, errors, requests, dialogs


@pytest.mark.parametrize("code", ["en", "zh"])
def test_example_report_in_chromium(
    browser: Any, ecommerce: Case, tmp_path: Path, artifacts: Path, code: str
) -> None:
    path = tmp_path / f"report-{code}.html"
    path.write_text(
        render_html(ecommerce.evaluation, ecommerce.scenario, lang(code)), encoding="utf-8"
    )
    page, errors, requests, _ = _open(browser, path)
    try:
        charts = page.evaluate(CHARTS_DRAWN)
        assert len(charts) == 3 + len(ecommerce.evaluation.options)
        assert all(svgs > 0 for _, svgs in charts), charts
        assert errors == []
        assert requests
        assert all(url.startswith("file://") for url in requests), requests
        text = page.inner_text("body")
        heading = "管理摘要" if code == "zh" else "Executive summary"
        assert heading in text
        page.screenshot(path=str(artifacts / f"report-{code}.png"))
    finally:
        page.close()
    assert (artifacts / f"report-{code}.png").stat().st_size > 10_000


def test_hostile_names_are_shown_not_run(
    browser: Any, hostile: Case, tmp_path: Path, artifacts: Path
) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile.evaluation, hostile.scenario, lang("en")), encoding="utf-8")
    page, errors, requests, dialogs = _open(browser, path)
    try:
        assert dialogs == []
        assert errors == []
        assert all(url.startswith("file://") for url in requests), requests
        text = page.inner_text("body")
        assert SCRIPT in text  # shown as the text the user typed
        assert '=HYPERLINK("http://evil.example","click")' in text
        assert page.locator("b", has_text="bold").count() == 0
        charts = page.evaluate(CHARTS_DRAWN)
        assert all(svgs > 0 for _, svgs in charts), charts
        legend = page.inner_text("#chart-fte")
        assert '=HYPERLINK("http://evil.example","click")' in legend  # plotly shows text
        page.screenshot(path=str(artifacts / "report-hostile.png"))
    finally:
        page.close()
