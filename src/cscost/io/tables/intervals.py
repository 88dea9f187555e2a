"""Read and write interval tables (a telephony export) for batch staffing, with located errors."""

from __future__ import annotations

import csv
import io
import json
import math
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cscost.arrays import Array
from cscost.errors import InputFileError, Issue
from cscost.io.tables.writers import formula_safe
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
"""Largest interval file read."""
MAX_CELL = 10_000
"""Longest cell of an input CSV, in characters."""


@dataclass(frozen=True)
class IntervalTable:
    """An interval file: its header, the parsed numeric columns, and its rows on demand.

    ``values[name]`` holds NaN where an optional cell is blank. The original cells are
    not kept (a million rows of text would take gigabytes): :meth:`iter_rows` reads them
    again from the decoded text, in file order.
    """

    header: list[str]
    values: dict[str, Array]
    text: str
    file: str
    size: int
    """The number of rows (intervals)."""

    def iter_rows(self) -> Iterator[list[str]]:
        """The cells of every non-blank row after the header, as written."""
        rows = iter_csv(self.text, self.file)
        next(rows, None)
        return (row for _, row in rows if any(cell.strip() for cell in row))


def _number(cell: str, duration: bool) -> float:
    value = duration_s(cell) if duration else float(cell)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def decoded_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a user's file: UTF-8 (with or without BOM), else GB18030; refuses binaries.

    Only a regular file is read (not a folder, device, pipe or socket).
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(Issue("not a regular file", file=str(path), expected="a CSV file"))
    size = info.st_size
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


def iter_csv(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row of a CSV text, whatever its line endings.

    Lines may end in LF, CRLF or CR alone (classic Mac Excel); a malformed row or a cell
    over ``MAX_CELL`` characters is an :class:`InputFileError` naming its line.
    """
    reader = csv.reader(io.StringIO(text, newline=None), strict=False)
    line = 1
    try:
        for row in reader:
            for j, cell in enumerate(row):
                if len(cell) > MAX_CELL:
                    found = f"{len(cell):,} characters"
                    expected = f"at most {MAX_CELL:,}"
                    issue = Issue("cell too long", "", file, line, j + 1, found, expected)
                    raise InputFileError(issue)
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            found = f"over {csv.field_size_limit():,} characters"
            issue = Issue("cell too long", file=file, line=line, found=found)
            raise InputFileError(issue) from None
        raise InputFileError(Issue(f"malformed CSV: {exc}", file=file, line=line)) from None


def csv_rows(text: str, file: str) -> list[tuple[int, list[str]]]:
    """Every row of :func:`iter_csv` in a list."""
    return list(iter_csv(text, file))


CHUNK_ROWS = 10_000
"""Rows parsed (and staffed) at a time: memory stays bounded whatever the file's length."""


def read_interval_table(path: Path, default_interval_s: float | None = None) -> IntervalTable:
    """Parse the CSV at ``path``; every bad cell is reported with its line and column name.

    ``interval_s`` may be left out (or blank) when ``default_interval_s`` is given.
    """
    text, file = decoded_text(path), str(path)
    rows = iter_csv(text, file)
    first = next(rows, (1, []))[1]
    header = [FORMER_NAMES.get(h.strip(), h.strip()) for h in first]
    twice = sorted({h for h in header if h in INPUT_COLUMNS and header.count(h) > 1})
    if twice:
        raise InputFileError(
            [Issue(f"column `{c}` appears twice", file=file, line=1) for c in twice]
        )
    required = {c for c, (req, _, _) in INPUT_COLUMNS.items() if req}
    if default_interval_s is None:
        required.add("interval_s")
    missing = [c for c in INPUT_COLUMNS if c in required and c not in header]
    if missing:
        raise InputFileError(
            [
                Issue(f"missing column `{c}` ({INPUT_COLUMNS[c][2]})", file=file, line=1)
                for c in missing
            ]
        )
    columns = [c for c in INPUT_COLUMNS if c in header]
    parts: dict[str, list[Array]] = {c: [] for c in columns}
    issues: list[Issue] = []
    size = 0
    for chunk in _chunks(rows):
        size += len(chunk)
        for col in columns:
            j = header.index(col)
            parts[col].append(_column_values(path, chunk, j, col, col in required, issues))
        if len(issues) >= 50:
            break
    if issues:
        raise InputFileError(issues[:50])
    values = {c: np.concatenate(parts[c]) if parts[c] else np.zeros(0) for c in columns}
    interval = values.setdefault("interval_s", np.full(size, np.nan))
    if default_interval_s is not None:
        interval[np.isnan(interval)] = default_interval_s
    return IntervalTable(header, values, text, file, size)


def _chunks(
    rows: Iterator[tuple[int, list[str]]],
) -> Iterator[list[tuple[int, list[str]]]]:
    """The non-blank rows in lists of at most ``CHUNK_ROWS``."""
    chunk: list[tuple[int, list[str]]] = []
    for line, row in rows:
        if any(cell.strip() for cell in row):
            chunk.append((line, row))
            if len(chunk) == CHUNK_ROWS:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _column_values(
    path: Path,
    rows: list[tuple[int, list[str]]],
    j: int,
    col: str,
    required: bool,
    issues: list[Issue],
) -> Array:
    """The numbers of column ``col`` (index ``j``); NaN for blanks; problems go to ``issues``."""
    _, duration, meaning = INPUT_COLUMNS[col]
    out = np.full(len(rows), np.nan)
    for r, (line, row) in enumerate(rows):
        cell = row[j].strip() if j < len(row) else ""
        where = {"file": str(path), "line": line, "column": j + 1, "path": col}
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
        if col == "min_agents" and not value.is_integer():
            issues.append(Issue("not a whole number", found=cell, expected=meaning, **where))  # type: ignore[arg-type]
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
    width = len(table.header)
    handle = out.open("w", encoding="utf-8", newline="") if isinstance(out, Path) else out
    try:
        writer = csv.writer(handle, lineterminator="\n")
        if fmt == "json":
            handle.write("[")
        else:
            writer.writerow([formula_safe(h) for h in header])
        for r, row in enumerate(table.iter_rows()):
            cells: list[object] = [*row[:width], *[""] * (width - len(row))]
            for col in OUTPUT_COLUMNS:
                value = results[col][r]
                cells.append(int(value) if col == "required_agents" else float(value))
            if fmt == "json":
                record = {
                    h: _json_value(v, h in INPUT_COLUMNS)
                    for h, v in zip(header, cells, strict=True)
                }
                handle.write(("," if r else "") + "\n " + json.dumps(record, ensure_ascii=False))
            else:
                writer.writerow([formula_safe(_csv_value(v)) for v in cells])
        if fmt == "json":
            handle.write("\n]\n")
    finally:
        if isinstance(out, Path):
            handle.close()


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


def _csv_value(value: object) -> object:  # floats as repr, inf as inf
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    return value
