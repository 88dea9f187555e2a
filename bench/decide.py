"""Benchmark: sensitivity, break-even and the whole ``--risk`` run against one evaluation.

For each example (or the files given) it prints, in CPU seconds (``process_time``) with
wall seconds beside them (the machine may be shared):

- one ``evaluate`` (the peer every ratio is taken against);
- ``sensitivity`` and ``breakeven``, each with its ratio to the evaluation and the goal of
  issue 18 (under 2 s of CPU each on the largest example);
- the decision of ``evaluate --risk`` (Monte Carlo with the scenario's samples, then
  sensitivity, break-even, score and recommendation sharing one set of solves) and its
  ratio to the evaluation (goal: at most 3×).

Run: ``.venv/bin/python bench/decide.py [FILES…]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 2.0
RISK_RATIO_GOAL = 3.0


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU s, wall s) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    files = args.files or sorted((ROOT / "examples").glob("*.yaml"))
    print("CPU s (wall s); ratios to one evaluate of the same file")
    for path in files:
        report(path)
    return 0


def report(path: Path) -> None:
    """Time the analyses of one file and print them against its evaluate."""
    from cscost import _api

    scenario = _api.load_scenario(path)
    forecasted = _api.forecasts(scenario)
    ev_cpu, ev_wall = timed(lambda: _api.evaluate(scenario, forecasted=forecasted))
    se_cpu, se_wall = timed(lambda: _api.sensitivity(scenario))
    be_cpu, be_wall = timed(lambda: _api.breakeven(scenario))

    def risk() -> None:
        evaluation = _api.evaluate(scenario, forecasted=forecasted)
        simulated = _api.monte_carlo(scenario, forecasted=forecasted)
        _api.decide(scenario, evaluation, risk=simulated, forecasted=forecasted)

    ri_cpu, ri_wall = timed(risk)
    print(f"{path.name}:")
    print(f"  evaluate      {ev_cpu:6.2f} s ({ev_wall:6.2f} s)")
    for name, cpu, wall in (("sensitivity", se_cpu, se_wall), ("breakeven", be_cpu, be_wall)):
        verdict = "under" if cpu < GOAL_S else "OVER"
        print(
            f"  {name:<13} {cpu:6.2f} s ({wall:6.2f} s)  {cpu / ev_cpu:5.1f} × evaluate; "
            f"{verdict} the {GOAL_S:g} s goal"
        )
    ratio = ri_cpu / ev_cpu
    verdict = "within" if ratio <= RISK_RATIO_GOAL else "OVER"
    print(
        f"  --risk        {ri_cpu:6.2f} s ({ri_wall:6.2f} s)  {ratio:5.1f} × evaluate; "
        f"{verdict} the {RISK_RATIO_GOAL:g}× goal ({scenario.uncertainty.samples:,} samples)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
