"""Queues: streams of contacts handled the same way (channel × language × tier).

Checks that need other sections (volume list length against ``months``, intraday
length against ``interval_minutes``, targets against the channel) live in
:mod:`cscost.model.checks` so they can name the precise field.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cscost.model.base import Contract, Duration, Fraction, Identifier, PositiveDuration
from cscost.model.bounds import MAX_VOLUME
from cscost.model.holiday import QueueHoliday
from cscost.model.hours import OpeningHours

Channel = Literal["voice", "chat", "messaging", "email", "backoffice"]
REAL_TIME_CHANNELS: frozenset[str] = frozenset({"voice", "chat", "messaging"})
DEFERRED_CHANNELS: frozenset[str] = frozenset({"email", "backoffice"})
CONCURRENT_CHANNELS: frozenset[str] = frozenset({"chat", "messaging"})


class Volume(Contract):
    """Monthly volume: give exactly one of ``monthly``, ``values`` or ``forecast``.

    ``monthly``: V[i] = monthly × (1 + growth)^(i/12) × seasonality[calendar month of i].
    ``values``: one volume per month of the horizon.
    ``forecast``: a history CSV to forecast from (relative to the scenario file).
    """

    monthly: float | None = Field(default=None, ge=0, le=MAX_VOLUME)
    """Contacts per month at the start, before growth and seasonality."""
    growth: float = Field(default=0.0, gt=-1, le=10)
    """Annual growth rate (0.06 = +6 % a year), compounded monthly as (1+g)^(i/12)."""
    seasonality: tuple[Annotated[float, Field(ge=0, le=100)], ...] | None = Field(
        default=None, min_length=12, max_length=12
    )
    """Twelve factors, January … December, multiplied as given (not renormalised)."""
    values: tuple[Annotated[float, Field(ge=0, le=MAX_VOLUME)], ...] | None = None
    """Explicit contacts per month: exactly `months` numbers."""
    forecast: Path | None = None
    """History CSV (date, volume per queue); relative paths are relative to the scenario file."""

    @field_validator("forecast")
    @classmethod
    def _relative_to_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        """A path inside the scenario's folder (``base_dir`` of the validation context).

        Refused: any file reference when the context says ``allow_files=False`` (the web
        app), an absolute path, and a path that leaves the folder (``..``, a symlink).
        """
        if value is None:
            return None
        context = info.context if isinstance(info.context, dict) else {}
        if not context.get("allow_files", True):
            raise PydanticCustomError(
                "file_reference",
                "file references are not allowed here; give the volume as `monthly` or `values`",
            )
        if value.is_absolute() or value.anchor:
            raise PydanticCustomError(
                "file_reference",
                "an absolute path is not allowed; give the history CSV's path relative to "
                "the scenario file, inside its folder",
            )
        base = Path(context.get("base_dir") or ".")
        joined = base / value
        try:
            inside = joined.resolve().is_relative_to(base.resolve())
        except (OSError, RuntimeError):  # a symlink loop
            inside = False
        if ".." in value.parts or not inside:
            raise PydanticCustomError(
                "file_reference",
                "the path leaves the scenario's folder; put the history CSV beside the "
                "scenario file or below it",
            )
        return joined if context.get("base_dir") is not None else value

    @model_validator(mode="after")
    def _one_form(self) -> Volume:
        given = [k for k in ("monthly", "values", "forecast") if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "volume_kind",
                "give exactly one of `monthly`, `values` or `forecast` (found {found})",
                {"found": ", ".join(given) or "none"},
            )
        if self.monthly is None and (self.growth != 0 or self.seasonality is not None):
            raise PydanticCustomError(
                "volume_kind", "`growth` and `seasonality` go with `monthly` only"
            )
        return self

    @property
    def kind(self) -> Literal["monthly", "values", "forecast"]:
        """Which of the three forms this volume uses."""
        if self.values is not None:
            return "values"
        return "forecast" if self.forecast is not None else "monthly"


class Target(Contract):
    """Service target: ``answer_within`` (+ ``asa``) for real-time, ``respond_within`` else."""

    answer_within_s: Duration | None = Field(default=None, alias="answer_within")
    """Real-time: answer `level` of contacts within this time (e.g. 20s; 0s = at once)."""
    respond_within_s: PositiveDuration | None = Field(default=None, alias="respond_within")
    """Deferred (email, backoffice): respond to `level` of contacts within this time (24h)."""
    level: float = Field(gt=0, lt=1)
    """Share of contacts to meet the time, strictly between 0 and 1 (0.80 = 80 %)."""
    max_asa_s: PositiveDuration | None = Field(default=None, alias="asa")
    """Optional ceiling on the average speed of answer (real-time only)."""


def _intraday(value: Any) -> str | tuple[float, ...]:
    if value in ("default", "flat"):
        return str(value)
    if isinstance(value, list | tuple) and value:
        out: list[float] = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int | float):
                break
            if not math.isfinite(item) or item < 0:
                break
            out.append(float(item))
        else:
            return tuple(out)
    raise PydanticCustomError(
        "intraday",
        "expected `default`, `flat`, or a list of weights ≥ 0, one per interval of the day",
    )


Intraday = Annotated[
    str | tuple[float, ...],
    PlainValidator(_intraday),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": ["default", "flat"]},
                {"type": "array", "items": {"type": "number", "minimum": 0}},
            ],
            "description": "`default` (the channel's curve), `flat`, or one weight per "
            "interval of the day (96 at 15 min, 48 at 30 min, 24 at 60 min).",
        }
    ),
]


class Pattern(Contract):
    """Weekly and intraday arrival pattern; omitted parts use the channel's defaults."""

    weekdays: tuple[Annotated[float, Field(ge=0)], ...] | None = Field(
        default=None, min_length=7, max_length=7
    )
    """Seven relative weights, Monday … Sunday (only their ratios matter)."""
    intraday: Intraday = "default"
    """`default` (the channel's curve), `flat` (even over open intervals), or weights."""


class Queue(Contract):
    """One stream of contacts handled the same way: channel × language × tier."""

    id: Identifier
    """Unique id, referenced by options and fee filters."""
    channel: Channel
    """voice, chat, messaging (real-time); email, backoffice (deferred)."""
    language: Identifier
    """Language code of the contacts (e.g. zh, en)."""
    tier: Identifier = "general"
    """Skill tier; in-house agent cost and tiered rates are looked up by it."""
    volume: Volume
    """Monthly contact volume."""
    aht_s: PositiveDuration = Field(alias="aht")
    """Average handle time per contact (talk + hold + wrap), e.g. 320s or 5m."""
    concurrency: float = Field(default=1.0, ge=1)
    """Contacts an agent handles at once (chat, messaging only); 1 for other channels."""
    hours: OpeningHours = Field(default_factory=lambda: OpeningHours.parse("24/7"))
    """Opening hours in the scenario's time zone; default 24/7."""
    target: Target
    """Service target (answer_within for real-time, respond_within for deferred)."""
    patience_s: PositiveDuration | None = Field(default=None, alias="patience")
    """Mean patience before abandoning (real-time); given → Erlang A, else Erlang C."""
    fcr: Fraction | None = None
    """First-contact resolution rate of the in-house team on this queue."""
    shrinkage: float | None = Field(default=None, ge=0, lt=1)
    """Overrides workforce.shrinkage for this queue."""
    max_occupancy: float | None = Field(default=None, gt=0, le=1)
    """Overrides workforce.max_occupancy for this queue."""
    min_agents: int | None = Field(default=None, ge=0)
    """Overrides workforce.min_agents (agents in every open interval)."""
    pattern: Pattern | None = None
    """Arrival pattern; None = the channel's default weekly and intraday curves."""
    holiday: QueueHoliday | None = None
    """Volume and hours on public holidays (scenario.holidays); none: as on any day."""

    @property
    def real_time(self) -> bool:
        """Voice, chat and messaging are staffed with Erlang; email and backoffice are deferred."""
        return self.channel in REAL_TIME_CHANNELS
