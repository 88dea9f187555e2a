"""The JSON API on SQLite and on PostgreSQL: tokens, projects, versions, evaluation.

The reference for ``evaluate`` is the CLI: ``cscost evaluate FILE --format json`` on the
same scenario file (written by the test, not in the repository).
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import cscost.cli
from tests.web.conftest import PASSWORD, SCENARIO_YAML, Web, scenario_with

cscost.cli._register()


def cli_json(tmp_path: Path, text: str, *args: str) -> object:
    """What ``cscost evaluate --format json`` prints for ``text``."""
    path = tmp_path / "helpdesk.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cscost.cli.app, ["evaluate", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_evaluate_answers_the_cli_document(web: Web, tmp_path: Path) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    version = web.upload(headers, project, message="first")
    answer = web.client.post(f"/api/versions/{version['id']}/evaluate", headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    expected = cli_json(tmp_path, SCENARIO_YAML)
    assert answer.json() == expected
    totals = {o["name"]: o["total"] for o in answer.json()["options"]}
    assert {"Per contact", "Hourly"} <= set(totals)


def test_evaluate_in_chinese_equals_the_cli_in_chinese(web: Web, tmp_path: Path) -> None:
    headers = web.token(web.user())
    version = web.upload(headers, web.project(headers))
    answer = web.client.post(f"/api/versions/{version['id']}/evaluate?lang=zh", headers=headers)
    assert answer.json() == cli_json(tmp_path, SCENARIO_YAML, "--lang", "zh")
    again = web.client.post(f"/api/versions/{version['id']}/evaluate?lang=zh", headers=headers)
    assert again.content == answer.content  # the cached document


def test_a_version_records_author_message_parent_and_hash(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    first = web.upload(headers, project, message="first")
    second = web.upload(headers, project, scenario_with("rate: 5.2", "rate: 4.9"), message="cut")
    assert first["parent_id"] is None
    assert first["number"] == 1
    assert second["parent_id"] == first["id"]
    assert second["number"] == 2
    assert second["author"] == email
    assert second["message"] == "cut"
    assert first["content_hash"] != second["content_hash"]
    listed = web.client.get(f"/api/projects/{project}", headers=headers).json()
    assert [v["id"] for v in listed["versions"]] == [first["id"], second["id"]]
    text = web.client.get(f"/api/versions/{second['id']}", headers=headers).json()["text"]
    assert "rate: 4.9" in text


def test_a_broken_scenario_is_422_with_line_and_column(web: Web) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    broken = scenario_with("  months: 12\n", "  months: [12\n")
    answer = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("broken.yaml", broken.encode(), "application/yaml")},
        headers=headers,
    )
    assert answer.status_code == 422
    issue = answer.json()["issues"][0]
    assert issue["line"] is not None
    assert issue["column"] is not None
    assert issue["line"] >= 6  # the flow sequence opened on line 6 is never closed


def test_field_errors_are_the_issues_of_cscost_validate(web: Web, tmp_path: Path) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    broken = scenario_with("fcr: 0.75", "fcr: 7.5")
    answer = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("broken.yaml", broken.encode(), "application/yaml")},
        headers=headers,
    )
    assert answer.status_code == 422
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "fcr: 7.5" in text)
    issues = answer.json()["issues"]
    fcr = next(i for i in issues if i["path"].endswith("fcr"))
    assert (fcr["line"], fcr["column"]) == (line, 10)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    cli = CliRunner().invoke(cscost.cli.app, ["validate", str(path)])
    assert cli.exit_code == 2
    expected = [
        x.removeprefix(f"{path}:") for x in cli.output.splitlines() if x.startswith(str(path) + ":")
    ]
    shown = [i["text"].removeprefix("broken.yaml:") for i in issues]
    assert shown == expected[: len(shown)]
    assert len(shown) == len(expected) - 1


def test_an_upload_may_not_reference_files(web: Web) -> None:
    """Uploads are read with ``allow_files=False``: even a file beside the scenario is refused."""
    headers = web.token(web.user())
    project = web.project(headers)
    for reference in ("/etc/passwd", "history.csv"):
        hostile = scenario_with("volume: {monthly: 6000}", f"volume: {{forecast: {reference}}}")
        answer = web.client.post(
            f"/api/projects/{project}/versions",
            files={"file": ("h.yaml", hostile.encode(), "application/yaml")},
            headers=headers,
        )
        assert answer.status_code == 422
        issue = next(i for i in answer.json()["issues"] if i["path"].endswith("forecast"))
        assert "file references are not allowed" in issue["message"]
        assert (issue["line"], issue["column"]) == (13, 24)


def test_a_json_scenario_is_accepted(web: Web, tmp_path: Path) -> None:
    import yaml

    headers = web.token(web.user())
    project = web.project(headers)
    text = json.dumps(yaml.safe_load(SCENARIO_YAML.replace("2028-01", '"2028-01"')))
    version = web.upload(headers, project, text, name="helpdesk.json")
    assert version["format"] == "json"
    answer = web.client.post(f"/api/versions/{version['id']}/evaluate", headers=headers)
    assert answer.status_code == 200


def test_a_stale_parent_is_409_and_nothing_is_saved(web: Web) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    first = web.upload(headers, project)
    web.upload(headers, project, scenario_with("rate: 31", "rate: 29"), parent=str(first["id"]))
    answer = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("x.yaml", scenario_with("rate: 31", "rate: 35").encode(), "text/yaml")},
        data={"parent": str(first["id"])},
        headers=headers,
    )
    assert answer.status_code == 409
    assert answer.json()["current"]["number"] == 2
    versions = web.client.get(f"/api/projects/{project}", headers=headers).json()["versions"]
    assert len(versions) == 2


def test_compare_two_versions(web: Web) -> None:
    headers = web.token(web.user())
    project = web.project(headers)
    a = web.upload(headers, project)
    b = web.upload(headers, project, scenario_with("rate: 5.2", "rate: 4.2"))
    answer = web.client.get(f"/api/versions/{a['id']}/compare/{b['id']}", headers=headers).json()
    rows = {(r["option"], r["figure"]): r for r in answer["options"]}
    cheaper = rows[("Per contact", "total")]
    assert cheaper["difference"] < 0
    assert cheaper["difference"] == cheaper["after"] - cheaper["before"]
    assert rows[("Hourly", "total")]["difference"] == 0
    paths = [c["path"] for c in answer["changes"]]
    assert paths == ["vendors[vendor-p].fees[0].rate"]


def test_a_wrong_password_gets_no_token(web: Web) -> None:
    email = web.user()
    answer = web.client.post("/api/auth/token", data={"username": email, "password": "nope"})
    assert answer.status_code == 401


def test_the_api_needs_a_token(web: Web) -> None:
    assert web.client.get("/api/projects").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert web.client.get("/api/projects", headers=bad).status_code == 401


def test_a_session_cookie_is_not_an_api_token(web: Web) -> None:
    email = web.user()
    page = web.client.get("/login")
    csrf = page.cookies.get("cscost_csrf") or web.client.cookies.get("cscost_csrf")
    web.client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    session = web.client.cookies.get("cscost_session")
    assert session
    answer = web.client.get("/api/projects", headers={"Authorization": f"Bearer {session}"})
    web.client.cookies.clear()
    assert answer.status_code == 401


def test_the_openapi_page_lists_the_api(web: Web) -> None:
    schema = web.client.get("/openapi.json").json()
    for path in ("/api/projects", "/api/projects/{project_id}/versions", "/api/auth/token"):
        assert path in schema["paths"]
    assert "/api/versions/{version_id}/evaluate" in schema["paths"]
    assert web.client.get("/docs").status_code == 200
