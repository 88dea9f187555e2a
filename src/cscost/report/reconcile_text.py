"""The words of the invoice-check reports (HTML and XLSX), marked for the gettext catalogs."""

from __future__ import annotations

from cscost.reconcile import Finding, Reconciliation
from cscost.report.i18n import N_, Lang

KIND_LABELS: dict[str, str] = {
    "rate": N_("Rate not as contracted"),
    "quantity": N_("Quantity not as the actuals"),
    "escalation": N_("Escalation applied early or late"),
    "minimum": N_("Minimum shortfall not due or miscomputed"),
    "sla_credit": N_("SLA credit missing or short"),
    "tax": N_("Tax miscomputed"),
    "unknown_line": N_("A line the contract does not have"),
    "missing_line": N_("A contracted line missing"),
    "arithmetic": N_("Quantity × rate ≠ amount"),
}
"""Finding kind → its label."""

WORDS: dict[str, str] = {
    "title": N_("Invoice check"),
    "vendor": N_("Vendor"),
    "months": N_("Months"),
    "currency": N_("Currency"),
    "expected_total": N_("Expected (the contract on the actuals)"),
    "invoiced_total": N_("Invoiced"),
    "difference": N_("Difference"),
    "at_stake": N_("At stake in the findings"),
    "credits_due": N_("SLA credits due"),
    "terms_effect": N_("What the findings change in tax and other terms"),
    "findings": N_("Findings"),
    "letter": N_("For the dispute letter: what was billed, what the contract says"),
    "none": N_("No findings: the invoice matches the contract on the actuals."),
    "month": N_("Month"),
    "line": N_("Line"),
    "queue": N_("Queue"),
    "kind": N_("Kind of finding"),
    "billed": N_("What was billed"),
    "contract": N_("What the contract says"),
    "clause": N_("Clause"),
    "basis": N_("Actual figure"),
    "bill": N_("The contract's bill on the actuals"),
    "quantity": N_("Quantity"),
    "unit": N_("Unit"),
    "rate": N_("Rate"),
    "amount": N_("Amount"),
    "efficiency": N_("Efficiency: hours billed against hours the work needed"),
    "handled": N_("Handled"),
    "workload": N_("Workload hours"),
    "needed": N_("Paid hours needed"),
    "billed_hours": N_("Paid hours billed"),
    "actual_hours": N_("Paid hours recorded"),
    "explained": N_("Explained"),
    "all": N_("all queues"),
    "invoice": N_("Invoice"),
    "where": N_("Invoice line"),
    "sheet_summary": N_("Summary"),
    "sheet_bill": N_("Expected bill"),
    "sheet_efficiency": N_("Efficiency"),
}
"""Report word key → its English text (the msgid)."""


def words(lang: Lang) -> dict[str, str]:
    """Every word of the report, translated."""
    return {key: lang.gettext(text) for key, text in WORDS.items()}


def kind_label(kind: str, lang: Lang) -> str:
    """The translated label of a finding kind."""
    return lang.gettext(KIND_LABELS.get(kind, kind))


def basis_text(finding: Finding, lang: Lang) -> str:
    """``fte 95.2``: the actual figure a finding rests on, as the report shows it."""
    if finding.basis_value is None:
        return finding.basis
    digits = 3 if finding.basis in ("service_level", "fcr") else 2
    return f"{finding.basis} {lang.number(finding.basis_value, digits)}"


def queue_text(queue: str, lang: Lang) -> str:
    """A queue id, or "all queues" for ``*`` and blanks."""
    return lang.gettext(WORDS["all"]) if queue in ("", "*") else queue


def summary_rows(result: Reconciliation, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) of the report's head."""
    w = words(lang)
    cur = result.currency

    def money(value: float) -> str:
        return lang.money(value, cur, cents=True)

    return [
        (w["vendor"], f"{result.vendor_name} ({result.vendor})"),
        (w["months"], ", ".join(lang.month(m) for m in result.months)),
        (w["currency"], cur),
        (w["expected_total"], money(result.expected_total)),
        (w["invoiced_total"], money(result.invoiced_total)),
        (w["difference"], money(result.invoiced_total - result.expected_total)),
        (w["at_stake"], money(result.at_stake)),
        (w["terms_effect"], money(result.terms_effect)),
        (w["credits_due"], money(result.credits_due)),
    ]
