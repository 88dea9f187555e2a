"""What each kind of background run computes, from which parameters, for which role.

Every kind calls the same public functions as its command, so the web and the CLI
cannot drift: ``risk`` is :func:`cscost._api.monte_carlo` (the Monte Carlo of
``cscost evaluate --risk``; its document is that command's ``risk`` key),
``sensitivity`` and ``breakeven`` are ``cscost sensitivity`` / ``cscost breakeven``
``--format json``, ``roster`` is ``cscost roster --format json``, and ``report`` is the
version's report download (PDF by default), cached where the download route finds it.

A kind's parameters are a small pydantic model: the page's form and the API's JSON are
checked by it, and its JSON (sorted keys) keys the cache of equal runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy.orm import Session

from cscost import __version__, _api
from cscost.io.tables.writers import json_text
from cscost.model import INHOUSE, Scenario
from cscost.report.roster_document import roster_document
from cscost.report.words import crossing_text
from cscost.store.models import Version
from cscost.web import results
from cscost.web.scenarios import validated

JSON = "application/json"


class JobStoppedError(Exception):
    """Raised from a run's progress report: the job was cancelled, or the server stops."""

    def __init__(self, requeue: bool) -> None:
        super().__init__("stopped")
        self.requeue = requeue


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RiskParams(_Params):
    """Monte Carlo: the seed and samples (default: the scenario's ``uncertainty``)."""

    seed: int | None = Field(None, ge=0)
    samples: int | None = Field(None, ge=1, le=1_000_000)


class NoParams(_Params):
    """A run without parameters (sensitivity)."""


class BreakevenParams(_Params):
    """The volume factors' grid: ``low`` … ``high`` in ``steps`` points."""

    low: float = Field(0.5, gt=0)
    high: float = Field(2.0, gt=0)
    steps: int = Field(16, ge=2, le=401)

    @model_validator(mode="after")
    def _ordered(self) -> BreakevenParams:
        if not self.low < self.high:
            raise ValueError(f"expected low < high, found {self.low} and {self.high}")
        return self


class RosterParams(_Params):
    """One queue's typical week in one month, as one provider works it."""

    queue: str = Field(min_length=1, max_length=100)
    month: str = Field(pattern=r"^\d{4}-\d{2}$")
    provider: str = Field(INHOUSE, min_length=1, max_length=100)


class ReportParams(_Params):
    """The report's format."""

    format: Literal["pdf", "xlsx", "html"] = "pdf"


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Run:
    """What a running job needs: its version, language, parameters and where to report."""

    version: Version
    lang: str
    params: dict[str, Any]
    progress: Progress
    cluster: _api.ClusterSettings | None
    data_dir: Path
    session: Callable[[], Session]

    def scenario(self) -> Scenario:
        """The version's scenario, validated."""
        version = self.version
        return validated(version.text, version.fmt, f"v{version.number}.{version.fmt}")


def _risk(run: Run) -> tuple[bytes, str]:
    scenario = run.scenario()
    risk = _api.monte_carlo(
        scenario,
        samples=run.params.get("samples"),
        seed=run.params.get("seed"),
        progress=run.progress,
        forecasted=_api.forecasts(scenario),
        cluster=run.cluster,
    )
    return json_text({"risk": risk.to_dict()}).encode(), JSON


def _sensitivity(run: Run) -> tuple[bytes, str]:
    tornado = _api.sensitivity(run.scenario())
    return json_text({"sensitivity": tornado.to_dict()}).encode(), JSON


def _breakeven(run: Run) -> tuple[bytes, str]:
    p = run.params
    result = _api.breakeven(run.scenario(), tuple(np.linspace(p["low"], p["high"], p["steps"])))
    doc = result.to_dict()
    for entry, crossing in zip(doc["crossings"], result.crossings, strict=True):
        entry["text"] = crossing_text(crossing, run.lang)
    return json_text({"breakeven": doc}).encode(), JSON


def _roster(run: Run) -> tuple[bytes, str]:
    p = run.params
    scenario = run.scenario()
    week = _api.queue_week(scenario, p["queue"], p["month"], p["provider"])
    roster = _api.roster(scenario, p["queue"], p["month"], p["provider"])
    doc = roster_document(roster, p["queue"], p["provider"], week.month)
    return json_text(doc).encode(), JSON


def _report(run: Run) -> tuple[bytes, str]:
    kind = run.params["format"]
    with run.session() as session:
        body = results.download(session, run.version, run.lang, kind, run.data_dir)
    # the body stays in the results cache (where the download route finds it): the job
    # keeps a reference, not a second copy
    reference = {"format": kind, "lang": run.lang, "bytes": len(body)}
    return json.dumps(reference).encode(), results.DOWNLOADS[kind]


@dataclass(frozen=True)
class Kind:
    """A kind of run: its parameters, the role that may start it, and its computation."""

    params: type[_Params]
    role: str
    compute: Callable[[Run], tuple[bytes, str]]
    worded: bool = False
    """Whether the result has sentences (its cache is per language)."""


KINDS: dict[str, Kind] = {
    "risk": Kind(RiskParams, "editor", _risk),
    "sensitivity": Kind(NoParams, "editor", _sensitivity),
    "breakeven": Kind(BreakevenParams, "editor", _breakeven, worded=True),
    "roster": Kind(RosterParams, "editor", _roster),
    "report": Kind(ReportParams, "viewer", _report, worded=True),
}
"""The kinds of background run. Computing runs need the editor role; a report may be
started by any member (a viewer could always download the reports)."""


class ParamsError(ValueError):
    """Parameters a kind refuses: the message names the field."""


def checked_params(kind: str, raw: dict[str, Any]) -> str:
    """The kind's parameters as sorted JSON (blank form fields dropped), or
    :class:`ParamsError`."""
    if kind not in KINDS:
        raise ParamsError(f"kind: expected one of {', '.join(KINDS)}, found {kind!r}")
    given = {k: v for k, v in raw.items() if v != "" and v is not None}
    try:
        params = KINDS[kind].params.model_validate(given)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or kind}: {e['msg']}" for e in exc.errors()
        )
        raise ParamsError(problems) from None
    return json.dumps(params.model_dump(), sort_keys=True)


def cache_key(version: Version, kind: str, params: str) -> str:
    """The key of a run's result in the results cache: content, cscost release, kind and
    parameters (equal runs of equal content share one result)."""
    text = f"{version.content_hash}:{__version__}:{kind}:{params}"
    return hashlib.sha256(text.encode()).hexdigest()


def cache_kind(kind: str) -> str:
    """The ``kind`` column of a run's cached result (``job-risk`` …)."""
    return f"job-{kind}"
