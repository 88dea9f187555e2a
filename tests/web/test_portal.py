"""The vendor portal, on SQLite and PostgreSQL: a link opens one page once, until the
deadline; the quote stays sealed from every member until it is opened; opening makes a
new version with the vendor; the role rules of inviting and opening."""

from __future__ import annotations

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.web.conftest import SCENARIO_YAML, Web, sqlite_only
from tests.web.portal_helpers import (
    RATE,
    SEALED_NAME,
    filled,
    invite,
    issues,
    past_deadline,
    quoted,
    upload_quote,
    vendor,
)


@pytest.fixture
def project(web: Web) -> tuple[dict[str, str], int, int]:
    """An owner's token header, a project of theirs and its first version's id."""
    headers = web.token(web.user())
    project_id = web.project(headers)
    version = web.upload(headers, project_id)
    return headers, project_id, int(str(version["id"]))


def member(web: Web, owner: dict[str, str], project: int, role: str) -> str:
    """A new user with ``role`` in the project."""
    email = web.user()
    answer = web.client.post(
        f"/api/projects/{project}/members", json={"email": email, "role": role}, headers=owner
    )
    assert answer.status_code == 200, answer.text
    return email


def test_a_vendor_downloads_the_template_uploads_fixes_and_uploads_again(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, _ = project
    invitation, token = invite(web, headers, project_id)
    client, csrf = vendor(web, token)
    page = client.get(f"/portal/invitations/{invitation}")
    assert page.status_code == 200
    assert "Acme Outsourcing" in page.text
    assert "Helpdesk" not in page.text  # the project's name is not the vendor's business
    english = client.get(f"/portal/invitations/{invitation}/template/en")
    chinese = client.get(f"/portal/invitations/{invitation}/template/zh")
    assert english.content[:2] == chinese.content[:2] == b"PK"
    assert english.content != chinese.content
    # the blank template: the importer's sheet!cell issues, with the vendor's file name
    blank = client.post(
        f"/portal/invitations/{invitation}/quote",
        files={"file": ("ours.xlsx", english.content, "application/octet-stream")},
        data={"csrf_token": csrf},
    )
    assert blank.status_code == 422
    found = issues(blank.text)
    assert found
    assert all(i.startswith("ours.xlsx: Pricing!D") for i in found[:3]), found[:3]
    assert "/tmp" not in blank.text
    assert upload_quote(client, csrf, invitation, filled(english.content)) == 303
    again = upload_quote(client, csrf, invitation, filled(english.content, RATE + 1))
    assert again == 303
    assert "(uploads: 2)" in client.get(f"/portal/invitations/{invitation}").text
    record = web.client.get(f"/api/projects/{project_id}/invitations", headers=headers).json()
    assert record[0]["status"] == "quoted"
    assert record[0]["uploads"] == 2


def test_the_link_is_exchanged_once(web: Web, project: tuple[dict[str, str], int, int]) -> None:
    headers, project_id, _ = project
    invitation, token = invite(web, headers, project_id)
    client, csrf = vendor(web, token)
    # the browser that used it goes back to its page; any other browser is refused
    back = client.get(f"/portal/{token}", follow_redirects=False)
    assert back.status_code == 303
    other = TestClient(web.app, base_url="http://testserver")
    assert other.get(f"/portal/{token}").status_code == 403
    assert other.post(f"/portal/{token}", data={"csrf_token": csrf}).status_code == 403
    assert "used already" in other.get(f"/portal/{token}").text
    assert other.get(f"/portal/invitations/{invitation}").status_code == 404
    # a new link (an editor's) replaces the old one and the session it opened
    answer = web.client.post(
        f"/api/projects/{project_id}/invitations/{invitation}/link", headers=headers
    )
    assert answer.status_code == 200
    assert other.get(f"/portal/{token}").status_code == 404
    assert client.get(f"/portal/invitations/{invitation}").status_code == 404
    fresh, _ = vendor(web, answer.json()["token"])
    assert fresh.get(f"/portal/invitations/{invitation}").status_code == 200


def test_after_the_deadline_the_link_and_the_page_are_refused(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, _ = project
    invitation, token = invite(web, headers, project_id)
    unused, unused_token = invite(web, headers, project_id, "Late Ltd")
    client, csrf = vendor(web, token)
    template = client.get(f"/portal/invitations/{invitation}/template/en").content
    past_deadline(web, invitation)
    past_deadline(web, unused)
    assert client.get(f"/portal/invitations/{invitation}").status_code == 403
    assert client.get(f"/portal/invitations/{invitation}/template/en").status_code == 403
    assert upload_quote(client, csrf, invitation, filled(template)) == 403
    assert "deadline" in client.get(f"/portal/invitations/{invitation}").text
    assert TestClient(web.app).get(f"/portal/{unused_token}").status_code == 403


def test_a_revoked_invitation_is_refused(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, _ = project
    invitation, token = invite(web, headers, project_id)
    client, _ = vendor(web, token)
    answer = web.client.post(
        f"/api/projects/{project_id}/invitations/{invitation}/revoke", headers=headers
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "revoked"
    assert client.get(f"/portal/invitations/{invitation}").status_code == 403
    assert client.get(f"/portal/{token}").status_code == 403


def test_a_wrong_or_forged_token_is_refused(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, _ = project
    first, token = invite(web, headers, project_id)
    second, _ = invite(web, headers, project_id, "Other Vendor")
    stranger = TestClient(web.app, base_url="http://testserver")
    assert stranger.get("/portal/" + "A" * 43).status_code == 404
    assert stranger.get(f"/portal/{token[:-1]}x").status_code == 404
    client, _ = vendor(web, token)
    cookie = client.cookies.get("cscost_portal")
    assert cookie
    assert cookie.startswith(f"{first}.")
    forged = TestClient(web.app, base_url="http://testserver")
    for value in (f"{first}.{'x' * 43}", f"{second}.{cookie.partition('.')[2]}", "garbage"):
        forged.cookies.set("cscost_portal", value, path="/portal")
        assert forged.get(f"/portal/invitations/{first}").status_code == 404, value
        assert forged.get(f"/portal/invitations/{second}").status_code == 404, value
    # the vendor's own session on another invitation's page
    assert client.get(f"/portal/invitations/{second}").status_code == 404
    assert client.get(f"/portal/invitations/{second}/template/en").status_code == 404


def test_a_vendor_token_opens_no_other_page_or_api(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, version = project
    invitation, token = invite(web, headers, project_id)
    client = quoted(web, token, invitation)
    cookie = str(client.cookies.get("cscost_portal"))
    as_everything = {
        "Cookie": f"cscost_portal={cookie}; cscost_session={cookie}; cscost_session={token}",
    }
    for path in (
        "/projects",
        f"/projects/{project_id}",
        f"/projects/{project_id}/invitations",
        f"/projects/{project_id}/history",
        f"/versions/{version}",
        f"/versions/{version}/view",
        f"/versions/{version}/download/csv",
    ):
        answer = client.get(path, headers=as_everything, follow_redirects=False)
        assert answer.status_code in (303, 401, 403, 404), path
        assert answer.status_code != 303 or answer.headers["location"].startswith("/login")
        assert "Helpdesk" not in answer.text, path
        assert "vendor-p" not in answer.text, path
    for bearer in (token, cookie):
        auth = {"Authorization": f"Bearer {bearer}"}
        for path in (
            "/api/projects",
            f"/api/projects/{project_id}",
            f"/api/projects/{project_id}/invitations",
            f"/api/projects/{project_id}/events",
            f"/api/versions/{version}",
        ):
            assert client.get(path, headers=auth).status_code == 401, path


SECRETS = (f"{RATE}", SEALED_NAME, "zephyrine")  # ("987,65" is in plotly.js)


def sealed_quote(web: Web, headers: dict[str, str], project_id: int) -> tuple[str, str]:
    """A viewer and an editor of the project, whose invited vendor has uploaded a quote."""
    viewer = member(web, headers, project_id, "viewer")
    editor = member(web, headers, project_id, "editor")
    invitation, token = invite(web, headers, project_id)
    quoted(web, token, invitation)
    return viewer, editor


@sqlite_only  # every page and report rendered twice; the API test below runs on both
def test_sealed_figures_reach_no_members_page_before_opening(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, version = project
    viewer, editor = sealed_quote(web, headers, project_id)
    owner_email = web.client.get("/api/projects", headers=headers)  # a warm-up request
    assert owner_email.status_code == 200
    pages = (
        "/projects",
        f"/projects/{project_id}",
        f"/projects/{project_id}/invitations",
        f"/projects/{project_id}/history",
        f"/projects/{project_id}/edit",
        f"/versions/{version}",
        f"/versions/{version}/view",
        f"/versions/{version}/download/html",
        f"/versions/{version}/download/csv",
        f"/compare?a={version}&b={version}",
    )
    for email in (viewer, editor):
        browser = web.signed_in(email)
        for path in pages:
            answer = browser.get(path)
            if answer.status_code == 403:  # the editor page for a viewer
                continue
            assert answer.status_code == 200, (email, path)
            assert not any(s in answer.text for s in SECRETS), (email, path)


def test_sealed_figures_reach_no_member_before_opening(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, version = project
    viewer, editor = sealed_quote(web, headers, project_id)
    apis = (
        ("GET", "/api/projects"),
        ("GET", f"/api/projects/{project_id}"),
        ("GET", f"/api/projects/{project_id}/invitations"),
        ("GET", f"/api/projects/{project_id}/events"),
        ("GET", f"/api/versions/{version}"),
        ("GET", f"/api/versions/{version}/approval"),
        ("POST", f"/api/versions/{version}/evaluate"),
        ("GET", f"/api/versions/{version}/compare/{version}"),
    )
    auth = web.token(editor)
    for owner_or_editor in (headers, auth):
        for method, path in apis:
            answer = web.client.request(method, path, headers=owner_or_editor)
            assert answer.status_code == 200, path
            assert not any(s in answer.text for s in SECRETS), path
    invited = web.client.get(f"/api/projects/{project_id}/invitations", headers=auth).json()
    assert invited[0]["vendor_name"] == "Acme Outsourcing"
    assert invited[0]["quote_uploaded_at"] is not None
    # before the deadline an editor cannot open them; a viewer cannot open at all
    early = web.client.post(f"/api/projects/{project_id}/quotes/open", headers=auth)
    assert early.status_code == 422
    early_flag = web.client.post(
        f"/api/projects/{project_id}/quotes/open", json={"early": True}, headers=auth
    )
    assert early_flag.status_code == 403
    viewer_auth = web.token(viewer)
    for body in (None, {"early": True}):
        refused = web.client.post(
            f"/api/projects/{project_id}/quotes/open", json=body, headers=viewer_auth
        )
        assert refused.status_code == 403


def test_opening_after_the_deadline_makes_a_version_with_the_vendor(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, version = project
    editor = web.token(member(web, headers, project_id, "editor"))
    invitation, token = invite(web, headers, project_id)
    client = quoted(web, token, invitation)
    past_deadline(web, invitation)
    answer = web.client.post(f"/api/projects/{project_id}/quotes/open", headers=editor)
    assert answer.status_code == 200, answer.text
    opened = web.client.get(f"/api/versions/{answer.json()['version_id']}", headers=editor)
    text = opened.json()["text"]
    assert opened.json()["parent_id"] == version
    vendors = yaml.safe_load(text)["vendors"]
    added = vendors[-1]
    assert added["id"] == "acme-outsourcing"
    assert added["name"] == SEALED_NAME
    assert any(f.get("rate") == RATE for f in added["fees"])
    rest = iter(text.splitlines())
    assert all(any(line == other for other in rest) for line in SCENARIO_YAML.splitlines())
    record = web.client.get(f"/api/projects/{project_id}/invitations", headers=editor).json()
    assert record[0]["status"] == "opened"
    assert record[0]["opened_version_id"] == answer.json()["version_id"]
    assert client.get(f"/portal/invitations/{invitation}").status_code == 403
    again = web.client.post(f"/api/projects/{project_id}/quotes/open", headers=editor)
    assert again.status_code == 422  # nothing left to open


def test_an_owner_opens_early_on_the_page(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, _ = project
    owner = web.client.get(f"/api/versions/{project[2]}", headers=headers).json()["author"]
    invitation, token = invite(web, headers, project_id)
    quoted(web, token, invitation)
    browser = web.signed_in(owner)
    page = browser.get(f"/projects/{project_id}/invitations")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    done = browser.post(
        f"/projects/{project_id}/quotes/open",
        data={"csrf_token": csrf, "early": "true"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/versions/")
    events = web.client.get(f"/api/projects/{project_id}/events", headers=headers).json()
    opening = next(e for e in events if e["action"] == "quotes_opened")
    assert opening["detail"]["early"] is True
    assert opening["actor"] == owner
    opened = web.client.get(f"/api/versions/{opening['detail']['version_id']}", headers=headers)
    assert str(RATE) in opened.json()["text"]


def test_roles_of_inviting(web: Web, project: tuple[dict[str, str], int, int]) -> None:
    headers, project_id, _ = project
    viewer = web.token(member(web, headers, project_id, "viewer"))
    editor = web.token(member(web, headers, project_id, "editor"))
    body = {"vendor_name": "V", "email": "v@example.com", "deadline": "2099-01-01T00:00"}
    path = f"/api/projects/{project_id}/invitations"
    assert web.client.post(path, json=body, headers=viewer).status_code == 403
    made = web.client.post(path, json=body, headers=editor)
    assert made.status_code == 201
    assert web.client.get(path, headers=viewer).status_code == 200
    revoke = f"{path}/{made.json()['id']}/revoke"
    assert web.client.post(revoke, headers=viewer).status_code == 403
    past = {**body, "deadline": "2001-01-01T00:00"}
    assert web.client.post(path, json=past, headers=editor).status_code == 422
    stranger = web.token(web.user())
    assert web.client.get(path, headers=stranger).status_code == 404


def test_the_invitations_page_shows_the_new_link_once(
    web: Web, project: tuple[dict[str, str], int, int]
) -> None:
    headers, project_id, version = project
    owner = web.client.get(f"/api/versions/{version}", headers=headers).json()["author"]
    browser = web.signed_in(owner)
    page = browser.get(f"/projects/{project_id}/invitations")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"vendor_name": "Page Vendor", "email": "p@example.com", "lang": "zh"}
    made = browser.post(
        f"/projects/{project_id}/invitations",
        data={"csrf_token": csrf, "deadline": "2099-06-30T17:00", **form},
    )
    assert made.status_code == 201
    link = made.text.split('id="new-link">')[1].split("<code>")[1].split("</code>")[0]
    assert link.startswith("http://testserver/portal/")
    assert link not in browser.get(f"/projects/{project_id}/invitations").text
    client, _ = vendor(web, link.rsplit("/", 1)[1])
    listed = web.client.get(f"/api/projects/{project_id}/invitations", headers=headers).json()
    invitation = next(i["id"] for i in listed if i["vendor_name"] == "Page Vendor")
    mine = client.get(f"/portal/invitations/{invitation}?lang=zh")
    assert mine.status_code == 200
    assert "供应商门户" in mine.text
