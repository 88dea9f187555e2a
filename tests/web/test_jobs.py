"""Background runs on SQLite and PostgreSQL: a job runs to done in the server's pool and
its result is served; progress; cancel (queued and running); errors; access rules.

The reference for the risk run is the CLI: ``cscost evaluate --risk --format json`` on
the same scenario file with the same seed and samples (written by the test).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from typer.testing import CliRunner

import cscost.cli
from cscost.store.models import Result
from tests.web.conftest import Web, csrf_of, sqlite_only
from tests.web.jobs_helpers import (
    RISK_YAML,
    ROSTER_YAML,
    job_state,
    started,
    version_of_upload,
    waited,
)

cscost.cli._register()


def cli_risk(tmp_path: Path, text: str, *options: str) -> dict[str, object]:
    """The ``risk`` document of ``cscost evaluate --risk --format json`` for ``text``."""
    path = tmp_path / "risk.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["evaluate", str(path), "--risk", "--format", "json", *options]
    result = CliRunner().invoke(cscost.cli.app, args)
    assert result.exit_code == 0, result.output
    risk: dict[str, object] = json.loads(result.stdout)["risk"]
    return risk


def test_a_risk_job_equals_evaluate_risk_with_the_same_seed(web: Web, tmp_path: Path) -> None:
    """P10/P50/P90 (and the rest of the risk document) of a job started with seed 11 and
    6,000 samples are those of ``cscost evaluate --risk --seed 11 --samples 6000``."""
    headers = web.token(web.user())
    version = version_of_upload(web, headers)
    job = started(web, headers, version, "risk", seed=11, samples=6000)
    assert job["state"] in ("queued", "running", "done")
    assert job["progress"]["total"] == 6000
    done = waited(web, headers, job["id"])
    assert done["state"] == "done", done
    assert done["progress"] == {"done": 6000, "total": 6000}
    assert done["attempts"] == 1
    reference = cli_risk(tmp_path, RISK_YAML, "--seed", "11", "--samples", "6000")
    assert done["result"]["risk"] == reference
    options = reference["options"]
    assert isinstance(options, list)
    for mine, theirs in zip(done["result"]["risk"]["options"], options, strict=True):
        for q in ("p10", "p50", "p90"):
            assert mine["total"][q] == theirs["total"][q]
    raw = web.client.get(done["result_url"], headers=headers)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert json.loads(raw.content) == done["result"]


def test_an_equal_run_reuses_the_cached_result(web: Web) -> None:
    headers = web.token(web.user())
    version = version_of_upload(web, headers)
    first = waited(web, headers, started(web, headers, version, "risk", samples=2000)["id"])
    with web.app.state.store.session() as session:
        assert session.query(Result).filter(Result.kind == "job-risk").count() >= 1
    again = started(web, headers, version, "risk", samples=2000)
    second = waited(web, headers, again["id"])
    assert second["state"] == "done"
    assert second["result"] == first["result"]
    listed = web.client.get(f"/api/versions/{version}/jobs", headers=headers).json()
    assert [j["id"] for j in listed] == [again["id"], first["id"]]


@sqlite_only  # three computations and two rendered pages: the job rows are the others'
def test_sensitivity_breakeven_and_roster_jobs(web: Web, tmp_path: Path) -> None:
    """Each as its command's JSON: the roster's is ``cscost roster --format json``; the
    page shows each result, in en and zh."""
    email = web.user()
    headers = web.token(email)
    version = version_of_upload(web, headers, ROSTER_YAML)
    ids = [
        started(web, headers, version, "sensitivity")["id"],
        started(web, headers, version, "breakeven", low=0.5, high=1.5, steps=5)["id"],
        started(web, headers, version, "roster", queue="voice-de", month="2028-03")["id"],
    ]
    tornado, breakeven, roster = (waited(web, headers, i) for i in ids)
    assert tornado["state"] == "done", tornado
    assert {o["option"] for o in tornado["result"]["sensitivity"]["options"]} >= {"Hourly"}
    assert breakeven["state"] == "done", breakeven
    assert len(breakeven["result"]["breakeven"]["factors"]) == 5
    assert roster["state"] == "done", roster
    path = tmp_path / "roster.yaml"
    path.write_text(ROSTER_YAML, encoding="utf-8")
    args = ["roster", str(path), "--queue", "voice-de", "--month", "2028-03", "--format", "json"]
    cli = CliRunner().invoke(cscost.cli.app, args)
    assert cli.exit_code == 0, cli.output
    assert roster["result"] == json.loads(cli.stdout)
    browser = web.signed_in(email)
    page = browser.get(f"/versions/{version}").text
    assert "tornado-table" in page
    assert "handle time" in page
    for crossing in breakeven["result"]["breakeven"]["crossings"]:
        assert crossing["text"] in page
    token = csrf_of(browser, f"/versions/{version}")
    browser.post("/settings/lang", data={"lang": "zh", "next": "/projects", "csrf_token": token})
    chinese = browser.get(f"/versions/{version}").text
    assert "处理时长" in chinese
    assert "后台运行" in chinese


def test_a_failed_job_shows_its_error(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    version = version_of_upload(web, headers)
    job = started(web, headers, version, "roster", queue="no-such-queue", month="2028-03")
    failed = waited(web, headers, job["id"])
    assert failed["state"] == "failed"
    assert "no-such-queue" in failed["error"]
    assert failed["result"] is None
    assert web.client.get(f"/api/jobs/{job['id']}/result", headers=headers).status_code == 409
    page = web.signed_in(email).get(f"/versions/{version}")
    assert failed["error"].split(":")[0] in page.text
    assert 'class="error" role="alert"' in page.text


def test_bad_parameters_are_422_and_nothing_is_queued(web: Web) -> None:
    headers = web.token(web.user())
    version = version_of_upload(web, headers)
    for body in (
        {"kind": "risk", "params": {"samples": 0}},
        {"kind": "risk", "params": {"colour": "red"}},
        {"kind": "breakeven", "params": {"low": 2, "high": 1}},
        {"kind": "roster", "params": {"queue": "voice-de", "month": "March"}},
        {"kind": "mine-bitcoin"},
    ):
        answer = web.client.post(f"/api/versions/{version}/jobs", json=body, headers=headers)
        assert answer.status_code == 422, (body, answer.text)
    assert web.client.get(f"/api/versions/{version}/jobs", headers=headers).json() == []


def test_cancel_a_running_monte_carlo_stops_at_the_next_chunk(web: Web) -> None:
    headers = web.token(web.user())
    version = version_of_upload(web, headers)
    job = started(web, headers, version, "risk", samples=400_000)
    running = waited(web, headers, job["id"], ("running",), done_above=0)
    assert 0 < running["progress"]["done"] < 400_000
    answer = web.client.post(f"/api/jobs/{job['id']}/cancel", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "cancelled"
    deadline = time.monotonic() + 30
    while job["id"] in web.app.state.jobs.running_here():
        assert time.monotonic() < deadline, "the run did not stop"
        time.sleep(0.05)
    stopped = job_state(web, headers, job["id"])
    assert stopped["state"] == "cancelled"
    assert stopped["progress"]["done"] < 400_000
    assert stopped["result"] is None
    again = web.client.post(f"/api/jobs/{job['id']}/cancel", headers=headers)
    assert again.status_code == 409
    project = web.client.get(f"/api/versions/{version}", headers=headers).json()["project_id"]
    events = web.client.get(f"/api/projects/{project}/events", headers=headers).json()
    assert [e["detail"]["job"] for e in events if e["action"] == "job_cancelled"] == [job["id"]]
    # the pool goes on with the next job
    after = waited(web, headers, started(web, headers, version, "sensitivity")["id"])
    assert after["state"] == "done"


def test_who_may_see_start_and_cancel(web: Web) -> None:
    owner, viewer, stranger = web.user(), web.user(), web.user()
    owner_h, viewer_h, stranger_h = web.token(owner), web.token(viewer), web.token(stranger)
    project = web.project(owner_h)
    version = web.upload(owner_h, project, RISK_YAML)["id"]
    member = {"email": viewer, "role": "viewer"}
    added = web.client.post(f"/api/projects/{project}/members", json=member, headers=owner_h)
    assert added.status_code == 200, added.text
    job = waited(web, owner_h, started(web, owner_h, version, "risk", samples=2000)["id"])
    # a viewer sees the job and its result, but cannot start a computing run or cancel
    assert job_state(web, viewer_h, job["id"])["result"] == job["result"]
    body = {"kind": "risk", "params": {"samples": 2000}}
    refused = web.client.post(f"/api/versions/{version}/jobs", json=body, headers=viewer_h)
    assert refused.status_code == 403
    not_theirs = web.client.post(f"/api/jobs/{job['id']}/cancel", headers=viewer_h)
    assert not_theirs.status_code == 403
    page = web.signed_in(viewer).get(f"/versions/{version}")
    assert 'id="run-report"' in page.text  # a viewer may still have the PDF made
    assert 'id="run-risk"' not in page.text
    assert "risk-table" in page.text
    # another project's job answers 404, like one that does not exist
    for path in (f"/api/jobs/{job['id']}", f"/api/jobs/{job['id']}/result"):
        assert web.client.get(path, headers=stranger_h).status_code == 404
    assert web.client.post(f"/api/jobs/{job['id']}/cancel", headers=stranger_h).status_code == 404
    assert web.client.get("/api/jobs/999999", headers=owner_h).status_code == 404
    outside = web.client.post(f"/api/versions/{version}/jobs", json=body, headers=stranger_h)
    assert outside.status_code == 404
    # without a token or a session: 401; a session cookie never starts a job by the API
    assert web.client.get(f"/api/jobs/{job['id']}").status_code == 401
    browser = web.signed_in(owner)
    assert browser.get(f"/api/jobs/{job['id']}").status_code == 200  # the page's poller
    assert browser.post(f"/api/versions/{version}/jobs", json=body).status_code == 401


def test_the_page_form_needs_its_csrf_token_and_lists_the_job(web: Web) -> None:
    email = web.user()
    headers = web.token(email)
    version = version_of_upload(web, headers)
    browser = web.signed_in(email)
    form = {"kind": "risk", "seed": "4", "samples": "2000"}
    refused = browser.post(f"/versions/{version}/jobs", data=form, follow_redirects=False)
    assert refused.status_code == 403
    token = csrf_of(browser, f"/versions/{version}")
    answer = browser.post(
        f"/versions/{version}/jobs", data={**form, "csrf_token": token}, follow_redirects=False
    )
    assert answer.status_code == 303
    job_id = int(answer.headers["location"].rsplit("#job-", 1)[1])
    done = waited(web, headers, job_id)
    assert done["params"] == {"samples": 2000, "seed": 4}
    page = browser.get(f"/versions/{version}")
    assert f'id="job-{job_id}"' in page.text
    assert "risk-table" in page.text
    for option in done["result"]["risk"]["options"]:
        assert option["name"] in page.text
    assert '<script src="/static/app/jobs.js"' in page.text
    for choice in ("voice-de", "inhouse", "vendor-p", "vendor-h"):  # the roster form's
        assert f"<option>{choice}</option>" in page.text
    # the cancel button's form needs the token too (this job has ended: 409, in a page)
    cancel = f"/jobs/{job_id}/cancel"
    assert browser.post(cancel, follow_redirects=False).status_code == 403
    ended = browser.post(cancel, data={"csrf_token": token}, follow_redirects=False)
    assert ended.status_code == 409
    assert "<html" in ended.text
    assert browser.get("/static/app/jobs.js").status_code == 200


@sqlite_only  # Chromium prints the PDF; the job's rows and events are as on PostgreSQL
def test_a_pdf_report_job_then_its_download(web: Web) -> None:
    """The PDF is a job (any member may start it); its file is the download route's."""
    owner, viewer = web.user(), web.user()
    owner_h, viewer_h = web.token(owner), web.token(viewer)
    project = web.project(owner_h)
    version = web.upload(owner_h, project, RISK_YAML)["id"]
    web.client.post(
        f"/api/projects/{project}/members",
        json={"email": viewer, "role": "viewer"},
        headers=owner_h,
    )
    job = waited(web, viewer_h, started(web, viewer_h, version, "report", format="pdf")["id"])
    assert job["state"] == "done", job
    assert job["download_url"] == f"/jobs/{job['id']}/download"
    pdf = web.signed_in(viewer).get(job["download_url"])
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    by_api = web.client.get(f"/api/jobs/{job['id']}/result", headers=viewer_h)
    assert by_api.content == pdf.content
    events = web.client.get(f"/api/projects/{project}/events", headers=owner_h).json()
    started_events = [e for e in events if e["action"] == "job_started"]
    assert [(e["actor"], e["detail"]["kind"]) for e in started_events] == [(viewer, "report")]
    download = next(e for e in events if e["action"] == "report_downloaded")
    assert (download["actor"], download["detail"]["kind"]) == (viewer, "pdf")
