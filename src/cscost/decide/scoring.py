"""Scoring: cost, quality, flexibility and risk of each option, normalised and weighted.

Criteria per option:

- **cost**: NPV (lower is better);
- **quality**: the quality index of :mod:`cscost.decide.quality` (higher is better);
- **flexibility**: the flexibility cost of :mod:`cscost.decide.flexibility`, exit after
  12 months + expected cost of minimums (lower is better);
- **risk**: P90 − P50 of the total from Monte Carlo when given, else the tornado's
  first-order spread 1.2816 × √Σ(swing/2)² (lower is better).

**Method: a weighted sum**, score_j = Σ_c w_c · n_c,j with the weights of ``scoring``
(normalised to add up to 1). Chosen over TOPSIS because it is linear in the weights,
so the weight change that flips the choice has a closed form and a buyer can check the
arithmetic, and because adding or removing an option does not reorder the others
through a moved ideal point (TOPSIS's rank reversal).

**Normalisation.** The three money criteria share one scale S, the lowest NPV of the
options (the cheapest option's cost; |NPV| or 1 if it is not positive):

    n_money,j = 1 − (x_j − min x) / S

so one unit of currency counts the same whether it is cost, exit cost or risk, and the
best option on a criterion gets 1. Min–max scaling was rejected: it stretches every
criterion to 0…1, so a 0.1 % difference in risk would weigh like a 50 % one and only
the order of the options would matter. Quality is a share already: n_quality,j =
q_j / max q, so an option 5 % below the best quality loses 0.05 × w_quality, as much as
a cost 5 % of S higher would with equal weights.

**Weight flips.** Moving a share δ of the weight onto criterion c,
w(δ) = (1 − δ) w + δ e_c, changes the lead of the best option b over another j,
D = score_b − score_j, linearly: D(δ) = (1 − δ) D₀ + δ (n_c,b − n_c,j). It reaches 0 at
δ* = D₀ / (D₀ − (n_c,b − n_c,j)) when j beats b on c; the weight of c is then
(1 − δ*) w_c + δ*. The smallest δ* over j is reported per criterion.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cscost.model import Scoring

if TYPE_CHECKING:
    import pandas as pd

CRITERIA: tuple[str, ...] = ("cost", "quality", "flexibility", "risk")
LOWER_IS_BETTER: frozenset[str] = frozenset({"cost", "flexibility", "risk"})


@dataclass(frozen=True)
class Criteria:
    """The raw criteria of one option: NPV, quality index, flexibility cost, risk spread."""

    option: str
    cost: float
    quality: float
    flexibility: float
    risk: float

    def value(self, criterion: str) -> float:
        """The raw value of ``criterion``."""
        result: float = getattr(self, criterion)
        return result


@dataclass(frozen=True)
class OptionScore:
    """One option's criteria, their normalised values, its weighted score and rank."""

    criteria: Criteria
    normalised: Mapping[str, float]
    score: float
    rank: int

    @property
    def option(self) -> str:
        """The option's name."""
        return self.criteria.option


@dataclass(frozen=True)
class WeightFlip:
    """The weight of ``criterion`` at which ``option`` overtakes the best option."""

    criterion: str
    option: str
    weight_before: float
    weight_after: float


@dataclass(frozen=True)
class ScoreTable:
    """Every option scored, best first."""

    weights: Mapping[str, float]
    scale: float
    risk_source: str  # "montecarlo" or "sensitivity"
    options: tuple[OptionScore, ...]

    @property
    def best(self) -> OptionScore:
        """The option with the highest score."""
        return self.options[0]

    @property
    def runner_up(self) -> OptionScore | None:
        """The second best option, if there is one."""
        return self.options[1] if len(self.options) > 1 else None

    def option(self, name: str) -> OptionScore:
        """The score of the option called ``name``."""
        for item in self.options:
            if item.option == name:
                return item
        raise KeyError(name)

    def weight_flips(self) -> tuple[WeightFlip, ...]:
        """Per criterion, the least weight moved onto it that makes another option win."""
        return tuple(f for c in CRITERIA if (f := weight_flip(self, c)) is not None)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (docs/decision.md)."""
        return {
            "method": "weighted sum",
            "weights": dict(self.weights),
            "scale": self.scale,
            "risk_source": self.risk_source,
            "options": [
                {
                    "option": o.option,
                    "rank": o.rank,
                    "score": o.score,
                    "criteria": {c: o.criteria.value(c) for c in CRITERIA},
                    "normalised": dict(o.normalised),
                }
                for o in self.options
            ],
            "weight_flips": [
                {
                    "criterion": f.criterion,
                    "option": f.option,
                    "weight_before": f.weight_before,
                    "weight_after": f.weight_after,
                }
                for f in self.weight_flips()
            ],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per option: rank, score, raw and normalised criteria."""
        import pandas as pd

        return pd.DataFrame.from_records(
            [
                {
                    "option": o.option,
                    "rank": o.rank,
                    "score": o.score,
                    **{c: o.criteria.value(c) for c in CRITERIA},
                    **{f"{c}_normalised": v for c, v in o.normalised.items()},
                }
                for o in self.options
            ]
        )


def money_scale(criteria: list[Criteria]) -> float:
    """S: the lowest NPV if positive, else the largest |NPV|, else 1."""
    lowest = min(c.cost for c in criteria)
    if lowest > 0:
        return lowest
    largest = max(abs(c.cost) for c in criteria)
    return largest if largest > 0 else 1.0


def normalised(criteria: list[Criteria], scale: float) -> list[dict[str, float]]:
    """n_money = 1 − (x − min x) / S; n_quality = q / max q (NaN quality → 0)."""
    out: list[dict[str, float]] = [{} for _ in criteria]
    for name in CRITERIA:
        values = [c.value(name) for c in criteria]
        if name in LOWER_IS_BETTER:
            low = min(values)
            for row, x in zip(out, values, strict=True):
                row[name] = 1.0 - (x - low) / scale
        else:
            known = [0.0 if math.isnan(x) else x for x in values]
            high = max(known)
            for row, x in zip(out, known, strict=True):
                row[name] = x / high if high > 0 else 1.0
    return out


def weights_of(scoring: Scoring) -> dict[str, float]:
    """The four weights by criterion name."""
    return {c: float(getattr(scoring, c)) for c in CRITERIA}


def score(criteria: list[Criteria], scoring: Scoring, risk_source: str) -> ScoreTable:
    """Weighted sum of the normalised criteria; ranked by score (then NPV)."""
    weights = weights_of(scoring)
    scale = money_scale(criteria)
    norms = normalised(criteria, scale)
    totals = [math.fsum(weights[c] * n[c] for c in CRITERIA) for n in norms]
    order = sorted(range(len(criteria)), key=lambda k: (-totals[k], criteria[k].cost))
    return ScoreTable(
        weights,
        scale,
        risk_source,
        tuple(OptionScore(criteria[k], norms[k], totals[k], r + 1) for r, k in enumerate(order)),
    )


def weight_flip(table: ScoreTable, criterion: str) -> WeightFlip | None:
    """The least shift of weight onto ``criterion`` that lets another option win (docstring)."""
    best = table.best
    found: tuple[float, str] | None = None
    for other in table.options[1:]:
        lead = best.score - other.score
        gap = best.normalised[criterion] - other.normalised[criterion]
        if gap >= 0 or lead - gap <= 0:
            continue
        delta = lead / (lead - gap)
        if 0 <= delta < 1 and (found is None or delta < found[0]):
            found = (delta, other.option)
    if found is None:
        return None
    delta, option = found
    before = table.weights[criterion]
    return WeightFlip(criterion, option, before, (1 - delta) * before + delta)
