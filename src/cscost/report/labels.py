"""Display names of the codes a report shows: fee categories, providers, audit statuses.

The English names are gettext messages (marked with ``N_``); a report translates them
where it shows them, so a new language needs only a catalog.
"""

from __future__ import annotations

from cscost.model import CATEGORIES, FEE_KINDS, INHOUSE, Scenario
from cscost.report.i18n import N_, Lang

CATEGORY_LABELS: dict[str, str] = {
    "labour": N_("Labour"),
    "setup": N_("Setup and transition"),
    "training": N_("Training"),
    "technology": N_("Technology and platform"),
    "telephony": N_("Telephony"),
    "reporting": N_("Reporting"),
    "integration": N_("Integration"),
    "management": N_("Management"),
    "night_surcharge": N_("Night surcharge"),
    "weekend_surcharge": N_("Weekend surcharge"),
    "holiday_surcharge": N_("Holiday surcharge"),
    "language_surcharge": N_("Language surcharge"),
    "minimum_commitment": N_("Minimum commitment"),
    "escalation": N_("Escalation"),
    "termination": N_("Termination"),
    "sla_credits": N_("SLA credits"),
    "tax": N_("Tax"),
    "other": N_("Other"),
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)

VIEW_NOTES: dict[str, str] = {
    "tax_included": N_("amounts in {currency}, tax included"),
    "recoverable_tax_excluded": N_("amounts in {currency}, recoverable tax excluded (cost view)"),
}
"""The sentence that says which view a report's totals show (``Evaluation.view``)."""


def view_note(view: str, currency: str, lang: Lang) -> str:
    """``amounts in CNY, tax included`` or the cost view's note, translated."""
    return lang.gettext(VIEW_NOTES.get(view, VIEW_NOTES["tax_included"])).format(currency=currency)


STATUS_LABELS: dict[str, str] = {
    "charged": N_("charged"),
    "included": N_("included"),
    "missing": N_("not stated"),
}

WEEKDAYS: tuple[str, ...] = (
    N_("Mon"),
    N_("Tue"),
    N_("Wed"),
    N_("Thu"),
    N_("Fri"),
    N_("Sat"),
    N_("Sun"),
)


def category_label(category: str, lang: Lang) -> str:
    """The translated name of a fee category (the code itself when unknown)."""
    label = CATEGORY_LABELS.get(category)
    return lang.gettext(label) if label else category


def category_order(category: str) -> int:
    """Sort key: the order of :data:`CATEGORIES`, unknown ones last."""
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def provider_label(provider: str, scenario: Scenario | None, lang: Lang) -> str:
    """``In-house`` for the company's own team, else the vendor's name (or its id)."""
    if provider == INHOUSE:
        return lang.gettext(N_("In-house"))
    if scenario is not None:
        for vendor in scenario.vendors:
            if vendor.id == provider:
                return vendor.display_name
    return provider


ENGINE_LINES: dict[str, str] = {
    # contract terms (pricing.terms.TERM_LINES)
    "minimum shortfall": N_("minimum shortfall"),
    "discount": N_("discount"),
    "SLA credit": N_("SLA credit"),
    "tax": N_("tax"),
    "termination fee": N_("termination fee"),
    # the in-house cost model (pricing.inhouse)
    "agents": N_("agents"),
    "agent burden": N_("agent burden"),
    "support staff": N_("support staff"),
    "recruiting": N_("recruiting"),
    "paid training": N_("paid training"),
    "seats": N_("seats"),
    "supervisors": N_("supervisors"),
    "overhead": N_("overhead"),
    "severance": N_("severance"),
    # fees without a name are labelled with their kind
    "per_fte_month": N_("per FTE and month"),
    "per_productive_hour": N_("per productive hour"),
    "per_paid_hour": N_("per paid hour"),
    "per_contact": N_("per contact"),
    "per_minute": N_("per minute"),
    "per_resolution": N_("per resolution"),
    "fixed_monthly": N_("fixed monthly fee"),
    "per_seat_month": N_("per seat and month"),
    "one_time": N_("one-time fee"),
    "per_new_hire": N_("per new hire"),
    "surcharge": N_("surcharge"),
}
QUOTE_LEVEL = "*"


DUAL_RUNNING = "dual running: "
"""The prefix of the in-house lines that run on beside a vendor (pricing.switching)."""


def line_label(line: str, kind: str, lang: Lang) -> str:
    """A fee line's name: the user's own words, or the engine's label translated."""
    if line.startswith(DUAL_RUNNING):
        inner = line_label(line[len(DUAL_RUNNING) :], kind, lang)
        return lang.gettext(N_("dual running: {line}")).format(line=inner)
    user_named = kind in FEE_KINDS and line != kind
    if user_named or line not in ENGINE_LINES:
        return line
    return lang.gettext(ENGINE_LINES[line])


def queue_label(queue: str, lang: Lang) -> str:
    """A bill row's queue; quote-level rows (``*``) are shown as ``whole quote``."""
    return lang.gettext(N_("whole quote")) if queue == QUOTE_LEVEL else queue
