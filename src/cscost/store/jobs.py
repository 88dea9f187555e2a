"""Background runs: the ``jobs`` table and its operations (create, claim, progress,
finish, cancel, re-queue what a dead process left running).

A job is one long computation of one version (Monte Carlo, sensitivity, break-even, a
roster, a PDF report). Its life: ``queued`` → ``running`` → ``done`` | ``failed`` |
``cancelled``; a queued or running job can be ``cancelled`` at any time (a running one
stops at its next progress report). The claim of a queued job is one
``UPDATE … WHERE state = 'queued'`` whose row count says who won, so two workers (threads
or servers on one PostgreSQL) never run the same job. Every state change here is one
conditional ``UPDATE``: a worker that finishes a job cancelled meanwhile changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
    select,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Mapped, Session, mapped_column

from cscost.store.models import Base

STATES = ("queued", "running", "done", "failed", "cancelled")
"""A job's states; the last three are final."""
FINAL = ("done", "failed", "cancelled")


class Job(Base):
    """One background run of a version: kind, parameters (JSON), state, progress, result."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(
        ForeignKey("versions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    params: Mapped[str] = mapped_column(Text, default="{}")
    lang: Mapped[str] = mapped_column(String(8), default="en")
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    media_type: Mapped[str] = mapped_column(String(100), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(200), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    started_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def now() -> dt.datetime:
    """The current time in UTC (the jobs' times are set by the app, not the database)."""
    return dt.datetime.now(dt.UTC)


def _changed(session: Session, statement: Any) -> int:
    """Execute an ``UPDATE`` and commit; the number of rows it changed."""
    result = cast(CursorResult[Any], session.execute(statement))
    session.commit()
    return result.rowcount


def add_job(
    session: Session,
    *,
    project_id: int,
    version_id: int,
    kind: str,
    params: str,
    lang: str,
    started_by: int | None,
    total: int = 0,
) -> Job:
    """A new queued job, committed."""
    job = Job(
        project_id=project_id,
        version_id=version_id,
        kind=kind,
        params=params,
        lang=lang,
        started_by=started_by,
        state="queued",
        total=total,
    )
    session.add(job)
    session.commit()
    return job


def queued_ids(session: Session, limit: int = 10) -> list[int]:
    """The oldest queued jobs' ids (candidates to claim)."""
    found = session.scalars(
        select(Job.id).where(Job.state == "queued").order_by(Job.id).limit(limit)
    ).all()
    session.commit()
    return list(found)


def claimed(session: Session, job_id: int, worker: str) -> bool:
    """Whether this worker won the queued job (now ``running``, its attempt counted)."""
    moment = now()
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.state == "queued")
        .values(
            state="running",
            worker=worker,
            started_at=moment,
            heartbeat_at=moment,
            attempts=Job.attempts + 1,
            done=0,
        )
    )
    return _changed(session, statement) == 1


def progressed(session: Session, job_id: int, worker: str, done: int, total: int) -> bool:
    """Record the progress of the job ``worker`` runs; False when it no longer runs there
    (cancelled, or re-queued and claimed by another)."""
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.worker == worker)
        .values(done=done, total=total, heartbeat_at=now())
    )
    return _changed(session, statement) == 1


def beat(session: Session, job_ids: Sequence[int], worker: str) -> None:
    """Mark the jobs ``job_ids`` that ``worker`` runs as alive (its process runs)."""
    if job_ids:
        statement = (
            update(Job)
            .where(Job.id.in_(job_ids), Job.state == "running", Job.worker == worker)
            .values(heartbeat_at=now())
        )
        _changed(session, statement)


def finished(
    session: Session,
    job_id: int,
    worker: str,
    result: bytes,
    media_type: str,
    done: int,
    total: int,
) -> bool:
    """The job ``worker`` runs is ``done`` with ``result``; False when it was cancelled (or
    taken over) meanwhile."""
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.worker == worker)
        .values(
            state="done",
            result=result,
            media_type=media_type,
            done=done,
            total=total,
            finished_at=now(),
        )
    )
    return _changed(session, statement) == 1


def failed(session: Session, job_id: int, worker: str, error: str) -> bool:
    """The job ``worker`` runs ``failed`` with ``error`` (a sentence for the page)."""
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.worker == worker)
        .values(state="failed", error=error, finished_at=now())
    )
    return _changed(session, statement) == 1


def cancelled(session: Session, job_id: int) -> bool:
    """Cancel a queued or running job; False when it had already ended."""
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.state.in_(("queued", "running")))
        .values(state="cancelled", finished_at=now())
    )
    return _changed(session, statement) == 1


def requeued(session: Session, job_id: int, worker: str) -> bool:
    """Put the job that ``worker`` runs back in the queue (its process died or stops);
    False when it is no longer running on that worker (another server re-queued it, and
    maybe a third claimed it since). The work is deterministic: running it again is safe."""
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.worker == worker)
        .values(state="queued", worker="", started_at=None, done=0)
    )
    return _changed(session, statement) == 1


def running_jobs(session: Session) -> list[tuple[int, str, dt.datetime | None]]:
    """Every running job: id, worker and last heartbeat."""
    rows = session.execute(
        select(Job.id, Job.worker, Job.heartbeat_at).where(Job.state == "running")
    ).all()
    session.commit()
    return [(r[0], r[1], r[2]) for r in rows]


def version_jobs(session: Session, version_id: int, limit: int = 50) -> list[Job]:
    """The version's latest jobs, newest first (with their results: JSON of a few kB, a
    report's reference)."""
    found = session.scalars(
        select(Job).where(Job.version_id == version_id).order_by(Job.id.desc()).limit(limit)
    ).all()
    session.commit()
    return list(found)
