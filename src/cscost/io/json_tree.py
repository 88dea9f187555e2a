"""JSON read safely: syntax errors located, duplicate keys and deep nesting refused.

Locations of keys and values come from reading the same text as YAML (JSON is YAML
flow syntax); when that fails, issues carry the field path only.
"""

from __future__ import annotations

import json
from typing import Any

from cscost.errors import Issue, ScenarioError
from cscost.io.yaml_tree import MAX_DEPTH, LineMap, line_map


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

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
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
