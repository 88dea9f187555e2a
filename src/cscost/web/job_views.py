"""What the version page shows of its background runs: the run forms, and each job with
its state, progress and result (a risk run's P10/P50/P90 per option, a break-even's
crossings, a roster's figures, a report's download link)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from cscost.errors import CscostError
from cscost.model import INHOUSE
from cscost.report import i18n
from cscost.store import jobs as store_jobs
from cscost.store.models import Version
from cscost.web.deps import Access
from cscost.web.scenarios import document


@dataclass(frozen=True)
class JobView:
    """One job as the page lists it."""

    id: int
    kind: str
    state: str
    done: int
    total: int
    params: dict[str, Any]
    error: str
    created: str
    can_cancel: bool
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def final(self) -> bool:
        """Whether the job has ended (done, failed or cancelled)."""
        return self.state in store_jobs.FINAL

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 while the total is unknown)."""
        return round(100 * self.done / self.total) if self.total else 0


def _labelled(result: dict[str, Any], lang: str) -> dict[str, Any]:
    """A sensitivity result with each bar's input worded (``label``) in ``lang``."""
    from cscost.report.charts import input_label

    language = i18n.lang(lang)
    for option in result.get("sensitivity", {}).get("options", []):
        for bar in option["bars"]:
            bar["label"] = input_label(bar["input"], language)
    return result


def _view(job: store_jobs.Job, access: Access, lang: str) -> JobView:
    result: dict[str, Any] = {}
    if job.state == "done" and job.result is not None and job.kind != "report":
        result = json.loads(job.result)
        if job.kind == "sensitivity":
            result = _labelled(result, lang)
    may_cancel = access.allows("editor") or job.started_by == access.user.id
    return JobView(
        id=job.id,
        kind=job.kind,
        state=job.state,
        done=job.done,
        total=job.total,
        params=json.loads(job.params),
        error=job.error,
        created=job.created_at.strftime("%Y-%m-%d %H:%M:%S") if job.created_at else "",
        can_cancel=may_cancel and job.state in ("queued", "running"),
        result=result,
    )


def _ids(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(i["id"]) for i in items if isinstance(i, dict) and "id" in i]


def roster_choices(version: Version) -> dict[str, list[str]]:
    """The queue and provider ids the roster form offers (from the version's text)."""
    try:
        data = document(version.text, version.fmt)
    except CscostError:  # a text the page cannot read offers no choices, never an error
        data = {}
    if not isinstance(data, dict):
        data = {}
    return {
        "queue_ids": _ids(data.get("queues")),
        "provider_ids": [INHOUSE, *_ids(data.get("vendors"))],
    }


def jobs_context(session: Session, access: Access, version: Version, lang: str) -> dict[str, Any]:
    """The version page's ``jobs`` (newest first, results worded in ``lang``), whether the
    user may start runs, and the roster form's choices."""
    found = store_jobs.version_jobs(session, version.id, 20)
    return {
        "jobs": [_view(j, access, lang) for j in found],
        "may_run": access.allows("editor"),
        **roster_choices(version),
    }
