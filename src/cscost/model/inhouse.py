"""The in-house baseline: what the same work costs if the company staffs it itself.

Monthly cost (the pricing module computes it): agents' cost by tier × (1 + burden) ×
FTE; supervisors = ⌈agent FTE / span⌉ at their monthly cost × (1 + burden); support
staff (QA, WFM, trainers) = support_ratio × agent FTE at ``support_monthly_cost``
(default: the supervisor's) × (1 + burden); recruiting_per_hire and paid training
(training_weeks × 12/52 of a loaded agent month) per hire; seat_monthly × seats;
overhead as a share of all the above; one-time items in their month.
"""

from __future__ import annotations

from pydantic import Field

from cscost.model.base import Contract, Identifier, Money, MonthRef
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
    overhead: float = Field(default=0.0, ge=0)
    """Overhead on all in-house costs above (0.10 = +10 %)."""
    attrition: float | None = Field(default=None, ge=0)
    """Annual attrition of the in-house team (default: workforce.attrition)."""
    existing_team: bool = False
    """True when the team is in place at the start: the first month hires only
    replacements, not the whole team (default false: the team is hired, as a vendor's)."""
    one_time: tuple[OneTimeItem, ...] = ()
    """One-time in-house costs."""
    schedule: Schedule | None = None
    """The in-house shift templates (default: workforce.schedule)."""
