"""Routes of the invitations: the project's **Invitations** page and its JSON twin under
``/api``. The link of a new invitation is shown once, in the answer that creates it (only
its token's SHA-256 is stored).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from cscost.errors import LocatedError
from cscost.store.portal import invitations_of
from cscost.web.deps import Access, ApiProject, Csrf, PageProject, SessionDep
from cscost.web.invitations import (
    invitation_record,
    invited,
    link_of,
    opened,
    relinked,
    revoked,
    status_of,
)
from cscost.web.saving import StaleParentError
from cscost.web.scenarios import issues_of
from cscost.web.views import render

router = APIRouter()


class NewInvitation(BaseModel):
    """A vendor to invite: name, email, deadline (UTC when no zone is given), language."""

    vendor_name: str = Field(min_length=1, max_length=200)
    email: str
    deadline: dt.datetime
    lang: str = "en"


class Opening(BaseModel):
    """``early``: open the sealed quotes before their deadline (owners only)."""

    early: bool = False


def _page(
    request: Request,
    session: Session,
    access: Access,
    link: str = "",
    status: int = 200,
    issues: list[dict[str, Any]] | None = None,
) -> Response:
    rows = invitations_of(session, access.project.id)
    context = {
        "access": access,
        "project": access.project,
        "invitations": [(i, invitation_record(i), status_of(i)) for i in rows],
        "link": link,
        "issues": issues or [],
    }
    return render(request, "invitations.html", context, access.user, status=status)


@router.get("/projects/{project_id}/invitations", include_in_schema=False)
def invitations_page(request: Request, access: PageProject, session: SessionDep) -> Response:
    """Who was invited, until when, and whether a quote came; the invite form."""
    return _page(request, session, access)


@router.post("/projects/{project_id}/invitations", dependencies=[Csrf], include_in_schema=False)
def invite_page(
    request: Request,
    access: PageProject,
    session: SessionDep,
    vendor_name: Annotated[str, Form(max_length=200)],
    email: Annotated[str, Form()],
    deadline: Annotated[str, Form()],
    lang: Annotated[str, Form()] = "en",
) -> Response:
    """Invite a vendor; the page shows the new link once."""
    _, token = invited(session, access, vendor_name, email, deadline, lang)
    return _page(request, session, access, link_of(request, token), 201)


@router.post(
    "/projects/{project_id}/invitations/{invitation_id}/revoke",
    dependencies=[Csrf],
    include_in_schema=False,
)
def revoke_page(access: PageProject, session: SessionDep, invitation_id: int) -> Response:
    """Withdraw an invitation."""
    revoked(session, access, invitation_id)
    return RedirectResponse(f"/projects/{access.project.id}/invitations", 303)


@router.post(
    "/projects/{project_id}/invitations/{invitation_id}/link",
    dependencies=[Csrf],
    include_in_schema=False,
)
def relink_page(
    request: Request, access: PageProject, session: SessionDep, invitation_id: int
) -> Response:
    """A new link for an invitation (the old one stops working); shown once."""
    _, token = relinked(session, access, invitation_id)
    return _page(request, session, access, link_of(request, token))


@router.post("/projects/{project_id}/quotes/open", dependencies=[Csrf], include_in_schema=False)
def open_page(
    request: Request,
    access: PageProject,
    session: SessionDep,
    early: Annotated[bool, Form()] = False,
) -> Response:
    """Open the due sealed quotes (``early``: all, owners only) into a new version."""
    try:
        version = opened(session, access, early, request.app.state.data_dir)
    except LocatedError as error:
        return _page(request, session, access, status=422, issues=issues_of(error))
    except StaleParentError:
        raise HTTPException(
            409, "someone saved a version meanwhile: open the quotes again"
        ) from None
    return RedirectResponse(f"/versions/{version.id}", 303)


@router.get("/api/projects/{project_id}/invitations", tags=["api"])
def invitations(access: ApiProject, session: SessionDep) -> list[dict[str, Any]]:
    """The project's invitations (who, deadline, status, upload time; no figures)."""
    return [invitation_record(i) for i in invitations_of(session, access.project.id)]


@router.post("/api/projects/{project_id}/invitations", status_code=201, tags=["api"])
def invite(
    request: Request, body: NewInvitation, access: ApiProject, session: SessionDep
) -> dict[str, Any]:
    """Invite a vendor (editors): the invitation, its ``link`` and ``token`` (shown once)."""
    invitation, token = invited(
        session, access, body.vendor_name, body.email, body.deadline, body.lang
    )
    return {**invitation_record(invitation), "link": link_of(request, token), "token": token}


@router.post("/api/projects/{project_id}/invitations/{invitation_id}/revoke", tags=["api"])
def revoke(access: ApiProject, session: SessionDep, invitation_id: int) -> dict[str, Any]:
    """Withdraw an invitation (editors)."""
    return invitation_record(revoked(session, access, invitation_id))


@router.post("/api/projects/{project_id}/invitations/{invitation_id}/link", tags=["api"])
def relink(
    request: Request, access: ApiProject, session: SessionDep, invitation_id: int
) -> dict[str, Any]:
    """A new link for an invitation (editors); the old link stops working."""
    invitation, token = relinked(session, access, invitation_id)
    return {**invitation_record(invitation), "link": link_of(request, token), "token": token}


@router.post("/api/projects/{project_id}/quotes/open", tags=["api"], response_model=None)
def open_quotes(
    request: Request, access: ApiProject, session: SessionDep, body: Opening | None = None
) -> dict[str, Any]:
    """Open the due sealed quotes into a new version: ``{version_id, number}``."""
    early = body.early if body is not None else False
    try:
        version = opened(session, access, early, request.app.state.data_dir)
    except LocatedError as error:
        raise HTTPException(
            422, {"detail": "a quote does not read", "issues": issues_of(error)}
        ) from None
    except StaleParentError:
        raise HTTPException(
            409, "someone saved a version meanwhile: open the quotes again"
        ) from None
    return {"version_id": version.id, "number": version.number}
