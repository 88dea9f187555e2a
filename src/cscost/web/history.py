"""A project's history: its audit trail, newest first, as a page (en and zh) and as
``GET /api/projects/{id}/events``. There is no route that changes or removes an event.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from cscost.store.audit import as_utc, events_of
from cscost.web.deps import ApiProject, PageProject, SessionDep
from cscost.web.views import render

router = APIRouter()


@router.get("/projects/{project_id}/history", include_in_schema=False)
def history_page(request: Request, access: PageProject, session: SessionDep) -> Response:
    """Every recorded change of the project, newest first (any member)."""
    rows = [
        {
            "when": as_utc(e.created_at).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "actor": e.actor,
            "action": e.action,
            "detail": e.details(),
        }
        for e in events_of(session, access.project.id)
    ]
    context = {"access": access, "project": access.project, "events": rows}
    return render(request, "history.html", context, access.user)


@router.get("/api/projects/{project_id}/events", tags=["api"])
def events(access: ApiProject, session: SessionDep, limit: int = 500) -> list[dict[str, Any]]:
    """The project's audit trail, newest first (at most ``limit``, up to 5000)."""
    return [e.record() for e in events_of(session, access.project.id, max(1, min(limit, 5000)))]
