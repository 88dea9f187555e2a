"""Scenario texts in and out of the web app: uploads, the form of common fields, the
filled RFP workbook, and the path-level difference of two versions.

Every text is validated by :func:`cscost.io.parse_scenario` with file references refused
(``allow_files=False``), so an upload reaches exactly the readers of ``cscost validate``
and fails with the same located issues.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscost.errors import Issue, LocatedError, ScenarioError
from cscost.io.scenario.json_tree import parse_json
from cscost.io.scenario.load import parse_scenario
from cscost.io.scenario.merge import plain_numbers, scenario_text, scenario_with_vendor
from cscost.io.scenario.text import decode
from cscost.io.scenario.yaml_tree import parse_yaml
from cscost.model import Scenario

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
FORM_FIELDS = ("name", "start", "months", "discount_rate", "locale")
"""The ``scenario`` fields the edit form offers; everything else in the YAML editor."""


@dataclass(frozen=True)
class ScenarioText:
    """A validated scenario text and its format (``yaml`` or ``json``)."""

    text: str
    fmt: str


def format_of(filename: str) -> str:
    """``json`` for a ``.json`` name, else ``yaml``."""
    return "json" if filename.lower().endswith(".json") else "yaml"


def validated(text: str, fmt: str, name: str) -> Scenario:
    """The scenario of ``text``; ScenarioError with located issues (no file references)."""
    return parse_scenario(
        text, name=name, fmt="json" if fmt == "json" else "yaml", allow_files=False
    )


def uploaded_text(filename: str, data: bytes) -> ScenarioText:
    """The text of an uploaded YAML or JSON scenario, decoded and validated."""
    name = Path(filename or "upload.yaml").name
    text = decode(data, name).text
    fmt = format_of(name)
    validated(text, fmt, name)
    return ScenarioText(text, fmt)


def document(text: str, fmt: str) -> Any:
    """The parsed data of a stored scenario text (YAML 1.2 rules, as the loader reads it)."""
    return (parse_json(text, "scenario") if fmt == "json" else parse_yaml(text, "scenario"))[0]


def with_vendor_quote(base: ScenarioText, workbook: bytes, data_dir: Path) -> ScenarioText:
    """``base`` with the vendor of a filled RFP workbook added (read against ``base``):
    a YAML text keeps every line as written, the vendor's block spliced into ``vendors``
    (:mod:`cscost.io.scenario.merge`)."""
    from cscost.io.rfp.read import read_quote  # openpyxl: loaded only when used

    scenario = validated(base.text, base.fmt, "current")
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="upload-") as folder:
        path = Path(folder) / "quote.xlsx"
        path.write_bytes(workbook)
        quote = read_quote(path, scenario)
    if quote.vendor.id in {v.id for v in scenario.vendors}:
        raise ScenarioError(
            Issue(f"the scenario already has vendor {quote.vendor.id}", path="vendors")
        )
    vendor = plain_numbers(quote.data)
    text = scenario_with_vendor(base.text, base.fmt, vendor, "scenario")
    validated(text, base.fmt, "merged")
    return ScenarioText(text, base.fmt)


def form_values(text: str, fmt: str) -> dict[str, str]:
    """The common fields of the edit form, as texts."""
    head = document(text, fmt).get("scenario") or {}
    return {key: "" if head.get(key) is None else str(head[key]) for key in FORM_FIELDS}


def with_form_values(text: str, fmt: str, values: dict[str, str]) -> ScenarioText:
    """The scenario with the form's common fields set (numbers read as numbers)."""
    data = document(text, fmt)
    head = data.setdefault("scenario", {})
    for key in FORM_FIELDS:
        raw = values.get(key, "").strip()
        if raw == "":
            head.pop(key, None)
        elif key in ("months",):
            head[key] = int(raw) if raw.lstrip("-").isdigit() else raw
        elif key == "discount_rate":
            try:
                head[key] = float(raw)
            except ValueError:
                head[key] = raw
        else:
            head[key] = raw
    out = scenario_text(data, fmt)
    validated(out, fmt, "form")
    return ScenarioText(out, fmt)


def issues_of(error: LocatedError) -> list[dict[str, Any]]:
    """The located issues as JSON records (line and column 1-based, as the CLI shows)."""
    return [
        {
            "message": i.message,
            "path": i.path,
            "line": i.line,
            "column": i.column,
            "found": i.found,
            "expected": i.expected,
            "text": str(i),
        }
        for i in error.issues
    ]


@dataclass(frozen=True)
class Change:
    """One input that differs between two scenario documents."""

    path: str
    before: str
    after: str


def _key(item: Any, index: int) -> str:
    return str(item["id"]) if isinstance(item, dict) and "id" in item else str(index)


def _changes(path: str, a: Any, b: Any) -> Iterator[Change]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            sub = f"{path}.{key}" if path else str(key)
            yield from _changes(sub, a.get(key, _MISSING), b.get(key, _MISSING))
    elif isinstance(a, list) and isinstance(b, list):
        left = {_key(x, i): x for i, x in enumerate(a)}
        right = {_key(x, i): x for i, x in enumerate(b)}
        for key in [*left, *(k for k in right if k not in left)]:
            yield from _changes(f"{path}[{key}]", left.get(key, _MISSING), right.get(key, _MISSING))
    elif a != b:
        yield Change(path, _shown(a), _shown(b))


class _Missing:
    def __repr__(self) -> str:
        return "—"


_MISSING = _Missing()


def _shown(value: Any) -> str:
    if value is _MISSING:
        return "—"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "…"


def changed_inputs(before: Any, after: Any) -> list[Change]:
    """Every leaf path whose value differs (lists of records matched by their ``id``)."""
    return list(_changes("", before, after))
