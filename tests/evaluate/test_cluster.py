"""Monte Carlo on a Dask ``LocalCluster`` of processes: the same numbers as a local run.

One 2-worker and one 1-worker cluster per test session (``tests/conftest.py``):
processes with one thread each, random ports (safe beside pytest-xdist). The chunks of
one seed run on both workers and give P10/P50/P90, totals and P(cheapest) equal bit
for bit to :func:`cscost.evaluate.montecarlo.monte_carlo` in this process.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from cscost.cluster import map_ordered
from cscost.cluster import monte_carlo as cluster_monte_carlo
from cscost.evaluate import montecarlo
from cscost.evaluate.montecarlo import chunk_costs, monte_carlo, monte_carlo_job
from cscost.evaluate.risk import RiskResult
from cscost.io import load_scenario

if TYPE_CHECKING:
    from distributed import Client

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLES = 900  # 5 chunks of 200


def _same(a: RiskResult, b: RiskResult) -> None:
    assert a.samples == b.samples == SAMPLES
    for x, y in zip(a.options, b.options, strict=True):
        for field in ("total", "npv", "minimum_shortfall", "monthly_p10", "monthly_p50"):
            assert np.array_equal(getattr(x, field), getattr(y, field)), field
        assert np.array_equal(x.monthly_p90, y.monthly_p90)
        assert (x.p10, x.p50, x.p90, x.p_cheapest) == (y.p10, y.p50, y.p90, y.p_cheapest)


def test_one_and_two_workers_equal_a_local_run(
    two_workers: Client, one_worker: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import get_task_stream

    monkeypatch.setattr(montecarlo, "CHUNK", 200)  # the job carries it to the workers
    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    local = monte_carlo(scenario, np.random.default_rng(7), samples=SAMPLES)
    job = monte_carlo_job(scenario, np.random.default_rng(7), samples=SAMPLES)
    with get_task_stream(two_workers) as stream:
        chunks = map_ordered(two_workers, chunk_costs, job, range(job.chunks))
    _same(local, montecarlo.risk_result(job, chunks))
    used = {t["worker"] for t in stream.data if str(t["key"]).startswith("chunk_costs")}
    assert len(used) == 2  # both workers took chunks
    chunks_one = map_ordered(one_worker, chunk_costs, job, range(job.chunks))
    _same(local, montecarlo.risk_result(job, chunks_one))


def test_cluster_monte_carlo_with_progress(two_workers: Client) -> None:
    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    seen: list[tuple[int, int]] = []
    risk = cluster_monte_carlo(
        scenario,
        np.random.default_rng(5),
        two_workers,
        samples=SAMPLES,
        progress=lambda done, total: seen.append((done, total)),
    )
    _same(monte_carlo(scenario, np.random.default_rng(5), samples=SAMPLES), risk)
    assert seen[-1] == (SAMPLES, SAMPLES)
    assert risk.seed == 5


def test_workers_keep_the_heap_allocator(two_workers: Client) -> None:
    """The nanny's MALLOC_TRIM_THRESHOLD_ made every large temporary a fresh mmap (3–4× the
    CPU of a chunk); every worker of a cscost client runs :func:`keep_heap` at start."""
    from cscost.workers import HeapAllocator, keep_heap

    assert keep_heap()  # glibc here: both thresholds are set
    plugins = two_workers.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert len(plugins) == 2
    assert all(HeapAllocator.name in names for names in plugins.values())
