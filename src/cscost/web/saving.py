"""Saving a new version: from an upload (a scenario or a filled RFP workbook), the
YAML editor or the form — the one path both the pages and the API take.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cscost.errors import Issue, ScenarioError
from cscost.store.audit import record_event
from cscost.store.models import Version
from cscost.store.queries import StaleParentError, add_version, current_version
from cscost.web.deps import Access
from cscost.web.scenarios import (
    WORKBOOK_SUFFIXES,
    ScenarioText,
    uploaded_text,
    validated,
    with_vendor_quote,
)

CURRENT = -1
"""``parent_id`` for "whatever is current" (an API upload without ``parent``)."""


def upload_text(
    session: Session, project_id: int, filename: str, data: bytes, data_dir: Path
) -> ScenarioText:
    """The scenario text of an upload; a workbook adds its vendor to the current version."""
    if filename.lower().endswith(WORKBOOK_SUFFIXES):
        current = current_version(session, project_id)
        if current is None:
            raise ScenarioError(
                Issue("upload a scenario first: a filled RFP workbook adds a vendor to it")
            )
        return with_vendor_quote(ScenarioText(current.text, current.fmt), data, data_dir)
    return uploaded_text(filename, data)


def saved(
    session: Session,
    access: Access,
    scenario: ScenarioText,
    message: str,
    parent_id: int | None,
    *,
    source: str = "save",
) -> Version:
    """A new version of ``scenario``, recorded in the audit trail (``source``: how it was
    saved); :class:`StaleParentError` when ``parent_id`` is not the current version
    (``CURRENT``: no check)."""
    access.require("editor")
    if parent_id == CURRENT:
        current = current_version(session, access.project.id)
        parent_id = current.id if current else None
    version = add_version(
        session,
        access.project.id,
        access.user,
        scenario.text,
        scenario.fmt,
        message,
        parent_id=parent_id,
    )
    detail: dict[str, object] = {"version_id": version.id, "number": version.number}
    detail |= {"source": source, "message": version.message}
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="version_saved",
        detail=detail,
    )
    session.commit()
    return version


def upload_source(filename: str, prefix: str) -> str:
    """The audit trail's ``source`` of an upload: ``<prefix>_rfp`` for a workbook."""
    return f"{prefix}_rfp" if filename.lower().endswith(WORKBOOK_SUFFIXES) else prefix


def edited_text(text: str, fmt: str) -> ScenarioText:
    """The YAML editor's text, validated (the same located issues as ``cscost validate``)."""
    validated(text, fmt, f"scenario.{fmt}")
    return ScenarioText(text, fmt)


def version_record(version: Version) -> dict[str, Any]:
    """A version as the API shows it."""
    return {
        "id": version.id,
        "project_id": version.project_id,
        "number": version.number,
        "parent_id": version.parent_id,
        "author": version.author.email,
        "message": version.message,
        "format": version.fmt,
        "content_hash": version.content_hash,
        "created_at": version.created_at.isoformat() if version.created_at else None,
    }


__all__ = [
    "CURRENT",
    "StaleParentError",
    "edited_text",
    "saved",
    "upload_source",
    "upload_text",
    "version_record",
]
