"""Benchmark: 10,000 Monte Carlo samples of the largest example, against a 3 s CPU goal.

The largest scenario in ``examples/`` (queues × months × intervals per day, then
options) is loaded with its forecasts and run through
:func:`cscost.evaluate.montecarlo.monte_carlo` with the scenario's seed. It prints

- the scenario's size (queues, months, interval, vendors, options, parts);
- the staffing surrogate's build: distinct staffing tables, exact interval solves (the bisection
  steps of the agent thresholds) and µs per interval solve, build seconds;
- samples per second, the CPU time (``time.process_time``: what counts on a shared
  machine) and the wall time of the whole Monte Carlo, surrogate build included, and the
  CPU time's ratio to the 3 s goal of issue 18 (exit status 1 when it is over);
- for scale: one deterministic ``evaluate`` (exact staffing of every option) and what
  10,000 exact samples would take at that pace;
- with ``--workers N``: the same run on a local Dask cluster of N processes (wall time,
  this process's CPU time, samples per second against the local run) and whether its
  P10/P50/P90 equal the local run's bit for bit.

Run: ``.venv/bin/python bench/montecarlo.py [--samples N] [--workers N] [FILE]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

from cscost.cluster import ClusterSettings, connect
from cscost.cluster import monte_carlo as cluster_monte_carlo
from cscost.demand.forecast import Forecast
from cscost.evaluate.evaluation import evaluate
from cscost.evaluate.montecarlo import monte_carlo
from cscost.evaluate.risk import RiskResult
from cscost.io import load_scenario
from cscost.io.tables.volumes import queue_forecasts
from cscost.model import Scenario

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOAL_CPU_S = 3.0


def size(scenario: Scenario) -> tuple[int, int]:
    """(queue-month-intervals, options): how much work a scenario is."""
    info = scenario.scenario
    intervals = 24 * 60 // info.interval_minutes
    return len(scenario.queues) * info.months * intervals, len(scenario.resolved_options())


def largest_example() -> Path:
    """The example file with the most queue-month-intervals (then options)."""
    files = sorted(EXAMPLES.glob("*.yaml"))
    return max(files, key=lambda path: size(load_scenario(path)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="scenario (default: largest example)")
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0, help="also run on N local workers")
    args = parser.parse_args()
    path = args.file or largest_example()
    start = time.perf_counter()
    scenario = load_scenario(path)
    forecasts = queue_forecasts(scenario)
    loaded = time.perf_counter() - start
    info = scenario.scenario
    options = scenario.resolved_options()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} cores")
    print(
        f"{path.name}: {len(scenario.queues)} queues, {info.months} months, "
        f"{info.interval_minutes}-minute intervals, {len(scenario.vendors)} vendors, "
        f"{len(options)} options; {len(forecasts)} forecast queues; loaded in {loaded:.2f} s"
    )

    start = time.perf_counter()
    deterministic = evaluate(scenario, {q: f.mean for q, f in forecasts.items()})
    exact_s = time.perf_counter() - start
    parts = sum(len(o.parts) for o in deterministic.options)
    print(
        f"one exact evaluate (all options, {parts} parts): {exact_s:.2f} s; "
        f"{args.samples:,} exact samples would take ~{exact_s * args.samples / 3600:.1f} h"
    )

    rng = np.random.default_rng(scenario.uncertainty.seed)
    cpu_start, start = time.process_time(), time.perf_counter()
    risk = monte_carlo(scenario, rng, samples=args.samples, forecasts=forecasts)
    cpu, wall = time.process_time() - cpu_start, time.perf_counter() - start
    stats = risk.surrogate
    print(
        f"surrogate: {stats.tables} distinct staffing tables, {stats.interval_solves:,} exact "
        f"interval solves in {stats.seconds:.2f} s = {stats.microseconds_per_solve:.2f} µs per "
        "interval solve (wall)"
    )
    print(
        f"Monte Carlo: {risk.samples:,} samples in {cpu:.2f} s CPU ({wall:.2f} s wall) = "
        f"{risk.samples / cpu:,.0f} samples per CPU second"
    )
    for o in risk.options:
        print(
            f"  {o.name[:48]:48s} P10 {o.p10:>14,.0f}  P50 {o.p50:>14,.0f}  "
            f"P90 {o.p90:>14,.0f}  P(cheapest) {o.p_cheapest:6.1%}"
        )
    if args.workers:
        same = cluster_run(scenario, forecasts, args.samples, args.workers, risk, wall)
        print(
            f"  {args.workers} workers: P10/P50/P90 "
            f"{'equal' if same else 'DIFFER FROM'} the local run's"
        )
    verdict = "under" if cpu < GOAL_CPU_S else "OVER"
    print(
        f"total CPU time {cpu:.2f} s = {cpu / GOAL_CPU_S:.2f} × the {GOAL_CPU_S:.0f} s goal: "
        f"{verdict} it ({wall:.2f} s wall)"
    )
    return 0 if cpu < GOAL_CPU_S else 1


def cluster_run(
    scenario: Scenario,
    forecasts: dict[str, Forecast],
    samples: int,
    workers: int,
    local: RiskResult,
    local_wall: float,
) -> bool:
    """Run on a local cluster of ``workers`` processes, print its speed; same quantiles?"""
    start = time.perf_counter()
    with connect(ClusterSettings(workers=workers)) as client:
        assert client is not None
        client.wait_for_workers(workers)
        up = time.perf_counter() - start
        rng = np.random.default_rng(scenario.uncertainty.seed)
        cpu_start, start = time.process_time(), time.perf_counter()
        risk = cluster_monte_carlo(scenario, rng, client, samples=samples, forecasts=forecasts)
        cpu, wall = time.process_time() - cpu_start, time.perf_counter() - start
    print(
        f"local cluster of {workers} workers (up in {up:.1f} s): {samples:,} samples in "
        f"{wall:.2f} s wall = {samples / wall:,.0f} samples/s (local run "
        f"{samples / local_wall:,.0f}/s); this process {cpu:.2f} s CPU"
    )
    return all(
        (a.p10, a.p50, a.p90) == (b.p10, b.p50, b.p90)
        for a, b in zip(local.options, risk.options, strict=True)
    )


if __name__ == "__main__":
    raise SystemExit(main())
