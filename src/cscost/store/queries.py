"""The store's operations: users, projects and roles, versions (with the stale-parent
check), cached results. Each takes a session and leaves committing to the caller, except
where a constraint race must be caught (:func:`add_version`, :func:`remember`).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cscost.store.models import ROLES, Membership, Project, Result, User, Version
from cscost.store.passwords import DUMMY_HASH, password_hash, password_matches


class StoreError(ValueError):
    """A request the store refuses: a duplicate user, an unknown email, a bad role."""


class StaleParentError(StoreError):
    """A save based on a version that is no longer the project's current one."""

    def __init__(self, current: Version | None) -> None:
        self.current = current
        super().__init__("the version this save is based on is no longer the current one")


def normal_email(email: str) -> str:
    """``email`` trimmed and in lower case, or :class:`StoreError` when it is not one."""
    text = email.strip().lower()
    if "@" not in text or len(text) > 254 or text.startswith("@") or text.endswith("@"):
        raise StoreError(f"not an email address: {email!r}")
    return text


def add_user(session: Session, email: str, password: str, *, is_admin: bool = False) -> User:
    """A new user with ``password`` hashed; :class:`StoreError` if the email is taken."""
    address = normal_email(email)
    if len(password) < 8:
        raise StoreError("the password must have at least 8 characters")
    if user_by_email(session, address) is not None:
        raise StoreError(f"a user {address} exists already")
    user = User(email=address, password_hash=password_hash(password), is_admin=is_admin)
    session.add(user)
    session.flush()
    return user


def user_by_email(session: Session, email: str) -> User | None:
    """The user with ``email`` (any case), or None."""
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def authenticated_user(session: Session, email: str, password: str) -> User | None:
    """The user whose email and password these are, or None (same work either way)."""
    user = user_by_email(session, email)
    if user is None:
        password_matches(DUMMY_HASH, password)
        return None
    return user if password_matches(user.password_hash, password) else None


def create_project(session: Session, owner: User, name: str) -> Project:
    """A new project named ``name`` with ``owner`` as its owner."""
    project = Project(name=name.strip())
    session.add(project)
    session.flush()
    session.add(Membership(project_id=project.id, user_id=owner.id, role="owner"))
    session.flush()
    return project


def projects_of(session: Session, user: User) -> list[tuple[Project, str]]:
    """The projects ``user`` is a member of, newest first, with the role in each."""
    rows = session.execute(
        select(Project, Membership.role)
        .join(Membership, Membership.project_id == Project.id)
        .where(Membership.user_id == user.id)
        .order_by(Project.id.desc())
    )
    return [(p, r) for p, r in rows]


def role_in(session: Session, user: User, project_id: int) -> str | None:
    """``user``'s role in the project, or None when not a member (or no such project)."""
    return session.scalar(
        select(Membership.role).where(
            Membership.user_id == user.id, Membership.project_id == project_id
        )
    )


def members_of(session: Session, project_id: int) -> list[Membership]:
    """The memberships of a project, by email."""
    rows = session.scalars(
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.project_id == project_id)
        .order_by(User.email)
    )
    return list(rows)


def set_member(session: Session, project_id: int, email: str, role: str) -> Membership:
    """Give the user with ``email`` ``role`` in the project (added or changed)."""
    if role not in ROLES:
        raise StoreError(f"role: expected one of {', '.join(ROLES)}, found {role!r}")
    user = user_by_email(session, email)
    if user is None:
        raise StoreError(f"no user {email.strip().lower()}: an admin invites users first")
    membership = session.scalar(
        select(Membership).where(Membership.project_id == project_id, Membership.user_id == user.id)
    )
    if membership is None:
        membership = Membership(project_id=project_id, user_id=user.id, role=role)
        session.add(membership)
    else:
        membership.role = role
    session.flush()
    return membership


def content_hash(fmt: str, text: str) -> str:
    """The SHA-256 of a scenario's format and text: the key of its cached results."""
    return hashlib.sha256(f"{fmt}\0{text}".encode()).hexdigest()


def current_version(session: Session, project_id: int) -> Version | None:
    """The project's newest version, or None before the first upload."""
    return session.scalar(
        select(Version).where(Version.project_id == project_id).order_by(Version.number.desc())
    )


def project_version(session: Session, project_id: int, version_id: int) -> Version | None:
    """The version ``version_id`` if it belongs to the project."""
    version = session.get(Version, version_id)
    return version if version is not None and version.project_id == project_id else None


def add_version(
    session: Session,
    project_id: int,
    author: User,
    text: str,
    fmt: str,
    message: str,
    *,
    parent_id: int | None,
) -> Version:
    """A new version after ``parent_id``, committed; :class:`StaleParentError` when the
    parent is not the current version (two saves of the same parent: the second one)."""
    current = current_version(session, project_id)
    if (current.id if current else None) != parent_id:
        raise StaleParentError(current)
    number = (
        session.scalar(select(func.max(Version.number)).where(Version.project_id == project_id))
        or 0
    ) + 1
    version = Version(
        project_id=project_id,
        number=number,
        parent_id=parent_id,
        author_id=author.id,
        message=message.strip()[:500],
        fmt=fmt,
        text=text,
        content_hash=content_hash(fmt, text),
    )
    session.add(version)
    try:
        session.commit()
    except IntegrityError:  # a colleague's save took this number first
        session.rollback()
        raise StaleParentError(current_version(session, project_id)) from None
    return version


def cached(session: Session, digest: str, lang: str, kind: str) -> bytes | None:
    """The cached result body, or None."""
    return session.scalar(
        select(Result.body).where(
            Result.content_hash == digest, Result.lang == lang, Result.kind == kind
        )
    )


def remember(session: Session, digest: str, lang: str, kind: str, body: bytes) -> None:
    """Cache ``body``, committed (a concurrent equal insert is fine: the first one stays)."""
    session.add(Result(content_hash=digest, lang=lang, kind=kind, body=body))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
