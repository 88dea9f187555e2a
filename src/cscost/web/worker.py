"""The worker pool of the server process: threads that claim queued jobs and run them.

Threads, not processes: the heavy parts of a run are numpy kernels that release the GIL
(BLAS is held to one thread by the app, so a run takes one core), progress and cancel
are a shared flag and a row update, and pages stay quick while one run computes. Monte
Carlo jobs go further when the settings name a Dask scheduler (or local worker
processes): their sample chunks then run on :mod:`cscost.cluster`.

- **Claim**: each thread takes the oldest queued job with a conditional ``UPDATE``
  (:func:`cscost.store.jobs.claimed`), so two threads or two servers on one database
  never run one job twice.
- **Progress and cancel**: a run reports ``progress(done, total)`` after each chunk; the
  report is written (at most every :data:`PROGRESS_SECONDS`) and raises
  :class:`~cscost.web.job_kinds.JobStoppedError` when the job was cancelled (here, by
  flag, or by another server, by its row) or the server stops.
- **Restart**: jobs stay ``queued`` in the table across restarts and are run when a pool
  starts. A ``running`` job whose process died is re-queued: at once when its worker was
  a process of this host that no longer runs (or an earlier pool of this process), else
  when its heartbeat (every :data:`BEAT_SECONDS` while it runs) is older than
  ``stale_seconds``. A job stopped by a server's shutdown is re-queued at its next
  progress report. The work is deterministic, so a re-run gives the same result.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cscost import _api
from cscost.errors import CscostError
from cscost.store import jobs as store_jobs
from cscost.store.db import Store
from cscost.store.models import Version
from cscost.store.queries import cached, remember
from cscost.web import job_kinds
from cscost.web.job_kinds import JobStoppedError, Run
from cscost.web.settings import Settings

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5
BEAT_SECONDS = 10.0
_LIVE: set[str] = set()
"""The names of the pools running in this process."""


@dataclass(frozen=True)
class PoolSettings:
    """How the pool runs: threads, polling, staleness, and where Monte Carlo chunks go."""

    workers: int = 1
    poll_seconds: float = 0.5
    stale_seconds: float = 300.0
    cluster: _api.ClusterSettings | None = None
    data_dir: Path = Path("cscost-data")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def orphaned(worker: str, heartbeat: dt.datetime | None, stale_seconds: float) -> bool:
    """Whether a job ``running`` on ``worker`` (``host:pid:pool``) has lost its process."""
    host, _, rest = worker.partition(":")
    pid_text, _, _pool = rest.partition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        pid = int(pid_text)
        return worker not in _LIVE if pid == os.getpid() else not _pid_alive(pid)
    if heartbeat is None:
        return True
    if heartbeat.tzinfo is None:  # SQLite keeps no time zone: the app writes UTC
        heartbeat = heartbeat.replace(tzinfo=dt.UTC)
    return (store_jobs.now() - heartbeat).total_seconds() > stale_seconds


class JobPool:
    """Threads of this server that run the queued jobs of the store."""

    def __init__(self, store: Store, settings: PoolSettings) -> None:
        self.store = store
        self.settings = settings
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._flags: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Re-queue the orphaned running jobs, then start the threads (none for 0 workers)."""
        if self.settings.workers <= 0:
            return
        _LIVE.add(self.name)
        self.requeue_orphans()
        for k in range(self.settings.workers):
            self._spawn(self._work, f"cscost-job-{k}")
        self._spawn(self._keep, "cscost-job-keeper")

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def wake(self) -> None:
        """A job was queued: a free thread claims it now rather than at its next poll."""
        self._wake.set()

    def cancel(self, job_id: int) -> None:
        """Stop the job at its next progress report if it runs here (its row is updated by
        the caller)."""
        with self._lock:
            flag = self._flags.get(job_id)
        if flag is not None:
            flag.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop claiming; runs stop at their next progress report and are re-queued."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            for flag in self._flags.values():
                flag.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        _LIVE.discard(self.name)

    def running_here(self) -> list[int]:
        """The ids of the jobs this pool runs now."""
        with self._lock:
            return list(self._flags)

    def requeue_orphans(self) -> int:
        """Put back in the queue the running jobs whose process died; how many."""
        with self.store.session() as session:
            lost = [
                job_id
                for job_id, worker, beat in store_jobs.running_jobs(session)
                if orphaned(worker, beat, self.settings.stale_seconds)
                and store_jobs.requeued(session, job_id, worker)
            ]
        if lost:
            log.warning("re-queued %d job(s) whose process had stopped: %s", len(lost), lost)
        return len(lost)

    def _keep(self) -> None:
        while not self._stop.wait(BEAT_SECONDS):
            try:
                with self.store.session() as session:
                    store_jobs.beat(session, self.running_here(), self.name)
                self.requeue_orphans()
            except Exception:  # the database may be away for a moment: try again later
                log.exception("job keeper")

    def _work(self) -> None:
        while not self._stop.is_set():
            try:
                job_id = self._claim()
                if job_id is None:
                    self._wake.wait(self.settings.poll_seconds)
                    self._wake.clear()
                    continue
                self._run(job_id)
            except Exception:  # never lose the thread: log, wait, go on
                log.exception("job worker")
                self._stop.wait(self.settings.poll_seconds)

    def _claim(self) -> int | None:
        with self.store.session() as session:
            for job_id in store_jobs.queued_ids(session):
                if store_jobs.claimed(session, job_id, self.name):
                    return job_id
        return None

    def _run(self, job_id: int) -> None:
        flag = threading.Event()
        with self._lock:
            self._flags[job_id] = flag
        try:
            self._outcome(job_id, flag)
        finally:
            with self._lock:
                self._flags.pop(job_id, None)

    def _outcome(self, job_id: int, flag: threading.Event) -> None:
        with self.store.session() as session:
            job = session.get(store_jobs.Job, job_id)
            version = session.get(Version, job.version_id) if job is not None else None
            session.commit()
            if job is None or version is None or job.state != "running":
                return  # deleted with its version, or cancelled since the claim
            try:
                body, media, done, total = self._computed(job, version, flag)
            except JobStoppedError as stop:
                if stop.requeue:
                    store_jobs.requeued(session, job_id, self.name)
            except CscostError as exc:
                store_jobs.failed(session, job_id, self.name, str(exc))
            except Exception as exc:  # a bug: the page says so, the log has the traceback
                log.exception("job %d (%s) failed", job_id, job.kind)
                store_jobs.failed(
                    session, job_id, self.name, f"internal error: {type(exc).__name__}: {exc}"
                )
            else:
                store_jobs.finished(session, job_id, self.name, body, media, done, total)

    def _computed(
        self, job: store_jobs.Job, version: Version, flag: threading.Event
    ) -> tuple[bytes, str, int, int]:
        """The job's result (from the cache when an equal run is there), media type and
        final progress."""
        kind = job_kinds.KINDS[job.kind]
        key = job_kinds.cache_key(version, job.kind, job.params)
        lang = job.lang if kind.worded else ""
        cache_kind = job_kinds.cache_kind(job.kind)
        reusable = job.kind != "report"  # a report is cached by the download itself
        if reusable:
            with self.store.session() as session:
                body = cached(session, key, lang, cache_kind)
                session.commit()
            if body is not None:
                return body, job_kinds.JSON, job.total or 1, job.total or 1
        reporter = _Reporter(self.store, job.id, self.name, flag, self._stop)
        run = Run(
            version=version,
            lang=job.lang,
            params=json.loads(job.params),
            progress=reporter,
            cluster=self.settings.cluster,
            data_dir=self.settings.data_dir,
            session=self.store.session,
        )
        body, media = kind.compute(run)
        if reusable:
            with self.store.session() as session:
                remember(session, key, lang, cache_kind, body)
        done, total = reporter.last
        return body, media, done, total


class _Reporter:
    """``progress(done, total)`` of one run: written every :data:`PROGRESS_SECONDS`, and
    :class:`JobStoppedError` once the job is cancelled or the server stops."""

    def __init__(
        self,
        store: Store,
        job_id: int,
        worker: str,
        flag: threading.Event,
        stopping: threading.Event,
    ) -> None:
        self.store = store
        self.job_id = job_id
        self.worker = worker
        self.flag = flag
        self.stopping = stopping
        self.last = (1, 1)
        self._written = 0.0

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        self._check()
        moment = time.monotonic()
        if moment - self._written < PROGRESS_SECONDS and done < total:
            return
        self._written = moment
        with self.store.session() as session:
            running = store_jobs.progressed(session, self.job_id, self.worker, done, total)
        if not running:
            raise JobStoppedError(requeue=False)
        self._check()

    def _check(self) -> None:
        if self.stopping.is_set():
            raise JobStoppedError(requeue=True)
        if self.flag.is_set():
            raise JobStoppedError(requeue=False)


def pool_settings(settings: Settings) -> PoolSettings:
    """The pool of the web app's settings: its threads, and where Monte Carlo chunks run."""
    cluster = None
    if settings.dask_scheduler is not None or settings.dask_workers is not None:
        cluster = _api.ClusterSettings(
            scheduler=settings.dask_scheduler,
            workers=None if settings.dask_scheduler is not None else settings.dask_workers,
        )
    return PoolSettings(
        workers=settings.job_workers,
        poll_seconds=settings.job_poll_seconds,
        stale_seconds=settings.job_stale_seconds,
        cluster=cluster,
        data_dir=settings.data_dir,
    )
