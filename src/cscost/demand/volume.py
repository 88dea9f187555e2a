"""Monthly volumes and their spread over the typical week of each month.

V[i] = monthly × (1 + growth)^(i/12) × seasonality[calendar month of i]   (or a list)

The volume of day type d in month i is V[i] × w[d] / Σ_d′ n_d′(i)·w[d′], with n_d(i) the
days of type d in month i (weekdays, and holidays by weekday: :mod:`cscost.model.calendar`)
and w[d] = 0 for a closed day type; a day's volume is split over its open intervals in
proportion to the intraday profile.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.model.calendar import Horizon


def monthly_volumes(
    calendar: Horizon,
    monthly: float,
    growth: float = 0.0,
    seasonality: Sequence[float] | None = None,
) -> Array:
    """V[i] = monthly × (1 + growth)^(i/12) × seasonality[calendar month of i]."""
    i = np.arange(calendar.months, dtype=float)
    season = np.ones(12) if seasonality is None else np.asarray(seasonality, dtype=float)
    result: Array = monthly * (1.0 + growth) ** (i / 12.0) * season[calendar.calendar_months - 1]
    return result


def day_shares(calendar: Horizon, weekday_weights: Array, open_days: BoolArray) -> Array:
    """Share of month i's volume on ONE day of type d: w[d] / Σ_d′ n_d′(i)·w[d′].

    ``open_days[d]`` is whether day type d opens at all; closed ones get 0. [M, D]
    """
    w = np.where(open_days, np.asarray(weekday_weights, dtype=float), 0.0)
    denom = calendar.weekday_counts @ w
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(denom[:, None] > 0, w[None, :] / denom[:, None], 0.0)
    result: Array = shares
    return result


def intraday_shares(profile: Array, open_mask: BoolArray) -> Array:
    """Share of a day's volume in each interval: profile over the day's open intervals. [D, T]

    A day whose open intervals all have zero weight is spread evenly over them.
    """
    p = np.where(open_mask, np.asarray(profile, dtype=float)[None, :], 0.0)
    flat = open_mask.astype(float)
    p = np.where(p.sum(axis=1, keepdims=True) > 0, p, flat)
    total = p.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        result: Array = np.where(total > 0, p / total, 0.0)
    return result


def interval_volumes(
    volumes: Array,
    calendar: Horizon,
    weekday_weights: Array,
    profile: Array,
    open_mask: BoolArray,
) -> Array:
    """Volume of each interval of the typical week of each month: [M, D, T].

    Σ_d n_d(i) Σ_t result[i, d, t] = V[i] whenever the queue opens at all.
    """
    open_days: BoolArray = np.asarray(open_mask.any(axis=1), dtype=bool)
    days = day_shares(calendar, weekday_weights, open_days)
    intra = intraday_shares(profile, open_mask)
    result: Array = volumes[:, None, None] * days[:, :, None] * intra[None, :, :]
    return result
