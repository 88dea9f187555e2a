"""A seeded mutation fuzzer of the example scenarios (no hypothesis: plain, replayable).

``mutants(seed, count)`` yields ``(label, yaml_text)`` pairs: one of the bundled
examples with one to three mutations applied to its parsed tree. The mutations are
those that broke cscost once (issue 15): deleted keys, wrong types, huge, negative,
NaN and subnormal numbers, odd durations and hours, unicode and control characters,
formula-looking and very long strings, out-of-range months, duplicated list items.
The same seed gives the same mutants.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = ("ecommerce", "bank", "saas")

NUMBERS: tuple[Any, ...] = (
    0,
    -1,
    -1e9,
    1e308,
    -1e308,
    1e23,
    10**400,
    3e-323,
    5e-324,
    float("nan"),
    float("inf"),
    0.5,
    2.5,
    1e-9,
    True,
    999999999999,
)
STRINGS: tuple[Any, ...] = (
    "",
    " ",
    "abc",
    "0,95",
    "1.300,50",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tname",
    "\x1b[31mred\x1b[0m",
    "bell\x07",
    "客服\u202e反转",
    "🙂" * 50,
    "x" * 5000,
    "../../etc/passwd",
    "/etc/passwd",
    "/proc/self/status",
    "0000-01",
    "9999-12",
    "2027-13",
    "5x",
    "-3m",
    "1e400s",
    "0s",
    "99999h",
    "25:00-26:00",
    "Mon-Sun 00:00-24:00",
    "08:00-08:00",
    "Sat-Mon 22:00-02:00",
    "nan",
    "inf",
)
OTHERS: tuple[Any, ...] = (None, [], {}, [1, 2], {"a": 1}, [None])


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node of the tree (mappings by key, lists by index)."""
    found = [here]
    if isinstance(node, dict):
        for key, child in node.items():
            found.extend(_paths(child, (*here, key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.extend(_paths(child, (*here, index)))
    return found


def _parent(tree: Any, path: tuple[Any, ...]) -> Any:
    node = tree
    for step in path[:-1]:
        node = node[step]
    return node


def _value(rng: random.Random) -> Any:
    pool = rng.choice((NUMBERS, NUMBERS, STRINGS, STRINGS, OTHERS))
    return copy.deepcopy(rng.choice(pool))


def mutate(tree: Any, rng: random.Random) -> str:
    """Apply one mutation to ``tree`` in place; return what it did."""
    paths = [p for p in _paths(tree) if p]
    path = rng.choice(paths)
    parent = _parent(tree, path)
    key = path[-1]
    action = rng.choice(("delete", "replace", "replace", "replace", "duplicate", "scale"))
    if action == "delete":
        del parent[key]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif action == "scale" and isinstance(parent[key], int | float):
        parent[key] = parent[key] * rng.choice((1e6, 1e12, -1, 1e-300, 1e300))
    else:
        parent[key] = _value(rng)
    return f"{action} {'.'.join(map(str, path))}"


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true and false (``on:`` stays a key, as cscost reads it)."""


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), None)


def load_example(name: str) -> Any:
    text = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def mutants(seed: int, count: int) -> Iterator[tuple[str, str]]:
    """``count`` mutants of the examples: (label, YAML text)."""
    rng = random.Random(seed)
    trees = {name: load_example(name) for name in EXAMPLE_NAMES}
    for n in range(count):
        name = EXAMPLE_NAMES[n % len(EXAMPLE_NAMES)]
        tree = copy.deepcopy(trees[name])
        done = [mutate(tree, rng) for _ in range(rng.randint(1, 3))]
        label = f"seed {seed} #{n} {name}: " + "; ".join(done)
        yield label, yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=1000)
