"""`cscost users add` and `cscost serve` as a user runs them: a real server process on a
temporary data folder and a free port; the API's evaluation equals `cscost evaluate
--format json` on the same file."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import cscost.cli
from tests.web.conftest import PASSWORD, SCENARIO_YAML

cscost.cli._register()
runner = CliRunner()


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_users_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    args = ["users", "add", "Admin@Example.com", "--admin", "--password-stdin"]
    done = runner.invoke(cscost.cli.app, [*args, "--data-dir", str(tmp_path)], input=PASSWORD)
    assert done.exit_code == 0, done.output
    assert "admin@example.com" in done.output
    again = runner.invoke(cscost.cli.app, [*args, "--data-dir", str(tmp_path)], input=PASSWORD)
    assert again.exit_code == 2
    assert "exists already" in again.output
    short = runner.invoke(
        cscost.cli.app, ["users", "add", "b@example.com", "--password-stdin", "--data-dir",
                         str(tmp_path)], input="short",
    )  # fmt: skip
    assert short.exit_code == 2
    assert (tmp_path / "cscost.db").exists()
    # the app's hashes have argon2-cffi's default costs (the web fixtures' users a cheap one)
    with sqlite3.connect(tmp_path / "cscost.db") as db:
        (stored,) = db.execute("SELECT password_hash FROM users").fetchone()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), stored


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``cscost serve`` in its own process on a free port; its base URL."""
    port = free_port()
    data = tmp_path / "data"
    add = runner.invoke(
        cscost.cli.app,
        ["users", "add", "a@example.com", "--password-stdin", "--data-dir", str(data)],
        input=PASSWORD + "\n",
    )
    assert add.exit_code == 0, add.output
    code = "from cscost.cli import main; main()"
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--port", str(port), "--data-dir", str(data)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # a busy machine starts slowly (as test_jobs_killed)
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            process.kill()
            process.wait(10)
            raise AssertionError(log.read_text())
        yield url
    finally:
        process.terminate()
        process.wait(10)


def test_serve_evaluates_like_the_cli(server: str, tmp_path: Path) -> None:
    with httpx.Client(base_url=server, timeout=60) as client:
        token = client.post(
            "/api/auth/token", data={"username": "a@example.com", "password": PASSWORD}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        project = client.post("/api/projects", json={"name": "P"}, headers=headers).json()["id"]
        version = client.post(
            f"/api/projects/{project}/versions",
            files={"file": ("helpdesk.yaml", SCENARIO_YAML.encode(), "text/yaml")},
            data={"message": "first"},
            headers=headers,
        ).json()
        answer = client.post(f"/api/versions/{version['id']}/evaluate", headers=headers)
    path = tmp_path / "helpdesk.yaml"
    path.write_text(SCENARIO_YAML, encoding="utf-8")
    cli = runner.invoke(cscost.cli.app, ["evaluate", str(path), "--format", "json"])
    assert answer.status_code == 200
    assert answer.text == cli.stdout
    assert json.loads(answer.text)["options"]
