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


RANKING_FIT = """() => {
    const table = document.querySelector('#ranking');
    const box = table.parentElement;
    const heads = [...table.querySelectorAll('thead th')];
    const right = box.getBoundingClientRect().right + 1;
    const visible = heads.map(th => th.getBoundingClientRect().right <= right);
    const names = [...table.querySelectorAll('tbody td.option')].map(td => {
        const line = parseFloat(getComputedStyle(td).lineHeight) || 20;
        return Math.round(td.firstChild.parentElement.getBoundingClientRect().height / line);
    });
    return {table: table.scrollWidth, box: box.clientWidth,
            page: document.documentElement.scrollWidth, visible, names};
}"""


@pytest.mark.parametrize("example", ["ecommerce", "bank", "saas"])
def test_ranking_fits_the_window(browser: Any, tmp_path: Path, example: str) -> None:
    """Every ranking column, P10–P90 included, is visible without a scrollbar, in en and zh,
    at 1366 and 1400 px; option names wrap to at most four lines (name, providers,
    description)."""
    from cscost._api import evaluate
    from cscost.io import load_scenario

    from .conftest import ROOT

    scenario = load_scenario(ROOT / "examples" / f"{example}.yaml")
    evaluation = evaluate(scenario)
    ranges = {o.name: (o.npv * 0.87, o.npv * 1.16) for o in evaluation.options}
    for code in ("en", "zh"):
        path = tmp_path / f"{example}-{code}.html"
        path.write_text(
            render_html(evaluation, scenario, lang(code), {"ranges": ranges}), encoding="utf-8"
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.goto(path.as_uri(), wait_until="load")
            for width in (1400, 1366):
                page.set_viewport_size({"width": width, "height": 900})
                fit = page.evaluate(RANKING_FIT)
                assert fit["table"] <= fit["box"], (code, width, fit)
                assert fit["page"] <= width, (code, width, fit)
                assert all(fit["visible"]), (code, width, fit)
                assert max(fit["names"]) <= 5, (code, width, fit)
        finally:
            page.close()


def test_print_media_expands_sections_and_hides_toolbars(
    browser: Any, ecommerce: Case, tmp_path: Path
) -> None:
    """Printed from the browser (not only through `report --format pdf`): every <details>
    opens on beforeprint, the plotly toolbar is hidden, tables do not scroll."""
    path = tmp_path / "report.html"
    path.write_text(
        render_html(ecommerce.evaluation, ecommerce.scenario, lang("en")), encoding="utf-8"
    )
    page, errors, _, _ = _open(browser, path)
    try:
        page.emulate_media(media="print")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        closed = page.evaluate(
            "() => [...document.querySelectorAll('details')].filter(d => !d.open).length"
        )
        assert closed == 0
        shown = page.evaluate(
            "() => [...document.querySelectorAll('.modebar-container')]"
            ".filter(m => getComputedStyle(m).display !== 'none').length"
        )
        assert shown == 0
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('.scroll')]"
            ".map(s => getComputedStyle(s).overflowX)"
        )
        assert set(overflow) == {"visible"}
        page.set_viewport_size({"width": 1047, "height": 700})  # A4 landscape less margins
        wide = page.evaluate(
            "() => [...document.querySelectorAll('table')]"
            ".filter(t => t.getBoundingClientRect().right > document.body.clientWidth + 1)"
            ".map(t => t.id || t.querySelector('th').innerText)"
        )
        assert wide == []  # every table fits the page width
        assert errors == []
    finally:
        page.close()
