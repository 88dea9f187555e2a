"""Commented example scenarios written by ``cscost init`` (English and Chinese comments).

The texts live in ``cscost/data/examples/scenario.{en,zh}.yaml``. Both validate
(tested); they use every section of the contract so that a user can start from one
and delete what they do not need.
"""

from __future__ import annotations

from importlib import resources
from typing import Literal


def example_scenario(lang: Literal["en", "zh"] = "en") -> str:
    """The commented example scenario in ``lang`` (comments only differ, and the names)."""
    name = "scenario.zh.yaml" if lang == "zh" else "scenario.en.yaml"
    folder = resources.files("cscost.data").joinpath("examples")
    return folder.joinpath(name).read_text(encoding="utf-8")
