"""A history's cells summed into months: totals, gaps, and partly covered months of daily data.

With daily rows, a first or last month that the file covers only in part is dropped with
a note, and a day without a row inside a kept month counts as 0 contacts (a closed day)
with a note.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Protocol

import numpy as np

from cscost.arrays import Array
from cscost.model.calendar import month_label


class DatedCell(Protocol):
    """A checked volume cell: its month number, its day (daily rows) and its value."""

    @property
    def month(self) -> int: ...

    @property
    def day(self) -> date | None: ...

    @property
    def value(self) -> float | None: ...


def monthly_totals(
    cells: Sequence[DatedCell], notes: dict[str, list[str]], queue: str
) -> tuple[int, Array, list[int]]:
    """(first month, monthly totals, months without data) of sorted, checked cells."""
    totals: dict[int, float] = defaultdict(float)
    days: dict[int, set[int]] = defaultdict(set)
    for cell in cells:
        totals[cell.month] += float(cell.value or 0.0)
        if cell.day is not None:
            days[cell.month].add(cell.day.day)
    months = sorted(totals)
    if cells[0].day is not None:
        months = _complete_months(months, days, cells, notes, queue)
    if not months:
        return cells[0].month, np.zeros(0), []
    span = range(months[0], months[-1] + 1)
    gaps = [m for m in span if m not in totals]
    return months[0], np.array([totals.get(m, 0.0) for m in span]), gaps


def _complete_months(
    months: list[int],
    days: dict[int, set[int]],
    cells: Sequence[DatedCell],
    notes: dict[str, list[str]],
    queue: str,
) -> list[int]:
    """Drop a partly covered first or last month of daily data; note days without rows."""
    first_day, last_day = cells[0].day, cells[-1].day
    assert first_day is not None
    assert last_day is not None
    if first_day.day != 1:
        notes[f"first month {month_label(months[0])} dropped: it starts {first_day}"].append(queue)
        months = months[1:]
    if months and last_day.day != _days_in(months[-1]) and months[-1] == cells[-1].month:
        notes[f"last month {month_label(months[-1])} dropped: it ends {last_day}"].append(queue)
        months = months[:-1]
    absent = sum(_days_in(m) - len(days[m]) for m in months if m in days)
    if absent:
        notes[f"{absent} day(s) without a row count as 0 contacts (closed days)"].append(queue)
    return months


def _days_in(month: int) -> int:
    return calendar.monthrange(month // 12, month % 12 + 1)[1]


def month_list(months: list[int], limit: int = 12) -> str:
    text = ", ".join(month_label(m) for m in months[:limit])
    return text + (f" … ({len(months)} months in all)" if len(months) > limit else "")
