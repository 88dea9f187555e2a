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

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

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
    """Σ amounts of ``lines`` per month (scenario currency), months on the last axis.

    Summed in line order into one array of the lines' broadcast shape (:func:`summed_amount`).
    """
    shape = np.broadcast_shapes(
        (months,),
        *(
            s
            for ln in lines
            for s in (np.shape(ln.quantity), np.shape(ln.rate), np.shape(ln.fx), ln.active.shape)
        ),
    )
    return summed_amount(lines, shape)


def summed_amount(lines: Sequence[Line], shape: tuple[int, ...]) -> Array:
    """Σ amounts of ``lines`` into one array of ``shape`` (e.g. [S, M], months last).

    The same numbers as ``np.broadcast_to(total_amount(lines, months), shape)``, bit for
    bit: the lines are added in the same order, each amount as (quantity × rate) × fx,
    but in place, without the 0 of inactive months (adding 0.0 leaves a sum unchanged: it
    starts at +0.0, so it is never −0.0) and without multiplying by an fx of 1.0.
    """
    out = np.zeros(shape, dtype=np.float64)
    buffer = np.empty(shape, dtype=np.float64)
    for line in lines:
        product = line.quantity * line.rate if np.ndim(line.quantity) < 2 else None
        if product is not None and np.ndim(line.rate) < 2 and np.ndim(line.fx) == 0:
            amount: Array = product if line.fx == 1.0 else product * line.fx
            np.add(out, np.where(line.active, amount, 0.0), out=out)
            continue
        np.multiply(line.quantity, line.rate, out=buffer)
        if np.ndim(line.fx) > 0 or line.fx != 1.0:
            np.multiply(buffer, line.fx, out=buffer)
        if line.active.all():
            np.add(out, buffer, out=out)
        else:
            np.add(out, buffer, out=out, where=np.broadcast_to(line.active, shape))
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


Priced = Sequence[tuple[str, Sequence[Line]]]
"""(provider, lines) blocks of one option, in bill order."""


class BillRows(Sequence[BillRow]):
    """The bill rows of priced lines, made when first read (:func:`lines_to_rows`).

    Provider block by block, each month by month: the rows of ``priced_rows``. Totals
    are taken from the lines themselves (:meth:`amounts`, :func:`exact_total`), so an
    evaluation that is only totalled never builds a row. Equal to any sequence of the
    same rows; pickled as the tuple of its rows.
    """

    def __init__(self, option: str, priced: Priced, horizon: Horizon) -> None:
        self.option = option
        self.priced = priced
        self._horizon = horizon
        self._made: tuple[BillRow, ...] | None = None

    def _rows(self) -> tuple[BillRow, ...]:
        if self._made is None:
            made: list[BillRow] = []
            for provider, lines in self.priced:
                made += lines_to_rows(
                    lines, option=self.option, provider=provider, horizon=self._horizon
                )
            self._made = tuple(made)
        return self._made

    def __len__(self) -> int:
        if self._made is not None:
            return len(self._made)
        months = self._horizon.months
        return sum(
            int(np.broadcast_to(ln.active, (months,)).sum())
            for _, lines in self.priced
            for ln in lines
        )

    @overload
    def __getitem__(self, index: int) -> BillRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[BillRow, ...]: ...

    def __getitem__(self, index: int | slice) -> BillRow | tuple[BillRow, ...]:
        return self._rows()[index]

    def __iter__(self) -> Iterator[BillRow]:
        return iter(self._rows())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return self._rows() == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"BillRows({self.option!r}, {len(self)} rows)"

    def __reduce__(self) -> tuple[type[tuple[BillRow, ...]], tuple[tuple[BillRow, ...]]]:
        return (tuple, (self._rows(),))

    def amounts(self, keep: Callable[[str, Line], bool] | None = None) -> Array:
        """[L, M] the amounts of the kept lines (all by default), 0 in inactive months:
        the rows' amounts, each in its month, and zeros (which an exact sum ignores)."""
        months = self._horizon.months
        kept = [
            np.broadcast_to(ln.amount, (months,))
            for provider, lines in self.priced
            for ln in lines
            if keep is None or keep(provider, ln)
        ]
        return np.array(kept, dtype=np.float64).reshape(len(kept), months)


def exact_total(amounts: Array) -> float:
    """The exactly rounded Σ of every element (``math.fsum``): the total of the rows."""
    return math.fsum(amounts.ravel().tolist())


def exact_month_sums(amounts: Array) -> Array:
    """[M] the exactly rounded Σ of each month (column) of ``amounts`` [L, M]."""
    return np.array([math.fsum(column) for column in amounts.T.tolist()], dtype=np.float64)
