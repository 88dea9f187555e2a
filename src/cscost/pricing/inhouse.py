"""The in-house baseline: what the company's own team costs for its parts of an option.

All amounts are in the scenario currency (fx 1). With c = agent_monthly_cost[tier of
the part], b = burden, per part p and month i:

==================  =======================================  ===============  ==========
line (kind)         quantity                                 rate             category
==================  =======================================  ===============  ==========
agents              FTE                                      c                labour
agent burden        c × FTE (the agents' salaries)           b                labour
support staff       support_ratio × FTE                      s × (1 + b)      management
recruiting          hires                                    recruiting_per_  training
                                                             hire
paid training       hires × training_weeks                   c (1 + b) 12/52  training
seats               seats                                    seat_monthly     technology
==================  =======================================  ===============  ==========

and for the whole in-house team (queue ``*``):

- supervisors = ⌈Σₚ FTE / span⌉ (whole people, on the team's total each month) at
  monthly_cost × (1 + b), category management;
- overhead = overhead × (every line above), category other;
- one-time items in their month, category as stated (else other), not in overhead.

s is ``support_monthly_cost``, else the supervisor's monthly cost, else c. Hires are
max(FTE[i] − FTE[i−1], 0) + FTE[i] × attrition / 12 per part, with the in-house
attrition (``inhouse.attrition``, else the workforce's). Lines whose parameter is 0
(no burden, no support staff, …) are left out. Usage arrays may be [S, M] (one row per
Monte Carlo sample; :func:`inhouse_lines` with an attrition per sample, [S, 1]).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.errors import QuoteError
from cscost.model.calendar import Horizon
from cscost.model.inhouse import Inhouse
from cscost.model.options import INHOUSE
from cscost.model.queues import Queue
from cscost.model.units import ceil_exact
from cscost.pricing.bill import BillRow
from cscost.pricing.lines import QUOTE_LEVEL, Line, full, lines_to_rows, total_amount
from cscost.pricing.usage import PartUsage, hires_by_month

MONTHS_PER_WEEK = 12.0 / 52.0
"""A week of pay is 12 / 52 of a month of pay."""


def _line(
    name: str,
    kind: str,
    category: str,
    queue: str,
    quantity: Array,
    unit: str,
    rate: float,
    currency: str,
    *,
    quote_level: bool = False,
    active: BoolArray | None = None,
) -> Line:
    months = quantity.shape[-1]
    mask = np.ones(months, dtype=np.bool_) if active is None else active
    return Line(
        line=name,
        category=category,
        kind=kind,
        queue=queue,
        quantity=quantity,
        unit=unit,
        rate=full(months, rate),
        currency=currency,
        fx=1.0,
        active=mask,
        quote_level=quote_level,
    )


def agent_monthly_cost(inhouse: Inhouse, queue: Queue) -> float:
    """Monthly salary of one agent FTE of ``queue``'s tier, before burden."""
    try:
        return inhouse.agent_monthly_cost[queue.tier]
    except KeyError:
        raise QuoteError(
            f"inhouse.agent_monthly_cost has no cost for tier `{queue.tier}` (queue "
            f"`{queue.id}`); add `{queue.tier}: <monthly cost>`"
        ) from None


def support_monthly_cost(inhouse: Inhouse, agent_cost: float) -> float:
    """support_monthly_cost, else the supervisor's monthly cost, else the agent's."""
    if inhouse.support_monthly_cost is not None:
        return inhouse.support_monthly_cost
    if inhouse.supervisor is not None:
        return inhouse.supervisor.monthly_cost
    return agent_cost


def part_lines(
    inhouse: Inhouse, part: PartUsage, queue: Queue, attrition: float | Array, currency: str
) -> list[Line]:
    """Agents, burden, support staff, recruiting, paid training and seats of one part."""
    cost = agent_monthly_cost(inhouse, queue)
    loaded = 1.0 + inhouse.burden
    hires = hires_by_month(part.fte, attrition, team_exists=inhouse.existing_team)
    lines: list[Line] = []

    def add(name: str, kind: str, category: str, quantity: Array, unit: str, rate: float) -> None:
        lines.append(_line(name, kind, category, part.label, quantity, unit, rate, currency))

    add("agents", "agent_monthly_cost", "labour", part.fte, "FTE", cost)
    if inhouse.burden > 0:
        add("agent burden", "burden", "labour", part.fte * cost, "base", inhouse.burden)
    if inhouse.support_ratio > 0:
        support = support_monthly_cost(inhouse, cost) * loaded
        add(
            "support staff",
            "support_ratio",
            "management",
            inhouse.support_ratio * part.fte,
            "FTE",
            support,
        )
    if inhouse.recruiting_per_hire > 0:
        add(
            "recruiting",
            "recruiting_per_hire",
            "training",
            hires,
            "hires",
            inhouse.recruiting_per_hire,
        )
    if inhouse.training_weeks > 0:
        add(
            "paid training",
            "training_weeks",
            "training",
            hires * inhouse.training_weeks,
            "training weeks",
            cost * loaded * MONTHS_PER_WEEK,
        )
    if inhouse.seat_monthly > 0:
        add("seats", "seat_monthly", "technology", part.seats, "seats", inhouse.seat_monthly)
    return lines


def supervisor_line(inhouse: Inhouse, parts: Sequence[PartUsage], currency: str) -> Line | None:
    """⌈Σ FTE / span⌉ supervisors each month at monthly_cost × (1 + burden)."""
    if inhouse.supervisor is None:
        return None
    total = np.sum([p.fte for p in parts], axis=0)
    heads = ceil_exact(total / inhouse.supervisor.span)
    rate = inhouse.supervisor.monthly_cost * (1.0 + inhouse.burden)
    return _line(
        "supervisors",
        "supervisor",
        "management",
        QUOTE_LEVEL,
        heads,
        "supervisors",
        rate,
        currency,
        quote_level=True,
    )


def one_time_lines(inhouse: Inhouse, horizon: Horizon, currency: str) -> list[Line]:
    """Each one-time item in its month."""
    lines: list[Line] = []
    for k, item in enumerate(inhouse.one_time):
        active = np.zeros(horizon.months, dtype=np.bool_)
        try:
            active[horizon.index_of(item.month)] = True
        except ValueError as exc:
            raise QuoteError(f"inhouse.one_time[{k}].month: {exc}") from None
        lines.append(
            _line(
                item.name,
                "one_time",
                item.category or "other",
                QUOTE_LEVEL,
                full(horizon.months, 1.0),
                "once",
                item.amount,
                currency,
                quote_level=True,
                active=active,
            )
        )
    return lines


def price_inhouse(
    inhouse: Inhouse,
    parts: Sequence[PartUsage],
    *,
    queues: Mapping[str, Queue],
    horizon: Horizon,
    currency: str,
    option: str,
    workforce_attrition: float,
) -> list[BillRow]:
    """The in-house team's bill for its ``parts`` of ``option`` (module docstring).

    ``currency`` is the scenario currency (every in-house amount is in it, fx 1);
    ``workforce_attrition`` is the scenario's annual attrition, used when ``inhouse``
    states none. Rows come month by month: each part's lines, then supervisors,
    overhead and one-time items (queue ``*``). No parts, no rows.
    """
    if not parts:
        return []
    attrition = inhouse.attrition if inhouse.attrition is not None else workforce_attrition
    lines = inhouse_lines(
        inhouse, parts, queues=queues, horizon=horizon, currency=currency, attrition=attrition
    )
    return lines_to_rows(lines, option=option, provider=INHOUSE, horizon=horizon)


def inhouse_lines(
    inhouse: Inhouse,
    parts: Sequence[PartUsage],
    *,
    queues: Mapping[str, Queue],
    horizon: Horizon,
    currency: str,
    attrition: float | Array,
) -> list[Line]:
    """The priced lines of :func:`price_inhouse` with the annual ``attrition`` resolved."""
    lines: list[Line] = []
    for part in parts:
        lines += part_lines(inhouse, part, queues[part.queue_id], attrition, currency)
    supervisors = supervisor_line(inhouse, parts, currency)
    if supervisors is not None:
        lines.append(supervisors)
    if inhouse.overhead > 0:
        base = total_amount(lines, horizon.months)
        lines.append(
            _line(
                "overhead",
                "overhead",
                "other",
                QUOTE_LEVEL,
                base,
                "base",
                inhouse.overhead,
                currency,
                quote_level=True,
            )
        )
    lines += one_time_lines(inhouse, horizon, currency)
    return lines
