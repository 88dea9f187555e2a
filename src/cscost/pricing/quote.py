"""A vendor's quote priced on the work it does in one option: the vendor's bill rows.

Fee lines first (:mod:`cscost.pricing.fees`; surcharges on them,
:mod:`cscost.pricing.surcharge`), then the contract terms in DESIGN.md's order
(:mod:`cscost.pricing.terms`), then the termination fee. Amounts are float64 and every
row's amount is quantity × rate × fx, so a total is the sum of the rows (use
:func:`cscost.pricing.bill.bill_total`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from cscost.arrays import Array
from cscost.errors import QuoteError
from cscost.model.calendar import Horizon
from cscost.model.queues import Queue
from cscost.model.vendors import Vendor
from cscost.pricing.bill import BillRow
from cscost.pricing.fees import BUILDERS, FeeRef, QuoteContext, active_months
from cscost.pricing.lines import Line, lines_to_rows
from cscost.pricing.surcharge import surcharge_lines
from cscost.pricing.terms import (
    TermMoney,
    escalation_factors,
    renewal_factors,
    term_lines,
    termination_line,
)
from cscost.pricing.usage import Fx, PartUsage


def fx_rate(code: str, *, currency: str, fx: Mapping[str, Fx], vendor_id: str, field: str) -> Fx:
    """Scenario-currency units per unit of ``code`` (1 for ``currency`` itself).

    A rate of ``fx`` may be an array (one per sample, [S, 1]); it is returned as it is.
    Raises :class:`QuoteError` naming ``vendors[vendor_id].field`` when ``fx`` lacks it.
    """
    if code == currency:
        return 1.0
    if code not in fx:
        raise QuoteError(
            f"vendor {vendor_id}: {field} is {code}, but there is no exchange rate for "
            f"{code}; add `{code}: <{currency} per {code}>` to scenario.fx"
        )
    rate = fx[code]
    return rate if isinstance(rate, np.ndarray) else float(rate)


def quote_lines(
    vendor: Vendor,
    parts: Sequence[PartUsage],
    *,
    queues: Mapping[str, Queue],
    horizon: Horizon,
    currency: str,
    fx: Mapping[str, Fx],
    measured_kpi: Array | None = None,
    rate_factor: float = 1.0,
) -> list[Line]:
    """The priced lines of :func:`price_quote`, before they become rows.

    Usage arrays may be [S, M] and rates of ``fx`` [S, 1]: the lines then price every
    sample at once (Monte Carlo). ``measured_kpi`` (per month) applies the SLA credit
    ladder to a measured KPI instead of the expected miss rate (reconciliation).
    ``rate_factor`` (a what-if, :mod:`cscost.model.adjust`) multiplies the rate of every
    fee line; the terms then follow from the scaled fees.
    """
    if not parts:
        return []
    escalation = escalation_factors(vendor.escalation, horizon.months) * renewal_factors(
        vendor, horizon.months
    )
    ctx = QuoteContext(vendor, tuple(parts), queues, horizon, escalation)
    quoted = vendor.currency or currency

    def rate_of(code: str, field: str) -> Fx:
        return fx_rate(code, currency=currency, fx=fx, vendor_id=vendor.id, field=field)

    money = TermMoney(quoted, rate_of(quoted, "currency"), horizon.months)
    refs: list[FeeRef] = []
    for k, fee in enumerate(vendor.fees):
        code = fee.currency or quoted
        refs.append(FeeRef(fee, k, code, rate_of(code, f"fees[{k}].currency")))
    by_fee: dict[int, list[Line]] = {}
    for ref in refs:
        if ref.fee.kind != "surcharge":
            by_fee[ref.index] = BUILDERS[ref.fee.kind](ref, ctx, active_months(ref, ctx))
    priced = [line for lines in by_fee.values() for line in lines]
    for ref in refs:
        if ref.fee.kind == "surcharge":
            by_fee[ref.index] = surcharge_lines(ref, ctx, active_months(ref, ctx), priced)
    fee_lines = [line for k in sorted(by_fee) for line in by_fee[k]]
    if rate_factor != 1.0:
        fee_lines = [replace(line, rate=line.rate * rate_factor) for line in fee_lines]
    lines = [*fee_lines, *term_lines(vendor, fee_lines, escalation, money, measured_kpi)]
    termination = termination_line(vendor, money)
    return lines if termination is None else [*lines, termination]


def price_quote(
    vendor: Vendor,
    parts: Sequence[PartUsage],
    *,
    queues: Mapping[str, Queue],
    horizon: Horizon,
    currency: str,
    fx: Mapping[str, float],
    option: str,
) -> list[BillRow]:
    """The bill of ``vendor`` for its ``parts`` of ``option``, month by month.

    ``queues`` maps queue ids to queues (fee filters and rate tables read them);
    ``currency`` is the scenario currency and ``fx`` its table (scenario currency per
    unit of another). Rows come month by month: the fee lines in the vendor's order
    (one row per fee × part, or one quote-level row with queue ``*``), then minimum
    shortfall, discount, SLA credit, tax, and the termination fee. No parts, no rows.
    Raises :class:`QuoteError` for a currency without a rate, a missing rate-table key
    or a per-resolution fee without FCR (the model rejects these first).
    """
    lines = quote_lines(vendor, parts, queues=queues, horizon=horizon, currency=currency, fx=fx)
    return lines_to_rows(lines, option=option, provider=vendor.id, horizon=horizon)
