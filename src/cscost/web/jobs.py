"""Background runs, the routes: start a job of a version, follow it, cancel it, get its
result — as JSON under ``/api`` (bearer token, or the page's session cookie for reads)
and as the version page's forms (session cookie and CSRF token).

Access (one check per job, :func:`job_of`): a job of a project the user is not a member
of answers 404 like a missing one. Any member sees a version's jobs and their results;
starting a computing run (risk, sensitivity, break-even, roster) needs the editor role,
a report any member (a viewer could always download reports); cancelling needs the
editor role or being the one who started it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from cscost.store import jobs as store_jobs
from cscost.store.audit import record_event
from cscost.store.jobs import Job
from cscost.store.models import User, Version
from cscost.web import job_kinds, results, signoff
from cscost.web.deps import (
    Access,
    Csrf,
    PageUser,
    PageVersion,
    SessionDep,
    access_of,
    api_user,
    signer,
    version_of,
)
from cscost.web.security import SESSION_COOKIE
from cscost.web.views import page_lang

router = APIRouter()


def _audited(session: Session, access: Access, action: str, detail: dict[str, Any]) -> None:
    """The one place where the jobs' events reach the audit trail, committed: ``action``
    is ``job_started``, ``job_cancelled`` or ``report_downloaded``."""
    record_event(
        session, project_id=access.project.id, actor=access.user.email, action=action,
        detail=detail,
    )  # fmt: skip
    session.commit()


async def reader(request: Request, session: SessionDep) -> User:
    """The user of the bearer token, else of the session cookie (for the page's poller);
    401 without either. Only reads use it: a cookie never starts or cancels through the
    API (the page's forms carry a CSRF token)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user_id = signer(request).token_user(header[7:].strip())
    else:
        user_id = signer(request).session_user(request.cookies.get(SESSION_COOKIE))
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise HTTPException(401, "sign in, or send a bearer token", {"WWW-Authenticate": "Bearer"})
    session.commit()
    return user


Reader = Annotated[User, Depends(reader)]


async def api_writer(request: Request, session: SessionDep) -> User:
    """The user of the bearer token (starting and cancelling through the API)."""
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not token:
        raise HTTPException(401, "send a bearer token", {"WWW-Authenticate": "Bearer"})
    return await api_user(request, session, token)


Writer = Annotated[User, Depends(api_writer)]


def job_of(session: Session, user: User, job_id: int) -> tuple[Access, Job]:
    """The job and its project's access for ``user``; 404 when either is not theirs."""
    job = session.get(Job, job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    try:
        return access_of(session, user, job.project_id), job
    except HTTPException:
        raise HTTPException(404, "no such job") from None


def job_document(job: Job) -> dict[str, Any]:
    """The JSON of a job: what, state, progress, times, error, and its result when done."""
    result: Any = None
    if job.state == "done" and job.result is not None and job.kind != "report":
        result = json.loads(job.result)

    def iso(moment: Any) -> str | None:
        return moment.isoformat() if moment is not None else None

    return {
        "id": job.id,
        "project_id": job.project_id,
        "version_id": job.version_id,
        "kind": job.kind,
        "params": json.loads(job.params),
        "lang": job.lang,
        "state": job.state,
        "progress": {"done": job.done, "total": job.total},
        "error": job.error,
        "attempts": job.attempts,
        "started_by": job.started_by,
        "created_at": iso(job.created_at),
        "started_at": iso(job.started_at),
        "finished_at": iso(job.finished_at),
        "result": result,
        "result_url": f"/api/jobs/{job.id}/result" if job.state == "done" else None,
        "download_url": (
            f"/jobs/{job.id}/download" if job.state == "done" and job.kind == "report" else None
        ),
    }


def started(
    request: Request,
    session: Session,
    access: Access,
    version: Version,
    kind: str,
    raw: dict[str, Any],
    lang: str,
) -> Job:
    """A new queued job of ``version`` (422 for bad parameters, 403 without the role)."""
    try:
        params = job_kinds.checked_params(kind, raw)
    except job_kinds.ParamsError as exc:
        raise HTTPException(422, str(exc)) from None
    access.require(job_kinds.KINDS[kind].role)
    samples = json.loads(params).get("samples") if kind == "risk" else None
    job = store_jobs.add_job(
        session,
        project_id=access.project.id,
        version_id=version.id,
        kind=kind,
        params=params,
        lang=lang,
        started_by=access.user.id,
        total=samples or 0,
    )
    _audited(session, access, "job_started", {"job": job.id, "kind": kind, "params": params})
    request.app.state.jobs.wake()
    return job


def cancel(request: Request, session: Session, access: Access, job: Job) -> None:
    """Cancel the job (403 without the right, 409 when it has ended)."""
    if not (access.allows("editor") or job.started_by == access.user.id):
        raise HTTPException(403, "only an editor or the one who started it may cancel a job")
    if not store_jobs.cancelled(session, job.id):
        raise HTTPException(409, f"the job has ended already ({job.state})")
    request.app.state.jobs.cancel(job.id)
    _audited(session, access, "job_cancelled", {"job": job.id, "kind": job.kind})


# -- the JSON API -------------------------------------------------------------------------


class NewJob(BaseModel):
    """A run to start: its kind and parameters."""

    kind: str
    params: dict[str, Any] = Field(default_factory=dict)
    lang: str = ""


@router.get("/api/versions/{version_id}/jobs")
def api_version_jobs(version_id: int, session: SessionDep, user: Reader) -> list[dict[str, Any]]:
    """The version's jobs, newest first."""
    _, version = version_of(session, user, version_id)
    return [job_document(j) for j in store_jobs.version_jobs(session, version.id)]


@router.post("/api/versions/{version_id}/jobs", status_code=202)
def api_start(
    request: Request, version_id: int, body: NewJob, session: SessionDep, user: Writer
) -> dict[str, Any]:
    """Queue a run of the version; 202 with the job (follow it at ``/api/jobs/{id}``)."""
    access, version = version_of(session, user, version_id)
    lang = body.lang if body.lang in ("en", "zh") else page_lang(request, user)
    return job_document(started(request, session, access, version, body.kind, body.params, lang))


@router.get("/api/jobs/{job_id}")
def api_job(job_id: int, session: SessionDep, user: Reader) -> dict[str, Any]:
    """The job: state, progress, error, and its result once done."""
    _, job = job_of(session, user, job_id)
    return job_document(job)


@router.get("/api/jobs/{job_id}/result")
def api_result(request: Request, job_id: int, session: SessionDep, user: Reader) -> Response:
    """The result of a done job as it was made (JSON; a report's file); 409 before."""
    access, job = job_of(session, user, job_id)
    return _result(request, session, access, job)


@router.post("/api/jobs/{job_id}/cancel")
def api_cancel(request: Request, job_id: int, session: SessionDep, user: Writer) -> dict[str, Any]:
    """Cancel a queued job at once, a running one at its next chunk; the job."""
    access, job = job_of(session, user, job_id)
    cancel(request, session, access, job)
    session.refresh(job)
    return job_document(job)


def _result(request: Request, session: Session, access: Access, job: Job) -> Response:
    if job.state != "done" or job.result is None:
        raise HTTPException(409, f"the job has no result ({job.state})")
    if job.kind != "report":
        return Response(job.result, media_type=job.media_type)
    fmt = json.loads(job.params)["format"]
    version = session.get(Version, job.version_id)
    assert version is not None  # the job's version: deleted with it
    body = signoff.report_body(session, version, job.lang, fmt, request.app.state.data_dir)
    _audited(
        session, access, "report_downloaded",
        {"version_id": version.id, "number": version.number, "kind": fmt, "lang": job.lang,
         "job": job.id},
    )  # fmt: skip
    name = f"report-{access.project.id}-v{version.number}-{job.lang}.{fmt}"
    return Response(
        body,
        media_type=results.DOWNLOADS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- the page's forms ---------------------------------------------------------------------


@router.post("/versions/{version_id}/jobs", dependencies=[Csrf], include_in_schema=False)
async def page_start(request: Request, found: PageVersion, session: SessionDep) -> Response:
    """The version page's run forms: queue the run, back to the page's runs."""
    access, version = found
    form = await request.form()
    raw = {k: v for k, v in form.items() if k not in ("csrf_token", "kind") and isinstance(v, str)}
    kind = form.get("kind")
    job = started(
        request,
        session,
        access,
        version,
        kind if isinstance(kind, str) else "",
        raw,
        page_lang(request, access.user),
    )
    return RedirectResponse(f"/versions/{version.id}#job-{job.id}", 303)


@router.post("/jobs/{job_id}/cancel", dependencies=[Csrf], include_in_schema=False)
def page_cancel(request: Request, job_id: int, session: SessionDep, user: PageUser) -> Response:
    """The cancel button of a job on the version page."""
    access, job = job_of(session, user, job_id)
    cancel(request, session, access, job)
    return RedirectResponse(f"/versions/{job.version_id}#job-{job.id}", 303)


@router.get("/jobs/{job_id}/download", include_in_schema=False)
def page_download(request: Request, job_id: int, session: SessionDep, user: PageUser) -> Response:
    """The file of a done report job."""
    access, job = job_of(session, user, job_id)
    return _result(request, session, access, job)
