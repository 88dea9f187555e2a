"""The JSON API under ``/api``: tokens, projects, versions, evaluation, comparison.

Scripts authenticate with a bearer token from ``POST /api/auth/token`` (the OAuth2
password form), so no route here needs a CSRF token: a browser never sends the header
by itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from cscost.errors import LocatedError
from cscost.store import queries
from cscost.web import results
from cscost.web.deps import ApiProject, ApiUser, ApiVersion, SessionDep, signer, version_of
from cscost.web.members import member_changed
from cscost.web.saving import (
    CURRENT,
    StaleParentError,
    saved,
    upload_source,
    upload_text,
    version_record,
)
from cscost.web.scenarios import issues_of

router = APIRouter(prefix="/api", tags=["api"])


class TokenAnswer(BaseModel):
    """A bearer token."""

    access_token: str
    token_type: str = "bearer"


class NewProject(BaseModel):
    """A project's name."""

    name: str = Field(min_length=1, max_length=200)


class NewMember(BaseModel):
    """A member's email and role."""

    email: str
    role: str = "viewer"


class NewUser(BaseModel):
    """An invited user (admins only)."""

    email: str
    password: str = Field(min_length=8)
    is_admin: bool = False


def login_key(request: Request, email: str) -> str:
    """The rate-limit key of a login attempt: client address and email."""
    host = request.client.host if request.client else "?"
    return f"{host}|{email.strip().lower()}"


@router.post("/auth/token")
def token(
    request: Request, session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> TokenAnswer:
    """A bearer token for the user's email (``username``) and password; 429 when rate-limited."""
    if not request.app.state.login_limiter.allowed(login_key(request, form.username)):
        raise HTTPException(429, "too many login attempts: wait a minute")
    user = queries.authenticated_user(session, form.username, form.password)
    if user is None:
        raise HTTPException(401, "wrong email or password", {"WWW-Authenticate": "Bearer"})
    return TokenAnswer(access_token=signer(request).api_token(user.id))


@router.get("/projects")
def projects(session: SessionDep, user: ApiUser) -> list[dict[str, Any]]:
    """The user's projects with their role."""
    return [
        {"id": p.id, "name": p.name, "role": role} for p, role in queries.projects_of(session, user)
    ]


@router.post("/projects", status_code=201)
def create_project(body: NewProject, session: SessionDep, user: ApiUser) -> dict[str, Any]:
    """A new project owned by the user: ``{id, name}``."""
    project = queries.create_project(session, user, body.name)
    session.commit()
    return {"id": project.id, "name": project.name}


@router.get("/projects/{project_id}")
def project(access: ApiProject, session: SessionDep) -> dict[str, Any]:
    """The project, the user's role and its versions, oldest first."""
    p = access.project
    return {
        "id": p.id,
        "name": p.name,
        "role": access.role,
        "versions": [version_record(v) for v in p.versions],
    }


@router.post("/projects/{project_id}/members")
def set_member(body: NewMember, access: ApiProject, session: SessionDep) -> dict[str, Any]:
    """Give a user a role in the project (owners only)."""
    membership = member_changed(session, access, body.email, body.role)
    return {"email": membership.user.email, "role": membership.role}


@router.post("/users", status_code=201)
def invite(body: NewUser, session: SessionDep, user: ApiUser) -> dict[str, Any]:
    """Create a user (admins only)."""
    if not user.is_admin:
        raise HTTPException(403, "only an admin invites users")
    try:
        new = queries.add_user(session, body.email, body.password, is_admin=body.is_admin)
    except queries.StoreError as exc:
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return {"id": new.id, "email": new.email, "is_admin": new.is_admin}


def located(error: LocatedError) -> JSONResponse:
    """The 422 answer of a scenario that does not validate: every located issue."""
    return JSONResponse(
        {"detail": "the scenario does not validate", "issues": issues_of(error)}, 422
    )


def conflict(error: StaleParentError) -> JSONResponse:
    """The 409 answer of a save on a stale parent: the current version."""
    current = version_record(error.current) if error.current else None
    return JSONResponse({"detail": str(error), "current": current}, 409)


@router.post("/projects/{project_id}/versions", status_code=201, response_model=None)
def upload(
    request: Request,
    access: ApiProject,
    session: SessionDep,
    file: UploadFile,
    message: Annotated[str, Form()] = "",
    parent: Annotated[int | None, Form()] = None,
) -> dict[str, Any] | JSONResponse:
    """A new version from a YAML/JSON scenario or a filled RFP workbook; 422 with the
    located issues; 409 when ``parent`` is given and is no longer the current version."""
    access.require("editor")
    data = file.file.read()
    try:
        text = upload_text(
            session, access.project.id, file.filename or "", data, request.app.state.data_dir
        )
        source = upload_source(file.filename or "", "api_upload")
        version = saved(
            session, access, text, message, CURRENT if parent is None else parent, source=source
        )
    except LocatedError as error:
        return located(error)
    except StaleParentError as error:
        return conflict(error)
    return version_record(version)


@router.get("/versions/{version_id}")
def version(found: ApiVersion) -> dict[str, Any]:
    """The version with its scenario text."""
    return {**version_record(found[1]), "text": found[1].text}


@router.post("/versions/{version_id}/evaluate")
def evaluate(found: ApiVersion, session: SessionDep, lang: str = "") -> Response:
    """The same JSON as ``cscost evaluate --format json`` (``lang`` default: the locale)."""
    return _json(results.evaluation_json(session, found[1], _lang(lang)))


@router.get("/versions/{version_id}/compare/{other_id}")
def compare(
    found: ApiVersion, other_id: int, session: SessionDep, user: ApiUser, lang: str = "en"
) -> dict[str, Any]:
    """Total, NPV and FTE per option of both versions with the difference; changed inputs."""
    _, other = version_of(session, user, other_id)
    data = results.comparison(session, found[1], other, _lang(lang) or "en")
    return {
        "currency": data["currency"],
        "options": [
            {
                "option": r.option,
                "figure": r.figure,
                "before": r.before,
                "after": r.after,
                "difference": r.difference,
            }
            for r in data["rows"]
        ],
        "changes": [
            {"path": c.path, "before": c.before, "after": c.after} for c in data["changes"]
        ],
    }


def _lang(lang: str) -> str:
    if lang and lang not in ("en", "zh"):
        raise HTTPException(422, f"lang: expected en or zh, found {lang!r}")
    return lang


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")
