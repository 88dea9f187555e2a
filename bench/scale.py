"""Benchmark: evaluation against the floor of its distinct interval solves, Monte Carlo
here against a 2-worker local Dask cluster, and the peak memory of each.

For the SaaS example and generated portfolios (``bench/portfolio.py``: 50 queues × 120
months × 3 vendors, 200 × 120 × 10), each in a fresh process (so that peak memory is
its own), it prints

- ``evaluate``: CPU and wall seconds, the interval solves asked for, the distinct ones
  and those the kernel made (the step function spares most), and the **floor**: the CPU
  time of one vectorised kernel call on the distinct (volume, AHT) of every service,
  timed in the same process; the ratio evaluate ÷ floor is the overhead above it
  (goal: at most 3);
- peak memory (``ru_maxrss``) of the process;
- for each portfolio, the same evaluation with its queues staffed in shards on a 2-worker
  local cluster (:func:`cscost.cluster.evaluate`): the client's CPU and peak memory, the
  wall time, and whether the totals are identical;
- Monte Carlo (``--samples``, default 10,000, on the SaaS example): samples per CPU
  second and per wall second here (and the CPU time against the 3 s goal of issue 18
  for 10,000 samples) and on a ``LocalCluster`` of 2 processes (cluster start-up and the
  workers' arrival excluded and printed apart), and whether both give the same
  P10/P50/P90 bit for bit; ``--montecarlo`` runs only this part.

CPU time (``process_time``) is printed beside wall time: the machine may be shared.
Run: ``.venv/bin/python bench/scale.py [--quick] [--montecarlo] [--samples N]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _evaluate_child(path: str) -> dict[str, Any]:
    """Evaluate ``path`` in this process; return times, solve counts, the floor, memory."""
    from cscost import _api
    from cscost.evaluate import evaluation
    from cscost.evaluate.parts import Staffer
    from cscost.staffing.solver import IntervalSolver, _solve

    made: list[Staffer] = []
    original = evaluation.Staffer

    def recording() -> Staffer:
        made.append(original())
        return made[-1]

    evaluation.Staffer = recording  # type: ignore[misc]
    scenario = _api.load_scenario(path)
    forecasted = _api.forecasts(scenario)
    cpu, wall = time.process_time(), time.perf_counter()
    result = _api.evaluate(scenario, forecasted=forecasted)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    solver: IntervalSolver = made[0].solver
    floor = 0.0
    for (key, aht), volumes in _ASKED.items():  # one kernel call per service and AHT
        start = time.process_time()
        _solve(key, volumes, aht)
        floor += time.process_time() - start
    return {
        "file": Path(path).name,
        "cpu_s": cpu,
        "wall_s": wall,
        "requests": solver.requests,
        "distinct": sum(v.size for v in _ASKED.values()),
        "solves": solver.solves,
        "floor_cpu_s": floor,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "totals": [o.total for o in result.options],
    }


_ASKED: dict[tuple[Any, float], Any] = {}


def _record_asked() -> None:
    """Keep the distinct volumes each (service, AHT) is asked for (the floor's input)."""
    from cscost.staffing import solver as module

    original = module.IntervalSolver._distinct_agents

    def spy(self: Any, key: Any, aht: float, wanted: Any) -> Any:
        seen = _ASKED.get((key, aht))
        _ASKED[(key, aht)] = wanted if seen is None else np.union1d(seen, wanted)
        return original(self, key, aht, wanted)

    module.IntervalSolver._distinct_agents = spy  # type: ignore[method-assign]


def _monte_carlo_child(path: str, samples: int) -> dict[str, Any]:
    """Monte Carlo of ``path`` here, then on a 2-worker local cluster: rates and P50s."""
    from cscost import _api
    from cscost.cluster import ClusterSettings, connect, workers_used
    from cscost.cluster import monte_carlo as on_cluster

    scenario = _api.load_scenario(path)
    forecasted = dict(_api.forecasts(scenario))
    cpu, wall = time.process_time(), time.perf_counter()
    here = _api.monte_carlo(scenario, samples=samples, forecasted=forecasted)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    start = time.perf_counter()
    with connect(ClusterSettings(workers=2)) as client:
        assert client is not None
        client.wait_for_workers(2)
        startup = time.perf_counter() - start
        w_cpu = client.run(time.process_time)
        c_cpu, c_wall = time.process_time(), time.perf_counter()
        rng = np.random.default_rng(scenario.uncertainty.seed)
        there = on_cluster(scenario, rng, client, samples=samples, forecasts=forecasted or None)
        c_wall = time.perf_counter() - c_wall
        c_cpu = time.process_time() - c_cpu
        w_cpu = sum(t - w_cpu[w] for w, t in client.run(time.process_time).items())
        workers = workers_used(client)
    return {
        "samples": samples,
        "here_cpu_s": cpu,
        "here_wall_s": wall,
        "cluster_start_s": startup,
        "cluster_wall_s": c_wall,
        "cluster_client_cpu_s": c_cpu,
        "cluster_workers_cpu_s": w_cpu,
        "workers": workers,
        "same": [(o.p10, o.p50, o.p90) for o in here.options]
        == [(o.p10, o.p50, o.p90) for o in there.options],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _shards_child(path: str) -> dict[str, Any]:
    """Evaluate ``path`` with its queues staffed in shards on a 2-worker local cluster."""
    from cscost import _api
    from cscost.cluster import ClusterSettings, connect, workers_used
    from cscost.cluster import evaluate as on_cluster

    scenario = _api.load_scenario(path)
    means = {q: f.mean for q, f in _api.forecasts(scenario).items()} or None
    with connect(ClusterSettings(workers=2)) as client:
        assert client is not None
        client.wait_for_workers(2)
        cpu, wall = time.process_time(), time.perf_counter()
        result = on_cluster(scenario, client, forecasts=means)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        workers = workers_used(client)
    return {
        "client_cpu_s": cpu,
        "wall_s": wall,
        "workers": workers,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "totals": [o.total for o in result.options],
    }


def _child(args: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (its own peak memory)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=None,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="skip the 200-queue portfolio")
    parser.add_argument("--montecarlo", action="store_true", help="only the Monte Carlo part")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "evaluate":
            _record_asked()
            print(json.dumps(_evaluate_child(args.child[1])))
        elif args.child[0] == "shards":
            print(json.dumps(_shards_child(args.child[1])))
        else:
            print(json.dumps(_monte_carlo_child(args.child[1], int(args.child[2]))))
        return 0
    from portfolio import write_portfolio

    saas = str(ROOT / "examples" / "saas.yaml")
    sizes = [(50, 120, 3)] + ([] if args.quick else [(200, 120, 10)])
    if args.montecarlo:
        return _print_monte_carlo(saas, args.samples)
    with tempfile.TemporaryDirectory() as tmp:
        files = [saas] + [
            str(write_portfolio(Path(tmp) / f"p{q}x{m}x{v}.yaml", q, m, v)) for q, m, v in sizes
        ]
        print("evaluate: CPU s (wall s), interval solves asked / distinct / made, floor, ratio")
        for path in files:
            r = _child(["evaluate", path])
            ratio = r["cpu_s"] / r["floor_cpu_s"] if r["floor_cpu_s"] > 0 else float("nan")
            print(
                f"  {r['file']:<22} {r['cpu_s']:7.2f} s ({r['wall_s']:6.2f} s)  "
                f"{r['requests']:>11,} / {r['distinct']:>9,} / {r['solves']:>7,}  "
                f"floor {r['floor_cpu_s']:6.2f} s  ratio {ratio:5.2f}  "
                f"peak {r['peak_mb']:7.0f} MB"
            )
            if path != saas:
                c = _child(["shards", path])
                print(
                    f"  {'  queue shards, 2 workers':<22} client {c['client_cpu_s']:6.2f} s CPU "
                    f"({c['wall_s']:6.2f} s wall, start-up apart)  client peak "
                    f"{c['peak_mb']:7.0f} MB  identical totals: {c['totals'] == r['totals']}"
                )
    return _print_monte_carlo(saas, args.samples)


def _print_monte_carlo(path: str, samples: int) -> int:
    """Print the Monte Carlo part (module docstring)."""
    m = _child(["montecarlo", path, str(samples)])
    n = m["samples"]
    goal = 3.0 * n / 10_000
    print(f"Monte Carlo, {n:,} samples of {Path(path).name}:")
    print(
        f"  here:      {n / m['here_cpu_s']:8.0f} samples per CPU s, "
        f"{n / m['here_wall_s']:8.0f} per wall s ({m['here_cpu_s']:.2f} s CPU = "
        f"{m['here_cpu_s'] / goal:.2f} × the goal of 3 s per 10,000)"
    )
    print(
        f"  2 workers: {n / m['cluster_wall_s']:8.0f} per wall s on {m['workers']} workers "
        f"(start-up {m['cluster_start_s']:.2f} s apart; client CPU "
        f"{m['cluster_client_cpu_s']:.2f} s, workers' CPU {m['cluster_workers_cpu_s']:.2f} s: "
        f"{n / (m['cluster_client_cpu_s'] + m['cluster_workers_cpu_s']):.0f} samples per CPU s "
        f"in all); identical P10/P50/P90: {m['same']}; "
        f"peak {m['peak_mb']:.0f} MB (client)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
