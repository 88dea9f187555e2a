"""Bounds on every value of a scenario, checked on the raw tree before any field.

Input may come from outside (a vendor's file, an upload to the web app), so before
pydantic reads a field, :func:`raw_issues` walks the whole tree and refuses, each with
its field path:

- a number (integer or decimal) that is not finite, or whose size is over
  ``MAX_NUMBER`` (10¹²), or that is not 0 but smaller than ``MIN_NONZERO`` (10⁻⁹) in
  size: no legal input can then overflow or reach a non-finite figure downstream, and
  subnormal numbers (``3e-323``) never reach the queueing formulas;
- a text (a value or a key) longer than ``MAX_TEXT`` characters (``MAX_DESCRIPTION`` for
  a ``description``), or with a control character (ANSI escapes, bell, NUL, carriage
  return; a line break only in a description) or a bidirectional override, which could
  rewrite a terminal or disguise a name;
- a list or mapping of more than ``MAX_ITEMS`` entries;
- nesting deeper than ``MAX_DEPTH``.

Field-specific bounds (a monthly volume ≤ 10⁹, growth ≤ 10, the horizon's years
1970–2200) live on the fields themselves; see docs/security.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cscost.errors import Issue
from cscost.model.paths import Loc, format_path

if TYPE_CHECKING:
    from cscost.model.scenario import Scenario

MAX_NUMBER = 1e12
"""Largest size of any number in a scenario."""
MIN_NONZERO = 1e-9
"""Smallest size of a number other than 0."""
MAX_TEXT = 200
"""Longest text (a name, an id, hours, a key), in characters."""
MAX_DESCRIPTION = 2000
"""Longest ``description``, in characters."""
MAX_ITEMS = 2000
"""Most entries of one list or mapping."""
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings."""
MAX_VOLUME = 1e9
"""Most contacts of a queue in one month (after growth and seasonality)."""
FIRST_YEAR, LAST_YEAR = 1970, 2200
"""The years a horizon may cover."""

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_NAME = re.compile(r"[\t\n]")


def text_problem(text: str, limit: int = MAX_TEXT, lines: bool = False) -> str:
    """Why ``text`` is refused (too long, a control character), or ``""``."""
    if len(text) > limit:
        return f"text of {len(text):,} characters, over the limit of {limit:,}"
    bad = _UNSAFE.search(text) or (None if lines else _UNSAFE_NAME.search(text))
    if bad:
        return (
            f"control character U+{ord(bad.group()):04X} at character {bad.start() + 1}; "
            "names and texts may not hold terminal escapes, control or direction characters"
        )
    return ""


def number_problem(value: int | float) -> str:
    """Why the number ``value`` is refused (not finite, too large, too small), or ``""``."""
    if isinstance(value, int):
        if abs(value) > MAX_NUMBER:
            return "an integer over the limit of ±1e12"
        return ""
    if not math.isfinite(value):
        return "not a finite number"
    if abs(value) > MAX_NUMBER:
        return f"{value:g} is over the limit of ±1e12"
    if value != 0 and abs(value) < MIN_NONZERO:
        return f"{value:g} is too small to mean anything (limit ±1e-9); write 0"
    return ""


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value[:40]) + ("…" if len(value) > 40 else "")
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very large integer"
    return str(value)


def raw_issues(data: Any) -> list[Issue]:
    """Every bound that the raw scenario tree ``data`` breaks, with field paths."""
    issues: list[Issue] = []
    _walk(data, (), issues, 0)
    return issues


def _issue(loc: Loc, message: str, value: Any, issues: list[Issue]) -> None:
    issues.append(Issue(message, format_path(loc), found=_shown(value)))


def _leaf_problem(node: Any, loc: Loc) -> str:
    if isinstance(node, bool) or node is None:
        return ""
    if isinstance(node, int | float):
        return number_problem(node)
    if isinstance(node, str):
        is_text = bool(loc) and loc[-1] == "description"
        return text_problem(node, MAX_DESCRIPTION if is_text else MAX_TEXT, lines=is_text)
    return ""


def _walk(node: Any, loc: Loc, issues: list[Issue], depth: int) -> None:
    if len(issues) >= 50:
        return
    if not isinstance(node, Mapping | list | tuple):
        problem = _leaf_problem(node, loc)
        if problem:
            _issue(loc, problem, node, issues)
        return
    if depth >= MAX_DEPTH:
        _issue(loc, f"nested deeper than {MAX_DEPTH} levels", "…", issues)
        return
    if len(node) > MAX_ITEMS:
        _issue(loc, f"{len(node):,} entries, over the limit of {MAX_ITEMS:,}", "…", issues)
        return
    items = node.items() if isinstance(node, Mapping) else enumerate(node)
    for key, child in items:
        problem = text_problem(key) if isinstance(key, str) else ""
        if problem:
            _issue(loc, f"a key: {problem}", key, issues)
        else:
            _walk(child, (*loc, key), issues, depth + 1)


def volume_issues(scenario: Scenario) -> list[Issue]:
    """Queues whose monthly volume, after growth and seasonality, passes ``MAX_VOLUME``."""
    issues = []
    months = scenario.scenario.months
    for i, queue in enumerate(scenario.queues):
        volume = queue.volume
        if volume.monthly is None:
            continue
        growth = (1.0 + volume.growth) ** ((months - 1) / 12.0)
        peak = volume.monthly * max(1.0, growth) * max(volume.seasonality or (1.0,))
        if peak > MAX_VOLUME:
            issues.append(
                Issue(
                    f"the volume reaches {peak:.3g} contacts in a month with this growth and "
                    f"seasonality, over the limit of {MAX_VOLUME:g}",
                    format_path(("queues", i, "volume")),
                    expected="a smaller monthly volume, growth or horizon",
                )
            )
    return issues
