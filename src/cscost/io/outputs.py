"""Where a command may write: never onto one of its inputs, never a file of another kind.

A command's inputs are the files it reads: the scenario file and the history files its
queues forecast from (:func:`scenario_inputs`), an interval table, a history CSV, a
workbook. :func:`check_output` refuses an output path that is one of them (the same
file once links are resolved) and an output whose suffix names another kind of file
than the one written (a CSV bill into ``scenario.yaml``), before any work is done. The
CLI turns the :class:`~cscost.errors.ArgumentError` into a message and exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cscost.errors import ArgumentError
from cscost.model import Scenario

SUFFIXES: dict[str, frozenset[str]] = {
    "csv": frozenset({".csv", ".tsv", ".txt"}),
    "json": frozenset({".json"}),
    "yaml": frozenset({".yaml", ".yml"}),
    "xlsx": frozenset({".xlsx", ".xlsm", ".xls"}),
    "html": frozenset({".html", ".htm"}),
    "pdf": frozenset({".pdf"}),
}
"""The suffixes that name each kind of file; an unknown suffix (or none) is accepted."""


def scenario_inputs(path: Path, scenario: Scenario) -> tuple[Path, ...]:
    """The scenario file and every history file its queues forecast from."""
    histories = (q.volume.forecast for q in scenario.queues if q.volume.forecast is not None)
    return (path, *histories)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def kind_of(path: Path) -> str | None:
    """The kind of file ``path``'s suffix names (``csv``, ``yaml`` …), None when unknown."""
    suffix = path.suffix.lower()
    return next((kind for kind, names in SUFFIXES.items() if suffix in names), None)


def check_output(
    output: Path | None, inputs: Iterable[Path], writes: str, option: str = "--output"
) -> None:
    """Refuse ``output`` when it is one of ``inputs`` or its suffix names another kind.

    ``writes`` is the kind written (a key of :data:`SUFFIXES`). Nothing is checked
    when ``output`` is None (the result goes to the terminal).
    """
    if output is None:
        return
    for source in inputs:
        if _same_file(output, source):
            raise ArgumentError(
                f"{option} {output} is an input of this command ({source}); writing there "
                "would replace it: choose another file name"
            )
    named = kind_of(output)
    if named is not None and named != writes:
        wanted = " or ".join(sorted(SUFFIXES[writes]))
        raise ArgumentError(
            f"{option} {output}: this command writes {writes.upper()}, but the name says "
            f"{named.upper()}; use a name ending in {wanted}"
        )
    if output.is_dir():
        raise ArgumentError(f"{option} {output} is a folder; give a file name")
