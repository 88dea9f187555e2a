"""The result pages: a version's report in the browser (ranking, charts, fees, audit
questions, plan), its downloads, the comparison of two versions, the language switch.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from cscost.errors import CscostError
from cscost.web import results, signoff
from cscost.web.deps import Csrf, PageUser, PageVersion, SessionDep, version_of
from cscost.web.job_views import jobs_context
from cscost.web.views import page_lang, render

router = APIRouter(include_in_schema=False)


@router.get("/versions/{version_id}")
async def version_page(request: Request, found: PageVersion, session: SessionDep) -> Response:
    """A version: its facts, the downloads, and its result (the report view below)."""
    access, version = found
    lang = page_lang(request, access.user)
    error = ""
    ranked: dict[str, Any] = {"options": [], "currency": ""}
    try:
        body = results.in_memory(version, lang, "ranking")
        ranked = (
            json.loads(body)
            if body is not None
            else await run_in_threadpool(results.ranking, session, version, lang)
        )
    except CscostError as exc:
        error = str(exc)
    context = {
        "access": access,
        "project": access.project,
        "version": version,
        "error": error,
        "ranking": ranked["options"],
        "currency": ranked["currency"],
        "kinds": list(results.DOWNLOADS),
        **jobs_context(session, access, version, lang),
        **signoff.version_context(session, version, lang),
    }
    return render(request, "version.html", context, access.user)


@router.get("/versions/{version_id}/view")
async def version_view(request: Request, found: PageVersion, session: SessionDep) -> Response:
    """The report of the version as an HTML page (shown in the version page's frame)."""
    access, version = found
    lang = page_lang(request, access.user)
    stamp = signoff.view_stamp(session, version, lang)
    tag = f'"{results.result_key(version)[:32]}-{lang}{signoff.stamp_tag(stamp)}"'
    headers = {"X-Frame-Options": "SAMEORIGIN", "Cache-Control": "private, no-cache", "ETag": tag}
    if request.headers.get("if-none-match") == tag:  # the browser's copy is this result
        return Response(status_code=304, headers=headers)
    try:
        body = results.in_memory(version, lang, "view") or await run_in_threadpool(
            results.result_page, session, version, lang
        )
    except CscostError as exc:
        raise HTTPException(422, str(exc)) from None
    if stamp and body is not None:
        body = signoff.stamped_html(body, stamp)
    return Response(body, media_type="text/html; charset=utf-8", headers=headers)


@router.get("/versions/{version_id}/download/{kind}")
def download(request: Request, found: PageVersion, session: SessionDep, kind: str) -> Response:
    """The HTML, XLSX or PDF report, or the bill CSV, as an attachment."""
    access, version = found
    if kind not in results.DOWNLOADS:
        raise HTTPException(404, "no such download")
    lang = page_lang(request, access.user)
    try:
        body = signoff.report_body(session, version, lang, kind, request.app.state.data_dir)
    except CscostError as exc:
        raise HTTPException(422, str(exc)) from None
    signoff.downloaded(session, access, version, kind, lang)
    stem = "bill" if kind == "csv" else "report"
    name = f"{stem}-{access.project.id}-v{version.number}-{lang}.{kind}"
    return Response(
        body,
        media_type=results.DOWNLOADS[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/compare")
def compare_page(request: Request, session: SessionDep, user: PageUser, a: int, b: int) -> Response:
    """Two versions side by side: total, NPV and FTE per option, the difference, and the
    inputs that changed."""
    access, first = version_of(session, user, a)
    _, second = version_of(session, user, b)
    lang = page_lang(request, user)
    try:
        data = results.comparison(session, first, second, lang)
    except CscostError as exc:
        raise HTTPException(422, str(exc)) from None
    context = {"project": access.project, "a": first, "b": second, **data}
    return render(request, "compare.html", context, user)


@router.post("/settings/lang", dependencies=[Csrf])
def set_lang(
    session: SessionDep,
    user: PageUser,
    lang: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/projects",
) -> Response:
    """Switch the user's page and report language (en or zh)."""
    if lang not in ("en", "zh"):
        raise HTTPException(422, "lang: expected en or zh")
    user.lang = lang
    session.add(user)
    session.commit()
    target = next if next.startswith("/") and not next.startswith("//") else "/projects"
    return RedirectResponse(target, 303)
