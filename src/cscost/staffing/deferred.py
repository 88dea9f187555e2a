"""Deferred work (email, back office): hours from workload; is a response target reachable?

Deferred contacts wait in a backlog, so no queueing formula applies: the work of a
day is done within its open hours at the planned occupancy,

    productive hours per day = day volume × AHT / 3600 / max_occupancy,

spread evenly over the day's open intervals. The response target ("95 % within 24 h")
is reachable when, worked at that even pace in arrival order, at least ``level`` of the
contacts are answered within the target (:func:`reachable_share`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, BoolArray
from cscost.staffing.validation import checked_arrays


def deferred_productive_hours(
    volume: npt.ArrayLike, aht_s: npt.ArrayLike, max_occupancy: npt.ArrayLike = 1.0
) -> Array:
    """Productive hours = volume × AHT / 3600 / max_occupancy."""
    v, s, occ = checked_arrays(volume=volume, aht_s=aht_s, max_occupancy=max_occupancy)
    result: Array = v * s / 3600.0 / occ
    return result


def _first_crossing(levels: Array, cumulative: Array, times: Array) -> Array:
    """Earliest time at which the non-decreasing piecewise-linear ``cumulative`` reaches a level."""
    rises = np.diff(cumulative) > 0
    keep = np.concatenate((rises, [False])) | np.concatenate(([False], rises))
    result: Array = np.interp(levels, cumulative[keep], times[keep])
    return result


def reachable_share(
    arrivals: npt.ArrayLike,
    open_mask: BoolArray,
    interval_minutes: int,
    respond_within_s: float,
    *,
    resolution: int = 4096,
) -> float:
    """Share of a week's contacts answered within ``respond_within_s`` by the deferred plan.

    Fluid first-in-first-out model of the plan: each day's contacts arrive in its open
    intervals in proportion to ``arrivals`` [7, T] (evenly within an interval), and are
    worked at the constant rate that finishes the day's work over its open intervals
    (the plan spreads the day's hours evenly). The contact at quantile q of the day's
    arrivals arrives at τ_A(q) = A⁻¹(q) and is answered at τ_C(q) = C⁻¹(q), with A and C
    the cumulative shares of arrivals and of capacity; it is reachable when
    τ_C(q) − τ_A(q) ≤ target. Days weigh by their share of the week's contacts.
    """
    mask = np.asarray(open_mask, dtype=bool)
    weights = np.where(mask, np.asarray(arrivals, dtype=float), 0.0)
    step = interval_minutes * 60.0
    times = np.arange(mask.shape[1] + 1) * step
    q = (np.arange(resolution) + 0.5) / resolution
    day_total = weights.sum(axis=1)
    if day_total.sum() <= 0:
        return 1.0
    share = 0.0
    for day in np.flatnonzero(day_total > 0):
        arrived = np.concatenate(([0.0], np.cumsum(weights[day]) / day_total[day]))
        capacity = np.concatenate(([0.0], np.cumsum(mask[day]) / mask[day].sum()))
        wait = _first_crossing(q, capacity, times) - _first_crossing(q, arrived, times)
        share += day_total[day] * float(np.mean(wait <= respond_within_s + 1e-9))
    return share / float(day_total.sum())
