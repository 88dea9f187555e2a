"""Each invoice line held against the contract's bill on the actuals: the findings.

Invoice lines are matched to the contract by ``line`` (a fee's name, its kind when
that is unambiguous, or a term: ``minimum``, ``discount``, ``sla_credit``, ``tax``) and
``queue`` (a blank queue stands for every queue the fee covers). With tolerance τ
(default 0.01 per line) and, for a matched fee line, invoiced quantity qᵢ, rate rᵢ,
amount aᵢ and expected quantity qₑ, rate rₑ, amount aₑ = qₑ rₑ:

    aᵢ − aₑ = (aᵢ − qᵢ rᵢ)           arithmetic  (each invoice line on its own)
            + qᵢ (rᵢ − rₑ)          rate, or escalation when rᵢ is the base rate at
                                    another escalation step (applied early or late)
            + (qᵢ − qₑ) rₑ          quantity

and each part beyond τ is a finding with that part as its difference; so the
findings of a line add up to its difference. A line billed without quantity and rate
is compared on its amount (kind escalation, else rate for fixed and one-time fees,
quantity for the others). A contracted line not billed is ``missing_line``; a billed
line the contract does not have (or not in that month or queue) is ``unknown_line``.
Term lines are judged in :mod:`cscost.reconcile.terms_check`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cscost.model import Scenario, Vendor
from cscost.model.fees import PerContactFee, PerFteMonthFee
from cscost.reconcile.expected import BASIS, TERM_KINDS, ExpectedLine
from cscost.reconcile.inputs import ActualRow, InvoiceLine

FINDING_KINDS: tuple[str, ...] = (
    "rate",
    "quantity",
    "escalation",
    "minimum",
    "sla_credit",
    "tax",
    "unknown_line",
    "missing_line",
    "arithmetic",
)
TERM_FINDING: dict[str, str] = {
    "minimum_monthly": "minimum",
    "discount": "rate",
    "sla": "sla_credit",
    "tax_rate": "tax",
}
TERM_ALIASES: dict[str, str] = {
    "minimum": "minimum_monthly",
    "minimum_monthly": "minimum_monthly",
    "minimum shortfall": "minimum_monthly",
    "shortfall": "minimum_monthly",
    "discount": "discount",
    "sla_credit": "sla",
    "sla credit": "sla",
    "sla": "sla",
    "tax": "tax_rate",
    "tax_rate": "tax_rate",
}
"""Names an invoice may give a term line (compared case-blind) → the term."""
TERM_BASIS: dict[str, str] = {
    "minimum_monthly": "recurring",
    "discount": "base",
    "tax_rate": "base",
}
"""The figure each term is computed on (the SLA ladder: its measured KPI)."""
QUOTE_LEVEL_KINDS = frozenset({"fixed_monthly", "one_time"})
EPSILON = 1e-6
"""Float slack on the tolerance, so a difference of exactly τ is within it."""


@dataclass(frozen=True)
class Finding:
    """One difference between the invoice and the contract, in the invoice currency."""

    month: str
    line: str
    queue: str
    kind: str
    expected: float
    invoiced: float
    difference: float
    """invoiced − expected: positive when the invoice asks for more than the contract."""
    clause: str
    """The contract clause, e.g. ``vendors[0].fees[0]`` or ``vendors[0].tax_rate``."""
    basis: str
    """The actual figure the expected amount rests on (``fte``, ``handled``, ``base`` …)."""
    basis_value: float | None
    expected_quantity: float | None = None
    invoiced_quantity: float | None = None
    expected_rate: float | None = None
    invoiced_rate: float | None = None
    source: str = ""
    """Where the invoice line is (``invoice.csv:4``), empty for a missing line."""


def norm(name: str) -> str:
    """A line name compared case-blind with spaces collapsed."""
    return " ".join(name.casefold().split())


def contract_terms(vendor: Vendor) -> tuple[str, ...]:
    """The terms of :data:`TERM_KINDS` the contract has."""
    has = {
        "minimum_monthly": vendor.minimum_monthly is not None,
        "discount": vendor.discount > 0,
        "sla": vendor.sla is not None,
        "tax_rate": vendor.tax_rate > 0,
    }
    return tuple(t for t in TERM_KINDS if has[t])


def line_clauses(vendor: Vendor) -> dict[str, str]:
    """Invoice line name (normalised) → ``fees[k]`` or a term of the contract."""
    out: dict[str, str] = {}
    for k, fee in enumerate(vendor.fees):
        out.setdefault(norm(fee.label), f"fees[{k}]")
    kinds = [fee.kind for fee in vendor.fees]
    for k, fee in enumerate(vendor.fees):
        if kinds.count(fee.kind) == 1:
            out.setdefault(norm(fee.kind), f"fees[{k}]")
    terms = contract_terms(vendor)
    for alias, term in TERM_ALIASES.items():
        if term in terms:
            out.setdefault(alias, term)
    return out


@dataclass(frozen=True)
class Context:
    """What judging one month needs."""

    scenario: Scenario
    vendor: Vendor
    vendor_path: str
    rows: Sequence[ActualRow]
    tolerance: float
    invoice_fx: float

    def beyond(self, difference: float) -> bool:
        """Whether a difference exceeds the tolerance."""
        return abs(difference) > self.tolerance + EPSILON

    def clause(self, clause: str) -> str:
        """The clause's path in the scenario file."""
        return f"{self.vendor_path}.{clause}"

    def actual(self, kind: str, queues: Sequence[str]) -> float | None:
        """Σ of the actual figure ``kind`` prices over ``queues`` (None for fixed fees)."""
        column = BASIS.get(kind)
        if column is None or column == "base":
            return None
        total = 0.0
        for row in self.rows:
            if row.queue not in queues:
                continue
            if column == "minutes":
                total += (row.get("handled") or 0.0) * (row.get("aht_s") or 0.0) / 60.0
            elif column == "resolved" and row.get("resolved") is None:
                total += (row.get("handled") or 0.0) * (row.get("fcr") or 0.0)
            else:
                total += row.get(column) or 0.0
        return total


def arithmetic_findings(lines: Sequence[InvoiceLine], ctx: Context) -> list[Finding]:
    """Invoice lines whose amount is not quantity × rate."""
    out = []
    for line in lines:
        if line.quantity is None or line.rate is None:
            continue
        if ctx.beyond(line.amount - line.computed):
            out.append(
                Finding(
                    line.month,
                    line.line,
                    line.queue or "",
                    "arithmetic",
                    line.computed,
                    line.amount,
                    line.amount - line.computed,
                    "",
                    "quantity × rate",
                    line.computed,
                    line.quantity,
                    line.quantity,
                    line.rate,
                    line.rate,
                    line.where(),
                )
            )
    return out


def unknown(line: InvoiceLine, clause: str = "") -> Finding:
    """A billed line the contract does not have (in that month or queue)."""
    return Finding(
        line.month,
        line.line,
        line.queue or "",
        "unknown_line",
        0.0,
        line.computed,
        line.computed,
        clause,
        "",
        None,
        None,
        line.quantity,
        None,
        line.rate,
        line.where(),
    )


def _escalation_slip(ctx: Context, expected: ExpectedLine, invoiced: float, scale: float) -> bool:
    """Whether ``invoiced`` is the base price at another escalation step (× ``scale``)."""
    escalation = ctx.vendor.escalation
    if escalation is None or expected.kind == "one_time" or expected.escalation <= 0:
        return False
    base = expected.rate / expected.escalation
    steps = ctx.scenario.horizon.months // escalation.every_months + 2
    for k in range(steps):
        factor = (1.0 + escalation.rate) ** k
        if math.isclose(factor, expected.escalation, rel_tol=1e-12):
            continue
        if not ctx.beyond(scale * (invoiced - base * factor)):
            return True
    return False


def missing_findings(ctx: Context, expected: Sequence[ExpectedLine]) -> list[Finding]:
    """A contracted line (of one or more queues) that the invoice does not bill."""
    amount = math.fsum(e.amount for e in expected)
    if not expected or not ctx.beyond(amount):
        return []
    first = expected[0]
    queue = first.queue if len(expected) == 1 else ""
    return [
        Finding(
            first.month,
            first.line,
            queue,
            "missing_line",
            amount,
            0.0,
            -amount,
            ctx.clause(first.clause),
            BASIS.get(first.kind, ""),
            ctx.actual(first.kind, [e.queue for e in expected]),
            math.fsum(e.quantity for e in expected),
            None,
            first.rate,
            None,
        )
    ]


def pair_findings(
    ctx: Context, expected: Sequence[ExpectedLine], invoiced: Sequence[InvoiceLine]
) -> list[Finding]:
    """Findings of the invoice lines ``invoiced`` against the expected lines ``expected``."""
    if not invoiced:
        return missing_findings(ctx, expected)
    if not expected:
        return [unknown(line) for line in invoiced]
    first = expected[0]
    q_e = math.fsum(e.quantity for e in expected)
    a_e = math.fsum(e.amount for e in expected)
    r_e = a_e / q_e if q_e else first.rate
    a_i = math.fsum(line.computed for line in invoiced)
    quantified = all(ln.quantity is not None and ln.rate is not None for ln in invoiced)
    q_i = math.fsum(ln.quantity or 0.0 for ln in invoiced) if quantified else None
    r_i = a_i / q_i if q_i else None

    queues = {ln.queue or "" for ln in invoiced}
    queue = queues.pop() if len(queues) == 1 else ""

    def finding(kind: str, exp: float, inv: float, clause: str) -> Finding:
        return Finding(
            first.month,
            first.line if len(invoiced) > 1 else invoiced[0].line,
            queue,
            kind,
            exp,
            inv,
            inv - exp,
            clause,
            BASIS.get(first.kind, ""),
            ctx.actual(first.kind, [e.queue for e in expected]),
            q_e,
            q_i,
            r_e,
            r_i,
            invoiced[0].where(),
        )

    fee_clause = ctx.clause(first.clause)
    slip_clause = f"{fee_clause}, {ctx.vendor_path}.escalation"
    out: list[Finding] = []
    if q_i is not None and r_i is not None:
        if ctx.beyond(a_i - q_i * r_e):
            slip = _escalation_slip(ctx, replace_rate(first, r_e), r_i, q_i)
            kind, clause = ("escalation", slip_clause) if slip else ("rate", fee_clause)
            out.append(finding(kind, q_i * r_e, a_i, clause))
        if ctx.beyond((q_i - q_e) * r_e):
            out.append(finding("quantity", a_e, q_i * r_e, fee_clause))
        return out
    if ctx.beyond(a_i - a_e):
        if q_e and _escalation_slip(ctx, replace_rate(first, r_e), a_i / q_e, q_e):
            out.append(finding("escalation", a_e, a_i, slip_clause))
        else:
            kind = "rate" if first.kind in QUOTE_LEVEL_KINDS else "quantity"
            out.append(finding(kind, a_e, a_i, fee_clause))
    return out


def replace_rate(line: ExpectedLine, rate: float) -> ExpectedLine:
    """``line`` with its (average) rate ``rate``."""
    return replace(line, rate=rate)


def pooled(ctx: Context, line: ExpectedLine) -> bool:
    """Whether the fee of ``line`` is priced on its queues' total, then allocated."""
    fee = ctx.vendor.fees[int(line.clause.removeprefix("fees[").rstrip("]"))]
    if isinstance(fee, PerFteMonthFee):
        return fee.rounding != "none" or fee.committed_fte is not None
    return isinstance(fee, PerContactFee) and fee.bands is not None


def fee_findings(
    ctx: Context, expected: Sequence[ExpectedLine], invoiced: Sequence[InvoiceLine]
) -> list[Finding]:
    """One fee line of one month: match by queue (blank = the rest), then compare.

    Fees the contract prices on the total of their queues (FTE rounded or committed,
    volume tiers) are compared on that total, however the invoice splits them.
    """
    if not expected or expected[0].kind in QUOTE_LEVEL_KINDS or pooled(ctx, expected[0]):
        return pair_findings(ctx, expected, invoiced)
    by_queue: dict[str, list[InvoiceLine]] = defaultdict(list)
    out: list[Finding] = []
    rest: list[InvoiceLine] = []
    queues = {e.queue for e in expected}
    for line in invoiced:
        if line.queue in (None, "", "*"):
            rest.append(line)
        elif line.queue in queues:
            by_queue[line.queue].append(line)
        else:
            out.append(unknown(line, ctx.clause(expected[0].clause)))
    remaining: list[ExpectedLine] = []
    for e in expected:
        if e.queue in by_queue:
            out += pair_findings(ctx, [e], by_queue[e.queue])
        else:
            remaining.append(e)
    if rest:
        return out + pair_findings(ctx, remaining, rest)
    for e in remaining:
        out += pair_findings(ctx, [e], [])
    return out
