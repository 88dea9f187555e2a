"""The Erlang A series summed only over the elements still summing equal the sums over
every element with zeros (the loops of before), bit for bit, and P(abandon) alone equals
P(abandon) of the full Erlang A quantities."""

from __future__ import annotations

import numpy as np
import pytest

from cscost.staffing import abandonment as ea


def _all_elements_abandon_given_wait(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    term = np.ones_like(x)
    num = 1.0 / (x + 1.0)
    den = np.ones_like(x)
    j = np.zeros_like(x)
    active = np.ones(x.shape, dtype=bool)
    while active.any() and j[0] < 1e6:
        j += 1.0
        term = np.where(active, term * y / (x + j), 0.0)
        num += term * (j + 1.0) / (x + j + 1.0)
        den += term
        active &= term > 1e-18 * den
    result: np.ndarray = num / den
    return result


def _all_elements_series_total(a: np.ndarray, z: np.ndarray) -> np.ndarray:
    total = np.ones_like(a)
    term = np.ones_like(a)
    k = np.zeros_like(a)
    active = np.ones(a.shape, dtype=bool)
    while active.any():
        k += 1.0
        term = np.where(active, term * z / (a + k), 0.0)
        total += term
        active &= term > 1e-17 * total
    return total


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_series_over_live_elements_equal_series_over_all(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = np.exp(rng.uniform(np.log(0.01), np.log(2e5), 4000))
    x = y * rng.uniform(1.0001, 3.0, y.size)
    assert np.array_equal(ea._abandon_given_wait(x, y), _all_elements_abandon_given_wait(x, y))
    a = np.exp(rng.uniform(np.log(1.0), np.log(1e5), 4000))
    z = a * rng.uniform(0.0, 0.2, a.size)
    assert np.array_equal(ea._series_total(a, z), _all_elements_series_total(a, z))


@pytest.mark.parametrize("seed", [4, 5])
def test_abandonment_alone_equals_the_full_quantities(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = np.exp(rng.uniform(np.log(0.01), np.log(60_000), 5000))
    n = np.maximum(1.0, np.round(a * rng.uniform(0.5, 1.6, a.size)))
    service = np.exp(rng.uniform(np.log(5), np.log(3600), a.size))
    answer = rng.choice([0.0, 10.0, 20.0, 60.0], a.size)
    patience = np.exp(rng.uniform(np.log(2), np.log(1e5), a.size))
    full = ea.abandon_probability(ea.erlang_a(n, a, service, answer, patience))
    assert np.array_equal(ea.abandonment(n, a, service, patience), full, equal_nan=True)


def test_compacted_series_keeps_each_sum_where_it_finished() -> None:
    """Elements that finish at every step from the first to the last (tiny to huge y,
    x barely above y to far above): each keeps the sum of the step it finished at; an
    empty input gives an empty output."""
    y = np.geomspace(1e-3, 1e5, 20_000)
    x = y * np.geomspace(1.000001, 50.0, y.size)[::-1]
    assert np.array_equal(ea._abandon_given_wait(x, y), _all_elements_abandon_given_wait(x, y))
    assert ea._abandon_given_wait(np.empty(0), np.empty(0)).size == 0
