"""Benchmark: the Erlang A staffing search against Erlang C, per traffic band.

Five bands of offered traffic (0.5–5, 5–50, 50–500, 500–5,000, 5,000–50,000 erlangs),
each a profile of ``INTERVALS`` half-hour intervals log-spaced over the band (volumes to
0.01 contacts), AHT 240 s, 80 % within 20 s; Erlang A with patience 120 s. For each
band it times one vectorised ``required_agents`` call with and without patience (best
of ``RUNS``) and prints µs per interval in CPU time (``time.process_time``, the one to
read on a shared machine) beside wall time (``time.perf_counter``), and the ratio
Erlang A / Erlang C in CPU time.

Then an exactness check: a spread sample of the Erlang A answers of every band against
the exact mpmath reference of ``tests/staffing/reference.py``, which must find that
SL(N) meets the target and SL(N − 1) does not (slow: minutes). It asserts nothing
about time.
Run: ``.venv/bin/python bench/erlang_a.py [--quick]`` (``--quick``: fewer runs, and
no reference check).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np

from cscost.staffing import required_agents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from staffing import load_reference  # noqa: E402  (bench/staffing.py: the reference by path)

BANDS = ((0.5, 5.0), (5.0, 50.0), (50.0, 500.0), (500.0, 5_000.0), (5_000.0, 50_000.0))
INTERVALS = 5_000
INTERVAL_S = 1800
AHT_S = 240.0
ANSWER_S = 20.0
LEVEL = 0.8
PATIENCE_S = 120.0
RUNS = 7
REFERENCE_SAMPLE = 3  # intervals per band checked against the mpmath reference


def band_volumes(low: float, high: float) -> np.ndarray:
    """Contacts per interval: traffic log-spaced over [low, high] erlangs, to 0.01."""
    erlangs = np.geomspace(low, high, INTERVALS)
    return np.round(erlangs * INTERVAL_S / AHT_S, 2)


def timed(runs: int, fn: Callable[[], object]) -> tuple[float, float, object]:
    """(best CPU seconds, best wall seconds, last result) over several runs."""
    cpu, wall, result = float("inf"), float("inf"), None
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall, result


def agents(volumes: np.ndarray, patience_s: float | None) -> np.ndarray:
    return required_agents(volumes, INTERVAL_S, AHT_S, ANSWER_S, LEVEL, patience_s=patience_s)


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 3 if quick else RUNS
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}")
    print(
        f"{INTERVALS:,} intervals per band, AHT {AHT_S:g} s, {LEVEL:.0%}/{ANSWER_S:g} s,"
        f" Erlang A patience {PATIENCE_S:g} s; µs per interval, best of {runs}"
    )
    print(
        f"{'erlangs':>16} | {'C cpu':>7} {'C wall':>7} |"
        f" {'A cpu':>7} {'A wall':>7} | {'A/C cpu':>7}"
    )
    answers: list[tuple[np.ndarray, np.ndarray]] = []
    for low, high in BANDS:
        volumes = band_volumes(low, high)
        c_cpu, c_wall, _ = timed(runs, lambda v=volumes: agents(v, None))
        a_cpu, a_wall, n_a = timed(runs, lambda v=volumes: agents(v, PATIENCE_S))
        answers.append((volumes, np.asarray(n_a)))
        per = 1e6 / volumes.size
        print(
            f"{low:>7g} – {high:<6g} | {c_cpu * per:7.2f} {c_wall * per:7.2f} |"
            f" {a_cpu * per:7.2f} {a_wall * per:7.2f} | {a_cpu / c_cpu:7.2f}"
        )
    if quick:
        return
    reference_check(load_reference(), answers)


def reference_says(ref: ModuleType, n: int, iv: object, level: float) -> bool:
    """The exact reference's verdict on N: SL(N) meets the level and SL(N − 1) does not."""
    target = ref.mpf(level)
    below = ref.erlang_a_metrics(n - 1, iv).service_level if n > 1 else -1
    return bool(ref.erlang_a_metrics(n, iv).service_level >= target > below)


def reference_check(ref: ModuleType, answers: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """A spread sample of every band against the reference (its chain at N and N − 1).

    The reference's chain and difference tables grow with the queue, λ/θ callers; at
    5,000–50,000 erlangs with patience 120 s that takes hours, so the top band's sample
    is its own: patience 24 s, AHT 600 s, 80 % in 3 s (the queue a few thousand long).
    """
    print(f"Erlang A against the exact reference, {REFERENCE_SAMPLE} intervals per band")
    for (low, high), (volumes, n_a) in zip(BANDS, answers, strict=True):
        start, wrong = time.perf_counter(), []
        if high <= 5_000:
            idx = np.linspace(0, volumes.size - 1, REFERENCE_SAMPLE).astype(int)
            cases = [(float(volumes[i]), AHT_S, ANSWER_S, PATIENCE_S, int(n_a[i])) for i in idx]
        else:
            aht, answer, patience = 600.0, 3.0, 24.0
            v = np.round(np.geomspace(low, high, REFERENCE_SAMPLE) * INTERVAL_S / aht, 2)
            n = required_agents(v, INTERVAL_S, aht, answer, LEVEL, patience_s=patience)
            cases = [(float(v[i]), aht, answer, patience, int(n[i])) for i in range(v.size)]
        for volume, aht, answer, patience, n_i in cases:
            iv = ref.Interval.of(volume, INTERVAL_S, aht, answer, patience_s=patience)
            if not reference_says(ref, n_i, iv, LEVEL):
                wrong.append((volume, aht, patience, n_i))
        took = time.perf_counter() - start
        print(
            f"{low:>7g} – {high:<6g}: {len(wrong)} of {len(cases)} differ {wrong}"
            f" (reference {took:.0f} s)"
        )


if __name__ == "__main__":
    main()
