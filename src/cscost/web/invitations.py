"""Invitations seen by the project's members, and the opening of the sealed quotes.

Editors (and owners) invite a vendor, revoke an invitation or give it a new link; every
member sees who was invited and whether and when a quote was uploaded — never a quote's
figures. The quotes are opened by an editor once their deadline has passed, or earlier by
an owner (``early``): each opened quote is spliced into one new version of the current
scenario (every line of its YAML kept), and the opening is recorded.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy.orm import Session

from cscost.store.audit import as_utc, record_event, utc_now
from cscost.store.models import Version
from cscost.store.portal import Invitation, digest, invitations_of, new_invitation
from cscost.store.queries import current_version, normal_email
from cscost.web.deps import Access
from cscost.web.quotes import with_quotes
from cscost.web.saving import saved
from cscost.web.scenarios import ScenarioText


def status_of(invitation: Invitation) -> str:
    """``revoked``, ``opened``, ``expired``, ``quoted`` (a sealed quote), ``claimed``
    (the link was used) or ``invited``."""
    reason = invitation.closed_reason()
    if reason is not None:
        return reason
    if invitation.quote is not None:
        return "quoted"
    return "claimed" if invitation.claimed_at is not None else "invited"


def _iso(moment: dt.datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def invitation_record(invitation: Invitation) -> dict[str, Any]:
    """An invitation as members see it: who, until when, its status — no figures."""
    quote = invitation.quote
    return {
        "id": invitation.id,
        "vendor_name": invitation.vendor_name,
        "email": invitation.email,
        "lang": invitation.lang,
        "deadline": _iso(invitation.deadline),
        "created_by": invitation.creator.email,
        "created_at": _iso(invitation.created_at),
        "claimed_at": _iso(invitation.claimed_at),
        "revoked_at": _iso(invitation.revoked_at),
        "opened_at": _iso(invitation.opened_at),
        "opened_version_id": invitation.opened_version_id,
        "quote_uploaded_at": _iso(quote.uploaded_at) if quote else None,
        "uploads": quote.uploads if quote else 0,
        "status": status_of(invitation),
    }


def deadline_of(text: str | dt.datetime) -> dt.datetime:
    """A deadline in the future, as UTC (a time without a zone is read as UTC); 422
    otherwise."""
    try:
        moment = text if isinstance(text, dt.datetime) else dt.datetime.fromisoformat(text)
    except ValueError:
        raise HTTPException(
            422, f"deadline: expected a date and time like 2027-03-31T17:00, found {text!r}"
        ) from None
    moment = as_utc(moment)
    if moment <= utc_now():
        raise HTTPException(422, f"deadline: expected a time in the future, found {moment}")
    return moment


def link_of(request: Request, token: str) -> str:
    """The invitation link of ``token`` on this server."""
    return f"{str(request.base_url).rstrip('/')}/portal/{token}"


def invited(
    session: Session,
    access: Access,
    vendor_name: str,
    email: str,
    deadline: str | dt.datetime,
    lang: str,
) -> tuple[Invitation, str]:
    """A new invitation (recorded, committed) and its token; editors and owners."""
    access.require("editor")
    if not vendor_name.strip():
        raise HTTPException(422, "vendor name: expected a name, found nothing")
    if lang not in ("en", "zh"):
        raise HTTPException(422, f"lang: expected en or zh, found {lang!r}")
    try:
        address = normal_email(email)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    moment = deadline_of(deadline)
    invitation, token = new_invitation(
        session, access.project.id, access.user, vendor_name, address, moment, lang
    )
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="invitation_created",
        detail={
            "invitation_id": invitation.id,
            "vendor_name": invitation.vendor_name,
            "email": address,
            "deadline": moment.isoformat(),
        },
    )
    session.commit()
    return invitation, token


def project_invitation(session: Session, access: Access, invitation_id: int) -> Invitation:
    """The project's invitation ``invitation_id``; 404 for another project's."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.project_id != access.project.id:
        raise HTTPException(404, "no such invitation")
    return invitation


def revoked(session: Session, access: Access, invitation_id: int) -> Invitation:
    """Withdraw an invitation (recorded): its link, portal session and sealed quote
    are no longer used."""
    access.require("editor")
    invitation = project_invitation(session, access, invitation_id)
    if invitation.revoked_at is None and invitation.opened_at is None:
        invitation.revoked_at = utc_now()
        record_event(
            session,
            project_id=access.project.id,
            actor=access.user.email,
            action="invitation_revoked",
            detail={"invitation_id": invitation.id, "vendor_name": invitation.vendor_name},
        )
    session.commit()
    return invitation


def relinked(session: Session, access: Access, invitation_id: int) -> tuple[Invitation, str]:
    """A new link for an open invitation (recorded): the old link and the portal
    session it opened stop working; a sealed quote stays."""
    access.require("editor")
    invitation = project_invitation(session, access, invitation_id)
    if invitation.closed_reason() is not None:
        raise HTTPException(422, f"the invitation is {invitation.closed_reason()}: no new link")
    token = secrets.token_urlsafe(32)
    invitation.token_hash = digest(token)
    invitation.claimed_at = None
    invitation.session_hash = None
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="invitation_relinked",
        detail={"invitation_id": invitation.id, "vendor_name": invitation.vendor_name},
    )
    session.commit()
    return invitation, token


def _openable(session: Session, access: Access, early: bool) -> list[Invitation]:
    sealed = [
        i
        for i in invitations_of(session, access.project.id)
        if i.quote is not None and i.opened_at is None and i.revoked_at is None
    ]
    if early:
        access.require("owner")
        return sealed
    access.require("editor")
    due = [i for i in sealed if i.expired()]
    if not due:
        waiting = len(sealed)
        raise HTTPException(
            422,
            f"no sealed quote is due: {waiting} quote(s) stay sealed until their deadline "
            "(an owner may open them early)",
        )
    return due


def opened(session: Session, access: Access, early: bool, data_dir: Path) -> Version:
    """Open the due sealed quotes (all of them, ``early``, owners only): one new version
    with their vendors, recorded; 422 when none is due or a quote no longer reads."""
    chosen = _openable(session, access, early)
    if not chosen:
        raise HTTPException(422, "no sealed quote to open")
    current = current_version(session, access.project.id)
    if current is None:
        raise HTTPException(422, "upload a scenario first: opened quotes are added to it")
    quotes = [(i.quote.workbook, i.vendor_name, i.id) for i in chosen if i.quote is not None]
    text = with_quotes(ScenarioText(current.text, current.fmt), quotes, data_dir)
    names = ", ".join(i.vendor_name for i in chosen)
    version = saved(
        session, access, text, f"Quotes opened: {names}", current.id, source="quotes_opened"
    )
    now = utc_now()
    before_deadline = any(not i.expired(now) for i in chosen)
    for invitation in chosen:
        invitation.opened_at = now
        invitation.opened_version_id = version.id
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="quotes_opened",
        detail={
            "version_id": version.id,
            "number": version.number,
            "invitations": [i.id for i in chosen],
            "vendors": [i.vendor_name for i in chosen],
            "early": before_deadline,
        },
    )
    session.commit()
    return version
