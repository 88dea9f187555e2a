"""Break-even: total cost per option as volume runs over a range of the forecast.

Every queue's volume is multiplied by a factor k (0.5 … 2 by default) and each option
is staffed and priced again exactly at each k of the grid (a per-FTE bill does not scale
linearly with volume). For each pair of options (a, b), d(k) = total_a(k) − total_b(k);
where d changes sign between two grid points the crossing is first placed by linear
interpolation, then refined by bisection with exact evaluations of the two options
until the bracket is narrower than 0.1 % of k (``tolerance``). A grid point where
d = 0 is a crossing itself. Ranking is by total cost (tax included), as in the curves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array
from cscost.decide.quality import option_costs, scaled_volumes
from cscost.decide.staging import stage_grid
from cscost.demand.assembly import interval_volumes_by_queue
from cscost.evaluate.parts import Staffer
from cscost.model import Scenario

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_FACTORS: tuple[float, ...] = tuple(float(x) for x in np.linspace(0.5, 2.0, 16))
TOLERANCE = 1e-3


@dataclass(frozen=True)
class Crossing:
    """Where two options swap places: ``cheaper_above`` is cheaper above ``factor``."""

    factor: float
    cheaper_above: str
    cheaper_below: str
    total: float  # the common total at the crossing (mean of the two)


@dataclass(frozen=True)
class BreakEven:
    """Totals per option on the grid of volume factors, and the crossings."""

    currency: str
    factors: tuple[float, ...]
    totals: Mapping[str, tuple[float, ...]]  # option → total at each factor
    crossings: tuple[Crossing, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (docs/decision.md); :mod:`cscost.report.words` adds each crossing's text."""
        return {
            "currency": self.currency,
            "factors": list(self.factors),
            "totals": {name: list(values) for name, values in self.totals.items()},
            "crossings": [
                {
                    "factor": c.factor,
                    "cheaper_above": c.cheaper_above,
                    "cheaper_below": c.cheaper_below,
                    "total": c.total,
                }
                for c in self.crossings
            ],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per factor, one column per option."""
        import pandas as pd

        return pd.DataFrame({"factor": self.factors, **self.totals})


def _difference(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None,
    a: str,
    b: str,
    k: float,
    staffer: Staffer | None = None,
) -> tuple[float, float, float]:
    costs = option_costs(scenario, forecasts, volume_scale=k, names=(a, b), staffer=staffer)
    return costs[a][0] - costs[b][0], costs[a][0], costs[b][0]


def refine_crossing(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None,
    pair: tuple[str, str],
    bracket: tuple[float, float],
    diffs: tuple[float, float],
    tolerance: float = TOLERANCE,
    staffer: Staffer | None = None,
) -> tuple[float, float]:
    """(k, total) where total_a − total_b changes sign in ``bracket`` to ``tolerance`` × k.

    The first probe is the linear interpolation of ``diffs``; then bisection.
    """
    a, b = pair
    lo, hi = bracket
    d_lo, d_hi = diffs
    probe = lo + (hi - lo) * d_lo / (d_lo - d_hi)
    total = float("nan")
    while True:
        d, total_a, total_b = _difference(scenario, forecasts, a, b, probe, staffer)
        total = (total_a + total_b) / 2.0
        if d == 0.0:
            return probe, total
        if (d > 0) == (d_lo > 0):
            lo, d_lo = probe, d
        else:
            hi, d_hi = probe, d
        if hi - lo <= tolerance * (lo + hi) / 2.0:
            return (lo + hi) / 2.0, total
        probe = (lo + hi) / 2.0


def _crossing(a: str, b: str, k: float, d_before: float, total: float) -> Crossing:
    """d = total_a − total_b was ``d_before`` below k: a positive d means b was cheaper."""
    if d_before > 0:
        return Crossing(k, a, b, total)
    return Crossing(k, b, a, total)


def pair_crossings(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None,
    factors: Sequence[float],
    totals: Mapping[str, Sequence[float]],
    pair: tuple[str, str],
    staffer: Staffer | None = None,
) -> list[Crossing]:
    """The crossings of one pair of options on the grid, refined."""
    a, b = pair
    d = np.asarray(totals[a], dtype=float) - np.asarray(totals[b], dtype=float)
    out: list[Crossing] = []
    for j in range(len(factors) - 1):
        if d[j] == 0.0 and j > 0 and d[j - 1] != 0.0 and d[j + 1] != 0.0:
            if (d[j - 1] > 0) != (d[j + 1] > 0):
                out.append(_crossing(a, b, factors[j], float(d[j - 1]), float(totals[a][j])))
            continue
        if d[j] == 0.0 or d[j + 1] == 0.0 or (d[j] > 0) == (d[j + 1] > 0):
            continue
        k, total = refine_crossing(
            scenario,
            forecasts,
            pair,
            (factors[j], factors[j + 1]),
            (float(d[j]), float(d[j + 1])),
            staffer=staffer,
        )
        out.append(_crossing(a, b, k, float(d[j]), total))
    return out


def breakeven(
    scenario: Scenario,
    factors: Sequence[float] | npt.NDArray[np.float64] = DEFAULT_FACTORS,
    forecasts: Mapping[str, Array] | None = None,
    staffer: Staffer | None = None,
) -> BreakEven:
    """Totals per option at each volume factor, and every crossing, by factor.

    ``staffer`` (default: a new one) solves each distinct interval once over all the runs;
    the solve totals of the whole grid are made at once (:mod:`cscost.decide.staging`).
    """
    staffer = Staffer(contacts_when_priced=True) if staffer is None else staffer
    grid = tuple(sorted(float(k) for k in factors))
    base = interval_volumes_by_queue(scenario, forecasts)
    volumes_at = [scaled_volumes(base, k) for k in grid]
    stage_grid(scenario, volumes_at, staffer)
    per_factor = [
        option_costs(scenario, forecasts, staffer=staffer, volumes=volumes)
        for volumes in volumes_at
    ]
    names = list(per_factor[0]) if per_factor else []
    totals = {name: tuple(costs[name][0] for costs in per_factor) for name in names}
    crossings = [
        c
        for pair in combinations(names, 2)
        for c in pair_crossings(scenario, forecasts, grid, totals, pair, staffer)
    ]
    return BreakEven(
        scenario.scenario.currency,
        grid,
        totals,
        tuple(sorted(crossings, key=lambda c: (c.factor, c.cheaper_above))),
    )
