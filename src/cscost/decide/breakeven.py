"""Break-even: total cost per option as volume runs over a range of the forecast.

Every queue's volume is multiplied by a factor k (0.5 … 2 by default) and each option
is staffed and priced again exactly at each k of the grid (a per-FTE bill does not scale
linearly with volume). For each pair of options (a, b), d(k) = total_a(k) − total_b(k);
where d changes sign between two grid points the crossing is first placed by linear
interpolation, then refined by bisection with exact evaluations of the two options
until the bracket is narrower than 0.1 % of k (``tolerance``); the brackets of every
pair are narrowed in step, their probes staffed together. A grid point where
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


@dataclass
class _Bracket:
    """A sign change of d = total_a − total_b between ``lo`` and ``hi``, being narrowed:
    the first probe is the linear interpolation of (d_lo, d_hi), then bisection."""

    a: str
    b: str
    lo: float
    hi: float
    d_lo: float
    d_hi: float
    d_before: float  # d below the bracket, which says who was cheaper there
    probe: float = float("nan")
    found: tuple[float, float] | None = None  # (k, total) once narrow enough

    def __post_init__(self) -> None:
        self.probe = self.lo + (self.hi - self.lo) * self.d_lo / (self.d_lo - self.d_hi)

    def step(self, total_a: float, total_b: float, tolerance: float) -> None:
        """Take the totals at ``probe``: a crossing at d = 0, else the half that keeps
        the sign change, ``found`` once narrower than ``tolerance`` × k."""
        d, total = total_a - total_b, (total_a + total_b) / 2.0
        if d == 0.0:
            self.found = (self.probe, total)
            return
        if (d > 0) == (self.d_lo > 0):
            self.lo, self.d_lo = self.probe, d
        else:
            self.hi, self.d_hi = self.probe, d
        if self.hi - self.lo <= tolerance * (self.lo + self.hi) / 2.0:
            self.found = ((self.lo + self.hi) / 2.0, total)
            return
        self.probe = (self.lo + self.hi) / 2.0


def refined(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None,
    brackets: Sequence[_Bracket],
    staffer: Staffer,
    tolerance: float = TOLERANCE,
) -> None:
    """Narrow every bracket until ``found``, all in step: the probes of one step are
    staffed together (:func:`cscost.decide.staging.stage_grid`), each probe evaluates
    its two options exactly."""
    base = interval_volumes_by_queue(scenario, forecasts)
    while active := [s for s in brackets if s.found is None]:
        volumes_at = [scaled_volumes(base, s.probe) for s in active]
        stage_grid(scenario, volumes_at, staffer, [(s.a, s.b) for s in active])
        for s, volumes in zip(active, volumes_at, strict=True):
            costs = option_costs(
                scenario, forecasts, names=(s.a, s.b), staffer=staffer, volumes=volumes
            )
            s.step(costs[s.a][0], costs[s.b][0], tolerance)


def _crossing(a: str, b: str, k: float, d_before: float, total: float) -> Crossing:
    """d = total_a − total_b was ``d_before`` below k: a positive d means b was cheaper."""
    if d_before > 0:
        return Crossing(k, a, b, total)
    return Crossing(k, b, a, total)


def pair_crossings(
    factors: Sequence[float],
    totals: Mapping[str, Sequence[float]],
    pair: tuple[str, str],
) -> list[Crossing | _Bracket]:
    """The crossings of one pair of options on the grid: at a grid point where d = 0
    between a change of sign, else a bracket to refine (:func:`refined`)."""
    a, b = pair
    d = np.asarray(totals[a], dtype=float) - np.asarray(totals[b], dtype=float)
    out: list[Crossing | _Bracket] = []
    for j in range(len(factors) - 1):
        if d[j] == 0.0 and j > 0 and d[j - 1] != 0.0 and d[j + 1] != 0.0:
            if (d[j - 1] > 0) != (d[j + 1] > 0):
                out.append(_crossing(a, b, factors[j], float(d[j - 1]), float(totals[a][j])))
            continue
        if d[j] == 0.0 or d[j + 1] == 0.0 or (d[j] > 0) == (d[j + 1] > 0):
            continue
        lo, hi, d_lo, d_hi = factors[j], factors[j + 1], float(d[j]), float(d[j + 1])
        out.append(_Bracket(a, b, lo, hi, d_lo, d_hi, d_lo))
    return out


def _settled(bracket: _Bracket) -> Crossing:
    """The crossing a refined bracket found."""
    assert bracket.found is not None
    k, total = bracket.found
    return _crossing(bracket.a, bracket.b, k, bracket.d_before, total)


def stage_factors(
    scenario: Scenario,
    factors: Sequence[float],
    forecasts: Mapping[str, Array] | None,
    staffer: Staffer,
) -> None:
    """Make in ``staffer`` the solve totals of every option with every queue's volume × k,
    for each k of ``factors``, at once (:func:`cscost.decide.staging.stage_grid`)."""
    base = interval_volumes_by_queue(scenario, forecasts)
    stage_grid(scenario, [scaled_volumes(base, k) for k in factors], staffer)


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
    found = [c for pair in combinations(names, 2) for c in pair_crossings(grid, totals, pair)]
    refined(scenario, forecasts, [c for c in found if isinstance(c, _Bracket)], staffer)
    crossings = [c if isinstance(c, Crossing) else _settled(c) for c in found]
    return BreakEven(
        scenario.scenario.currency,
        grid,
        totals,
        tuple(sorted(crossings, key=lambda c: (c.factor, c.cheaper_above))),
    )
