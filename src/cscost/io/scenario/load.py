"""Load a scenario file (YAML or JSON) into a validated :class:`cscost.model.Scenario`.

Every problem becomes a :class:`cscost.errors.Issue` with the file, line, column, field
path, what was found and what is expected, and all the issues found at one stage are
raised together in one :class:`cscost.errors.ScenarioError`. The stages: reading
(size, encoding), syntax (YAML/JSON, nesting, aliases, duplicate keys), fields (types,
ranges, unknown keys), cross-field rules (references, targets, coverage), and
forecast files. Nothing reaches the caller as a traceback.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from cscost.errors import InfeasibleTargetError, Issue, ScenarioError
from cscost.io.scenario.json_tree import parse_json
from cscost.io.scenario.locate import position, relocated, show, validation_issues
from cscost.io.scenario.text import read_text
from cscost.io.scenario.yaml_tree import LineMap, parse_yaml
from cscost.model import Scenario
from cscost.model.paths import format_path

Format = Literal["yaml", "json"]


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from and how the file was decoded."""

    scenario: Scenario
    path: Path
    encoding: str
    """``UTF-8``, ``UTF-8 with BOM``, ``UTF-16``, ``UTF-32`` or ``GB18030``."""


def _format_of(path: Path) -> Format:
    return "json" if path.suffix.lower() == ".json" else "yaml"


def read_scenario(path: str | os.PathLike[str], *, allow_files: bool = True) -> LoadedScenario:
    """Read, decode, parse and validate the scenario at ``path`` (see :func:`load_scenario`)."""
    file = Path(path)
    decoded = read_text(file)
    scenario = parse_scenario(
        decoded.text,
        name=str(path),
        fmt=_format_of(file),
        base_dir=file.parent,
        allow_files=allow_files,
    )
    return LoadedScenario(scenario, file, decoded.encoding)


def load_scenario(path: str | os.PathLike[str], *, allow_files: bool = True) -> Scenario:
    """The validated scenario at ``path`` (``.json`` is read as JSON, anything else as YAML).

    A ``volume.forecast`` path must lie in the scenario file's folder (no absolute path,
    no ``..``, a regular file of at most 10 MB); ``allow_files=False`` refuses every file
    reference (for a scenario uploaded to a server). Raises
    :class:`cscost.errors.ScenarioError` listing every located issue.
    """
    return read_scenario(path, allow_files=allow_files).scenario


def parse_scenario(
    text: str,
    *,
    name: str = "<text>",
    fmt: Format = "yaml",
    base_dir: str | os.PathLike[str] | None = None,
    allow_files: bool = True,
) -> Scenario:
    """Validate scenario ``text``; ``name`` labels the issues, ``base_dir`` anchors paths.

    ``allow_files=False`` refuses every file reference (``volume.forecast``).
    """
    if not text.strip():
        raise ScenarioError(Issue("the scenario is empty", file=name))
    data, where = parse_json(text, name) if fmt == "json" else parse_yaml(text, name)
    return validate_data(data, where, name, base_dir, allow_files=allow_files)


def _history_problem(path: Path) -> str:
    """Why the history file at ``path`` cannot be read (missing, not a file, too big), or ""."""
    from cscost.io.tables.history import MAX_HISTORY_BYTES

    try:
        info = path.stat()
    except OSError:
        return "forecast history file not found"
    if not stat.S_ISREG(info.st_mode):
        return "the forecast history is not a regular file"
    if info.st_size > MAX_HISTORY_BYTES:
        return f"the forecast history file is over {MAX_HISTORY_BYTES:,} bytes"
    return ""


def validate_data(
    data: Any,
    where: LineMap,
    name: str,
    base_dir: str | os.PathLike[str] | None = None,
    *,
    allow_files: bool = True,
) -> Scenario:
    """Validate parsed ``data`` whose positions are in ``where``."""
    if not isinstance(data, dict):
        at = position(where, ())
        raise ScenarioError(
            Issue(
                "the top level must be a mapping of sections (scenario, queues, vendors, …)",
                file=name,
                line=at[0] if at else None,
                column=at[1] if at else None,
                found=show(data),
                expected="`scenario:` and `queues:` at the start of a line",
            )
        )
    context = {"base_dir": None if base_dir is None else Path(base_dir), "allow_files": allow_files}
    try:
        scenario = Scenario.model_validate(data, context=context)
    except ValidationError as exc:
        raise ScenarioError(validation_issues(exc, data, where, name)) from None
    except ScenarioError as exc:
        raise ScenarioError(relocated(exc.issues, where, name)) from None
    missing = [
        Issue(
            problem,
            format_path(("queues", i, "volume", "forecast")),
            found=str(q.volume.forecast),
            expected="a CSV path relative to the scenario file",
        )
        for i, q in enumerate(scenario.queues)
        if q.volume.forecast is not None and (problem := _history_problem(q.volume.forecast))
    ]
    if missing:
        raise ScenarioError(relocated(missing, where, name))
    from cscost.staffing.targets import response_target_issues

    infeasible = response_target_issues(scenario)
    if infeasible:
        raise InfeasibleTargetError(relocated(infeasible, where, name))
    return scenario
