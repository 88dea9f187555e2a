"""Switching costs that belong to an option, not to a quote.

``options[].costs`` are the option's own lines: one-time amounts in their month, monthly
amounts over a run of months, or a percent of the option's vendor charges (governance,
the retained team that manages the vendor — typically 3–6 % of contract value).
``options[].transition.months`` is the dual running: the in-house cost of the queues
that leave in-house continues for those months beside the vendor's bill. Severance of
the existing team for queues that leave in-house comes from ``inhouse.severance``.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from cscost.model.base import Contract, Money, MonthRef
from cscost.model.categories import CategoryName


class OptionCost(Contract):
    """One cost line of an option: exactly one of one_time, monthly, percent_of_vendor."""

    name: str = Field(min_length=1)
    """What it is (the bill row's line)."""
    category: CategoryName = "other"
    """Audit category of the row (management, setup, …; default other)."""
    one_time: Money | None = None
    """An amount charged once, in ``month``."""
    monthly: Money | None = None
    """An amount charged every month from ``month`` for ``months`` months."""
    percent_of_vendor: float | None = Field(default=None, ge=0, le=1)
    """A share of the option's vendor charges of each month (0.04 = 4 %), tax excluded."""
    month: MonthRef = 0
    """First (or only) month: index (0 = first, the default) or YYYY-MM."""
    months: int | None = Field(default=None, ge=1)
    """Months a monthly or percent line runs (default: to the end of the horizon)."""

    @model_validator(mode="after")
    def _one_amount(self) -> OptionCost:
        stated = [
            k for k in ("one_time", "monthly", "percent_of_vendor") if getattr(self, k) is not None
        ]
        if len(stated) != 1:
            found = ", ".join(stated) if stated else "none"
            raise ValueError(
                f"state exactly one of one_time, monthly, percent_of_vendor (found {found})"
            )
        return self


class Transition(Contract):
    """Dual running: the leaving queues' in-house team works on beside the vendor."""

    months: int = Field(ge=0)
    """Months 0 … months−1 in which the in-house cost of the leaving queues continues."""
