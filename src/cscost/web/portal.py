"""The vendor portal: the one page an invited vendor may use.

``/portal/{token}`` is the invitation link. Its token is exchanged once (a button, so a
mail scanner that follows links does not use it up) for a portal session cookie bound to
that invitation (``cscost_portal``, path ``/portal``, HttpOnly, SameSite=Strict, expiring
at the deadline). The session opens ``/portal/invitations/{id}`` and nothing else: its
download of the pricing template (en or zh) and its upload of the filled workbook, read
by the importer of ``cscost import-quote`` (the same sheet!cell issues). A second
exchange of the same link is refused; so is everything after the deadline, after
revocation and after the quotes were opened. A vendor session is no user session: every
project page and API route refuses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from cscost.errors import LocatedError
from cscost.store.audit import as_utc, record_event, utc_now
from cscost.store.portal import (
    Invitation,
    claimed,
    invitation_by_token,
    keep_quote,
    session_invitation,
)
from cscost.store.queries import current_version
from cscost.web.deps import Csrf, SessionDep
from cscost.web.quotes import template_bytes, workbook_vendor
from cscost.web.scenarios import ScenarioText, issues_of
from cscost.web.views import render

router = APIRouter(include_in_schema=False)

PORTAL_COOKIE = "cscost_portal"
CLOSED = {
    "revoked": "this invitation was withdrawn by the buyer",
    "opened": "the quotes of this invitation have been opened: no more uploads",
    "expired": "the deadline of this invitation has passed: the portal is closed",
}


def _open_invitation(invitation: Invitation | None) -> Invitation:
    """``invitation`` if the portal is open for it; 404 unknown, 403 closed."""
    if invitation is None:
        raise HTTPException(404, "this invitation link is not valid")
    reason = invitation.closed_reason()
    if reason is not None:
        raise HTTPException(403, CLOSED[reason])
    return invitation


def _actor(invitation: Invitation) -> str:
    return f"vendor:{invitation.id}"


def _page(invitation: Invitation, request: Request) -> str:
    lang = request.query_params.get("lang") or invitation.lang
    return f"/portal/invitations/{invitation.id}?lang={lang}"


@router.get("/portal/{token}")
def claim_page(request: Request, session: SessionDep, token: str) -> Response:
    """The invitation link: a button that opens the portal (exchanges the token)."""
    invitation = _open_invitation(invitation_by_token(session, token))
    if invitation.claimed_at is not None:
        mine = session_invitation(session, request.cookies.get(PORTAL_COOKIE))
        if mine is not None and mine.id == invitation.id:
            return RedirectResponse(_page(invitation, request), 303)
        raise HTTPException(
            403,
            "this invitation link was used already (it opens the portal in one browser "
            "only): ask the buyer for a new link",
        )
    response = render(request, "portal_claim.html", {"invitation": invitation, "token": token})
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.post("/portal/{token}", dependencies=[Csrf])
def claim(request: Request, session: SessionDep, token: str) -> Response:
    """Exchange the token for the portal session (once), then the portal page."""
    invitation = _open_invitation(invitation_by_token(session, token))
    value = claimed(session, invitation) if invitation.claimed_at is None else None
    if value is None:
        raise HTTPException(
            403, "this invitation link was used already: ask the buyer for a new link"
        )
    record_event(
        session,
        project_id=invitation.project_id,
        actor=_actor(invitation),
        action="invitation_claimed",
        detail={"invitation_id": invitation.id, "vendor_name": invitation.vendor_name},
    )
    session.commit()
    response = RedirectResponse(_page(invitation, request), 303)
    seconds = int((as_utc(invitation.deadline) - utc_now()).total_seconds())
    response.set_cookie(
        PORTAL_COOKIE,
        f"{invitation.id}.{value}",
        max_age=max(seconds, 1),
        httponly=True,
        samesite="strict",
        path="/portal",
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def vendor_invitation(
    invitation_id: int, request: Request, session: SessionDep
) -> Invitation:
    """The invitation of the path if the portal session is its own and it is open."""
    mine = session_invitation(session, request.cookies.get(PORTAL_COOKIE))
    if mine is None or mine.id != invitation_id:
        raise HTTPException(404, "no such invitation page: open the link of your invitation")
    session.commit()
    return _open_invitation(mine)


VendorInvitation = Annotated[Invitation, Depends(vendor_invitation)]


def _base(session: Session, invitation: Invitation) -> ScenarioText:
    current = current_version(session, invitation.project_id)
    if current is None:
        raise HTTPException(409, "the buyer has not prepared this project yet: try again later")
    session.commit()
    return ScenarioText(current.text, current.fmt)


def _context(invitation: Invitation, issues: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "invitation": invitation,
        "quote": invitation.quote,
        "deadline": as_utc(invitation.deadline).strftime("%Y-%m-%d %H:%M UTC"),
        "issues": issues,
    }


@router.get("/portal/invitations/{invitation_id}")
def portal_page(request: Request, invitation: VendorInvitation) -> Response:
    """The vendor's page: the deadline, the template, the upload form and its status."""
    return render(request, "portal.html", _context(invitation, []))


@router.get("/portal/invitations/{invitation_id}/template/{lang}")
def template(
    request: Request, invitation: VendorInvitation, session: SessionDep, lang: str
) -> Response:
    """The pricing template of the project's current version, ``en`` or ``zh``."""
    if lang not in ("en", "zh"):
        raise HTTPException(404, "the template is in en or zh")
    body = template_bytes(_base(session, invitation), lang, request.app.state.data_dir)
    name = f"pricing-template-{lang}.xlsx"
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/portal/invitations/{invitation_id}/quote", dependencies=[Csrf])
def upload_quote(
    request: Request, invitation: VendorInvitation, session: SessionDep, file: UploadFile
) -> Response:
    """Keep the filled workbook sealed if it reads; else the page with its issues (422)."""
    data = file.file.read()
    base = _base(session, invitation)
    try:
        filename = Path(file.filename or "quote.xlsx").name
        workbook_vendor(
            base, data, request.app.state.data_dir, invitation.vendor_name, invitation.id, filename
        )
    except LocatedError as error:
        context = _context(invitation, issues_of(error))
        return render(request, "portal.html", context, status=422)
    quote = keep_quote(session, invitation, data)
    record_event(
        session,
        project_id=invitation.project_id,
        actor=_actor(invitation),
        action="quote_uploaded",
        detail={
            "invitation_id": invitation.id,
            "vendor_name": invitation.vendor_name,
            "upload": quote.uploads,
        },
    )
    session.commit()
    return RedirectResponse(f"{_page(invitation, request)}&received=1", 303)


__all__ = ["PORTAL_COOKIE", "router"]
