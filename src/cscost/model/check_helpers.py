"""Helpers the scenario checks share: the issue collector, suggestions, listings, grids.

:mod:`cscost.model.checks` and :mod:`cscost.model.checks_options` both use these; neither
imports the other's module for them, so the checks form no import circle.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cscost.errors import ArgumentError, Issue
from cscost.model.hours import OpeningHours
from cscost.model.paths import Loc, format_path

if TYPE_CHECKING:
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


def check_month(scenario: Scenario, month: int | str, loc: Loc, out: Collector) -> None:
    """Issue when ``month`` falls outside the horizon."""
    try:
        scenario.horizon.index_of(month)
    except ArgumentError as exc:
        out.add(loc, str(exc), month)
