"""Candidate shifts: every (template, start time, days-off pattern) as a column of the roster.

A column covers, on each of its ``days_on`` consecutive working days (cyclic over the
week: a pattern starting Saturday works Sat–Wed), the ``paid`` hours from its start;
a shift that runs past midnight covers the next day's first intervals, and Sunday's
late shift covers Monday morning (the typical week repeats). Each agent on it counts
``1 − break/paid`` available agents in every interval it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csc_matrix

from cscost.arrays import Array
from cscost.model.hours import DAY_NAMES
from cscost.model.schedule import Schedule

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ShiftColumns:
    """The candidate shifts of a schedule on a grid of ``interval_minutes``."""

    interval_minutes: int
    days_on: int
    names: tuple[str, ...]  # template names, by template index
    template: IntArray  # [C] template index of each column
    start_interval: IntArray  # [C] start interval of the day
    first_day: IntArray  # [C] first working day, 0 = Mon
    length: IntArray  # [C] intervals per shift
    availability: Array  # [C] 1 − break/paid
    max_share: tuple[float | None, ...]  # by template index
    cover: csc_matrix  # [7·T, C] 1 where the column's agents are on shift

    @property
    def paid_hours_week(self) -> Array:
        """Paid hours per agent per week of each column: length × days_on × interval hours."""
        result: Array = self.length * self.days_on * self.interval_minutes / 60.0
        return result


def shift_columns(schedule: Schedule, interval_minutes: int) -> ShiftColumns:
    """Every candidate shift of ``schedule`` (module docstring)."""
    per_day = 1440 // interval_minutes
    week = 7 * per_day
    days_on = schedule.days_on
    first_days = range(7) if days_on < 7 else range(1)
    template, start, first, length, availability = [], [], [], [], []
    rows: list[IntArray] = []
    for j, shift in enumerate(schedule.shifts):
        size = int(round(shift.paid_seconds / 60 / interval_minutes))
        for minute in shift.start_minutes():
            s = minute // interval_minutes
            for d0 in first_days:
                bases = ((d0 + np.arange(days_on)) % 7) * per_day + s
                rows.append(((bases[:, None] + np.arange(size)[None, :]) % week).ravel())
                template.append(j)
                start.append(s)
                first.append(d0)
                length.append(size)
                availability.append(shift.availability)
    columns = np.repeat(np.arange(len(rows)), [r.size for r in rows])
    data = np.ones(columns.size)
    cover = csc_matrix((data, (np.concatenate(rows), columns)), shape=(week, len(rows)))
    cover.sum_duplicates()
    cover.data[:] = 1.0  # a shift longer than a day may overlap itself: still one agent
    return ShiftColumns(
        interval_minutes=interval_minutes,
        days_on=days_on,
        names=tuple(s.name for s in schedule.shifts),
        template=np.asarray(template, dtype=np.int64),
        start_interval=np.asarray(start, dtype=np.int64),
        first_day=np.asarray(first, dtype=np.int64),
        length=np.asarray(length, dtype=np.int64),
        availability=np.asarray(availability, dtype=float),
        max_share=tuple(s.max_share for s in schedule.shifts),
        cover=cover,
    )


def days_text(first_day: int, days_on: int) -> str:
    """``Mon-Fri``, ``Sat-Wed``, ``Mon-Sun`` or ``Tue`` for one day."""
    if days_on >= 7:
        return "Mon-Sun"
    last = (first_day + days_on - 1) % 7
    if days_on == 1:
        return DAY_NAMES[first_day]
    return f"{DAY_NAMES[first_day]}-{DAY_NAMES[last]}"
