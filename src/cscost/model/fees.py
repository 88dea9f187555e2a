"""Fee lines of a vendor quote: one class per ``kind``, a union discriminated on ``kind``.

Every fee shares :class:`FeeBase`: an optional ``name`` (used by surcharges' ``on``),
an audit ``category``, a ``currency`` (default: the vendor's) and filters that limit
it to some ``queues``, ``tiers``, ``languages``, ``channels`` and ``months``. Filters
combine with AND; the values inside one filter with OR; an empty filter matches all.

What each kind charges per month (DESIGN.md, "Fee lines"):

========================  =====================================================
``per_fte_month``          rate × billed FTE (max(computed, ``committed_fte``), rounded)
``per_productive_hour``    rate × productive hours
``per_paid_hour``          rate × paid hours
``per_contact``            rate × handled contacts, or volume ``tiers``
``per_minute``             rate × handled minutes (volume × AHT / 60)
``per_resolution``         rate × volume × the provider's FCR
``fixed_monthly``          amount
``per_seat_month``         amount × seats
``one_time``               amount in its month (not escalated)
``per_new_hire``           amount × hires
``surcharge``              percent × the charges of the lines in ``on`` inside ``window``
========================  =====================================================
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cscost.model.base import (
    Contract,
    CurrencyCode,
    Identifier,
    Money,
    MonthRef,
    Rate,
    rate_for_key,
)
from cscost.model.calendar import Horizon
from cscost.model.categories import Category, CategoryName
from cscost.model.queues import Channel, Queue

FeeKind = Literal[
    "per_fte_month",
    "per_productive_hour",
    "per_paid_hour",
    "per_contact",
    "per_minute",
    "per_resolution",
    "fixed_monthly",
    "per_seat_month",
    "one_time",
    "per_new_hire",
    "surcharge",
]
FEE_KINDS: tuple[str, ...] = get_args(FeeKind)

#: Kinds a surcharge may apply to (recurring charges that vary with hours or volume).
SURCHARGEABLE_KINDS: frozenset[str] = frozenset(FEE_KINDS) - {"surcharge", "one_time"}

#: Kinds that price the work itself (labour): FTE, hours, contacts, minutes, resolutions.
USAGE_KINDS: tuple[str, ...] = (
    "per_fte_month",
    "per_productive_hour",
    "per_paid_hour",
    "per_contact",
    "per_minute",
    "per_resolution",
)


class FeeBase(Contract):
    """What every fee line has: a name, an audit category, a currency and filters."""

    name: str | None = Field(default=None, min_length=1)
    """Label in bills; surcharges refer to fees by it. Unique within the vendor."""
    category: CategoryName | None = None
    """Audit category (default by kind: see `audit_category`)."""
    currency: CurrencyCode | None = None
    """Currency of this line if it differs from the vendor's."""
    queues: tuple[Identifier, ...] = ()
    """Only these queue ids (empty = all)."""
    tiers: tuple[Identifier, ...] = ()
    """Only queues of these tiers (empty = all)."""
    languages: tuple[Identifier, ...] = ()
    """Only queues in these languages (empty = all)."""
    channels: tuple[Channel, ...] = ()
    """Only queues of these channels (empty = all)."""
    months: tuple[MonthRef, ...] = ()
    """Only these months: indexes (0 = first) or YYYY-MM (empty = every month)."""

    kind: FeeKind

    @property
    def label(self) -> str:
        """``name`` or, without one, the kind."""
        return self.name or self.kind

    def applies_to(self, queue: Queue) -> bool:
        """Whether the queue filters let this fee charge ``queue``."""
        return (
            (not self.queues or queue.id in self.queues)
            and (not self.tiers or queue.tier in self.tiers)
            and (not self.languages or queue.language in self.languages)
            and (not self.channels or queue.channel in self.channels)
        )

    def applies_in_month(self, index: int, horizon: Horizon) -> bool:
        """Whether the month filter lets this fee charge month ``index``."""
        return not self.months or index in {horizon.index_of(m) for m in self.months}

    @property
    def audit_category(self) -> Category:
        """``category``, else a default by kind.

        Usage kinds → labour; fixed_monthly → management; per_seat_month → technology;
        one_time → setup; per_new_hire → training; surcharge → night/weekend/holiday
        surcharge by its window name, language surcharge when it has a languages filter
        and no window, else other.
        """
        if self.category is not None:
            return self.category
        if self.kind in USAGE_KINDS:
            return "labour"
        defaults: dict[str, Category] = {
            "fixed_monthly": "management",
            "per_seat_month": "technology",
            "one_time": "setup",
            "per_new_hire": "training",
        }
        return defaults.get(self.kind, "other")


class RatedFee(FeeBase):
    """A fee with a ``rate`` that may differ by tier or language."""

    rate: Rate
    """Price per unit: a number, or a table by tier, language, 'tier/language' or '*'."""

    def rate_for(self, queue: Queue) -> float | None:
        """The rate for ``queue`` (None when a rate table has no matching key)."""
        return rate_for_key(self.rate, queue.tier, queue.language)


class PerFteMonthFee(RatedFee):
    """rate × billed FTE per month."""

    kind: Literal["per_fte_month"]
    committed_fte: float | None = Field(default=None, ge=0)
    """Committed FTE: billed FTE = max(computed FTE, committed_fte)."""
    rounding: Literal["none", "ceil", "round"] = "none"
    """How billed FTE are rounded each month: none, ceil (up), round (nearest)."""


class PerProductiveHourFee(RatedFee):
    """rate × productive (logged-in, available) hours."""

    kind: Literal["per_productive_hour"]


class PerPaidHourFee(RatedFee):
    """rate × paid hours (productive hours / (1 − shrinkage))."""

    kind: Literal["per_paid_hour"]


class ContactTier(Contract):
    """A volume band of a tiered per-contact price."""

    up_to: float | None = Field(default=None, gt=0)
    """Upper bound of the band (contacts in the month); omitted in the last band."""
    rate: Money
    """Price per contact in this band."""


class PerContactFee(FeeBase):
    """rate × handled contacts, or a tiered price on the month's volume.

    Here ``tiers`` (in the file) is the list of volume bands, read into ``bands``; to
    limit this fee to skill tiers write ``skill_tiers: [senior]`` (a list of plain
    names under ``tiers`` is read as that filter too).
    """

    model_config = ConfigDict(validate_by_name=False)  # `tiers` is the alias of `bands`

    kind: Literal["per_contact"]
    tiers: tuple[Identifier, ...] = Field(default=(), alias="skill_tiers")
    """Only queues of these skill tiers (empty = all)."""
    rate: Rate | None = None
    """Flat price per contact (give `rate` or `tiers`)."""
    bands: tuple[ContactTier, ...] | None = Field(default=None, min_length=1, alias="tiers")
    """Volume bands in increasing order, e.g. [{up_to: 40000, rate: 0.95}, {rate: 0.80}]."""
    tiering: Literal["marginal", "all_units"] = "marginal"
    """marginal: each band at its rate; all_units: all contacts at the band reached."""

    @model_validator(mode="before")
    @classmethod
    def _names_are_a_filter(cls, data: Any) -> Any:
        if isinstance(data, dict):
            listed = data.get("tiers")
            if (
                isinstance(listed, list | tuple)
                and listed
                and all(isinstance(t, str) for t in listed)
            ):
                data = {k: v for k, v in data.items() if k != "tiers"}
                data["skill_tiers"] = listed
        return data

    @field_validator("bands")
    @classmethod
    def _bands(cls, bands: tuple[ContactTier, ...] | None) -> tuple[ContactTier, ...] | None:
        if bands is None:
            return None
        if bands[-1].up_to is not None:
            raise PydanticCustomError("tiers", "the last tier must have no `up_to`")
        bounds = [t.up_to for t in bands[:-1]]
        if any(b is None for b in bounds):
            raise PydanticCustomError("tiers", "every tier but the last needs `up_to`")
        if any(
            b is not None and a is not None and b <= a
            for a, b in zip(bounds, bounds[1:], strict=False)
        ):
            raise PydanticCustomError("tiers", "`up_to` must increase from tier to tier")
        return bands

    @model_validator(mode="after")
    def _rate_or_tiers(self) -> PerContactFee:
        if (self.rate is None) == (self.bands is None):
            raise PydanticCustomError(
                "per_contact", "give either `rate` or `tiers` (volume bands), not both"
            )
        return self

    def rate_for(self, queue: Queue) -> float | None:
        """The flat rate for ``queue`` (None with bands or no matching table key)."""
        return None if self.rate is None else rate_for_key(self.rate, queue.tier, queue.language)


class PerMinuteFee(RatedFee):
    """rate × handled minutes (volume × AHT / 60)."""

    kind: Literal["per_minute"]


class PerResolutionFee(RatedFee):
    """rate × volume × FCR of the provider."""

    kind: Literal["per_resolution"]


class FixedMonthlyFee(FeeBase):
    """A fixed amount each month (management, account, platform fee)."""

    kind: Literal["fixed_monthly"]
    amount: Money
    """Amount per month."""


class PerSeatMonthFee(FeeBase):
    """amount × seats each month."""

    kind: Literal["per_seat_month"]
    amount: Money
    """Amount per seat per month."""


class OneTimeFee(FeeBase):
    """An amount charged once, in its month; never escalated."""

    kind: Literal["one_time"]
    amount: Money
    """The amount."""
    month: MonthRef = 0
    """Month it is charged: index (0 = first month, the default) or YYYY-MM."""


class PerNewHireFee(FeeBase):
    """amount × hires (initial FTE, growth, and FTE × attrition / 12)."""

    kind: Literal["per_new_hire"]
    amount: Money
    """Amount per new hire."""


class SurchargeFee(FeeBase):
    """percent × the charges of the lines named in ``on``, for the hours inside ``window``.

    Without ``window`` the surcharge applies at all hours (a language surcharge is a
    surcharge with a ``languages`` filter and no window).
    """

    kind: Literal["surcharge"]
    window: str | None = Field(default=None, min_length=1)
    """A window name from scenario.windows (night, weekend, …) or hours text."""
    percent: float = Field(ge=0)
    """Uplift as a fraction: 0.20 = +20 %."""
    on: tuple[str, ...] = Field(min_length=1)
    """Fee kinds or fee names of this vendor that the surcharge applies to."""

    @property
    def audit_category(self) -> Category:
        """By window name (night, weekend, holiday) or language filter; else category/other."""
        if self.category is not None:
            return self.category
        by_window: dict[str | None, Category] = {
            "night": "night_surcharge",
            "weekend": "weekend_surcharge",
            "holiday": "holiday_surcharge",
        }
        if self.window in by_window:
            return by_window[self.window]
        return "language_surcharge" if self.languages and self.window is None else "other"


Fee = Annotated[
    PerFteMonthFee
    | PerProductiveHourFee
    | PerPaidHourFee
    | PerContactFee
    | PerMinuteFee
    | PerResolutionFee
    | FixedMonthlyFee
    | PerSeatMonthFee
    | OneTimeFee
    | PerNewHireFee
    | SurchargeFee,
    Field(discriminator="kind"),
]
"""Any fee line; the ``kind`` key selects the class."""
