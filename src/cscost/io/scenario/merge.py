"""A vendor added to a scenario's text, everything the user wrote kept as written.

``import-quote --merge-into`` writes a copy of the scenario with one more vendor. A YAML
file is not re-dumped (that would drop its comments, anchors and layout): the vendor is
written as a block and spliced in after the last line of the ``vendors`` list, at its
indentation; without a ``vendors`` key (or with ``vendors:`` empty) the list is added.
Only a non-empty flow list (``vendors: [{…}]``) has to be written anew, as JSON files
are (they hold no comments): :func:`scenario_with_vendor` chooses. The web app's RFP
upload adds a vendor the same way.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from cscost.io.scenario.json_tree import parse_json
from cscost.io.scenario.yaml_tree import compose, parse_yaml


def plain_numbers(value: Any) -> Any:
    """Whole floats as ints, so the YAML reads 13800 rather than 13800.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, dict):
        return {k: plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_numbers(v) for v in value]
    return value


def scenario_text(data: Any, fmt: str) -> str:
    """``data`` written as ``fmt`` text (JSON indented by 2, else block YAML in file order)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def scenario_with_vendor(
    text: str, fmt: str, vendor: dict[str, Any], name: str, out_fmt: str | None = None
) -> str:
    """The scenario ``text`` (``fmt``) with ``vendor`` appended, as ``out_fmt`` (default
    ``fmt``): YAML to YAML is spliced (:func:`yaml_with_vendor`); otherwise the data,
    read with the loader's rules (YAML 1.2: a key ``on:`` stays "on"), is written anew."""
    out_fmt = out_fmt or fmt
    if fmt != "json" and out_fmt != "json":
        spliced = yaml_with_vendor(text, vendor, name)
        if spliced is not None:
            return spliced
    data = (parse_json(text, name) if fmt == "json" else parse_yaml(text, name))[0]
    data["vendors"] = [*(data.get("vendors") or []), vendor]
    return scenario_text(data, out_fmt)


def _block(vendor: dict[str, Any], indent: int) -> list[str]:
    """The vendor as a one-item YAML block list, each line indented by ``indent``."""
    text = yaml.safe_dump([vendor], allow_unicode=True, sort_keys=False, width=100)
    return [" " * indent + line if line else line for line in text.splitlines()]


def content_end(node: yaml.Node) -> yaml.Mark:
    """Where the last value inside ``node`` ends (block collections descend to it)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        if node.flow_style:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark


def _vendors_node(root: yaml.Node) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "vendors":
            return key, value
    return None


def yaml_with_vendor(text: str, vendor: dict[str, Any], name: str) -> str | None:
    """``text`` with ``vendor`` appended to its ``vendors`` list; None when the list is a
    non-empty flow list (the caller writes the data anew)."""
    node, loader = compose(text, name)
    try:
        found = _vendors_node(node) if node is not None else None
    finally:
        loader.dispose()
    lines = text.splitlines()
    if found is None:
        tail = [] if not lines or lines[-1].strip() == "" else [""]
        return "\n".join([*lines, *tail, "vendors:", *_block(vendor, 2)]) + "\n"
    key, value = found
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        indent = max(value.value[0].start_mark.column - 2, 0)
        end = content_end(value)
        at = end.line if end.column == 0 else end.line + 1
        return "\n".join([*lines[:at], *_block(vendor, indent), *lines[at:]]) + "\n"
    empty = (isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")) or (
        isinstance(value, yaml.SequenceNode) and not value.value
    )
    if not empty or value.end_mark.line != key.start_mark.line:
        return None
    row = key.start_mark.line
    line = lines[row]
    head = line[: key.start_mark.column] + "vendors:"
    comment = line[value.end_mark.column :].strip() if value.end_mark.column < len(line) else ""
    head += f"  {comment}" if comment.startswith("#") else ""
    indent = key.start_mark.column + 2
    return "\n".join([*lines[:row], head, *_block(vendor, indent), *lines[row + 1 :]]) + "\n"
