"""Quality: the repeat-contact model, achieved service level, the quality index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cscost.decide.quality import achieved_service_level, option_costs, quality
from cscost.evaluate.evaluation import evaluate
from cscost.evaluate.repeats import contacts_per_issue, repeat_factor
from cscost.io import load_scenario
from cscost.model import Scenario
from cscost.staffing import queue_metrics

MONTHLY = 3000.0


def _scenario(repeat: bool, **extra: Any) -> Scenario:
    data: dict[str, Any] = {
        "scenario": {
            "name": "q",
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
                "volume": {"values": [MONTHLY] * 12},
                "aht": "6m",
                "hours": "24/7",
                "target": {"respond_within": "24h", "level": 0.9},
                "fcr": 0.8,
            }
        ],
        "inhouse": {"agent_monthly_cost": {"general": 8000}},
        "vendors": [
            {
                "id": "weak",
                "fees": [{"kind": "per_contact", "rate": 2.0}],
                "kpis": {"fcr": 0.6, "csat": 0.8, "qa_score": 0.9, "service_level": 0.8},
            },
        ],
        "options": [
            {"name": "in-house", "assign": {}},
            {"name": "weak", "assign": {"mail": "weak"}},
        ],
        "quality": {"repeat_contacts": repeat},
    }
    data.update(extra)
    return Scenario.model_validate(data)


def test_contacts_per_issue() -> None:
    """One repeat per unresolved first contact: 2 − f."""
    assert contacts_per_issue(1.0) == 1.0
    assert contacts_per_issue(0.7) == pytest.approx(1.3)


def test_repeat_contacts_scale_the_vendor_bill() -> None:
    """FCR 0.6 against the queue's 0.8: V′ = V (2 − 0.6)/(2 − 0.8) = 3500 a month.

    Bill by hand: 2.0 × 3500 × 12 = 84,000 (without repeats 72,000).
    """
    off = option_costs(_scenario(False))
    on = option_costs(_scenario(True))
    assert off["weak"][0] == pytest.approx(72000.0, rel=1e-9)
    assert on["weak"][0] == pytest.approx(84000.0, rel=1e-9)
    # in-house works at the queue's own FCR: unchanged
    assert on["in-house"][0] == pytest.approx(off["in-house"][0], rel=1e-12)
    factor = repeat_factor(_scenario(True))
    assert factor is not None
    assert factor("mail", "weak") == pytest.approx(1.4 / 1.2)
    assert repeat_factor(_scenario(False)) is None


def test_evaluate_applies_repeats_and_matches_without() -> None:
    plain = _scenario(False)
    same = evaluate(plain)
    ref = evaluate(plain)
    assert [o.total for o in same.options] == [o.total for o in ref.options]
    with_repeats = evaluate(_scenario(True))
    weak = with_repeats.option("weak")
    assert weak.total == pytest.approx(84000.0, rel=1e-9)
    assert float(weak.volume.sum()) == pytest.approx(3500.0 * 12, rel=1e-9)


def _voice(volume: float) -> Scenario:
    return Scenario.model_validate(
        {
            "scenario": {
                "name": "v",
                "currency": "CNY",
                "start": "2027-01",
                "months": 2,
                "interval_minutes": 60,
            },
            "queues": [
                {
                    "id": "voice",
                    "channel": "voice",
                    "language": "zh",
                    "volume": {"values": [volume, volume]},
                    "aht": "300s",
                    "hours": "24/7",
                    "target": {"answer_within": "20s", "level": 0.8},
                    "fcr": 0.75,
                    "pattern": {"weekdays": [1, 1, 1, 1, 1, 1, 1], "intraday": "flat"},
                }
            ],
            "inhouse": {"agent_monthly_cost": {"general": 8000}},
        }
    )


def test_achieved_service_level_of_a_flat_queue_is_erlang_c_of_one_interval() -> None:
    """Flat week and day: within a month every interval has the same volume and agents, so
    the month's level is the Erlang C service level of one interval; the two months (31 and
    28 days, the same monthly volume) weigh equally."""
    scenario = _voice(72000.0)  # ≈ 100 calls an hour
    result = evaluate(scenario)
    part = result.options[0].parts[0]
    achieved = achieved_service_level(scenario, part)
    levels = [
        float(
            np.asarray(
                queue_metrics(
                    part.plan.agents[m, 0, 0],
                    part.plan.interval_volume[m, 0, 0],
                    3600.0,
                    300.0,
                    20.0,
                ).service_level
            )
        )
        for m in (0, 1)
    ]
    assert achieved == pytest.approx(sum(levels) / 2, rel=1e-9)
    assert 0.8 <= achieved <= 1.0


def test_quality_index_by_hand() -> None:
    """Vendor: mean of FCR 0.6, CSAT 0.8, QA 0.9 and min(SL/target, 1) = 1 → 0.825.
    In-house: mean of the queue's FCR 0.8 and 1 → 0.9 (deferred: SL = target)."""
    scenario = _scenario(False)
    result = quality(scenario, evaluate(scenario))
    weak = result["weak"]
    assert weak.index == pytest.approx((0.6 + 0.8 + 0.9 + 1.0) / 4)
    assert weak.parts[0].promised_level == 0.8
    assert weak.parts[0].achieved_level == 0.9
    assert result["in-house"].index == pytest.approx(0.9)
    assert result["in-house"].fcr == pytest.approx(0.8)
    assert weak.cost_per_resolved_contact == pytest.approx(72000.0 / (MONTHLY * 12 * 0.6))
    doc = weak.to_dict()
    assert doc["parts"][0]["csat"] == 0.8


def test_repeat_contacts_grow_the_staffing_of_an_hours_based_vendor() -> None:
    """Billed per productive hour: the hours, the FTE and the bill grow by the factor 7/6
    (deferred work: hours are linear in volume)."""
    vendor = {
        "id": "weak",
        "fees": [{"kind": "per_productive_hour", "rate": 100.0}],
        "kpis": {"fcr": 0.6},
    }
    off = evaluate(_scenario(False, vendors=[vendor])).option("weak")
    on = evaluate(_scenario(True, vendors=[vendor])).option("weak")
    assert on.total == pytest.approx(off.total * 1.4 / 1.2, rel=1e-9)
    assert on.fte.sum() == pytest.approx(off.fte.sum() * 1.4 / 1.2, rel=1e-9)


@pytest.mark.parametrize("example", ["saas", "bank"])
def test_achieved_levels_made_once_per_plan_equal_each_part_on_its_own(example: str) -> None:
    """:func:`quality` makes the level of a plan shared by several options once; each
    part's level is still :func:`achieved_service_level` of that part, bit for bit."""
    scenario = load_scenario(Path(__file__).parents[2] / "examples" / f"{example}.yaml")
    evaluation = evaluate(scenario)
    parts = [p for o in evaluation.options for p in o.parts]
    assert len({id(p.plan) for p in parts}) < len(parts)  # some plans are shared
    found = quality(scenario, evaluation)
    for option in evaluation.options:
        levels = [q.achieved_level for q in found[option.name].parts]
        alone = [achieved_service_level(scenario, p) for p in option.parts]
        assert [float(x).hex() for x in levels] == [float(x).hex() for x in alone]
