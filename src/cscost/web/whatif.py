"""The what-if page: sliders for volume, AHT, FX and each vendor's rates that recompute
the ranking and the charts at once, and "save as version".

A move is answered by :class:`cscost.evaluate.whatif.WhatIf`, built once per scenario
content and kept in memory (:class:`_Models`): quick (the staffing surrogate, a few tens
of milliseconds) while a slider moves, exact (evaluate's own code) when it stops. Saving
writes the multipliers into the scenario text as its ``adjustments`` section
(:mod:`cscost.io.scenario.adjust_text`, every other line kept) as a new version whose
parent is the version the what-if started from.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from cscost import _api
from cscost.errors import CscostError
from cscost.evaluate.whatif import WhatIf
from cscost.io.scenario.adjust_text import adjustments_data, scenario_with_adjustments
from cscost.model.adjust import Adjustments
from cscost.store.audit import record_event
from cscost.store.models import Version
from cscost.web.deps import Access, ApiVersion, Csrf, PageVersion, SessionDep
from cscost.web.memo import ContentMemo
from cscost.web.saving import StaleParentError, saved
from cscost.web.scenarios import ScenarioText, validated
from cscost.web.views import render

router = APIRouter()


def _model(version: Version) -> WhatIf:
    """The what-if model of the version, its AHT steps then built in the background."""
    scenario = validated(version.text, version.fmt, f"v{version.number}.{version.fmt}")
    model = _api.whatif(scenario)
    threading.Thread(target=_prepared, args=(model,), daemon=True).start()
    return model


IDLE_S = 0.4
"""The background build of AHT steps waits until no move came for this long: a build
holds the interpreter for a quarter second or more, which a dragged slider would feel."""


def _prepared(model: WhatIf) -> None:
    """Every AHT step's tables built in the background, between moves; a failure is left
    to the move that asks for that step."""
    for k in model.steps_nearest_first():
        while (idle := time.monotonic() - model.last_move) < IDLE_S:
            time.sleep(IDLE_S - idle)
        with contextlib.suppress(CscostError):
            model.models(k)


MODELS: ContentMemo[WhatIf] = ContentMemo(4)
"""The what-if models of the last few scenario contents, each built once."""


def model_of(version: Version) -> WhatIf:
    """The what-if model of the version's content (built on first use, then kept)."""
    return MODELS.get(version.content_hash, lambda: _model(version))


class Move(BaseModel):
    """A what-if point as the API takes it (multipliers; the AHT goes to its 5 % step)."""

    volume: float = Field(default=1.0, gt=0)
    aht: float = Field(default=1.0, gt=0)
    fx: dict[str, float] = Field(default_factory=dict)
    rates: dict[str, float] = Field(default_factory=dict)
    exact: bool = False

    def adjustments(self) -> Adjustments:
        """The multipliers as the scenario's ``adjustments`` (ValidationError when one is
        out of the contract's bounds)."""
        return Adjustments(volume=self.volume, aht=self.aht, fx=self.fx, rates=self.rates)


def _answer(version: Version, move: Move) -> dict[str, Any]:
    try:
        return model_of(version).result(move.adjustments(), exact=move.exact).to_dict()
    except ValidationError as exc:
        raise HTTPException(422, exc.errors(include_url=False)[0]["msg"]) from None
    except CscostError as exc:
        raise HTTPException(422, str(exc)) from None


def _move_of(query: Mapping[str, Any]) -> Move:
    """The move of the page's query or form: volume, aht_step, fx.CUR, rate.VENDOR, exact."""
    query = {k: v for k, v in query.items() if isinstance(v, str)}
    try:
        return Move(
            volume=float(query.get("volume", "1")),
            aht=WhatIf.aht_of_step(int(query.get("aht_step", "0"))),
            fx={k[3:]: float(v) for k, v in query.items() if k.startswith("fx.")},
            rates={k[5:]: float(v) for k, v in query.items() if k.startswith("rate.")},
            exact=query.get("exact") == "1",
        )
    except (ValueError, OverflowError, ValidationError):
        raise HTTPException(422, "what-if: multipliers must be positive numbers") from None


@router.post("/api/versions/{version_id}/whatif")
async def whatif_api(found: ApiVersion, move: Move) -> dict[str, Any]:
    """Every option's total, NPV, rank and monthly cost at the multipliers: quick (the
    staffing surrogate) or ``exact`` (equal to ``evaluate`` of the adjusted scenario)."""
    return await run_in_threadpool(_answer, found[1], move)


@router.get("/versions/{version_id}/whatif/result", include_in_schema=False)
async def whatif_result(request: Request, found: PageVersion) -> dict[str, Any]:
    """The page's move (session cookie; it changes nothing, so a GET)."""
    return await run_in_threadpool(_answer, found[1], _move_of(request.query_params))


@router.get("/versions/{version_id}/whatif", include_in_schema=False)
async def whatif_page(request: Request, found: PageVersion) -> Response:
    """The sliders, the ranking and the charts, starting at the version's own point."""
    access, version = found
    try:
        model = await run_in_threadpool(model_of, version)
        error = ""
    except CscostError as exc:
        model, error = None, str(exc)
    start = model.start if model is not None else Adjustments()
    (lo, hi), steps = WhatIf.volume_range, WhatIf.steps
    context = {
        "access": access,
        "project": access.project,
        "version": version,
        "error": error,
        "volume": {"min": lo, "max": hi, "value": start.volume},
        "aht": {"min": steps[0], "max": steps[-1], "value": WhatIf.aht_step(start.aht)},
        "currencies": [(c, start.fx.get(c, 1.0)) for c in (model.currencies if model else ())],
        "vendors": [
            (v.id, v.display_name, start.rates.get(v.id, 1.0))
            for v in (model.base.vendors if model else ())
        ],
        "can_save": access.allows("editor"),
    }
    return render(request, "whatif.html", context, access.user)


@router.post("/versions/{version_id}/whatif/save", dependencies=[Csrf], include_in_schema=False)
async def save_whatif(request: Request, found: PageVersion, session: SessionDep) -> Response:
    """A new version: this one's text with the what-if's ``adjustments`` section (the
    form carries the sliders' position and a message)."""
    access, version = found
    access.require("editor")
    form = await request.form()
    move = _move_of(form)
    message = str(form.get("message") or "")[:500]
    new = await run_in_threadpool(_saved_whatif, session, access, version, move, message)
    return RedirectResponse(f"/versions/{new.id}", 303)


def _saved_whatif(
    session: Session, access: Access, version: Version, move: Move, message: str
) -> Version:
    try:
        point = model_of(version).point(move.adjustments())
        text = scenario_with_adjustments(version.text, version.fmt, point, "scenario")
        validated(text, version.fmt, f"v{version.number}.{version.fmt}")
    except (CscostError, ValidationError) as exc:
        raise HTTPException(422, str(exc)) from None
    try:
        new = saved(
            session,
            access,
            ScenarioText(text, version.fmt),
            message or f"what-if of v{version.number}",
            version.id,
            source="whatif",
        )
    except StaleParentError:
        raise HTTPException(
            409, "a newer version exists: open the what-if of the latest version to save one"
        ) from None
    record_event(
        session,
        project_id=access.project.id,
        actor=access.user.email,
        action="whatif_saved",
        detail={
            "version_id": new.id,
            "number": new.number,
            "from_number": version.number,
            "adjustments": adjustments_data(point) or {},
        },
    )
    session.commit()
    return new
