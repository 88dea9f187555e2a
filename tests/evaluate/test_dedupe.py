"""Evaluation with one solver and shared parts equals every part staffed on its own.

The reference staffs each part of each option with the kernel on every interval
(``option_parts`` without a staffer: the code path of before); the run under test
shares one :class:`cscost.evaluate.parts.Staffer`. Plans, usages and totals must be
equal bit for bit, and the per-interval arrays remade on reading equal those made.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cscost.decide.quality import option_costs
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.evaluate.parts import Staffer, option_parts
from cscost.io import load_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("example", ["saas", "bank"])
def test_shared_staffer_equals_part_by_part_solves(example: str) -> None:
    scenario = load_scenario(EXAMPLES / f"{example}.yaml")
    volumes = interval_volumes_by_queue(scenario)
    windows = window_masks(scenario)
    staffer = Staffer()
    for option in scenario.resolved_options():
        alone = option_parts(scenario, option, volumes, windows)
        shared = option_parts(scenario, option, volumes, windows, staffer=staffer)
        for a, b in zip(alone, shared, strict=True):
            assert np.array_equal(a.plan.agents, b.plan.agents)
            assert np.array_equal(a.plan.interval_volume, b.plan.interval_volume)
            ha, hb = a.plan.handled_share, b.plan.handled_share
            assert (ha is None and hb is None) or np.array_equal(ha, hb)
            for field in ("volume", "productive_hours", "paid_hours", "fte", "seats", "hires"):
                assert np.array_equal(getattr(a.usage, field), getattr(b.usage, field)), field
    assert staffer.solver.solves < staffer.solver.requests / 4


def test_sensitivity_runs_sharing_a_staffer_equal_fresh_runs() -> None:
    """Break-even's volume factors and the tornado's inputs, one solver for all of them
    against a fresh evaluation each: the same totals and NPVs."""
    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    staffer = Staffer()
    for k in (0.5, 0.9, 1.0, 1.37, 2.0):
        fresh = option_costs(scenario, volume_scale=k)
        assert option_costs(scenario, volume_scale=k, staffer=staffer) == fresh


def test_a_plan_pickles_with_its_arrays() -> None:
    """Remade cells pickle as their arrays (a job queue or a process pool can carry them)."""
    import pickle

    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    volumes = interval_volumes_by_queue(scenario)
    option = scenario.resolved_options()[0]
    part = option_parts(scenario, option, volumes, window_masks(scenario), staffer=Staffer())[0]
    again = pickle.loads(pickle.dumps(part.plan))
    assert np.array_equal(again.agents, part.plan.agents)
    assert np.array_equal(again.interval_volume, part.plan.interval_volume)
