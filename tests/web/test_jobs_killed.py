"""A risk run survives the death of its server: ``cscost serve`` in its own process is
killed (SIGKILL) while the run is half done; started again on the same data folder it
re-queues the run, runs it again and gives the numbers of ``_api.monte_carlo`` for the
same seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from typer.testing import CliRunner

import cscost.cli
from cscost import _api
from cscost.io.tables.writers import json_text
from cscost.web.scenarios import validated
from tests.web.conftest import PASSWORD
from tests.web.jobs_helpers import RISK_YAML
from tests.web.test_cli_serve import free_port

cscost.cli._register()

SEED = 5
SAMPLES = 100_000


@contextmanager
def serving(data: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``cscost serve`` on ``data`` in its own process: its URL and the process."""
    port = free_port()
    code = "from cscost.cli import main; main()"
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--port", str(port), "--data-dir", str(data)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # a busy machine starts slowly
        while True:
            try:
                if httpx.get(url + "/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            assert time.monotonic() < deadline, log.read_text()
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(10)


def _job(client: httpx.Client, headers: dict[str, str], job_id: int) -> dict[str, Any]:
    found: dict[str, Any] = client.get(f"/api/jobs/{job_id}", headers=headers).json()
    return found


def test_a_risk_run_survives_its_server_being_killed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    add = CliRunner().invoke(
        cscost.cli.app,
        ["users", "add", "a@example.com", "--password-stdin", "--data-dir", str(data)],
        input=PASSWORD + "\n",
    )
    assert add.exit_code == 0, add.output
    log = tmp_path / "serve.log"
    with serving(data, log) as (url, process), httpx.Client(base_url=url, timeout=30) as client:
        token = client.post(
            "/api/auth/token", data={"username": "a@example.com", "password": PASSWORD}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        project = client.post("/api/projects", json={"name": "P"}, headers=headers).json()["id"]
        version = client.post(
            f"/api/projects/{project}/versions",
            files={"file": ("risk.yaml", RISK_YAML.encode(), "text/yaml")},
            headers=headers,
        ).json()["id"]
        body = {"kind": "risk", "params": {"seed": SEED, "samples": SAMPLES}}
        job_id = client.post(f"/api/versions/{version}/jobs", json=body, headers=headers).json()[
            "id"
        ]
        deadline = time.monotonic() + 60
        while (job := _job(client, headers, job_id))["progress"]["done"] == 0:
            assert job["state"] in ("queued", "running"), job
            assert time.monotonic() < deadline, job
            time.sleep(0.02)
        process.kill()  # no shutdown: the row stays `running`
        process.wait(10)
    assert job["state"] == "running"
    assert job["progress"]["done"] < SAMPLES
    with serving(data, log) as (url, _), httpx.Client(base_url=url, timeout=30) as client:
        deadline = time.monotonic() + 90
        while (job := _job(client, headers, job_id))["state"] in ("queued", "running"):
            assert time.monotonic() < deadline, job
            time.sleep(0.1)
    assert job["state"] == "done", (job, log.read_text())
    assert job["attempts"] == 2
    here = _api.monte_carlo(validated(RISK_YAML, "yaml", "risk.yaml"), seed=SEED, samples=SAMPLES)
    assert job["result"] == {"risk": json.loads(json_text(here.to_dict()))}
