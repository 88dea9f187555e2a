"""Benchmark: 10,000 Monte Carlo samples of the largest example, against a 30 s goal.

The largest scenario in ``examples/`` (queues × months × intervals per day, then
options) is loaded with its forecasts and run through
:func:`cscost.evaluate.montecarlo.monte_carlo` with the scenario's seed. It prints

- the scenario's size (queues, months, interval, vendors, options, parts);
- the staffing surrogate's build: distinct parts, exact interval solves (the bisection
  steps of the agent thresholds) and µs per interval solve, build seconds;
- samples per second and the wall time of the whole Monte Carlo, and whether it is under
  the 30 s goal of issue 5 on this machine (exit status 1 when it is not);
- for scale: one deterministic ``evaluate`` (exact staffing of every option) and what
  10,000 exact samples would take at that pace.

Run: ``.venv/bin/python bench/montecarlo.py [--samples N] [FILE]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

from cscost.evaluate.evaluation import evaluate
from cscost.evaluate.montecarlo import monte_carlo
from cscost.io import load_scenario
from cscost.io.tables.volumes import queue_forecasts
from cscost.model import Scenario

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOAL_S = 30.0


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
    start = time.perf_counter()
    risk = monte_carlo(scenario, rng, samples=args.samples, forecasts=forecasts)
    wall = time.perf_counter() - start
    stats = risk.surrogate
    print(
        f"surrogate: {stats.tables} distinct parts, {stats.interval_solves:,} exact interval "
        f"solves in {stats.seconds:.2f} s = {stats.microseconds_per_solve:.2f} µs per "
        "interval solve"
    )
    print(
        f"Monte Carlo: {risk.samples:,} samples in {wall:.2f} s = "
        f"{risk.samples / wall:,.0f} samples/s (pricing {wall - stats.seconds:.2f} s)"
    )
    for o in risk.options:
        print(
            f"  {o.name[:48]:48s} P10 {o.p10:>14,.0f}  P50 {o.p50:>14,.0f}  "
            f"P90 {o.p90:>14,.0f}  P(cheapest) {o.p_cheapest:6.1%}"
        )
    verdict = "under" if wall < GOAL_S else "OVER"
    print(f"total wall time {wall:.2f} s: {verdict} the {GOAL_S:.0f} s goal on this machine")
    return 0 if wall < GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
