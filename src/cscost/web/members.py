"""Members with an audit trail: adding a member, changing a role and removing a member
(owners only), each recorded as an event (``member_added``, ``role_changed``,
``member_removed``). A project keeps at least one owner.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cscost.store import queries
from cscost.store.audit import record_event
from cscost.store.models import Membership
from cscost.web.deps import Access, ApiProject, Csrf, PageProject, SessionDep

router = APIRouter()


def _owners(session: Session, project_id: int) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.project_id == project_id, Membership.role == "owner")
    )
    return int(count or 0)


def _membership(session: Session, project_id: int, email: str) -> Membership | None:
    user = queries.user_by_email(session, email)
    if user is None:
        return None
    return session.scalar(
        select(Membership).where(Membership.project_id == project_id, Membership.user_id == user.id)
    )


def member_changed(session: Session, access: Access, email: str, role: str) -> Membership:
    """Give the user with ``email`` ``role`` (added or changed), recorded, committed;
    422 for an unknown user or role, or when the last owner would lose the role."""
    access.require("owner")
    before = _membership(session, access.project.id, email)
    old = before.role if before is not None else None
    if old == "owner" and role != "owner" and _owners(session, access.project.id) == 1:
        raise HTTPException(422, "a project keeps at least one owner: make another owner first")
    try:
        membership = queries.set_member(session, access.project.id, email, role)
    except queries.StoreError as exc:
        raise HTTPException(422, str(exc)) from None
    who = membership.user.email
    if old is None:
        action, detail = "member_added", {"email": who, "role": role}
    else:
        action, detail = "role_changed", {"email": who, "before": old, "after": role}
    if old != role:
        record_event(
            session,
            project_id=access.project.id,
            actor=access.user.email,
            action=action,
            detail=dict(detail),
        )
    session.commit()
    return membership


def member_removed(session: Session, access: Access, email: str) -> None:
    """Remove the member with ``email``, recorded, committed; 422 for a non-member or the
    last owner."""
    access.require("owner")
    membership = _membership(session, access.project.id, email)
    if membership is None:
        raise HTTPException(422, f"{email.strip().lower()} is not a member of this project")
    if membership.role == "owner" and _owners(session, access.project.id) == 1:
        raise HTTPException(422, "a project keeps at least one owner: make another owner first")
    detail: dict[str, object] = {"email": membership.user.email, "role": membership.role}
    session.delete(membership)
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="member_removed",
        detail=detail,
    )
    session.commit()


@router.post("/projects/{project_id}/members/remove", dependencies=[Csrf])
def remove_page(
    access: PageProject, session: SessionDep, email: Annotated[str, Form()]
) -> Response:
    """Remove a member (owners only)."""
    member_removed(session, access, email)
    return RedirectResponse(f"/projects/{access.project.id}", 303)


@router.delete("/api/projects/{project_id}/members", tags=["api"])
def remove_api(access: ApiProject, session: SessionDep, email: str) -> dict[str, Any]:
    """Remove the member ``?email=`` (owners only)."""
    member_removed(session, access, email)
    return {"email": email.strip().lower(), "removed": True}
