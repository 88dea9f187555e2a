"""From a scenario to the work of each provider: demand per queue, staffed part by part.

For each queue: monthly volumes V[i] (formula, list, or a forecast passed in), the
typical week's interval volumes [M, 7, T], and a check that a deferred response target
is reachable within opening hours. For each option and queue, every assignment part
takes its share of each interval and is staffed on its own with its provider's
assumptions (vendor AHT, shrinkage, hours per FTE, ramp), so splitting a queue loses
the pooling effect and the plan shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cscost.demand.pattern import default_weekday_weights, intraday_profile
from cscost.demand.volume import interval_volumes, intraday_shares, monthly_volumes
from cscost.errors import ArgumentError, Issue
from cscost.model import INHOUSE, AssignPart, Option, Queue, Scenario, SurchargeFee
from cscost.model.resolved import QueueSettings, provider_schedule
from cscost.pricing.usage import PartUsage, hires_by_month
from cscost.staffing.deferred import reachable_share
from cscost.staffing.plan import ServiceParams, StaffingPlan, staffing_plan
from cscost.staffing.rostered import rostered_plan

Array = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Part:
    """One provider's part of one queue in an option: its staffing plan and its usage."""

    option: str
    provider: str
    queue_id: str
    plan: StaffingPlan
    usage: PartUsage


def queue_monthly_volumes(
    scenario: Scenario, queue: Queue, forecasts: Mapping[str, Array] | None = None
) -> Array:
    """V[i] of ``queue``: the formula, the explicit list, or ``forecasts[queue.id]``."""
    volume = queue.volume
    horizon = scenario.horizon
    if volume.values is not None:
        return np.asarray(volume.values, dtype=float)
    if volume.monthly is not None:
        return monthly_volumes(horizon, volume.monthly, volume.growth, volume.seasonality)
    if forecasts is None or queue.id not in forecasts:
        raise ArgumentError(
            f"queue {queue.id} takes its volume from a forecast ({volume.forecast}); "
            "load the scenario with cscost.io.load_scenario, which reads it"
        )
    return np.asarray(forecasts[queue.id], dtype=float)


def weekly_pattern(scenario: Scenario, queue: Queue) -> tuple[Array, Array]:
    """(weekday weights [7], intraday weights [T]): the queue's pattern, else its channel's."""
    pattern = queue.pattern
    weights = (
        np.asarray(pattern.weekdays, dtype=float)
        if pattern is not None and pattern.weekdays is not None
        else default_weekday_weights(queue.channel)
    )
    profile = intraday_profile(
        queue.channel,
        scenario.scenario.interval_minutes,
        pattern.intraday if pattern is not None else "default",
    )
    return weights, profile


def queue_interval_volumes(scenario: Scenario, queue: Queue, volumes: Array) -> Array:
    """Volume of every interval of each month's typical week, [M, 7, T]."""
    weights, profile = weekly_pattern(scenario, queue)
    mask = queue.hours.open_mask(scenario.scenario.interval_minutes)
    return interval_volumes(volumes, scenario.horizon, weights, profile, mask)


def arrival_pattern(scenario: Scenario, queue: Queue) -> Array:
    """Share of a typical week's contacts in each interval, [7, T] (open intervals only).

    Weekday weight over the open weekdays × the intraday profile over the day's open
    intervals, as the demand model spreads the volume.
    """
    weights, profile = weekly_pattern(scenario, queue)
    mask = queue.hours.open_mask(scenario.scenario.interval_minutes)
    days = np.where(mask.any(axis=1), weights, 0.0)
    result: Array = days[:, None] * intraday_shares(profile, mask)
    return result


def response_target_issues(scenario: Scenario) -> list[Issue]:
    """One issue per deferred queue whose response target cannot be met within its hours.

    The share of contacts that the plan's even pace answers within ``respond_within``
    (:func:`cscost.staffing.deferred.reachable_share`) must reach ``level``.
    """
    interval = scenario.scenario.interval_minutes
    issues = []
    for index, queue in enumerate(scenario.queues):
        target = queue.target
        if queue.real_time or target.respond_within_seconds is None:
            continue
        share = reachable_share(
            arrival_pattern(scenario, queue),
            queue.hours.open_mask(interval),
            interval,
            target.respond_within_seconds,
        )
        if share + 1e-12 < target.level:
            hours = target.respond_within_seconds / 3600
            issues.append(
                Issue(
                    f"queue {queue.id} opens {queue.hours}: at most {share:.1%} of its contacts "
                    f"can be answered within {hours:g} h, below the level {target.level:.0%}; "
                    "lengthen `respond_within`, lower `level` or widen `hours`",
                    path=f"queues[{index}].target",
                    found=f"respond_within {hours:g}h, level {target.level:g}",
                    expected=f"a level ≤ {share:.3f} or a longer time",
                )
            )
    return issues


def window_masks(scenario: Scenario) -> dict[str, BoolArray]:
    """Masks [7, T] of every named window and every hours text a surcharge uses."""
    interval = scenario.scenario.interval_minutes
    names = set(scenario.scenario.windows)
    for vendor in scenario.vendors:
        for fee in vendor.fees:
            if isinstance(fee, SurchargeFee) and fee.window is not None:
                names.add(fee.window)
    return {name: scenario.window(name).open_mask(interval) for name in sorted(names)}


def service_params(settings: QueueSettings, months: int) -> ServiceParams:
    """The staffing inputs of a queue as its provider works it."""
    return ServiceParams(
        aht_s=settings.aht_seconds_by_month(months),
        realtime=settings.real_time,
        answer_within_s=settings.answer_within_seconds or 0.0,
        level=settings.level,
        asa_s=settings.max_asa_seconds,
        patience_s=settings.patience_seconds,
        concurrency=settings.concurrency,
        max_occupancy=settings.max_occupancy,
        min_agents=settings.min_agents,
        shrinkage=settings.shrinkage,
        hours_per_fte_month=settings.hours_per_fte_month,
    )


def part_plan(
    scenario: Scenario,
    option: Option,
    queue: Queue,
    provider: str,
    share: Array,
    volumes: Array,
    windows: Mapping[str, BoolArray],
    label: str,
    volume_factor: float = 1.0,
) -> Part:
    """Staff one part: its share [7, T] of the queue's interval volumes [M, 7, T].

    ``volume_factor`` multiplies the part's interval volumes before staffing (the
    repeat-contact model of :mod:`cscost.evaluate.quality`); 1 leaves them as they are.
    """
    settings = scenario.queue_settings(queue.id, provider)
    horizon = scenario.horizon
    part_volumes = volumes * share[None, :, :]
    if volume_factor != 1.0:
        part_volumes = part_volumes * volume_factor
    mask = share > 0
    plan = staffing_plan(
        part_volumes,
        horizon.weekday_counts,
        mask,
        scenario.scenario.interval_minutes,
        service_params(settings, horizon.months),
        windows,
    )
    schedule = provider_schedule(scenario, provider)
    if schedule is not None:  # rostered hours replace the Erlang hours (docs/roster.md)
        plan = rostered_plan(
            plan,
            schedule,
            scenario.scenario.interval_minutes,
            horizon.weekday_counts,
            windows,
            settings.shrinkage,
            settings.hours_per_fte_month,
        )
    counts = horizon.weekday_counts.astype(float)
    window_volume = {
        name: ((part_volumes * w[None, :, :]).sum(axis=2) * counts).sum(axis=1)
        for name, w in windows.items()
    }
    usage = PartUsage(
        queue_id=queue.id,
        channel=queue.channel,
        language=queue.language,
        tier=queue.tier,
        label=label,
        volume=plan.volume,
        aht_s=settings.aht_seconds_by_month(horizon.months),
        productive_hours=plan.productive_hours,
        paid_hours=plan.paid_hours,
        fte=plan.fte,
        seats=plan.seats,
        hires=hires_by_month(plan.fte, settings.attrition),
        fcr=settings.fcr,
        window_hours=plan.window_hours,
        window_volume=window_volume,
    )
    return Part(option.name, provider, queue.id, plan, usage)


def option_parts(
    scenario: Scenario,
    option: Option,
    volumes: Mapping[str, Array],
    windows: Mapping[str, BoolArray],
    *,
    volume_factor: Callable[[str, str], float] | None = None,
) -> list[Part]:
    """Every part of ``option``: each queue's assignment, staffed part by part.

    ``volumes[queue_id]`` are the interval volumes [M, 7, T]; a queue the option does
    not mention stays in-house. ``volume_factor(queue_id, provider)``, when given,
    multiplies each part's volumes before staffing (None: no change).
    """

    def factor(queue_id: str, provider: str) -> float:
        return 1.0 if volume_factor is None else volume_factor(queue_id, provider)

    parts: list[Part] = []
    for queue in scenario.queues:
        assigned = option.parts(queue.id)
        shares = scenario.assignment_shares(option, queue.id) if assigned else ()
        if not shares:
            whole = queue.hours.open_mask(scenario.scenario.interval_minutes).astype(float)
            parts.append(
                part_plan(
                    scenario,
                    option,
                    queue,
                    INHOUSE,
                    whole,
                    volumes[queue.id],
                    windows,
                    queue.id,
                    factor(queue.id, INHOUSE),
                )
            )
            continue
        for item in shares:
            label = queue.id if len(shares) == 1 else _part_label(queue.id, item.part)
            parts.append(
                part_plan(
                    scenario,
                    option,
                    queue,
                    item.provider,
                    item.share,
                    volumes[queue.id],
                    windows,
                    label,
                    factor(queue.id, item.provider),
                )
            )
    return parts


def _part_label(queue_id: str, part: AssignPart) -> str:
    """``voice-zh 22:00-08:00``, ``voice-zh 30%``, or ``voice-zh rest`` for the remainder."""
    bits = [queue_id]
    if part.hours:
        bits.append(part.hours)
    if part.share is not None and part.share < 1:
        bits.append(f"{part.share:.0%}")
    if len(bits) == 1:
        bits.append("rest")
    return " ".join(bits)
