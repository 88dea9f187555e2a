"""Background runs across restarts, on SQLite and PostgreSQL: a queued job survives the
server's restart, a job left ``running`` by a dead process runs again, a stopping server
puts its running job back in the queue, and two workers never run one job twice.

Each test opens its apps one after the other on one database (the module's backend) and
one data folder (its ``tmp_path``: the secret key, so tokens survive the restart too).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import update

from cscost import _api
from cscost.io.tables.writers import json_text
from cscost.store.jobs import Job, add_job, claimed
from cscost.web import Settings
from cscost.web.scenarios import validated
from cscost.web.worker import orphaned, pool_settings
from tests.web.conftest import Web, make_web
from tests.web.jobs_helpers import RISK_YAML, job_state, started, version_of_upload, waited

if TYPE_CHECKING:
    from distributed import Client


@contextmanager
def app_on(tmp: Path, database_url: str | None, **settings: Any) -> Iterator[Web]:
    """An app on the database and data folder, disposed of on exit (its pool stopped)."""
    yield from make_web(tmp, database_url, **settings)


def dead_pid() -> int:
    """The id of a process of this host that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def set_running(web: Web, job_id: int, worker: str, beat: dt.datetime | None) -> None:
    """Make the job look as if ``worker`` had claimed it and last beat at ``beat``."""
    with web.app.state.store.session() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(state="running", worker=worker, started_at=beat, heartbeat_at=beat, attempts=1)
        )
        session.commit()


def test_queued_and_orphaned_jobs_survive_a_restart(
    database_url: str | None, tmp_path: Path
) -> None:
    now = dt.datetime.now(dt.UTC)
    with app_on(tmp_path, database_url, job_workers=0) as first:
        headers = first.token(first.user())
        version = version_of_upload(first, headers)
        queued = started(first, headers, version, "risk", seed=1, samples=2000)
        dead = started(first, headers, version, "risk", seed=2, samples=2000)
        lost = started(first, headers, version, "risk", seed=3, samples=2000)
        alive = started(first, headers, version, "sensitivity")
        set_running(first, dead["id"], f"{socket.gethostname()}:{dead_pid()}:0a1b2c3d", now)
        set_running(first, lost["id"], "elsewhere:42:ffffffff", now - dt.timedelta(hours=2))
        set_running(first, alive["id"], "elsewhere:43:eeeeeeee", now + dt.timedelta(hours=1))
        time.sleep(1.0)  # no pool: nothing runs
        assert job_state(first, headers, queued["id"])["state"] == "queued"
    with app_on(tmp_path, database_url, job_workers=1) as second:
        for job in (queued, dead, lost):
            done = waited(second, headers, job["id"])
            assert done["state"] == "done", done
            assert done["progress"] == {"done": 2000, "total": 2000}
        assert waited(second, headers, dead["id"])["attempts"] == 2
        # a job another host runs (its heartbeat is recent) is left to it
        assert job_state(second, headers, alive["id"])["state"] == "running"
        cancel = second.client.post(f"/api/jobs/{alive['id']}/cancel", headers=headers)
        assert cancel.status_code == 200


def test_a_stopping_server_requeues_its_running_job(
    database_url: str | None, tmp_path: Path
) -> None:
    with app_on(tmp_path, database_url, job_workers=1) as first:
        headers = first.token(first.user())
        version = version_of_upload(first, headers)
        job = started(first, headers, version, "risk", samples=400_000)
        waited(first, headers, job["id"], ("running",), done_above=0)
    with app_on(tmp_path, database_url, job_workers=0) as second:
        again = job_state(second, headers, job["id"])
        assert again["state"] == "queued"
        assert again["progress"]["done"] == 0
        cancel = second.client.post(f"/api/jobs/{job['id']}/cancel", headers=headers)
        assert cancel.status_code == 200
        assert job_state(second, headers, job["id"])["state"] == "cancelled"


def test_two_workers_never_run_one_job_twice(database_url: str | None, tmp_path: Path) -> None:
    with app_on(tmp_path, database_url, job_workers=2) as web:
        headers = web.token(web.user())
        version = version_of_upload(web, headers)
        jobs = [started(web, headers, version, "risk", seed=s, samples=2000) for s in range(6)]
        for job in jobs:
            done = waited(web, headers, job["id"])
            assert done["state"] == "done", done
            assert done["attempts"] == 1
        with web.app.state.store.session() as session:
            extra = add_job(
                session,
                project_id=done["project_id"],
                version_id=version,
                kind="sensitivity",
                params="{}",
                lang="en",
                started_by=None,
            )
            # the claim is a conditional update: the second claimant gets nothing
            first = claimed(session, extra.id, "test:1:a")
            second = claimed(session, extra.id, "test:2:b")
            assert (first, second) in ((True, False), (False, False))
        web.app.state.jobs.cancel(extra.id)


def test_a_job_is_orphaned_when_its_process_is_gone(tmp_path: Path) -> None:
    here = socket.gethostname()
    now = dt.datetime.now(dt.UTC)
    with app_on(tmp_path, None, job_workers=1) as web:
        pool = web.app.state.jobs
        assert not orphaned(pool.name, now, 300)  # this process's live pool
        assert pool.requeue_orphans() == 0
    assert orphaned(pool.name, now, 300)  # that pool has stopped
    assert orphaned(f"{here}:{dead_pid()}:abcd", now, 300)
    assert orphaned(f"{here}:{os.getpid()}:not-a-live-pool", now, 300)
    assert not orphaned(f"{here}:{os.getppid()}:abcd", None, 300)  # that process runs
    assert not orphaned("elsewhere:1:abcd", now, 300)
    assert orphaned("elsewhere:1:abcd", now - dt.timedelta(seconds=301), 300)
    assert orphaned("elsewhere:1:abcd", None, 300)
    naive = (now - dt.timedelta(seconds=10)).replace(tzinfo=None)  # as SQLite gives it back
    assert not orphaned("elsewhere:1:abcd", naive, 300)


def test_monte_carlo_jobs_on_a_dask_cluster_give_the_same_numbers(
    two_workers: Client, tmp_path: Path
) -> None:
    """With ``dask_scheduler`` (here the address of the session's local cluster of 2
    processes) the chunks run on the cluster; the result is ``_api.monte_carlo``'s here."""
    address = two_workers.scheduler.address
    with app_on(tmp_path, None, job_workers=1, dask_scheduler=address) as web:
        headers = web.token(web.user())
        version = version_of_upload(web, headers)
        job = started(web, headers, version, "risk", seed=9, samples=4000)
        job = waited(web, headers, job["id"])
    assert job["state"] == "done", job
    scenario = validated(RISK_YAML, "yaml", "risk.yaml")
    here = _api.monte_carlo(scenario, seed=9, samples=4000)
    assert job["result"] == {"risk": json.loads(json_text(here.to_dict()))}


def test_the_settings_say_where_monte_carlo_chunks_run(tmp_path: Path) -> None:
    assert pool_settings(Settings(data_dir=tmp_path)).cluster is None
    local = pool_settings(Settings(data_dir=tmp_path, dask_workers=3, job_workers=2))
    assert local.cluster == _api.ClusterSettings(workers=3)
    assert local.workers == 2
    remote = pool_settings(Settings(data_dir=tmp_path, dask_scheduler="tcp://head:8786"))
    assert remote.cluster == _api.ClusterSettings(scheduler="tcp://head:8786")


def test_a_queued_job_is_cancelled_at_once_and_never_runs(
    database_url: str | None, tmp_path: Path
) -> None:
    with app_on(tmp_path, database_url, job_workers=0) as first:
        headers = first.token(first.user())
        version = version_of_upload(first, headers)
        job = started(first, headers, version, "risk", samples=2000)
        answer = first.client.post(f"/api/jobs/{job['id']}/cancel", headers=headers)
        assert answer.status_code == 200
        assert answer.json()["state"] == "cancelled"
        assert answer.json()["finished_at"] is not None
    with app_on(tmp_path, database_url, job_workers=1) as second:
        later = started(second, headers, version, "sensitivity")
        assert waited(second, headers, later["id"])["state"] == "done"
        untouched = job_state(second, headers, job["id"])
        assert untouched["state"] == "cancelled"
        assert untouched["attempts"] == 0


def test_serve_takes_a_scheduler_or_local_workers_not_both(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import cscost.cli

    cscost.cli._register()
    args = ["serve", "--data-dir", str(tmp_path), "--workers", "2", "--scheduler", "tcp://x:1"]
    answer = CliRunner().invoke(cscost.cli.app, args)
    assert answer.exit_code == 2
    assert "--workers and --scheduler" in answer.output


def test_the_migrations_make_the_tables_of_the_models(
    database_url: str | None, tmp_path: Path
) -> None:
    """Alembic's head (0002_jobs included) and the models agree: no difference to
    autogenerate, on either backend."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cscost.store import open_store
    from cscost.store.models import Base
    from cscost.web.settings import Settings

    store = open_store(Settings(data_dir=tmp_path, database_url=database_url).url())
    try:
        with store.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        store.close()
    assert "jobs" in Base.metadata.tables
    assert differences == []


def test_a_job_taken_over_is_no_longer_the_first_workers(
    database_url: str | None, tmp_path: Path
) -> None:
    """Re-queued from worker a and claimed by b: a's progress, result, error and re-queue
    change nothing; b's count."""
    from cscost.store.jobs import failed, finished, progressed, requeued

    with app_on(tmp_path, database_url, job_workers=0) as web:
        headers = web.token(web.user())
        version = version_of_upload(web, headers)
        job_id = started(web, headers, version, "sensitivity")["id"]
        with web.app.state.store.session() as session:
            assert claimed(session, job_id, "h:1:a")
            assert requeued(session, job_id, "h:1:a")
            assert claimed(session, job_id, "h:2:b")
            assert not requeued(session, job_id, "h:1:a")
            assert not progressed(session, job_id, "h:1:a", 1, 2)
            assert not finished(session, job_id, "h:1:a", b"{}", "application/json", 1, 1)
            assert not failed(session, job_id, "h:1:a", "lost")
            assert progressed(session, job_id, "h:2:b", 1, 2)
            assert finished(session, job_id, "h:2:b", b'{"x": 1}', "application/json", 1, 1)
        done = job_state(web, headers, job_id)
        assert (done["state"], done["result"], done["attempts"]) == ("done", {"x": 1}, 2)
