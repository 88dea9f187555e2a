"""The terminal's decision tables in en or zh_CN: risk, sensitivity, break-even, score.

Built from the core's results (:class:`~cscost.evaluate.montecarlo.RiskResult`,
:class:`~cscost.decide.sensitivity.Tornado`, :class:`~cscost.decide.breakeven.BreakEven`,
:class:`~cscost.decide.recommendation.Decision`); every text from the catalogs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from cscost.report.charts import input_label
from cscost.report.i18n import N_, Lang
from cscost.report.terminal import table
from cscost.report.words import crossing_text, recommendation_text, recommendation_texts

if TYPE_CHECKING:
    from cscost.decide.breakeven import BreakEven
    from cscost.decide.recommendation import Decision
    from cscost.decide.sensitivity import Tornado
    from cscost.evaluate.risk import RiskResult

RISK_SOURCES: dict[str, str] = {
    "montecarlo": N_("Monte Carlo"),
    "sensitivity": N_("the sensitivity tornado"),
}


def _signed(value: float, lang: Lang) -> str:
    if not math.isfinite(value):
        return "—"
    return ("+" if value > 0 else "") + lang.number(value)


def risk_table(risk: RiskResult, currency: str, lang: Lang) -> Table:
    """P10/P50/P90 of total and NPV per option, and the probability of being cheapest."""
    _ = lang.gettext
    title = _("Risk: {samples} Monte Carlo samples, total cost in {currency}").format(
        samples=lang.number(risk.samples), currency=currency
    )
    out = table(title, (_("Option"), "P10", "P50", "P90", _("NPV P50"), _("P(cheapest)")))
    for o in risk.options:
        out.add_row(
            escape(o.name),
            lang.number(o.p10),
            lang.number(o.p50),
            lang.number(o.p90),
            lang.number(o.npv_p50),
            lang.percent(o.p_cheapest),
        )
    return out


def tornado_table(tornado: Tornado, lang: Lang) -> Table:
    """One section per option: each input's low and high change of the total, widest first."""
    _ = lang.gettext
    title = _("Sensitivity: change in total cost ({currency})").format(currency=tornado.currency)
    columns = (
        _("Option"),
        _("Input"),
        _("low"),
        _("change at low"),
        _("high"),
        _("change at high"),
        _("swing"),
    )
    out = table(title, columns, left=2)
    for t in tornado.options:
        for k, b in enumerate(t.bars):
            out.add_row(
                escape(t.option) if k == 0 else "",
                escape(input_label(b.input, lang)),
                f"×{b.low_factor:.2f}",
                _signed(b.low_change, lang),
                f"×{b.high_factor:.2f}",
                _signed(b.high_change, lang),
                lang.number(b.swing),
            )
        out.add_section()
    return out


def breakeven_table(result: BreakEven, lang: Lang) -> Table:
    """Total per option at each volume factor; the cheapest of each row in bold green."""
    _ = lang.gettext
    title = _("Break-even: total cost ({currency}) by volume × forecast").format(
        currency=result.currency
    )
    names = list(result.totals)
    out = table(title, (_("volume × forecast"), *names), left=0)
    for j, k in enumerate(result.factors):
        row = [result.totals[n][j] for n in names]
        low = min(row)
        cells = [f"[bold green]{lang.number(x)}[/]" if x == low else lang.number(x) for x in row]
        out.add_row(f"{k:.2f}×", *cells)
    return out


def crossing_lines(result: BreakEven, lang: Lang) -> list[str]:
    """One line per crossing (rich markup), or the sentence that there is none."""
    if not result.crossings:
        sentence = N_("No crossings: the cost ranking stays the same over the whole range.")
        return [escape(lang.gettext(sentence))]
    return [f"  • {escape(crossing_text(c, lang.code))}" for c in result.crossings]


def score_table(decision: Decision, lang: Lang) -> Table:
    """The weighted score per option with its criteria."""
    _ = lang.gettext
    score = decision.score
    criteria = recommendation_texts(lang.code)["criteria"]
    weights = _("; ").join(
        f"{criteria.get(c, c)} {lang.percent(w)}" for c, w in score.weights.items()
    )
    source = _(RISK_SOURCES.get(score.risk_source, score.risk_source))
    title = _("Score (weighted sum; {weights}; risk from {source})").format(
        weights=weights, source=source
    )
    columns = (
        _("Rank"),
        _("Option"),
        _("Score"),
        _("NPV"),
        _("Quality"),
        _("Flexibility cost"),
        _("Risk"),
    )
    out = table(title, columns, left=2)
    out.columns[0].justify = "right"
    for o in score.options:
        c = o.criteria
        out.add_row(
            str(o.rank),
            escape(o.option),
            f"{o.score:.3f}",
            lang.number(c.cost),
            f"{c.quality:.3f}",
            lang.number(c.flexibility),
            lang.number(c.risk),
            style="bold green" if o.rank == 1 else None,
        )
    return out


def recommendation_line(decision: Decision, lang: Lang) -> str:
    """The recommendation as one paragraph (rich markup escaped)."""
    return escape(recommendation_text(decision.recommendation, lang.code))
