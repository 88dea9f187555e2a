"""The Monte Carlo result types: each option's cost distribution, and what the surrogate cost.

Made by :func:`cscost.evaluate.montecarlo.monte_carlo`; quantiles are numpy's linear ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from cscost.arrays import Array

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class OptionRisk:
    """The distribution of one option's cost over the samples (scenario currency)."""

    name: str
    total: Array  # [S] Σ of the months
    npv: Array  # [S]
    minimum_shortfall: Array  # [S] Σ of the months' minimum shortfall (before discount, tax)
    monthly_p10: Array  # [M]
    monthly_p50: Array  # [M]
    monthly_p90: Array  # [M]
    p_cheapest: float

    @property
    def p10(self) -> float:
        """10th percentile of the total."""
        return float(np.quantile(self.total, 0.1))

    @property
    def p50(self) -> float:
        """Median total."""
        return float(np.quantile(self.total, 0.5))

    @property
    def p90(self) -> float:
        """90th percentile of the total."""
        return float(np.quantile(self.total, 0.9))

    @property
    def mean(self) -> float:
        """Mean total."""
        return float(self.total.mean())

    @property
    def std(self) -> float:
        """Standard deviation of the total (ddof 1; 0 for one sample)."""
        return float(self.total.std(ddof=1)) if self.total.size > 1 else 0.0

    @property
    def std_error(self) -> float:
        """Standard error of the mean total: std / √S."""
        return self.std / float(np.sqrt(self.total.size))

    @property
    def npv_p10(self) -> float:
        """10th percentile of the NPV."""
        return float(np.quantile(self.npv, 0.1))

    @property
    def npv_p50(self) -> float:
        """Median NPV."""
        return float(np.quantile(self.npv, 0.5))

    @property
    def npv_p90(self) -> float:
        """90th percentile of the NPV."""
        return float(np.quantile(self.npv, 0.9))

    @property
    def npv_mean(self) -> float:
        """Mean NPV."""
        return float(self.npv.mean())

    @property
    def npv_std(self) -> float:
        """Standard deviation of the NPV (ddof 1; 0 for one sample)."""
        return float(self.npv.std(ddof=1)) if self.npv.size > 1 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Quantiles, moments and probabilities; no per-sample arrays."""
        return {
            "name": self.name,
            "total": {
                "mean": self.mean,
                "std": self.std,
                "p10": self.p10,
                "p50": self.p50,
                "p90": self.p90,
            },
            "npv": {
                "mean": self.npv_mean,
                "std": self.npv_std,
                "p10": self.npv_p10,
                "p50": self.npv_p50,
                "p90": self.npv_p90,
            },
            "p_cheapest": self.p_cheapest,
            "expected_minimum_shortfall": float(self.minimum_shortfall.mean()),
            "monthly_p10": [float(x) for x in self.monthly_p10],
            "monthly_p50": [float(x) for x in self.monthly_p50],
            "monthly_p90": [float(x) for x in self.monthly_p90],
        }


@dataclass(frozen=True)
class SurrogateStats:
    """What building the staffing surrogate cost."""

    tables: int  # distinct staffing tables (a part shared by options, or equal per queue: once)
    interval_solves: int  # exact interval solves (the thresholds' bisection steps)
    seconds: float

    @property
    def microseconds_per_solve(self) -> float:
        """Build time per exact interval solve (the whole build, sorting included)."""
        return self.seconds / max(self.interval_solves, 1) * 1e6


@dataclass(frozen=True)
class RiskResult:
    """Monte Carlo of every option of a scenario."""

    currency: str
    months: tuple[str, ...]
    samples: int
    seed: int | None
    """The int seed of the generator passed in, when it was made from one, else None."""
    options: tuple[OptionRisk, ...]
    surrogate: SurrogateStats = field(repr=False)

    def option(self, name: str) -> OptionRisk:
        """The distribution of the option called ``name``."""
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: per option quantiles, moments and P(cheapest)."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "currency": self.currency,
            "options": [o.to_dict() for o in self.options],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per option: mean, sd, P10/P50/P90 of total and NPV, P(cheapest)."""
        import pandas as pd

        rows = []
        for o in self.options:
            d = o.to_dict()
            rows.append(
                {
                    "option": o.name,
                    **{f"total_{k}": v for k, v in d["total"].items()},
                    **{f"npv_{k}": v for k, v in d["npv"].items()},
                    "p_cheapest": o.p_cheapest,
                }
            )
        return pd.DataFrame.from_records(rows)
