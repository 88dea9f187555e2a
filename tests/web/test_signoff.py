"""Sign-off, on SQLite and PostgreSQL: an owner approves a version as the baseline, the
reports of that version say so (HTML, the report frame, XLSX; en and zh), the version is
locked, later versions are "after approval", only owners approve or withdraw."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl  # type: ignore[import-untyped]
import pytest

from cscost.store.models import Version
from cscost.store.signoff import LockedVersionError
from tests.web.conftest import Web, csrf_of, scenario_with, sqlite_only


@pytest.fixture
def approved(web: Web) -> tuple[str, dict[str, str], int, int]:
    """An owner's email and token header, a project, and its approved first version."""
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    version = int(str(web.upload(headers, project)["id"]))
    answer = web.client.post(f"/api/versions/{version}/approve", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["approved_by"] == email
    return email, headers, project, version


def _line(email: str) -> str:
    return f"Approved baseline, approved by {email} on {dt.datetime.now(dt.UTC):%Y-%m-%d}"


@sqlite_only  # renders every report; the approval they read is checked on both backends
def test_the_reports_of_an_approved_version_say_so(
    web: Web, approved: tuple[str, dict[str, str], int, int]
) -> None:
    email, _, _, version = approved
    browser = web.signed_in(email)
    assert _line(email) in browser.get(f"/versions/{version}").text
    assert _line(email) in browser.get(f"/versions/{version}/view").text
    html = browser.get(f"/versions/{version}/download/html")
    assert html.status_code == 200
    assert _line(email) in html.text
    xlsx = browser.get(f"/versions/{version}/download/xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.worksheets[0]["A1"].value == _line(email)
    csrf = csrf_of(browser, "/projects")
    browser.post("/settings/lang", data={"csrf_token": csrf, "lang": "zh", "next": "/projects"})
    chinese = browser.get(f"/versions/{version}/download/html").text
    assert f"已批准的基准版本，由 {email} 于" in chinese


def test_a_later_version_is_after_approval_and_approving_it_replaces_the_baseline(
    web: Web, approved: tuple[str, dict[str, str], int, int]
) -> None:
    email, headers, project, first = approved
    second = int(str(web.upload(headers, project, scenario_with("months: 12", "months: 24"))["id"]))
    browser = web.signed_in(email)
    page = browser.get(f"/versions/{second}").text
    assert "After approval: the approved baseline is v1" in page
    assert "Approved baseline" not in browser.get(f"/versions/{second}/download/html").text
    assert web.client.post(f"/api/versions/{second}/approve", headers=headers).status_code == 200
    state = web.client.get(f"/api/versions/{first}/approval", headers=headers).json()
    assert state["approved"] is False
    assert state["baseline_version_id"] == second
    events = web.client.get(f"/api/projects/{project}/events", headers=headers).json()
    actions = [e["action"] for e in events[:3]]
    assert actions == ["version_approved", "approval_withdrawn", "report_downloaded"]
    assert events[1]["detail"]["superseded_by"] == second
    assert "Approved baseline" not in browser.get(f"/versions/{first}/download/html").text


def test_only_an_owner_approves_or_withdraws(
    web: Web, approved: tuple[str, dict[str, str], int, int]
) -> None:
    _, headers, project, version = approved
    for role in ("editor", "viewer"):
        email = web.user()
        web.client.post(
            f"/api/projects/{project}/members", json={"email": email, "role": role}, headers=headers
        )
        auth = web.token(email)
        assert web.client.post(f"/api/versions/{version}/approve", headers=auth).status_code == 403
        assert web.client.post(f"/api/versions/{version}/withdraw", headers=auth).status_code == 403
        browser = web.signed_in(email)
        assert "approve-button" not in browser.get(f"/versions/{version}").text
        assert "withdraw-button" not in browser.get(f"/versions/{version}").text
    withdrawn = web.client.post(f"/api/versions/{version}/withdraw", headers=headers)
    assert withdrawn.json()["approved"] is False
    again = web.client.post(f"/api/versions/{version}/withdraw", headers=headers)
    assert again.status_code == 422
    events = web.client.get(f"/api/projects/{project}/events", headers=headers).json()
    assert events[0]["action"] == "approval_withdrawn"


def test_an_approved_version_is_locked(
    web: Web, approved: tuple[str, dict[str, str], int, int]
) -> None:
    _, _, _, version = approved
    with web.app.state.store.session() as session:
        found = session.get(Version, version)
        assert found is not None
        found.message = "changed after approval"
        with pytest.raises(LockedVersionError):
            session.flush()
        session.rollback()


def test_the_pdf_of_an_approved_version_is_printed_with_its_banner(sqlite_web: Web) -> None:
    headers = sqlite_web.token(email := sqlite_web.user())
    project = sqlite_web.project(headers)
    version = int(str(sqlite_web.upload(headers, project)["id"]))
    assert sqlite_web.client.post(f"/api/versions/{version}/approve", headers=headers)
    pdf = sqlite_web.signed_in(email).get(f"/versions/{version}/download/pdf")
    assert pdf.status_code == 200, pdf.text[:300]
    assert pdf.content.startswith(b"%PDF")
