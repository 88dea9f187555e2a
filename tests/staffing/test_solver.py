"""The interval solver against the kernel solving every interval on its own (brute force).

The solver solves each distinct (service, AHT, volume) once and infers the agents of a
volume between two solved volumes with equal agents (a non-decreasing step function);
the reference is :func:`cscost.staffing.required_agents` and
:func:`cscost.staffing.queue_metrics` called on every interval, as the plan did before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from cscost.staffing import queue_metrics, required_agents
from cscost.staffing.solver import IntervalSolver, service_key

SERVICES = {
    "erlang c": {"answer_within_s": 20.0, "level": 0.8, "max_asa_s": None, "patience_s": None},
    "erlang a": {"answer_within_s": 30.0, "level": 0.85, "max_asa_s": None, "patience_s": 120.0},
    "asa bound": {"answer_within_s": 60.0, "level": 0.7, "max_asa_s": 25.0, "patience_s": None},
    "chat": {"answer_within_s": 60.0, "level": 0.8, "max_asa_s": None, "patience_s": None},
}


def _volumes(rng: np.random.Generator, size: int) -> np.ndarray:
    """Interval volumes as a plan sees them: repeats, flat stretches, zeros, a wide range."""
    base = np.round(rng.lognormal(3.0, 1.4, size), 1)
    base[rng.random(size) < 0.1] = 0.0
    return np.concatenate([base, base[: size // 3], rng.uniform(0, 3000, size // 4)])


def _exact(
    service: dict[str, Any], volume: np.ndarray, aht: np.ndarray, concurrency: float = 1.0
) -> np.ndarray:
    """Every interval solved on its own by the kernel (15-minute intervals, 85 % cap)."""
    agents = required_agents(
        volume,
        900.0,
        aht,
        service["answer_within_s"],
        service["level"],
        max_occupancy=0.85,
        patience_s=service["patience_s"],
        concurrency=concurrency,
        max_asa_s=service["max_asa_s"],
        min_agents=1.0,
    )
    return np.asarray(agents, dtype=float)


@pytest.mark.parametrize("name", list(SERVICES))
def test_agents_equal_per_interval_solves(name: str) -> None:
    rng = np.random.default_rng(len(name))
    service = SERVICES[name]
    concurrency = 2.0 if name == "chat" else 1.0
    key = service_key(900.0, concurrency=concurrency, max_occupancy=0.85, min_agents=1.0,
                      **service)  # fmt: skip
    solver = IntervalSolver()
    for round_ in range(3):  # tables that grow across calls, volumes asked again
        volume = _volumes(rng, 3000) * (1.0 + 0.1 * round_)
        aht = rng.choice([240.0, 300.0, 420.0], volume.size)
        got = solver.agents(key, volume, aht)
        assert np.array_equal(got, _exact(service, volume, aht, concurrency))
    assert solver.solves < solver.distinct  # the step function saved solves


def test_handled_share_equals_queue_metrics() -> None:
    rng = np.random.default_rng(3)
    service = SERVICES["erlang a"]
    key = service_key(1800.0, concurrency=1.0, max_occupancy=0.9, min_agents=0.0, **service)
    volume = _volumes(rng, 2000)
    volume = volume[volume > 0]
    aht = np.full(volume.size, 360.0)
    solver = IntervalSolver()
    agents = solver.agents(key, volume, aht)
    got = solver.handled_share(key, volume, aht)
    metrics = queue_metrics(
        agents, volume, 1800.0, aht, service["answer_within_s"], patience_s=120.0
    )
    assert np.array_equal(got, 1.0 - metrics.p_abandon)


@pytest.mark.parametrize("name", ["erlang c", "erlang a"])
def test_a_large_batch_over_many_agent_steps_equals_per_interval_solves(name: str) -> None:
    """Tens of thousands of distinct volumes over hundreds of agent steps, asked at once
    (as break-even's staging asks them): the gaps cut level by level find every step, and
    far fewer volumes are solved than asked."""
    rng = np.random.default_rng(7)
    service = SERVICES[name]
    key = service_key(900.0, concurrency=1.0, max_occupancy=0.85, min_agents=1.0,
                      **service)  # fmt: skip
    volume = np.concatenate([rng.uniform(0.0, 2500.0, 30_000), np.geomspace(0.01, 40.0, 2000)])
    aht = np.full(volume.size, 300.0)
    solver = IntervalSolver()
    got = solver.agents(key, volume, aht)
    assert np.array_equal(got, _exact(service, volume, aht))
    assert solver.solves < volume.size / 4
