"""The bill: every money figure as a row (option, provider, queue, line, category, month).

Each row states the quantity it priced, its unit, the rate (in the quote's currency,
after escalation), the FX rate into the scenario currency and the amount in the scenario
currency, so that amount = quantity × rate × fx for usage lines and every total is a sum
of rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class BillRow:
    """One amount of one fee line in one month."""

    option: str
    provider: str
    queue: str  # queue id or part label; "*" for quote-level lines (minimum, tax, discount)
    line: str  # the fee's label, or the term: "minimum shortfall", "tax", "discount", ...
    category: str  # audit category (labour, setup, tax, ...)
    kind: str  # fee kind or term kind
    month: str  # YYYY-MM
    month_index: int
    quantity: float
    unit: str  # FTE, hours, contacts, minutes, resolutions, seats, hires, month, base
    rate: float  # per unit, quote currency (percent for terms)
    currency: str  # the quote's currency
    fx: float  # scenario currency per unit of ``currency``
    amount: float  # scenario currency


BILL_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(BillRow))


def bill_frame(rows: list[BillRow]) -> pd.DataFrame:
    """The rows as a pandas DataFrame with the columns of :class:`BillRow`."""
    import pandas as pd

    records: list[dict[str, Any]] = [{c: getattr(r, c) for c in BILL_COLUMNS} for r in rows]
    return pd.DataFrame.from_records(records, columns=list(BILL_COLUMNS))


def bill_total(rows: Iterable[BillRow]) -> float:
    """Σ amount of ``rows``, correctly rounded (``math.fsum``), the same in any order."""
    return math.fsum(row.amount for row in rows)
