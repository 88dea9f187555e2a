"""Forecasts of the queues whose volume comes from history: one rule for every caller.

Each queue is forecast by :func:`cscost.demand.forecast.forecast_monthly` with its own
child generator: ``numpy.random.default_rng(seed).spawn(n)``, the k-th child for the
k-th queue in the order given. So one queue's forecast does not depend on which other
queues are forecast beside it, except by position, and the same seed gives the same
forecasts bit for bit. Problems of all queues are reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np

from cscost.arrays import Array
from cscost.demand.forecast import Forecast, forecast_monthly
from cscost.errors import CscostError, ForecastError


class MonthlyHistory(Protocol):
    """Consecutive monthly volumes of one queue from ``first_month`` (``YYYY-MM``)."""

    @property
    def first_month(self) -> str: ...

    @property
    def volumes(self) -> Array: ...


def forecast_queues(
    histories: Mapping[str, MonthlyHistory],
    start: str,
    months: int,
    seed: int | None,
    *,
    sources: Mapping[str, str] | None = None,
) -> dict[str, Forecast]:
    """The forecast of every queue of ``histories`` (queue id → history), ``months`` from ``start``.

    ``sources[queue_id]`` names where a history came from (a file); problems then read
    ``queue Q in SOURCE: …``. Raises :class:`ForecastError` with every queue's problem.
    """
    rngs = np.random.default_rng(seed).spawn(len(histories))
    out: dict[str, Forecast] = {}
    problems: list[str] = []
    for (queue_id, history), rng in zip(histories.items(), rngs, strict=True):
        try:
            out[queue_id] = forecast_monthly(
                history.volumes, history.first_month, start, months, rng=rng
            )
        except CscostError as exc:
            source = (sources or {}).get(queue_id)
            where = f"queue {queue_id} in {source}" if source else f"queue {queue_id}"
            problems.append(f"{where}: {exc}")
    if problems:
        raise ForecastError("\n".join(problems))
    return out
