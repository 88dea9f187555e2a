"""The audit trail: one append-only ``events`` row per change — who, when, what.

:func:`record_event` is the one way in. Rows are never changed or removed: the ORM refuses
an update or delete of an :class:`Event` (a flush, or an ``update()``/``delete()``
statement), and migration ``0003_portal`` adds triggers on SQLite and PostgreSQL that
refuse ``UPDATE`` and ``DELETE`` on the table for any other client too.

``actor`` is a user's email, or ``vendor:<invitation id>`` for a vendor of the portal.
``detail`` is a small JSON object (never a sealed quote's figures).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, event, select
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from cscost.store.models import Base


class AuditTrailError(RuntimeError):
    """An attempt to change or remove a recorded event."""

    def __init__(self) -> None:
        super().__init__("the audit trail is append-only: an event cannot be changed or removed")


def utc_now() -> dt.datetime:
    """The current time in UTC (aware)."""
    return dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC time (SQLite hands back naive UTC times)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


class Event(Base):
    """One recorded change of a project."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    def details(self) -> dict[str, Any]:
        """The ``detail`` JSON as a dict."""
        found: dict[str, Any] = json.loads(self.detail or "{}")
        return found

    def record(self) -> dict[str, Any]:
        """The event as the API shows it."""
        return {
            "id": self.id,
            "project_id": self.project_id,
            "actor": self.actor,
            "action": self.action,
            "detail": self.details(),
            "created_at": as_utc(self.created_at).isoformat(),
        }


def record_event(
    session: Session, *, project_id: int, actor: str, action: str, detail: dict[str, object]
) -> None:
    """Add one event to the project's audit trail (flushed; the caller commits)."""
    text = json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True)
    session.add(Event(project_id=project_id, actor=actor[:254], action=action[:40], detail=text))
    session.flush()


def events_of(session: Session, project_id: int, limit: int = 500) -> list[Event]:
    """The project's events, newest first (at most ``limit``)."""
    rows = session.scalars(
        select(Event).where(Event.project_id == project_id).order_by(Event.id.desc()).limit(limit)
    )
    return list(rows)


@event.listens_for(Event, "before_update")
@event.listens_for(Event, "before_delete")
def _refuse_change(_mapper: Any, _connection: Any, _target: Event) -> None:
    raise AuditTrailError


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is Event for m in state.all_mappers):
        raise AuditTrailError
