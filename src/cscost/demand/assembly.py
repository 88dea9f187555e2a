"""Demand per queue, assembled from the scenario: monthly volumes, the typical week, windows.

For each queue: monthly volumes V[i] (the formula, the explicit list, or a forecast
passed in), the weekly pattern (the queue's weekday weights and intraday profile, else
its channel's defaults), the interval volumes of each month's typical week [M, D, T]
(:func:`cscost.demand.volume.interval_volumes`) and the arrival pattern [D, T] (the
share of a typical week's contacts in each interval). Window masks [D, T] name the
hours that surcharges and splits use.

D is the number of day types (:mod:`cscost.model.calendar`): 7, or 14 with public
holidays, where a holiday on weekday d weighs ``holiday.volume_factor`` × w[d].
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.demand.pattern import default_weekday_weights, intraday_profile
from cscost.demand.volume import interval_volumes, intraday_shares, monthly_volumes
from cscost.errors import ArgumentError
from cscost.model import Queue, Scenario, SurchargeFee
from cscost.model.calendar import WEEKDAYS
from cscost.model.holiday import HOLIDAY_WINDOW


def queue_monthly_volumes(
    scenario: Scenario, queue: Queue, forecasts: Mapping[str, Array] | None = None
) -> Array:
    """V[i] of ``queue``: the formula, the explicit list, or ``forecasts[queue.id]``,
    × the what-if volume multiplier (``adjustments.volume``) when it is not 1."""
    volumes = _stated_volumes(scenario, queue, forecasts)
    factor = scenario.volume_factor
    return volumes if factor == 1.0 else volumes * factor


def _stated_volumes(
    scenario: Scenario, queue: Queue, forecasts: Mapping[str, Array] | None
) -> Array:
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
    """(day-type weights [D], intraday weights [T]): the queue's pattern, else its channel's.

    With holidays, the weight of a holiday on weekday d is volume_factor × w[d].
    """
    pattern = queue.pattern
    weights = (
        np.asarray(pattern.weekdays, dtype=float)
        if pattern is not None and pattern.weekdays is not None
        else default_weekday_weights(queue.channel)
    )
    if scenario.horizon.day_types != WEEKDAYS:
        factor = queue.holiday.volume_factor if queue.holiday is not None else 1.0
        weights = np.concatenate([weights, factor * weights])
    profile = intraday_profile(
        queue.channel,
        scenario.scenario.interval_minutes,
        pattern.intraday if pattern is not None else "default",
    )
    return weights, profile


def queue_interval_volumes(scenario: Scenario, queue: Queue, volumes: Array) -> Array:
    """Volume of every interval of each month's typical week, [M, D, T]."""
    weights, profile = weekly_pattern(scenario, queue)
    mask = scenario.open_mask(queue)
    return interval_volumes(volumes, scenario.horizon, weights, profile, mask)


def arrival_pattern(scenario: Scenario, queue: Queue) -> Array:
    """Share of a typical week's contacts in each interval, [D, T] (open intervals only).

    Weekday weight over the open weekdays × the intraday profile over the day's open
    intervals, as the demand model spreads the volume.
    """
    weights, profile = weekly_pattern(scenario, queue)
    mask = scenario.open_mask(queue)
    days = np.where(mask.any(axis=1), weights, 0.0)
    result: Array = days[:, None] * intraday_shares(profile, mask)
    return result


def interval_volumes_by_queue(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None = None,
    queue_ids: Collection[str] | None = None,
) -> dict[str, Array]:
    """Every queue's (of ``queue_ids``, when given) interval volumes [M, D, T], by queue id.

    ``forecasts[queue_id]`` are the monthly volumes of the queues whose volume is a
    forecast (:func:`cscost.demand.forecast.forecast_queues`, their means).
    """
    return {
        queue.id: queue_interval_volumes(
            scenario, queue, queue_monthly_volumes(scenario, queue, forecasts)
        )
        for queue in scenario.queues
        if queue_ids is None or queue.id in queue_ids
    }


def window_masks(scenario: Scenario) -> dict[str, BoolArray]:
    """Masks [D, T] of every named window and every hours text a surcharge uses, and of
    ``holiday`` when the scenario has holidays."""
    names = set(scenario.scenario.windows)
    if scenario.scenario.holidays is not None:
        names.add(HOLIDAY_WINDOW)
    for vendor in scenario.vendors:
        for fee in vendor.fees:
            if isinstance(fee, SurchargeFee) and fee.window is not None:
                names.add(fee.window)
    return {name: scenario.window_mask(name) for name in sorted(names)}
