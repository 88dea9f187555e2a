"""The contract's bill on the actual month, through the pricing engine that ``evaluate`` uses.

For each month i reconciled, every queue with actuals becomes a
:class:`~cscost.pricing.usage.PartUsage` whose arrays are 0 except in month i (handled
contacts, AHT, productive and paid hours, FTE, seats, hires, FCR = resolved / handled,
window hours and contacts), and :func:`cscost.pricing.quote.quote_lines` prices it on
the scenario's horizon, so the escalation step is the contract month's and tiers,
minimum, discount, SLA ladder and tax apply to that month exactly as the quote states.
The SLA ladder reads the month's measured KPI: Σ_q kpi_q × w_q / Σ_q w_q with w the
offered contacts (else handled, else equal weights). The termination fee is not part
of a monthly invoice and is left out. Amounts are converted into the invoice's
currency: amount × fx(line currency) / fx(invoice currency), fx in scenario currency.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.model import Scenario, Vendor
from cscost.pricing.lines import Line
from cscost.pricing.quote import quote_lines
from cscost.pricing.terms import escalation_factors
from cscost.pricing.usage import PartUsage
from cscost.reconcile.inputs import ActualRow

TERM_KINDS: tuple[str, ...] = ("minimum_monthly", "discount", "sla", "tax_rate")
"""Contract terms billed as lines of their own, in the order they apply."""

BASIS: dict[str, str] = {
    "per_fte_month": "fte",
    "per_productive_hour": "productive_hours",
    "per_paid_hour": "paid_hours",
    "per_contact": "handled",
    "per_minute": "minutes",
    "per_resolution": "resolved",
    "per_seat_month": "seats",
    "per_new_hire": "hires",
    "surcharge": "base",
    "minimum_monthly": "shortfall",
    "discount": "base",
    "sla": "base",
    "tax_rate": "base",
}
"""What the quantity of each kind is, in the actuals' words."""


@dataclass(frozen=True)
class ExpectedLine:
    """One line of the contract's bill on the actuals, in the invoice currency."""

    month: str
    month_index: int
    clause: str
    """``fees[k]`` or the term (``minimum_monthly``, ``discount``, ``sla``, ``tax_rate``)."""
    line: str
    kind: str
    queue: str
    quantity: float
    unit: str
    rate: float
    """Per unit in the invoice currency, escalated."""
    amount: float
    escalation: float
    """The escalation factor of the month (1 for one-time fees and terms)."""


def measured_kpi(rows: Sequence[ActualRow], kpi: str) -> float:
    """Volume-weighted mean of the month's KPI over its queues (NaN when not measured)."""
    values: list[float] = []
    weights: list[float] = []
    for row in rows:
        value = _kpi_value(row, kpi)
        if value is None:
            continue
        values.append(value)
        weights.append(row.get("offered") or row.get("handled") or 0.0)
    if not values:
        return math.nan
    if sum(weights) <= 0:
        return float(np.mean(values))
    return math.fsum(v * w for v, w in zip(values, weights, strict=True)) / math.fsum(weights)


def _kpi_value(row: ActualRow, kpi: str) -> float | None:
    if kpi == "fcr" and row.get("resolved") is not None and row.get("handled"):
        return (row.get("resolved") or 0.0) / (row.get("handled") or 1.0)
    return row.get(kpi)


def part_usage(scenario: Scenario, vendor: Vendor, row: ActualRow, index: int) -> PartUsage:
    """The actual month of one queue as a part: its figures in month ``index``, 0 elsewhere."""
    months = scenario.horizon.months
    queue = scenario.queue(row.queue)
    settings = scenario.queue_settings(row.queue, vendor.id)

    def at(value: float | None) -> Array:
        out = np.zeros(months, dtype=np.float64)
        out[index] = 0.0 if value is None else value
        return out

    handled = row.get("handled")
    aht = row.get("aht_s")
    if aht is None:
        aht = float(settings.aht_s_by_month(months)[index])
    fcr = row.get("fcr")
    if row.get("resolved") is not None and handled:
        fcr = (row.get("resolved") or 0.0) / handled
    names = {c[: -len("_hours")] for c in row.values if c.endswith("_hours")}
    names |= {c[: -len("_handled")] for c in row.values if c.endswith("_handled")}
    names -= {"productive", "paid"}
    return PartUsage(
        queue_id=queue.id,
        channel=queue.channel,
        language=queue.language,
        tier=queue.tier,
        label=queue.id,
        volume=at(handled),
        aht_s=at(aht),
        productive_hours=at(row.get("productive_hours")),
        paid_hours=at(row.get("paid_hours")),
        fte=at(row.get("fte")),
        seats=at(row.get("seats")),
        hires=at(row.get("hires")),
        fcr=fcr,
        window_hours={w: at(row.get(f"{w}_hours")) for w in sorted(names)},
        window_volume={w: at(row.get(f"{w}_handled")) for w in sorted(names)},
    )


def month_lines(
    scenario: Scenario, vendor: Vendor, rows: Sequence[ActualRow], index: int
) -> list[Line]:
    """The priced lines of the contract on the actuals ``rows`` of month ``index``."""
    months = scenario.horizon.months
    kpi = np.full(months, np.nan)
    if vendor.sla is not None:
        kpi[index] = measured_kpi(rows, vendor.sla.kpi)
    parts = [part_usage(scenario, vendor, row, index) for row in rows]
    return quote_lines(
        vendor,
        parts,
        queues={q.id: q for q in scenario.queues},
        horizon=scenario.horizon,
        currency=scenario.scenario.currency,
        fx=scenario.scenario.fx,
        measured_kpi=kpi,
    )


def _clause(line: Line, vendor: Vendor) -> str:
    if line.fee is None:
        return line.kind
    index = next(k for k, fee in enumerate(vendor.fees) if fee is line.fee)
    return f"fees[{index}]"


def expected_lines(
    scenario: Scenario,
    vendor: Vendor,
    actuals: Mapping[str, Sequence[ActualRow]],
    invoice_fx: float,
) -> list[ExpectedLine]:
    """The expected bill of every month in ``actuals`` (month → its rows), invoice currency."""
    horizon = scenario.horizon
    factors = escalation_factors(vendor.escalation, horizon.months)
    out: list[ExpectedLine] = []
    for month, rows in actuals.items():
        i = horizon.index_of(month)
        for line in month_lines(scenario, vendor, rows, i):
            if line.kind == "termination_fee" or not line.active[i]:
                continue
            to_invoice = float(line.fx) / invoice_fx
            escalated = line.fee is not None and line.kind != "one_time"
            money_quantity = line.unit in ("base", "shortfall")  # rate is a percent
            quantity = float(line.quantity[i]) * (to_invoice if money_quantity else 1.0)
            rate = float(line.rate[i]) * (1.0 if money_quantity else to_invoice)
            out.append(
                ExpectedLine(
                    month=month,
                    month_index=i,
                    clause=_clause(line, vendor),
                    line=line.line,
                    kind=line.kind,
                    queue=line.queue,
                    quantity=quantity,
                    unit=line.unit,
                    rate=rate,
                    amount=float(line.amount[i]) / invoice_fx,
                    escalation=float(factors[i]) if escalated else 1.0,
                )
            )
    return out
