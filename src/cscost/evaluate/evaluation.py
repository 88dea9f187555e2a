"""Evaluate every option of a scenario: staff it, price it, total it, rank it, audit the quotes.

Per option, with cost[i] the sum of the option's bill rows in month i:

    total                      = Σ_i cost[i]   (an exactly rounded sum of the rows)
    NPV                        = Σ_i cost[i] × (1 + r)^(−i/12),  r = scenario.discount_rate
    cost per handled contact   = total / Σ_i volume[i]
    cost per resolved contact  = total / Σ_i Σ_parts volume × FCR of the part's provider
    FTE, seats                 = Σ over the option's parts, per month (mean and peak shown)

Options are ranked by NPV (then total), cheapest first. Amounts are in the scenario
currency. The totals, NPV, ranking and unit costs are the *cost view*: every row but a
recoverable tax (``tax_recoverable``); ``cash_total`` is the *cash view*, every row.
Without recoverable tax the two are equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.evaluate.audit import AuditFinding, scenario_audit
from cscost.evaluate.memory import check_evaluation_memory
from cscost.evaluate.notes import evaluation_notes
from cscost.evaluate.parts import Part, Staffer, option_parts
from cscost.evaluate.repeats import repeat_factor
from cscost.evaluate.switching import baseline_parts, team_change
from cscost.model import INHOUSE, Option, Scenario
from cscost.pricing.bill import BillRow, bill_frame
from cscost.pricing.lines import BillRows, Line, Priced, exact_month_sums, exact_total
from cscost.pricing.providers import is_recoverable, option_priced_lines, priced_rows
from cscost.pricing.switching import TeamChange
from cscost.pricing.usage import PartUsage
from cscost.staffing.targets import check_response_targets

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class OptionResult:
    """The cost of one option: monthly bill, totals, unit costs, staff."""

    name: str
    description: str
    providers: tuple[str, ...]
    monthly_cost: Array  # [M], scenario currency
    volume: Array  # [M] handled contacts
    resolved: Array  # [M] resolved contacts (NaN where a provider states no FCR)
    fte: Array  # [M]
    seats: Array  # [M]
    total: float  # cost view: recoverable tax excluded
    npv: float
    rank: int
    parts: tuple[Part, ...] = field(repr=False)
    rows: Sequence[BillRow] = field(repr=False)  # BillRows: made when first read
    cash_total: float = float("nan")  # cash view: every row, recoverable tax included
    idle_fte: Array | None = field(default=None, repr=False)
    """[M] in-house headcount − need: agents kept (for the peaks) that the work does not
    need (the ``agents`` rows' headcount less the in-house parts' FTE); None: no in-house."""

    @property
    def cost_per_contact(self) -> float:
        """Total / handled contacts."""
        volume = float(self.volume.sum())
        return self.total / volume if volume > 0 else float("nan")

    @property
    def cost_per_resolved_contact(self) -> float | None:
        """Total / resolved contacts; None when some provider states no FCR."""
        resolved = float(self.resolved.sum())
        if not np.isfinite(resolved) or resolved <= 0:
            return None
        return self.total / resolved


@dataclass(frozen=True)
class Evaluation:
    """All options of a scenario, their bill and the audit of the quotes."""

    scenario_name: str
    currency: str
    months: tuple[str, ...]
    options: tuple[OptionResult, ...]
    audit: tuple[AuditFinding, ...]
    view: str = "tax_included"
    """Which view totals show: ``tax_included``, or ``recoverable_tax_excluded`` when some
    quote's tax is recoverable (then ``cash_total`` differs from ``total``)."""
    notes: tuple[tuple[str, str], ...] = ()
    """(code, subject) of what the model could not do as asked, e.g.
    (``repeat_contacts_without_inhouse_fcr``, queue id); worded by the report."""

    @property
    def bill(self) -> list[BillRow]:
        """Every row of every option's bill."""
        return [row for option in self.options for row in option.rows]

    def option(self, name: str) -> OptionResult:
        """The result of the option called ``name``."""
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)

    def to_frame(self) -> pd.DataFrame:
        """The bill as a DataFrame: one row per option, provider, queue, line and month."""
        return bill_frame(self.bill)

    def summary(self) -> pd.DataFrame:
        """One row per option: total, NPV, unit costs, FTE, seats, rank."""
        import pandas as pd

        return pd.DataFrame.from_records([_option_record(o) for o in self.options])

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape (docs/evaluate.md); audit findings as codes.

        :func:`cscost.report.words.evaluation_document` adds each finding's title and
        question in the report language.
        """
        return {
            "scenario": self.scenario_name,
            "currency": self.currency,
            "months": list(self.months),
            "view": self.view,
            "notes": [{"code": code, "subject": subject} for code, subject in self.notes],
            "options": [_option_record(o) for o in self.options],
            "bill": [_row_record(r) for r in self.bill],
            "audit": [
                {"vendor": f.vendor, "category": f.category, "status": f.status} for f in self.audit
            ],
        }


def _option_record(o: OptionResult) -> dict[str, Any]:
    per_resolved = o.cost_per_resolved_contact
    return {
        "name": o.name,
        "description": o.description,
        "providers": list(o.providers),
        "total": o.total,
        "cash_total": o.cash_total,
        "npv": o.npv,
        "cost_per_contact": o.cost_per_contact,
        "cost_per_resolved_contact": per_resolved,
        "fte": float(o.fte.mean()),
        "fte_peak": float(o.fte.max()),
        "seats_peak": float(o.seats.max()),
        "contacts": float(o.volume.sum()),
        "rank": o.rank,
        "monthly_cost": [float(x) for x in o.monthly_cost],
        "monthly_fte": [float(x) for x in o.fte],
        "idle_fte": None if o.idle_fte is None else float(o.idle_fte.mean()),
    }


def _row_record(r: BillRow) -> dict[str, Any]:
    return {
        "option": r.option,
        "provider": r.provider,
        "queue": r.queue,
        "line": r.line,
        "category": r.category,
        "kind": r.kind,
        "month": r.month,
        "quantity": r.quantity,
        "unit": r.unit,
        "rate": r.rate,
        "currency": r.currency,
        "fx": r.fx,
        "amount": r.amount,
    }


def npv(monthly: Array, annual_rate: float) -> float:
    """Σ_i cost[i] × (1 + r)^(−i/12)."""
    i = np.arange(monthly.size, dtype=float)
    return float((monthly * (1.0 + annual_rate) ** (-i / 12.0)).sum())


def option_lines(
    scenario: Scenario, option: Option, parts: list[Part], change: TeamChange | None = None
) -> Priced:
    """The priced lines of one option: each provider's pricing over its parts, in order of
    parts, then the option's own costs, dual running and severance (``change``)."""
    usages: dict[str, list[PartUsage]] = {}
    for p in parts:
        usages.setdefault(p.provider, []).append(p.usage)
    return option_priced_lines(scenario, option, usages, change or TeamChange())


def option_rows(
    scenario: Scenario, option: Option, parts: list[Part], change: TeamChange | None = None
) -> list[BillRow]:
    """The bill of one option: the rows of :func:`option_lines`, month by month."""
    return priced_rows(scenario, option.name, option_lines(scenario, option, parts, change))


def cost_totals(scenario: Scenario, priced: Priced) -> tuple[float, Array]:
    """(total, cost[i]) of the cost view straight from the lines, without bill rows.

    Equal to the sums of the cost view's bill rows (every row but recoverable tax) bit
    for bit: each row's amount is a line's amount in an active month, and ``math.fsum`` is exactly
    rounded, so the order of the terms (and the zeros of inactive months) do not matter.
    """
    cost = BillRows("", priced, scenario.horizon).amounts(_cost_view(scenario))
    return exact_total(cost), exact_month_sums(cost)


def _cost_view(scenario: Scenario) -> Callable[[str, Line], bool]:
    """Whether a line of a provider is in the cost view (not a recoverable tax)."""
    return lambda provider, line: not is_recoverable(scenario, provider, line.category)


StaffedParts = tuple[list[Part] | None, list[tuple[Option, list[Part]]]]
"""The all-in-house baseline's parts (None: not needed) and each option's parts."""


def staffed_parts(
    scenario: Scenario,
    volumes: Mapping[str, Array],
    names: Sequence[str] | None = None,
    staffer: Staffer | None = None,
) -> StaffedParts:
    """The baseline and each option (or those in ``names``) staffed part by part.

    With ``quality.repeat_contacts`` the parts' volumes follow the repeat-contact model
    (:mod:`cscost.evaluate.repeats`). ``staffer`` (default: a new one) makes each
    distinct interval solve and each repeated part once.
    """
    windows = window_masks(scenario)
    factor = repeat_factor(scenario)
    staffer = Staffer() if staffer is None else staffer
    baseline = baseline_parts(scenario, volumes, windows, factor, staffer)
    return baseline, [
        (
            option,
            option_parts(scenario, option, volumes, windows, volume_factor=factor, staffer=staffer),
        )
        for option in scenario.resolved_options()
        if names is None or option.name in names
    ]


def priced_parts(
    scenario: Scenario, staffed: StaffedParts
) -> list[tuple[Option, list[Part], Priced]]:
    """Each staffed option priced (its lines), its team change measured on the baseline."""
    baseline, options = staffed
    return [
        (
            option,
            parts,
            option_lines(scenario, option, parts, team_change(scenario, parts, baseline)),
        )
        for option, parts in options
    ]


def priced_options(
    scenario: Scenario,
    volumes: Mapping[str, Array],
    names: Sequence[str] | None = None,
    staffer: Staffer | None = None,
) -> list[tuple[Option, list[Part], Priced]]:
    """Each option (or those in ``names``) staffed part by part and priced (its lines):
    :func:`priced_parts` of :func:`staffed_parts`."""
    return priced_parts(scenario, staffed_parts(scenario, volumes, names, staffer))


def evaluate(
    scenario: Scenario,
    forecasts: Mapping[str, Array] | None = None,
    *,
    staffed: StaffedParts | None = None,
) -> Evaluation:
    """Staff, price, total and rank every option of ``scenario``; audit every quote.

    ``forecasts[queue_id]`` are the monthly volumes of the queues whose volume is a
    forecast. ``staffed``, when given, are every option's parts already staffed
    (:mod:`cscost.evaluate.shards`: queue by queue, elsewhere); they are priced here.
    Raises :class:`cscost.errors.InfeasibleTargetError` when a deferred response target
    cannot be met within opening hours.
    """
    horizon = scenario.horizon
    if staffed is None:
        check_evaluation_memory(scenario)
    check_response_targets(scenario)
    if staffed is None:
        staffed = staffed_parts(scenario, interval_volumes_by_queue(scenario, forecasts))
    staged = [
        (option, parts, BillRows(option.name, priced, horizon))
        for option, parts, priced in priced_parts(scenario, staffed)
    ]
    keep = _cost_view(scenario)
    cost = [rows.amounts(keep) for *_, rows in staged]
    monthly = [exact_month_sums(c) for c in cost]
    npvs = [npv(m, scenario.scenario.discount_rate) for m in monthly]
    order = sorted(range(len(staged)), key=lambda k: (npvs[k], float(monthly[k].sum())))
    ranks = {k: r + 1 for r, k in enumerate(order)}
    results = tuple(
        option_result(option, parts, rows, monthly[k], npvs[k], ranks[k], exact_total(cost[k]))
        for k, (option, parts, rows) in enumerate(staged)
    )
    audit = tuple(scenario_audit(scenario))
    recoverable = any(
        is_recoverable(scenario, provider, ln.category) and ln.active.any()
        for *_, rows in staged
        for provider, lines in rows.priced
        for ln in lines
    )
    view = "recoverable_tax_excluded" if recoverable else "tax_included"
    notes = evaluation_notes(scenario)
    return Evaluation(
        scenario.scenario.name,
        scenario.scenario.currency,
        horizon.labels,
        results,
        audit,
        view,
        notes,
    )


def idle_fte(parts: Sequence[Part], rows: BillRows, months: int) -> Array | None:
    """In-house headcount (the ``agents`` rows) − the in-house parts' FTE, per month."""
    own = [p for p in parts if p.provider == INHOUSE]
    if not own:
        return None
    heads = np.zeros(months)
    for provider, lines in rows.priced:  # the rows' order: block by block, line by line
        for ln in lines:
            if provider == INHOUSE and ln.kind == "agent_monthly_cost" and ln.line == "agents":
                on = np.broadcast_to(ln.active, (months,))
                heads = heads + np.where(on, np.broadcast_to(ln.quantity, (months,)), 0.0)
    need = np.sum([p.usage.fte for p in own], axis=0)
    result: Array = np.maximum(heads - need, 0.0)
    return result


def option_result(
    option: Option,
    parts: list[Part],
    rows: BillRows,
    monthly: Array,
    npv_value: float,
    rank: int,
    total: float,
) -> OptionResult:
    """Totals, volumes, resolved contacts and staff of one priced option; ``total`` is
    the cost view's (recoverable tax out), ``cash_total`` the Σ of every row."""
    zero = np.zeros(monthly.size)
    resolved = zero.copy()
    for p in parts:
        resolved = resolved + p.usage.volume * (p.usage.fcr if p.usage.fcr is not None else np.nan)
    return OptionResult(
        name=option.name,
        description=option.description or "",
        providers=tuple(dict.fromkeys(p.provider for p in parts)),
        monthly_cost=monthly,
        volume=sum((p.usage.volume for p in parts), zero),
        resolved=resolved,
        fte=sum((p.usage.fte for p in parts), zero),
        seats=sum((p.usage.seats for p in parts), zero),
        total=total,
        npv=npv_value,
        rank=rank,
        parts=tuple(parts),
        rows=rows,
        cash_total=exact_total(rows.amounts()),
        idle_fte=idle_fte(parts, rows, monthly.size),
    )
