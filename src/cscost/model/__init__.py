"""The scenario contract: pydantic types of everything a scenario file may say.

All validation happens here; past :class:`Scenario`, code trusts its inputs. Read a
file with :func:`cscost.io.load_scenario`; build from data with
``Scenario.model_validate(data)``.
"""

from __future__ import annotations

from cscost.model.base import (
    Contract,
    CurrencyCode,
    Duration,
    Fraction,
    Identifier,
    Money,
    MonthRef,
    PositiveDuration,
    Rate,
    YearMonth,
    rate_for_key,
)
from cscost.model.calendar import Horizon
from cscost.model.categories import CATEGORIES, CATEGORY_MEANING, Category
from cscost.model.fees import (
    FEE_KINDS,
    SURCHARGEABLE_KINDS,
    ContactTier,
    Fee,
    FeeBase,
    FeeKind,
    FixedMonthlyFee,
    OneTimeFee,
    PerContactFee,
    PerFteMonthFee,
    PerMinuteFee,
    PerNewHireFee,
    PerPaidHourFee,
    PerProductiveHourFee,
    PerResolutionFee,
    PerSeatMonthFee,
    RatedFee,
    SurchargeFee,
)
from cscost.model.hours import DAY_NAMES, OpeningHours
from cscost.model.inhouse import Inhouse, OneTimeItem, Supervisor
from cscost.model.options import INHOUSE, AssignPart, Option
from cscost.model.paths import Loc, format_path, parse_path
from cscost.model.queues import (
    CONCURRENT_CHANNELS,
    DEFERRED_CHANNELS,
    REAL_TIME_CHANNELS,
    Channel,
    Pattern,
    Queue,
    Target,
    Volume,
)
from cscost.model.resolved import PartShare, QueueSettings
from cscost.model.scenario import (
    DEFAULT_WINDOWS,
    Quality,
    Scenario,
    ScenarioInfo,
    Scoring,
    Uncertainty,
    Workforce,
)
from cscost.model.vendors import Assumptions, Escalation, Kpis, Ramp, Sla, Vendor

__all__ = [
    "CATEGORIES",
    "CATEGORY_MEANING",
    "CONCURRENT_CHANNELS",
    "DAY_NAMES",
    "DEFAULT_WINDOWS",
    "DEFERRED_CHANNELS",
    "FEE_KINDS",
    "INHOUSE",
    "REAL_TIME_CHANNELS",
    "SURCHARGEABLE_KINDS",
    "AssignPart",
    "Assumptions",
    "Category",
    "Channel",
    "ContactTier",
    "Contract",
    "CurrencyCode",
    "Duration",
    "Escalation",
    "Fee",
    "FeeBase",
    "FeeKind",
    "FixedMonthlyFee",
    "Fraction",
    "Horizon",
    "Identifier",
    "Inhouse",
    "Kpis",
    "Loc",
    "Money",
    "MonthRef",
    "OneTimeFee",
    "OneTimeItem",
    "OpeningHours",
    "Option",
    "PartShare",
    "Pattern",
    "PerContactFee",
    "PerFteMonthFee",
    "PerMinuteFee",
    "PerNewHireFee",
    "PerPaidHourFee",
    "PerProductiveHourFee",
    "PerResolutionFee",
    "PerSeatMonthFee",
    "PositiveDuration",
    "Quality",
    "Queue",
    "QueueSettings",
    "Ramp",
    "Rate",
    "RatedFee",
    "Scenario",
    "ScenarioInfo",
    "Scoring",
    "Sla",
    "Supervisor",
    "SurchargeFee",
    "Target",
    "Uncertainty",
    "Vendor",
    "Volume",
    "Workforce",
    "YearMonth",
    "format_path",
    "parse_path",
    "rate_for_key",
]
