"""JSON read safely: syntax errors located, duplicate keys and deep nesting refused.

Locations of keys and values come from reading the same text as YAML (JSON is YAML
flow syntax); when that fails, issues carry the field path only.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cscost.errors import Issue, ScenarioError
from cscost.io.scenario.yaml_tree import MAX_DEPTH, LineMap, bounded_int, line_map

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> tuple[int, int] | None:
    """1-based (line, column) of the first bracket nested deeper than MAX_DEPTH."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                start = match.start()
                return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1
        elif token in "]}":
            depth -= 1
    return None


def _depth(data: Any) -> int:
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def parse_json(text: str, name: str) -> tuple[Any, LineMap]:
    """Data and line map of a JSON scenario; ScenarioError with located issues otherwise."""
    duplicates: list[str] = []
    deep = _too_deep(text)
    if deep is not None:
        raise ScenarioError(
            Issue(
                f"nested more than {MAX_DEPTH} levels deep; a scenario needs a few",
                file=name,
                line=deep[0],
                column=deep[1],
            )  # fmt: skip
        )

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=bounded_int)
    except json.JSONDecodeError as exc:
        issue = Issue(f"JSON syntax error: {exc.msg}", file=name, line=exc.lineno,
                      column=exc.colno)  # fmt: skip
        raise ScenarioError(issue) from None
    except RecursionError:
        data = None
        duplicates.clear()
        too_deep = True
    else:
        too_deep = _depth(data) > MAX_DEPTH
    if too_deep:
        raise ScenarioError(
            Issue(f"nested more than {MAX_DEPTH} levels deep; a scenario needs a few", file=name)
        )
    where, located = line_map(text, name)
    if duplicates:
        raise ScenarioError(
            located
            or [
                Issue(f"duplicate key `{key}`; JSON readers keep only one of them", file=name)
                for key in dict.fromkeys(duplicates)
            ]
        )
    return data, where
