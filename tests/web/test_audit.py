"""The audit trail, on SQLite and PostgreSQL: every change is recorded with who, when and
what; the history page lists it newest first in en and zh; the record is append-only in
the ORM and in the database (its triggers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from cscost.store.audit import AuditTrailError, Event, events_of, record_event
from tests.web.conftest import SCENARIO_YAML, Web, csrf_of, scenario_with
from tests.web.portal_helpers import RATE, SEALED_NAME, invite, past_deadline, quoted
from tests.web.test_rfp_upload import filled_workbook


def _events(web: Web, headers: dict[str, str], project: int) -> list[dict[str, object]]:
    answer = web.client.get(f"/api/projects/{project}/events", headers=headers)
    assert answer.status_code == 200
    found: list[dict[str, object]] = answer.json()
    return found


def _actions(events: list[dict[str, object]]) -> list[object]:
    return [e["action"] for e in events]


def test_every_save_path_is_recorded(web: Web, tmp_path: Path) -> None:
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    first = web.upload(headers, project)
    browser = web.signed_in(email)
    csrf = csrf_of(browser, f"/projects/{project}")
    page = browser.post(
        f"/projects/{project}/versions",
        files={"file": ("b.yaml", scenario_with("months: 12", "months: 13").encode(), "x")},
        data={"csrf_token": csrf, "parent": str(first["id"]), "message": "thirteen"},
        follow_redirects=False,
    )
    assert page.status_code == 303
    current = int(page.headers["location"].rsplit("/", 1)[1])
    yaml_edit = browser.post(
        f"/projects/{project}/edit",
        data={"csrf_token": csrf, "parent": str(current), "mode": "yaml", "text": SCENARIO_YAML},
        follow_redirects=False,
    )
    assert yaml_edit.status_code == 303
    current = int(yaml_edit.headers["location"].rsplit("/", 1)[1])
    form = {"name": "Renamed", "start": "2028-01", "months": "12", "discount_rate": "0.05"}
    form_edit = browser.post(
        f"/projects/{project}/edit",
        data={"csrf_token": csrf, "parent": str(current), "mode": "form", **form, "locale": "en"},
        follow_redirects=False,
    )
    assert form_edit.status_code == 303
    rfp = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("quote.xlsx", filled_workbook(tmp_path), "application/octet-stream")},
        headers=headers,
    )
    assert rfp.status_code == 201
    events = _events(web, headers, project)
    saves = [e for e in events if e["action"] == "version_saved"]
    sources = [e["detail"]["source"] for e in saves]  # type: ignore[index]
    assert sources == ["api_upload_rfp", "form_edit", "yaml_edit", "page_upload", "api_upload"]
    assert all(e["actor"] == email for e in saves)
    assert [e["detail"]["number"] for e in saves] == [5, 4, 3, 2, 1]  # type: ignore[index]
    assert all(re.match(r"\d{4}-\d\d-\d\dT", str(e["created_at"])) for e in saves)


def test_members_invitations_quotes_approvals_and_downloads_are_recorded(web: Web) -> None:
    owner = web.user()
    headers = web.token(owner)
    project = web.project(headers)
    version = int(str(web.upload(headers, project)["id"]))
    other = web.user()
    members = f"/api/projects/{project}/members"
    assert web.client.post(members, json={"email": other, "role": "viewer"}, headers=headers)
    web.client.post(members, json={"email": other, "role": "editor"}, headers=headers)
    removed = web.client.delete(members, params={"email": other}, headers=headers)
    assert removed.status_code == 200
    invitation, token = invite(web, headers, project)
    revoked, _ = invite(web, headers, project, "Revoked Ltd")
    web.client.post(f"/api/projects/{project}/invitations/{revoked}/revoke", headers=headers)
    quoted(web, token, invitation)
    past_deadline(web, invitation)
    opened = web.client.post(f"/api/projects/{project}/quotes/open", headers=headers)
    assert opened.status_code == 200
    approve = web.client.post(f"/api/versions/{version}/approve", headers=headers)
    assert approve.status_code == 200
    browser = web.signed_in(owner)
    assert browser.get(f"/versions/{version}/download/csv").status_code == 200
    events = _events(web, headers, project)
    assert _actions(events) == [
        "report_downloaded",
        "version_approved",
        "quotes_opened",
        "version_saved",
        "quote_uploaded",
        "invitation_claimed",
        "invitation_revoked",
        "invitation_created",
        "invitation_created",
        "member_removed",
        "role_changed",
        "member_added",
        "version_saved",
    ]
    by_action = {str(e["action"]): e for e in events}
    assert by_action["role_changed"]["detail"] == {
        "email": other,
        "before": "viewer",
        "after": "editor",
    }
    uploaded = by_action["quote_uploaded"]
    assert uploaded["actor"] == f"vendor:{invitation}"
    assert str(RATE) not in str(uploaded)
    assert SEALED_NAME not in str(uploaded)
    assert by_action["report_downloaded"]["detail"] == {
        "version_id": version,
        "number": 1,
        "kind": "csv",
        "lang": "en",
    }
    assert by_action["quotes_opened"]["detail"]["early"] is False  # type: ignore[index]


def test_the_history_page_lists_events_newest_first_in_en_and_zh(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    web.upload(headers, project)
    invite(web, headers, project)
    browser = web.signed_in(email)
    page = browser.get(f"/projects/{project}/history")
    assert page.status_code == 200
    actions = re.findall(r'data-action="([a-z_]+)"', page.text)
    assert actions == ["invitation_created", "version_saved"]
    assert "vendor invited" in page.text
    csrf = csrf_of(browser, "/projects")
    browser.post("/settings/lang", data={"csrf_token": csrf, "lang": "zh", "next": "/projects"})
    chinese = browser.get(f"/projects/{project}/history")
    assert "历史记录" in chinese.text
    assert "邀请了供应商" in chinese.text
    assert "保存了版本" in chinese.text
    stranger = web.signed_in(web.user())
    assert stranger.get(f"/projects/{project}/history").status_code == 404
    assert (
        web.client.get(f"/api/projects/{project}/events", headers=web.token(web.user())).status_code
        == 404
    )


def test_there_is_no_route_that_changes_an_event(web: Web) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    web.upload(headers, project)
    event = _events(web, headers, project)[0]["id"]
    for method in ("PUT", "PATCH", "DELETE"):
        for path in (f"/api/projects/{project}/events", f"/api/projects/{project}/events/{event}"):
            answer = web.client.request(method, path, headers=headers)
            assert answer.status_code in (404, 405), (method, path)


def test_the_record_is_append_only_in_the_orm_and_the_database(web: Web) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    web.upload(headers, project)
    store = web.app.state.store
    with store.session() as session:
        record_event(
            session, project_id=project, actor="tester@example.com", action="test", detail={}
        )
        session.commit()
        event = events_of(session, project)[0]
        event.action = "forged"
        with pytest.raises(AuditTrailError):
            session.flush()
        session.rollback()
        session.delete(session.get(Event, event.id))
        with pytest.raises(AuditTrailError):
            session.flush()
        session.rollback()
        with pytest.raises(AuditTrailError):
            session.execute(update(Event).values(action="forged"))
        with pytest.raises(AuditTrailError):
            session.execute(delete(Event))
        session.rollback()
    for statement in (
        f"UPDATE events SET action = 'forged' WHERE project_id = {project}",
        f"DELETE FROM events WHERE project_id = {project}",
    ):
        with store.engine.connect() as connection:
            with pytest.raises(DBAPIError, match="append-only"):
                connection.execute(text(statement))
            connection.rollback()
    with store.session() as session:
        actions = [e.action for e in events_of(session, project)]
    assert actions == ["test", "version_saved"]


def test_a_project_keeps_one_owner(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    members = f"/api/projects/{project}/members"
    alone = web.client.delete(members, params={"email": email}, headers=headers)
    assert alone.status_code == 422
    demoted = web.client.post(members, json={"email": email, "role": "viewer"}, headers=headers)
    assert demoted.status_code == 422
    assert "at least one owner" in demoted.json()["detail"]
    stranger = web.client.delete(members, params={"email": "nobody@example.com"}, headers=headers)
    assert stranger.status_code == 422
