"""What-if: the exact answer is ``evaluate`` of the adjusted scenario bit for bit; the quick
answer (the staffing surrogate) ranks the options as evaluate does and stays close to it."""

from __future__ import annotations

from pathlib import Path

import pytest

import cscost
from cscost import Adjustments, ArgumentError
from cscost.evaluate.whatif import AHT_STEPS, aht_of_step, aht_step

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def shop() -> tuple[cscost.Scenario, cscost.WhatIf]:
    scenario = cscost.load_scenario(EXAMPLES / "ecommerce.yaml")
    return scenario, cscost.whatif(scenario)


POINTS = [
    Adjustments(volume=1.2),
    Adjustments(volume=0.7, aht=aht_of_step(2), fx={"USD": 1.1}),
    Adjustments(volume=1.45, aht=aht_of_step(-3), rates={"vendor-a": 0.8}),
]


def _evaluated(scenario: cscost.Scenario, point: Adjustments) -> cscost.Evaluation:
    return cscost.evaluate(scenario.model_copy(update={"adjustments": point}))


@pytest.mark.parametrize("point", POINTS, ids=["volume", "aht-fx", "aht-rates"])
def test_exact_answer_is_evaluate_of_the_adjusted_scenario(
    shop: tuple[cscost.Scenario, cscost.WhatIf], point: Adjustments
) -> None:
    scenario, model = shop
    exact = model.result(point, exact=True)
    reference = _evaluated(scenario, exact.adjustments)
    for option in exact.options:
        own = reference.option(option.name)
        assert (option.total, option.npv, option.rank) == (own.total, own.npv, own.rank)
    quick = model.result(point)
    assert quick.ranking() == exact.ranking()
    for fast, slow in zip(quick.options, exact.options, strict=True):
        assert fast.total == pytest.approx(slow.total, rel=0.005)


def test_at_the_scenario_s_own_point_quick_equals_evaluate(
    shop: tuple[cscost.Scenario, cscost.WhatIf],
) -> None:
    scenario, model = shop
    quick = model.result()
    reference = cscost.evaluate(scenario)
    for option in quick.options:
        assert option.total == pytest.approx(reference.option(option.name).total, rel=1e-12)
    assert quick.ranking() == [o.name for o in sorted(reference.options, key=lambda o: o.rank)]


def test_a_saved_what_if_starts_where_it_was_saved(
    shop: tuple[cscost.Scenario, cscost.WhatIf],
) -> None:
    scenario, _ = shop
    saved = scenario.model_copy(update={"adjustments": Adjustments(volume=1.3)})
    model = cscost.whatif(saved)
    assert model.start.volume == 1.3
    assert model.base.adjustments is None
    assert model.result(exact=True).options[0].total == cscost.evaluate(saved).options[0].total


def test_aht_moves_on_its_steps_and_ranges_are_enforced(
    shop: tuple[cscost.Scenario, cscost.WhatIf],
) -> None:
    _, model = shop
    assert aht_of_step(0) == 1.0
    assert aht_step(1.06) == 1  # exp(0.05) = 1.0513 is the nearest step
    assert model.point(Adjustments(aht=1.06)).aht == aht_of_step(1)
    with pytest.raises(ArgumentError, match="volume must lie in 0.5"):
        model.result(Adjustments(volume=2.5))
    too_long = aht_of_step(AHT_STEPS[-1] + 1)
    with pytest.raises(ArgumentError, match="AHT must lie in"):
        model.result(Adjustments(aht=too_long))
    with pytest.raises(ArgumentError, match="no vendor `nobody`"):
        model.result(Adjustments(rates={"nobody": 0.9}))
