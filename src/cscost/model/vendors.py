"""Vendor quotes: fee lines, contract terms, the vendor's own assumptions and KPIs.

Contract terms are applied each month in the order of DESIGN.md: escalation,
minimum_monthly, discount, sla credit, tax, currency conversion; the
termination_fee is charged in the last month when the horizon ends before
``term_months``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from cscost.model.base import (
    Contract,
    CurrencyCode,
    Fraction,
    Identifier,
    Money,
    PositiveDuration,
)
from cscost.model.categories import CategoryName
from cscost.model.fees import Fee
from cscost.model.schedule import Schedule


class Ramp(Contract):
    """Learning curve: AHT × ``aht_factor`` in the first ``months`` months of the horizon."""

    months: int = Field(ge=0)
    """Months the ramp lasts, from the first month of the horizon."""
    aht_factor: float = Field(gt=0)
    """AHT multiplier during the ramp (1.15 = +15 %)."""


class Assumptions(Contract):
    """The vendor's own staffing assumptions; each one omitted falls back to the scenario's."""

    aht_s: dict[Identifier, PositiveDuration] = Field(default_factory=dict, alias="aht")
    """AHT by queue id, when the vendor expects a different handle time."""
    shrinkage: float | None = Field(default=None, ge=0, lt=1)
    """Vendor's shrinkage for all its queues."""
    max_occupancy: float | None = Field(default=None, gt=0, le=1)
    """Vendor's maximum occupancy for all its queues."""
    hours_per_fte_month: float | None = Field(default=None, gt=0, le=744)
    """Paid hours per FTE per month in the vendor's contracts."""
    attrition: float | None = Field(default=None, ge=0)
    """Vendor's annual attrition (hires for per_new_hire fees)."""
    fcr: Fraction | None = None
    """Vendor's first-contact resolution rate for all its queues."""
    ramp: Ramp | None = None
    """AHT ramp-up at the start of the contract."""
    schedule: Schedule | None = None
    """The vendor's shift templates (default: workforce.schedule)."""


class Escalation(Contract):
    """Recurring prices × (1 + rate)^⌊i / every_months⌋; one-time fees are not escalated."""

    rate: float = Field(gt=-1)
    """Increase per step (0.04 = +4 %)."""
    every_months: int = Field(default=12, ge=1)
    """Months between steps."""


class SlaLevel(Contract):
    """One step of an SLA credit ladder: ``credit`` when the measured KPI is below ``below``."""

    below: Fraction
    """The step applies when the month's measured KPI is under this share."""
    credit: Fraction
    """Share of the month's recurring charges credited at this step."""


class Sla(Contract):
    """Service-level credits.

    ``evaluate`` estimates the credit as −at_risk × expected_miss_rate × recurring charges;
    reconciliation applies the ladder ``levels`` to the month's measured ``kpi``: the
    largest credit among the steps whose ``below`` the KPI is under, at most ``at_risk``.
    """

    at_risk: Fraction
    """Share of the monthly recurring charges at risk for missed SLAs."""
    expected_miss_rate: Fraction
    """Expected share of months (or of the at-risk amount) credited."""
    kpi: Literal["service_level", "fcr"] = "service_level"
    """The measured KPI the ladder reads (the month's figure, weighted by volume)."""
    levels: tuple[SlaLevel, ...] = ()
    """Credit ladder, e.g. [{below: 0.80, credit: 0.05}, {below: 0.70, credit: 0.10}]."""

    @field_validator("levels")
    @classmethod
    def _distinct_steps(cls, levels: tuple[SlaLevel, ...]) -> tuple[SlaLevel, ...]:
        belows = [level.below for level in levels]
        if len(set(belows)) != len(belows):
            raise PydanticCustomError("sla_levels", "each step needs its own `below`")
        return levels

    def ladder_credit(self, measured: float) -> float:
        """The ladder's credit share for a measured KPI: max credit of the steps it is below."""
        credits = [level.credit for level in self.levels if measured < level.below]
        return min(max(credits, default=0.0), self.at_risk)


class Kpis(Contract):
    """The vendor's stated or expected quality figures, all shares in [0, 1]."""

    service_level: Fraction | None = None
    """Share of contacts answered within target."""
    fcr: Fraction | None = None
    """First-contact resolution rate."""
    csat: Fraction | None = None
    """Customer satisfaction score as a share."""
    qa_score: Fraction | None = None
    """Quality-assurance score as a share."""


class Vendor(Contract):
    """A quote: who, in what currency, for how long, with which fee lines and terms."""

    id: Identifier
    """Unique id, used in options; `inhouse` is reserved."""
    name: str | None = Field(default=None, min_length=1)
    """Display name (default: the id)."""
    currency: CurrencyCode | None = None
    """Currency of the quote (default: the scenario currency); needs an fx rate otherwise."""
    term_months: int | None = Field(default=None, ge=1)
    """Contract term; a horizon ending earlier incurs the termination fee."""
    notice_months: int = Field(default=0, ge=0)
    """Notice period to exit the contract."""
    trial_months: int = Field(default=0, ge=0)
    """Trial period at the start (exit without termination fee)."""
    scope: tuple[Identifier, ...] | None = None
    """Queue ids the vendor quotes for (default: all); used by the default options."""
    assumptions: Assumptions = Field(default_factory=Assumptions)
    """Vendor's own AHT, shrinkage, occupancy, hours per FTE, attrition, FCR and ramp."""
    fees: tuple[Fee, ...] = Field(min_length=1)
    """Fee lines of the quote."""
    included: tuple[CategoryName, ...] = ()
    """Audit categories the quote covers without a separate charge."""
    escalation: Escalation | None = None
    """Price escalation of recurring prices."""
    minimum_monthly: Money | None = None
    """Take-or-pay minimum of the recurring charges per month (escalated)."""
    discount: float = Field(default=0.0, ge=0, lt=1)
    """Discount off the month's charges (0.05 = 5 %)."""
    sla: Sla | None = None
    """Expected SLA credits."""
    termination_fee: Money | None = None
    """Exit fee, charged in the last month when the horizon ends before term_months."""
    tax_rate: float = Field(default=0.0, ge=0, le=1)
    """Tax on the invoice (0.06 = 6 %), one-time fees included."""
    kpis: Kpis = Field(default_factory=Kpis)
    """Quality figures used by scoring and per-resolution prices."""

    @property
    def display_name(self) -> str:
        """``name`` or the id."""
        return self.name or self.id
