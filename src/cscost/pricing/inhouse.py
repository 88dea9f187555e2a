"""The in-house baseline: what the company's own team costs for its parts of an option.

All amounts are in the scenario currency (fx 1). With c = agent_monthly_cost[tier of
the part], b = burden, per part p and month i:

Each part is a team (:mod:`cscost.pricing.workforce`): h = its headcount, T its trainee
FTE, W = T × 52/12 its training weeks, R its recruits, X its released FTE.

==================  =======================================  ===============  ==========
line (kind)         quantity                                 rate             category
==================  =======================================  ===============  ==========
agents              headcount h                              c                labour
agent burden        c × h (the agents' salaries)             b                labour
support staff       support_ratio × h                        s × (1 + b)      management
recruiting          recruits R                               recruiting_per_  training
                                                             hire
paid training       training weeks W                         c (1 + b) 12/52  training
seats               ⌈seats × max(1, h / need)⌉               seat_monthly     technology
severance           released X (flex layoff)                 months × c       termination
holiday premium     FTE × H_holiday / H_productive           premium × c      labour
                                                             × (1 + b)
==================  =======================================  ===============  ==========

The holiday premium's quantity is the FTE-months worked on public holidays: the part's
FTE (need) × its productive hours on holidays (window ``holiday``) ÷ all its productive
hours, so its amount = premium × loaded pay of the holiday hours.

and for the whole in-house team (queue ``*``):

- supervisors = ⌈Σₚ h / span⌉ (whole people, on the team's total headcount each month)
  at monthly_cost × (1 + b), category management;
- overhead = overhead × (every line above but severance), category other;
- one-time items in their month, category as stated (else other), not in overhead.

s is ``support_monthly_cost``, else the supervisor's monthly cost, else c; ``months``
is the severance's months of salary. Attrition is the in-house attrition
(``inhouse.attrition``, else the workforce's). A part starts with ``starts[label]``
agents when given, else: ``existing_team: true`` → its first month's need; a number E →
E × need₀ₚ / Σ need₀ over the parts priced; false → 0. Lines whose parameter is 0 (no
burden, no support staff, …) are left out. Usage arrays may be [S, M] (one row per
Monte Carlo sample; :func:`inhouse_lines` with an attrition per sample, [S, 1]).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.errors import QuoteError
from cscost.model.calendar import Horizon
from cscost.model.holiday import HOLIDAY_WINDOW
from cscost.model.inhouse import Inhouse
from cscost.model.options import INHOUSE
from cscost.model.queues import Queue
from cscost.model.units import ceil_exact
from cscost.pricing.bill import BillRow
from cscost.pricing.lines import QUOTE_LEVEL, Line, full, lines_to_rows, total_amount
from cscost.pricing.usage import PartUsage
from cscost.pricing.workforce import Workforce, workforce

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


def part_workforce(
    inhouse: Inhouse, part: PartUsage, start: float | Array, attrition: float | Array
) -> Workforce:
    """The team of one in-house part: need = its FTE, from ``start`` headcount."""
    return workforce(
        part.fte,
        start,
        attrition / 12.0,
        flex=inhouse.flex,
        training_weeks=inhouse.training_weeks,
    )


def severance_rate(inhouse: Inhouse, queue: Queue) -> float:
    """Severance per released FTE: months of salary × the tier's monthly salary (0: none)."""
    if inhouse.severance is None:
        return 0.0
    return inhouse.severance.months_of_salary * agent_monthly_cost(inhouse, queue)


def default_starts(inhouse: Inhouse, parts: Sequence[PartUsage]) -> dict[str, float | Array]:
    """Start headcount per part label when the caller states none (module docstring)."""
    team = inhouse.existing_team
    if team is True:
        return {p.label: p.fte[..., 0] for p in parts}
    if team is False or float(team) == 0.0:
        return {p.label: 0.0 for p in parts}
    needs = {p.label: float(np.mean(p.fte[..., 0])) for p in parts}
    total = sum(needs.values())
    if total <= 0:
        return {label: float(team) / len(parts) for label in needs}
    return {label: float(team) * need / total for label, need in needs.items()}


def part_lines(
    inhouse: Inhouse, part: PartUsage, queue: Queue, team: Workforce, currency: str
) -> list[Line]:
    """Agents, burden, support, recruiting, paid training, seats and severance of one part."""
    cost = agent_monthly_cost(inhouse, queue)
    loaded = 1.0 + inhouse.burden
    heads = team.headcount
    lines: list[Line] = []

    def add(name: str, kind: str, category: str, quantity: Array, unit: str, rate: float) -> None:
        lines.append(_line(name, kind, category, part.label, quantity, unit, rate, currency))

    add("agents", "agent_monthly_cost", "labour", heads, "FTE", cost)
    if inhouse.burden > 0:
        add("agent burden", "burden", "labour", heads * cost, "base", inhouse.burden)
    if inhouse.support_ratio > 0:
        support = support_monthly_cost(inhouse, cost) * loaded
        add(
            "support staff",
            "support_ratio",
            "management",
            inhouse.support_ratio * heads,
            "FTE",
            support,
        )
    if inhouse.recruiting_per_hire > 0:
        add(
            "recruiting",
            "recruiting_per_hire",
            "training",
            team.recruits,
            "hires",
            inhouse.recruiting_per_hire,
        )
    if inhouse.training_weeks > 0:
        add(
            "paid training",
            "training_weeks",
            "training",
            team.training_weeks,
            "training weeks",
            cost * loaded * MONTHS_PER_WEEK,
        )
    if inhouse.seat_monthly > 0:
        add(
            "seats",
            "seat_monthly",
            "technology",
            team_seats(part, team),
            "seats",
            inhouse.seat_monthly,
        )
    rate = severance_rate(inhouse, queue)
    if rate > 0 and inhouse.flex == "layoff":
        add("severance", "severance", "termination", team.released, "FTE", rate)
    if inhouse.holiday_premium > 0 and HOLIDAY_WINDOW in part.window_hours:
        add(
            "holiday premium",
            "holiday_premium",
            "labour",
            holiday_fte(part),
            "holiday FTE",
            inhouse.holiday_premium * cost * loaded,
        )
    return lines


def holiday_fte(part: PartUsage) -> Array:
    """FTE-months worked on public holidays: FTE × H_holiday / H_productive (0 if none)."""
    share = np.zeros(np.broadcast_shapes(part.fte.shape, part.productive_hours.shape))
    np.divide(
        part.window_hours[HOLIDAY_WINDOW],
        part.productive_hours,
        out=share,
        where=part.productive_hours > 0,
    )
    result: Array = part.fte * share
    return result


def team_seats(part: PartUsage, team: Workforce) -> Array:
    """The seats the headcount occupies: ⌈seats × max(1, h / need)⌉, ⌈h⌉ without need."""
    ratio = np.ones_like(team.headcount)
    np.divide(team.headcount, team.need, out=ratio, where=team.need > 0)
    scaled = np.where(team.need > 0, part.seats * np.maximum(ratio, 1.0), team.headcount)
    result: Array = np.maximum(ceil_exact(scaled), part.seats)
    return result


def supervisor_line(inhouse: Inhouse, heads: Sequence[Array], currency: str) -> Line | None:
    """⌈Σ headcount / span⌉ supervisors each month at monthly_cost × (1 + burden)."""
    if inhouse.supervisor is None:
        return None
    total = np.sum(np.broadcast_arrays(*heads), axis=0)
    people = ceil_exact(total / inhouse.supervisor.span)
    rate = inhouse.supervisor.monthly_cost * (1.0 + inhouse.burden)
    return _line(
        "supervisors",
        "supervisor",
        "management",
        QUOTE_LEVEL,
        people,
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
    starts: Mapping[str, float | Array] | None = None,
) -> list[BillRow]:
    """The in-house team's bill for its ``parts`` of ``option`` (module docstring).

    ``currency`` is the scenario currency (every in-house amount is in it, fx 1);
    ``workforce_attrition`` is the scenario's annual attrition, used when ``inhouse``
    states none; ``starts`` the start headcount per part label (default: module
    docstring). Rows come month by month: each part's lines, then supervisors,
    overhead and one-time items (queue ``*``). No parts, no rows.
    """
    if not parts:
        return []
    attrition = inhouse.attrition if inhouse.attrition is not None else workforce_attrition
    lines = inhouse_lines(
        inhouse,
        parts,
        queues=queues,
        horizon=horizon,
        currency=currency,
        attrition=attrition,
        starts=starts,
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
    starts: Mapping[str, float | Array] | None = None,
) -> list[Line]:
    """The priced lines of :func:`price_inhouse` with the annual ``attrition`` resolved."""
    lines = team_lines(
        inhouse,
        parts,
        queues=queues,
        horizon=horizon,
        currency=currency,
        attrition=attrition,
        starts=starts,
    )
    return lines + one_time_lines(inhouse, horizon, currency)


def team_lines(
    inhouse: Inhouse,
    parts: Sequence[PartUsage],
    *,
    queues: Mapping[str, Queue],
    horizon: Horizon,
    currency: str,
    attrition: float | Array,
    starts: Mapping[str, float | Array] | None = None,
) -> list[Line]:
    """The team's recurring lines: every part's, supervisors and overhead (no one-time)."""
    begin = default_starts(inhouse, parts) if starts is None else starts
    lines: list[Line] = []
    heads: list[Array] = []
    for part in parts:
        team = part_workforce(inhouse, part, begin[part.label], attrition)
        heads.append(team.headcount)
        lines += part_lines(inhouse, part, queues[part.queue_id], team, currency)
    supervisors = supervisor_line(inhouse, heads, currency)
    if supervisors is not None:
        lines.append(supervisors)
    if inhouse.overhead > 0:
        base = total_amount([ln for ln in lines if ln.kind != "severance"], horizon.months)
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
    return lines
