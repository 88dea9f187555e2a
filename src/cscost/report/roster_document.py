"""The JSON document of a roster (one queue's typical week in one month): its shifts,
hours, efficiency and the coverage per interval — the shape of `cscost roster --format
json`, shared with the web app's roster jobs.
"""

from __future__ import annotations

from typing import Any

from cscost.model.hours import DAY_NAMES, clock_text
from cscost.staffing.roster import Roster


def roster_document(roster: Roster, queue_id: str, provider: str, month: str) -> dict[str, Any]:
    """The roster as the JSON of `cscost roster --format json` (and of a web roster job)."""
    return {
        "queue": queue_id,
        "provider": provider,
        "month": month,
        "interval_minutes": roster.interval_minutes,
        "paid_hours_week": roster.paid_hours_week,
        "required_agent_hours_week": roster.required_agent_hours_week,
        "available_agent_hours_week": roster.available_agent_hours_week,
        "efficiency": roster.efficiency,
        "seats": roster.seats,
        "optimal": roster.optimal,
        "gap": roster.gap,
        "shifts": [
            {"template": s.template, "start": s.start, "days": s.days, "agents": s.agents}
            for s in roster.shifts
        ],
        "coverage": _coverage_rows(roster),
    }


def _coverage_rows(roster: Roster) -> list[dict[str, Any]]:
    days, per_day = roster.required.shape
    return [
        {
            "day": DAY_NAMES[d],
            "time": clock_text(t, roster.interval_minutes),
            "required": float(roster.required[d, t]),
            "available": float(roster.available[d, t]),
            "on_shift": float(roster.on_shift[d, t]),
            "over": float(roster.over[d, t]),
        }
        for d in range(days)
        for t in range(per_day)
    ]
