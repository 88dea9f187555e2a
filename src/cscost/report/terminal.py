"""The terminal's tables and messages, in en or zh_CN: `evaluate`, `plan`, the audit.

The CLI stays thin: it calls :mod:`cscost._api` and prints what this module builds.
Every title, header and message goes through the gettext catalogs (:mod:`.i18n`), so
``--lang zh`` (or ``scenario.locale: zh``) gives a Chinese terminal; numbers use the
locale's grouping, with the currency named once in the table's title. The decision
tables (risk, sensitivity, break-even, score) are in :mod:`.terminal_decision`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cscost.report.i18n import N_, Lang
from cscost.report.labels import category_label, kind_label, provider_label
from cscost.report.words import audit_title, finding_question

if TYPE_CHECKING:
    from cscost.evaluate.evaluation import Evaluation
    from cscost.evaluate.parts import Part
    from cscost.model import Scenario


def table(title: str, columns: Sequence[str], left: int = 1) -> Table:
    """A table titled ``title``: the first ``left`` columns left-aligned, the rest right."""
    out = Table(title=escape(title))
    for k, column in enumerate(columns):
        out.add_column(escape(column), justify="left" if k < left else "right")
    return out


def summary_table(result: Evaluation, lang: Lang) -> Table:
    """The ranking: total, NPV, cost per contact and per resolved contact, FTE, seats."""
    _ = lang.gettext
    heading = (
        _(
            "{name}: {months} months {start} … {end}, in {currency}, "
            "recoverable tax excluded (cost view)"
        )
        if result.view == "recoverable_tax_excluded"
        else _("{name}: {months} months {start} … {end}, in {currency}, tax included")
    )
    title = heading.format(
        name=result.scenario_name,
        months=len(result.months),
        start=result.months[0] if result.months else "",
        end=result.months[-1] if result.months else "",
        currency=result.currency,
    )
    columns = (
        _("Rank"),
        _("Option"),
        _("Total"),
        _("NPV"),
        _("Cost per contact"),
        _("Cost per resolved contact"),
        _("FTE (mean)"),
        _("Seats (peak)"),
    )
    out = table(title, columns, left=2)
    out.columns[0].justify = "right"
    for o in sorted(result.options, key=lambda o: o.rank):
        out.add_row(
            str(o.rank),
            escape(o.name),
            lang.number(o.total),
            lang.number(o.npv),
            lang.number(o.cost_per_contact, 2),
            lang.number(o.cost_per_resolved_contact, 2),
            lang.number(float(o.fte.mean()), 1),
            lang.number(float(o.seats.max())),
            style="bold green" if o.rank == 1 else None,
        )
    return out


def summary_notes(result: Evaluation, lang: Lang) -> list[str]:
    """Why an in-house team costs what it does (idle FTE kept), and the evaluation's notes."""
    _ = lang.gettext
    out = []
    kept = [o for o in result.options if o.idle_fte is not None and o.idle_fte.mean() > 0.05]
    if kept:
        most = max(kept, key=lambda o: float(o.idle_fte.mean()))  # type: ignore[union-attr]
        idle = most.idle_fte
        assert idle is not None
        out.append(
            _(
                "in-house team hired ahead and kept (headcount never below need): {option} "
                "carries {idle} idle FTE on average, up to {peak}"
            ).format(
                option=escape(most.name),
                idle=lang.number(float(idle.mean()), 1),
                peak=lang.number(float(idle.max()), 1),
            )
        )
    texts = {
        "repeat_contacts_without_inhouse_fcr": _(
            "note: queue {subject} states no in-house FCR (inhouse.kpis.fcr or its fcr); "
            "the repeat-contact model leaves its volumes unchanged for every provider"
        ),
        "shrinkage_above_limit": _(
            "note: shrinkage above 0.6 for {subject}: more than six tenths of paid time away "
            "from contacts is rarely real; check the input"
        ),
    }
    out += [texts[code].format(subject=escape(s)) for code, s in result.notes if code in texts]
    return out


def audit_lines(result: Evaluation, names: Mapping[str, str], lang: Lang) -> list[str]:
    """Per vendor, the fee categories its quote neither charges nor includes, with questions
    (rich markup, one line each; empty without quotes)."""
    _ = lang.gettext
    if not result.audit:
        return []
    missing = [f for f in result.audit if f.status == "missing"]
    if not missing:
        return [_("Audit: every quote states every fee category.")]
    lines = ["[bold]" + escape(_("Hidden-cost audit: what each quote does not state")) + "[/]"]
    for vendor in dict.fromkeys(f.vendor for f in missing):
        found = [f for f in missing if f.vendor == vendor]
        name = names.get(vendor, vendor)
        label = vendor if name == vendor else f"{name} ({vendor})"
        head = _("{vendor}: {count} fee categories not stated").format(
            vendor=label, count=len(found)
        )
        lines.append("\n[bold]" + escape(head) + "[/]")
        for f in found:
            title, question = audit_title(f.category, lang.code), finding_question(f, lang.code)
            lines.append(f"  • [bold]{escape(title)}[/]: {escape(question)}")
    return lines


def plan_table(scenario: Scenario, parts: Sequence[Part], provider: str, lang: Lang) -> Table:
    """FTE and seats per queue (part) and month, and their totals."""
    _ = lang.gettext
    who = provider_label(provider, scenario, lang)
    title = _("{name}: staffing plan ({provider})").format(
        name=scenario.scenario.name, provider=who
    )
    per = _("FTE / seats")
    columns = [_("Month"), *(f"{p.usage.label}\n{per}" for p in parts), f"{_('Total')}\n{per}"]
    out = table(title, columns)
    out.columns[-1].style = "bold"
    for i, month in enumerate(scenario.horizon.labels):
        cells = [
            f"{lang.number(float(p.usage.fte[i]), 1)} / {lang.number(float(p.usage.seats[i]))}"
            for p in parts
        ]
        fte = float(sum(p.usage.fte[i] for p in parts))
        seats = float(sum(p.usage.seats[i] for p in parts))
        out.add_row(month, *cells, f"{lang.number(fte, 1)} / {lang.number(seats)}")
    return out


MESSAGES: dict[str, str] = {
    "bill_written": N_("bill: {rows} rows → {path}"),
    "json_written": N_("JSON → {path}"),
    "rows_written": N_("{rows} rows → {path}"),
    "rostered_efficiency": N_("rostered hours; schedule efficiency (mean over months): {values}"),
    "report_written": N_("report ({format}, {lang}) → {path}"),
    "workforce_defaults": N_(
        "no `inhouse` section: the in-house staffing uses the workforce defaults "
        "(shrinkage, occupancy, hours per FTE); add prices to evaluate the cost"
    ),
    "template_written": N_(
        "pricing template for {name} ({queues} queues, {months} months, {lang}) → {path}"
    ),
    "progress_montecarlo": N_("Monte Carlo"),
    "progress_breakeven": N_("Break-even"),
    "progress_sensitivity": N_("Sensitivity"),
    "progress_report": N_("Building the report"),
    "progress_pdf": N_("Printing the PDF"),
    "quote_written": N_("quote {vendor} → {path}"),
    "merged_written": N_("scenario with {vendor} added → {path}"),
    "quote_terms": N_("terms: {terms}"),
    "quote_assumptions": N_("assumptions: {values}"),
    "quote_included": N_("included: {values}"),
    "quote_not_offered": N_("not offered: {values}"),
    "quote_missing": N_("missing (the audit will ask): {values}"),
    "none": N_("none"),
    "all_queues": N_("all"),
}
"""The CLI's one-line messages by key; the English texts are catalog message ids."""


def quote_table(
    title: str, fees: Sequence[Mapping[str, object]], amounts: Sequence[str], lang: Lang
) -> Table:
    """An imported quote's fee lines: name, kind, rate or amount, category, queues."""
    _ = lang.gettext
    columns = (_("Fee line"), _("Kind"), _("Rate / amount"), _("Fee category"), _("Queues"))
    out = Table(title=escape(title))
    for column in columns:
        out.add_column(escape(column), overflow="fold")
    for fee, amount in zip(fees, amounts, strict=True):
        queues = fee.get("queues") or []
        out.add_row(
            escape(str(fee["name"])),
            escape(kind_label(str(fee["kind"]), lang)),
            escape(amount),
            escape(category_label(str(fee["category"]), lang)),
            escape(", ".join(map(str, queues)) if queues else message(lang, "all_queues")),  # type: ignore[call-overload]
        )
    return out


def listing(lang: Lang, values: Sequence[str]) -> str:
    """``values`` joined with the language's separator, or ``none``."""
    return lang.gettext("; ").join(values) if values else message(lang, "none")


def message(lang: Lang, key: str, /, **values: object) -> str:
    """The message ``key`` of :data:`MESSAGES`, translated and filled with ``values``."""
    return lang.gettext(MESSAGES[key]).format(**values)


def note(lang: Lang, key: str, /, **values: object) -> Text:
    """A note: ``note:`` (translated) and the message ``key``."""
    out = Text(lang.gettext("note:") + " ", style="yellow")
    out.append(message(lang, key, **values))
    return out


def note_text(lang: Lang, text: str) -> Text:
    """A note whose text is already worded (``note:`` translated before it)."""
    out = Text(lang.gettext("note:") + " ", style="yellow")
    out.append(text)
    return out
