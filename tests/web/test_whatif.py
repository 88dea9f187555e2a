"""The what-if in the web app: the API's exact answer equals ``cscost evaluate`` of the
adjusted scenario (run by the CLI on a file written here), the page's moves, saving a
what-if as a version (every line kept, the section added), and the access rules."""

from __future__ import annotations

import json
import math
from pathlib import Path

from typer.testing import CliRunner

import cscost.cli
from tests.web.conftest import SCENARIO_YAML, Web, csrf_of

cscost.cli._register()


def cli_totals(tmp_path: Path, text: str) -> dict[str, tuple[float, int]]:
    path = tmp_path / "adjusted.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cscost.cli.app, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {o["name"]: (o["total"], o["rank"]) for o in json.loads(result.stdout)["options"]}


def adjusted(aht: float) -> str:
    """The test scenario with the what-if written by hand."""
    return SCENARIO_YAML + (
        f"adjustments:\n  volume: 1.3\n  aht: {aht!r}\n  rates: {{vendor-h: 0.8}}\n"
    )


def test_exact_answer_equals_evaluate_of_the_adjusted_scenario(web: Web, tmp_path: Path) -> None:
    headers = web.token(web.user())
    version = web.upload(headers, web.project(headers))
    move = {"volume": 1.3, "aht": 1.06, "rates": {"vendor-h": 0.8}}
    exact = web.client.post(
        f"/api/versions/{version['id']}/whatif", json={**move, "exact": True}, headers=headers
    )
    assert exact.status_code == 200, exact.text
    answer = exact.json()
    step = math.exp(0.05)  # 1.06 goes to the nearest 5 % step in ln
    assert answer["adjustments"]["aht"] == step
    expected = cli_totals(tmp_path, adjusted(step))
    assert {o["name"]: (o["total"], o["rank"]) for o in answer["options"]} == expected
    quick = web.client.post(f"/api/versions/{version['id']}/whatif", json=move, headers=headers)
    assert quick.json()["exact"] is False
    ranked = sorted(quick.json()["options"], key=lambda o: o["rank"])
    assert [o["name"] for o in ranked] == sorted(expected, key=lambda n: expected[n][1])


def test_out_of_range_and_unknown_names_are_422(web: Web) -> None:
    headers = web.token(web.user())
    version = web.upload(headers, web.project(headers))
    url = f"/api/versions/{version['id']}/whatif"
    for move, words in [
        ({"volume": 3}, "volume must lie in"),
        ({"rates": {"nobody": 0.9}}, "no vendor `nobody`"),
        ({"fx": {"USD": 1.1}}, "no rate for USD"),
        ({"volume": -1}, "greater than 0"),
    ]:
        answer = web.client.post(url, json=move, headers=headers)
        assert answer.status_code == 422, answer.text
        assert words in json.dumps(answer.json())


def test_page_moves_and_save_as_version(sqlite_web: Web, tmp_path: Path) -> None:
    web = sqlite_web
    email = web.user()
    headers = web.token(email)
    project = web.project(headers)
    version = web.upload(headers, project)
    browser = web.signed_in(email)
    page = browser.get(f"/versions/{version['id']}/whatif")
    assert page.status_code == 200
    assert 'name="rate.vendor-h"' in page.text
    moved = browser.get(
        f"/versions/{version['id']}/whatif/result",
        params={"volume": "0.8", "aht_step": "-1", "rate.vendor-p": "1.1", "exact": "1"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["exact"] is True
    csrf = csrf_of(browser, f"/versions/{version['id']}/whatif")
    saved = browser.post(
        f"/versions/{version['id']}/whatif/save",
        data={
            "csrf_token": csrf,
            "volume": "0.8",
            "aht_step": "-1",
            "rate.vendor-p": "1.1",
            "message": "lower demand",
        },  # fmt: skip
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    versions = web.client.get(f"/api/projects/{project}", headers=headers).json()["versions"]
    newest = max(versions, key=lambda v: v["number"])
    assert newest["message"] == "lower demand"
    text = web.client.get(f"/api/versions/{newest['id']}", headers=headers).json()["text"]
    assert text.startswith(SCENARIO_YAML)  # the comment and every line kept
    assert "adjustments:\n  volume: 0.8\n  aht: " in text
    totals = cli_totals(tmp_path, text)
    assert {o["name"]: (o["total"], o["rank"]) for o in moved.json()["options"]} == totals
    events = web.client.get(f"/api/projects/{project}/events", headers=headers).json()
    whatif = next(e for e in events if e["action"] == "whatif_saved")
    assert whatif["actor"] == email
    assert whatif["detail"]["number"] == newest["number"]
    assert whatif["detail"]["adjustments"]["volume"] == 0.8
    assert whatif["detail"]["adjustments"]["rates"] == {"vendor-p": 1.1}
    saves = [e for e in events if e["action"] == "version_saved"]
    assert saves[0]["detail"]["source"] == "whatif"  # newest first
    again = browser.post(
        f"/versions/{version['id']}/whatif/save",
        data={"csrf_token": csrf, "volume": "0.9"},
        follow_redirects=False,
    )
    assert again.status_code == 409  # the what-if of an older version does not overwrite


def test_access_rules(sqlite_web: Web) -> None:
    web = sqlite_web
    owner, viewer, stranger = web.user(), web.user(), web.user()
    headers = web.token(owner)
    project = web.project(headers)
    version = web.upload(headers, project)
    added = web.client.post(
        f"/api/projects/{project}/members",
        json={"email": viewer, "role": "viewer"},
        headers=headers,
    )
    assert added.status_code in (200, 201), added.text
    seen = web.signed_in(viewer)
    assert seen.get(f"/versions/{version['id']}/whatif").status_code == 200
    assert 'id="whatif-save"' not in seen.get(f"/versions/{version['id']}/whatif").text
    csrf = csrf_of(seen, f"/versions/{version['id']}/whatif")
    refused = seen.post(
        f"/versions/{version['id']}/whatif/save", data={"csrf_token": csrf, "volume": "0.9"}
    )
    assert refused.status_code == 403
    no_csrf = web.signed_in(owner).post(
        f"/versions/{version['id']}/whatif/save", data={"volume": "0.9"}
    )
    assert no_csrf.status_code == 403
    other = web.signed_in(stranger)
    assert other.get(f"/versions/{version['id']}/whatif").status_code == 404
    assert other.get(f"/versions/{version['id']}/whatif/result").status_code == 404
    alien = web.token(stranger)
    assert (
        web.client.post(f"/api/versions/{version['id']}/whatif", json={}, headers=alien).status_code
        == 404
    )
    assert web.client.post(f"/api/versions/{version['id']}/whatif", json={}).status_code == 401
