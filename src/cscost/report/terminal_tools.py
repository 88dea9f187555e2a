"""The terminal views of the tools without a scenario, in en or zh_CN: `staff`, `forecast`.

`staff` shows the required agents of one interval with the neighbouring head counts, or a
short batch; `forecast` one table per queue with the method that made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from rich.table import Table

from cscost.arrays import Array
from cscost.report.i18n import N_, Lang
from cscost.report.terminal import table

if TYPE_CHECKING:
    from cscost.demand.forecast import Forecast, ForecastMethod
    from cscost.staffing.queueing import QueueMetrics

TEXTS: dict[str, str] = {
    "staff_title": N_(
        "{model}: {volume} contacts in {interval}, AHT {aht}, target {level} in {within} s "
        "— traffic {traffic} erlangs"
    ),
    "agents": N_("agents"),
    "service_level": N_("service level"),
    "asa": N_("ASA"),
    "occupancy": N_("occupancy"),
    "required": N_("required agents: {n}"),
    "below_traffic": N_(
        "{n} agents is fewer than the traffic of {traffic} erlangs: the target is met only "
        "because callers abandon (Erlang A); set --max-occupancy to keep agents above traffic"
    ),
    "below_traffic_cap": N_(
        "{n} agents is fewer than the traffic of {traffic} erlangs with the occupancy cap "
        "{cap}: the target is met only because callers abandon (Erlang A); set "
        "--max-occupancy to keep agents above traffic"
    ),
    "batch_title": N_("{n} intervals (all columns with --output FILE)"),
    "volume": N_("volume"),
    "sl": N_("SL"),
    "batch_total": N_("agent-intervals in all: {n}"),
    "batch_written": N_("{n} intervals → {output} (agent-intervals in all: {total})"),
    "forecast_title": N_(
        "{queue}: {first} … {last} from {n} months of history ({history_first} … {history_last})"
    ),
    "month": N_("month"),
    "mean": N_("mean"),
    "interval80": N_("80 % interval"),
    "interval95": N_("95 % interval"),
    "method": N_(
        "{model}: {season} seasonality (12 months), {trend}; lowest AICc of {candidates} "
        "models on {months} months; intervals from {paths} simulated paths"
    ),
    "not_converged": N_("the optimiser did not fully converge"),
    "multiplicative": N_("multiplicative"),
    "additive": N_("additive"),
    "damped": N_("damped trend"),
    "linear": N_("linear trend"),
    "constant": N_("constant history ({level} every month for {months} months): forecast repeated"),
    "forecast_written": N_("{queues} queues × {months} months ({rows} rows) → {output}"),
}
"""Text key → its English text (the msgid)."""


def say(lang: Lang, key: str, /, **values: object) -> str:
    """The text ``key`` translated and filled with ``values``."""
    return lang.gettext(TEXTS[key]).format(**values)


def figure(value: float, kind: str, lang: Lang) -> str:
    """A staffing figure: ``pct`` (2 decimals), ``sec``, ``int`` or ``prob``; ∞ if infinite."""
    if not np.isfinite(value):
        return "∞"
    if kind == "pct":
        return lang.percent(value, 2)
    if kind == "sec":
        return f"{lang.number(value, 1)} s"
    if kind == "int":
        return lang.number(value, 0)
    return f"{value:.4f}"


def staff_table(
    title: str, agents: Array, metrics: QueueMetrics, required: int, lang: Lang
) -> Table:
    """One interval at ``required`` agents and its neighbours (the required one in bold)."""
    heads = ["agents", "service_level", "asa", "occupancy"]
    out = table(title, [*(say(lang, k) for k in heads), "P(wait)", "P(abandon)"], left=0)
    for k, a in enumerate(agents):
        out.add_row(
            figure(a, "int", lang),
            figure(metrics.service_level[k], "pct", lang),
            figure(metrics.asa_s[k], "sec", lang),
            figure(metrics.occupancy[k], "pct", lang),
            figure(metrics.p_wait[k], "prob", lang),
            figure(metrics.p_abandon[k], "prob", lang),
            style="bold green" if a == required else None,
        )
    return out


def batch_table(
    size: int, labels: Sequence[str], rows: Sequence[Sequence[str]], lang: Lang
) -> Table:
    """The first intervals of a batch: label columns, volume and results (rows as text)."""
    out = Table(title=say(lang, "batch_title", n=size))
    for label in labels:
        out.add_column(label)
    out.add_column(say(lang, "volume"), justify="right")
    for key in ("agents", "sl", "asa", "occupancy"):
        style = "bold" if key == "agents" else None
        out.add_column(say(lang, key), justify="right", style=style)
    out.add_column("P(abandon)", justify="right")
    for row in rows:
        out.add_row(*row)
    return out


def method_text(method: ForecastMethod, lang: Lang) -> str:
    """How the forecast was made, in a sentence."""
    if method.model == "constant":
        level = lang.number(method.level or 0.0, 0)
        return say(lang, "constant", level=level, months=method.history_months)
    text = say(
        lang,
        "method",
        model=method.model,
        season=say(lang, method.seasonality),
        trend=say(lang, "damped" if method.damped else "linear"),
        candidates=method.candidates,
        months=method.history_months,
        paths=lang.number(method.paths, 0),
    )
    return text if method.converged else f"{text} ({say(lang, 'not_converged')})"


def forecast_table(
    queue: str, history: tuple[str, str, int], forecast: Forecast, lang: Lang
) -> Table:
    """Month, mean and the two intervals of one queue; the method as caption.

    ``history`` is (first month, last month, number of months) of the queue's history.
    """
    title = say(
        lang,
        "forecast_title",
        queue=queue,
        first=forecast.months[0],
        last=forecast.months[-1],
        n=history[2],
        history_first=history[0],
        history_last=history[1],
    )
    out = Table(title=title, caption=method_text(forecast.method, lang))
    out.add_column(say(lang, "month"))
    for key in ("mean", "interval80", "interval95"):
        out.add_column(say(lang, key), justify="right", style="bold" if key == "mean" else None)
    for i, month in enumerate(forecast.months):
        out.add_row(
            month,
            lang.number(forecast.mean[i], 0),
            f"{lang.number(forecast.lower80[i], 0)} – {lang.number(forecast.upper80[i], 0)}",
            f"{lang.number(forecast.lower95[i], 0)} – {lang.number(forecast.upper95[i], 0)}",
        )
    return out
