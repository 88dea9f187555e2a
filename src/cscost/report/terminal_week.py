"""The terminal views of `cscost roster` and `cscost simulate`, in en or zh_CN.

One queue's typical week in one month: the roster's shifts and its figures, or the
simulated service level, speed of answer and abandonment beside the exact (analytic)
ones, with 95 % confidence intervals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from rich.console import RenderableType

from cscost.report.i18n import N_, Lang
from cscost.report.labels import day_labels
from cscost.report.terminal import table

if TYPE_CHECKING:
    from cscost.evaluate.week import QueueWeek
    from cscost.staffing.roster import Roster
    from cscost.staffing.simulation import Estimate

TEXTS: dict[str, str] = {
    "roster_title": N_("{queue} {month} ({provider}): shifts"),
    "template": N_("template"),
    "start": N_("start"),
    "days": N_("days"),
    "agents": N_("agents"),
    "roster_figures": N_(
        "paid hours/week {paid} · required agent-hours {required} · available {available} · "
        "efficiency {efficiency} · seats {seats} · largest shortfall {shortfall} · {solved}"
    ),
    "optimal": N_("optimal, gap {gap}"),
    "time_limit": N_("time limit, gap {gap}"),
    "simulated_title": N_("{queue} {month}: {runs} simulated weeks"),
    "interval": N_("interval"),
    "sl_sim": N_("SL sim [95% CI]"),
    "sl": N_("SL"),
    "asa_sim": N_("ASA s sim"),
    "asa": N_("ASA s"),
    "abandoned": N_("aband."),
    "week": N_(
        "week ({source} agents): service level {sl} (analytic {sl_exact}) · ASA {asa} s "
        "(analytic {asa_exact}) · abandonment {abandoned} (analytic {abandoned_exact})"
    ),
    "roster_agents": N_("rostered"),
    "erlang_agents": N_("Erlang"),
}
"""Text key → its English text (the msgid)."""


def _say(lang: Lang, key: str, /, **values: object) -> str:
    return lang.gettext(TEXTS[key]).format(**values)


def roster_view(
    roster: Roster, queue: str, provider: str, month: str, lang: Lang
) -> list[RenderableType]:
    """The shifts table and the roster's figures."""
    shifts = table(
        _say(lang, "roster_title", queue=queue, month=lang.month(month), provider=provider),
        [_say(lang, k) for k in ("template", "start", "days", "agents")],
        left=3,
    )
    for s in roster.shifts:
        shifts.add_row(s.template, s.start, s.days, str(s.agents))
    shortfall = float(np.clip(-roster.over, 0, None).max(initial=0.0))
    gap = lang.percent(roster.gap, 2)
    figures = _say(
        lang,
        "roster_figures",
        paid=lang.number(roster.paid_hours_week, 1),
        required=lang.number(roster.required_agent_hours_week, 1),
        available=lang.number(roster.available_agent_hours_week, 1),
        efficiency=lang.percent(roster.efficiency, 1),
        seats=roster.seats,
        shortfall=f"{shortfall:g}",
        solved=_say(lang, "optimal" if roster.optimal else "time_limit", gap=gap),
    )
    return [shifts, figures]


def interval_text(k: int, per_day: int, interval_minutes: int, lang: Lang) -> str:
    """``Mon 08:30`` (translated day) for interval ``k`` of the flattened week."""
    minute = (k % per_day) * interval_minutes
    day = day_labels(k // per_day + 1, lang)[k // per_day]
    return f"{day} {minute // 60:02d}:{minute % 60:02d}"


def _ci(estimate: Estimate, lang: Lang, k: int | None = None, pct: bool = True) -> str:
    mean, low, high = (
        (float(a) if k is None else float(a[k]))
        for a in (estimate.mean, estimate.low, estimate.high)
    )
    if not np.isfinite(mean):
        return "—"
    if pct:
        return f"{lang.percent(mean, 1)} [{lang.percent(low, 1)}, {lang.percent(high, 1)}]"
    return f"{lang.number(mean, 1)} [{lang.number(low, 1)}, {lang.number(high, 1)}]"


def simulation_view(
    week: QueueWeek,
    result: Any,
    exact: Any,
    analytic: Mapping[str, float],
    source: str,
    lang: Lang,
) -> list[RenderableType]:
    """Per open interval: simulated and exact SL, ASA and abandonment; then the week."""
    per_day = week.volume.shape[1]
    interval = week.scenario.scenario.interval_minutes
    volume = week.volume.ravel()
    title = _say(
        lang,
        "simulated_title",
        queue=week.settings.queue_id,
        month=lang.month(week.month),
        runs=result.runs,
    )
    keys = ("interval", "agents", "sl_sim", "sl", "asa_sim", "asa", "abandoned")
    rows = table(title, [_say(lang, k) for k in keys])
    for k in np.flatnonzero(volume > 0):
        rows.add_row(
            interval_text(int(k), per_day, interval, lang),
            lang.number(float(exact.agents[k]), 0),
            _ci(result.service_level, lang, int(k)),
            lang.percent(float(exact.service_level[k]), 1),
            _ci(result.asa_s, lang, int(k), pct=False),
            lang.number(float(exact.asa_s[k]), 1),
            _ci(result.abandonment, lang, int(k)),
        )
    summary = _say(
        lang,
        "week",
        source=_say(lang, "roster_agents" if source == "roster" else "erlang_agents"),
        sl=_ci(result.week_service_level, lang),
        sl_exact=lang.percent(analytic["service_level"], 1),
        asa=_ci(result.week_asa_s, lang, pct=False),
        asa_exact=lang.number(analytic["asa_s"], 1),
        abandoned=_ci(result.week_abandonment, lang),
        abandoned_exact=lang.percent(analytic["abandonment"], 1),
    )
    return [rows, summary]
