"""Fixtures of the web tests: the app on a throw-away database (SQLite file, or a fresh
database on the PostgreSQL server of ``CSCOST_TEST_POSTGRES_URL``), users, tokens.

The API suite runs once per backend (``backend`` is ``sqlite`` or ``postgresql``). Without
``CSCOST_TEST_POSTGRES_URL`` the PostgreSQL runs skip — unless ``CSCOST_REQUIRE_POSTGRES=1``
(set by ``make test``), when they fail. Every app gets its own temporary folder and
database, so the fixtures are safe under pytest-xdist.
"""

from __future__ import annotations

import itertools
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cscost.store.models import User
from cscost.store.passwords import password_matches
from cscost.web import Settings, create_app

POSTGRES_ENV = "CSCOST_TEST_POSTGRES_URL"
REQUIRE_ENV = "CSCOST_REQUIRE_POSTGRES"
BACKENDS = ("sqlite", "postgresql")
PASSWORD = "correct horse battery"

# A scenario written for these tests (not in the repository): one voice queue, two vendors.
SCENARIO_YAML = """\
scenario:
  name: Web test helpdesk       # a comment the web app must keep
  currency: EUR
  start: 2028-01
  months: 12
  interval_minutes: 60
  discount_rate: 0.05
  locale: en
queues:
  - id: voice-de
    channel: voice
    language: de
    volume: {monthly: 6000}
    aht: 240s
    hours: "Mon-Fri 08:00-18:00"
    target: {answer_within: 30s, level: 0.8}
    fcr: 0.75
inhouse:
  agent_monthly_cost: {general: 4200}
  burden: 0.25
vendors:
  - id: vendor-p
    name: Per Contact GmbH
    fees:
      - {kind: per_contact, name: contact fee, rate: 5.2}
  - id: vendor-h
    name: Hourly Services
    fees:
      - {kind: per_productive_hour, name: hour fee, rate: 31}
      - {kind: one_time, name: setup, amount: 8000}
options:
  - name: Per contact
    assign: {voice-de: vendor-p}
  - name: Hourly
    assign: {voice-de: vendor-h}
"""


def scenario_with(old: str, new: str) -> str:
    """The test scenario with one text replaced (a second version)."""
    assert old in SCENARIO_YAML
    return SCENARIO_YAML.replace(old, new)


@cache
def password_hash_once() -> str:
    """An argon2id hash of :data:`PASSWORD` at the lowest costs, made once per run.

    Logging in verifies it with the app's own code (:func:`password_matches`: argon2
    reads the costs from the hash), in about a millisecond instead of ~0.3 s of CPU for
    the default costs — the web tests log in a few hundred times. The default costs are
    those of every hash the app makes (``cscost users add``, :func:`password_hash`)."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    assert password_matches(cheap, PASSWORD)
    return cheap


def _postgres_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {POSTGRES_ENV} is not set: the PostgreSQL suite must run")
    pytest.skip(f"{POSTGRES_ENV} is not set (make test starts a PostgreSQL server)")
    return None


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``."""
    name: str = request.param
    return name


sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
"""For a test of a module run on both backends whose cost is rendering, printing or
computing rather than the database (full reports, PDFs, the pages of one flow): it runs
on the module's SQLite app only (same id, ``[sqlite]``). What it stores and reads goes
through the same store calls that the module's other tests check on both backends."""


@pytest.fixture(scope="module")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    """None (the SQLite default under the data folder), or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield None
        return
    server = _postgres_url()
    assert server is not None
    import psycopg

    name = "cscost_test_" + uuid.uuid4().hex[:12]
    plain = re.sub(r"^postgresql\+psycopg://", "postgresql://", server)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = server.rpartition("/")
    yield f"{head}/{name}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Web:
    """An app, its client and data folder, and a factory of users."""

    app: FastAPI
    client: TestClient
    data_dir: Path
    counter: itertools.count[int]

    def user(self, *, admin: bool = False) -> str:
        """A new user's email (password :data:`PASSWORD`, its hash made once per run)."""
        email = f"user{next(self.counter)}-{uuid.uuid4().hex[:6]}@example.com"
        with self.app.state.store.session() as session:
            session.add(User(email=email, password_hash=password_hash_once(), is_admin=admin))
            session.commit()
        return email

    def token(self, email: str) -> dict[str, str]:
        """The bearer header of ``email``'s API token."""
        answer = self.client.post("/api/auth/token", data={"username": email, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def project(self, headers: dict[str, str], name: str = "Helpdesk") -> int:
        """A new project's id."""
        answer = self.client.post("/api/projects", json={"name": name}, headers=headers)
        assert answer.status_code == 201, answer.text
        project_id: int = answer.json()["id"]
        return project_id

    def upload(
        self,
        headers: dict[str, str],
        project_id: int,
        text: str = SCENARIO_YAML,
        name: str = "helpdesk.yaml",
        **form: str,
    ) -> dict[str, object]:
        """Upload ``text`` as a new version; the answer's JSON."""
        answer = self.client.post(
            f"/api/projects/{project_id}/versions",
            files={"file": (name, text.encode(), "application/yaml")},
            data=form,
            headers=headers,
        )
        assert answer.status_code == 201, answer.text
        record: dict[str, object] = answer.json()
        return record

    def signed_in(self, email: str) -> TestClient:
        """A client of its own, logged in as ``email`` through the login form."""
        client = TestClient(self.app, base_url="http://testserver")
        csrf = csrf_of(client, "/login")
        answer = client.post(
            "/login",
            data={"email": email, "password": PASSWORD, "csrf_token": csrf},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return client


def csrf_of(client: TestClient, path: str) -> str:
    """The CSRF token of the page at ``path`` (its forms repeat the cookie)."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "the page has no CSRF field"
    return found.group(1)


def make_web(tmp: Path, database_url: str | None, **settings: int) -> Iterator[Web]:
    """An app on ``database_url`` (None: SQLite in ``tmp``) and its client."""
    app = create_app(Settings(data_dir=tmp, database_url=database_url, **settings))
    with TestClient(app, base_url="http://testserver") as client:
        yield Web(app, client, tmp, itertools.count())


@pytest.fixture(scope="module")
def web(database_url: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """The app on the module's backend; tests make their own users and projects."""
    yield from make_web(tmp_path_factory.mktemp("web"), database_url)


@pytest.fixture
def sqlite_web(tmp_path: Path) -> Iterator[Web]:
    """An app of its own on SQLite (for tests that change the app's state, or its limits)."""
    yield from make_web(tmp_path, None, login_attempts_per_minute=3)
