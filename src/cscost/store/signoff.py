"""Sign-off: an owner marks a version as the project's approved baseline.

A project has at most one approved baseline at a time: approving another version
withdraws the earlier approval. An approval row is never removed; withdrawing it sets
``withdrawn_at``. While a version is approved the ORM refuses to change or delete it
(versions are immutable anyway; this makes the lock explicit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from cscost.store.audit import utc_now
from cscost.store.models import Base, User, Version


class LockedVersionError(RuntimeError):
    """An attempt to change or delete an approved version."""

    def __init__(self) -> None:
        super().__init__("an approved version is locked: it cannot be changed or deleted")


class Approval(Base):
    """One approval of a version (current while ``withdrawn_at`` is None)."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    approved_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    approver: Mapped[User] = relationship(foreign_keys=[approved_by])
    version: Mapped[Version] = relationship()


def baseline_of(session: Session, project_id: int) -> Approval | None:
    """The project's current approval (its approved baseline), or None."""
    return session.scalar(
        select(Approval)
        .where(Approval.project_id == project_id, Approval.withdrawn_at.is_(None))
        .order_by(Approval.id.desc())
    )


def approve(session: Session, version: Version, owner: User) -> tuple[Approval, Approval | None]:
    """Approve ``version`` (flushed) and the approval it replaces (withdrawn), if any."""
    earlier = baseline_of(session, version.project_id)
    if earlier is not None:
        earlier.withdrawn_at = utc_now()
        earlier.withdrawn_by = owner.id
    approval = Approval(project_id=version.project_id, version_id=version.id, approved_by=owner.id)
    session.add(approval)
    session.flush()
    return approval, earlier


def withdraw(session: Session, approval: Approval, owner: User) -> None:
    """Withdraw ``approval`` (flushed): the project has no approved baseline then."""
    approval.withdrawn_at = utc_now()
    approval.withdrawn_by = owner.id
    session.flush()


@event.listens_for(Version, "before_update")
@event.listens_for(Version, "before_delete")
def _refuse_locked(_mapper: Any, connection: Any, target: Version) -> None:
    found = connection.execute(
        select(Approval.id).where(Approval.version_id == target.id, Approval.withdrawn_at.is_(None))
    ).first()
    if found is not None:
        raise LockedVersionError
