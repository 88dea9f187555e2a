"""The vendor-side efficiency view: the hours billed against the hours the actual work needed.

Per month and queue, with the actual contacts (``offered``, else ``handled``) spread over
the queue's typical week as the demand model spreads them, the actual AHT (else the
vendor's) and the queue's service target, the staffing engine
(:func:`cscost.staffing.plan.staffing_plan`, Erlang C/A or the deferred workload) gives
the productive hours needed; paid hours needed = productive / (1 − shrinkage), with the
vendor's shrinkage. Workload hours = handled × AHT / concurrency / 3600 is the time the
contacts themselves took.

Billed paid hours come from the invoice's labour lines: ``per_fte_month`` quantity ×
the vendor's hours per FTE, ``per_paid_hour`` quantity, ``per_productive_hour`` quantity
/ (1 − shrinkage); a line without a queue counts for the month (queue ``*``).
explained = needed paid hours / billed paid hours: the share of the billed time the
contacts explain.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from cscost.demand.assembly import queue_interval_volumes
from cscost.evaluate.parts import service_params
from cscost.model import Scenario, Vendor
from cscost.reconcile.compare import line_clauses, norm
from cscost.reconcile.inputs import ActualRow, InvoiceLine
from cscost.staffing.plan import staffing_plan

HOUR_KINDS = ("per_fte_month", "per_paid_hour", "per_productive_hour")


@dataclass(frozen=True)
class EfficiencyRow:
    """One month and queue (``*`` for the month's total): hours needed and billed."""

    month: str
    queue: str
    handled: float | None
    workload_hours: float | None
    needed_productive_hours: float | None
    needed_paid_hours: float | None
    billed_paid_hours: float | None
    actual_paid_hours: float | None

    @property
    def explained(self) -> float | None:
        """needed paid hours / billed paid hours (None when either is unknown or 0)."""
        if not self.needed_paid_hours or not self.billed_paid_hours:
            return None
        return self.needed_paid_hours / self.billed_paid_hours


def _needed(
    scenario: Scenario, vendor: Vendor, queue_id: str, rows: Mapping[int, ActualRow]
) -> dict[int, tuple[float, float, float]]:
    """Month index → (workload, needed productive, needed paid hours) of one queue."""
    horizon = scenario.horizon
    months = horizon.months
    queue = scenario.queue(queue_id)
    settings = scenario.queue_settings(queue_id, vendor.id)
    monthly = np.zeros(months)
    aht = settings.aht_s_by_month(months).astype(np.float64)
    for i, row in rows.items():
        monthly[i] = row.get("offered") or row.get("handled") or 0.0
        aht[i] = row.get("aht_s") or aht[i]
    params = replace(service_params(settings, months), aht_s=aht)
    interval = scenario.scenario.interval_minutes
    plan = staffing_plan(
        queue_interval_volumes(scenario, queue, monthly),
        horizon.weekday_counts,
        scenario.open_mask(queue),
        interval,
        params,
    )
    out = {}
    for i, row in rows.items():
        handled = row.get("handled") or 0.0
        workload = handled * float(aht[i]) / settings.concurrency / 3600.0
        out[i] = (workload, float(plan.productive_hours[i]), float(plan.paid_hours[i]))
    return out


def _billed(
    scenario: Scenario, vendor: Vendor, invoice: Sequence[InvoiceLine]
) -> dict[tuple[str, str], float]:
    """(month, queue or ``*``) → billed paid hours from the labour lines."""
    clauses = line_clauses(vendor)
    queue_id = scenario.queue_ids[0]
    out: dict[tuple[str, str], float] = {}
    for line in invoice:
        clause = clauses.get(norm(line.line), "")
        if not clause.startswith("fees[") or line.quantity is None:
            continue
        fee = vendor.fees[int(clause[5:-1])]
        if fee.kind not in HOUR_KINDS:
            continue
        queue = line.queue if line.queue in scenario.queue_ids else None
        settings = scenario.queue_settings(queue or queue_id, vendor.id)
        if fee.kind == "per_fte_month":
            hours = line.quantity * settings.hours_per_fte_month
        elif fee.kind == "per_productive_hour":
            hours = line.quantity / (1.0 - settings.shrinkage)
        else:
            hours = line.quantity
        key = (line.month, queue or "*")
        out[key] = out.get(key, 0.0) + hours
    return out


def efficiency(
    scenario: Scenario,
    vendor: Vendor,
    actuals: Mapping[str, Sequence[ActualRow]],
    invoice: Sequence[InvoiceLine],
) -> tuple[EfficiencyRow, ...]:
    """Per month: one row per queue with contacts, then the month's total (queue ``*``)."""
    horizon = scenario.horizon
    by_queue: dict[str, dict[int, ActualRow]] = {}
    for month, rows in actuals.items():
        for row in rows:
            if row.get("offered") is not None or row.get("handled") is not None:
                by_queue.setdefault(row.queue, {})[horizon.index_of(month)] = row
    needed = {q: _needed(scenario, vendor, q, rows) for q, rows in by_queue.items()}
    billed = _billed(scenario, vendor, invoice)
    out: list[EfficiencyRow] = []
    for month, rows in actuals.items():
        i = horizon.index_of(month)
        month_rows = []
        for row in rows:
            hours = needed.get(row.queue, {}).get(i)
            month_rows.append(
                EfficiencyRow(
                    month,
                    row.queue,
                    row.get("handled"),
                    None if hours is None else hours[0],
                    None if hours is None else hours[1],
                    None if hours is None else hours[2],
                    billed.get((month, row.queue)),
                    row.get("paid_hours"),
                )
            )
        out += month_rows
        out.append(_total(month, month_rows, billed))
    return tuple(out)


def _sum(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return math.fsum(known) if known else None


def _total(
    month: str, rows: Sequence[EfficiencyRow], billed: Mapping[tuple[str, str], float]
) -> EfficiencyRow:
    billed_total = _sum(
        [hours for (m, _), hours in billed.items() if m == month]  # queue lines and blank ones
    )
    return EfficiencyRow(
        month,
        "*",
        _sum([r.handled for r in rows]),
        _sum([r.workload_hours for r in rows]),
        _sum([r.needed_productive_hours for r in rows]),
        _sum([r.needed_paid_hours for r in rows]),
        billed_total,
        _sum([r.actual_paid_hours for r in rows]),
    )
