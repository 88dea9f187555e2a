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


CATEGORY_COLOURS: dict[str, str] = {
    "labour": "#1f5f8b",
    "setup": "#e07b39",
    "training": "#3a9d5d",
    "technology": "#7d5ba6",
    "telephony": "#17a2b8",
    "reporting": "#8c6d31",
    "integration": "#d16ba5",
    "management": "#f2b134",
    "night_surcharge": "#2c3e75",
    "weekend_surcharge": "#b8a200",
    "holiday_surcharge": "#c4403b",
    "language_surcharge": "#98df8a",
    "minimum_commitment": "#ff9896",
    "escalation": "#ffbb78",
    "termination": "#6b2d2a",
    "sla_credits": "#9edae5",
    "tax": "#aec7e8",
    "other": "#c7c7c7",
}
"""One fixed colour per fee category, the same in every chart of every report."""
assert set(CATEGORY_COLOURS) == set(CATEGORIES)
assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORY_COLOURS)

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


def day_labels(days: int, lang: Lang) -> list[str]:
    """Names of the typical week's day types: Mon … Sun, then Holiday Mon … Holiday Sun."""
    names = [lang.gettext(d) for d in WEEKDAYS]
    if days <= len(names):
        return names[:days]
    holiday = lang.gettext("Holiday")
    return names + [f"{holiday} {name}" for name in names][: days - len(names)]


def category_label(category: str, lang: Lang) -> str:
    """The translated name of a fee category (the code itself when unknown)."""
    label = CATEGORY_LABELS.get(category)
    return lang.gettext(label) if label else category


def category_colour(category: str) -> str:
    """The fixed colour of a fee category (:data:`CATEGORY_COLOURS`; grey when unknown)."""
    return CATEGORY_COLOURS.get(category, CATEGORY_COLOURS["other"])


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


FEE_KIND_LABELS: dict[str, str] = {
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
"""The label of each fee kind (a fee without a name is labelled with its kind)."""

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
    **FEE_KIND_LABELS,
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


KIND_LABELS: dict[str, str] = {
    # fee kinds of a quote (model.FEE_KINDS)
    **FEE_KIND_LABELS,
    # contract terms (pricing.terms)
    "minimum_monthly": N_("minimum monthly charge"),
    "discount": N_("discount"),
    "sla": N_("SLA credit"),
    "tax_rate": N_("tax rate"),
    "termination_fee": N_("termination fee"),
    # the in-house cost model (pricing.inhouse)
    "agent_monthly_cost": N_("agent monthly cost"),
    "burden": N_("burden on salaries"),
    "supervisor": N_("supervisors"),
    "support_ratio": N_("support staff ratio"),
    "recruiting_per_hire": N_("recruiting per hire"),
    "training_weeks": N_("paid training weeks"),
    "seat_monthly": N_("seat cost per month"),
    "overhead": N_("overhead"),
}
"""The raw ``kind`` of a bill row (a fee kind, a contract term, an in-house cost item)."""

UNIT_LABELS: dict[str, str] = {
    "FTE": N_("FTE"),
    "base": N_("base amount"),
    "contacts": N_("contacts"),
    "hires": N_("hires"),
    "hours": N_("hours"),
    "minutes": N_("minutes"),
    "month": N_("month"),
    "once": N_("once"),
    "resolutions": N_("resolutions"),
    "seats": N_("seats"),
    "shortfall": N_("shortfall"),
    "supervisors": N_("supervisors"),
    "training weeks": N_("training weeks"),
}
"""The unit of a bill row's quantity."""


def kind_label(kind: str, lang: Lang) -> str:
    """A bill row's kind in ``lang`` (the code itself when unknown)."""
    label = KIND_LABELS.get(kind)
    return lang.gettext(label) if label else kind


def unit_label(unit: str, lang: Lang) -> str:
    """A bill row's unit in ``lang`` (the code itself when unknown)."""
    label = UNIT_LABELS.get(unit)
    return lang.gettext(label) if label else unit


def adjustments_line(scenario: Scenario | None, lang: Lang) -> str:
    """ "What-if: volume ×1.3, …" for a scenario with ``adjustments`` that scale something;
    empty otherwise (reports show it beside the title, so an adjusted result is never
    mistaken for the scenario as written)."""
    adjust = scenario.adjustments if scenario is not None else None
    if adjust is None or adjust.is_identity:
        return ""
    _ = lang.gettext
    parts: list[str] = []
    if adjust.volume != 1.0:
        parts.append(_("volume ×{k}").format(k=f"{adjust.volume:.4g}"))
    if adjust.aht != 1.0:
        parts.append(_("AHT ×{k}").format(k=f"{adjust.aht:.4g}"))
    parts += [
        _("{currency} exchange rate ×{k}").format(currency=code, k=f"{k:.4g}")
        for code, k in adjust.fx.items()
        if k != 1.0
    ]
    parts += [
        _("rates of {vendor} ×{k}").format(
            vendor=provider_label(vendor, scenario, lang), k=f"{k:.4g}"
        )
        for vendor, k in adjust.rates.items()
        if k != 1.0
    ]
    separator = "，" if lang.code == "zh" else ", "
    return _("What-if: {changes} (the scenario's adjustments section)").format(
        changes=separator.join(parts)
    )
