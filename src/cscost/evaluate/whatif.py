"""What-if: every option's cost at chosen multipliers, fast enough to follow a slider.

The web app's sliders move the volume, the AHT, the FX rates and a vendor's rates
(:class:`cscost.model.adjust.Adjustments`); each move must answer in milliseconds, and
its ranking must be the one a full evaluation of the adjusted scenario gives.
:class:`WhatIf` is built once per scenario:

- every option's parts are staffed exactly at the stated demand, once
  (:func:`cscost.evaluate.surrogates.staffed_options`);
- per AHT step k (the AHT multiplier exp(k × ``AHT_STEP``), 5 % steps in ln,
  ``AHT_STEPS`` of them), each distinct part gets the exact staffing surrogate over
  volume multipliers ``VOLUME_RANGE`` (:mod:`cscost.staffing.surrogate`: agent
  thresholds of the exact solver, so hours and seats equal exact solves at every
  volume); a step's tables are built when first asked for, or ahead by
  :meth:`WhatIf.prepare` (the web app runs it in the background), then kept;
- a move looks the hours and seats up and prices every option with the bill's own code
  on that one future (:func:`cscost.evaluate.surrogates.sampled_option_costs`): FX as
  a multiplier of the rates, the vendors' rate multipliers in their quotes.

Staffing hours and seats of that quick answer are exact, and the existing team is split
and kept at the moved demand as evaluate does; but two things are carried over from the
stated demand as Monte Carlo does (:mod:`cscost.evaluate.sampled`): hours inside a
window (night, weekend: their share of the month's hours) and handled contacts under
abandonment (in proportion to the volume). A full evaluation of the adjusted scenario
re-staffs those too, so the quick totals differ from it slightly (the tests bound it). Hence two
answers: :meth:`WhatIf.result` with ``exact=False`` while a slider moves, and with
``exact=True`` when it stops: the adjusted scenario staffed and priced exactly by
evaluate's own code (:func:`cscost.evaluate.evaluation.priced_options`), each distinct
interval solved once over all the moves (one shared
:class:`cscost.evaluate.parts.Staffer`) — its totals and ranking are those of
``cscost evaluate`` on the adjusted scenario. At the scenario's own point both are.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue
from cscost.errors import ArgumentError
from cscost.evaluate.evaluation import cost_totals, npv, priced_options
from cscost.evaluate.parts import Staffer
from cscost.evaluate.sampling import Draws
from cscost.evaluate.surrogates import (
    PartModel,
    Ranges,
    part_models,
    priced_sample_costs,
    sampled_usages,
    staffed_options,
)
from cscost.evaluate.switching import usage_team_change
from cscost.model import Scenario
from cscost.model.adjust import Adjustments
from cscost.staffing.surrogate import AHT_STEP

VOLUME_RANGE = (0.5, 2.0)
"""Least and largest volume multiplier of a what-if."""
AHT_STEPS = range(-6, 7)
"""AHT steps k of a what-if: multipliers exp(k × 5 %), 0.741 … 1.350."""


STAFFER_MOVES = 64
"""Exact moves sharing one staffer's solved intervals before it starts afresh."""


def aht_of_step(k: int) -> float:
    """The AHT multiplier of step k: exp(k × AHT_STEP) (1 exactly at k = 0)."""
    return 1.0 if k == 0 else math.exp(k * AHT_STEP)


def aht_step(multiplier: float) -> int:
    """The step whose multiplier is nearest ``multiplier`` in ln."""
    return round(math.log(multiplier) / AHT_STEP)


@dataclass(frozen=True)
class WhatIfOption:
    """One option at a what-if point: cost view total, NPV, monthly cost, rank."""

    name: str
    total: float
    npv: float
    monthly: Array
    rank: int


@dataclass(frozen=True)
class WhatIfResult:
    """Every option at ``adjustments`` (the AHT on its step), in the scenario's order."""

    currency: str
    months: tuple[str, ...]
    adjustments: Adjustments
    options: tuple[WhatIfOption, ...]
    exact: bool = False
    """True: the adjusted scenario staffed and priced exactly, as evaluate does."""

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (docs/web.md): the point, and per option total, NPV, rank, monthly."""
        return {
            "currency": self.currency,
            "months": list(self.months),
            "exact": self.exact,
            "adjustments": self.adjustments.model_dump(),
            "options": [
                {
                    "name": o.name,
                    "total": o.total,
                    "npv": o.npv,
                    "rank": o.rank,
                    "monthly": [float(x) for x in o.monthly],
                }
                for o in self.options
            ],
        }

    def ranking(self) -> list[str]:
        """Option names, cheapest (rank 1) first."""
        return [o.name for o in sorted(self.options, key=lambda o: o.rank)]


class WhatIf:
    """The what-if model of one scenario (module docstring); safe to share by threads."""

    def __init__(self, scenario: Scenario, forecast_means: Mapping[str, Array] | None = None):
        self.base = scenario.model_copy(update={"adjustments": None})
        self.start = scenario.adjustments or Adjustments()
        options = self.base.resolved_options()
        self._means = dict(forecast_means or {})
        self._staffed = staffed_options(self.base, options, self._means)
        self._staffer = Staffer()
        self._step_locks: dict[int, threading.Lock] = {}
        self._last_move = 0.0
        self._models: dict[int, tuple[tuple[PartModel, ...], ...]] = {}
        self._lock = threading.Lock()
        self._exact_lock = threading.Lock()
        self._moves = 0

    steps = AHT_STEPS
    """The AHT steps a slider moves over."""
    volume_range = VOLUME_RANGE
    """Least and largest volume multiplier."""

    @staticmethod
    def aht_of_step(k: int) -> float:
        """The AHT multiplier of step k (:func:`aht_of_step`)."""
        return aht_of_step(k)

    @staticmethod
    def aht_step(multiplier: float) -> int:
        """The step nearest ``multiplier`` (:func:`aht_step`)."""
        return aht_step(multiplier)

    @property
    def currencies(self) -> tuple[str, ...]:
        """The foreign currencies a slider can move (those of ``scenario.fx``)."""
        return tuple(self.base.scenario.fx)

    @property
    def vendors(self) -> tuple[str, ...]:
        """The vendor ids whose rates a slider can move."""
        return tuple(v.id for v in self.base.vendors)

    def point(self, adjustments: Adjustments) -> Adjustments:
        """``adjustments`` with the AHT on its step; ArgumentError outside the ranges."""
        lo, hi = VOLUME_RANGE
        if not lo <= adjustments.volume <= hi:
            raise ArgumentError(
                f"what-if volume must lie in {lo:g} … {hi:g}, found {adjustments.volume:g}"
            )
        k = aht_step(adjustments.aht)
        if k not in AHT_STEPS:
            first, last = aht_of_step(AHT_STEPS[0]), aht_of_step(AHT_STEPS[-1])
            raise ArgumentError(
                f"what-if AHT must lie in {first:.3f} … {last:.3f}, found {adjustments.aht:g}"
            )
        for code in adjustments.fx:
            if code not in self.currencies:
                raise ArgumentError(f"what-if fx: no rate for {code} in scenario.fx")
        for vendor in adjustments.rates:
            if vendor not in self.vendors:
                raise ArgumentError(f"what-if rates: no vendor `{vendor}`")
        return adjustments.model_copy(update={"aht": aht_of_step(k)})

    def models(self, k: int) -> tuple[tuple[PartModel, ...], ...]:
        """Every option's parts with the staffing tables of AHT step k (built once; a
        step being built by another thread is waited for, other steps are not)."""
        with self._lock:
            step_lock = self._step_locks.setdefault(k, threading.Lock())
        with step_lock:
            if k not in self._models:
                a = aht_of_step(k)
                ranges = Ranges(dict.fromkeys(self.base.queue_ids, VOLUME_RANGE), (a, a))
                staffed = self._staffed
                groups = [*staffed.parts, *([staffed.baseline] if staffed.baseline else [])]
                self._models[k] = part_models(self.base, groups, ranges, {})
            return self._models[k]

    def steps_nearest_first(self) -> list[int]:
        """The AHT steps, nearest to the scenario's own first."""
        own = aht_step(self.start.aht)
        return sorted(AHT_STEPS, key=lambda k: (abs(k - own), k))

    def prepare(self) -> None:
        """Build every AHT step's tables, nearest first (a server does it in the
        background, between moves, so that no slider move waits for a build)."""
        for k in self.steps_nearest_first():
            self.models(k)

    @property
    def built_steps(self) -> int:
        """How many AHT steps have their staffing tables built."""
        return len(self._models)

    @property
    def last_move(self) -> float:
        """``time.monotonic()`` of the last answer asked for (0 before the first)."""
        return self._last_move

    def result(
        self, adjustments: Adjustments | None = None, *, exact: bool = False
    ) -> WhatIfResult:
        """Every option's cost at ``adjustments`` (default: the scenario's own): quick
        (the surrogate) or ``exact`` (module docstring)."""
        self._last_move = time.monotonic()
        point = self.point(self.start if adjustments is None else adjustments)
        rows = self._exact_rows(point) if exact else self._quick_rows(point)
        order = sorted(range(len(rows)), key=lambda j: (rows[j][2], rows[j][1]))
        ranks = {j: r + 1 for r, j in enumerate(order)}
        return WhatIfResult(
            currency=self.base.scenario.currency,
            months=self.base.horizon.labels,
            adjustments=point,
            options=tuple(
                WhatIfOption(name, total, npv, cost, ranks[j])
                for j, (name, total, npv, cost) in enumerate(rows)
            ),
            exact=exact,
        )

    def _exact_rows(self, point: Adjustments) -> list[tuple[str, float, float, Array]]:
        scenario = self.base.model_copy(update={"adjustments": point})
        volumes = interval_volumes_by_queue(scenario, self._means)
        rate = scenario.scenario.discount_rate
        with self._exact_lock:
            self._moves += 1
            if self._moves % STAFFER_MOVES == 0:  # bound the memory of a long session
                self._staffer = Staffer()
            priced = priced_options(scenario, volumes, staffer=self._staffer)
        rows = []
        for option, _, lines in priced:
            total, monthly = cost_totals(scenario, lines)
            rows.append((option.name, total, npv(monthly, rate), monthly))
        return rows

    def _quick_rows(self, point: Adjustments) -> list[tuple[str, float, float, Array]]:
        models = self.models(aht_step(point.aht))
        base = self.base
        months = base.horizon.months
        draws = Draws(
            volume={q: np.full((1, months), point.volume) for q in base.queue_ids},
            aht=np.array([point.aht]),
            attrition=np.ones(1),
            fx={c: np.array([point.fx.get(c, 1.0)]) for c in base.scenario.fx},
        )
        priced = base.model_copy(update={"adjustments": Adjustments(rates=point.rates)})
        staffing: dict[int, tuple[Array, Array]] = {}
        staffed = self._staffed
        baseline = (
            None
            if staffed.baseline is None
            else [u for _, u in sampled_usages(models[len(staffed.parts)], draws, staffing)]
        )
        rows: list[tuple[str, float, float, Array]] = []
        for k, option in enumerate(staffed.options):
            usages = sampled_usages(models[k], draws, staffing)
            change = usage_team_change(base, usages, baseline)  # the team at this demand
            monthly, _ = priced_sample_costs(priced, option, change, usages, draws)
            cost = np.array(monthly[0], dtype=np.float64)
            rows.append(
                (option.name, math.fsum(cost), npv(cost, base.scenario.discount_rate), cost)
            )
        return rows
