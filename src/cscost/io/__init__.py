"""Adapters between files and the core: read scenarios with located errors.

``load_scenario(path)`` is the entry point; ``read_scenario`` also tells how the file
was decoded; ``parse_scenario(text)`` validates text already in memory.
"""

from __future__ import annotations

from cscost.io.scenario.load import (
    LoadedScenario,
    load_scenario,
    parse_scenario,
    read_scenario,
    validate_data,
)
from cscost.io.scenario.text import MAX_BYTES, DecodedText, decode, read_text
from cscost.io.scenario.yaml_tree import MAX_DEPTH, MAX_NODES

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "DecodedText",
    "LoadedScenario",
    "decode",
    "load_scenario",
    "parse_scenario",
    "read_scenario",
    "read_text",
    "validate_data",
]
