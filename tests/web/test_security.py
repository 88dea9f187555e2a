"""Security rules of the web app, one test per rule, on SQLite and PostgreSQL: another
user's project and version are 404 (pages and API), a form without its CSRF token is 403,
an upload over 10 MB is 413, names are escaped, a stale save is a conflict, logins are
rate-limited, roles are enforced.
"""

from __future__ import annotations

import os
import stat

import pytest

from tests.web.conftest import PASSWORD, SCENARIO_YAML, Web, csrf_of, scenario_with

MB = 1024 * 1024


@pytest.fixture
def owned(web: Web) -> tuple[dict[str, str], int, int]:
    """A user's token header, a project of theirs and its first version."""
    headers = web.token(web.user())
    project = web.project(headers)
    version = web.upload(headers, project)
    return headers, project, int(str(version["id"]))


def test_another_users_project_and_version_are_404_on_the_api(
    web: Web, owned: tuple[dict[str, str], int, int]
) -> None:
    _, project, version = owned
    other = web.token(web.user())
    for method, path in (
        ("GET", f"/api/projects/{project}"),
        ("GET", f"/api/versions/{version}"),
        ("POST", f"/api/versions/{version}/evaluate"),
        ("POST", f"/api/projects/{project}/members"),
    ):
        answer = web.client.request(method, path, headers=other, json={"email": "x@y.z"})
        assert answer.status_code == 404, (path, answer.text)
    upload = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("a.yaml", SCENARIO_YAML.encode(), "text/yaml")},
        headers=other,
    )
    assert upload.status_code == 404
    missing = web.client.get("/api/projects/999999", headers=other)
    assert missing.status_code == 404
    assert missing.json() == upload.json()
    assert project not in [p["id"] for p in web.client.get("/api/projects", headers=other).json()]


def test_another_users_project_and_version_are_404_on_pages(
    web: Web, owned: tuple[dict[str, str], int, int]
) -> None:
    _, project, version = owned
    browser = web.signed_in(web.user())
    for path in (
        f"/projects/{project}",
        f"/projects/{project}/edit",
        f"/versions/{version}",
        f"/versions/{version}/view",
        f"/versions/{version}/download/csv",
        f"/compare?a={version}&b={version}",
    ):
        assert browser.get(path).status_code == 404, path


def test_a_form_post_without_its_csrf_token_is_403(web: Web) -> None:
    email = web.user()
    browser = web.signed_in(email)
    assert browser.post("/projects", data={"name": "no token"}).status_code == 403
    forged = browser.post("/projects", data={"name": "forged", "csrf_token": "abc"})
    assert forged.status_code == 403
    token = csrf_of(browser, "/projects")
    done = browser.post(
        "/projects", data={"name": "ok", "csrf_token": token}, follow_redirects=False
    )
    assert done.status_code == 303
    fresh = web.client.__class__(web.app)
    login = fresh.post("/login", data={"email": email, "password": PASSWORD})
    assert login.status_code == 403


def test_an_upload_over_10_mb_is_413(web: Web, owned: tuple[dict[str, str], int, int]) -> None:
    headers, project, _ = owned
    big = b"# padding\n" * (11 * MB // 10)
    answer = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("big.yaml", big, "text/yaml")},
        headers=headers,
    )
    assert answer.status_code == 413


def test_a_streamed_body_over_10_mb_is_413_without_a_length(
    web: Web, owned: tuple[dict[str, str], int, int]
) -> None:
    headers, project, _ = owned

    def chunks() -> object:
        boundary = b'--x\r\nContent-Disposition: form-data; name="file"; filename="b.yaml"\r\n\r\n'
        yield boundary
        for _ in range(11):
            yield b"#" * MB

    answer = web.client.post(
        f"/api/projects/{project}/versions",
        content=chunks(),  # type: ignore[arg-type]
        headers={**headers, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert answer.status_code == 413


def test_a_script_in_a_project_name_is_shown_escaped(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    name = "<script>alert('x')</script>"
    project = web.project(headers, name)
    browser = web.signed_in(email)
    for path in ("/projects", f"/projects/{project}"):
        page = browser.get(path).text
        assert name not in page
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_a_stale_save_in_the_editor_shows_the_conflict(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    first = web.upload(headers, project)
    browser = web.signed_in(email)
    token = csrf_of(browser, f"/projects/{project}/edit")
    web.upload(headers, project, scenario_with("rate: 31", "rate: 30"), message="colleague")
    mine = scenario_with("rate: 31", "rate: 33")
    answer = browser.post(
        f"/projects/{project}/edit",
        data={"csrf_token": token, "parent": str(first["id"]), "mode": "yaml", "text": mine},
    )
    assert answer.status_code == 409
    assert 'id="conflict"' in answer.text
    assert "colleague" in answer.text
    assert "vendors[vendor-h].fees[0].rate" in answer.text
    versions = web.client.get(f"/api/projects/{project}", headers=headers).json()["versions"]
    assert len(versions) == 2


def test_a_viewer_reads_but_does_not_upload(web: Web) -> None:
    owner = web.token(web.user())
    project = web.project(owner)
    version = web.upload(owner, project)
    viewer_email = web.user()
    added = web.client.post(
        f"/api/projects/{project}/members",
        json={"email": viewer_email, "role": "viewer"},
        headers=owner,
    )
    assert added.status_code == 200
    viewer = web.token(viewer_email)
    assert web.client.get(f"/api/versions/{version['id']}", headers=viewer).status_code == 200
    upload = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("a.yaml", SCENARIO_YAML.encode(), "text/yaml")},
        headers=viewer,
    )
    assert upload.status_code == 403
    members = web.client.post(
        f"/api/projects/{project}/members", json={"email": viewer_email, "role": "owner"},
        headers=viewer,
    )  # fmt: skip
    assert members.status_code == 403


def test_only_an_admin_invites_users(web: Web) -> None:
    plain = web.token(web.user())
    body = {"email": "new-" + os.urandom(4).hex() + "@example.com", "password": "long enough!"}
    assert web.client.post("/api/users", json=body, headers=plain).status_code == 403
    admin = web.token(web.user(admin=True))
    assert web.client.post("/api/users", json=body, headers=admin).status_code == 201
    assert (
        web.client.post(
            "/api/auth/token", data={"username": body["email"], "password": body["password"]}
        ).status_code
        == 200
    )


def test_logins_are_rate_limited(sqlite_web: Web) -> None:
    email = sqlite_web.user()
    client = sqlite_web.client
    codes = [
        client.post("/api/auth/token", data={"username": email, "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    right = client.post("/api/auth/token", data={"username": email, "password": PASSWORD})
    assert right.status_code == 429  # even the right password waits


def test_the_session_cookie_is_httponly_and_samesite(sqlite_web: Web) -> None:
    email = sqlite_web.user()
    client = sqlite_web.client
    token = csrf_of(client, "/login")
    answer = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie")
    assert cookie.startswith("cscost_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie.replace("Lax", "lax")


def test_the_secret_key_is_made_once_with_mode_0600(sqlite_web: Web) -> None:
    path = sqlite_web.data_dir / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    from cscost.web.settings import secret_key

    assert secret_key(sqlite_web.data_dir) == path.read_text().strip()
