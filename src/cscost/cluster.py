"""Where the engine's coarse tasks run: here, on a local cluster of processes, or on Dask.

The core cuts the work and stays pure: a Monte Carlo is a
:class:`cscost.evaluate.montecarlo.MonteCarloJob` and :func:`chunk_costs` of each chunk
index (thousands of samples, its own random stream); an evaluation is a
:class:`cscost.evaluate.shards.ShardJob` and :func:`shard_parts` of each shard of queues
(priced here once all are back); a batch is one scenario file per task. This module
only maps those functions over their inputs:

- :class:`ClusterSettings` ``scheduler`` (``tcp://host:8786``) connects a
  ``distributed.Client`` to a running cluster; ``workers`` N starts a ``LocalCluster``
  of N single-threaded processes for the run (its workers import the same cscost as
  this process); neither runs everything here, in this process, as before.
- :func:`map_ordered` sends the shared argument once to every worker (``scatter``,
  broadcast), submits one task per item and returns the results in item order, calling
  ``progress(done, total)`` as tasks finish (in any order).

Results never depend on where a task ran: each is a pure function of its inputs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from cscost.arrays import Array
from cscost.demand.forecast import Forecast
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.evaluation import evaluate as local_evaluate
from cscost.evaluate.montecarlo import (
    ChunkCosts,
    chunk_groups,
    chunks_costs,
    monte_carlo_job,
    risk_result,
)
from cscost.evaluate.montecarlo import monte_carlo as local_monte_carlo
from cscost.evaluate.risk import RiskResult
from cscost.evaluate.shards import ShardJob, ShardParts, joined_parts, queue_shards, shard_parts
from cscost.model import Scenario

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ClusterSettings:
    """Where tasks run: a scheduler address, or N local worker processes, or here."""

    scheduler: str | None = None
    workers: int | None = None

    @property
    def local(self) -> bool:
        """True when everything runs in this process."""
        return self.scheduler is None and not self.workers


def _package_root() -> str:
    """The directory cscost is imported from, for the workers' ``PYTHONPATH``."""
    return str(Path(__file__).resolve().parents[1])


def _distributed() -> Any:
    """The ``distributed`` package (imported on first use; its API is untyped)."""
    import distributed

    return distributed


@contextlib.contextmanager
def running(settings: ClusterSettings | None) -> Iterator[ClusterSettings | None]:
    """``settings`` for the span of one command: ``workers`` N starts the local cluster
    once, here, and yields its scheduler's address, so that every step of the command
    (the evaluation's shards, then the Monte Carlo's chunks) uses the same processes."""
    if settings is None or settings.local or settings.scheduler is not None:
        yield settings
        return
    with _local_cluster(settings.workers or 1) as cluster:
        yield ClusterSettings(scheduler=str(cluster.scheduler_address))


@contextlib.contextmanager
def _local_cluster(workers: int) -> Iterator[Any]:
    """A ``LocalCluster`` of ``workers`` single-threaded processes that import this cscost."""
    import dask

    path = os.pathsep.join(p for p in (_package_root(), os.environ.get("PYTHONPATH")) if p)
    # the workers' statistical profiler walks the task's stack every 10 ms: ≈14 % of a
    # Monte Carlo's CPU, for a dashboard view a run of cscost does not show
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        _distributed().LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never 8787 of another cluster
            env={"PYTHONPATH": path},
        ) as cluster,
    ):
        yield cluster


@contextlib.contextmanager
def connect(settings: ClusterSettings | None) -> Iterator[Client | None]:
    """A Dask client for ``settings`` (closed on exit), or None to run here; its workers
    get :class:`cscost.workers.HeapAllocator` (glibc's heap kept, as in a plain process)."""
    if settings is None or settings.local:
        yield None
        return
    from cscost.workers import HeapAllocator

    dask = _distributed()
    if settings.scheduler is not None:
        with dask.Client(settings.scheduler) as client:
            client.register_plugin(HeapAllocator())
            yield client
        return
    with _local_cluster(settings.workers or 1) as cluster, dask.Client(cluster) as client:
        client.register_plugin(HeapAllocator())
        yield client


def map_ordered(
    client: Client | None,
    function: Callable[[T, Any], R],
    shared: T,
    items: Sequence[Any],
    progress: Progress | None = None,
) -> list[R]:
    """``[function(shared, item) for item in items]``, here or as one task per item.

    On a cluster ``shared`` is sent once to every worker and the results come back in
    the order of ``items`` whatever order the tasks finish in.
    """
    total = len(items)
    if client is None:
        out = []
        for done, item in enumerate(items, start=1):
            out.append(function(shared, item))
            if progress is not None:
                progress(done, total)
        return out
    dask = _distributed()
    untyped: Any = client
    held = untyped.scatter(shared, broadcast=True, hash=False)
    futures = [untyped.submit(function, held, item, pure=False) for item in items]
    order = {f.key: k for k, f in enumerate(futures)}
    results: list[Any] = [None] * total
    for done, future in enumerate(dask.as_completed(futures), start=1):
        results[order[future.key]] = future.result()
        if progress is not None:
            progress(done, total)
    return results


TASKS_PER_WORKER = 2
"""Monte Carlo tasks per worker: coarse (thousands of samples each), and two so that a
worker that started late or runs slower does not hold up the end by a whole share."""


def monte_carlo(
    scenario: Scenario,
    rng: np.random.Generator,
    client: Client | None,
    *,
    samples: int | None = None,
    forecasts: dict[str, Forecast] | None = None,
    progress: Progress | None = None,
) -> RiskResult:
    """:func:`cscost.evaluate.montecarlo.monte_carlo`, its chunks mapped by ``client``.

    The job (thresholds, not the sorted breakpoints) is built here once and sent once to
    every worker; each task is a run of consecutive chunks (:func:`chunk_groups`,
    ``TASKS_PER_WORKER`` per worker), so a worker makes its breakpoints once and this
    process only joins the costs. Without a client it is the local run.
    """
    if client is None:
        return local_monte_carlo(
            scenario, rng, samples=samples, forecasts=forecasts, progress=progress
        )
    job = monte_carlo_job(scenario, rng, samples=samples, forecasts=forecasts)
    groups = chunk_groups(job, TASKS_PER_WORKER * max(workers_used(client), 1))

    def by_samples(done: int, total: int) -> None:
        if progress is not None:
            progress(min(done * job.samples // total, job.samples), job.samples)

    parts: list[list[ChunkCosts]] = map_ordered(client, chunks_costs, job, groups, by_samples)
    return risk_result(job, [c for part in parts for c in part])


def evaluate(
    scenario: Scenario,
    client: Client | None,
    *,
    forecasts: Mapping[str, Array] | None = None,
    progress: Progress | None = None,
) -> Evaluation:
    """:func:`cscost.evaluate.evaluation.evaluate`, its queues staffed in shards by ``client``.

    The queues are cut into ``TASKS_PER_WORKER`` shards per worker
    (:func:`cscost.evaluate.shards.queue_shards`); each worker staffs its shard's queues
    and returns their parts' usage, and every option is priced here on all of them (tiers,
    minimums and tax couple the queues): the same evaluation bit for bit.
    ``progress(done, total)`` counts shards. Without a client it is the local run.
    """
    if client is None:
        return local_evaluate(scenario, forecasts)
    job = ShardJob(scenario, forecasts)
    shards = queue_shards(scenario, TASKS_PER_WORKER * max(workers_used(client), 1))
    staffed: list[ShardParts] = map_ordered(client, shard_parts, job, shards, progress)
    return local_evaluate(scenario, forecasts, staffed=joined_parts(job, staffed))


def workers_used(client: Client) -> int:
    """The number of workers the client's cluster has."""
    info: dict[str, Any] = client.scheduler_info()
    return len(info.get("workers", {}))
