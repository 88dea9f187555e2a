"""Priced lines: one fee line (or term) of one part or of the whole quote, over the months.

A :class:`Line` holds per-month arrays of quantity and rate (in the line's currency)
and the FX rate into the scenario currency; its amount is quantity × rate × fx in the
months where it is ``active`` and 0 elsewhere. Bill rows are read off lines month by
month, so every row satisfies amount = quantity × rate × fx exactly (the same float64
product) and every total is a sum of rows.

Arrays have months on their last axis and broadcast: Monte Carlo builds lines whose
quantities are [S, M] (one row per sample) and whose fx may be [S, 1]; such lines are
summed with :func:`total_amount`, never turned into rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.model.calendar import Horizon
from cscost.model.fees import FeeBase
from cscost.pricing.bill import BillRow
from cscost.pricing.usage import Fx, PartUsage

QUOTE_LEVEL = "*"
"""The ``queue`` of rows that belong to the whole quote (minimum, discount, tax, …)."""


@dataclass(frozen=True)
class Line:
    """A priced line over the months: amount[i] = quantity[i] × rate[i] × fx when active."""

    line: str
    category: str
    kind: str
    queue: str
    quantity: Array
    unit: str
    rate: Array
    currency: str
    fx: Fx
    active: BoolArray
    fee: FeeBase | None = None
    """The fee line it prices (None for contract terms and in-house items)."""
    parts: tuple[PartUsage, ...] = ()
    """The parts it charges: one for part lines, those covered for quote-level fee lines."""
    quote_level: bool = False
    """True for lines of the whole quote (fixed_monthly, one_time, terms)."""

    @property
    def amount(self) -> Array:
        """quantity × rate × fx in active months, 0 elsewhere (scenario currency)."""
        product: Array = self.quantity * self.rate * self.fx
        result: Array = np.where(self.active, product, 0.0)
        return result

    @property
    def part(self) -> PartUsage | None:
        """The single part a part line charges; None for quote-level lines."""
        return None if self.quote_level or len(self.parts) != 1 else self.parts[0]


def full(months: int, value: float) -> Array:
    """An array of ``months`` copies of ``value``."""
    return np.full(months, float(value), dtype=np.float64)


def total_amount(lines: Sequence[Line], months: int) -> Array:
    """Σ amounts of ``lines`` per month (scenario currency), months on the last axis."""
    out = np.zeros(months, dtype=np.float64)
    for line in lines:
        out = out + line.amount
    return out


def lines_to_rows(
    lines: Sequence[Line], *, option: str, provider: str, horizon: Horizon
) -> list[BillRow]:
    """Bill rows month by month, lines in the given order, active months only."""
    labels = horizon.labels
    rows: list[BillRow] = []
    amounts = [line.amount for line in lines]  # each line's amounts computed once
    for i in range(horizon.months):
        for line, amount in zip(lines, amounts, strict=True):
            if not line.active[i]:
                continue
            quantity = float(line.quantity[i])
            rate = float(line.rate[i])
            rows.append(
                BillRow(
                    option=option,
                    provider=provider,
                    queue=line.queue,
                    line=line.line,
                    category=line.category,
                    kind=line.kind,
                    month=labels[i],
                    month_index=i,
                    quantity=quantity,
                    unit=line.unit,
                    rate=rate,
                    currency=line.currency,
                    fx=float(line.fx),
                    amount=float(amount[i]),
                )
            )
    return rows
