"""Volumes that live outside the scenario file: forecasts from history CSVs.

A queue with ``volume: {forecast: history.csv}`` takes the mean of a seasonal forecast of
that file's series for the queue (by queue id; a file with one series serves any queue)
over the scenario's horizon. The forecast's simulation is seeded with
``uncertainty.seed``, so the same scenario gives the same volumes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cscost.arrays import Array
from cscost.errors import InputFileError, Issue
from cscost.model import Scenario

if TYPE_CHECKING:
    from cscost.demand.forecast import Forecast
    from cscost.io.tables.history import History, QueueHistory


def _series(history: History, queue_id: str, path: Path) -> QueueHistory:
    for series in history.queues:
        if series.queue == queue_id:
            return series
    if len(history.queues) == 1:
        return history.queues[0]
    names = ", ".join(q.queue for q in history.queues)
    raise InputFileError(
        Issue(
            f"no history for queue `{queue_id}`",
            file=str(path),
            found=names,
            expected=f"a column or rows for {queue_id}",
        )
    )


def queue_forecasts(scenario: Scenario) -> dict[str, Forecast]:
    """The forecast of every queue whose volume comes from a history file.

    The files are read here; :func:`cscost.demand.forecast_queues` forecasts them, each
    queue with its own child generator of ``uncertainty.seed``.
    """
    # Imported here: forecasting needs pandas and statsmodels, most scenarios neither.
    from cscost.demand.histories import forecast_queues
    from cscost.io.tables.history import read_history

    histories: dict[str, QueueHistory] = {}
    sources: dict[str, str] = {}
    cache: dict[Path, History] = {}
    for queue in scenario.queues:
        path = queue.volume.forecast
        if path is None:
            continue
        if path not in cache:
            cache[path] = read_history(path)
        histories[queue.id] = _series(cache[path], queue.id, path)
        sources[queue.id] = str(path)
    if not histories:
        return {}
    info = scenario.scenario
    return forecast_queues(
        histories, info.start, info.months, scenario.uncertainty.seed, sources=sources
    )


def load_forecasts(scenario: Scenario) -> dict[str, Array]:
    """Monthly volumes (the forecast mean) of every queue whose volume is a forecast."""
    return {queue_id: f.mean for queue_id, f in queue_forecasts(scenario).items()}
