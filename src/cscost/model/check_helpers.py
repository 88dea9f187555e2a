"""Helpers the scenario checks share: the issue collector, suggestions, listings, grids.

:mod:`cscost.model.checks` and :mod:`cscost.model.checks_options` both use these; neither
imports the other's module for them, so the checks form no import circle.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cscost.errors import ArgumentError, Issue
from cscost.model.holiday import HOLIDAY_WINDOW
from cscost.model.hours import OpeningHours
from cscost.model.paths import Loc, format_path

if TYPE_CHECKING:
    from cscost.model.queues import Queue
    from cscost.model.scenario import Scenario


class Collector:
    """Accumulates issues; ``add`` takes the path as a tuple."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, loc: Loc, message: str, found: object = "", expected: str = "") -> None:
        """Record one issue at ``loc``."""
        shown = "" if found == "" else str(found)
        self.issues.append(Issue(message, format_path(loc), found=shown, expected=expected))


def suggest(word: str, candidates: Iterable[str]) -> str:
    """`` ; did you mean `x`?`` for the closest candidate, or ``""``."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def listing(values: Iterable[str]) -> str:
    """``a, b, c`` or ``none``."""
    items = sorted(set(values))
    return ", ".join(items) if items else "none"


def check_aligned(hours: OpeningHours, interval: int, loc: Loc, out: Collector) -> bool:
    """Issue when ``hours`` has boundaries off the interval grid; True when aligned."""
    bad = hours.misaligned_times(interval)
    if bad:
        out.add(
            loc,
            f"hours must start and end on {interval}-minute boundaries (scenario.interval_minutes)",
            ", ".join(bad),
            f"times like 08:00, 08:{interval if interval < 60 else '00'}",
        )
    return not bad


def hours_aligned(scenario: Scenario, queue: Queue) -> bool:
    """Whether the queue's hours, and its holiday hours, fall on the interval grid."""
    interval = scenario.scenario.interval_minutes
    holiday = queue.holiday.hours if queue.holiday is not None else None
    stated = [queue.hours] if holiday is None or holiday == "closed" else [queue.hours, holiday]
    return not any(hours.misaligned_times(interval) for hours in stated)


def check_window(scenario: Scenario, name: str, loc: Loc, out: Collector, example: str) -> None:
    """Issue when ``name`` is neither ``holiday``, a window nor aligned hours text."""
    if name == HOLIDAY_WINDOW:
        return
    try:
        hours = scenario.window(name)
    except ArgumentError as exc:
        out.add(
            loc,
            f"`{name}` is neither a window name nor hours text ({exc})",
            name,
            f"one of: {listing([*scenario.scenario.windows, HOLIDAY_WINDOW])}, "
            f"or hours like {example}",
        )
    else:
        check_aligned(hours, scenario.scenario.interval_minutes, loc, out)


def check_month(scenario: Scenario, month: int | str, loc: Loc, out: Collector) -> None:
    """Issue when ``month`` falls outside the horizon."""
    try:
        scenario.horizon.index_of(month)
    except ArgumentError as exc:
        out.add(loc, str(exc), month)
