"""Benchmark: cscost.staffing.required_agents against pyworkforce's ErlangC.

One profile of 10,000 half-hour intervals, offered traffic log-spaced from 0.5 to
500 erlangs (volumes rounded to 0.01 contacts), AHT 240 s, target 80 % within 20 s.

- cscost: one vectorised call over the whole profile, best of several runs;
- pyworkforce: ``ErlangC(transactions, aht, asa, interval).required_positions(0.8,
  max_occupancy=1.0)`` (minutes; ``asa`` is its name for the answer-time target),
  one Python call per interval, timed on every 10th interval and scaled;
- the answers are compared on all 10,000 intervals and every disagreement is
  settled with the exact mpmath reference in ``tests/staffing/reference.py``;
- then the same profile with patience 120 s (cscost's Erlang A), against cscost's
  own Erlang C, and pyworkforce's ErlangA if this Python has it.

It prints µs per interval and ratios; it asserts nothing about time.
Run: ``make bench`` or ``.venv/bin/python bench/staffing.py``.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np

from cscost.staffing import required_agents

INTERVALS = 10_000
INTERVAL_S = 1800
AHT_S = 240.0
ANSWER_S = 20.0
LEVEL = 0.8
PATIENCE_S = 120.0
SUBSET_STEP = 10  # pyworkforce is timed on every 10th interval
RUNS = 15


def load_reference() -> ModuleType:
    """The mpmath reference of the tests, loaded by path (this file is also "staffing")."""
    path = Path(__file__).resolve().parent.parent / "tests" / "staffing" / "reference.py"
    spec = importlib.util.spec_from_file_location("cscost_staffing_reference", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def profile() -> np.ndarray:
    """Contacts per interval: traffic 0.5 … 500 erlangs, log-spaced, to 0.01 contacts."""
    erlangs = np.geomspace(0.5, 500.0, INTERVALS)
    return np.round(erlangs * INTERVAL_S / AHT_S, 2)


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    """Fastest wall time of several runs (time.perf_counter) and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def cscost_agents(volumes: np.ndarray, patience_s: float | None = None) -> np.ndarray:
    return required_agents(volumes, INTERVAL_S, AHT_S, ANSWER_S, LEVEL, patience_s=patience_s)


def pyworkforce_agents(volumes: np.ndarray) -> np.ndarray:
    from pyworkforce.queuing import ErlangC

    out = []
    for v in volumes:
        erlang = ErlangC(
            transactions=float(v), aht=AHT_S / 60, asa=ANSWER_S / 60, interval=INTERVAL_S / 60
        )
        out.append(
            erlang.required_positions(service_level=LEVEL, max_occupancy=1.0)["raw_positions"]
        )
    return np.array(out, dtype=np.int64)


def settle(ref: ModuleType, volumes: np.ndarray, ours: np.ndarray, theirs: np.ndarray) -> None:
    """Print every disagreement and which side the exact reference supports."""
    differ = np.flatnonzero(ours != theirs)
    tally = {"cscost": 0, "pyworkforce": 0, "neither": 0}
    for i in differ:
        v = float(volumes[i])
        want = ref.required_agents(v, INTERVAL_S, AHT_S, ANSWER_S, LEVEL)
        side = "cscost" if want == ours[i] else "pyworkforce" if want == theirs[i] else "neither"
        tally[side] += 1
        if tally[side] <= 5:
            a = v / INTERVAL_S * AHT_S
            print(
                f"    volume {v:>9.2f} (A = {a:8.3f}): cscost {ours[i]}, pyworkforce {theirs[i]},"
                f" reference {want} -> {side}"
            )
    print(
        f"  disagreements: {differ.size} of {volumes.size}; the reference supports"
        f" cscost in {tally['cscost']}, pyworkforce in {tally['pyworkforce']},"
        f" neither in {tally['neither']}"
    )
    if tally["pyworkforce"] == 0 and differ.size:
        print(
            "  (pyworkforce starts its search at round(A + 1): when floor(A) + 1 agents"
            " already meet the target, it answers one agent too many)"
        )


def check_erlang_a_sample(ref: ModuleType, volumes: np.ndarray, ours: np.ndarray) -> None:
    """Compare a spread sample of cscost's Erlang A answers with the exact reference."""
    idx = np.linspace(0, volumes.size - 1, 12).astype(int)
    wrong = []
    for i in idx:
        v = float(volumes[i])
        want = ref.required_agents(v, INTERVAL_S, AHT_S, ANSWER_S, LEVEL, patience_s=PATIENCE_S)
        if want != ours[i]:
            wrong.append((v, int(ours[i]), want))
    print(f"  Erlang A against the reference on {idx.size} intervals: {len(wrong)} differ {wrong}")


def erlang_c_section(ref: ModuleType, volumes: np.ndarray) -> float:
    t_ours, ours = best_of(RUNS, lambda: cscost_agents(volumes))
    us_ours = t_ours / volumes.size * 1e6
    subset = volumes[::SUBSET_STEP]
    t_theirs, _ = best_of(3, lambda: pyworkforce_agents(subset))
    us_theirs = t_theirs / subset.size * 1e6
    print("Erlang C, 10,000 intervals (0.5 … 500 erlangs, AHT 240 s, 80/20)")
    print(f"  cscost.required_agents     {us_ours:10.2f} µs/interval (best of {RUNS}, vectorised)")
    print(
        f"  pyworkforce ErlangC        {us_theirs:10.2f} µs/interval"
        f" (best of 3 on {subset.size} intervals, scaled)"
    )
    print(f"  speed-up                   {us_theirs / us_ours:10.1f} x")
    every = pyworkforce_agents(volumes)
    print(f"  agents, total: cscost {int(np.sum(ours))}, pyworkforce {int(np.sum(every))}")
    settle(ref, volumes, np.asarray(ours), every)
    return us_ours


def erlang_a_section(ref: ModuleType, volumes: np.ndarray, us_erlang_c: float) -> None:
    t_a, ours_a = best_of(RUNS, lambda: cscost_agents(volumes, PATIENCE_S))
    us_a = t_a / volumes.size * 1e6
    ours_c = cscost_agents(volumes)
    print(f"Erlang A, the same profile with patience {PATIENCE_S:g} s")
    print(f"  cscost.required_agents     {us_a:10.2f} µs/interval (best of {RUNS})")
    print(f"  Erlang A / Erlang C time   {us_a / us_erlang_c:10.2f} x")
    saved = int(np.sum(ours_c) - np.sum(ours_a))
    print(f"  agents, total: {int(np.sum(ours_a))} ({saved} fewer than Erlang C)")
    check_erlang_a_sample(ref, volumes, np.asarray(ours_a))
    try:
        from pyworkforce.queuing import ErlangA  # noqa: F401  (needs a newer pyworkforce)
    except ImportError as exc:
        print(f"  pyworkforce ErlangA: not available here ({exc}); not compared")
        return
    print("  pyworkforce ErlangA imports, but its API is not wired into this bench yet")


def main() -> None:
    ref = load_reference()
    volumes = profile()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}")
    us_erlang_c = erlang_c_section(ref, volumes)
    erlang_a_section(ref, volumes, us_erlang_c)


if __name__ == "__main__":
    main()
