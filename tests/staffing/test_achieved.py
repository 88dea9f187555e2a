"""``service_levels`` is ``queue_metrics(…).service_level`` bit for bit (Erlang C and A)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscost import _api
from cscost.staffing import queue_metrics
from cscost.staffing.achieved import service_levels

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _both(*args: object, **kwargs: object) -> tuple[np.ndarray, np.ndarray]:
    return queue_metrics(*args, **kwargs).service_level, service_levels(*args, **kwargs)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    patience=st.one_of(st.none(), st.floats(5.0, 900.0)),
    concurrency=st.sampled_from([1.0, 2.0, 3.5]),
)
def test_random_intervals_with_repeats(
    seed: int, patience: float | None, concurrency: float
) -> None:
    rng = np.random.default_rng(seed)
    volume = np.round(rng.gamma(2.0, 40.0, size=(6, 7, 12)), 1)  # rounded: many repeats
    volume[0, 0, :3] = 0.0  # no traffic: 1
    aht = rng.choice([180.0, 240.0, 300.0], size=volume.shape)
    load = volume * aht / 1800.0 / concurrency
    agents = np.floor(load + rng.integers(0, 6, size=volume.shape))
    agents[1, 1, :2] = 0.0  # traffic without agents: 0
    x, y = _both(agents, volume, 1800.0, aht, 20.0, patience_s=patience, concurrency=concurrency)
    assert np.array_equal(x, y)


@pytest.mark.parametrize("name", ["bank.yaml", "saas.yaml"])
def test_every_part_of_the_examples(name: str) -> None:
    scenario = _api.load_scenario(EXAMPLES / name)
    checked = 0
    for option in _api.evaluate(scenario).options[:3]:
        for part in option.parts:
            s = scenario.queue_settings(part.queue_id, part.provider)
            if not s.real_time or s.answer_within_s is None:
                continue
            volume, agents = part.plan.interval_volume, part.plan.agents
            aht = np.broadcast_to(part.usage.aht_s[: volume.shape[0], None, None], volume.shape)
            interval = scenario.scenario.interval_minutes * 60.0
            x, y = _both(
                agents, volume, interval, aht, s.answer_within_s,
                patience_s=s.patience_s, concurrency=s.concurrency,
            )  # fmt: skip
            assert np.array_equal(x, y), part.usage.label
            checked += 1
    assert checked > 5
