"""Costs of an option that no quote carries: its own lines, dual running and severance.

With V[i] the option's vendor charges of month i before tax (every vendor line but
``tax``, after discount and SLA credits, in the scenario currency):

==================  ===========================================  ===============  =========
row (kind)          quantity                                     rate             provider
==================  ===========================================  ===============  =========
costs[k] one_time   1 in ``month``                               one_time         ``*``
costs[k] monthly    1 in months ``month`` … ``month + months``−1  monthly          ``*``
costs[k] percent    V[i] in those months                         percent_of_      ``*``
                                                                 vendor
dual running: …     the leaving queues' in-house lines, months   as in-house      inhouse
                    0 … transition.months − 1
severance           released FTE of queue q in month T           months × c       inhouse
==================  ===========================================  ===============  =========

A queue *leaves* in-house when none of its parts is in-house in the option. Dual
running prices the leaving queues' in-house parts (as the all-in-house option staffs
them) as a team of their own (:func:`cscost.pricing.inhouse.team_lines`, supervisors and
overhead included, one-time items not), from their share of the existing team, in the
first T = ``transition.months`` months; its rows are named ``dual running: <line>`` in
category setup. Severance: the existing-team FTE of queue q that the option does not
keep (:class:`TeamChange`), less the attrition of the dual-running months,
released[q] × (1 − a/12)^T, is paid in month T (none when T ≥ M) at
``inhouse.severance`` months × the tier's salary c, category termination.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.errors import QuoteError
from cscost.model import INHOUSE, Option, Scenario
from cscost.model.switching import OptionCost
from cscost.pricing.inhouse import severance_rate, team_lines
from cscost.pricing.lines import QUOTE_LEVEL, Line, full, total_amount
from cscost.pricing.usage import PartUsage

OPTION_PROVIDER = "*"
"""The ``provider`` of the option's own rows (``options[].costs``)."""


@dataclass(frozen=True)
class TeamChange:
    """What an option does to the existing in-house team.

    ``starts[label]``: start headcount of each in-house part; ``released[q]``: existing
    FTE of queue q the option does not keep; ``leaving``: the all-in-house parts of the
    queues that leave in-house wholly, ``leaving_starts[label]`` their existing team.
    """

    starts: Mapping[str, float] | None = None
    released: Mapping[str, float] = field(default_factory=dict)
    leaving: tuple[PartUsage, ...] = ()
    leaving_starts: Mapping[str, float] = field(default_factory=dict)


def _months_mask(months: int, first: int, count: int | None) -> BoolArray:
    mask = np.zeros(months, dtype=np.bool_)
    mask[first : months if count is None else first + count] = True
    return mask


def cost_line(cost: OptionCost, k: int, scenario: Scenario, vendor_charges: Array) -> Line:
    """The line of ``options[].costs[k]`` (module docstring)."""
    horizon = scenario.horizon
    try:
        first = horizon.index_of(cost.month)
    except ValueError as exc:
        raise QuoteError(f"costs[{k}].month: {exc}") from None
    months = horizon.months
    if cost.one_time is not None:
        quantity, unit, rate, kind = full(months, 1.0), "once", cost.one_time, "one_time"
        active = _months_mask(months, first, 1)
    elif cost.monthly is not None:
        quantity, unit, rate, kind = full(months, 1.0), "month", cost.monthly, "monthly"
        active = _months_mask(months, first, cost.months)
    else:
        assert cost.percent_of_vendor is not None  # validated: exactly one is stated
        quantity, unit, rate = vendor_charges, "base", cost.percent_of_vendor
        kind = "percent_of_vendor"
        active = _months_mask(months, first, cost.months)
    return Line(
        line=cost.name,
        category=cost.category,
        kind=kind,
        queue=QUOTE_LEVEL,
        quantity=quantity,
        unit=unit,
        rate=full(months, rate),
        currency=scenario.scenario.currency,
        fx=1.0,
        active=active,
        quote_level=True,
    )


def vendor_charges(lines: Sequence[Line], months: int) -> Array:
    """V[i]: the vendors' charges of each month before tax (scenario currency)."""
    return total_amount([ln for ln in lines if ln.category != "tax"], months)


def switching_lines(
    scenario: Scenario,
    option: Option,
    change: TeamChange,
    vendor_lines: Sequence[Line],
    attrition: float | Array,
) -> list[tuple[str, Line]]:
    """(provider, line) of the option's costs, dual running and severance (docstring)."""
    months = scenario.horizon.months
    out: list[tuple[str, Line]] = []
    charges = vendor_charges(vendor_lines, months)
    for k, cost in enumerate(option.costs):
        out.append((OPTION_PROVIDER, cost_line(cost, k, scenario, charges)))
    transition = option.transition.months if option.transition is not None else 0
    inhouse = scenario.inhouse
    if inhouse is None:
        return out
    queues = {q.id: q for q in scenario.queues}
    if transition > 0 and change.leaving:
        running = team_lines(
            inhouse,
            change.leaving,
            queues=queues,
            horizon=scenario.horizon,
            currency=scenario.scenario.currency,
            attrition=attrition,
            starts=change.leaving_starts,
        )
        window = _months_mask(months, 0, transition)
        for line in running:
            dual = Line(
                line=f"dual running: {line.line}",
                category="setup",
                kind=line.kind,
                queue=line.queue,
                quantity=line.quantity,
                unit=line.unit,
                rate=line.rate,
                currency=line.currency,
                fx=line.fx,
                active=line.active & window,
                quote_level=line.quote_level,
            )
            out.append((INHOUSE, dual))
    if transition < months:
        out += [(INHOUSE, ln) for ln in severance_lines(scenario, change, transition, attrition)]
    return out


def severance_lines(
    scenario: Scenario, change: TeamChange, month: int, attrition: float | Array
) -> list[Line]:
    """Severance of the released existing team of each queue, in ``month``."""
    inhouse = scenario.inhouse
    assert inhouse is not None
    months = scenario.horizon.months
    lines: list[Line] = []
    for queue_id, released in change.released.items():
        rate = severance_rate(inhouse, scenario.queue(queue_id))
        if rate <= 0 or released <= 0:
            continue
        survivors = released * (1.0 - np.asarray(attrition, dtype=np.float64) / 12.0) ** month
        quantity: Array = survivors * np.ones(months)
        lines.append(
            Line(
                line="severance",
                category="termination",
                kind="severance",
                queue=queue_id,
                quantity=quantity,
                unit="FTE",
                rate=full(months, rate),
                currency=scenario.scenario.currency,
                fx=1.0,
                active=_months_mask(months, month, 1),
            )
        )
    return lines
