"""YAML read safely, with the line and column of every key and value.

The loader follows the YAML 1.2 core schema for plain scalars: only ``true``/``false``
are booleans (so ``on:`` and ``no`` stay strings), ``010`` is ten, ``22:00`` is text,
dates stay text (``2027-01``). Before anything is built, an event pass refuses more
than one document and nesting deeper than :data:`MAX_DEPTH`; the composed node graph
is then measured with aliases expanded, so alias bombs and recursive anchors are
refused before they can be expanded. Duplicate keys are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from cscost.errors import Issue, ScenarioError
from cscost.model.paths import Loc

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted (aliases expanded)."""
MAX_NODES = 100_000
"""Most nodes accepted, aliases expanded."""

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader with YAML 1.2 core scalars."""


Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("merge", r"^(?:<<)$", "<"),
):
    Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^$"),
    [None],  # None = the empty scalar
)


def bounded_int(text: str, base: int = 10) -> int:
    """``int(text, base)``; over 100 digits, ±10¹⁰⁰ (refused later as over the bounds,
    with its field path) instead of Python's ValueError past 4,300 digits."""
    digits = text.lstrip("+-")
    if len(digits) > 100:
        return -(10**100) if text.startswith("-") else 10**100
    return int(text, base)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return bounded_int(text[2:], 8 if text[1] == "o" else 16)
    return bounded_int(text, 10)


Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


@dataclass(frozen=True)
class Where:
    """1-based positions of a key (None for list items) and of its value."""

    key: tuple[int, int] | None
    value: tuple[int, int]


LineMap = dict[Loc, Where]


def _mark(mark: Any) -> tuple[int, int] | None:
    return None if mark is None else (mark.line + 1, mark.column + 1)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _issue(name: str, message: str, at: tuple[int, int] | None, **extra: str) -> Issue:
    line, column = at if at is not None else (None, None)
    return Issue(message, file=name, line=line, column=column, **extra)


def _yaml_issue(name: str, exc: yaml.YAMLError) -> Issue:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        text = exc.problem or "invalid YAML"
        if exc.context:
            started = _mark(exc.context_mark)
            where = f" that starts at line {started[0]}, column {started[1]}" if started else ""
            text = f"{text} ({exc.context}{where})"
        kind = (
            "syntax error"
            if isinstance(exc, yaml.scanner.ScannerError | yaml.parser.ParserError)
            else "error"
        )
        return _issue(name, f"YAML {kind}: {text}", (mark.line + 1, mark.column + 1))
    return _issue(name, f"YAML error: {exc}", None)


def _scan(text: str, name: str) -> int:
    """Event pass: one document, nesting at most MAX_DEPTH, MAX_NODES; returns alias count."""
    depth = documents = nodes = aliases = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise ScenarioError(
                    _issue(
                        name,
                        f"more than {MAX_NODES} values; a scenario needs far fewer",
                        _mark(event.start_mark),
                    )
                )
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ScenarioError(
                    _issue(
                        name,
                        f"nested more than {MAX_DEPTH} levels deep; a scenario needs a few",
                        _mark(event.start_mark),
                    )
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ScenarioError(
                    _issue(
                        name,
                        "more than one YAML document (a second `---`); a scenario file holds one",
                        _mark(event.start_mark),
                    )
                )
    return aliases


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _measure(root: yaml.Node, name: str) -> None:
    """Refuse recursive anchors, and graphs too big or deep once aliases are expanded."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[key] > MAX_NODES or depth[key] > MAX_DEPTH + 1:
                raise ScenarioError(
                    _issue(
                        name,
                        f"anchors and aliases (&, *) expand to more than {MAX_NODES} values "
                        f"or {MAX_DEPTH} levels; write the values out instead",
                        _pos(node),
                    )
                )
            continue
        if key in size:
            continue
        entered.add(key)
        stack.append((node, True))
        for kid in _children(node):
            if id(kid) in entered and id(kid) not in size:
                raise ScenarioError(
                    _issue(
                        name, "an alias refers to its own anchor (a recursive structure)", _pos(kid)
                    )  # fmt: skip
                )
            if id(kid) not in size:
                stack.append((kid, False))


class _Mapper:
    """Walks the node graph: locations of every path, and duplicate keys."""

    def __init__(self, loader: Loader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.where: LineMap = {}
        self.issues: list[Issue] = []

    def _key(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = self.loader.construct_object(node, deep=True)
            return value if isinstance(value, str | int | float | bool) else str(value)
        return f"<complex key at line {node.start_mark.line + 1}>"

    def walk(self, node: yaml.Node, loc: Loc) -> None:
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.where[(*loc, i)] = Where(None, _pos(item))
                self.walk(item, (*loc, i))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self._key(key_node)
                if key in seen:
                    self.issues.append(
                        _issue(
                            self.name,
                            f"duplicate key `{key}` (first at line {seen[key]}); "
                            "only one of them would be kept",
                            _pos(key_node),
                        )
                    )
                    continue
                seen[key] = key_node.start_mark.line + 1
                self.where[(*loc, key)] = Where(_pos(key_node), _pos(value_node))
                self.walk(value_node, (*loc, key))


def compose(text: str, name: str) -> tuple[yaml.Node | None, Loader]:
    """The checked node graph of ``text`` (None for an empty document) and its loader."""
    aliases = _scan(text, name)
    loader = Loader(text)
    node = loader.get_single_node()
    if node is not None and aliases:  # without aliases the scan has bounded size and depth
        _measure(node, name)
    return node, loader


def parse_yaml(text: str, name: str) -> tuple[Any, LineMap]:
    """Data and line map of a YAML scenario; ScenarioError with located issues otherwise."""
    try:
        node, loader = compose(text, name)
        try:
            if node is None:
                raise ScenarioError(_issue(name, "the file holds no data (only comments?)", None))
            mapper = _Mapper(loader, name)
            mapper.where[()] = Where(None, _pos(node))
            mapper.walk(node, ())
            if mapper.issues:
                raise ScenarioError(mapper.issues)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise ScenarioError(_yaml_issue(name, exc)) from None
    return data, mapper.where


def line_map(text: str, name: str) -> tuple[LineMap, list[Issue]]:
    """Line map and duplicate-key issues of ``text`` read as YAML; empty when unreadable."""
    try:
        node, loader = compose(text, name)
        try:
            if node is None:
                return {}, []
            mapper = _Mapper(loader, name)
            mapper.where[()] = Where(None, _pos(node))
            mapper.walk(node, ())
            return mapper.where, mapper.issues
        finally:
            loader.dispose()
    except (yaml.YAMLError, ScenarioError):
        return {}, []
