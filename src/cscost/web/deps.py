"""Dependencies of the routes: the database session, the signed-in user (a session
cookie for pages, a bearer token for the API), the CSRF check, and the project or version
a user may see.

Access is checked here, once per resource: a project the user is not a member of, and a
version of such a project, answer 404 — the same as an id that does not exist.

The dependencies are ``async``: their few primary-key queries take well under a
millisecond, less than a hop to the thread pool would; routes that compute stay sync
(thread pool) or hand the work to it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session, joinedload

from cscost.store.models import ROLES, Project, User, Version
from cscost.store.queries import role_in
from cscost.web.security import CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE, Signer


class LoginRequiredError(Exception):
    """A page asked for without a valid session: the browser goes to the login page."""


async def db_session(request: Request) -> AsyncIterator[Session]:
    """A store session for one request."""
    with request.app.state.store.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(db_session)]


def signer(request: Request) -> Signer:
    """The app's token signer."""
    found: Signer = request.app.state.signer
    return found


async def page_user(request: Request, session: SessionDep) -> User:
    """The user of the session cookie; :class:`LoginRequiredError` without one."""
    user_id = signer(request).session_user(request.cookies.get(SESSION_COOKIE))
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise LoginRequiredError
    session.commit()  # end the read: no connection held while the route waits
    return user


_bearer = OAuth2PasswordBearer(tokenUrl="/api/auth/token")


async def api_user(
    request: Request, session: SessionDep, token: Annotated[str, Depends(_bearer)]
) -> User:
    """The user of the bearer token; 401 otherwise."""
    user_id = signer(request).token_user(token)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise HTTPException(401, "invalid or expired token", {"WWW-Authenticate": "Bearer"})
    session.commit()  # end the read: no connection held while the route waits
    return user


PageUser = Annotated[User, Depends(page_user)]
ApiUser = Annotated[User, Depends(api_user)]


async def csrf_checked(request: Request) -> None:
    """403 unless the form repeats the CSRF cookie's signed token."""
    form = await request.form()
    submitted = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not signer(request).csrf_valid(cookie, submitted if isinstance(submitted, str) else None):
        raise HTTPException(403, "missing or invalid CSRF token: reload the page and try again")


Csrf = Depends(csrf_checked)


@dataclass(frozen=True)
class Access:
    """A project the user may see, and the user's role in it."""

    user: User
    project: Project
    role: str

    def allows(self, role: str) -> bool:
        """Whether the user's role is ``role`` or stronger."""
        return ROLES.index(self.role) <= ROLES.index(role)

    def require(self, role: str) -> None:
        """403 unless the user's role is ``role`` or stronger."""
        if not self.allows(role):
            raise HTTPException(403, f"this needs the {role} role in the project")


def access_of(session: Session, user: User, project_id: int) -> Access:
    """The project for ``user``, or 404 when it does not exist or they are not a member."""
    role = role_in(session, user, project_id)
    project = session.get(Project, project_id) if role else None
    if project is None or role is None:
        raise HTTPException(404, "no such project")
    session.commit()  # end the read (objects stay loaded: expire_on_commit is off)
    return Access(user, project, role)


def version_of(session: Session, user: User, version_id: int) -> tuple[Access, Version]:
    """The version and its project for ``user``; 404 like :func:`access_of`."""
    version = session.get(Version, version_id, options=[joinedload(Version.author)])
    if version is None:
        raise HTTPException(404, "no such version")
    try:
        return access_of(session, user, version.project_id), version
    except HTTPException:
        raise HTTPException(404, "no such version") from None


async def api_project(project_id: int, session: SessionDep, user: ApiUser) -> Access:
    """The project of the path, for the API user."""
    return access_of(session, user, project_id)


async def page_project(project_id: int, session: SessionDep, user: PageUser) -> Access:
    """The project of the path, for the page user."""
    return access_of(session, user, project_id)


async def api_version(
    version_id: int, session: SessionDep, user: ApiUser
) -> tuple[Access, Version]:
    """The version of the path, for the API user."""
    return version_of(session, user, version_id)


async def page_version(
    version_id: int, session: SessionDep, user: PageUser
) -> tuple[Access, Version]:
    """The version of the path, for the page user."""
    return version_of(session, user, version_id)


ApiProject = Annotated[Access, Depends(api_project)]
PageProject = Annotated[Access, Depends(page_project)]
ApiVersion = Annotated[tuple[Access, Version], Depends(api_version)]
PageVersion = Annotated[tuple[Access, Version], Depends(page_version)]
