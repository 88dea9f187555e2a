"""The planning horizon: months i = 0 … M−1 from ``start`` with their real calendars."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cscost.errors import ArgumentError

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def month_number(text: str) -> int:
    """``YYYY-MM`` → year × 12 + month − 1 (consecutive months differ by 1)."""
    match = _MONTH.match(text)
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ArgumentError(f"expected a month as YYYY-MM (e.g. 2027-01), found {text!r}")
    return int(match[1]) * 12 + int(match[2]) - 1


def month_label(number: int) -> str:
    """The inverse of :func:`month_number`: ``YYYY-MM``."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@dataclass(frozen=True)
class Horizon:
    """``months`` calendar months starting at ``start_year``-``start_month``."""

    start_year: int
    start_month: int
    months: int

    @classmethod
    def from_text(cls, start: str, months: int) -> Horizon:
        """From ``YYYY-MM`` and a month count."""
        year, month = start.split("-")
        return cls(int(year), int(month), months)

    def year_month(self, index: int) -> tuple[int, int]:
        """(year, calendar month 1 … 12) of month ``index``."""
        total = self.start_year * 12 + self.start_month - 1 + index
        return total // 12, total % 12 + 1

    @property
    def labels(self) -> tuple[str, ...]:
        """``YYYY-MM`` of every month of the horizon."""
        return tuple(f"{y:04d}-{m:02d}" for y, m in map(self.year_month, range(self.months)))

    @property
    def calendar_months(self) -> npt.NDArray[np.int64]:
        """Calendar month (1 … 12) of every month i; index seasonality with ``- 1``."""
        return np.array([self.year_month(i)[1] for i in range(self.months)], dtype=np.int64)

    @property
    def days_in_month(self) -> npt.NDArray[np.int64]:
        """Days of every month i."""
        return np.array(
            [calendar.monthrange(*self.year_month(i))[1] for i in range(self.months)],
            dtype=np.int64,
        )

    @property
    def weekday_counts(self) -> npt.NDArray[np.int64]:
        """n_d(i): how many Mondays … Sundays month i has, shape [M, 7]."""
        out = np.zeros((self.months, 7), dtype=np.int64)
        for i in range(self.months):
            year, month = self.year_month(i)
            first, days = calendar.monthrange(year, month)
            for k in range(days):
                out[i, (first + k) % 7] += 1
        return out

    def index_of(self, month: int | str) -> int:
        """Index of ``month`` (an index, or ``YYYY-MM``); ArgumentError outside the horizon."""
        if isinstance(month, str):
            year, mon = (int(part) for part in month.split("-"))
            index = (year * 12 + mon) - (self.start_year * 12 + self.start_month)
        else:
            index = int(month)
        if not 0 <= index < self.months:
            raise ArgumentError(
                f"month {month} is outside the horizon {self.labels[0]} … {self.labels[-1]} "
                f"(indexes 0 … {self.months - 1})"
            )
        return index
