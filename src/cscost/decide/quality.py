"""Quality beside price: repeat contacts, the KPIs each quote promises, the SL staffing reaches.

**Repeat contacts** (``quality.repeat_contacts: true``). A contact that is not resolved
at first contact comes back once: a provider with first-contact resolution f handles
``2 − f`` contacts per customer issue (one repeat per unresolved contact; repeats of
repeats are ignored, as customers give up or escalate — the geometric model ``1/f``
would assume they never do). A queue's volume is what the company sees today, at the
queue's own ``fcr`` f₀, so it holds I = V / (2 − f₀) issues, and a provider with FCR f
handles

    V′ = V × (2 − f) / (2 − f₀)

contacts: in-house (f = f₀) is unchanged, a vendor with a lower FCR handles more
contacts and is staffed and billed for them. Without a queue ``fcr`` the volume is taken
as issues (f₀ = 1); without a provider FCR the part is left unchanged. The factor
multiplies the part's interval volumes before staffing (``option_parts(volume_factor=)``).

**Achieved service level** of a real-time part: the service level its planned agents
reach (:func:`cscost.staffing.achieved.service_levels`, ``queue_metrics``' own) on
every interval of each month's typical week (Erlang C, or Erlang A with patience),
weighted by the interval's contacts in the month (interval volume × count of that
weekday in the month). A deferred part is staffed to its response target by
construction, so its achieved level is the target level.

**Quality index** of an option (0…1, higher is better): per part, the mean of the
figures known for its provider — FCR, CSAT and QA score as stated (in-house: the
queue's FCR), and the achieved SL relative to the target, min(achieved / target, 1) —
then the volume-weighted mean over the parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue
from cscost.evaluate.evaluation import (
    Evaluation,
    OptionResult,
    cost_totals,
    npv,
    priced_options,
)
from cscost.evaluate.parts import Part, Staffer
from cscost.model import INHOUSE, Scenario
from cscost.staffing.achieved import service_levels


def option_costs(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None = None,
    *,
    volume_scale: float = 1.0,
    names: Sequence[str] | None = None,
    staffer: Staffer | None = None,
    volumes: Mapping[str, Array] | None = None,
) -> dict[str, tuple[float, float]]:
    """Option name → (total, NPV), every queue's volume × ``volume_scale``, exact staffing.

    ``staffer``, shared by the calls of one analysis, solves each distinct interval once
    and keeps the costs it priced (:meth:`Staffer.costs`): an option asked again on equal
    volumes of the same scenario is not priced again. ``volumes``, when given, are
    :func:`scaled_volumes` already made (the scale unread).
    """
    if volumes is None:
        volumes = scaled_volumes(interval_volumes_by_queue(scenario, forecasts), volume_scale)
    known = {} if staffer is None else staffer.costs(scenario, volumes)
    wanted = [o.name for o in scenario.resolved_options() if names is None or o.name in names]
    if missing := [name for name in wanted if name not in known]:
        for option, _, priced in priced_options(scenario, volumes, missing, staffer):
            total, monthly = cost_totals(scenario, priced)
            known[option.name] = (total, npv(monthly, scenario.scenario.discount_rate))
    return {name: known[name] for name in wanted}


def scaled_volumes(volumes: Mapping[str, Array], scale: float) -> dict[str, Array]:
    """Every queue's interval volumes × ``scale``."""
    return {q: v * scale for q, v in volumes.items()}


def achieved_service_level(scenario: Scenario, part: Part) -> float:
    """Volume-weighted SL its planned agents reach (deferred: the target level)."""
    settings = scenario.queue_settings(part.queue_id, part.provider)
    if not settings.real_time or settings.answer_within_s is None:
        return settings.level
    volume, agents = part.plan.interval_volume, part.plan.agents  # made once (remade on read)
    months = volume.shape[0]
    aht = np.broadcast_to(part.usage.aht_s[:months, None, None], volume.shape)
    level = service_levels(  # queue_metrics(…).service_level, without the ASA
        agents,
        volume,
        scenario.scenario.interval_minutes * 60.0,
        aht,
        settings.answer_within_s,
        patience_s=settings.patience_s,
        concurrency=settings.concurrency,
    )
    counts = scenario.horizon.weekday_counts.astype(float)[:, :, None]
    weights = volume * counts
    total = float(weights.sum())
    if total <= 0:
        return 1.0
    return float((level * weights).sum() / total)


@dataclass(frozen=True)
class PartQuality:
    """One part of an option: the KPIs its provider promises beside the SL it reaches."""

    provider: str
    queue: str  # the part's label
    contacts: float
    target_level: float
    achieved_level: float
    promised_level: float | None
    fcr: float | None
    csat: float | None
    qa_score: float | None

    @property
    def index(self) -> float:
        """Mean of FCR, CSAT, QA (those known) and min(achieved / target SL, 1)."""
        figures = [x for x in (self.fcr, self.csat, self.qa_score) if x is not None]
        figures.append(min(self.achieved_level / self.target_level, 1.0))
        return sum(figures) / len(figures)


@dataclass(frozen=True)
class OptionQuality:
    """The quality figures of one option."""

    option: str
    cost_per_resolved_contact: float | None
    parts: tuple[PartQuality, ...]

    def _weighted(self, values: Sequence[tuple[float | None, float]]) -> float | None:
        known = [(v, w) for v, w in values if v is not None]
        weight = sum(w for _, w in known)
        if not known or weight <= 0:
            return None
        return sum(v * w for v, w in known) / weight

    @property
    def index(self) -> float:
        """Volume-weighted mean of the parts' quality indices."""
        value = self._weighted([(p.index, p.contacts) for p in self.parts])
        return value if value is not None else float("nan")

    @property
    def achieved_level(self) -> float | None:
        """Volume-weighted achieved service level over the parts."""
        return self._weighted([(p.achieved_level, p.contacts) for p in self.parts])

    @property
    def fcr(self) -> float | None:
        """Volume-weighted FCR over the parts that state one."""
        return self._weighted([(p.fcr, p.contacts) for p in self.parts])

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: index, cost per resolved contact, achieved SL, FCR and the parts."""
        return {
            "index": self.index,
            "cost_per_resolved_contact": self.cost_per_resolved_contact,
            "achieved_service_level": self.achieved_level,
            "fcr": self.fcr,
            "parts": [
                {
                    "provider": p.provider,
                    "queue": p.queue,
                    "contacts": p.contacts,
                    "target_service_level": p.target_level,
                    "achieved_service_level": p.achieved_level,
                    "promised_service_level": p.promised_level,
                    "fcr": p.fcr,
                    "csat": p.csat,
                    "qa_score": p.qa_score,
                }
                for p in self.parts
            ],
        }


def part_quality(scenario: Scenario, part: Part, achieved: float | None = None) -> PartQuality:
    """The KPIs of the part's provider and the service level its staffing reaches
    (``achieved``, when the caller has it: :func:`achieved_service_level` of the part)."""
    settings = scenario.queue_settings(part.queue_id, part.provider)
    kpis = None if part.provider == INHOUSE else scenario.vendor(part.provider).kpis
    return PartQuality(
        provider=part.provider,
        queue=part.usage.label,
        contacts=float(part.usage.volume.sum()),
        target_level=settings.level,
        achieved_level=achieved_service_level(scenario, part) if achieved is None else achieved,
        promised_level=kpis.service_level if kpis is not None else None,
        fcr=settings.fcr,
        csat=kpis.csat if kpis is not None else None,
        qa_score=kpis.qa_score if kpis is not None else None,
    )


def option_quality(
    scenario: Scenario, option: OptionResult, levels: AchievedLevels | None = None
) -> OptionQuality:
    """Quality figures of one evaluated option; ``levels`` (one per evaluation) makes the
    achieved service level of a part staffed once for several options once."""
    levels = AchievedLevels(scenario) if levels is None else levels
    return OptionQuality(
        option=option.name,
        cost_per_resolved_contact=option.cost_per_resolved_contact,
        parts=tuple(part_quality(scenario, p, levels.of(p)) for p in option.parts),
    )


class AchievedLevels:
    """:func:`achieved_service_level` of the parts of one scenario, each plan once: a part
    that an evaluation staffed once for several options (its plan and usage one object,
    :meth:`cscost.evaluate.parts.Staffer.cached`) reads the same arrays, so the same level.
    The parts are held, so that an identity keyed stays their own."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._levels: dict[tuple[str, str, int, int], tuple[Part, float]] = {}

    def of(self, part: Part) -> float:
        """The achieved service level of ``part``, made once per (queue, provider, plan, usage)."""
        key = (part.queue_id, part.provider, id(part.plan), id(part.usage))
        if key not in self._levels:
            self._levels[key] = (part, achieved_service_level(self.scenario, part))
        return self._levels[key][1]


def quality(scenario: Scenario, evaluation: Evaluation) -> dict[str, OptionQuality]:
    """Option name → its quality figures (each part's achieved level made once)."""
    levels = AchievedLevels(scenario)
    return {o.name: option_quality(scenario, o, levels) for o in evaluation.options}
