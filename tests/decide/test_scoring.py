"""Scoring and recommendation: the weighted sum by hand, weight flips, and flips that
happen when the weights or the uncertainty that should flip them change — and not
otherwise."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from cscost.decide.recommendation import decide
from cscost.decide.scoring import Criteria, score, weight_flip
from cscost.model import Scenario, Scoring
from cscost.report.words import recommendation_document, recommendation_text


def _weights(**w: float) -> Scoring:
    return Scoring.model_validate(w)


def test_weighted_sum_by_hand() -> None:
    """S = 100 (lowest NPV). a: cost 1, quality 0.8/0.9, flex 1 − 10/100, risk 1 − 20/100."""
    criteria = [
        Criteria("a", cost=100.0, quality=0.8, flexibility=10.0, risk=30.0),
        Criteria("b", cost=120.0, quality=0.9, flexibility=0.0, risk=10.0),
    ]
    table = score(criteria, _weights(cost=0.4, quality=0.3, flexibility=0.2, risk=0.1), "test")
    a, b = table.option("a"), table.option("b")
    assert table.scale == 100.0
    assert a.normalised == pytest.approx(
        {"cost": 1.0, "quality": 0.8 / 0.9, "flexibility": 0.9, "risk": 0.8}
    )
    assert b.normalised == pytest.approx(
        {"cost": 0.8, "quality": 1.0, "flexibility": 1.0, "risk": 1.0}
    )
    assert a.score == pytest.approx(0.4 + 0.3 * 0.8 / 0.9 + 0.2 * 0.9 + 0.1 * 0.8)
    assert b.score == pytest.approx(0.4 * 0.8 + 0.3 + 0.2 + 0.1)
    assert [o.option for o in table.options] == ["a", "b"]  # 0.9267 against 0.92
    assert table.to_dict()["method"] == "weighted sum"


def test_weight_flip_is_exact() -> None:
    """Moving weight onto quality up to the reported level flips the choice; just below not."""
    criteria = [
        Criteria("cheap", cost=100.0, quality=0.70, flexibility=0.0, risk=0.0),
        Criteria("good", cost=110.0, quality=0.90, flexibility=0.0, risk=0.0),
    ]
    table = score(criteria, _weights(cost=0.8, quality=0.2), "test")
    assert table.best.option == "cheap"
    flip = weight_flip(table, "quality")
    assert flip is not None
    assert flip.option == "good"
    # lead 0.8 × 0.1 − 0.2 × (1 − 7/9) … solved: quality weight w with (1 − w)·0.1 = w·2/9
    assert flip.weight_after == pytest.approx(0.1 / (0.1 + 2 / 9))
    for w, winner in ((flip.weight_after - 1e-6, "cheap"), (flip.weight_after + 1e-6, "good")):
        assert score(criteria, _weights(cost=1 - w, quality=w), "test").best.option == winner
    assert weight_flip(table, "cost") is None  # cheap is best on cost already


def _scenario(
    *,
    weights: dict[str, float],
    uncertainty: dict[str, float],
    flat: float = 10500.0,
    pc_currency: str = "CNY",
) -> Scenario:
    """Two quotes for one e-mail queue, 10,000 contacts a month, no in-house:

    - ``pc``: 1.00 per contact, FCR 0.70 (cheaper, moves with volume);
    - ``flat``: ``flat`` a month, FCR 0.90 (dearer, does not move).
    """
    return Scenario.model_validate(
        {
            "scenario": {
                "name": "r",
                "currency": "CNY",
                "start": "2027-01",
                "months": 12,
                "interval_minutes": 60,
                "fx": {"USD": 1.0},
            },
            "queues": [
                {
                    "id": "mail",
                    "channel": "email",
                    "language": "zh",
                    "volume": {"values": [10000.0] * 12},
                    "aht": "6m",
                    "hours": "24/7",
                    "target": {"respond_within": "24h", "level": 0.9},
                }
            ],
            "vendors": [
                {
                    "id": "pc",
                    "name": "Per Contact Ltd",
                    "currency": pc_currency,
                    "fees": [{"kind": "per_contact", "rate": 1.0}],
                    "kpis": {"fcr": 0.7},
                },
                {
                    "id": "flat",
                    "fees": [{"kind": "fixed_monthly", "amount": flat}],
                    "kpis": {"fcr": 0.9},
                    "included": ["setup", "training"],
                },
            ],
            "options": [
                {"name": "pc", "assign": {"mail": "pc"}},
                {"name": "flat", "assign": {"mail": "flat"}},
            ],
            "uncertainty": uncertainty,
            "scoring": weights,
        }
    )


FACTORS = (0.5, 1.0, 2.0)


def _best(**kwargs: Any) -> str:
    return decide(_scenario(**kwargs), factors=FACTORS).recommendation.best


def test_recommendation_flips_with_the_weights() -> None:
    """All on cost → the per-contact quote; all on quality → the better FCR."""
    low = {"volume": 0.05}
    assert _best(weights={"cost": 1.0}, uncertainty=low) == "pc"
    assert _best(weights={"quality": 1.0}, uncertainty=low) == "flat"
    # flexibility is the same for both (no fees, no minimums): it cannot flip the choice
    assert _best(weights={"cost": 0.5, "flexibility": 0.5}, uncertainty=low) == "pc"


def test_recommendation_flips_with_volume_uncertainty() -> None:
    """Cost and risk weighed equally; pc is 5 % cheaper but its bill moves with volume.

    Risk (first order) of pc = 1.2816 × sd × 120,000; of flat 0. With S = 120,000 the
    lead of pc is 0.5 × 0.05 − 0.5 × 1.2816 × sd: positive for sd = 2 %, negative for 30 %.
    """
    weights = {"cost": 0.5, "risk": 0.5}
    assert _best(weights=weights, uncertainty={"volume": 0.02}) == "pc"
    assert _best(weights=weights, uncertainty={"volume": 0.30}) == "flat"
    # handle-time uncertainty moves neither bill: no flip
    assert _best(weights=weights, uncertainty={"volume": 0.02, "aht": 0.5}) == "pc"


def test_recommendation_flips_with_currency_uncertainty() -> None:
    """The same per-contact quote in USD at 1.00 CNY: only the fx sd moves its bill, so a
    small fx sd keeps it, a large one hands the choice to the fixed CNY fee; the same fx sd
    on a CNY quote changes nothing."""
    weights = {"cost": 0.5, "risk": 0.5}
    low = {"volume": 0.001, "fx": 0.02}
    high = {"volume": 0.001, "fx": 0.30}
    assert _best(weights=weights, uncertainty=low, pc_currency="USD") == "pc"
    assert _best(weights=weights, uncertainty=high, pc_currency="USD") == "flat"
    assert _best(weights=weights, uncertainty=high, pc_currency="CNY") == "pc"


def test_recommendation_text_and_parts() -> None:
    scenario = _scenario(weights={"cost": 0.7, "quality": 0.3}, uncertainty={"volume": 0.1})
    decision = decide(scenario, factors=FACTORS)
    rec = decision.recommendation
    assert rec.best == "pc"
    assert rec.runner_up == "flat"
    assert rec.npv_margin > 0
    text = recommendation_text(rec, "en")
    assert "Recommended: pc" in text
    assert "flat" in text
    # the break-even crossing: flat (fixed) is cheaper above 1.05× forecast
    assert [round(c.factor, 2) for c in rec.crossings] == [1.05]
    assert "flat is cheaper than pc above 1.05×" in text
    # flat is better on quality and on risk: weight moved onto either flips the choice
    assert [f.criterion for f in rec.weight_flips] == ["quality", "risk"]
    # the vendor's missing fee categories, first three, by display name
    assert len(rec.questions) == 3
    assert all(v == "Per Contact Ltd" for v, _ in rec.questions)
    doc = decision.to_dict()
    assert set(doc) == {"risk", "sensitivity", "breakeven", "score", "recommendation"}
    assert doc["risk"] is None
    assert doc["score"]["risk_source"] == "sensitivity"
    assert doc["score"]["options"][0]["quality"]["fcr"] == pytest.approx(0.7)
    zh = recommendation_document(decide(scenario, factors=FACTORS).recommendation, "zh")
    assert zh["text"].startswith("推荐：pc")
    assert zh["lang"] == "zh"


def test_monte_carlo_result_supplies_risk_and_minimums() -> None:
    """A risk result (duck-typed as RiskResult) replaces the sensitivity spread."""

    def option(name: str, p50: float, p90: float) -> SimpleNamespace:
        return SimpleNamespace(
            name=name, p50=p50, p90=p90, minimum_shortfall=np.zeros(4), to_dict=lambda: {}
        )

    risk = SimpleNamespace(
        options=(option("pc", 100.0, 50100.0), option("flat", 0.0, 0.0)),
        to_dict=lambda: {"samples": 4},
    )
    scenario = _scenario(weights={"cost": 0.5, "risk": 0.5}, uncertainty={"volume": 0.02})
    decision = decide(scenario, factors=FACTORS, risk=risk)
    assert decision.score.risk_source == "montecarlo"
    assert decision.score.option("pc").criteria.risk == 50000.0
    assert decision.recommendation.best == "flat"  # a 50,000 spread outweighs 6,000 of cost
    assert decision.to_dict()["risk"] == {"samples": 4}


def test_with_the_monte_carlo_module() -> None:
    """The real Monte Carlo result feeds the risk criterion and the minimums."""
    montecarlo = pytest.importorskip("cscost.evaluate.montecarlo")
    scenario = _scenario(
        weights={"cost": 0.5, "risk": 0.5}, uncertainty={"volume": 0.3, "samples": 500}
    )
    risk = montecarlo.monte_carlo(scenario, np.random.default_rng(5))
    decision = decide(scenario, factors=FACTORS, risk=risk)
    pc = risk.option("pc")
    assert decision.score.risk_source == "montecarlo"
    assert decision.score.option("pc").criteria.risk == pytest.approx(pc.p90 - pc.p50)
    assert decision.score.option("flat").criteria.risk == pytest.approx(0.0, abs=1e-6)
    assert decision.recommendation.best == "flat"
    assert decision.to_dict()["risk"]["samples"] == 500
