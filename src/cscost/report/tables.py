"""The numbers a report shows, grouped from the bill: fee categories by year, lines, staff.

Every figure is a sum over bill rows (:class:`cscost.pricing.bill.BillRow`), so the
tables add up to the option's total exactly as the bill does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.evaluate.evaluation import Evaluation, OptionResult
from cscost.evaluate.parts import Part
from cscost.model import INHOUSE
from cscost.pricing.bill import BillRow
from cscost.report.labels import category_order

LineKey = tuple[str, str, str, str, str]  # provider, queue, line, category, kind


@dataclass(frozen=True)
class LineTotals:
    """One fee line of one provider and queue: its amount per year and in total."""

    provider: str
    queue: str
    line: str
    kind: str
    by_year: tuple[float, ...]
    total: float


@dataclass(frozen=True)
class CategoryTotals:
    """One fee category of an option: per year, in total, and the lines it is made of."""

    category: str
    by_year: tuple[float, ...]
    total: float
    lines: tuple[LineTotals, ...]


@dataclass(frozen=True)
class Breakdown:
    """An option's bill as fee categories × years."""

    years: tuple[str, ...]
    categories: tuple[CategoryTotals, ...]
    by_year: tuple[float, ...]
    total: float


def years_of(months: Sequence[str]) -> tuple[str, ...]:
    """The calendar years the ``YYYY-MM`` months fall in, in order."""
    return tuple(dict.fromkeys(m[:4] for m in months))


def _sums(rows: Iterable[BillRow], years: tuple[str, ...]) -> tuple[tuple[float, ...], float]:
    amounts: dict[str, list[float]] = {y: [] for y in years}
    every: list[float] = []
    for row in rows:
        amounts[row.month[:4]].append(row.amount)
        every.append(row.amount)
    return tuple(math.fsum(amounts[y]) for y in years), math.fsum(every)


def breakdown(option: OptionResult, months: Sequence[str]) -> Breakdown:
    """The bill of ``option`` by fee category and year, each category with its lines."""
    years = years_of(months)
    by_category: dict[str, dict[LineKey, list[BillRow]]] = defaultdict(dict)
    for row in option.rows:
        key = (row.provider, row.queue, row.line, row.category, row.kind)
        by_category[row.category].setdefault(key, []).append(row)
    categories = []
    for category in sorted(by_category, key=category_order):
        lines = []
        for (provider, queue, line, _, kind), rows in by_category[category].items():
            by_year, total = _sums(rows, years)
            lines.append(LineTotals(provider, queue, line, kind, by_year, total))
        rows_of_category = [r for rows in by_category[category].values() for r in rows]
        by_year, total = _sums(rows_of_category, years)
        categories.append(CategoryTotals(category, by_year, total, tuple(lines)))
    by_year, total = _sums(option.rows, years)
    return Breakdown(years, tuple(categories), by_year, total)


def monthly_by_category(option: OptionResult, months: int) -> dict[str, Array]:
    """Amount per fee category and month, categories in their standard order."""
    amounts: dict[str, list[list[float]]] = {}
    for row in option.rows:
        per_month = amounts.setdefault(row.category, [[] for _ in range(months)])
        per_month[row.month_index].append(row.amount)
    return {
        category: np.array([math.fsum(a) for a in amounts[category]])
        for category in sorted(amounts, key=category_order)
    }


def line_keys(option: OptionResult) -> list[LineKey]:
    """The distinct fee lines of an option's bill, in the order they first appear."""
    return list(
        dict.fromkeys((r.provider, r.queue, r.line, r.category, r.kind) for r in option.rows)
    )


def line_matrix(option: OptionResult, months: int) -> tuple[list[LineKey], Array]:
    """The bill as lines × months (each cell an exactly rounded sum of rows)."""
    keys = line_keys(option)
    index = {key: k for k, key in enumerate(keys)}
    cells: list[list[list[float]]] = [[[] for _ in range(months)] for _ in keys]
    for r in option.rows:
        cells[index[(r.provider, r.queue, r.line, r.category, r.kind)]][r.month_index].append(
            r.amount
        )
    return keys, np.array([[math.fsum(c) for c in line] for line in cells]).reshape(
        len(keys), months
    )


def is_baseline(option: OptionResult) -> bool:
    """The in-house option: named ``inhouse``/``in-house``, or whose only provider is in-house."""
    name = option.name.strip().lower().replace("_", "-")
    return name in ("inhouse", "in-house") or option.providers == (INHOUSE,)


def baseline(evaluation: Evaluation) -> OptionResult | None:
    """The option the others are compared with: keeping everything in-house (if evaluated)."""
    named = [o for o in evaluation.options if is_baseline(o)]
    return min(named, key=lambda o: o.rank) if named else None


def ranked(evaluation: Evaluation) -> list[OptionResult]:
    """The options, cheapest (rank 1) first."""
    return sorted(evaluation.options, key=lambda o: o.rank)


def busiest_part(option: OptionResult) -> tuple[Part, int] | None:
    """The part with the most contacts over the horizon and the month of its peak volume."""
    if not option.parts:
        return None
    part = max(option.parts, key=lambda p: float(p.plan.volume.sum()))
    return part, int(np.argmax(part.plan.volume))
