"""Sensitivity: a tornado per option — each uncertain input at its low and high value.

Inputs, each moved alone while the others stay at the forecast:

- ``volume``: every queue's volume level × (1 ± sd_volume);
- ``aht``: every handle time (queues' and vendors' own) × (1 ± sd_aht);
- ``fx:XXX``: the rate of each foreign currency a vendor quotes in × (1 ± sd_fx);
- ``attrition``: every attrition rate (workforce, in-house, vendors') × (1 ± sd_attrition).

sd is the relative standard deviation in ``scenario.uncertainty``; where it is 0 the
input moves by ±10 % instead, so that the tornado still shows what the bill reacts to.
Each perturbed scenario is staffed and priced again exactly (pooling and tiers
included), with the repeat-contact model when it is on. A bar is the change in total
cost at the low and at the high value; bars are sorted by swing = |high − low|.

``spread`` summarises a tornado as a first-order P90 − P50 of the total: with u the
rise of the total when an input moves one sd in its costly direction,
u = max(low change, high change, 0), spread = 1.2816 × √Σ u² (1.2816 = the normal's
P90 z-score; inputs independent). For a bill that reacts symmetrically u = swing / 2;
for one floored by a minimum only the rise counts, as only the rise widens P90 − P50.
It is the risk criterion of the score when no Monte Carlo result is at hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cscost.arrays import Array
from cscost.decide.quality import option_costs, scaled_volumes
from cscost.decide.staging import stage_grid
from cscost.demand.assembly import interval_volumes_by_queue
from cscost.evaluate.parts import Staffer
from cscost.model import Scenario

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_STEP = 0.10
P90_Z = 1.2815515655446004


@dataclass(frozen=True)
class Bar:
    """One input of one option's tornado: its low and high value and the totals there."""

    input: str
    low_factor: float
    high_factor: float
    low_total: float
    high_total: float
    base_total: float

    @property
    def low_change(self) -> float:
        """Total at the low value − base total."""
        return self.low_total - self.base_total

    @property
    def high_change(self) -> float:
        """Total at the high value − base total."""
        return self.high_total - self.base_total

    @property
    def swing(self) -> float:
        """|high total − low total|."""
        return abs(self.high_total - self.low_total)

    @property
    def rise(self) -> float:
        """The larger increase of the total at the low or high value (0 if neither rises)."""
        return max(self.low_change, self.high_change, 0.0)


@dataclass(frozen=True)
class OptionTornado:
    """The bars of one option, widest swing first."""

    option: str
    base_total: float
    bars: tuple[Bar, ...]

    @property
    def spread(self) -> float:
        """1.2816 × √Σ u², u = max(low change, high change, 0): first-order P90 − P50."""
        return P90_Z * math.sqrt(math.fsum(b.rise**2 for b in self.bars))


@dataclass(frozen=True)
class Tornado:
    """A tornado per option."""

    currency: str
    options: tuple[OptionTornado, ...]

    def option(self, name: str) -> OptionTornado:
        """The tornado of the option called ``name``."""
        for item in self.options:
            if item.option == name:
                return item
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (docs/decision.md)."""
        return {
            "currency": self.currency,
            "options": [
                {
                    "option": t.option,
                    "base_total": t.base_total,
                    "spread": t.spread,
                    "bars": [
                        {
                            "input": b.input,
                            "low_factor": b.low_factor,
                            "high_factor": b.high_factor,
                            "low_total": b.low_total,
                            "high_total": b.high_total,
                            "low_change": b.low_change,
                            "high_change": b.high_change,
                            "swing": b.swing,
                            "rise": b.rise,
                        }
                        for b in t.bars
                    ],
                }
                for t in self.options
            ],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per option and input."""
        import pandas as pd

        return pd.DataFrame.from_records(
            [
                {"option": t.option, **bar}
                for t, d in zip(self.options, self.to_dict()["options"], strict=True)
                for bar in d["bars"]
            ]
        )


def relative_step(sd: float) -> float:
    """The input's move: its relative sd, or ±10 % when the sd is 0."""
    return sd if sd > 0 else DEFAULT_STEP


def volume_factors(scenario: Scenario) -> tuple[float, float, float]:
    """The volume factors the tornado prices: 1 (the base) and 1 ± the volume's step."""
    step = relative_step(scenario.uncertainty.volume)
    return 1.0, 1.0 - step, 1.0 + step


def scaled_aht(scenario: Scenario, k: float) -> Scenario:
    """Every queue's AHT and every vendor's own AHT × k."""
    queues = tuple(q.model_copy(update={"aht_s": q.aht_s * k}) for q in scenario.queues)
    vendors = tuple(
        v.model_copy(
            update={
                "assumptions": v.assumptions.model_copy(
                    update={"aht_s": {q: s * k for q, s in v.assumptions.aht_s.items()}}
                )
            }
        )
        for v in scenario.vendors
    )
    return scenario.model_copy(update={"queues": queues, "vendors": vendors})


def scaled_fx(scenario: Scenario, currency: str, k: float) -> Scenario:
    """The fx rate of ``currency`` × k."""
    fx = {**scenario.scenario.fx, currency: scenario.scenario.fx[currency] * k}
    return scenario.model_copy(update={"scenario": scenario.scenario.model_copy(update={"fx": fx})})


def scaled_attrition(scenario: Scenario, k: float) -> Scenario:
    """Every attrition rate (workforce, in-house, vendors' own) × k."""
    work = scenario.workforce.model_copy(update={"attrition": scenario.workforce.attrition * k})
    update: dict[str, Any] = {"workforce": work}
    house = scenario.inhouse
    if house is not None and house.attrition is not None:
        update["inhouse"] = house.model_copy(update={"attrition": house.attrition * k})
    update["vendors"] = tuple(
        v
        if v.assumptions.attrition is None
        else v.model_copy(
            update={
                "assumptions": v.assumptions.model_copy(
                    update={"attrition": v.assumptions.attrition * k}
                )
            }
        )
        for v in scenario.vendors
    )
    return scenario.model_copy(update=update)


def foreign_currencies(scenario: Scenario) -> list[str]:
    """Currencies other than the scenario's that some vendor quotes in, sorted."""
    own = scenario.scenario.currency
    return sorted({v.currency for v in scenario.vendors if v.currency and v.currency != own})


def staged(scenario: Scenario, forecasts: Mapping[str, Array] | None, staffer: Staffer) -> None:
    """Make in ``staffer`` the solve totals of the base, the volume and the AHT runs: one
    batch per scenario (:func:`cscost.decide.staging.stage_grid`, keyed by content, so
    that the runs only look them up); FX and attrition leave the staffing alone."""
    base = interval_volumes_by_queue(scenario, forecasts)
    stage_grid(scenario, [scaled_volumes(base, k) for k in volume_factors(scenario)], staffer)
    step = relative_step(scenario.uncertainty.aht)
    for k in (1.0 - step, 1.0 + step):
        stage_grid(scaled_aht(scenario, k), [base], staffer)  # AHT moves no volume


Costs = dict[str, tuple[float, float]]
Perturb = Callable[[float], Costs]


def _inputs(
    scenario: Scenario, forecasts: Mapping[str, Array] | None, staffer: Staffer
) -> list[tuple[str, float, Perturb]]:
    """(input name, relative step, k → option costs at factor k)."""
    sd = scenario.uncertainty

    def volume(k: float) -> Costs:
        return option_costs(scenario, forecasts, volume_scale=k, staffer=staffer)

    def aht(k: float) -> Costs:
        return option_costs(scaled_aht(scenario, k), forecasts, staffer=staffer)

    def attrition(k: float) -> Costs:
        return option_costs(scaled_attrition(scenario, k), forecasts, staffer=staffer)

    def fx(currency: str) -> Perturb:
        return lambda k: option_costs(scaled_fx(scenario, currency, k), forecasts, staffer=staffer)

    items: list[tuple[str, float, Perturb]] = [
        ("volume", relative_step(sd.volume), volume),
        ("aht", relative_step(sd.aht), aht),
    ]
    items += [(f"fx:{c}", relative_step(sd.fx), fx(c)) for c in foreign_currencies(scenario)]
    items.append(("attrition", relative_step(sd.attrition), attrition))
    return items


def sensitivity(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None = None,
    staffer: Staffer | None = None,
) -> Tornado:
    """Per option, each uncertain input at 1 ± its step; bars sorted by swing (widest first).

    ``staffer`` (default: a new one) solves each distinct interval once over all the runs;
    the runs that staff again (volume and AHT) are staffed at once first (:func:`staged`).
    """
    staffer = Staffer(contacts_when_priced=True) if staffer is None else staffer
    staged(scenario, forecasts, staffer)
    base = option_costs(scenario, forecasts, staffer=staffer)
    bars: dict[str, list[Bar]] = {name: [] for name in base}
    for name, step, costs_at in _inputs(scenario, forecasts, staffer):
        low, high = costs_at(1.0 - step), costs_at(1.0 + step)
        for option, (total, _) in base.items():
            bars[option].append(
                Bar(name, 1.0 - step, 1.0 + step, low[option][0], high[option][0], total)
            )
    return Tornado(
        scenario.scenario.currency,
        tuple(
            OptionTornado(
                option, base[option][0], tuple(sorted(items, key=lambda b: (-b.swing, b.input)))
            )
            for option, items in bars.items()
        ),
    )
