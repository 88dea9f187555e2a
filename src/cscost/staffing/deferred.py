"""Deferred work (email, back office): hours from workload; is a response target reachable?

Deferred contacts wait in a backlog, so no queueing formula applies: the work of a
day is done within its open hours at the planned occupancy,

    productive hours per day = day volume × AHT / 3600 / max_occupancy,

spread evenly over the day's open intervals. The response target ("95 % within 24 h")
is reachable when the share of contacts that arrive at a time from which an open
interval starts within the target is at least the level. Contacts are assumed to
arrive round the clock, evenly within each hour of the week (e-mail does not keep
office hours); a contact arriving while the desk is open can be answered at once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cscost.staffing.validation import checked_arrays

Array = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def deferred_productive_hours(
    volume: npt.ArrayLike, aht_s: npt.ArrayLike, max_occupancy: npt.ArrayLike = 1.0
) -> Array:
    """Productive hours = volume × AHT / 3600 / max_occupancy."""
    v, s, occ = checked_arrays(volume=volume, aht_s=aht_s, max_occupancy=max_occupancy)
    result: Array = v * s / 3600.0 / occ
    return result


def reachable_share(open_mask: BoolArray, interval_minutes: int, respond_within_s: float) -> float:
    """Share of a week's arrivals that an open desk can answer within ``respond_within_s``.

    ``open_mask`` is [7, intervals per day] (Mon first), one week that repeats. An arrival
    at time τ can be answered at the first open moment ≥ τ; the share is the measure of
    arrival times whose wait to that moment is at most the target, over the week.
    """
    flat = np.asarray(open_mask, dtype=bool).ravel()
    if not flat.any():
        return 0.0
    step = interval_minutes * 60.0
    week = flat.size * step
    # Closed stretches (cyclic): an arrival at offset u before the next opening waits u.
    rolled = np.roll(flat, -int(np.argmax(flat)))  # start at an open interval
    reachable = 0.0
    run = 0
    for is_open in np.append(rolled, True):
        if is_open:
            if run:
                gap = run * step
                reachable += min(gap, respond_within_s)
                run = 0
            continue
        run += 1
    reachable += flat.sum() * step
    return float(reachable / week)
