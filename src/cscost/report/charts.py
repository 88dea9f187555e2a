"""The report's charts as plotly figures, rendered as ``<div>`` fragments without plotly.js.

The page inlines plotly.js once (:func:`plotly_js`); every chart is a fragment with
``include_plotlyjs=False``. Text that came from the user (option, queue and vendor
names) is HTML-escaped before plotly sees it, because plotly reads a few HTML tags in
labels; escaped, it shows them as plain text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

import plotly.graph_objects as go  # type: ignore[import-untyped]

from cscost.arrays import Array
from cscost.evaluate.evaluation import Evaluation, OptionResult
from cscost.evaluate.parts import Part
from cscost.report.i18n import Lang
from cscost.report.labels import WEEKDAYS, category_colour, category_label, day_labels
from cscost.report.tables import monthly_by_category, ranked

FONT = "Noto Sans, Helvetica Neue, Arial, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif"
PALETTE = (
    "#1f5f8b",
    "#e07b39",
    "#3a9d5d",
    "#c4403b",
    "#7d5ba6",
    "#8c6d31",
    "#d16ba5",
    "#5f6b73",
    "#b8a200",
    "#17a2b8",
    "#9edae5",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#dbdb8d",
)

BELOW = {"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0.0}
"""A horizontal legend at the bottom of the figure; the plot area makes room for it."""
MONTH_AXIS = {"type": "date", "tickformat": "%Y-%m", "hoverformat": "%Y-%m", "automargin": True}
"""Months as dates, written YYYY-MM in every language (plotly.js ships English month names)."""


@cache
def plotly_js() -> str:
    """The plotly.js bundle shipped with the plotly package (inlined once per report)."""
    return (
        resources.files("plotly")
        .joinpath("package_data", "plotly.min.js")
        .read_text(encoding="utf-8")
    )


def plain(text: str) -> str:
    """User text for a plotly label: tags shown as text, not interpreted."""
    return html.escape(text, quote=False)


PRINT_SIZE = {"width": 1000, "height": 300}
"""A chart's size in pixels on paper: the width of an A4 landscape page, 40 % of it high."""
HALF_PRINT_SIZE = {"width": 495, "height": 290}
"""A chart in a two-column grid on paper (the monthly cost of each option)."""


def fragment(fig: go.Figure, div_id: str, *, for_print: bool = False, half: bool = False) -> str:
    """The chart as a ``<div>`` and its drawing script, without plotly.js.

    ``for_print``: a fixed size for the page (:data:`PRINT_SIZE`), no toolbar, no
    resizing.
    """
    fig.update_layout(
        font={"family": FONT, "size": 12},
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(PALETTE),
    )
    fig.update_xaxes(gridcolor="#e5e5e5", zerolinecolor="#999")
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#999")
    size = HALF_PRINT_SIZE if half else PRINT_SIZE
    if for_print:
        fig.update_layout(**size)
    text: str = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        default_height=f"{size['height']}px" if for_print else "420px",
        default_width=f"{size['width']}px" if for_print else "100%",
        config={
            "displaylogo": False,
            "displayModeBar": not for_print,
            "responsive": not for_print,
            "staticPlot": for_print,
            "modeBarButtonsToRemove": ["sendDataToCloud"],
        },
    )
    return text


def totals_chart(
    evaluation: Evaluation, lang: Lang, ranges: Mapping[str, tuple[float, float]] | None = None
) -> go.Figure:
    """Total and NPV per option, cheapest first; P10–P90 whiskers on the NPV when known."""
    _ = lang.gettext
    options = ranked(evaluation)
    names = [plain(o.name) for o in options]
    npv_error = None
    if ranges:
        plus = [max(ranges[o.name][1] - o.npv, 0.0) if o.name in ranges else 0.0 for o in options]
        minus = [max(o.npv - ranges[o.name][0], 0.0) if o.name in ranges else 0.0 for o in options]
        npv_error = {"type": "data", "array": plus, "arrayminus": minus, "visible": True}
    fig = go.Figure(
        [
            go.Bar(
                name=_("Total"),
                y=names,
                x=[o.total for o in options],
                orientation="h",
                texttemplate="%{x:.3s}",
                textposition="inside",
                insidetextanchor="end",
            ),
            go.Bar(
                name=_("Net present value"),
                y=names,
                x=[o.npv for o in options],
                error_x=npv_error,
                orientation="h",
                texttemplate="%{x:.3s}",
                textposition="inside",
                insidetextanchor="end",
            ),
        ]
    )
    fig.update_layout(
        barmode="group",
        title=_("Total and net present value per option ({currency})").format(
            currency=evaluation.currency
        ),
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.0},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"automargin": True},
    )
    return fig


def monthly_chart(
    option: OptionResult, months: Sequence[str], lang: Lang, currency: str
) -> go.Figure:
    """One option's cost per month, stacked by fee category (each in its fixed colour)."""
    x = [f"{m}-01" for m in months]
    fig = go.Figure(
        [
            go.Bar(
                name=category_label(category, lang),
                x=x,
                y=values,
                marker_color=category_colour(category),
            )
            for category, values in monthly_by_category(option, len(months)).items()
        ]
    )
    fig.update_layout(
        barmode="relative",
        legend=BELOW,
        xaxis=MONTH_AXIS,
        title=plain(option.name)
        + "<br><sup>"
        + lang.gettext("Monthly cost by fee category ({currency})").format(currency=currency)
        + "</sup>",
    )
    return fig


def fte_chart(evaluation: Evaluation, lang: Lang) -> go.Figure:
    """FTE per month of every option."""
    x = [f"{m}-01" for m in evaluation.months]
    fig = go.Figure(
        [go.Scatter(name=plain(o.name), x=x, y=o.fte, mode="lines") for o in ranked(evaluation)]
    )
    fig.update_layout(
        title=lang.gettext("FTE per month per option"),
        legend=BELOW,
        xaxis=MONTH_AXIS,
        yaxis={"rangemode": "tozero"},
    )
    return fig


def heatmap_chart(
    part: Part,
    month_index: int,
    month: str,
    interval_minutes: int,
    lang: Lang,
    day_counts: Array | None = None,
) -> go.Figure:
    """Required agents per day type × interval of one queue part in month ``month_index``.

    With holidays, the holiday day types the month has (``day_counts`` > 0) follow the
    seven weekdays; without ``day_counts`` every day type is shown.
    """
    agents = part.plan.agents[month_index]
    labels = day_labels(agents.shape[0], lang)
    rows = [
        d
        for d in range(agents.shape[0])
        if d < len(WEEKDAYS) or day_counts is None or day_counts[d] > 0
    ]
    agents = agents[rows]
    starts = [
        f"{t * interval_minutes // 60:02d}:{t * interval_minutes % 60:02d}"
        for t in range(agents.shape[1])
    ]
    fig = go.Figure(
        go.Heatmap(
            z=agents,
            x=starts,
            y=[labels[d] for d in rows],
            colorscale="Blues",
            colorbar={"title": lang.gettext("agents")},
            hovertemplate="%{y} %{x}: %{z:.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=lang.gettext("Required agents: {queue}, {month}").format(
            queue=plain(part.usage.label), month=lang.month(month)
        ),
        yaxis={"autorange": "reversed"},
    )
    return fig


def input_label(name: str, lang: Lang) -> str:
    """An uncertain input's name in ``lang``: volume, aht, attrition, fx:<currency>."""
    names = {
        "volume": lang.gettext("volume"),
        "aht": lang.gettext("handle time"),
        "attrition": lang.gettext("attrition"),
    }
    if name.startswith("fx:"):
        return lang.gettext("exchange rate {currency}").format(currency=plain(name[3:]))
    return names.get(name, plain(name))


def tornado_chart(
    bars: Sequence[Mapping[str, object]], lang: Lang, currency: str, option: str = ""
) -> go.Figure:
    """Sensitivity of ``option``: change of the total cost when each input moves to its low
    and high value."""
    labels = [input_label(str(b["input"]), lang) for b in bars]
    fig = go.Figure(
        [
            go.Bar(
                name=lang.gettext(name),
                y=labels,
                x=[b[key] for b in bars],
                orientation="h",
                texttemplate="%{x:+.3s}",
                textposition="auto",
            )
            for key, name in (("low", "low"), ("high", "high"))
        ]
    )
    fig.update_layout(
        barmode="overlay",
        title=lang.gettext("Sensitivity of the total cost: {option} ({currency})").format(
            option=plain(option), currency=currency
        ),
    )
    return fig


def breakeven_chart(
    factors: Sequence[float], totals: Mapping[str, Sequence[float]], lang: Lang, currency: str
) -> go.Figure:
    """Break-even: total cost of each option as volume runs over multiples of the forecast."""
    fig = go.Figure(
        [
            go.Scatter(name=plain(name), x=list(factors), y=list(values), mode="lines")
            for name, values in totals.items()
        ]
    )
    fig.update_layout(
        title=lang.gettext("Total cost by volume, × forecast ({currency})").format(
            currency=currency
        ),
        xaxis_title=lang.gettext("volume × forecast"),
    )
    return fig


def roster_chart(
    part: Part, month_index: int, month: str, interval_minutes: int, lang: Lang
) -> go.Figure:
    """Required against available (rostered) agents over the ordinary week of one month."""
    plan = part.plan
    days = len(WEEKDAYS)
    required = plan.agents[month_index, :days].ravel()
    available = plan.available[month_index, :days].ravel()  # type: ignore[attr-defined]
    per_day = plan.agents.shape[2]
    names = day_labels(days, lang)
    x = [
        f"{names[k // per_day]} {(k % per_day) * interval_minutes // 60:02d}:"
        f"{(k % per_day) * interval_minutes % 60:02d}"
        for k in range(required.size)
    ]
    fig = go.Figure(
        [
            go.Scatter(name=lang.gettext("required"), x=x, y=required, mode="lines"),
            go.Scatter(
                name=lang.gettext("rostered"), x=x, y=available, mode="lines", line_shape="hv"
            ),
        ]
    )
    fig.update_layout(
        title=lang.gettext("Roster against requirement: {queue}, {month}").format(
            queue=plain(part.usage.label), month=lang.month(month)
        ),
        legend=BELOW,
        xaxis={"nticks": 14},
        yaxis={"rangemode": "tozero", "title": lang.gettext("agents")},
    )
    return fig
