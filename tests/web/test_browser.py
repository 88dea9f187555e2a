"""The web app in a real browser: Debian's Chromium driven by Playwright against uvicorn
in a thread (free port, temporary SQLite). Log in, create a project, upload, see the
ranking and the charts, switch to Chinese, compare two versions, download a report.

Fails, never skips, when Chromium is missing (``make test`` installs it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from cscost.report.pdf import CHROMIUM, HEADLESS_FLAGS
from cscost.store.queries import add_user
from cscost.web import Settings, create_app
from tests.web.conftest import PASSWORD, SCENARIO_YAML, scenario_with
from tests.web.test_cli_serve import free_port

BROWSER_ARGS = list(HEADLESS_FLAGS)
EMAIL = "browser@example.com"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn in a thread; a user :data:`EMAIL` exists."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("browser")))
    with app.state.store.session() as session:
        add_user(session, EMAIL, PASSWORD)
        session.commit()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def in_a_browser(base_url: str, journey: Callable[[Any], None]) -> None:
    """Run ``journey(page)`` in Chromium, in a thread of its own: Playwright's sync API
    allows one instance per thread, and the report tests keep one open all session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (make test installs it first)")

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            try:
                context = browser.new_context(base_url=base_url, accept_downloads=True)
                context.set_default_timeout(20_000)
                journey(context.new_page())
                context.close()
            finally:
                browser.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(run).result()  # the journey's assertion errors are raised here


def _upload(page: Any, path: Path, message: str) -> None:
    page.set_input_files('input[name="file"]', str(path))
    page.fill('input[name="message"]', message)
    page.click("#upload-button")
    page.wait_for_selector("#ranking")


def test_a_user_works_through_a_project(base_url: str, tmp_path: Path) -> None:
    in_a_browser(base_url, lambda page: journey(page, tmp_path))


def journey(page: Any, tmp_path: Path) -> None:
    """Log in, create a project, upload, see the result, download, switch to zh, compare."""
    page.goto("/projects")
    assert "/login" in page.url
    page.fill('input[name="email"]', EMAIL)
    page.fill('input[name="password"]', PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/projects")

    page.fill('input[name="name"]', "<b>Browser</b> helpdesk")
    page.click('form[action="/projects"] button')
    page.wait_for_selector("#project-name")
    assert page.inner_text("#project-name") == "<b>Browser</b> helpdesk"  # escaped, not bold

    first = tmp_path / "helpdesk.yaml"
    first.write_text(SCENARIO_YAML, encoding="utf-8")
    _upload(page, first, "first")
    ranking = page.inner_text("#ranking")
    assert "Per contact" in ranking
    assert "Hourly" in ranking
    frame = page.frame_locator("#report")
    frame.locator(".plotly-graph-div .main-svg").first.wait_for()  # plotly.js ran

    with page.expect_download() as download:
        page.click("text=XLSX")
    saved = download.value.path()
    assert Path(saved).read_bytes()[:2] == b"PK"

    page.select_option("#lang-select", "zh")
    page.wait_for_selector("html[lang=zh-CN]")
    assert "排名" in page.inner_text("main")
    assert "方案" in page.inner_text("#ranking")

    project_url = page.get_attribute("main p a", "href")
    page.goto(project_url)
    second = tmp_path / "cheaper.yaml"
    second.write_text(scenario_with("rate: 5.2", "rate: 4.2"), encoding="utf-8")
    _upload(page, second, "cheaper")
    page.goto(project_url)
    page.click("#compare-button")
    page.wait_for_selector("#comparison")
    assert "差额" in page.inner_text("#comparison")
    assert "vendors[vendor-p].fees[0].rate" in page.inner_text("main")


def test_the_what_if_slider_reranks_in_the_browser(base_url: str, tmp_path: Path) -> None:
    in_a_browser(base_url, lambda page: what_if_journey(page, tmp_path))


def _first_option(page: Any) -> str:
    text: str = page.inner_text("#whatif-ranking tbody tr:first-child td:nth-child(2)")
    return text


def what_if_journey(page: Any, tmp_path: Path) -> None:
    """Move the Hourly vendor's rates to 150 %: the ranking flips to what ``evaluate`` of
    the adjusted scenario says; save it as a version."""
    import yaml

    import cscost

    page.goto("/login")
    page.fill('input[name="email"]', EMAIL)
    page.fill('input[name="password"]', PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/projects")
    page.fill('input[name="name"]', "What-if")
    page.click('form[action="/projects"] button')
    page.wait_for_selector("#project-name")
    path = tmp_path / "helpdesk.yaml"
    path.write_text(SCENARIO_YAML, encoding="utf-8")
    _upload(page, path, "first")
    page.click("#whatif-link")
    page.wait_for_selector("#whatif-state[data-exact='1']")
    assert _first_option(page) == "Hourly"
    page.locator("#chart-totals .main-svg").first.wait_for()  # the chart is drawn

    scenario = cscost.Scenario.model_validate(yaml.safe_load(SCENARIO_YAML))
    adjusted = scenario.model_copy(
        update={"adjustments": cscost.Adjustments(rates={"vendor-h": 1.5})}
    )
    expected = [o.name for o in sorted(cscost.evaluate(adjusted).options, key=lambda o: o.rank)]
    assert expected[0] == "Per contact"
    page.eval_on_selector(
        "#slider-rate-vendor-h",
        """el => { el.value = 150; el.dispatchEvent(new Event('input'));
                   el.dispatchEvent(new Event('change')); }""",
    )
    page.wait_for_function(
        "() => document.querySelector('#whatif-state').dataset.exact === '1' && "
        "document.querySelector('#whatif-ranking tbody tr td:nth-child(2)').textContent "
        "=== 'Per contact'"
    )
    shown = page.eval_on_selector_all(
        "#whatif-ranking tbody tr td:nth-child(2)", "cells => cells.map(c => c.textContent)"
    )
    assert shown == expected
    assert page.inner_text("output[for=slider-rate-vendor-h]") == "+50.0 %"
    page.fill('#whatif-save input[name="message"]', "Hourly 50 % dearer")
    page.click("#whatif-save button")
    page.wait_for_selector("#ranking")
    assert "Hourly 50 % dearer" in page.inner_text("main")
    assert page.inner_text("#ranking tbody tr:first-child td:nth-child(2)") == "Per contact"
