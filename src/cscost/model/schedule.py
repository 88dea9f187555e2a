"""Shift rules: the templates a provider rosters its agents on.

A ``schedule`` (in ``workforce``, ``inhouse`` or ``vendors[].assumptions``) lists shift
templates and the days-off rule. A template is paid ``paid`` hours (``break`` of them
unpaid-for-contacts, spread evenly over the shift, so each agent on it counts
``1 − break/paid`` available agents in every interval it covers), starts on the grid
``starts`` every ``every`` (the end of ``starts`` included; ``22:00-02:00`` wraps past
midnight), and may be limited to ``max_share`` of all rostered agents. Every agent works
``days_on`` consecutive days of the week (cyclic: Sat–Wed is a pattern) and is off the
others. Lengths, starts and steps must fall on the scenario's interval grid (checked
with the other cross-field rules, :func:`schedule_issues`).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cscost.errors import Issue
from cscost.model.base import Contract, Duration, Fraction, Identifier, PositiveDuration
from cscost.model.paths import Loc, format_path

_STARTS = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")
MINUTES_PER_DAY = 1440


def _clock_minute(hours: str, minutes: str) -> int:
    h, m = int(hours), int(minutes)
    if h > 23 or m > 59:
        raise PydanticCustomError("starts", "expected start times HH:MM-HH:MM within 00:00-23:59")
    return h * 60 + m


class ShiftTemplate(Contract):
    """One kind of shift: its paid length, break, start grid and share limit."""

    name: Identifier
    """Name shown in rosters (``day8``, ``part4``)."""
    paid_seconds: PositiveDuration = Field(alias="paid")
    """Paid length of the shift (``8h``); at most 16 h."""
    break_seconds: Duration = Field(default=0.0, alias="break")
    """Breaks within the shift (``1h``), spread evenly: agents count 1 − break/paid."""
    starts: str
    """First and last start time of the day, both included (``07:00-12:00``; may wrap)."""
    every_seconds: PositiveDuration = Field(default=1800.0, alias="every")
    """Step between start times (``30m``, the default)."""
    max_share: Fraction | None = None
    """Upper bound of this template's share of all rostered agents (0.3 = 30 %)."""

    @field_validator("starts")
    @classmethod
    def _starts_text(cls, value: str) -> str:
        match = _STARTS.match(value.strip())
        if match is None:
            raise PydanticCustomError(
                "starts", "expected the first and last start time as HH:MM-HH:MM, e.g. 07:00-12:00"
            )
        _clock_minute(match.group(1), match.group(2))
        _clock_minute(match.group(3), match.group(4))
        return value.strip()

    @model_validator(mode="after")
    def _lengths(self) -> ShiftTemplate:
        if self.paid_seconds > 16 * 3600:
            raise PydanticCustomError("paid", "a shift is paid at most 16h")
        if self.break_seconds >= self.paid_seconds:
            raise PydanticCustomError("break", "the break must be shorter than the paid length")
        return self

    @property
    def availability(self) -> float:
        """Available agents per agent on shift: 1 − break/paid."""
        return 1.0 - self.break_seconds / self.paid_seconds

    def start_minutes(self) -> tuple[int, ...]:
        """Start minutes of the day, first to last start (wrapping past midnight)."""
        match = _STARTS.match(self.starts)
        assert match is not None  # validated
        first = _clock_minute(match.group(1), match.group(2))
        last = _clock_minute(match.group(3), match.group(4))
        span = (last - first) % MINUTES_PER_DAY
        step = max(int(round(self.every_seconds / 60)), 1)
        return tuple(sorted({(first + k) % MINUTES_PER_DAY for k in range(0, span + 1, step)}))


class Schedule(Contract):
    """Shift templates, days worked per week and the solver's limits."""

    days_on: int = Field(default=5, ge=1, le=7)
    """Days worked per week, consecutive (cyclic); the other days off."""
    shifts: tuple[ShiftTemplate, ...] = Field(min_length=1)
    """The shift templates."""
    time_limit_seconds: PositiveDuration = Field(default=10.0, alias="time_limit")
    """Time limit of one roster's integer programme; the optimality gap is reported."""
    gap: float = Field(default=0.005, ge=0, lt=1)
    """Relative optimality gap at which the solver may stop (0.005 = 0.5 %)."""

    @model_validator(mode="after")
    def _consistent(self) -> Schedule:
        names = [s.name for s in self.shifts]
        if len(set(names)) != len(names):
            raise PydanticCustomError("schedule", "shift names must be unique")
        shares = [s.max_share for s in self.shifts]
        if all(s is not None for s in shares) and sum(s or 0.0 for s in shares) < 1.0:
            raise PydanticCustomError(
                "schedule", "the max_share of the shifts add up to less than 1: no roster fits"
            )
        return self


def schedule_issues(schedule: Schedule, interval_minutes: int, loc: Loc) -> list[Issue]:
    """Lengths, breaks, steps and starts that do not fall on the interval grid."""
    issues: list[Issue] = []
    for j, shift in enumerate(schedule.shifts):
        for key, seconds in (("paid", shift.paid_seconds), ("every", shift.every_seconds)):
            minutes = seconds / 60
            if minutes % interval_minutes or minutes < interval_minutes:
                issues.append(
                    Issue(
                        f"`{key}` must be a multiple of the {interval_minutes}-minute interval",
                        format_path((*loc, "shifts", j, key)),
                        found=f"{minutes:g} min",
                        expected=f"a multiple of {interval_minutes} min",
                    )
                )
        if any(m % interval_minutes for m in shift.start_minutes()):
            issues.append(
                Issue(
                    f"start times must fall on the {interval_minutes}-minute grid",
                    format_path((*loc, "shifts", j, "starts")),
                    found=shift.starts,
                    expected=f"HH:MM on multiples of {interval_minutes} min",
                )
            )
    return issues


def schedule_from(*candidates: Any) -> Schedule | None:
    """The first schedule that is not None (provider's own, then the workforce's)."""
    for candidate in candidates:
        if candidate is not None:
            assert isinstance(candidate, Schedule)
            return candidate
    return None
