"""Opening hours and time windows: ``"Mon-Fri 08:00-20:00; Sat 09:00-17:00"``, ``"24/7"``.

Grammar (case-insensitive day names, spaces optional around separators)::

    hours   := "24/7" | clause (";" clause)*
    clause  := [days] range ("," range)*
    days    := day ["-" day] ("," day ["-" day])*      Mon Tue Wed Thu Fri Sat Sun
    range   := HH:MM "-" HH:MM                          00:00 … 24:00

A clause without days applies to every day. A range whose end is before its start
crosses midnight into the next day (``Sun 22:00-06:00`` ends Monday 06:00, the week
wraps). ``24:00`` is allowed as an end only. A day range may wrap (``Fri-Mon``).
Overlapping ranges are merged. Times are in the scenario's time zone; daylight
saving is not modelled (every day has 24 hours).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from cscost.errors import ArgumentError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MINUTES_PER_DAY = 1440

_DAY_INDEX = {name.lower(): i for i, name in enumerate(DAY_NAMES)}
_DAY_INDEX.update(
    {
        full: i
        for i, full in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    }
)
_CLAUSE = re.compile(r"^(?P<days>[^\d]*?)\s*(?P<times>\d.*)$")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")

Span = tuple[int, int, int]
"""(weekday 0 = Mon … 6 = Sun, start minute, end minute) with 0 ≤ start < end ≤ 1440."""


def _minute(hours: str, minutes: str, text: str, *, is_end: bool) -> int:
    h, m = int(hours), int(minutes)
    if m > 59 or h > 24 or (h == 24 and (m != 0 or not is_end)):
        where = "an end" if is_end else "a start"
        raise ArgumentError(f"`{hours}:{minutes}` is not a valid time for {where} in `{text}`")
    return h * 60 + m


def _days(text: str, clause: str) -> list[int]:
    if not text:
        return list(range(7))
    days: list[int] = []
    for item in text.split(","):
        ends = [part.strip().lower() for part in re.split(r"[-–]", item)]
        if len(ends) > 2 or any(end not in _DAY_INDEX for end in ends):
            raise ArgumentError(
                f"cannot read the days `{item.strip()}` in `{clause}`; "
                f"expected day names like Mon-Fri or Sat,Sun ({', '.join(DAY_NAMES)})"
            )
        first, last = _DAY_INDEX[ends[0]], _DAY_INDEX[ends[-1]]
        days.extend((first + k) % 7 for k in range((last - first) % 7 + 1))
    return days


def _clause_spans(clause: str) -> list[Span]:
    match = _CLAUSE.match(clause)
    if match is None:
        raise ArgumentError(f"cannot read `{clause}`; expected e.g. `Mon-Fri 08:00-20:00`")
    days = _days(match.group("days").strip(), clause)
    spans: list[Span] = []
    for item in match.group("times").split(","):
        times = _RANGE.match(item.strip())
        if times is None:
            raise ArgumentError(
                f"cannot read the time range `{item.strip()}` in `{clause}`; expected HH:MM-HH:MM"
            )
        start = _minute(times.group(1), times.group(2), clause, is_end=False)
        end = _minute(times.group(3), times.group(4), clause, is_end=True)
        if start == end or (start == 0 and end == 0):
            raise ArgumentError(
                f"the range `{item.strip()}` in `{clause}` is empty; "
                "for a whole day write 00:00-24:00"
            )
        for day in days:
            if end > start:
                spans.append((day, start, end))
            else:  # crosses midnight into the next day
                spans.append((day, start, MINUTES_PER_DAY))
                if end > 0:
                    spans.append(((day + 1) % 7, 0, end))
    return spans


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for day, start, end in sorted(spans):
        if out and out[-1][0] == day and start <= out[-1][2]:
            out[-1] = (day, out[-1][1], max(out[-1][2], end))
        else:
            out.append((day, start, end))
    return tuple(out)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True)
class OpeningHours:
    """Weekly opening hours: merged spans per weekday, and the text they came from.

    Build one with :meth:`parse`; in a scenario, any hours field accepts the text.
    """

    text: str
    spans: tuple[Span, ...]

    @classmethod
    def parse(cls, text: str) -> OpeningHours:
        """Read ``text``; raises :class:`ArgumentError` with what was expected."""
        if not isinstance(text, str) or not text.strip():
            raise ArgumentError("expected opening hours like `Mon-Fri 08:00-20:00` or `24/7`")
        clean = " ".join(text.split())
        if clean.lower() in ("24/7", "24x7"):
            return cls(clean, tuple((day, 0, MINUTES_PER_DAY) for day in range(7)))
        spans: list[Span] = []
        for clause in clean.split(";"):
            if clause.strip():
                spans.extend(_clause_spans(clause.strip()))
        if not spans:
            raise ArgumentError(f"no opening hours in `{text}`")
        return cls(clean, _merged(spans))

    def __str__(self) -> str:
        return self.text

    @property
    def always_open(self) -> bool:
        """Open every minute of the week."""
        return self.spans == tuple((day, 0, MINUTES_PER_DAY) for day in range(7))

    @property
    def hours_per_week(self) -> float:
        """Open hours in a week."""
        return sum(end - start for _, start, end in self.spans) / 60.0

    def misaligned_times(self, interval_minutes: int) -> tuple[str, ...]:
        """Boundaries (``Mon 08:10``) that do not fall on an interval boundary."""
        bad: list[str] = []
        for day, start, end in self.spans:
            bad.extend(
                f"{DAY_NAMES[day]} {_clock(t)}"
                for t in (start, end)
                if t % interval_minutes and f"{DAY_NAMES[day]} {_clock(t)}" not in bad
            )
        return tuple(bad)

    def open_mask(self, interval_minutes: int) -> npt.NDArray[np.bool_]:
        """Open intervals: bool array [7, 1440 / interval_minutes], Mon = row 0.

        Exact: an interval is open when the hours cover all of it. Raises
        :class:`ArgumentError` when a boundary does not fall on an interval boundary
        or the interval does not divide a day.
        """
        if interval_minutes <= 0 or MINUTES_PER_DAY % interval_minutes:
            raise ArgumentError(
                f"interval_minutes must divide a day (1440 min), found {interval_minutes}"
            )
        bad = self.misaligned_times(interval_minutes)
        if bad:
            raise ArgumentError(
                f"opening hours `{self.text}` are not aligned to {interval_minutes}-minute "
                f"intervals at {', '.join(bad)}"
            )
        mask = np.zeros((7, MINUTES_PER_DAY // interval_minutes), dtype=bool)
        for day, start, end in self.spans:
            mask[day, start // interval_minutes : end // interval_minutes] = True
        return mask

    # -- pydantic integration: accepted as text, written back as text ------------------

    @classmethod
    def from_value(cls, value: Any) -> OpeningHours:
        """Opening hours from text (or as they are); PydanticCustomError if unreadable."""
        if isinstance(value, OpeningHours):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError(
                "opening_hours", "expected opening hours as text, e.g. `Mon-Fri 08:00-20:00`"
            )
        try:
            return cls.parse(value)
        except ArgumentError as exc:
            raise PydanticCustomError("opening_hours", str(exc)) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.from_value,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda h: h.text),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "description": (
                "Opening hours: '24/7', or clauses separated by ';' such as "
                "'Mon-Fri 08:00-20:00; Sat 09:00-17:00'. No days = every day; an end "
                "before the start crosses midnight; 24:00 allowed as an end."
            ),
            "examples": ["24/7", "Mon-Fri 08:00-20:00; Sat 09:00-17:00", "22:00-08:00"],
        }


def describe_intervals(mask_row: npt.NDArray[np.bool_], day: int, interval_minutes: int) -> str:
    """The first run of True intervals in ``mask_row`` as ``Mon 08:00-09:30``.

    Day types 7 … 13 are holidays on Mon … Sun: ``holiday Mon 08:00-09:30``.
    """
    idx = np.flatnonzero(mask_row)
    if idx.size == 0:
        return ""
    first = int(idx[0])
    last = first
    while last + 1 < mask_row.size and mask_row[last + 1]:
        last += 1
    return (
        f"{'holiday ' if day >= 7 else ''}{DAY_NAMES[day % 7]} {_clock(first * interval_minutes)}-"
        f"{_clock((last + 1) * interval_minutes)}"
    )


def clock_text(interval: int, interval_minutes: int) -> str:
    """``07:30`` for a start interval of the day."""
    minute = interval * interval_minutes
    return f"{minute // 60:02d}:{minute % 60:02d}"
