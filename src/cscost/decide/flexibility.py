"""Contract flexibility in money: the cost of leaving, and the expected cost of minimums.

**Cost of leaving** a vendor at month t (notice given at t, service ends at t + notice):

    exit(t) = fee(t) + Σ_{i=t}^{t+notice−1} minimum × escalation[i]

with fee(t) = the termination fee when the contract still runs at t (term_months absent
or t < term_months) and t is not within the trial (no trial, or t > trial_months), else
0. "After the trial" is t = trial_months, the last moment the trial's free exit holds
(with no trial, t = 0 and the fee applies);
"after 12 months" is t = 12. The minimums of the notice months are the spend one is
committed to whatever the volume. Amounts are in the scenario currency (× fx); the
minimums carry the quote's tax and discount, the fee is charged as it is (as in the
bill).

**Expected cost of minimums.** With R_i the vendor's recurring charges in month i of
the forecast run (scenario currency, before the minimum) and m_i its minimum, the
recurring charges are taken as normal, X_i ~ N(R_i, (σ R_i)²) with σ the relative sd of
volume (charges proportional to volume). The shortfall's expectation is the closed
form

    E[max(m − X, 0)] = (m − μ) Φ(z) + s φ(z),   z = (m − μ) / s

(= max(m − μ, 0) when s = 0), and the shortfall costs (1 − discount)(1 − SLA credit
share)(1 + tax) per unit, as the bill's term order implies. When a Monte Carlo result is
given, its mean simulated shortfall of the option (every sample priced with its own
volume, AHT and FX) replaces the normal approximation: it is shared among the option's
vendors with a minimum in proportion to their normal-approximation expectations (equally
when those are all 0), then priced with each vendor's multiplier.

The **flexibility cost** of an option, lower is better, is the sum over its vendors of
exit(12) + the expected cost of minimums; an in-house part costs nothing to leave
(severance is outside the model).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cscost.arrays import Array
from cscost.evaluate.evaluation import Evaluation, OptionResult
from cscost.model import INHOUSE, Scenario, Vendor
from cscost.pricing.terms import TERM_LINES, escalation_factors

EXIT_MONTH = 12


def normal_shortfall(minimum: float, mean: float, sd: float) -> float:
    """E[max(m − X, 0)] for X ~ N(mean, sd²): (m − μ)Φ(z) + sφ(z), z = (m − μ)/s."""
    if sd <= 0:
        return max(minimum - mean, 0.0)
    z = (minimum - mean) / sd
    cdf = 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))
    pdf = math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    return (minimum - mean) * cdf + sd * pdf


def shortfall_multiplier(vendor: Vendor) -> float:
    """Cost of one unit of shortfall: (1 − discount)(1 − SLA credit share)(1 + tax)."""
    credit = vendor.sla.at_risk * vendor.sla.expected_miss_rate if vendor.sla else 0.0
    return (1.0 - vendor.discount) * (1.0 - credit) * (1.0 + vendor.tax_rate)


def minimums(scenario: Scenario, vendor: Vendor) -> Array:
    """The vendor's minimum in each month, escalated, in the scenario currency (0 if none)."""
    months = scenario.horizon.months
    fx = scenario.fx_rate(vendor.currency or scenario.scenario.currency)
    amount = (vendor.minimum_monthly or 0.0) * fx
    result: Array = amount * escalation_factors(vendor.escalation, months)
    return result


def exit_cost(scenario: Scenario, vendor: Vendor, month: int) -> float:
    """Termination fee (if due at ``month``) + the minimums of the notice months."""
    running = vendor.term_months is None or month < vendor.term_months
    in_trial = vendor.trial_months > 0 and month <= vendor.trial_months
    fee = (vendor.termination_fee or 0.0) if running and not in_trial else 0.0
    fx = scenario.fx_rate(vendor.currency or scenario.scenario.currency)
    horizon = max(scenario.horizon.months, month + vendor.notice_months)
    months = np.arange(month, month + vendor.notice_months)
    minimum = (vendor.minimum_monthly or 0.0) * fx
    committed = minimum * escalation_factors(vendor.escalation, horizon)
    notice = float(committed[months].sum()) * shortfall_multiplier(vendor)
    return fee * fx + notice


def recurring_charges(option: OptionResult, vendor_id: str, months: int) -> Array:
    """R_i: the vendor's fee rows of the option but one-time fees and terms, per month."""
    out = np.zeros(months)
    for row in option.rows:
        if row.provider == vendor_id and row.kind != "one_time" and row.kind not in TERM_LINES:
            out[row.month_index] += row.amount
    return out


def expected_minimum_cost(
    minimum: Sequence[float] | Array, recurring: Sequence[float] | Array, sd: float
) -> float:
    """Σ_i E[max(m_i − X_i, 0)], X_i ~ N(R_i, (sd × R_i)²), before tax and discount."""
    return math.fsum(
        normal_shortfall(float(m), float(r), sd * float(r))
        for m, r in zip(minimum, recurring, strict=True)
        if m > 0
    )


@dataclass(frozen=True)
class VendorFlexibility:
    """One vendor within one option: terms turned into money."""

    vendor: str
    term_months: int | None
    notice_months: int
    trial_months: int
    exit_after_trial: float
    exit_after_12_months: float
    expected_minimum_cost: float
    forecast_minimum_cost: float  # the shortfall of the forecast run, same multiplier

    @property
    def cost(self) -> float:
        """exit after 12 months + expected cost of minimums."""
        return self.exit_after_12_months + self.expected_minimum_cost


@dataclass(frozen=True)
class OptionFlexibility:
    """The vendors of one option and their flexibility figures."""

    option: str
    vendors: tuple[VendorFlexibility, ...]

    @property
    def cost(self) -> float:
        """Σ over the option's vendors (0 for all in-house)."""
        return math.fsum(v.cost for v in self.vendors)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (docs/decision.md)."""
        return {
            "cost": self.cost,
            "vendors": [
                {
                    "vendor": v.vendor,
                    "term_months": v.term_months,
                    "notice_months": v.notice_months,
                    "trial_months": v.trial_months,
                    "exit_after_trial": v.exit_after_trial,
                    "exit_after_12_months": v.exit_after_12_months,
                    "expected_minimum_cost": v.expected_minimum_cost,
                    "forecast_minimum_cost": v.forecast_minimum_cost,
                }
                for v in self.vendors
            ],
        }


def vendor_flexibility(
    scenario: Scenario, option: OptionResult, vendor: Vendor, expected_shortfall: float
) -> VendorFlexibility:
    """Exit costs of one vendor in one option; ``expected_shortfall`` before tax/discount."""
    months = scenario.horizon.months
    recurring = recurring_charges(option, vendor.id, months)
    unit = shortfall_multiplier(vendor)
    return VendorFlexibility(
        vendor=vendor.id,
        term_months=vendor.term_months,
        notice_months=vendor.notice_months,
        trial_months=vendor.trial_months,
        exit_after_trial=exit_cost(scenario, vendor, vendor.trial_months),
        exit_after_12_months=exit_cost(scenario, vendor, EXIT_MONTH),
        expected_minimum_cost=expected_shortfall * unit,
        forecast_minimum_cost=expected_minimum_cost(minimums(scenario, vendor), recurring, 0.0)
        * unit,
    )


def shortfall_shares(
    scenario: Scenario, option: OptionResult, vendors: list[Vendor], simulated: float | None
) -> list[float]:
    """Each vendor's expected shortfall: the normal approximation, or ``simulated`` shared."""
    months = scenario.horizon.months
    sd = scenario.uncertainty.volume
    normal = [
        expected_minimum_cost(minimums(scenario, v), recurring_charges(option, v.id, months), sd)
        for v in vendors
    ]
    if simulated is None:
        return normal
    total = math.fsum(normal)
    if total > 0:
        return [simulated * x / total for x in normal]
    holders = [v.minimum_monthly is not None for v in vendors]
    count = sum(holders)
    return [simulated / count if h else 0.0 for h in holders] if count else [0.0] * len(vendors)


def flexibility(
    scenario: Scenario,
    evaluation: Evaluation,
    simulated_shortfall: Mapping[str, float] | None = None,
) -> dict[str, OptionFlexibility]:
    """Option name → flexibility figures.

    ``simulated_shortfall[option]``: the Monte Carlo mean of the option's minimum
    shortfall (before discount and tax), used instead of the normal approximation.
    """
    out = {}
    for option in evaluation.options:
        vendors = [scenario.vendor(p) for p in option.providers if p != INHOUSE]
        simulated = (simulated_shortfall or {}).get(option.name)
        shares = shortfall_shares(scenario, option, vendors, simulated)
        out[option.name] = OptionFlexibility(
            option.name,
            tuple(
                vendor_flexibility(scenario, option, v, x)
                for v, x in zip(vendors, shares, strict=True)
            ),
        )
    return out
