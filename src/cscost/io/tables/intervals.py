"""Read and write interval tables (a telephony export) for batch staffing, with located errors."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cscost.arrays import Array
from cscost.errors import InputFileError, Issue
from cscost.io.tables.writers import csv_text, json_text, write_csv, write_text
from cscost.model.units import duration_s
from cscost.staffing.validation import domain_text, outside_domain

#: column → (required, is a duration, meaning)
INPUT_COLUMNS: dict[str, tuple[bool, bool, str]] = {
    "volume": (True, False, "contacts offered in the interval"),
    "interval_s": (False, True, "interval length in seconds"),
    "aht_s": (True, True, "average handle time in seconds"),
    "target_answer_s": (True, True, "answer-time target in seconds"),
    "target_sl": (True, False, "service-level target, a share in (0, 1)"),
    "max_occupancy": (False, False, "maximum occupancy, a share in (0, 1]"),
    "patience_s": (False, True, "mean patience in seconds (Erlang A when given)"),
    "concurrency": (False, False, "contacts an agent handles at once (chat)"),
    "max_asa_s": (False, True, "average-speed-of-answer ceiling in seconds"),
    "min_agents": (False, False, "least agents in the interval"),
}
FORMER_NAMES = {"asa_target_s": "max_asa_s"}
"""Columns renamed since an earlier release, still read under their old name."""
OUTPUT_COLUMNS = ("required_agents", "service_level", "asa_s", "occupancy", "p_abandon")
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class IntervalTable:
    """The rows of an interval file: the original cells and the parsed numeric columns.

    ``values[name]`` holds NaN where an optional cell is blank.
    """

    header: list[str]
    rows: list[list[str]]
    values: dict[str, Array]


def _number(cell: str, duration: bool) -> float:
    value = duration_s(cell) if duration else float(cell)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def decoded_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a user's file: UTF-8 (with or without BOM), else GB18030; refuses binaries."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputFileError(
            Issue(
                "file too large",
                file=str(path),
                found=f"{size} bytes",
                expected=f"at most {max_bytes} bytes",
            )
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputFileError(Issue("not a text file (it contains NUL bytes)", file=str(path)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputFileError(Issue("not a text file in UTF-8 or GB18030", file=str(path))) from None


def read_interval_table(path: Path, default_interval_s: float | None = None) -> IntervalTable:
    """Parse the CSV at ``path``; every bad cell is reported with its line and column name.

    ``interval_s`` may be left out (or blank) when ``default_interval_s`` is given.
    """
    reader = csv.reader(io.StringIO(decoded_text(path)))
    header = [FORMER_NAMES.get(h.strip(), h.strip()) for h in next(reader, [])]
    required = {c for c, (req, _, _) in INPUT_COLUMNS.items() if req}
    if default_interval_s is None:
        required.add("interval_s")
    missing = [c for c in INPUT_COLUMNS if c in required and c not in header]
    if missing:
        raise InputFileError(
            [
                Issue(f"missing column `{c}` ({INPUT_COLUMNS[c][2]})", file=str(path), line=1)
                for c in missing
            ]
        )
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    issues: list[Issue] = []
    values: dict[str, Array] = {}
    for col in (c for c in INPUT_COLUMNS if c in header):
        j = header.index(col)
        values[col] = _column_values(path, rows, j, col, col in required, issues)
    if issues:
        raise InputFileError(issues[:50])
    interval = values.setdefault("interval_s", np.full(len(rows), np.nan))
    if default_interval_s is not None:
        interval[np.isnan(interval)] = default_interval_s
    return IntervalTable(header, rows, values)


def _column_values(
    path: Path, rows: list[list[str]], j: int, col: str, required: bool, issues: list[Issue]
) -> Array:
    """The numbers of column ``col`` (index ``j``); NaN for blanks; problems go to ``issues``."""
    _, duration, meaning = INPUT_COLUMNS[col]
    out = np.full(len(rows), np.nan)
    for r, row in enumerate(rows):
        cell = row[j].strip() if j < len(row) else ""
        where = {"file": str(path), "line": r + 2, "column": j + 1, "path": col}
        if not cell:
            if required:
                issues.append(Issue("empty cell", expected=meaning, **where))  # type: ignore[arg-type]
            continue
        try:
            value = _number(cell, duration)
        except ValueError:
            hint = " (or 30s, 5m, 1h)" if duration else ""
            issues.append(Issue("not a number", found=repr(cell), expected=meaning + hint, **where))  # type: ignore[arg-type]
            continue
        if outside_domain(col, np.array(value)):
            issues.append(Issue("out of range", found=cell, expected=domain_text(col), **where))  # type: ignore[arg-type]
        out[r] = value
    return out


def write_interval_results(
    table: IntervalTable, results: dict[str, Array], fmt: str, out: io.TextIOBase | Path
) -> None:
    """Write the input rows with the result columns appended, as ``csv`` or ``json``.

    Infinite values (ASA of an unstable queue) are written as ``inf`` in CSV and ``null``
    in JSON.
    """
    header = table.header + [c for c in OUTPUT_COLUMNS if c not in table.header]
    lines: list[Sequence[object]] = []
    for r, row in enumerate(table.rows):
        cells: list[object] = [*row, *[""] * (len(table.header) - len(row))]
        extra: list[object] = []
        for col in OUTPUT_COLUMNS:
            value = results[col][r]
            extra.append(int(value) if col == "required_agents" else float(value))
        lines.append(cells[: len(table.header)] + extra)
    if fmt == "json":
        records = [
            {h: _json_value(v, h in INPUT_COLUMNS) for h, v in zip(header, line, strict=True)}
            for line in lines
        ]
        text = json_text(records)
        if isinstance(out, Path):
            write_text(out, text)
        else:
            out.write(text)
        return
    text = csv_text(header, ([_csv_value(v) for v in line] for line in lines))
    if isinstance(out, Path):
        write_csv(out, text)
    else:
        out.write(text)


def _json_value(value: object, numeric_column: bool) -> object:
    """A JSON value: numbers for the known numeric columns, other cells as written."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str) and numeric_column and value.strip():
        try:
            number = float(value)
        except ValueError:
            return value  # a duration such as 30s stays as written
        return int(number) if number.is_integer() and "." not in value else number
    return value


def _csv_value(value: object) -> object:
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    return value
