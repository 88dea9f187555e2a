"""The pages of projects: log in and out, the project list, a project with its versions,
members and upload form, and the editor (form and YAML) with its conflict view.

Every POST here depends on :data:`cscost.web.deps.Csrf`; pages and the API save through
the same :mod:`cscost.web.saving` functions.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from cscost.errors import LocatedError
from cscost.store import queries
from cscost.store.models import ROLES, Version
from cscost.web import results_pages
from cscost.web.api import login_key
from cscost.web.deps import Access, Csrf, PageProject, PageUser, SessionDep, signer
from cscost.web.members import member_changed
from cscost.web.saving import StaleParentError, edited_text, saved, upload_source, upload_text
from cscost.web.scenarios import (
    FORM_FIELDS,
    changed_inputs,
    document,
    form_values,
    issues_of,
    with_form_values,
)
from cscost.web.security import SESSION_COOKIE
from cscost.web.views import render

router = APIRouter(include_in_schema=False)
router.include_router(results_pages.router)


def _safe_next(target: str | None) -> str:
    """A local path to go to after login (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/projects"


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, 303)


@router.get("/")
def home() -> RedirectResponse:
    """The project list."""
    return _see("/projects")


@router.get("/login")
def login_page(request: Request, next: str = "/projects") -> Response:
    """The login form."""
    return render(request, "login.html", {"next": _safe_next(next), "error": ""})


@router.post("/login", dependencies=[Csrf])
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/projects",
) -> Response:
    """Sign in: the session cookie (HttpOnly, SameSite=Lax); 429 when rate-limited."""
    context = {"next": _safe_next(next), "error": ""}
    if not request.app.state.login_limiter.allowed(login_key(request, email)):
        return render(request, "login.html", context | {"error": "rate_limited"}, status=429)
    user = queries.authenticated_user(session, email, password)
    if user is None:
        return render(request, "login.html", context | {"error": "wrong_login"}, status=401)
    response = _see(_safe_next(next))
    response.set_cookie(
        SESSION_COOKIE,
        signer(request).session_value(user.id),
        max_age=request.app.state.settings.session_seconds,
        httponly=True,
        samesite="lax",
        path="/",
    )
    return response


@router.post("/logout", dependencies=[Csrf])
def logout() -> Response:
    """Sign out."""
    response = _see("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/projects")
def projects_page(request: Request, session: SessionDep, user: PageUser) -> Response:
    """The user's projects and the form for a new one."""
    rows = queries.projects_of(session, user)
    return render(request, "projects.html", {"projects": rows}, user)


@router.post("/projects", dependencies=[Csrf])
def new_project(
    session: SessionDep, user: PageUser, name: Annotated[str, Form(max_length=200)]
) -> Response:
    """Create a project (the user is its owner)."""
    if not name.strip():
        raise HTTPException(422, "a project needs a name")
    project = queries.create_project(session, user, name)
    session.commit()
    return _see(f"/projects/{project.id}")


def _project_context(session: SessionDep, access: Access) -> dict[str, Any]:
    versions = list(reversed(access.project.versions))
    return {
        "access": access,
        "project": access.project,
        "versions": versions,
        "current": versions[0] if versions else None,
        "members": queries.members_of(session, access.project.id),
        "roles": ROLES,
        "issues": [],
        "error": "",
    }


@router.get("/projects/{project_id}")
def project_page(request: Request, access: PageProject, session: SessionDep) -> Response:
    """A project: its versions (compare two), the upload form, its members."""
    return render(request, "project.html", _project_context(session, access), access.user)


@router.post("/projects/{project_id}/versions", dependencies=[Csrf])
def upload_page(
    request: Request,
    access: PageProject,
    session: SessionDep,
    file: UploadFile,
    message: Annotated[str, Form()] = "",
    parent: Annotated[int | None, Form()] = None,
) -> Response:
    """Save an upload as a new version; the located issues (422) or the conflict (409)."""
    access.require("editor")
    data = file.file.read()
    try:
        text = upload_text(
            session, access.project.id, file.filename or "", data, request.app.state.data_dir
        )
        source = upload_source(file.filename or "", "page_upload")
        version = saved(session, access, text, message, parent, source=source)
    except LocatedError as error:
        context = _project_context(session, access) | {"issues": issues_of(error)}
        return render(request, "project.html", context, access.user, status=422)
    except StaleParentError as error:
        return _conflict(request, session, access, error, text.text)
    return _see(f"/versions/{version.id}")


def _conflict(
    request: Request, session: SessionDep, access: Access, error: StaleParentError, mine: str
) -> Response:
    current = error.current
    changes = []
    if current is not None:
        try:
            changes = changed_inputs(
                document(current.text, current.fmt), document(mine, current.fmt)
            )
        except LocatedError:
            changes = []
    context = {"project": access.project, "current": current, "mine": mine, "changes": changes}
    return render(request, "conflict.html", context, access.user, status=409)


@router.get("/projects/{project_id}/edit")
def edit_page(request: Request, access: PageProject, session: SessionDep) -> Response:
    """The editor of the current version: the common fields and the YAML text."""
    access.require("editor")
    current = queries.current_version(session, access.project.id)
    if current is None:
        return _see(f"/projects/{access.project.id}")
    return render(request, "edit.html", _edit_context(access, current, current.text), access.user)


def _edit_context(access: Access, current: Version, text: str) -> dict[str, Any]:
    try:
        fields = form_values(text, current.fmt)
    except LocatedError:
        fields = dict.fromkeys(FORM_FIELDS, "")
    return {
        "project": access.project,
        "current": current,
        "text": text,
        "fields": fields,
        "field_names": FORM_FIELDS,
        "issues": [],
        "lines": [],
    }


@router.post("/projects/{project_id}/edit", dependencies=[Csrf])
async def save_edit(request: Request, access: PageProject, session: SessionDep) -> Response:
    """Save the editor (``mode`` yaml or form) as a version after ``parent``."""
    access.require("editor")
    form = await request.form()
    value = {k: v for k, v in form.items() if isinstance(v, str)}
    parent = int(value.get("parent", "0") or 0)
    current = queries.project_version(session, access.project.id, parent)
    if current is None:
        raise HTTPException(422, "the version this edit is based on is not in the project")
    text = value.get("text", "").replace("\r\n", "\n")
    try:
        if value.get("mode") == "form":
            scenario = with_form_values(current.text, current.fmt, value)
        else:
            scenario = edited_text(text, current.fmt)
        source = "form_edit" if value.get("mode") == "form" else "yaml_edit"
        version = saved(session, access, scenario, value.get("message", ""), parent, source=source)
    except LocatedError as error:
        context = _edit_context(access, current, text or current.text)
        issues = issues_of(error)
        lines = sorted({i["line"] for i in issues if i["line"]})
        context |= {"issues": issues, "lines": lines}
        return render(request, "edit.html", context, access.user, status=422)
    except StaleParentError as error:
        return _conflict(request, session, access, error, scenario.text)
    return _see(f"/versions/{version.id}")


@router.post("/projects/{project_id}/members", dependencies=[Csrf])
def member_page(
    access: PageProject,
    session: SessionDep,
    email: Annotated[str, Form()],
    role: Annotated[str, Form()],
) -> Response:
    """Add a member or change a role (owners only)."""
    member_changed(session, access, email, role)
    return _see(f"/projects/{access.project.id}")


@router.get("/admin/users")
def users_page(request: Request, user: PageUser) -> Response:
    """The invite form (admins only)."""
    if not user.is_admin:
        raise HTTPException(403, "only an admin invites users")
    return render(request, "users.html", {"done": request.query_params.get("done", "")}, user)


@router.post("/admin/users", dependencies=[Csrf])
def invite_page(
    session: SessionDep,
    user: PageUser,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    is_admin: Annotated[bool, Form()] = False,
) -> Response:
    """Create a user with a first password (admins only)."""
    if not user.is_admin:
        raise HTTPException(403, "only an admin invites users")
    try:
        new = queries.add_user(session, email, password, is_admin=is_admin)
    except queries.StoreError as exc:
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return _see(f"/admin/users?done={new.email}")
