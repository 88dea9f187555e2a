"""Cross-field rules of the make-or-buy fields: workforce, switching costs, renewal.

- ``inhouse.flex: layoff`` releases agents, so it needs ``inhouse.severance``;
- ``options[].costs[k].month`` falls inside the horizon; a ``percent_of_vendor`` line
  needs a vendor in its option;
- ``options[].transition`` needs an ``inhouse`` section and a queue that leaves
  in-house in its option, and no more months than the horizon;
- ``vendors[].renewal`` needs the vendor's ``term_months``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscost.model.check_helpers import Collector, check_month
from cscost.model.options import INHOUSE

if TYPE_CHECKING:
    from cscost.model.scenario import Scenario


def check_switching(scenario: Scenario, out: Collector) -> None:
    """The rules of the module docstring."""
    inhouse = scenario.inhouse
    if inhouse is not None and inhouse.flex == "layoff" and inhouse.severance is None:
        out.add(
            ("inhouse", "flex"),
            "flex: layoff releases agents when the need falls, but inhouse.severance is not "
            "stated; add severance: {months_per_year, tenure_years, notice_months} (zeros for "
            "free layoffs)",
            "layoff",
        )
    for j, vendor in enumerate(scenario.vendors):
        if vendor.renewal is not None and vendor.term_months is None:
            out.add(
                ("vendors", j, "renewal"),
                "renewal applies past term_months, which the vendor does not state; add "
                "term_months",
            )
    for o, option in enumerate(scenario.options or ()):
        providers = {p.provider for q in scenario.queue_ids for p in option.parts(q)}
        for k, cost in enumerate(option.costs):
            loc = ("options", o, "costs", k)
            check_month(scenario, cost.month, (*loc, "month"), out)
            if cost.percent_of_vendor is not None and providers <= {INHOUSE}:
                out.add(
                    (*loc, "percent_of_vendor"),
                    "a percent of the vendor's charges, but this option gives no queue to a vendor",
                    cost.percent_of_vendor,
                )
        if option.transition is None:
            continue
        tloc = ("options", o, "transition", "months")
        leaving = [
            q for q in scenario.queue_ids if all(p.provider != INHOUSE for p in option.parts(q))
        ]
        if inhouse is None:
            out.add(tloc, "dual running continues the in-house team, but there is no `inhouse`")
        elif not leaving and option.transition.months > 0:
            out.add(
                tloc,
                "dual running continues the in-house cost of the queues that leave in-house, "
                "but no queue leaves in-house in this option",
                option.transition.months,
            )
        if option.transition.months > scenario.horizon.months:
            out.add(
                tloc,
                f"longer than the horizon of {scenario.horizon.months} months",
                option.transition.months,
                f"0 … {scenario.horizon.months}",
            )
