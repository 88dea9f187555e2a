"""The planning horizon: months i = 0 … M−1 from ``start`` with their real calendars.

Day types. Without public holidays the typical week has 7 day types, Monday … Sunday
(d = 0 … 6). With holidays (``scenario.holidays``) it has 14: d = 0 … 6 for ordinary
days and 7 + d for a public holiday that falls on weekday d; a weekend day worked in
lieu of a holiday (China's adjusted working days, ``workdays``) counts as a Monday.
n_d(i) counts the days of type d in month i, so Σ_d n_d(i) = the days of month i.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cache

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


#: Day types of a week without holidays (Mon … Sun) and with them (+ holiday Mon … Sun).
WEEKDAYS = 7
WITH_HOLIDAYS = 14
#: The day type a weekend day worked in lieu of a holiday counts as (Monday).
WORKDAY_AS = 0


@dataclass(frozen=True)
class HolidayDates:
    """The public holidays and the weekend days worked in lieu of them (resolved dates)."""

    holidays: frozenset[datetime.date] = frozenset()
    workdays: frozenset[datetime.date] = frozenset()

    def day_type(self, day: datetime.date) -> int:
        """7 + weekday for a holiday, Monday for a worked weekend day, else the weekday."""
        if day in self.holidays:
            return WEEKDAYS + day.weekday()
        if day in self.workdays:
            return WORKDAY_AS
        return day.weekday()


@dataclass(frozen=True)
class Horizon:
    """``months`` calendar months starting at ``start_year``-``start_month``.

    ``holidays`` (None: no holiday calendar) splits each weekday into an ordinary and a
    holiday day type (module docstring).
    """

    start_year: int
    start_month: int
    months: int
    holidays: HolidayDates | None = None

    @classmethod
    def from_text(cls, start: str, months: int, holidays: HolidayDates | None = None) -> Horizon:
        """From ``YYYY-MM`` and a month count (and the resolved holidays, if any)."""
        year, month = start.split("-")
        return cls(int(year), int(month), months, holidays)

    @property
    def day_types(self) -> int:
        """D: 7 (Mon … Sun), or 14 with a holiday calendar (Mon … Sun, holiday Mon … Sun)."""
        return WEEKDAYS if self.holidays is None else WITH_HOLIDAYS

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the horizon touches."""
        first = self.year_month(0)[0]
        return tuple(range(first, self.year_month(self.months - 1)[0] + 1))

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
        """n_d(i): how many days of each day type month i has, shape [M, D] (read-only).

        D = 7 (Mondays … Sundays) without holidays; with them, D = 14 and a holiday
        counts in column 7 + its weekday, a worked weekend day in column 0 (Monday).
        """
        return _day_counts(self)

    def holiday_dates(self, index: int) -> tuple[datetime.date, ...]:
        """The public holidays of month ``index``, in date order."""
        if self.holidays is None:
            return ()
        year, month = self.year_month(index)
        return tuple(
            sorted(d for d in self.holidays.holidays if (d.year, d.month) == (year, month))
        )

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


@cache
def _day_counts(horizon: Horizon) -> npt.NDArray[np.int64]:
    out = np.zeros((horizon.months, horizon.day_types), dtype=np.int64)
    for i in range(horizon.months):
        year, month = horizon.year_month(i)
        first, days = calendar.monthrange(year, month)
        if horizon.holidays is None:
            for k in range(days):
                out[i, (first + k) % 7] += 1
        else:
            for k in range(days):
                out[i, horizon.holidays.day_type(datetime.date(year, month, k + 1))] += 1
    out.setflags(write=False)
    return out
