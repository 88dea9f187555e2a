"""The assumptions section: every input and default that shaped the result.

The scenario is dumped with its defaults filled in (``model_dump``), so a field the user
left out shows the value the model used; nested fields are flattened to paths such as
``fees[1].rate.general``. The resolved staffing inputs of each queue as each provider
works it (the vendor's assumptions over the queue's over the workforce defaults) follow.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from cscost.model import INHOUSE, Scenario


@dataclass(frozen=True)
class Section:
    """A titled list of (field path, value) pairs."""

    key: str  # the scenario section (scenario, workforce, queues, inhouse, vendors, ...)
    title: str  # e.g. the queue or vendor id within ``key``; empty for a single section
    items: tuple[tuple[str, str], ...]


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """``{"a": {"b": [1, 2]}}`` → ``[("a.b[0]", "1"), ("a.b[1]", "2")]``."""
    if isinstance(value, dict):
        if not value:
            return [(prefix, "{}")] if prefix else []
        out: list[tuple[str, str]] = []
        for key, item in value.items():
            out += flatten(item, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(value, list | tuple):
        if value and all(not isinstance(v, dict | list | tuple) for v in value):
            return [(prefix, ", ".join(_text(v) for v in value))]
        if not value:
            return [(prefix, "[]")]
        out = []
        for index, item in enumerate(value):
            out += flatten(item, f"{prefix}[{index}]")
        return out
    return [(prefix, _text(value))]


def _entry_title(key: str, entry: dict[str, Any], index: int) -> str:
    for name in ("id", "name"):
        if isinstance(entry.get(name), str):
            return str(entry[name])
    return f"{key}[{index}]"


def scenario_sections(scenario: Scenario) -> list[Section]:
    """The scenario with its defaults, one section per top-level key (and list entry)."""
    data = scenario.model_dump(mode="json", by_alias=True, warnings=False)
    data["options"] = [
        o.model_dump(mode="json", by_alias=True, warnings=False)
        for o in scenario.resolved_options()
    ]
    out = []
    for key, value in data.items():
        if isinstance(value, list):
            for index, entry in enumerate(value):
                title = _entry_title(key, entry, index) if isinstance(entry, dict) else ""
                out.append(Section(key, title, tuple(flatten(entry))))
        elif value is not None:
            out.append(Section(key, "", tuple(flatten(value))))
    return out


def providers_used(scenario: Scenario) -> list[str]:
    """Every provider that works a queue in some evaluated option, in first-use order."""
    seen: dict[str, None] = {}
    for option in scenario.resolved_options():
        for queue_id in scenario.queue_ids:
            for part in option.parts(queue_id):
                seen.setdefault(part.provider, None)
    return list(seen) or [INHOUSE]


def resolved_settings(scenario: Scenario) -> tuple[list[str], list[list[str]]]:
    """Header and rows: each queue as each provider works it, defaults merged."""
    rows: list[list[str]] = []
    header: list[str] = []
    for provider in providers_used(scenario):
        for queue_id in scenario.queue_ids:
            settings = scenario.queue_settings(queue_id, provider)
            names = [f.name for f in fields(settings)]
            header = names
            rows.append([_text(getattr(settings, n)) for n in names])
    return header, rows
