"""Arrival patterns: weekday weights and intraday profiles, channel defaults from a data file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

from cscost.arrays import Array

#: Channels whose contacts are answered live, staffed by Erlang C or A.
REAL_TIME_CHANNELS = frozenset({"voice", "chat", "messaging"})
#: Channels whose contacts wait in a backlog, staffed by workload.
DEFERRED_CHANNELS = frozenset({"email", "backoffice"})


@cache
def _defaults() -> dict[str, dict[str, list[float]]]:
    text = resources.files("cscost.data").joinpath("patterns.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, list[float]]] = json.loads(text)
    return data


def default_weekday_weights(channel: str) -> Array:
    """The channel's default weekday weights, Monday first."""
    return np.array(_defaults()[channel]["weekdays"], dtype=float)


def resampled(values: Sequence[float], interval_minutes: int) -> Array:
    """A 15-minute profile (96 values) summed into ``interval_minutes`` slots."""
    per = interval_minutes // 15
    arr = np.asarray(values, dtype=float)
    result: Array = arr.reshape(-1, per).sum(axis=1)
    return result


def intraday_profile(
    channel: str, interval_minutes: int, intraday: str | Sequence[float] = "default"
) -> Array:
    """Weights of each interval of the day: ``default`` (the channel's), ``flat``, or given.

    A given list must have one weight per interval of the day (96 at 15 minutes).
    """
    per_day = 24 * 60 // interval_minutes
    if isinstance(intraday, str):
        if intraday == "flat":
            return np.ones(per_day)
        return resampled(_defaults()[channel]["intraday"], interval_minutes)
    return np.asarray(intraday, dtype=float)
