"""Helpers of the background-run tests: a scenario with uncertainty, waiting for a job."""

from __future__ import annotations

import time
from typing import Any

from tests.web.conftest import SCENARIO_YAML, Web

RISK_YAML = SCENARIO_YAML + ("uncertainty: {volume: 0.12, aht: 0.06, samples: 4000, seed: 3}\n")
"""The web tests' scenario with volume and handle-time uncertainty (2 chunks by default)."""

ROSTER_YAML = RISK_YAML + (
    "workforce:\n"
    "  schedule:\n"
    "    days_on: 5\n"
    "    shifts:\n"
    '      - {name: day8, paid: 8h, break: 1h, starts: "08:00-10:00", every: 1h}\n'
)
"""The same with in-house shifts, so that a roster can be made."""


def job_state(web: Web, headers: dict[str, str], job_id: int) -> dict[str, Any]:
    """The job's JSON."""
    answer = web.client.get(f"/api/jobs/{job_id}", headers=headers)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def waited(
    web: Web,
    headers: dict[str, str],
    job_id: int,
    states: tuple[str, ...] = ("done", "failed", "cancelled"),
    timeout: float = 90.0,
    *,
    done_above: int = -1,
) -> dict[str, Any]:
    """The job's JSON once its state is one of ``states`` (and its progress above
    ``done_above``); fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        job = job_state(web, headers, job_id)
        if job["state"] in states and job["progress"]["done"] > done_above:
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['state']}: {job}"
        time.sleep(0.05)


def started(
    web: Web, headers: dict[str, str], version_id: int, kind: str, **params: Any
) -> dict[str, Any]:
    """Start a job through the API; its JSON (202)."""
    answer = web.client.post(
        f"/api/versions/{version_id}/jobs", json={"kind": kind, "params": params}, headers=headers
    )
    assert answer.status_code == 202, answer.text
    found: dict[str, Any] = answer.json()
    return found


def version_of_upload(web: Web, headers: dict[str, str], text: str = RISK_YAML) -> int:
    """A new project with one version of ``text``; the version id."""
    project = web.project(headers)
    record = web.upload(headers, project, text)
    version_id = record["id"]
    assert isinstance(version_id, int)
    return version_id
