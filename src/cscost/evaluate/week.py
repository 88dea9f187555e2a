"""One queue's typical week as one provider works it: required agents, roster, simulation.

What ``cscost roster`` and ``cscost simulate`` look at: the interval volumes [7, T] of
one month's typical week, the required agents of each interval (Erlang C/A or deferred
workload), the provider's roster (:mod:`cscost.staffing.roster`), and a discrete-event
simulation of the week (:mod:`cscost.staffing.simulation`) beside the analytic figures of
the same agents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue
from cscost.errors import ArgumentError
from cscost.evaluate.parts import service_params
from cscost.model import INHOUSE, Scenario
from cscost.model.calendar import WEEKDAYS
from cscost.model.resolved import QueueSettings, provider_schedule
from cscost.staffing import QueueMetrics, queue_metrics
from cscost.staffing.plan import interval_agents
from cscost.staffing.roster import Roster, weekly_roster
from cscost.staffing.simulation import SimulationResult, simulate_week


@dataclass(frozen=True)
class QueueWeek:
    """One queue as one provider works it in one month's typical week."""

    scenario: Scenario
    settings: QueueSettings
    month: str
    volume: Array  # [7, T]
    required: Array  # [7, T]
    aht_s: float


def queue_week(
    scenario: Scenario,
    queue_id: str,
    provider: str,
    month: str,
    forecasts: Mapping[str, Array] | None = None,
) -> QueueWeek:
    """The typical week's volume and required agents of ``queue_id`` in ``month``."""
    if provider != INHOUSE:
        scenario.vendor(provider)
    queue = scenario.queue(queue_id)
    horizon = scenario.horizon
    index = horizon.index_of(month)
    settings = scenario.queue_settings(queue_id, provider)
    volumes = interval_volumes_by_queue(scenario, forecasts)[queue_id]
    interval = scenario.scenario.interval_minutes
    params = service_params(settings, horizon.months)
    week = volumes[index : index + 1, :WEEKDAYS]  # the ordinary week: holidays aside
    params = replace(params, aht_s=params.aht_s[index : index + 1])
    required = interval_agents(week, scenario.open_mask(queue)[:WEEKDAYS], interval, params)[0]
    aht = float(params.aht_s[0])
    return QueueWeek(scenario, settings, horizon.labels[index], week[0], required, aht)


def week_roster(week: QueueWeek) -> Roster:
    """The least-paid-hours roster of the week's required agents (the provider's shifts)."""
    provider = week.settings.provider
    schedule = provider_schedule(week.scenario, provider)
    if schedule is None:
        raise ArgumentError(
            f"no schedule for {provider}: add `workforce.schedule` (or the provider's own)"
        )
    return weekly_roster(week.required, schedule, week.scenario.scenario.interval_minutes)


@dataclass(frozen=True)
class WeekSimulation:
    """A simulated typical week beside the analytic figures of the same agents."""

    week: QueueWeek
    agents: str  # roster or erlang: whose agents were simulated
    result: SimulationResult  # per interval and for the week, with 95 % CIs
    exact: QueueMetrics  # Erlang C/A of the same agents per interval
    analytic_week: Mapping[str, float]  # volume-weighted SL, ASA, abandonment


def simulated_week(
    week: QueueWeek,
    rng: np.random.Generator,
    *,
    runs: int,
    agents: str = "auto",
    progress: Callable[[int], None] | None = None,
) -> WeekSimulation:
    """Simulate ``runs`` typical weeks with the roster's (``roster``) or Erlang agents.

    ``auto`` takes the roster when the provider has a schedule, else Erlang's agents.
    """
    settings = week.settings
    if not settings.real_time or settings.answer_within_s is None:
        raise ArgumentError(
            f"queue {settings.queue_id} is deferred work; simulate takes real-time queues"
        )
    if agents not in ("auto", "roster", "erlang"):
        raise ArgumentError(f"--agents: expected roster or erlang, found {agents!r}")
    use_roster = agents == "roster" or (
        agents == "auto" and provider_schedule(week.scenario, settings.provider) is not None
    )
    staffed = week_roster(week).available if use_roster else week.required
    servers = np.floor(staffed + 1e-9).ravel()
    volume = week.volume.ravel()
    interval_s = week.scenario.scenario.interval_minutes * 60.0
    result = simulate_week(
        volume,
        servers,
        interval_s,
        week.aht_s,
        settings.answer_within_s,
        rng,
        patience_s=settings.patience_s,
        concurrency=settings.concurrency,
        runs=runs,
        progress=progress,
    )
    exact = queue_metrics(
        servers,
        volume,
        interval_s,
        week.aht_s,
        settings.answer_within_s,
        patience_s=settings.patience_s,
        concurrency=settings.concurrency,
    )
    weights = volume / volume.sum() if volume.sum() > 0 else volume
    analytic = {
        "service_level": float((exact.service_level * weights).sum()),
        "asa_s": float((exact.asa_s * weights).sum()),
        "abandonment": float((exact.p_abandon * weights).sum()),
    }
    return WeekSimulation(week, "roster" if use_roster else "erlang", result, exact, analytic)
