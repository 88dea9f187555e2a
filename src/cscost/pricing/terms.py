"""Contract terms of a quote, applied each month in the order of DESIGN.md.

With R = the month's recurring charges (every fee line but one-time ones, surcharges
included, escalated) and O = its one-time fees, all in the vendor's currency:

1. escalation: recurring prices × (1 + rate)^⌊i / every_months⌋ (applied to the fee
   lines themselves, see :func:`escalation_factors`); one-time fees and the
   termination fee are never escalated;
2. minimum shortfall S = max(minimum_monthly × escalation − R, 0), a row only in the
   months where S > 0;
3. discount D = −discount × (R + S + O);
4. SLA credit C = −c × (R + S) × (1 − discount): the recurring charges after the
   minimum and after their discount, with c = at_risk × expected_miss_rate (the
   estimate ``evaluate`` uses) or, given the month's measured KPI, c = the credit of
   the ``sla.levels`` ladder (:func:`ladder_credits`; reconciliation);
5. tax T = tax_rate × (R + S + O + D + C);
6. currency: every row carries fx, the scenario currency per unit of its currency.

The termination fee is charged as it is, in the last month, when the horizon is
shorter than ``term_months`` and longer than ``trial_months``; it is neither
discounted, credited nor taxed. Term rows use queue ``*`` and the vendor's currency;
quantity = the base they apply to, rate = the percent (the minimum: quantity = the
shortfall, rate 1; the termination fee: quantity 1, rate = the fee).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.model.vendors import Escalation, Sla, Vendor
from cscost.pricing.lines import QUOTE_LEVEL, Line, full, total_amount
from cscost.pricing.usage import Fx

#: kind (the Vendor field) → (line name, audit category) of each term row.
TERM_LINES: dict[str, tuple[str, str]] = {
    "minimum_monthly": ("minimum shortfall", "minimum_commitment"),
    "discount": ("discount", "other"),
    "sla": ("SLA credit", "sla_credits"),
    "tax_rate": ("tax", "tax"),
    "termination_fee": ("termination fee", "termination"),
}


def escalation_factors(escalation: Escalation | None, months: int) -> Array:
    """(1 + rate)^⌊i / every_months⌋ for i = 0 … months−1 (all 1 without escalation)."""
    if escalation is None:
        return full(months, 1.0)
    steps = np.arange(months) // escalation.every_months
    result: Array = (1.0 + escalation.rate) ** steps.astype(np.float64)
    return result


@dataclass(frozen=True)
class TermMoney:
    """The currency the terms are stated in (the vendor's) and its fx rate."""

    currency: str
    fx: Fx
    months: int

    def line(self, kind: str, quantity: Array, unit: str, rate: Array, active: BoolArray) -> Line:
        """A quote-level term line."""
        name, category = TERM_LINES[kind]
        return Line(
            line=name,
            category=category,
            kind=kind,
            queue=QUOTE_LEVEL,
            quantity=quantity,
            unit=unit,
            rate=rate,
            currency=self.currency,
            fx=self.fx,
            active=active,
            quote_level=True,
        )

    def in_currency(self, amount: Array) -> Array:
        """A scenario-currency amount in the terms' currency."""
        result: Array = amount / self.fx
        return result


def minimum_line(vendor: Vendor, recurring: Array, escalation: Array, money: TermMoney) -> Line:
    """Take-or-pay: S = max(minimum × escalation − R, 0), active where S > 0."""
    minimum = (vendor.minimum_monthly or 0.0) * escalation
    shortfall: Array = np.maximum(minimum - money.in_currency(recurring), 0.0)
    return money.line(
        "minimum_monthly", shortfall, "shortfall", full(money.months, 1.0), shortfall > 0
    )


def ladder_credits(sla: Sla, measured: Array) -> Array:
    """Per month, the ladder's credit share for the measured KPI (0 where none applies)."""
    return np.array([sla.ladder_credit(float(m)) for m in measured], dtype=np.float64)


def sla_base(committed: Array, discount: float) -> Array:
    """The SLA credit's base: (R + S) × (1 − discount)."""
    result: Array = committed * (1.0 - discount)
    return result


def sla_line(vendor: Vendor, committed: Array, money: TermMoney, measured: Array | None) -> Line:
    """C = −c × (R + S) × (1 − discount): c estimated, or from the ladder on ``measured``.

    Given a measured KPI, only the ladder credits: a contract without ``levels`` gives 0.
    """
    assert vendor.sla is not None
    months = money.months
    base = sla_base(money.in_currency(committed), vendor.discount)
    if measured is None:
        credit = full(months, vendor.sla.at_risk * vendor.sla.expected_miss_rate)
    else:
        credit = ladder_credits(vendor.sla, measured)
    return money.line("sla", base, "base", -credit, credit > 0)


def term_lines(
    vendor: Vendor,
    fee_lines: Sequence[Line],
    escalation: Array,
    money: TermMoney,
    measured_kpi: Array | None = None,
) -> list[Line]:
    """Minimum shortfall, discount, SLA credit, tax (module docstring), as they apply.

    ``measured_kpi`` (one value per month of the SLA's ``kpi``) switches the SLA credit
    from the estimate to the ladder of ``sla.levels``.
    """
    months = money.months
    recurring = total_amount([ln for ln in fee_lines if ln.kind != "one_time"], months)
    lines: list[Line] = []
    if vendor.minimum_monthly is not None:
        lines.append(minimum_line(vendor, recurring, escalation, money))
    committed = recurring + total_amount(lines, months)  # R + S
    if vendor.discount > 0:
        lines.append(discount_line(vendor, total_amount([*fee_lines, *lines], months), money))
    if vendor.sla is not None:
        line = sla_line(vendor, committed, money, measured_kpi)
        if line.active.any():
            lines.append(line)
    if vendor.tax_rate > 0:
        lines.append(tax_line(vendor, total_amount([*fee_lines, *lines], months), money))
    return lines


def discount_line(vendor: Vendor, charges: Array, money: TermMoney) -> Line:
    """D = −discount × (R + S + O), ``charges`` in the scenario currency."""
    every = np.ones(money.months, dtype=np.bool_)
    base = money.in_currency(charges)
    return money.line("discount", base, "base", full(money.months, -vendor.discount), every)


def tax_line(vendor: Vendor, charges: Array, money: TermMoney) -> Line:
    """T = tax_rate × (R + S + O + D + C), ``charges`` in the scenario currency."""
    every = np.ones(money.months, dtype=np.bool_)
    base = money.in_currency(charges)
    return money.line("tax_rate", base, "base", full(money.months, vendor.tax_rate), every)


def termination_line(vendor: Vendor, money: TermMoney) -> Line | None:
    """The termination fee in the last month when months < term_months (and > trial)."""
    months = money.months
    if (
        vendor.termination_fee is None
        or vendor.term_months is None
        or months >= vendor.term_months
        or months <= vendor.trial_months
    ):
        return None
    active = np.zeros(months, dtype=np.bool_)
    active[-1] = True
    return money.line(
        "termination_fee", full(months, 1.0), "once", full(months, vendor.termination_fee), active
    )
