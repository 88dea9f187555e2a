"""Break-even volumes against crossings solved by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cscost.decide.breakeven import breakeven
from cscost.decide.quality import option_costs
from cscost.io import load_scenario
from cscost.model import Scenario
from cscost.report.words import crossing_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _scenario(vendors: list[dict[str, Any]], monthly: float = 4000.0) -> Scenario:
    """No in-house: every option gives the one e-mail queue to one vendor, 12 months."""
    return Scenario.model_validate(
        {
            "scenario": {
                "name": "b",
                "currency": "CNY",
                "start": "2027-01",
                "months": 12,
                "interval_minutes": 60,
            },
            "queues": [
                {
                    "id": "mail",
                    "channel": "email",
                    "language": "zh",
                    "volume": {"values": [monthly] * 12},
                    "aht": "6m",
                    "hours": "24/7",
                    "target": {"respond_within": "24h", "level": 0.9},
                }
            ],
            "vendors": vendors,
            "options": [{"name": v["id"], "assign": {"mail": v["id"]}} for v in vendors],
        }
    )


def test_per_contact_against_fixed_monthly() -> None:
    """2.00 per contact vs 10,000 a month at 4,000 contacts a month.

    By hand: 2 × 4000 k = 10000  ⇒  k* = 1.25; the fixed fee is cheaper above it.
    """
    scenario = _scenario(
        [
            {"id": "pc", "fees": [{"kind": "per_contact", "rate": 2.0}]},
            {"id": "flat", "fees": [{"kind": "fixed_monthly", "amount": 10000}]},
        ]
    )
    result = breakeven(scenario)
    assert len(result.crossings) == 1
    crossing = result.crossings[0]
    assert crossing.factor == pytest.approx(1.25, rel=0.005)
    assert crossing.cheaper_above == "flat"
    assert crossing.cheaper_below == "pc"
    assert crossing_text(crossing) == "flat is cheaper than pc above 1.25× forecast"
    assert crossing.total == pytest.approx(120000, rel=0.005)
    # the curves: per contact is linear in the factor, the fixed fee flat
    factors = np.asarray(result.factors)
    assert np.allclose(result.totals["pc"], 2.0 * 4000 * 12 * factors, rtol=1e-9)
    assert np.allclose(result.totals["flat"], 120000.0, rtol=1e-12)


def test_hybrid_against_per_contact_with_tax() -> None:
    """5,000 a month + 1.00 per contact vs 3.00 per contact, both taxed 6 %, 3,000 a month.

    By hand: 5000 + 1 × 3000 k = 3 × 3000 k  ⇒  k* = 5000 / 6000 = 0.8333 (tax cancels);
    the per-contact quote is cheaper below it.
    """
    scenario = _scenario(
        [
            {
                "id": "hybrid",
                "fees": [
                    {"kind": "fixed_monthly", "amount": 5000},
                    {"kind": "per_contact", "rate": 1.0},
                ],
                "tax_rate": 0.06,
            },
            {"id": "pc", "fees": [{"kind": "per_contact", "rate": 3.0}], "tax_rate": 0.06},
        ],
        monthly=3000.0,
    )
    result = breakeven(scenario, np.linspace(0.5, 2.0, 7))
    assert len(result.crossings) == 1
    assert result.crossings[0].factor == pytest.approx(5000 / 6000, rel=0.005)
    assert result.crossings[0].cheaper_above == "hybrid"


def test_minimum_makes_a_crossing_where_the_rates_alone_would_not() -> None:
    """1.00 per contact with a 6,000 minimum vs 1.50 per contact, 5,000 contacts a month.

    By hand: below 6000 contacts the first bills 6000, the second 1.5 × 5000 k:
    equal at k = 0.8; above 1.2 (6000 contacts) the first is 1.0 per contact, cheaper.
    So 'min' is cheaper above 0.8, and nothing crosses again.
    """
    scenario = _scenario(
        [
            {"id": "min", "fees": [{"kind": "per_contact", "rate": 1.0}], "minimum_monthly": 6000},
            {"id": "pc", "fees": [{"kind": "per_contact", "rate": 1.5}]},
        ],
        monthly=5000.0,
    )
    result = breakeven(scenario, np.linspace(0.5, 2.0, 16))
    assert [c.cheaper_above for c in result.crossings] == ["min"]
    assert result.crossings[0].factor == pytest.approx(0.8, rel=0.005)


def test_no_crossing_when_one_option_is_always_cheaper() -> None:
    scenario = _scenario(
        [
            {"id": "cheap", "fees": [{"kind": "per_contact", "rate": 1.0}]},
            {"id": "dear", "fees": [{"kind": "per_contact", "rate": 2.0}]},
        ]
    )
    result = breakeven(scenario, [0.5, 1.0, 2.0])
    assert result.crossings == ()
    doc = result.to_dict()
    assert doc["factors"] == [0.5, 1.0, 2.0]
    assert set(doc["totals"]) == {"cheap", "dear"}
    assert list(result.to_frame().columns) == ["factor", "cheap", "dear"]


@pytest.mark.parametrize("example", ["bank", "ecommerce", "saas"])
def test_staged_grid_totals_equal_evaluations_one_factor_at_a_time(example: str) -> None:
    """The grid staffed at once (decide/staging.py) gives each option's total of a full
    evaluation with every queue's volume × k, bit for bit (bank and ecommerce: vendors
    whose AHT ramps over the first months, saas: one AHT throughout)."""
    scenario = load_scenario(EXAMPLES / f"{example}.yaml")
    factors = (0.7, 1.45)
    result = breakeven(scenario, factors=factors)
    for i, k in enumerate(factors):
        alone = option_costs(scenario, volume_scale=k)  # a new staffer: nothing staged
        assert {name: totals[i] for name, totals in result.totals.items()} == {
            name: total for name, (total, _) in alone.items()
        }


def test_costs_kept_by_a_staffer_equal_fresh_costs_and_are_not_priced_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """:meth:`Staffer.costs`: an option asked again on equal volumes (new arrays, the same
    content) of the same scenario is not priced again, and every answer is a fresh one."""
    from cscost.decide import quality
    from cscost.evaluate.parts import Staffer

    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    names = [o.name for o in scenario.resolved_options()]
    fresh = option_costs(scenario, volume_scale=1.1)
    priced: list[list[str]] = []
    real = quality.priced_options

    def counted(*args: Any) -> Any:
        priced.append(list(args[2]))
        return real(*args)

    monkeypatch.setattr(quality, "priced_options", counted)
    staffer = Staffer(contacts_when_priced=True)
    some = option_costs(scenario, volume_scale=1.1, names=names[1:3], staffer=staffer)
    every = option_costs(scenario, volume_scale=1.1, staffer=staffer)
    again = option_costs(scenario, volume_scale=1.1, staffer=staffer)
    assert some == {n: fresh[n] for n in names[1:3]}
    assert every == again == fresh
    assert list(every) == names
    assert priced == [names[1:3], [names[0], *names[3:]]]


def test_decide_staging_both_grids_at_once_equals_each_analysis_alone() -> None:
    """decide stages the break-even grid and the tornado's volume factors together and
    prices a shared factor once: its tornado and break-even are those of fresh runs."""
    from cscost.decide.recommendation import decide
    from cscost.decide.sensitivity import sensitivity

    scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
    decision = decide(scenario)
    assert decision.breakeven.to_dict() == breakeven(scenario).to_dict()
    assert decision.sensitivity.to_dict() == sensitivity(scenario).to_dict()
