"""The Erlang A search (staffing/erlang_a_search.py): exact at any size.

- at 5,000–50,000 erlangs the answer N is checked against the exact reference: the
  reference SL at N meets the target and at N − 1 misses it (a full reference search
  there takes minutes, two evaluations of its chain take seconds);
- on a seeded random grid (traffic 0.05 … 50,000 erlangs, AHT, patience, answer targets,
  levels, ASA targets, occupancy caps, concurrency, min_agents) the answer equals a brute
  force: the least N meeting every target by the exact formulas evaluated at every N of
  a window below and above it.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from cscost.staffing import erlang_a_search as eas
from cscost.staffing import queue_metrics, required_agents

from . import reference as ref

# (erlangs, patience s, AHT s, answer s, level): patience short against the AHT, so the
# reference chain's queue stays a few thousand callers long; e^(−t/patience) > level, so
# the answer lies inside, not at the bound N ≥ level·A
# Each case takes the reference 15–40 s: the default run checks the two ends of the band,
# CSCOST_SLOW_REFERENCE=1 all of them.
LARGE = [(5_000, 120, 240, 20, 0.8), (50_000, 24, 600, 3, 0.8)] + (
    [(20_000, 30, 300, 5, 0.8)] if os.environ.get("CSCOST_SLOW_REFERENCE") else []
)


@pytest.mark.parametrize("case", LARGE, ids=lambda c: f"{c[0]}E-pat{c[1]}")
def test_large_traffic_equals_reference(case: tuple[int, int, int, int, float]) -> None:
    erlangs, patience, aht, answer, level = case
    volume = erlangs * 1800 / aht
    n = int(required_agents(volume, 1800, aht, answer, level, patience_s=float(patience)))
    iv = ref.Interval.of(volume, 1800, aht, answer, patience_s=patience)
    at, below = ref.erlang_a_metrics(n, iv), ref.erlang_a_metrics(n - 1, iv)
    target = ref.mpf(level)
    assert at.service_level >= target > below.service_level
    assert min(at.service_level - target, target - below.service_level) > 1e-11  # no tie


def _grid(seed: int, size: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    interval = rng.choice([900.0, 1800.0, 3600.0], size)
    aht = np.round(np.exp(rng.uniform(np.log(5), np.log(3600), size)))
    concurrency = rng.choice([1.0, 1.0, 2.0, 2.5], size)
    erlangs = np.exp(rng.uniform(np.log(0.05), np.log(50_000), size))
    return {
        "volume": np.round(erlangs * interval * concurrency / aht, 2),
        "interval_s": interval,
        "aht_s": aht,
        "target_answer_s": rng.choice([0.0, 10.0, 20.0, 60.0, 180.0], size),
        "target_sl": rng.integers(50, 100, size) / 100,
        "patience_s": np.round(np.exp(rng.uniform(np.log(5), np.log(3600), size))),
        "concurrency": concurrency,
        "max_asa_s": np.where(rng.random(size) < 0.7, np.inf, rng.choice([5.0, 20.0], size)),
        "max_occupancy": np.where(rng.random(size) < 0.7, 1.0, rng.integers(60, 100, size) / 100),
        "min_agents": np.where(rng.random(size) < 0.8, 0, rng.integers(1, 40, size)),
    }


WINDOW = 12


@pytest.mark.parametrize("seed", [1, 2])
def test_equals_brute_force_on_random_grid(seed: int) -> None:
    g = _grid(seed, 60)
    got = required_agents(**g)
    for i in range(got.size):
        p = {k: v[i] for k, v in g.items()}
        n = np.arange(max(1, int(got[i]) - WINDOW), int(got[i]) + WINDOW, dtype=float)
        m = queue_metrics(
            n,
            p["volume"],
            p["interval_s"],
            p["aht_s"],
            p["target_answer_s"],
            patience_s=p["patience_s"],
            concurrency=p["concurrency"],
        )
        meets = (
            (m.service_level >= p["target_sl"] - 1e-12)
            & (m.asa_s <= p["max_asa_s"] * (1 + 1e-12))
            & (n >= p["min_agents"])
            & (n * p["max_occupancy"] >= m.traffic * (1 - 1e-9))
        )
        least = n[np.argmax(meets)]
        assert meets.any(), p
        assert least == got[i], (p, got[i], least)
        assert not meets[0] or n[0] == 1, p  # the window starts below the answer


def test_start_is_near_the_answer() -> None:
    """The diffusion start of an overloaded queue is within 0.05·√A of the answer; where
    N ≥ A it is the fluid answer plus 1.5·√A."""
    erlangs = np.array([600.0, 6_000.0, 20_000.0, 45_000.0])
    one = np.ones(erlangs.size)
    answer = required_agents(erlangs * 1800 / 240, 1800, 240, 20, 0.8, patience_s=120.0)
    start = eas.start_agents(erlangs, 240 * one, 20 * one, 120 * one, 0.8 * one)
    assert np.all(np.abs(start - answer) <= 0.05 * np.sqrt(erlangs) + 1)
    a, s, t, level = (np.array([x]) for x in (100.0, 240.0, 20.0, 0.8))
    patient = eas.start_agents(a, s, t, np.array([1e9]), level)
    assert patient[0] == 100 + 15
