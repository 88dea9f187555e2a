"""Reconciliation: the contract's bill on the actual month, held against the vendor's invoice.

:func:`reconcile` prices the actuals with the vendor's fee lines and terms through the
pricing engine (:mod:`cscost.reconcile.expected`), compares every invoice line with it
(:mod:`cscost.reconcile.compare`) and adds the vendor-side efficiency view
(:mod:`cscost.reconcile.efficiency`). It returns codes, numbers and names; the report
words them. No I/O: the tables are read by :mod:`cscost.io.tables`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from cscost.errors import ArgumentError, InputFileError, Issue
from cscost.model import Scenario, Vendor
from cscost.reconcile.compare import FINDING_KINDS, Context, Finding, line_clauses, norm
from cscost.reconcile.efficiency import EfficiencyRow, efficiency
from cscost.reconcile.expected import ExpectedLine, expected_lines
from cscost.reconcile.inputs import (
    ActualRow,
    InvoiceLine,
    Source,
    contract_months,
    invoice_currencies,
    required_columns,
)
from cscost.reconcile.judge import month_findings

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FINDING_KINDS",
    "ActualRow",
    "EfficiencyRow",
    "ExpectedLine",
    "Finding",
    "InvoiceLine",
    "Reconciliation",
    "Source",
    "contract_months",
    "invoice_currencies",
    "reconcile",
    "required_columns",
]


@dataclass(frozen=True)
class Reconciliation:
    """The expected bill, the invoice, the findings and the efficiency view of some months."""

    vendor: str
    vendor_name: str
    currency: str
    """The invoice's currency; every amount here is in it."""
    months: tuple[str, ...]
    expected: tuple[ExpectedLine, ...]
    invoiced: tuple[InvoiceLine, ...]
    findings: tuple[Finding, ...]
    efficiency: tuple[EfficiencyRow, ...]
    tolerance: float

    @property
    def expected_total(self) -> float:
        """Σ of the contract's bill on the actuals."""
        return math.fsum(e.amount for e in self.expected)

    @property
    def invoiced_total(self) -> float:
        """Σ of the invoice's amounts as billed."""
        return math.fsum(line.amount for line in self.invoiced)

    @property
    def at_stake(self) -> float:
        """Σ of the findings' differences (positive: billed above the contract)."""
        return math.fsum(f.difference for f in self.findings)

    @property
    def terms_effect(self) -> float:
        """(invoiced − expected) − at stake: what the findings change in the terms (tax …)."""
        return self.invoiced_total - self.expected_total - self.at_stake

    @property
    def credits_due(self) -> float:
        """The SLA credits the contract grants on the measured KPI (a positive amount)."""
        return -math.fsum(e.amount for e in self.expected if e.kind == "sla")

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``cscost reconcile --format json``.

        Money is rounded to the cent (a finding's difference is then exactly invoiced −
        expected of the rounded figures); other numbers to 9 decimals (float noise).
        """
        expected, invoiced = round(self.expected_total, 2), round(self.invoiced_total, 2)
        return {
            "vendor": self.vendor,
            "currency": self.currency,
            "months": list(self.months),
            "tolerance": self.tolerance,
            "expected_total": expected,
            "invoiced_total": invoiced,
            "difference": round(invoiced - expected, 2),
            "at_stake": round(self.at_stake, 2),
            "terms_effect": round(self.terms_effect, 2),
            "credits_due": round(self.credits_due, 2),
            "findings": [_finding_dict(f) for f in self.findings],
            "expected": [_clean(asdict(e), {"amount"}) for e in self.expected],
            "efficiency": [
                _clean(asdict(r) | {"explained": r.explained}, set()) for r in self.efficiency
            ],
        }

    def to_frame(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame, one row per finding."""
        import pandas as pd

        columns = list(Finding.__dataclass_fields__)
        return pd.DataFrame.from_records([asdict(f) for f in self.findings], columns=columns)


def _clean(record: dict[str, Any], money: set[str]) -> dict[str, Any]:
    """Floats of ``record`` rounded: the ``money`` keys to the cent, the others to 1e-9."""
    return {
        k: round(v, 2 if k in money else 9) if isinstance(v, float) else v
        for k, v in record.items()
    }


def _finding_dict(finding: Finding) -> dict[str, Any]:
    out = _clean(asdict(finding), {"expected", "invoiced"})
    out["difference"] = round(out["invoiced"] - out["expected"], 2)
    return out


def _at(sources: Any, column: str, message: str, found: str, expected: str) -> Issue:
    source = sources.get(column)
    if source is None:
        return Issue(message, path=column, found=found, expected=expected)
    issue: Issue = source.issue(message, column, found, expected)
    return issue


def _check_rows(
    scenario: Scenario,
    vendor_id: str,
    actuals: Sequence[ActualRow],
    invoice: Sequence[InvoiceLine],
) -> None:
    """Located issues for months outside the contract, unknown queues and currencies."""
    vendor = scenario.vendor(vendor_id)
    months = contract_months(scenario, vendor)
    span = f"a month of the contract, {months[0]} … {months[-1]}"
    issues: list[Issue] = []
    for row in actuals:
        if row.month not in months:
            issues.append(_at(row.sources, "month", "month outside the contract", row.month, span))
        if row.queue not in scenario.queue_ids:
            known = "one of " + ", ".join(scenario.queue_ids)
            issues.append(_at(row.sources, "queue", "unknown queue", row.queue, known))
    actual_months = {row.month for row in actuals}
    for line in invoice:
        if line.month not in months:
            outside = "month outside the contract"
            issues.append(_at(line.sources, "month", outside, line.month, span))
        elif line.month not in actual_months:
            issues.append(
                _at(
                    line.sources,
                    "month",
                    "no actuals for this month",
                    line.month,
                    "a row per queue of the month in the actuals",
                )  # fmt: skip
            )
    issues += _currency_issues(scenario, vendor_id, invoice)
    if issues:
        raise InputFileError(issues[:50])


def _currency_issues(
    scenario: Scenario, vendor_id: str, invoice: Sequence[InvoiceLine]
) -> list[Issue]:
    currencies = invoice_currencies(scenario, scenario.vendor(vendor_id))
    issues = [
        _at(
            line.sources,
            "currency",
            "unknown currency: no exchange rate in the scenario",
            line.currency,
            "one of " + ", ".join(currencies),
        )  # fmt: skip
        for line in invoice
        if line.currency not in currencies
    ]
    if invoice and not issues:
        first = invoice[0].currency
        issues = [
            _at(line.sources, "currency", "one invoice, one currency", line.currency, first)
            for line in invoice
            if line.currency != first
        ]
    return issues


def credits_negative(vendor: Vendor, invoice: Sequence[InvoiceLine]) -> list[InvoiceLine]:
    """Credit lines (SLA credit, discount) as negative amounts, however they were printed.

    An invoice often lists "SLA credit 67,140.00" in a credits block; a credit reduces
    the invoice, so a positive amount (and rate) on such a line is read as negative.
    """
    clauses = line_clauses(vendor)
    out = []
    for line in invoice:
        term = clauses.get(norm(line.line))
        if term in ("sla", "discount") and line.amount > 0:
            rate = None if line.rate is None else -abs(line.rate)
            line = replace(line, amount=-line.amount, rate=rate)
        out.append(line)
    return out


def reconcile(
    scenario: Scenario,
    vendor_id: str,
    actuals: Sequence[ActualRow],
    invoice: Sequence[InvoiceLine],
    *,
    month: str | None = None,
    tolerance: float = 0.01,
) -> Reconciliation:
    """The invoice of ``vendor_id`` checked against its contract on the actuals.

    Months reconciled: those of the invoice (only ``month`` when given); actuals of
    queues outside the vendor's ``scope`` are not its work and are left out. Raises
    :class:`InputFileError` (located) for a month outside the contract or without
    actuals, an unknown queue, or a currency without an exchange rate.
    """
    if not tolerance >= 0:
        raise ArgumentError(f"tolerance: expected a number ≥ 0, found {tolerance!r}")
    vendor = scenario.vendor(vendor_id)
    _check_rows(scenario, vendor_id, actuals, invoice)
    if month is not None:
        months = contract_months(scenario, vendor)
        if month not in months:
            raise ArgumentError(
                f"--month {month} is outside the contract ({months[0]} … {months[-1]})"
            )
        invoice = [line for line in invoice if line.month == month]
        if not invoice:
            raise ArgumentError(f"--month {month}: the invoice has no line in this month")
    invoice = credits_negative(vendor, invoice)
    currency = invoice[0].currency if invoice else (vendor.currency or scenario.scenario.currency)
    invoice_fx = scenario.fx_rate(currency)
    wanted = tuple(sorted({line.month for line in invoice}))
    by_month: dict[str, list[ActualRow]] = {m: [] for m in wanted}
    scope = vendor.scope if vendor.scope is not None else scenario.queue_ids
    for row in actuals:
        if row.month in by_month and row.queue in scope:
            by_month[row.month].append(row)
    expected = expected_lines(scenario, vendor, by_month, invoice_fx)
    vendor_path = f"vendors[{scenario.vendors.index(vendor)}]"
    findings: list[Finding] = []
    for m in wanted:
        ctx = Context(scenario, vendor, vendor_path, by_month[m], tolerance, invoice_fx)
        lines = [line for line in invoice if line.month == m]
        findings += month_findings(ctx, m, lines, [e for e in expected if e.month == m])
    return Reconciliation(
        vendor=vendor.id,
        vendor_name=vendor.display_name,
        currency=currency,
        months=wanted,
        expected=tuple(expected),
        invoiced=tuple(invoice),
        findings=tuple(findings),
        efficiency=efficiency(scenario, vendor, by_month, invoice),
        tolerance=tolerance,
    )
