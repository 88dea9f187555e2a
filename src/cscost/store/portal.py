"""Vendor invitations and their sealed quotes.

An invitation's link carries a random token (``secrets.token_urlsafe(32)``); only its
SHA-256 is stored. The token is exchanged once (:func:`claimed`) for a portal session:
a second random value whose SHA-256 is stored too, so a copied link is refused after the
first exchange and a session works for its own invitation only. Both end at the deadline,
at revocation and at opening.

A sealed quote is the last accepted workbook of an invitation (one row, replaced by each
new upload): its bytes are read again only when the quotes are opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from cscost.store.audit import as_utc, utc_now
from cscost.store.models import Base, User


def digest(secret: str) -> str:
    """The SHA-256 hex digest of a token or session value."""
    return hashlib.sha256(secret.encode()).hexdigest()


class Invitation(Base):
    """A vendor invited to quote for a project until ``deadline``."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    vendor_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    deadline: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    opened_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)
    creator: Mapped[User] = relationship()
    quote: Mapped[SealedQuote | None] = relationship(back_populates="invitation", uselist=False)

    def expired(self, now: dt.datetime | None = None) -> bool:
        """Whether the deadline has passed."""
        return as_utc(self.deadline) <= (now or utc_now())

    def closed_reason(self) -> str | None:
        """Why the portal is closed (``revoked``, ``opened``, ``expired``), else None."""
        if self.revoked_at is not None:
            return "revoked"
        if self.opened_at is not None:
            return "opened"
        return "expired" if self.expired() else None


class SealedQuote(Base):
    """The last accepted workbook of an invitation, sealed until opening."""

    __tablename__ = "sealed_quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id"), unique=True)
    workbook: Mapped[bytes] = mapped_column(LargeBinary)
    uploads: Mapped[int] = mapped_column(Integer, default=1)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    invitation: Mapped[Invitation] = relationship(back_populates="quote")


def new_invitation(
    session: Session,
    project_id: int,
    creator: User,
    vendor_name: str,
    email: str,
    deadline: dt.datetime,
    lang: str,
) -> tuple[Invitation, str]:
    """A new invitation (flushed) and its token — the only time the token is known."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        project_id=project_id,
        vendor_name=vendor_name.strip()[:200],
        email=email.strip().lower()[:254],
        lang=lang,
        deadline=as_utc(deadline),
        token_hash=digest(token),
        created_by=creator.id,
    )
    session.add(invitation)
    session.flush()
    return invitation, token


def invitation_by_token(session: Session, token: str) -> Invitation | None:
    """The invitation whose link carries ``token``, or None."""
    if not token or len(token) > 200:
        return None
    return session.scalar(select(Invitation).where(Invitation.token_hash == digest(token)))


def invitations_of(session: Session, project_id: int) -> list[Invitation]:
    """The project's invitations, oldest first."""
    rows = session.scalars(
        select(Invitation).where(Invitation.project_id == project_id).order_by(Invitation.id)
    )
    return list(rows)


def claimed(session: Session, invitation: Invitation) -> str | None:
    """Exchange the invitation's token for a portal session value (committed), or None
    when the token was exchanged before (the update is conditional: one winner)."""
    value = secrets.token_urlsafe(32)
    done = session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.claimed_at.is_(None))
        .values(claimed_at=utc_now(), session_hash=digest(value))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return value if getattr(done, "rowcount", 0) == 1 else None


def session_invitation(session: Session, cookie: str | None) -> Invitation | None:
    """The invitation of a portal session cookie (``<id>.<value>``), or None."""
    if not cookie or "." not in cookie:
        return None
    head, _, value = cookie.partition(".")
    if not head.isdigit():
        return None
    invitation = session.get(Invitation, int(head))
    if invitation is None or invitation.session_hash is None:
        return None
    return invitation if hmac.compare_digest(invitation.session_hash, digest(value)) else None


def keep_quote(session: Session, invitation: Invitation, workbook: bytes) -> SealedQuote:
    """Store ``workbook`` as the invitation's sealed quote (replacing an earlier one)."""
    quote = session.scalar(select(SealedQuote).where(SealedQuote.invitation_id == invitation.id))
    if quote is None:
        quote = SealedQuote(invitation_id=invitation.id, workbook=workbook, uploads=1)
        session.add(quote)
    else:
        quote.workbook = workbook
        quote.uploads += 1
        quote.uploaded_at = utc_now()
    session.flush()
    return quote
