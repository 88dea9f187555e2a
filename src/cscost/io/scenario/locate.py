"""Turn validation errors into located issues: file:line:col, field path, found, expected.

Pydantic reports a ``loc`` that may hold union tags (``fees.2.per_contact.rate``); the
path shown to users follows the file instead (``vendors[0].fees[2].rate``). Unknown
keys get the closest known key as a suggestion.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from cscost.errors import Issue
from cscost.io.scenario.yaml_tree import LineMap
from cscost.model import FEE_KINDS, Scenario
from cscost.model.check_helpers import suggest
from cscost.model.paths import Loc, format_path, parse_path


def show(value: Any) -> str:
    """A short rendering of a found value."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        else:
            return tp


def _field(model: type[BaseModel], key: Any) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (info.alias, name):
            return info
    return None


def _member(tp: Any, tag: Any) -> Any:
    for member in get_args(tp):
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if kind is not None and tag in get_args(kind.annotation):
                return member
    return None


def _step(tp: Any, item: Any) -> Any:
    tp = _unwrap(tp)
    origin = get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        info = _field(tp, item)
        return None if info is None else info.annotation
    if origin in (list, tuple):
        return get_args(tp)[0]
    if origin is dict:
        return get_args(tp)[1]
    if origin in (Union, types.UnionType):
        return _member(tp, item)
    return None


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that validated the mapping at pydantic ``loc`` (tags included)."""
    tp: Any = Scenario
    for item in loc:
        tp = _step(tp, item)
        if tp is None:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _child(container: Any, item: str | int) -> tuple[bool, Any]:
    if isinstance(container, Mapping) and item in container:
        return True, container[item]
    if isinstance(container, list) and isinstance(item, int) and 0 <= item < len(container):
        return True, container[item]
    return False, None


def data_path(data: Any, loc: Loc) -> tuple[Loc, bool]:
    """The path in the file for pydantic ``loc``, and whether it names a mapping key."""
    path: list[str | int] = []
    current = data
    for n, item in enumerate(loc):
        if item == "[key]":
            return tuple(path), True
        found, child = _child(current, item)
        if found:
            current = child
        elif isinstance(current, Mapping) and n == len(loc) - 1:
            pass  # a missing key
        elif isinstance(current, Mapping | list):
            continue  # a union tag
        else:
            break  # inside a scalar a validator reshaped
        path.append(item)
    return tuple(path), False


def position(where: LineMap, loc: Loc, *, key: bool = False) -> tuple[int, int] | None:
    """Line and column of ``loc`` (its key when ``key``), else of its nearest ancestor."""
    probe = loc
    while probe not in where and probe:
        probe = probe[:-1]
    found = where.get(probe)
    if found is None:
        return None
    if key and probe == loc and found.key is not None:
        return found.key
    return found.value


def _aliases(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _describe(error: ErrorDetails, path: Loc) -> tuple[str, str, str, Loc]:
    """(message, found, expected, path) of one pydantic error."""
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = _aliases(model_at(loc[:-1]))
        return f"unknown key `{key}`{suggest(key, allowed)}", "", _one_of(allowed), path
    if kind == "missing":
        key = str(path[-1]) if path else "?"
        model = model_at(loc[:-1])
        info = _field(model, loc[-1]) if model is not None and loc else None
        meaning = (info.description or "").split("\n")[0] if info is not None else ""
        return f"missing required key `{key}`", "", meaning, path
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        message = f"unknown fee kind `{tag}`{suggest(tag, list(FEE_KINDS))}"
        return message, tag, _one_of(list(FEE_KINDS)), (*path, "kind")
    if kind == "union_tag_not_found":
        return "a fee needs a `kind`", "", _one_of(list(FEE_KINDS)), path
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "expected a mapping (key: value)", show(error.get("input")), "", path
    message = error["msg"].removeprefix("Value error, ").replace("Tuple should", "List should")
    return message, show(error.get("input")), "", path


def _one_of(values: list[str]) -> str:
    return "one of: " + ", ".join(values) if values else ""


MAX_ISSUES = 100
"""Most issues listed; the rest are counted in a last issue."""


def capped(issues: list[Issue], name: str) -> list[Issue]:
    """The first :data:`MAX_ISSUES` issues, and one that counts the others."""
    if len(issues) <= MAX_ISSUES:
        return issues
    rest = len(issues) - MAX_ISSUES
    return [*issues[:MAX_ISSUES], Issue(f"… and {rest} more problems not listed", file=name)]


def validation_issues(exc: ValidationError, data: Any, where: LineMap, name: str) -> list[Issue]:
    """One located issue per pydantic error, in file order (at most MAX_ISSUES and a count)."""
    issues: list[tuple[tuple[int, int], Issue]] = []
    for error in exc.errors(include_url=False)[:MAX_ISSUES]:
        path, is_key = data_path(data, tuple(error["loc"]))
        message, found, expected, path = _describe(error, path)
        if error["type"] == "missing":
            at = position(where, path[:-1])
        else:
            at = position(where, path, key=is_key or error["type"] == "extra_forbidden")
        line, column = at if at is not None else (None, None)
        issue = Issue(message, format_path(path), name, line, column, found, expected)
        issues.append((at or (0, 0), issue))
    ordered = [issue for _, issue in sorted(issues, key=lambda pair: pair[0])]
    rest = exc.error_count() - len(ordered)
    if rest > 0:
        ordered.append(Issue(f"… and {rest} more problems not listed", file=name))
    return ordered


def relocated(issues: list[Issue], where: LineMap, name: str) -> list[Issue]:
    """``issues`` with file, line and column filled in from their field paths."""
    out: list[Issue] = []
    for issue in issues:
        at = position(where, parse_path(issue.path)) if issue.line is None else None
        line, column = at if at is not None else (issue.line, issue.column)
        out.append(dataclasses.replace(issue, file=issue.file or name, line=line, column=column))
    return capped(out, name)
