"""The scenario: the root of the contract, its general sections and resolved accessors.

``Scenario.model_validate(data)`` checks each field (pydantic ``ValidationError``) and
then, when every field is valid, the cross-field rules of :mod:`cscost.model.checks`,
raising :class:`cscost.errors.ScenarioError` with one ``Issue`` per broken rule, each
with its field path (``vendors[1].fees[2].rate``). ``cscost.io.load_scenario`` adds
file, line and column to both kinds.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cscost.errors import ArgumentError, ScenarioError
from cscost.model.adjust import Adjustments
from cscost.model.base import Contract, CurrencyCode, Identifier, YearMonth
from cscost.model.calendar import WEEKDAYS, Horizon
from cscost.model.holiday import HOLIDAY_WINDOW, Holidays
from cscost.model.hours import OpeningHours
from cscost.model.inhouse import Inhouse
from cscost.model.options import INHOUSE, Option
from cscost.model.queues import Queue
from cscost.model.resolved import PartShare, QueueSettings, part_shares, queue_settings
from cscost.model.schedule import Schedule
from cscost.model.vendors import Vendor

DEFAULT_WINDOWS: dict[str, str] = {"night": "22:00-06:00", "weekend": "Sat-Sun 00:00-24:00"}


def _default_windows() -> dict[str, OpeningHours]:
    return {name: OpeningHours.parse(text) for name, text in DEFAULT_WINDOWS.items()}


class ScenarioInfo(Contract):
    """General settings: name, currency, horizon, time grid, discounting, FX, windows."""

    name: str = Field(min_length=1)
    """Title shown in reports."""
    currency: CurrencyCode
    """Currency of every result (ISO code, e.g. CNY)."""
    start: YearMonth
    """First month of the horizon, YYYY-MM."""
    months: int = Field(default=36, ge=1, le=600)
    """Length of the horizon in months."""
    timezone: str = "UTC"
    """IANA time zone of all opening hours and windows (informational; no DST shifts)."""
    interval_minutes: Literal[15, 30, 60] = 15
    """Planning interval: 15, 30 or 60 minutes."""
    discount_rate: float = Field(default=0.0, ge=-0.5, le=1)
    """Annual discount rate for NPV; month i is discounted by (1 + r)^(−i/12). 0 = none."""
    fx: dict[CurrencyCode, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    """Units of scenario currency per unit of each other currency (e.g. {USD: 7.1})."""
    locale: Literal["en", "zh"] = "en"
    """Language of reports: en or zh."""
    windows: dict[Identifier, OpeningHours] = Field(default_factory=_default_windows)
    """Named hours windows for surcharges and splits; night and weekend always exist."""
    tax_recoverable: bool = False
    """Default of vendors[].tax_recoverable: the company deducts the vendors' input tax."""
    holidays: Holidays | None = None
    """Public holidays (a country calendar and/or dates); none: every day is ordinary."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except (ValueError, KeyError, OSError):
            raise PydanticCustomError(
                "timezone", "unknown time zone; expected an IANA name such as Asia/Shanghai"
            ) from None
        return value

    @field_validator("windows", mode="before")
    @classmethod
    def _with_defaults(cls, value: Any) -> Any:
        if isinstance(value, dict):
            if HOLIDAY_WINDOW in value:
                raise PydanticCustomError(
                    "reserved_window",
                    "`holiday` is the window of scenario.holidays and cannot be redefined",
                )
            return {**DEFAULT_WINDOWS, **value}
        return value

    @property
    def horizon(self) -> Horizon:
        """The months of the scenario with their calendars (and holidays, if stated)."""
        if self.holidays is None:
            return Horizon.from_text(self.start, self.months)
        years = Horizon.from_text(self.start, self.months).years
        return Horizon.from_text(self.start, self.months, self.holidays.resolved(years))

    @property
    def intervals_per_day(self) -> int:
        """1440 / interval_minutes."""
        return 1440 // self.interval_minutes


class Workforce(Contract):
    """Defaults for every queue and provider; queues and vendor assumptions override them."""

    shrinkage: float = Field(default=0.30, ge=0, lt=1)
    """Share of paid time not available for contacts (breaks, training, absence)."""
    max_occupancy: float = Field(default=0.85, gt=0, le=1)
    """Ceiling on busy time / logged-in time."""
    hours_per_fte_month: float = Field(default=174.0, gt=0, le=744)
    """Paid hours of one FTE per month (40 h × 52 / 12 ≈ 173.3; 174 by default)."""
    attrition: float = Field(default=0.35, ge=0)
    """Annual attrition: share of the team replaced per year."""
    min_agents: int = Field(default=1, ge=0)
    """Agents in every open interval of a real-time queue, whatever the volume."""
    schedule: Schedule | None = None
    """Shift templates: when given, each part-month is rostered (docs/roster.md)."""


class Uncertainty(Contract):
    """Relative standard deviations for Monte Carlo and sensitivity (0 = certain)."""

    volume: float = Field(default=0.0, ge=0)
    """Relative sd of the volume level (0.15 = ±15 %)."""
    aht: float = Field(default=0.0, ge=0)
    """Relative sd of handle times."""
    fx: float = Field(default=0.0, ge=0)
    """Relative sd of exchange rates."""
    attrition: float = Field(default=0.0, ge=0)
    """Relative sd of attrition."""
    samples: int = Field(default=10000, ge=1, le=1_000_000)
    """Monte Carlo samples."""
    seed: int = Field(default=0, ge=0)
    """Seed of the random generator: the same seed gives the same result."""


class Scoring(Contract):
    """Criteria weights ≥ 0, normalised to add up to 1; a weight omitted in the file is 0."""

    cost: float = Field(default=0.0, ge=0)
    """Weight of total cost (NPV)."""
    quality: float = Field(default=0.0, ge=0)
    """Weight of quality (service level, FCR, CSAT, QA)."""
    flexibility: float = Field(default=0.0, ge=0)
    """Weight of flexibility (term, notice, minimums)."""
    risk: float = Field(default=0.0, ge=0)
    """Weight of risk (spread under uncertainty)."""

    @model_validator(mode="before")
    @classmethod
    def _normalised(cls, data: Any) -> Any:
        if isinstance(data, dict):
            values = [data.get(k, 0.0) for k in ("cost", "quality", "flexibility", "risk")]
            numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
            if numeric and all(v >= 0 for v in values) and sum(values) > 0:
                total = float(sum(values))
                return {**data, **{k: data[k] / total for k in data if k in cls.model_fields}}
        return data

    @model_validator(mode="after")
    def _some_weight(self) -> Scoring:
        if self.cost + self.quality + self.flexibility + self.risk <= 0:
            raise PydanticCustomError("scoring", "at least one weight must be above 0")
        return self


class Quality(Contract):
    """Quality settings."""

    repeat_contacts: bool = False
    """Count contacts not resolved at first contact (1 − FCR) as extra volume."""


class Scenario(Contract):
    """A cscost scenario: demand (queues), quotes (vendors), the in-house baseline, options."""

    scenario: ScenarioInfo
    """General settings."""
    workforce: Workforce = Field(default_factory=Workforce)
    """Defaults for every queue and provider."""
    queues: tuple[Queue, ...] = Field(min_length=1)
    """The contact queues."""
    inhouse: Inhouse | None = None
    """In-house cost model; needed whenever a queue is (or stays) in-house."""
    vendors: tuple[Vendor, ...] = ()
    """Vendor quotes."""
    options: tuple[Option, ...] | None = Field(default=None, min_length=1)
    """Sourcing plans; omitted → in-house alone and each vendor for its scope."""
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)
    """Uncertainty for Monte Carlo and sensitivity."""
    scoring: Scoring = Field(
        default_factory=lambda: Scoring(cost=0.5, quality=0.3, flexibility=0.1, risk=0.1)
    )
    """Criteria weights (default cost 0.5, quality 0.3, flexibility 0.1, risk 0.1)."""
    quality: Quality = Field(default_factory=Quality)
    """Quality settings."""
    adjustments: Adjustments | None = None
    """What-if multipliers of volume, AHT, FX and vendors' rates; none: as written."""

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        from cscost.model.bounds import raw_issues

        issues = raw_issues(data)
        if issues:
            raise ScenarioError(issues)
        return data

    @model_validator(mode="after")
    def _cross_field(self) -> Scenario:
        from cscost.model.bounds import volume_issues
        from cscost.model.checks import scenario_issues

        issues = scenario_issues(self) + volume_issues(self)
        if issues:
            raise ScenarioError(issues)
        return self

    # -- lookups ------------------------------------------------------------------------

    @property
    def horizon(self) -> Horizon:
        """Months i = 0 … M−1 with their calendars."""
        return self.scenario.horizon

    @property
    def queue_ids(self) -> tuple[str, ...]:
        """Queue ids in file order."""
        return tuple(q.id for q in self.queues)

    def queue(self, queue_id: str) -> Queue:
        """The queue with ``queue_id``."""
        for queue in self.queues:
            if queue.id == queue_id:
                return queue
        raise ArgumentError(f"no queue `{queue_id}`; queues: {', '.join(self.queue_ids)}")

    def vendor(self, vendor_id: str) -> Vendor:
        """The vendor with ``vendor_id``."""
        for vendor in self.vendors:
            if vendor.id == vendor_id:
                return vendor
        known = ", ".join(v.id for v in self.vendors) or "none"
        raise ArgumentError(f"no vendor `{vendor_id}`; vendors: {known}")

    def window(self, name_or_hours: str) -> OpeningHours:
        """A window of ``scenario.windows`` by name, else the hours text parsed.

        ``holiday`` is no hours text: :meth:`window_mask` gives its intervals.
        """
        if name_or_hours in self.scenario.windows:
            return self.scenario.windows[name_or_hours]
        return OpeningHours.parse(name_or_hours)

    def day_mask(self, hours: OpeningHours) -> npt.NDArray[np.bool_]:
        """``hours`` over every day type [D, T]: holidays keep their weekday's hours."""
        mask = hours.open_mask(self.scenario.interval_minutes)
        if self.horizon.day_types == WEEKDAYS:
            return mask
        return np.concatenate([mask, mask])

    def window_mask(self, name_or_hours: str) -> npt.NDArray[np.bool_]:
        """The intervals [D, T] of a window: ``holiday`` (every interval of a holiday
        day type), a window of ``scenario.windows``, or hours text."""
        if name_or_hours != HOLIDAY_WINDOW:
            return self.day_mask(self.window(name_or_hours))
        ordinary = np.zeros((WEEKDAYS, self.scenario.intervals_per_day), dtype=bool)
        if self.horizon.day_types == WEEKDAYS:
            return ordinary
        return np.concatenate([ordinary, ~ordinary])

    def open_mask(self, queue: Queue) -> npt.NDArray[np.bool_]:
        """The queue's open intervals [D, T]; on holidays its ``holiday.hours`` (closed,
        other hours, or by default the weekday's own)."""
        interval = self.scenario.interval_minutes
        ordinary = queue.hours.open_mask(interval)
        if self.horizon.day_types == WEEKDAYS:
            return ordinary
        hours = queue.holiday.hours if queue.holiday is not None else None
        if hours is None:
            holiday = ordinary
        elif hours == "closed":
            holiday = np.zeros_like(ordinary)
        else:
            holiday = hours.open_mask(interval)
        return np.concatenate([ordinary, holiday])

    @property
    def inhouse_attrition(self) -> float:
        """Annual attrition of the in-house team: ``inhouse.attrition``, else the workforce's."""
        house = self.inhouse.attrition if self.inhouse is not None else None
        return self.workforce.attrition if house is None else house

    def vendor_currency(self, vendor_id: str) -> str:
        """The vendor's quote currency (the scenario currency when omitted)."""
        return self.vendor(vendor_id).currency or self.scenario.currency

    def fx_rate(self, currency: str) -> float:
        """Units of scenario currency per unit of ``currency`` (1 for the scenario currency)."""
        if currency == self.scenario.currency:
            return 1.0
        table = self.fx_table
        if currency not in table:
            raise ArgumentError(f"no fx rate for {currency} in scenario.fx")
        return table[currency]

    @property
    def fx_table(self) -> dict[str, float]:
        """``scenario.fx`` with the what-if FX multipliers applied (``adjustments.fx``)."""
        fx = self.scenario.fx
        if self.adjustments is None or not self.adjustments.fx:
            return dict(fx)
        scale = self.adjustments.fx
        return {code: rate * scale.get(code, 1.0) for code, rate in fx.items()}

    @property
    def volume_factor(self) -> float:
        """Every queue's volume multiplier (``adjustments.volume``, else 1)."""
        return 1.0 if self.adjustments is None else self.adjustments.volume

    def rate_factor(self, vendor_id: str) -> float:
        """The multiplier of a vendor's fee lines (``adjustments.rates``, else 1)."""
        return 1.0 if self.adjustments is None else self.adjustments.rate_factor(vendor_id)

    # -- resolved views -----------------------------------------------------------------

    def queue_settings(self, queue_id: str, provider: str = INHOUSE) -> QueueSettings:
        """Staffing inputs of ``queue_id`` as ``provider`` works it, defaults merged.

        Precedence: the vendor's assumptions, then the queue's overrides, then workforce.
        """
        vendor = None if provider == INHOUSE else self.vendor(provider)
        return queue_settings(self, self.queue(queue_id), vendor)

    def resolved_options(self) -> tuple[Option, ...]:
        """The options to evaluate: ``options`` as written, or the default ones.

        Defaults: ``inhouse`` (every queue in-house) when an ``inhouse`` section exists,
        then one option per vendor, named by its id, giving it its ``scope`` (default all
        queues) with the other queues in-house.
        """
        if self.options is not None:
            return self.options
        out: list[Option] = []
        if self.inhouse is not None:
            out.append(Option(name=INHOUSE, description="every queue in-house"))
        for vendor in self.vendors:
            scope = vendor.scope if vendor.scope is not None else self.queue_ids
            out.append(
                Option.model_validate(
                    {
                        "name": vendor.id,
                        "description": f"{vendor.display_name} for its scope",
                        "assign": dict.fromkeys(scope, vendor.id),
                    }
                )
            )
        return tuple(out)

    def assignment_shares(self, option: Option, queue_id: str) -> tuple[PartShare, ...]:
        """Per part of ``queue_id`` in ``option``: its share of the volume per interval.

        Each ``PartShare.share`` is a float array [D, intervals_per_day] (Mon = row 0),
        0 where the queue is closed; over the parts they add up to 1 in every open
        interval (validated).
        """
        return part_shares(self, self.queue(queue_id), option.parts(queue_id))
