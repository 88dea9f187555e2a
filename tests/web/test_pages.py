"""The pages through ``TestClient`` (SQLite): upload, the result with its ranking and
report, the language switch, the downloads, compare, the editor's located errors."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cscost.pricing.bill import BILL_COLUMNS
from tests.web.conftest import SCENARIO_YAML, Web, csrf_of, make_web, scenario_with


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """An app on SQLite for this module."""
    yield from make_web(tmp_path_factory.mktemp("pages"), None)


def _upload(browser: TestClient, project: int, text: str, message: str) -> str:
    """Upload through the project page's form (with the parent it names)."""
    token = csrf_of(browser, f"/projects/{project}")
    parent = re.search(r'name="parent" value="(\d+)"', browser.get(f"/projects/{project}").text)
    form = {"csrf_token": token, "message": message} | (
        {"parent": parent.group(1)} if parent else {}
    )
    answer = browser.post(
        f"/projects/{project}/versions",
        files={"file": ("helpdesk.yaml", text.encode(), "text/yaml")},
        data=form,
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    location: str = answer.headers["location"]
    return location


@pytest.fixture(scope="module")
def signed(site: Web) -> tuple[TestClient, int, str, str]:
    """A signed-in browser, its project, and the pages of two versions."""
    browser = site.signed_in(site.user())
    token = csrf_of(browser, "/projects")
    made = browser.post(
        "/projects", data={"name": "Helpdesk", "csrf_token": token}, follow_redirects=False
    )
    project = int(made.headers["location"].rsplit("/", 1)[1])
    first = _upload(browser, project, SCENARIO_YAML, "first")
    second = _upload(browser, project, scenario_with("rate: 5.2", "rate: 4.2"), "cheaper")
    return browser, project, first, second


def test_the_version_page_ranks_the_options(
    site: Web, signed: tuple[TestClient, int, str, str]
) -> None:
    browser, _, first, _ = signed
    page = browser.get(first).text
    table = page[page.index('id="ranking"') :]
    names = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td>", table)
    assert [int(rank) for rank, _ in names] == sorted(int(rank) for rank, _ in names)
    assert {name for _, name in names} >= {"Per contact", "Hourly"}


def test_the_report_view_loads_plotly_from_the_app(
    signed: tuple[TestClient, int, str, str],
) -> None:
    browser, _, first, _ = signed
    view = browser.get(first + "/view")
    assert view.status_code == 200
    assert '<script src="/static/plotly.min.js"></script>' in view.text
    assert "Plotly.newPlot" in view.text or "plotly-graph-div" in view.text
    assert len(view.content) < 2_000_000  # plotly.js is not inlined
    js = browser.get("/static/plotly.min.js")
    assert js.status_code == 200
    assert len(js.content) > 1_000_000


def test_switching_to_chinese_translates_the_page_and_report(
    signed: tuple[TestClient, int, str, str],
) -> None:
    browser, _, first, _ = signed
    token = csrf_of(browser, first)
    switched = browser.post(
        "/settings/lang", data={"lang": "zh", "next": first, "csrf_token": token}
    )
    assert switched.status_code == 200
    assert "排名" in switched.text or "方案" in switched.text
    assert 'lang="zh-CN"' in browser.get(first + "/view").text
    token = csrf_of(browser, first)
    browser.post("/settings/lang", data={"lang": "en", "next": first, "csrf_token": token})
    assert 'lang="en"' in browser.get(first).text


def test_the_downloads(signed: tuple[TestClient, int, str, str]) -> None:
    browser, _, first, _ = signed
    bill = browser.get(first + "/download/csv")
    assert bill.status_code == 200
    assert "attachment" in bill.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(bill.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == tuple(BILL_COLUMNS)
    assert len(rows) > 12
    book = browser.get(first + "/download/xlsx")
    assert book.content[:2] == b"PK"
    report = browser.get(first + "/download/html").text
    assert "Plotly" in report
    assert "<script src=" not in report.split("<body", 1)[0]
    assert browser.get(first + "/download/exe").status_code == 404


def test_the_pdf_download(signed: tuple[TestClient, int, str, str]) -> None:
    """The PDF is printed by Chromium (as `cscost report --format pdf`) and sent whole."""
    browser, _, first, _ = signed
    pdf = browser.get(first + "/download/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.content.rstrip().endswith(b"%%EOF")


def test_compare_shows_the_difference_and_the_changed_input(
    signed: tuple[TestClient, int, str, str],
) -> None:
    browser, _, first, second = signed
    a, b = first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]
    page = browser.get(f"/compare?a={a}&b={b}")
    assert page.status_code == 200
    assert "vendors[vendor-p].fees[0].rate" in page.text
    assert "5.2" in page.text
    assert "4.2" in page.text
    assert 'class="num diff"' in page.text


def test_the_yaml_editor_shows_the_located_error_at_its_line(
    signed: tuple[TestClient, int, str, str],
) -> None:
    browser, project, _, second = signed
    token = csrf_of(browser, f"/projects/{project}/edit")
    parent = second.rsplit("/", 1)[1]
    broken = scenario_with("fcr: 0.75", "fcr: 7.5")
    answer = browser.post(
        f"/projects/{project}/edit",
        data={"csrf_token": token, "parent": parent, "mode": "yaml", "text": broken},
    )
    assert answer.status_code == 422
    line = next(n for n, t in enumerate(broken.splitlines(), 1) if "fcr: 7.5" in t)
    assert f'data-line="{line}" data-column="10"' in answer.text
    assert f'<span class="bad">{line}</span>' in answer.text


def test_the_form_edits_the_common_fields(signed: tuple[TestClient, int, str, str]) -> None:
    browser, project, _, _ = signed
    edit = browser.get(f"/projects/{project}/edit").text
    parent = re.search(r'name="parent" value="(\d+)"', edit)
    assert parent
    token = csrf_of(browser, f"/projects/{project}/edit")
    fields = {"name": "Renamed", "start": "2028-01", "months": "24", "discount_rate": "0.05"}
    answer = browser.post(
        f"/projects/{project}/edit",
        data={"csrf_token": token, "parent": parent.group(1), "mode": "form", "locale": "en"}
        | fields,
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = browser.get(answer.headers["location"] + "/view").text
    assert "Renamed" in page
    doc = browser.get(answer.headers["location"]).text
    assert "v3" in doc


def test_the_report_view_revalidates_with_its_etag(
    signed: tuple[TestClient, int, str, str],
) -> None:
    browser, _, first, second = signed
    view = browser.get(first + "/view")
    tag = view.headers["etag"]
    assert browser.get(first + "/view", headers={"If-None-Match": tag}).status_code == 304
    other = browser.get(second + "/view", headers={"If-None-Match": tag})
    assert other.status_code == 200
    assert other.headers["etag"] != tag
