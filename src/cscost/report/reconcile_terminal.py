"""The terminal summary of `cscost reconcile`, in en or zh_CN.

Totals, the findings table (kind worded, amounts in the invoice currency), what is at
stake, the SLA credits due, and per month the hours billed against the hours the actual
contacts needed at the service target (:mod:`cscost.reconcile.efficiency`).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.markup import escape

from cscost.reconcile import Reconciliation
from cscost.reconcile.efficiency import EfficiencyRow
from cscost.report.i18n import N_, Lang
from cscost.report.reconcile_text import kind_label, queue_text, words
from cscost.report.terminal import table

LINES: dict[str, str] = {
    "head": N_("{vendor} ({id}): {months}, in {currency}"),
    "totals": N_("expected {expected} · invoiced {invoiced} · difference {difference}"),
    "count": N_("{count} findings"),
    "expected": N_("Expected"),
    "stake": N_(
        "at stake {at_stake} {currency} (and {terms} {currency} of tax and other terms on "
        "them) · SLA credits due {credits} {currency}"
    ),
    "short": N_(
        "{month}: {billed} paid hours billed, {gap} fewer than the {needed} that the actual "
        "contacts needed at the service target (compare the measured service level)"
    ),
    "over": N_(
        "{month}: {billed} paid hours billed, {gap} more than the {needed} that the actual "
        "contacts needed at the service target ({share} of the billed time explained)"
    ),
}
"""Line key → its English text (the msgid)."""


def hours_line(row: EfficiencyRow, lang: Lang) -> str:
    """The month's billed paid hours against those the work needed, worded both ways."""
    billed = row.billed_paid_hours or 0.0
    needed = row.needed_paid_hours or 0.0
    key = "short" if needed > billed else "over"
    return lang.gettext(LINES[key]).format(
        month=row.month,
        billed=lang.number(billed, 0),
        needed=lang.number(needed, 0),
        gap=lang.number(abs(needed - billed), 0),
        share=lang.percent(needed / billed) if billed else "—",
    )


def reconcile_summary(result: Reconciliation, lang: Lang) -> list[RenderableType]:
    """What the terminal prints for one reconciliation, in order."""
    w = words(lang)
    say = lang.gettext
    cur = result.currency

    def money(value: float) -> str:
        return lang.number(value, 2)

    out: list[RenderableType] = [
        escape(
            say(LINES["head"]).format(
                vendor=result.vendor_name,
                id=result.vendor,
                months=", ".join(result.months),
                currency=cur,
            )
        ),
        say(LINES["totals"]).format(
            expected=money(result.expected_total),
            invoiced=money(result.invoiced_total),
            difference=money(result.invoiced_total - result.expected_total),
        ),
    ]
    if not result.findings:
        out.append(w["none"])
    else:
        columns = [w["month"], w["line"], w["queue"], w["kind"], say(LINES["expected"])]
        findings = table(
            say(LINES["count"]).format(count=len(result.findings)),
            [*columns, w["invoiced_total"], w["difference"], w["clause"]],
            left=4,
        )
        findings.columns[-1].justify = "left"
        for f in result.findings:
            findings.add_row(
                f.month,
                escape(f.line),
                escape(queue_text(f.queue, lang)),
                escape(kind_label(f.kind, lang)),
                money(f.expected),
                money(f.invoiced),
                money(f.difference),
                escape(f.clause),
            )
        out.append(findings)
    out.append(
        say(LINES["stake"]).format(
            at_stake=money(result.at_stake),
            terms=money(result.terms_effect),
            credits=money(result.credits_due),
            currency=cur,
        )
    )
    out += [
        escape(hours_line(row, lang))
        for row in result.efficiency
        if row.queue == "*" and row.explained is not None
    ]
    return out
