"""Resolved views of a scenario: defaults merged, splits turned into interval shares.

These are what demand, staffing and pricing read, so that the rules of precedence
live in one place:

- staffing settings of a queue worked by a provider: the vendor's ``assumptions``,
  then the queue's own overrides, then ``workforce``; in-house attrition comes from
  ``inhouse.attrition``, then ``workforce.attrition``;
- FCR: the vendor's ``assumptions.fcr``, then its ``kpis.fcr``, then the queue's ``fcr``
  (in-house: ``inhouse.kpis.fcr``, then the queue's ``fcr``); None when nobody states one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from cscost.model.options import AssignPart
from cscost.model.schedule import Schedule, schedule_from

if TYPE_CHECKING:
    from cscost.model.queues import Queue
    from cscost.model.scenario import Scenario
    from cscost.model.vendors import Vendor


@dataclass(frozen=True)
class QueueSettings:
    """Everything staffing needs about one queue as one provider works it."""

    queue_id: str
    provider: str
    channel: str
    real_time: bool
    aht_s: float
    """AHT after the vendor's own AHT, before any ramp (see ``aht_s_in_month``)."""
    concurrency: float
    shrinkage: float
    max_occupancy: float
    min_agents: int
    hours_per_fte_month: float
    attrition: float
    """Annual attrition of the provider's team."""
    fcr: float | None
    level: float
    answer_within_s: float | None
    respond_within_s: float | None
    max_asa_s: float | None
    patience_s: float | None
    ramp_months: int = 0
    ramp_aht_factor: float = 1.0

    def aht_s_in_month(self, index: int) -> float:
        """AHT in month ``index``: × ramp_aht_factor while index < ramp_months."""
        factor = self.ramp_aht_factor if index < self.ramp_months else 1.0
        return self.aht_s * factor

    def aht_s_by_month(self, months: int) -> npt.NDArray[np.float64]:
        """AHT of every month 0 … months−1, ramp included."""
        out = np.full(months, self.aht_s, dtype=float)
        out[: min(self.ramp_months, months)] *= self.ramp_aht_factor
        return out


def _first(*values: float | None) -> float:
    for value in values:
        if value is not None:
            return value
    raise AssertionError("the last fallback is never None")


def queue_settings(scenario: Scenario, queue: Queue, vendor: Vendor | None) -> QueueSettings:
    """Merge vendor assumptions, queue overrides and workforce defaults (module docstring)."""
    work = scenario.workforce
    if vendor is None:
        assumed = None
        provider = "inhouse"
        attrition = scenario.inhouse_attrition
        own = scenario.inhouse.kpis.fcr if scenario.inhouse is not None else None
        fcr = own if own is not None else queue.fcr
    else:
        assumed = vendor.assumptions
        provider = vendor.id
        attrition = _first(assumed.attrition, work.attrition)
        fcr = next((f for f in (assumed.fcr, vendor.kpis.fcr, queue.fcr) if f is not None), None)
    ramp = assumed.ramp if assumed is not None else None
    return QueueSettings(
        queue_id=queue.id,
        provider=provider,
        channel=queue.channel,
        real_time=queue.real_time,
        aht_s=_first(assumed.aht_s.get(queue.id) if assumed else None, queue.aht_s)
        * (1.0 if scenario.adjustments is None else scenario.adjustments.aht),
        concurrency=queue.concurrency,
        shrinkage=_first(assumed.shrinkage if assumed else None, queue.shrinkage, work.shrinkage),
        max_occupancy=_first(
            assumed.max_occupancy if assumed else None, queue.max_occupancy, work.max_occupancy
        ),
        min_agents=queue.min_agents if queue.min_agents is not None else work.min_agents,
        hours_per_fte_month=_first(
            assumed.hours_per_fte_month if assumed else None, work.hours_per_fte_month
        ),
        attrition=attrition,
        fcr=fcr,
        level=queue.target.level,
        answer_within_s=queue.target.answer_within_s,
        respond_within_s=queue.target.respond_within_s,
        max_asa_s=queue.target.max_asa_s,
        patience_s=queue.patience_s,
        ramp_months=ramp.months if ramp is not None else 0,
        ramp_aht_factor=ramp.aht_factor if ramp is not None else 1.0,
    )


def provider_schedule(scenario: Scenario, provider: str) -> Schedule | None:
    """The shift templates ``provider`` rosters on: its own, else ``workforce.schedule``.

    In-house: ``inhouse.schedule``; a vendor: ``assumptions.schedule``. None: no roster,
    the Erlang hours stand.
    """
    if provider == "inhouse":
        own = scenario.inhouse.schedule if scenario.inhouse is not None else None
    else:
        own = scenario.vendor(provider).assumptions.schedule
    return schedule_from(own, scenario.workforce.schedule)


@dataclass(frozen=True)
class PartShare:
    """One part of a queue's assignment and the share of volume it takes per interval."""

    part: AssignPart
    share: npt.NDArray[np.float64]
    """[D, intervals_per_day], Mon = row 0 (D day types); 0 where the queue is closed."""

    @property
    def provider(self) -> str:
        """The part's provider id."""
        return self.part.provider


def part_shares(
    scenario: Scenario, queue: Queue, parts: tuple[AssignPart, ...]
) -> tuple[PartShare, ...]:
    """Share of ``queue``'s volume each part takes in every interval of the week.

    A part with ``hours`` covers them; a part without covers the open hours no part
    with ``hours`` covers. Shares multiply by ``share`` (default 1).
    """
    open_mask = scenario.open_mask(queue)
    stated = [scenario.window_mask(p.hours) if p.hours is not None else None for p in parts]
    claimed = np.zeros_like(open_mask)
    for mask in stated:
        if mask is not None:
            claimed |= mask
    out: list[PartShare] = []
    for part, mask in zip(parts, stated, strict=True):
        covered = (mask if mask is not None else ~claimed) & open_mask
        out.append(PartShare(part, covered.astype(float) * part.share_or_whole))
    return tuple(out)
