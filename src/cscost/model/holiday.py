"""Public holidays: the scenario's calendar and each queue's holiday behaviour.

``scenario.holidays`` names a country calendar (the maintained ``holidays`` package:
statutory holidays and their substituted days off) and/or explicit ``dates``, plus the
weekend days worked in lieu of them (``workdays``: China's adjusted working weekends;
the package's own list is added where it has one). A date in ``dates`` is a holiday
even when the calendar lacks it; a date in ``workdays`` is a working day even when the
calendar calls it a holiday.

A queue's ``holiday`` states its volume on a holiday (``volume_factor`` × the weight of
the weekday the holiday falls on) and its hours (``closed``, other hours, or by default
the weekday's own hours).
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Annotated, Any, Literal

import holidays as calendars
from pydantic import Field, PlainValidator, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cscost.model.base import Contract
from cscost.model.calendar import HolidayDates
from cscost.model.hours import OpeningHours

#: The window of public holidays (all day), for surcharges and option parts.
HOLIDAY_WINDOW = "holiday"


@cache
def _countries() -> dict[str, tuple[str, ...]]:
    return {code: tuple(subdivs) for code, subdivs in calendars.list_supported_countries().items()}


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date", "expected a date as YYYY-MM-DD (e.g. 2027-02-08)")


Day = Annotated[
    datetime.date,
    PlainValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]
"""A calendar date, ``YYYY-MM-DD``."""


class Holidays(Contract):
    """The public holidays of the scenario: a country calendar and/or explicit dates."""

    country: str | None = None
    """ISO 3166 code of a country calendar (e.g. CN, US, DE) from the `holidays` package."""
    subdivision: str | None = None
    """A region of the country whose calendar differs (e.g. a US state), if any."""
    dates: tuple[Day, ...] = ()
    """Further holidays (company days, dates the calendar lacks), YYYY-MM-DD."""
    workdays: tuple[Day, ...] = ()
    """Weekend days worked in lieu of a holiday (China's adjusted working days)."""

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.upper()
        if code not in _countries():
            raise PydanticCustomError(
                "country",
                "no holiday calendar for this country; expected an ISO 3166 code such as "
                "CN, HK, SG, US, GB, DE (the `holidays` package's list)",
            )
        return code

    @model_validator(mode="after")
    def _consistent(self) -> Holidays:
        if self.subdivision is not None:
            if self.country is None:
                raise PydanticCustomError("subdivision", "a subdivision needs a country")
            known = _countries()[self.country]
            if self.subdivision not in known:
                raise PydanticCustomError(
                    "subdivision",
                    "unknown subdivision {found} of {country}; expected one of: {known}",
                    {
                        "found": self.subdivision,
                        "country": self.country,
                        "known": ", ".join(known) or "none",
                    },
                )
        both = sorted(set(self.dates) & set(self.workdays))
        if both:
            raise PydanticCustomError(
                "holiday_workday",
                "{day} is listed both as a holiday and as a workday",
                {"day": both[0].isoformat()},
            )
        weekday = [d for d in self.workdays if d.weekday() < 5]
        if weekday:
            raise PydanticCustomError(
                "workday_weekday",
                "workdays are weekend days worked in lieu of a holiday; {day} is a {name}",
                {"day": weekday[0].isoformat(), "name": weekday[0].strftime("%A")},
            )
        return self

    def resolved(self, years: tuple[int, ...]) -> HolidayDates:
        """The holidays and worked weekend days of ``years`` (module docstring)."""
        days: set[datetime.date] = set()
        worked: set[datetime.date] = set(self.workdays)
        if self.country is not None:
            calendar = _calendar(self.country, self.subdivision, years)
            days.update(calendar[0])
            worked.update(calendar[1])
        days.update(self.dates)
        days.difference_update(self.workdays)
        worked.difference_update(self.dates)
        return HolidayDates(frozenset(days), frozenset(d for d in worked if d.weekday() >= 5))


@cache
def _calendar(
    country: str, subdivision: str | None, years: tuple[int, ...]
) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    """(holidays, worked weekend days) of the country's public calendar in ``years``."""
    calendar = calendars.country_holidays(country, subdiv=subdivision, years=years)
    worked: set[datetime.date] = set(getattr(calendar, "weekend_workdays", ()))
    return (
        frozenset(d for d in calendar if d.year in years),
        frozenset(d for d in worked if d.year in years),
    )


def _holiday_hours(value: Any) -> OpeningHours | Literal["closed"]:
    if isinstance(value, str) and value.strip().lower() == "closed":
        return "closed"
    return OpeningHours.from_value(value)


HolidayHours = Annotated[
    OpeningHours | Literal["closed"],
    PlainValidator(_holiday_hours),
    WithJsonSchema(
        {
            "type": "string",
            "description": "`closed`, or opening hours on holidays such as `10:00-18:00` "
            "(weekday names pick the holidays that fall on those weekdays).",
        }
    ),
]


class QueueHoliday(Contract):
    """How a queue behaves on a public holiday."""

    volume_factor: float = Field(default=1.0, ge=0, le=100)
    """Volume of a holiday ÷ the volume of the same weekday when it is no holiday."""
    hours: HolidayHours | None = None
    """`closed`, or the hours open on a holiday; default: the weekday's own hours."""
