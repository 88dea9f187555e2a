"""Sign-off: an owner approves a version as the project's baseline (or withdraws the
approval); both are recorded. The reports of an approved version say so: the HTML report
(download and the page's frame) and the PDF carry a banner, the XLSX a first sheet,
"Approved baseline, approved by X on DATE" in the report's language (web words: the core
and the report writers are unchanged).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import RedirectResponse, Response
from markupsafe import escape
from sqlalchemy.orm import Session

from cscost.store.audit import as_utc, record_event
from cscost.store.models import Version
from cscost.store.signoff import Approval, approve, baseline_of, withdraw
from cscost.web import results
from cscost.web.deps import Access, ApiVersion, Csrf, PageVersion, SessionDep
from cscost.web.views import word

router = APIRouter()


def approval_line(approval: Approval, lang: str) -> str:
    """ "Approved baseline, approved by X on DATE" in ``lang``."""
    date = as_utc(approval.approved_at).strftime("%Y-%m-%d")
    return word("approved_banner", lang).format(who=approval.approver.email, date=date)


def approval_of(session: Session, version: Version) -> Approval | None:
    """The current approval of ``version``, or None."""
    baseline = baseline_of(session, version.project_id)
    return baseline if baseline is not None and baseline.version_id == version.id else None


def version_context(session: Session, version: Version, lang: str) -> dict[str, Any]:
    """The sign-off facts of the version page: its approval line, or the baseline it
    follows (a later version is "after approval"), and the baseline's number."""
    baseline = baseline_of(session, version.project_id)
    line = approval_line(baseline, lang) if baseline else ""
    return {
        "approved": bool(baseline and baseline.version_id == version.id),
        "approval_line": line,
        "baseline_number": baseline.version.number if baseline else None,
        "after_baseline": bool(baseline and version.number > baseline.version.number),
    }


def _banner(line: str) -> bytes:
    style = (
        "margin:0 0 1em;padding:.6em 1em;border:2px solid #1a7f37;background:#e9f7ee;"
        "color:#0b4f20;font-weight:bold"
    )
    return (
        f'<div class="approved-baseline" role="note" style="{style}">{escape(line)}</div>'.encode()
    )


def stamped_html(body: bytes, line: str) -> bytes:
    """The HTML report with the approval banner first in its body."""
    found = re.search(rb"<body[^>]*>", body)
    at = found.end() if found else 0
    return body[:at] + _banner(line) + body[at:]


def stamped_xlsx(body: bytes, line: str, lang: str) -> bytes:
    """The XLSX report with a first sheet that states the approval."""
    import io

    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = book.create_sheet(word("approval_sheet", lang), 0)
    sheet["A1"] = line
    sheet["A1"].font = openpyxl.styles.Font(bold=True, color="0B4F20")
    sheet.column_dimensions["A"].width = max(40, len(line) + 4)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _approved_pdf(version: Version, lang: str, line: str, data_dir: Path) -> bytes:
    from cscost.report import i18n
    from cscost.report.html import render_html
    from cscost.report.pdf import chromium_path, print_pdf

    chromium_path()
    scenario, evaluation = results.EVALUATIONS.get(version)
    page = render_html(evaluation, scenario, i18n.lang(lang), for_print=True).encode()
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="report-") as folder:
        html_path = Path(folder) / "report.html"
        html_path.write_bytes(stamped_html(page, line))
        pdf_path = Path(folder) / "report.pdf"
        print_pdf(html_path, pdf_path)
        return pdf_path.read_bytes()


def report_body(session: Session, version: Version, lang: str, kind: str, data_dir: Path) -> bytes:
    """A download of the version (:func:`cscost.web.results.download`), stamped with its
    approval when it is the approved baseline."""
    approval = approval_of(session, version)
    if approval is None or kind == "csv":
        return results.download(session, version, lang, kind, data_dir)
    line = approval_line(approval, lang)
    if kind == "pdf":
        return _approved_pdf(version, lang, line, data_dir)
    body = results.download(session, version, lang, kind, data_dir)
    return stamped_html(body, line) if kind == "html" else stamped_xlsx(body, line, lang)


def view_stamp(session: Session, version: Version, lang: str) -> str:
    """The approval line of the report frame ("" when not approved)."""
    approval = approval_of(session, version)
    return approval_line(approval, lang) if approval is not None else ""


def stamp_tag(line: str) -> str:
    """A suffix of the report frame's ETag that changes with its approval line."""
    return f"-{hashlib.sha256(line.encode()).hexdigest()[:12]}" if line else ""


def approved(session: Session, access: Access, version: Version) -> Approval:
    """Approve ``version`` as the baseline (owners only), recorded, committed."""
    access.require("owner")
    approval, earlier = approve(session, version, access.user)
    if earlier is not None and earlier.version_id != version.id:
        _record(session, access, "approval_withdrawn", earlier.version, superseded_by=version.id)
    _record(session, access, "version_approved", version)
    session.commit()
    return approval


def withdrawn(session: Session, access: Access, version: Version) -> None:
    """Withdraw the version's approval (owners only), recorded, committed."""
    access.require("owner")
    approval = approval_of(session, version)
    if approval is None:
        raise HTTPException(422, f"version {version.number} is not the approved baseline")
    withdraw(session, approval, access.user)
    _record(session, access, "approval_withdrawn", version)
    session.commit()


def _record(
    session: Session, access: Access, action: str, version: Version, **more: object
) -> None:
    detail: dict[str, object] = {"version_id": version.id, "number": version.number, **more}
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action=action,
        detail=detail,
    )


@router.post("/versions/{version_id}/approve", dependencies=[Csrf], include_in_schema=False)
def approve_page(found: PageVersion, session: SessionDep) -> Response:
    """Approve the version as the project's baseline (owners only)."""
    approved(session, *found)
    return RedirectResponse(f"/versions/{found[1].id}", 303)


@router.post("/versions/{version_id}/withdraw", dependencies=[Csrf], include_in_schema=False)
def withdraw_page(found: PageVersion, session: SessionDep) -> Response:
    """Withdraw the version's approval (owners only)."""
    withdrawn(session, *found)
    return RedirectResponse(f"/versions/{found[1].id}", 303)


def _record_of(session: Session, version: Version) -> dict[str, Any]:
    approval = approval_of(session, version)
    baseline = baseline_of(session, version.project_id)
    return {
        "version_id": version.id,
        "approved": approval is not None,
        "approved_by": approval.approver.email if approval else None,
        "approved_at": as_utc(approval.approved_at).isoformat() if approval else None,
        "baseline_version_id": baseline.version_id if baseline else None,
    }


@router.get("/api/versions/{version_id}/approval", tags=["api"])
def approval_api(found: ApiVersion, session: SessionDep) -> dict[str, Any]:
    """Whether the version is the approved baseline, by whom and when."""
    return _record_of(session, found[1])


@router.post("/api/versions/{version_id}/approve", tags=["api"])
def approve_api(found: ApiVersion, session: SessionDep) -> dict[str, Any]:
    """Approve the version as the project's baseline (owners only)."""
    approved(session, *found)
    return _record_of(session, found[1])


@router.post("/api/versions/{version_id}/withdraw", tags=["api"])
def withdraw_api(found: ApiVersion, session: SessionDep) -> dict[str, Any]:
    """Withdraw the version's approval (owners only)."""
    withdrawn(session, *found)
    return _record_of(session, found[1])


def downloaded(session: Session, access: Access, version: Version, kind: str, lang: str) -> None:
    """Record a report download (``report_downloaded``), committed."""
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="report_downloaded",
        detail={"version_id": version.id, "number": version.number, "kind": kind, "lang": lang},
    )
    session.commit()
