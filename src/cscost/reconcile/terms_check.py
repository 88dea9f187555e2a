"""Contract terms judged on the invoice's lines as billed.

Terms are checked on the lines as billed, with the pricing engine's own term functions
(:mod:`cscost.pricing.terms`): the minimum shortfall on the billed recurring charges,
the discount, the SLA ladder credit on the measured KPI and the tax on the billed lines
above them. A term line that differs beyond τ from that, and from the contract's bill
on the actuals, gives ``minimum``, ``rate`` (discount), ``sla_credit`` or ``tax``, with
expected = the contract's bill on the actuals. A term computed right on wrong lines
(the tax on an overbilled rate) is not a finding of its own: the fee line's finding
is, and what it changes in the terms shows in the totals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from cscost.arrays import Array
from cscost.pricing.lines import Line
from cscost.pricing.terms import (
    TermMoney,
    discount_line,
    escalation_factors,
    minimum_line,
    sla_line,
    tax_line,
)
from cscost.reconcile.compare import TERM_BASIS, TERM_FINDING, Context, Finding
from cscost.reconcile.expected import TERM_KINDS, ExpectedLine, measured_kpi
from cscost.reconcile.inputs import InvoiceLine


def due_on_billed(
    ctx: Context,
    month: str,
    fees: Mapping[str, Sequence[InvoiceLine]],
    terms: Mapping[str, Sequence[InvoiceLine]],
    others: Sequence[InvoiceLine] = (),
) -> dict[str, tuple[float, float | None]]:
    """Term → (its amount on the billed lines, invoice currency; the figure it is on).

    R = billed recurring fee lines, O = billed one-time lines and lines the contract
    does not have, S, D, C = the billed shortfall, discount and credit: shortfall on R,
    discount on R + S + O, SLA credit on R + S with the measured KPI, tax on
    R + S + O + D + C, each through the pricing engine's term function.
    """
    vendor, scenario = ctx.vendor, ctx.scenario
    months = scenario.horizon.months
    i = scenario.horizon.index_of(month)
    quoted = vendor.currency or scenario.scenario.currency
    money = TermMoney(quoted, scenario.fx_rate(quoted), months)
    fx = ctx.invoice_fx
    one_time = {f"fees[{k}]" for k, fee in enumerate(vendor.fees) if fee.kind == "one_time"}

    def billed(lines: Sequence[InvoiceLine]) -> float:
        return math.fsum(line.amount for line in lines)

    def at(value: float) -> Array:
        out = np.zeros(months)
        out[i] = value * fx
        return out

    def back(line: Line) -> float:
        return float(line.amount[i]) / fx

    recurring = math.fsum(billed(v) for k, v in fees.items() if k not in one_time)
    once = math.fsum(billed(v) for k, v in fees.items() if k in one_time) + billed(others)
    given = {t: billed(terms.get(t, ())) for t in TERM_KINDS}
    shortfall = given["minimum_monthly"]
    due: dict[str, tuple[float, float | None]] = {}
    if vendor.minimum_monthly is not None:
        escalation = escalation_factors(vendor.escalation, months)
        due["minimum_monthly"] = (
            back(minimum_line(vendor, at(recurring), escalation, money)),
            recurring,
        )
    if vendor.discount > 0:
        charges = recurring + shortfall + once
        due["discount"] = (back(discount_line(vendor, at(charges), money)), charges)
    if vendor.sla is not None:
        kpi = np.full(months, np.nan)
        kpi[i] = measured_kpi(ctx.rows, vendor.sla.kpi)
        measured = None if math.isnan(kpi[i]) else float(kpi[i])
        due["sla"] = (back(sla_line(vendor, at(recurring + shortfall), money, kpi)), measured)
    if vendor.tax_rate > 0:
        charges = recurring + shortfall + once + given["discount"] + given["sla"]
        due["tax_rate"] = (back(tax_line(vendor, at(charges), money)), charges)
    return due


def term_findings(
    ctx: Context,
    month: str,
    fees: Mapping[str, Sequence[InvoiceLine]],
    terms: Mapping[str, Sequence[InvoiceLine]],
    contract: Sequence[ExpectedLine],
    others: Sequence[InvoiceLine] = (),
) -> list[Finding]:
    """Each term of the contract checked on the lines as billed (module docstring).

    A term line is a finding when it differs both from the term applied to the billed
    lines (:func:`due_on_billed`) and from the contract's bill on the actuals
    (``contract``, the month's expected lines); its expected amount and difference are
    the latter's.
    """
    vendor = ctx.vendor
    out = []
    for term, (consistent, basis) in due_on_billed(ctx, month, fees, terms, others).items():
        expected = math.fsum(e.amount for e in contract if e.clause == term)
        lines = terms.get(term, ())
        invoiced = math.fsum(line.computed for line in lines)
        if ctx.beyond(invoiced - consistent) and ctx.beyond(invoiced - expected):
            out.append(
                Finding(
                    month,
                    lines[0].line if lines else TERM_FINDING[term],
                    "",
                    TERM_FINDING[term],
                    expected,
                    invoiced,
                    invoiced - expected,
                    ctx.clause("sla.levels" if term == "sla" else term),
                    TERM_BASIS.get(term) or (vendor.sla.kpi if vendor.sla else ""),
                    basis,
                    source=lines[0].where() if lines else "",
                )
            )
    return out
