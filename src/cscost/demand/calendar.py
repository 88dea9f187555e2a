"""The planning calendar: months of the horizon with their real weekday counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> tuple[int, int]:
    """``"2027-01"`` → (2027, 1); ``ValueError`` for anything else."""
    match = _MONTH.match(text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"expected a month as YYYY-MM, found {text!r}")
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Calendar:
    """Months i = 0 … M−1 from ``start``: labels, calendar month (1–12) and weekday counts.

    ``weekday_counts[i, d]`` is the number of days of weekday d (Mon = 0) in month i.
    """

    labels: tuple[str, ...]
    calendar_month: npt.NDArray[np.int64]
    weekday_counts: npt.NDArray[np.int64]

    @property
    def months(self) -> int:
        """M, the number of months."""
        return len(self.labels)

    @property
    def days(self) -> npt.NDArray[np.int64]:
        """Days in each month."""
        result: npt.NDArray[np.int64] = self.weekday_counts.sum(axis=1)
        return result


def planning_calendar(start: str, months: int) -> Calendar:
    """The calendar of ``months`` months from ``start`` (YYYY-MM)."""
    year, month = parse_month(start)
    first = np.datetime64(f"{year:04d}-{month:02d}", "M") + np.arange(months + 1)
    days = first.astype("datetime64[D]")
    counts = np.zeros((months, 7), dtype=np.int64)
    for i in range(months):
        span = np.arange(days[i], days[i + 1])
        # 1970-01-01 was a Thursday (weekday 3 with Monday = 0)
        weekday = (span.astype(np.int64) + 3) % 7
        counts[i] = np.bincount(weekday, minlength=7)
    labels = tuple(str(m) for m in first[:-1])
    cal_month = (first[:-1].astype(np.int64) % 12) + 1
    return Calendar(labels, cal_month.astype(np.int64), counts)
