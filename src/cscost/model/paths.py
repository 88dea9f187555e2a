"""Field paths as users read them: ``vendors[1].fees[2].rate``, and back to a tuple."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

Loc = tuple[str | int, ...]
"""A path as a tuple of keys and list indexes: ("vendors", 1, "fees", 2, "rate")."""

_PLAIN_KEY = re.compile(r"^[\w\-]+$")
_TOKEN = re.compile(r'\.?([\w\-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def format_path(loc: Sequence[str | int]) -> str:
    """``("queues", 2, "target", "level")`` → ``queues[2].target.level``.

    Keys that are not plain words are quoted: ``assign["a b"]``.
    """
    out = ""
    for item in loc:
        if isinstance(item, int):
            out += f"[{item}]"
        elif _PLAIN_KEY.match(item):
            out += f".{item}" if out else item
        else:
            out += f"[{json.dumps(item, ensure_ascii=False)}]"
    return out


def parse_path(text: str) -> Loc:
    """Inverse of :func:`format_path`; stops at the first part it cannot read."""
    loc: list[str | int] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            break
        word, index, quoted = match.groups()
        if word is not None:
            loc.append(word)
        elif index is not None:
            loc.append(int(index))
        else:
            loc.append(str(json.loads(quoted)))
        pos = match.end()
    return tuple(loc)
