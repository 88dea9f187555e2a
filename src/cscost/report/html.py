"""The HTML report: one self-contained, offline page (plotly.js inlined once, no request out).

Jinja2 renders ``templates/report.html`` with autoescaping, so every string that came
from the user (scenario, option, queue and vendor names, fee labels) shows as plain
text. Labels are translated through the gettext catalogs (:mod:`cscost.report.i18n`).

Optional decision data (``decision``) adds what the risk analysis knows when it exists:
``recommendation`` (a sentence), ``ranges`` (option → (P10, P90) of the NPV),
``tornado`` (a list of ``{"input", "low", "high"}``: total-cost change per input) and
``breakeven`` (volume factors, option → total cost at each); :func:`decision_data`
builds it from :class:`cscost.decide.recommendation.Decision`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import numpy as np
from markupsafe import Markup

from cscost.decide.recommendation import Decision
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.parts import Part
from cscost.model import Scenario
from cscost.report import charts
from cscost.report.assumptions import resolved_settings, scenario_sections
from cscost.report.fields import field_label
from cscost.report.i18n import Lang
from cscost.report.labels import (
    STATUS_LABELS,
    adjustments_line,
    category_label,
    line_label,
    provider_label,
    queue_label,
    view_note,
)
from cscost.report.rosters import charted_part, roster_rows
from cscost.report.summary import audit_gaps, savings, summary_sentences, term_risks
from cscost.report.tables import baseline, breakdown, busiest_part, ranked
from cscost.report.words import audit_title, finding_question, recommendation_text


@dataclass(frozen=True)
class VendorAudit:
    """One vendor's audit: the unstated categories with their questions, and the rest."""

    vendor: str
    name: str
    missing: tuple[tuple[str, str], ...]  # (title, question), translated
    stated: tuple[tuple[str, str], ...]  # (title, status label), translated


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside ``<style>``: quotes, backslashes, angle
    brackets, ampersands and control characters as CSS escapes."""
    unsafe = set("\"\\<>&'")
    body = "".join(f"\\{ord(c):06x}" if c in unsafe or ord(c) < 32 else c for c in text)
    return Markup(f'"{body}"')  # noqa: S704 - every character that could end it is escaped


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: package templates, autoescape on, strict undefined.

    Templates translate with ``_()`` and ``ngettext()`` passed in the context (plain
    strings, escaped like any other value).
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("cscost.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def vendor_audits(
    evaluation: Evaluation, scenario: Scenario | None, lang: Lang
) -> list[VendorAudit]:
    """The audit grouped by vendor, in the order of the scenario."""
    by_vendor: dict[str, list[Any]] = {}
    for finding in evaluation.audit:
        by_vendor.setdefault(finding.vendor, []).append(finding)
    out = []
    for vendor, findings in by_vendor.items():
        missing = tuple(
            (lang.gettext(audit_title(f.category)), lang.gettext(finding_question(f)))
            for f in findings
            if f.status == "missing"
        )
        stated = tuple(
            (lang.gettext(audit_title(f.category)), lang.gettext(STATUS_LABELS[f.status]))
            for f in findings
            if f.status != "missing"
        )
        out.append(VendorAudit(vendor, provider_label(vendor, scenario, lang), missing, stated))
    return out


def part_interval(part: Part, scenario: Scenario | None) -> int:
    """Minutes per interval: the scenario's, else from the part's intervals per day."""
    return scenario.scenario.interval_minutes if scenario else 1440 // part.plan.agents.shape[2]


def _chart_html(
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    decision: Mapping[str, Any],
    for_print: bool = False,
) -> dict[str, Markup]:
    def fragment(fig: Any, div_id: str, half: bool = False) -> str:
        return charts.fragment(fig, div_id, for_print=for_print, half=half)

    out = {
        "totals": fragment(
            charts.totals_chart(evaluation, lang, decision.get("ranges")), "chart-totals"
        ),
        "fte": fragment(charts.fte_chart(evaluation, lang), "chart-fte"),
    }
    options = ranked(evaluation)
    busiest = busiest_part(options[0]) if options else None
    if busiest is not None:
        part, month = busiest
        interval = part_interval(part, scenario)
        out["heatmap"] = fragment(
            charts.heatmap_chart(
                part,
                month,
                evaluation.months[month],
                interval,
                lang,
                scenario.horizon.weekday_counts[month] if scenario else None,
            ),
            "chart-heatmap",
        )
    rostered = charted_part(evaluation)
    if rostered is not None:
        part, month = rostered
        out["roster"] = fragment(
            charts.roster_chart(
                part, month, evaluation.months[month], part_interval(part, scenario), lang
            ),
            "chart-roster",
        )
    if decision.get("tornado"):
        tornado = charts.tornado_chart(
            decision["tornado"], lang, evaluation.currency, decision.get("tornado_option", "")
        )
        out["tornado"] = fragment(tornado, "chart-tornado")
    if decision.get("breakeven"):
        factors, totals = decision["breakeven"]
        out["breakeven"] = fragment(
            charts.breakeven_chart(factors, totals, lang, evaluation.currency), "chart-breakeven"
        )
    for index, option in enumerate(options):
        out[f"monthly-{index}"] = fragment(
            charts.monthly_chart(option, evaluation.months, lang, evaluation.currency),
            f"chart-monthly-{index}",
            half=True,
        )
    return {key: Markup(value) for key, value in out.items()}  # noqa: S704 - plotly's own HTML


def render_html(
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    decision: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    *,
    for_print: bool = False,
    plotly_src: str | None = None,
) -> str:
    """The whole report as one HTML document in ``lang``.

    ``for_print`` (the PDF): every section expanded, charts at a fixed paper size without
    toolbars. The page's print styles apply either way. ``plotly_src`` (the web app):
    plotly.js loaded from that URL instead of inlined.
    """
    decision = decision or {}
    options = ranked(evaluation)
    header, rows = resolved_settings(scenario) if scenario else ([], [])
    context: dict[str, Any] = {
        "_": lang.gettext,
        "ngettext": lang.ngettext,
        "lang": lang,
        "html_lang": "zh-CN" if lang.code == "zh" else "en",
        "ev": evaluation,
        "scenario": scenario,
        "options": options,
        "baseline": baseline(evaluation),
        "savings": savings(evaluation),
        "summary": summary_sentences(evaluation, scenario, lang, decision),
        "gaps": audit_gaps(evaluation, scenario, lang),
        "term_risks": term_risks(evaluation, scenario, lang),
        "breakdowns": [breakdown(o, evaluation.months) for o in options],
        "rosters": roster_rows(evaluation),
        "audits": vendor_audits(evaluation, scenario, lang),
        "sections": scenario_sections(scenario) if scenario else [],
        "settings_header": header,
        "settings_rows": rows,
        "charts": _chart_html(evaluation, scenario, lang, decision, for_print),
        "for_print": for_print,
        "css_string": css_string,
        "field": lambda path: field_label(path, lang) if lang.code == "zh" else "",
        "decision": decision,
        "plotly_js": "" if plotly_src else Markup(charts.plotly_js()),  # noqa: S704
        "plotly_src": plotly_src,
        "money": lambda v, cents=False: lang.money(v, evaluation.currency, cents=cents),
        "number": lang.number,
        "percent": lang.percent,
        "month": lang.month,
        "category": lambda c: category_label(c, lang),
        "view_note": view_note(evaluation.view, evaluation.currency, lang),
        "whatif_note": adjustments_line(scenario, lang),
        "provider": lambda p: provider_label(p, scenario, lang),
        "line_label": lambda line, kind: line_label(line, kind, lang),
        "queue_label": lambda q: queue_label(q, lang),
        "today": lang.date(today or dt.date.today()),
    }
    return environment().get_template("report.html").render(context)


def decision_data(decision: Decision, lang: str = "en") -> dict[str, Any]:
    """The optional report data from a decision analysis (module docstring), in ``lang``."""
    best = decision.recommendation.best
    bars = decision.sensitivity.option(best).bars
    data: dict[str, Any] = {
        "recommendation": recommendation_text(decision.recommendation, lang),
        "tornado": [{"input": b.input, "low": b.low_change, "high": b.high_change} for b in bars],
        "tornado_option": best,
        "breakeven": (
            list(decision.breakeven.factors),
            {name: list(values) for name, values in decision.breakeven.totals.items()},
        ),
    }
    if decision.risk is not None:
        data["ranges"] = {
            o.name: (float(np.quantile(o.npv, 0.1)), float(np.quantile(o.npv, 0.9)))
            for o in decision.risk.options
        }
    return data
