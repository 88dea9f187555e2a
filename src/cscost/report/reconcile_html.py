"""The invoice check as one self-contained HTML page (no script, nothing fetched).

Jinja2 renders ``templates/reconcile.html`` with autoescaping, so fee names, queue ids
and invoice text show as plain text. The findings table is the dispute letter's: what
was billed, what the contract says, the difference and the clause.
"""

from __future__ import annotations

from typing import Any

from cscost.reconcile import Reconciliation
from cscost.report.html import environment
from cscost.report.i18n import Lang
from cscost.report.reconcile_text import (
    basis_text,
    kind_label,
    queue_text,
    summary_rows,
    words,
)


def _finding_rows(result: Reconciliation, lang: Lang) -> list[dict[str, str]]:
    cur = result.currency
    return [
        {
            "month": lang.month(f.month),
            "line": f.line,
            "queue": queue_text(f.queue, lang),
            "kind": kind_label(f.kind, lang),
            "invoiced": lang.money(f.invoiced, cur, cents=True),
            "expected": lang.money(f.expected, cur, cents=True),
            "difference": lang.money(f.difference, cur, cents=True),
            "clause": f.clause,
            "basis": basis_text(f, lang),
            "source": f.source,
        }
        for f in result.findings
    ]


def _bill_rows(result: Reconciliation, lang: Lang) -> list[dict[str, str]]:
    cur = result.currency
    return [
        {
            "month": lang.month(e.month),
            "line": e.line,
            "queue": queue_text(e.queue, lang),
            "quantity": lang.number(e.quantity, 2),
            "unit": e.unit,
            "rate": lang.number(e.rate, 4 if e.unit in ("base", "shortfall") else 2),
            "amount": lang.money(e.amount, cur, cents=True),
            "clause": e.clause,
        }
        for e in result.expected
    ]


def _invoice_rows(result: Reconciliation, lang: Lang) -> list[dict[str, str]]:
    return [
        {
            "month": lang.month(i.month),
            "line": i.line,
            "queue": queue_text(i.queue or "", lang),
            "quantity": "" if i.quantity is None else lang.number(i.quantity, 2),
            "unit": i.unit or "",
            "rate": "" if i.rate is None else lang.number(i.rate, 4),
            "amount": lang.money(i.amount, i.currency, cents=True),
            "source": i.where(),
        }
        for i in result.invoiced
    ]


def _efficiency_rows(result: Reconciliation, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "month": lang.month(r.month),
            "queue": queue_text(r.queue, lang),
            "total": r.queue == "*",
            "handled": lang.number(r.handled),
            "workload": lang.number(r.workload_hours),
            "needed": lang.number(r.needed_paid_hours),
            "billed": lang.number(r.billed_paid_hours),
            "actual": lang.number(r.actual_paid_hours),
            "explained": lang.percent(r.explained),
        }
        for r in result.efficiency
    ]


def render_reconcile_html(result: Reconciliation, lang: Lang) -> str:
    """The page in ``lang``."""
    template = environment().get_template("reconcile.html")
    return template.render(
        html_lang="zh-CN" if lang.code == "zh" else "en",
        w=words(lang),
        result=result,
        head=summary_rows(result, lang),
        findings=_finding_rows(result, lang),
        bill=_bill_rows(result, lang),
        invoice=_invoice_rows(result, lang),
        efficiency=_efficiency_rows(result, lang),
    )
