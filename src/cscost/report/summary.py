"""The executive summary: what a reader should take away, written from the results.

It states the recommendation when the decision analysis supplies one, the cheapest
option, the savings of every option against keeping the work in-house (the option named
``inhouse``/``in-house``, or whose only provider is in-house), the spread of unit costs,
and the biggest gaps of the hidden-cost audit (the vendors whose quotes leave most fee
categories unstated, with the first categories in order of priority).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cscost.evaluate.evaluation import Evaluation
from cscost.model import Scenario
from cscost.report.i18n import N_, Lang
from cscost.report.labels import provider_label
from cscost.report.tables import baseline, ranked
from cscost.report.words import audit_title


@dataclass(frozen=True)
class Saving:
    """An option against the in-house baseline (positive = cheaper than in-house)."""

    option: str
    total: float
    npv: float
    share: float  # of the baseline's NPV


@dataclass(frozen=True)
class AuditGap:
    """A vendor and the fee categories its quote leaves unstated (audit titles, translated)."""

    vendor: str
    titles: tuple[str, ...]


def savings(evaluation: Evaluation) -> dict[str, Saving]:
    """Every option's saving against the in-house baseline; empty without one."""
    base = baseline(evaluation)
    if base is None:
        return {}
    out = {}
    for o in evaluation.options:
        share = (base.npv - o.npv) / base.npv if base.npv else float("nan")
        out[o.name] = Saving(o.name, base.total - o.total, base.npv - o.npv, share)
    return out


def audit_gaps(evaluation: Evaluation, scenario: Scenario | None, lang: Lang) -> list[AuditGap]:
    """Vendors with unstated categories, most gaps first (audit order within a vendor)."""
    missing: dict[str, list[str]] = {}
    for f in evaluation.audit:
        if f.status == "missing":
            missing.setdefault(f.vendor, []).append(lang.gettext(audit_title(f.category)))
    gaps = [AuditGap(provider_label(v, scenario, lang), tuple(t)) for v, t in missing.items()]
    return sorted(gaps, key=lambda g: -len(g.titles))


TERM_RISKS: dict[str, str] = {
    "minimum shortfall": N_(
        "{vendor} in {option}: the take-or-pay minimum adds {amount} of shortfall charges "
        "over the horizon."
    ),
    "termination fee": N_(
        "{vendor} in {option}: an exit fee of {amount} falls due in {month}, because the "
        "horizon ends before the contract term."
    ),
}
"""Stated contract terms that cost money, by the bill line they create."""


def term_risks(evaluation: Evaluation, scenario: Scenario | None, lang: Lang) -> list[str]:
    """The stated terms that cost most, with their amounts: per vendor (in the cheapest
    option that uses it) its take-or-pay shortfall and an exit fee within the horizon."""
    found: dict[tuple[str, str], tuple[str, float, str]] = {}
    order = {o.name: o.rank for o in evaluation.options}
    for row in sorted(evaluation.bill, key=lambda r: order.get(r.option, 0)):
        if row.line not in TERM_RISKS or row.amount <= 0:
            continue
        key = (row.provider, row.line)
        option, amount, month = found.get(key, (row.option, 0.0, row.month))
        if option == row.option:
            found[key] = (option, amount + row.amount, row.month)
    risks = sorted(found.items(), key=lambda item: -item[1][1])
    return [
        lang.gettext(TERM_RISKS[line]).format(
            vendor=provider_label(vendor, scenario, lang),
            option=option,
            amount=lang.money(amount, evaluation.currency),
            month=lang.month(month),
        )
        for (vendor, line), (option, amount, month) in risks
    ]


def _cheapest_sentences(evaluation: Evaluation, lang: Lang) -> list[str]:
    _ = lang.gettext
    options = ranked(evaluation)
    best, cur = options[0], evaluation.currency
    out = [
        _(
            "{option} is the cheapest option: {npv} net present value, {total} in total over "
            "{months} months."
        ).format(
            option=best.name,
            npv=lang.money(best.npv, cur),
            total=lang.money(best.total, cur),
            months=len(evaluation.months),
        )
    ]
    if len(options) > 1:
        worst = options[-1]
        out.append(
            _(
                "The most expensive option, {option}, costs {difference} more in net present value."
            ).format(option=worst.name, difference=lang.money(worst.npv - best.npv, cur))
        )
    return out


def _saving_sentences(evaluation: Evaluation, lang: Lang) -> list[str]:
    _ = lang.gettext
    base = baseline(evaluation)
    if base is None:
        return []
    cur = evaluation.currency
    options = ranked(evaluation)
    saved = savings(evaluation)
    if options[0] is base:
        if len(options) == 1:
            return []
        runner_up = options[1]
        return [
            _(
                "Keeping the work in-house is the cheapest option; the closest alternative, "
                "{option}, costs {difference} more ({percent})."
            ).format(
                option=runner_up.name,
                difference=lang.money(-saved[runner_up.name].npv, cur),
                percent=lang.percent(-saved[runner_up.name].share, 1),
            )
        ]
    best = saved[options[0].name]
    cheaper = sum(1 for o in options if o is not base and saved[o.name].npv > 0)
    return [
        _(
            "Against keeping the work in-house ({baseline}), {option} saves {saving} in net "
            "present value ({percent})."
        ).format(
            baseline=base.name,
            option=best.option,
            saving=lang.money(best.npv, cur),
            percent=lang.percent(best.share, 1),
        ),
        lang.ngettext(
            "{count} option costs less than in-house.",
            "{count} options cost less than in-house.",
            cheaper,
        ).format(count=cheaper),
    ]


def _unit_cost_sentence(evaluation: Evaluation, lang: Lang) -> list[str]:
    options = [o for o in evaluation.options if o.volume.sum() > 0]
    if len(options) < 2:
        return []
    low = min(options, key=lambda o: o.cost_per_contact)
    high = max(options, key=lambda o: o.cost_per_contact)
    cur = evaluation.currency
    return [
        lang.gettext(
            "A handled contact costs from {low} ({low_option}) to {high} ({high_option})."
        ).format(
            low=lang.money(low.cost_per_contact, cur, cents=True),
            low_option=low.name,
            high=lang.money(high.cost_per_contact, cur, cents=True),
            high_option=high.name,
        )
    ]


def _audit_sentences(evaluation: Evaluation, scenario: Scenario | None, lang: Lang) -> list[str]:
    _ = lang.gettext
    if not evaluation.audit:
        return []
    gaps = audit_gaps(evaluation, scenario, lang)
    if not gaps:
        return [_("Every quote states every audited fee category.")]
    out = []
    for gap in gaps[:2]:
        out.append(
            lang.ngettext(
                "The quote of {vendor} does not state {count} fee category: {categories}.",
                "The quote of {vendor} does not state {count} fee categories, first of all: "
                "{categories}.",
                len(gap.titles),
            ).format(
                vendor=gap.vendor, count=len(gap.titles), categories=_("; ").join(gap.titles[:3])
            )
        )
    return out


def summary_sentences(
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    decision: Mapping[str, Any] | None = None,
) -> list[str]:
    """The executive summary as sentences in ``lang``, most important first."""
    if not evaluation.options:
        return [lang.gettext("The scenario has no option to evaluate.")]
    out: list[str] = []
    recommendation = (decision or {}).get("recommendation")
    if recommendation:
        out.append(str(recommendation))
    out += _cheapest_sentences(evaluation, lang)
    out += _saving_sentences(evaluation, lang)
    out += _unit_cost_sentence(evaluation, lang)
    out += _workforce_sentence(evaluation, lang)
    out += _audit_sentences(evaluation, scenario, lang)
    return out


def _workforce_sentence(evaluation: Evaluation, lang: Lang) -> list[str]:
    """Why in-house costs what it costs: the team is hired ahead and kept, idle FTE shown."""
    kept = [o for o in evaluation.options if o.idle_fte is not None and o.idle_fte.mean() > 0.05]
    if not kept:
        return []
    most = max(kept, key=lambda o: float(o.idle_fte.mean()))  # type: ignore[union-attr]
    idle = most.idle_fte
    assert idle is not None
    return [
        lang.gettext(
            "The in-house team is hired ahead and kept through the seasons, not flexed for "
            "free: in {option} it carries {idle} FTE more than the work needs on average "
            "(up to {peak})."
        ).format(
            option=most.name,
            idle=lang.number(float(idle.mean()), 1),
            peak=lang.number(float(idle.max()), 1),
        )
    ]
