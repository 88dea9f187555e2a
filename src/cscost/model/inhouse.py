"""The in-house baseline: what the same work costs if the company staffs it itself.

Monthly cost (the pricing module computes it): agents' cost by tier × (1 + burden) ×
FTE; supervisors = ⌈agent FTE / span⌉ at their monthly cost × (1 + burden); support
staff (QA, WFM, trainers) = support_ratio × agent FTE at ``support_monthly_cost``
(default: the supervisor's) × (1 + burden); recruiting_per_hire and paid training
(training_weeks × 12/52 of a loaded agent month) per hire; seat_monthly × seats;
overhead as a share of all the above; one-time items in their month.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from cscost.model.base import Contract, Fraction, Identifier, Money, MonthRef
from cscost.model.categories import CategoryName
from cscost.model.schedule import Schedule


class Supervisor(Contract):
    """Team leads: one per ``span`` agents."""

    span: int = Field(ge=1)
    """Agents (FTE) per supervisor."""
    monthly_cost: Money
    """Monthly salary cost of a supervisor, before burden."""


class OneTimeItem(Contract):
    """A one-time in-house cost (hiring campaign, tooling, fit-out)."""

    name: str = Field(min_length=1)
    """What it is."""
    amount: Money
    """The amount, in the scenario currency."""
    month: MonthRef = 0
    """Month it is spent: index (0 = first, the default) or YYYY-MM."""
    category: CategoryName | None = None
    """Audit category, if it matters for comparisons."""


def _existing_team(value: Any) -> bool | float:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        return float(value)
    raise PydanticCustomError(
        "existing_team", "expected a number of agent FTE ≥ 0, or true or false"
    )


ExistingTeam = Annotated[
    bool | float,
    PlainValidator(_existing_team),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "number", "minimum": 0}]}),
]
"""Agent FTE employed at the start, or true / false."""


class Severance(Contract):
    """What releasing one agent FTE costs, in months of the agent's monthly salary.

    severance per FTE = (months_per_year × tenure_years + notice_months) × salary of the
    tier (before burden); China's economic compensation is one month per year of service
    plus one month in lieu of notice (Labour Contract Law arts. 40 and 47).
    """

    months_per_year: float = Field(default=1.0, ge=0)
    """Months of salary per year of service."""
    tenure_years: float = Field(ge=0)
    """Average years of service of the agents released."""
    notice_months: float = Field(default=0.0, ge=0)
    """Months of salary in lieu of notice."""

    @property
    def months_of_salary(self) -> float:
        """months_per_year × tenure_years + notice_months."""
        return self.months_per_year * self.tenure_years + self.notice_months


class InhouseKpis(Contract):
    """The in-house team's own quality figures, shares in [0, 1]."""

    fcr: Fraction | None = None
    """First-contact resolution of the in-house team (default: the queue's fcr)."""


class Inhouse(Contract):
    """Cost model of the company's own team, in the scenario currency."""

    agent_monthly_cost: dict[Identifier, Money] = Field(min_length=1)
    """Monthly salary cost of one agent FTE by tier, before burden."""
    burden: float = Field(default=0.0, ge=0)
    """Employer on-costs (social insurance, benefits) on salaries (0.38 = +38 %)."""
    supervisor: Supervisor | None = None
    """Supervisors' span of control and cost."""
    support_ratio: float = Field(default=0.0, ge=0)
    """Support staff (QA, WFM, trainers) per agent FTE."""
    support_monthly_cost: Money | None = None
    """Monthly salary of a support FTE before burden (default: the supervisor's)."""
    recruiting_per_hire: Money = 0.0
    """Recruiting cost per new hire."""
    training_weeks: float = Field(default=0.0, ge=0)
    """Paid training weeks per new hire, before productive work."""
    seat_monthly: Money = 0.0
    """IT, telephony and facilities per seat per month."""
    holiday_premium: float = Field(default=0.0, ge=0, le=10)
    """Extra pay for work on a public holiday, as a share of the agents' loaded pay for
    those hours (2.0: holiday hours paid 300 %, China's Labour Law art. 44)."""
    overhead: float = Field(default=0.0, ge=0)
    """Overhead on all in-house costs above (0.10 = +10 %)."""
    attrition: float | None = Field(default=None, ge=0)
    """Annual attrition of the in-house team (default: workforce.attrition)."""
    existing_team: ExistingTeam = False
    """Agent FTE already employed at the start (split over the queues by their in-house
    need in the first month); true: each in-house part starts with its first month's
    need in place; false or 0 (default): the team is hired, as a vendor's."""
    flex: Literal["attrition", "layoff"] = "attrition"
    """How headcount follows a falling need: `attrition` (default, only by leavers, never
    below need) or `layoff` (follows need; each released FTE costs its severance)."""
    severance: Severance | None = None
    """Cost of releasing an agent (layoffs, queues that leave in-house); none: not costed."""
    kpis: InhouseKpis = Field(default_factory=InhouseKpis)
    """Quality figures of the in-house team (the repeat-contact model compares FCRs)."""
    one_time: tuple[OneTimeItem, ...] = ()
    """One-time in-house costs."""
    schedule: Schedule | None = None
    """The in-house shift templates (default: workforce.schedule)."""
