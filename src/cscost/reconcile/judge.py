"""One month of an invoice judged: arithmetic, fee lines by clause and queue, then terms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cscost.reconcile.compare import (
    Context,
    Finding,
    arithmetic_findings,
    fee_findings,
    line_clauses,
    norm,
    unknown,
)
from cscost.reconcile.expected import ExpectedLine
from cscost.reconcile.inputs import InvoiceLine
from cscost.reconcile.terms_check import term_findings


def month_findings(
    ctx: Context, month: str, lines: Sequence[InvoiceLine], expected: Sequence[ExpectedLine]
) -> list[Finding]:
    """The findings of the invoice ``lines`` of ``month`` against its ``expected`` lines.

    Each line's arithmetic first; then each line goes to its clause (a fee, a term, or
    none: ``unknown_line``); each fee is compared in the vendor's order, then the terms.
    """
    clauses = line_clauses(ctx.vendor)
    findings = arithmetic_findings(lines, ctx)
    fees: dict[str, list[InvoiceLine]] = defaultdict(list)
    terms: dict[str, list[InvoiceLine]] = defaultdict(list)
    others: list[InvoiceLine] = []
    for line in lines:
        clause = clauses.get(norm(line.line))
        if clause is None:
            findings.append(unknown(line))
            others.append(line)
        elif clause.startswith("fees["):
            fees[clause].append(line)
        else:
            terms[clause].append(line)
    for k in range(len(ctx.vendor.fees)):
        clause = f"fees[{k}]"
        mine = [e for e in expected if e.clause == clause]
        findings += fee_findings(ctx, mine, fees.get(clause, []))
    return findings + term_findings(ctx, month, fees, terms, expected, others)
