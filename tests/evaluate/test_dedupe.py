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
from cscost.decide.sensitivity import scaled_attrition
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.evaluate.parts import Staffer, option_parts
from cscost.io import load_scenario
from cscost.pricing.providers import prices_contacts

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
            for windowed in ("window_hours", "window_volume"):
                wa, wb = getattr(a.usage, windowed), getattr(b.usage, windowed)
                assert wa.keys() == wb.keys()
                assert all(np.array_equal(wa[n], wb[n]) for n in wa), windowed
    assert staffer.solver.solves < staffer.solver.requests / 4


def test_sensitivity_runs_sharing_a_staffer_equal_fresh_runs() -> None:
    """Break-even's volume factors and the tornado's inputs, one solver for all of them
    against a fresh evaluation each: the same totals and NPVs."""
    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    staffer = Staffer()
    for k in (0.5, 0.9, 1.0, 1.37, 2.0):
        fresh = option_costs(scenario, volume_scale=k)
        assert option_costs(scenario, volume_scale=k, staffer=staffer) == fresh


@pytest.mark.parametrize("example", ["bank", "saas"])
def test_totals_made_without_unpriced_contacts_equal_full_runs(example: str) -> None:
    """A staffer that makes handled contacts only for providers whose fees read them
    (sensitivity, break-even) gives the totals of a full run bit for bit, and leaves the
    other parts' contacts NaN (a fee reading them would show)."""
    scenario = load_scenario(EXAMPLES / f"{example}.yaml")
    lean = Staffer(contacts_when_priced=True)
    for k in (0.6, 1.0, 1.45):
        assert option_costs(scenario, volume_scale=k, staffer=lean) == option_costs(
            scenario, volume_scale=k
        )
    volumes = interval_volumes_by_queue(scenario)
    windows = window_masks(scenario)
    for option in scenario.resolved_options():
        for part in option_parts(scenario, option, volumes, windows, staffer=lean):
            priced = prices_contacts(scenario, part.provider)
            assert bool(np.isnan(part.usage.volume).all()) is not priced


def test_an_input_that_leaves_staffing_alone_solves_nothing_again() -> None:
    """Solve totals are keyed by content: a scenario with other attrition and FX rates
    (a new object, new volume arrays) reuses every part's solves."""
    scenario = load_scenario(EXAMPLES / "bank.yaml")
    staffer = Staffer(contacts_when_priced=True)
    first = option_costs(scenario, staffer=staffer)
    solves, made = staffer.solver.solves, len(staffer._solved)
    again = option_costs(scaled_attrition(scenario, 1.3), staffer=staffer)
    assert (staffer.solver.solves, len(staffer._solved)) == (solves, made)
    assert again == option_costs(scaled_attrition(scenario, 1.3))
    assert again != first


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


def test_part_specs_are_kept_by_option_content() -> None:
    """``resolved_options()`` makes new option objects on every call: equal options share
    one entry (the cache neither misses nor grows)."""
    scenario = load_scenario(EXAMPLES / "saas.yaml")
    staffer = Staffer()
    for _ in range(3):
        for option in scenario.resolved_options():
            staffer.specs(scenario, option)
    assert len(staffer._specs) == len(scenario.resolved_options())
