"""The recommendation: the best option, the runner-up, the margin, what flips it, what to ask.

:func:`decide` runs the whole decision analysis of a scenario — sensitivity, break-even,
quality, flexibility, score — and :func:`recommend` states the recommendation as data
(names, numbers and codes; :func:`cscost.report.words.recommendation_text` words it in
en or zh from ``data/recommendation.json``):

1. the best option by score, the runner-up, the score margin and the NPV difference;
2. the conditions under which the choice flips: the break-even crossings that involve
   the best option (where another option becomes cheaper or dearer), and per criterion
   the weight at which another option would win (:mod:`cscost.decide.scoring`);
3. the top audit questions (fee categories the quotes do not state, in the audit's
   order of priority) of the vendors in the recommended option.

A Monte Carlo result, when given, supplies the risk criterion (P90 − P50 of the total)
and the expected minimum shortfall of each option (its mean over the samples).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cscost.arrays import Array
from cscost.decide.breakeven import (
    DEFAULT_FACTORS,
    BreakEven,
    Crossing,
    breakeven,
    stage_factors,
)
from cscost.decide.flexibility import OptionFlexibility, flexibility
from cscost.decide.quality import OptionQuality, quality
from cscost.decide.scoring import Criteria, ScoreTable, WeightFlip, score
from cscost.decide.sensitivity import Tornado, sensitivity, volume_factors
from cscost.evaluate.evaluation import Evaluation, evaluate
from cscost.evaluate.parts import Staffer
from cscost.evaluate.risk import RiskResult
from cscost.model import INHOUSE, Scenario

TOP_QUESTIONS = 3


@dataclass(frozen=True)
class Recommendation:
    """The recommended option with its runner-up, margin, flip conditions and questions."""

    best: str
    runner_up: str | None
    score_margin: float
    npv_margin: float  # NPV of the runner-up − NPV of the best (positive: best is cheaper)
    crossings: tuple[Crossing, ...]
    weight_flips: tuple[WeightFlip, ...]
    questions: tuple[tuple[str, str], ...]  # (vendor display name, audit category)
    best_score: float
    runner_up_score: float | None
    best_npv: float
    currency: str
    volume_range: tuple[float, float] | None  # the break-even grid's ends, when it ran

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (docs/decision.md), questions as audit categories.

        :func:`cscost.report.words.recommendation_document` adds the language, the
        questions' text and the recommendation's text.
        """
        return {
            "best": self.best,
            "runner_up": self.runner_up,
            "score_margin": self.score_margin,
            "npv_margin": self.npv_margin,
            "volume_flips": [
                {
                    "factor": c.factor,
                    "cheaper_above": c.cheaper_above,
                    "cheaper_below": c.cheaper_below,
                }
                for c in self.crossings
            ],
            "weight_flips": [
                {
                    "criterion": f.criterion,
                    "option": f.option,
                    "weight_before": f.weight_before,
                    "weight_after": f.weight_after,
                }
                for f in self.weight_flips
            ],
            "questions": [{"vendor": v, "category": c} for v, c in self.questions],
        }


def top_questions(
    scenario: Scenario, evaluation: Evaluation, option: str, limit: int = TOP_QUESTIONS
) -> tuple[tuple[str, str], ...]:
    """(vendor display name, category): the first ``limit`` missing categories of each
    vendor of ``option``, in the audit's order of priority."""
    providers = evaluation.option(option).providers
    out: list[tuple[str, str]] = []
    for vendor_id in (p for p in providers if p != INHOUSE):
        vendor = scenario.vendor(vendor_id)
        found = [f for f in evaluation.audit if f.vendor == vendor_id and f.status == "missing"]
        out += [(vendor.display_name, f.category) for f in found[:limit]]
    return tuple(out)


def recommend(
    scenario: Scenario,
    evaluation: Evaluation,
    table: ScoreTable,
    volume: BreakEven | None = None,
) -> Recommendation:
    """The recommendation and its parts (module docstring)."""
    best, runner = table.best, table.runner_up
    crossings = tuple(
        c
        for c in (volume.crossings if volume else ())
        if best.option in (c.cheaper_above, c.cheaper_below)
    )
    grid = (volume.factors[0], volume.factors[-1]) if volume and volume.factors else None
    return Recommendation(
        best=best.option,
        runner_up=runner.option if runner else None,
        score_margin=best.score - runner.score if runner else 0.0,
        npv_margin=runner.criteria.cost - best.criteria.cost if runner else 0.0,
        crossings=crossings,
        weight_flips=table.weight_flips(),
        questions=top_questions(scenario, evaluation, best.option),
        best_score=best.score,
        runner_up_score=runner.score if runner else None,
        best_npv=best.criteria.cost,
        currency=evaluation.currency,
        volume_range=grid,
    )


@dataclass(frozen=True)
class Decision:
    """Everything the decision rests on, and the recommendation."""

    evaluation: Evaluation = field(repr=False)
    sensitivity: Tornado
    breakeven: BreakEven
    quality: Mapping[str, OptionQuality]
    flexibility: Mapping[str, OptionFlexibility]
    score: ScoreTable
    recommendation: Recommendation
    risk: RiskResult | None = None

    def to_dict(self) -> dict[str, Any]:
        """The keys ``cscost evaluate --risk --format json`` adds (docs/decision.md)."""
        table = self.score.to_dict()
        for row in table["options"]:
            row["quality"] = self.quality[row["option"]].to_dict()
            row["flexibility"] = self.flexibility[row["option"]].to_dict()
        return {
            "risk": self.risk.to_dict() if self.risk is not None else None,
            "sensitivity": self.sensitivity.to_dict(),
            "breakeven": self.breakeven.to_dict(),
            "score": table,
            "recommendation": self.recommendation.to_dict(),
        }


def risk_figures(risk: RiskResult) -> tuple[dict[str, float], dict[str, float]]:
    """From a Monte Carlo result: option → P90 − P50 of the total, and → mean shortfall."""
    spread: dict[str, float] = {}
    shortfall: dict[str, float] = {}
    for item in risk.options:
        spread[item.name] = float(item.p90 - item.p50)
        shortfall[item.name] = float(np.mean(item.minimum_shortfall))
    return spread, shortfall


def decide(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None = None,
    *,
    risk: RiskResult | None = None,
    factors: Sequence[float] = DEFAULT_FACTORS,
    evaluation: Evaluation | None = None,
) -> Decision:
    """Sensitivity, break-even, quality, flexibility, score and the recommendation.

    The volume factors of the break-even grid and of the tornado are staffed at once
    (:func:`cscost.decide.breakeven.stage_factors`), and a factor both price is priced
    once (:meth:`Staffer.costs`): the same numbers as each analysis run on its own.
    ``evaluation`` (from ``evaluate``) is reused unless the repeat-contact model is on;
    ``risk`` is the result of :func:`cscost.evaluate.montecarlo.monte_carlo`, or None (the
    risk criterion then comes from the tornado, the minimums from the normal approximation).
    """
    if evaluation is None or scenario.quality.repeat_contacts:
        evaluation = evaluate(scenario, forecasts)
    staffer = Staffer(contacts_when_priced=True)  # one set of solves for both analyses
    stage_factors(
        scenario, sorted({*map(float, factors), *volume_factors(scenario)}), forecasts, staffer
    )
    tornado = sensitivity(scenario, forecasts, staffer)
    volume = breakeven(scenario, factors, forecasts, staffer)
    spread, simulated = risk_figures(risk) if risk is not None else ({}, {})
    qualities = quality(scenario, evaluation)
    flex = flexibility(scenario, evaluation, simulated or None)
    criteria = [
        Criteria(
            option=o.name,
            cost=o.npv,
            quality=qualities[o.name].index,
            flexibility=flex[o.name].cost,
            risk=spread.get(o.name, tornado.option(o.name).spread),
        )
        for o in evaluation.options
    ]
    table = score(criteria, scenario.scoring, "montecarlo" if spread else "sensitivity")
    return Decision(
        evaluation=evaluation,
        sensitivity=tornado,
        breakeven=volume,
        quality=qualities,
        flexibility=flex,
        score=table,
        recommendation=recommend(scenario, evaluation, table, volume),
        risk=risk,
    )
