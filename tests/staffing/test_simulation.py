"""The simulation against Erlang C and Erlang A on a long stationary interval.

References: Erlang C and Erlang A from :func:`cscost.staffing.queue_metrics` (checked
elsewhere against published tables and the mpmath reference). Ciw's simulation of the
same M/M/N (+M) queue must contain them in its 95 % confidence intervals.
"""

from __future__ import annotations

import numpy as np
import pytest

from cscost.staffing import queue_metrics
from cscost.staffing.simulation import simulate_week

VOLUME, INTERVAL_S, AHT_S, AGENTS, WITHIN_S = 480.0, 4 * 3600.0, 240.0, 10, 20.0


def _inside(estimate: object, value: float) -> bool:
    low, high = float(estimate.low), float(estimate.high)  # type: ignore[attr-defined]
    return low <= value <= high


@pytest.mark.parametrize("patience_s", [None, 90.0])
def test_stationary_interval_agrees_with_erlang(patience_s: float | None) -> None:
    result = simulate_week(
        np.array([VOLUME]),
        np.array([AGENTS]),
        INTERVAL_S,
        AHT_S,
        WITHIN_S,
        np.random.default_rng(11),
        patience_s=patience_s,
        runs=12,
        warmup_intervals=1,
    )
    exact = queue_metrics(AGENTS, VOLUME, INTERVAL_S, AHT_S, WITHIN_S, patience_s=patience_s)
    assert _inside(result.week_service_level, float(np.ravel(exact.service_level)[0]))
    assert _inside(result.week_asa_s, float(np.ravel(exact.asa_s)[0]))
    if patience_s is not None:
        assert _inside(result.week_abandonment, float(np.ravel(exact.p_abandon)[0]))
    else:
        assert float(result.week_abandonment.mean) == 0.0
    assert float(result.arrivals[0]) == pytest.approx(VOLUME, rel=0.05)


def test_same_seed_same_result() -> None:
    args = (np.array([60.0, 0.0, 90.0]), np.array([3, 0, 4]), 1800.0, 180.0, 20.0)
    one = simulate_week(*args, np.random.default_rng(3), runs=3)
    two = simulate_week(*args, np.random.default_rng(3), runs=3)
    np.testing.assert_array_equal(one.service_level.mean, two.service_level.mean)
    np.testing.assert_array_equal(one.asa_s.mean, two.asa_s.mean)
    assert np.isnan(one.service_level.mean[1])  # a closed interval has no arrivals
