"""A what-if's multipliers written into a scenario's text, everything else kept as written.

The web app's "save as version" keeps a what-if as the scenario's ``adjustments``
section (:mod:`cscost.model.adjust`). A YAML text is not re-dumped: the section's lines
are replaced (or, without one, appended at the end), so the user's comments and layout
stay; a JSON text (no comments) is written anew. Multipliers of exactly 1 are left out,
and a what-if that scales nothing removes the section.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from cscost.io.scenario.json_tree import parse_json
from cscost.io.scenario.merge import content_end
from cscost.io.scenario.yaml_tree import compose
from cscost.model.adjust import Adjustments

KEY = "adjustments"


def adjustments_data(adjustments: Adjustments) -> dict[str, Any] | None:
    """The section as data: only multipliers other than 1; None when nothing is scaled."""
    data: dict[str, Any] = {}
    if adjustments.volume != 1.0:
        data["volume"] = adjustments.volume
    if adjustments.aht != 1.0:
        data["aht"] = adjustments.aht
    for field in ("fx", "rates"):
        moved = {k: v for k, v in getattr(adjustments, field).items() if v != 1.0}
        if moved:
            data[field] = moved
    return data or None


def _block(data: dict[str, Any] | None) -> list[str]:
    if data is None:
        return []
    text = yaml.safe_dump({KEY: data}, allow_unicode=True, sort_keys=False, width=100)
    return text.splitlines()


def _span(text: str, name: str) -> tuple[int, int] | None:
    """First and past-last line of the top-level ``adjustments`` entry, if any."""
    node, loader = compose(text, name)
    try:
        if not isinstance(node, yaml.MappingNode):
            return None
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == KEY:
                end = content_end(value)
                return key.start_mark.line, end.line if end.column == 0 else end.line + 1
        return None
    finally:
        loader.dispose()


def scenario_with_adjustments(text: str, fmt: str, adjustments: Adjustments, name: str) -> str:
    """``text`` (``fmt``: yaml or json) with its ``adjustments`` section set (module
    docstring); raises the loader's located error for a text that does not parse."""
    data = adjustments_data(adjustments)
    if fmt == "json":
        tree = parse_json(text, name)[0]
        tree.pop(KEY, None)
        if data is not None:
            tree[KEY] = data
        return json.dumps(tree, ensure_ascii=False, indent=2) + "\n"
    lines = text.splitlines()
    span = _span(text, name)
    if span is not None:
        first, last = span
        return "\n".join([*lines[:first], *_block(data), *lines[last:]]) + "\n"
    if data is None:
        return text
    tail = [] if not lines or lines[-1].strip() == "" else [""]
    return "\n".join([*lines, *tail, *_block(data)]) + "\n"
