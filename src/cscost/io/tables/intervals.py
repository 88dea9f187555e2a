"""Read and write interval tables (a telephony export) for batch staffing, with located errors."""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from cscost.arrays import Array
from cscost.errors import InputFileError, Issue
from cscost.io.tables.writers import CSV_ENCODING, atomic_path, formula_safe
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
FORMER_NAMES = {"max_asa_s": "max_asa_s"}
"""Columns renamed since an earlier release, still read under their old name."""
OUTPUT_COLUMNS = ("required_agents", "service_level", "asa_s", "occupancy", "p_abandon")
MAX_BYTES = 200 * 1024 * 1024
"""Largest interval file read."""
MAX_CELL = 10_000
"""Longest cell of an input CSV, in characters."""


@dataclass(frozen=True)
class IntervalChunk:
    """Up to ``CHUNK_ROWS`` rows of an interval file: the cells and the parsed columns.

    ``values[name]`` holds NaN where an optional cell is blank.
    """

    rows: list[list[str]]
    values: dict[str, Array]


@dataclass(frozen=True)
class IntervalTable:
    """An interval file that validated: its header and row count; rows on demand.

    Nothing but the header is kept (a million rows of text would take gigabytes):
    :meth:`chunks` reads the file again, ``CHUNK_ROWS`` rows at a time.
    """

    header: list[str]
    path: Path
    encoding: str
    default_interval_s: float | None
    size: int
    """The number of rows (intervals)."""

    def chunks(self) -> Iterator[IntervalChunk]:
        """The rows and their parsed columns, in file order, a chunk at a time."""
        issues: list[Issue] = []
        with self.path.open(encoding=self.encoding, newline="") as stream:
            rows = iter_csv(stream, str(self.path))
            next(rows, None)
            for chunk in _chunks(rows):
                values = _chunk_values(self, chunk, issues)
                if issues:  # the file changed since it was read
                    raise InputFileError(issues[:50])
                yield IntervalChunk([row for _, row in chunk], values)


def _number(cell: str, duration: bool) -> float:
    value = duration_s(cell) if duration else float(cell)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def text_encoding(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The codec of a user's file: ``utf-8-sig`` (UTF-8, BOM or not), else ``gb18030``.

    Only a regular file of at most ``max_bytes`` is read (not a folder, device, pipe or
    socket); a NUL byte or another encoding is refused. The file is decoded in chunks,
    never held whole.
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
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    if b"\x00" in chunk:
                        message = "not a text file (it contains NUL bytes)"
                        raise InputFileError(Issue(message, file=str(path)))
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise InputFileError(Issue("not a text file in UTF-8 or GB18030", file=str(path)))


def decoded_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a user's file (:func:`text_encoding`)."""
    return path.read_text(encoding=text_encoding(path, max_bytes))


def iter_csv(stream: TextIO, file: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row of a CSV text, whatever its line endings.

    Lines may end in LF, CRLF or CR alone (classic Mac Excel); a malformed row or a cell
    over ``MAX_CELL`` characters is an :class:`InputFileError` naming its line.
    """
    reader = csv.reader(stream, strict=False)
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
    """Every row of the CSV ``text`` (:func:`iter_csv`) in a list."""
    return list(iter_csv(io.StringIO(text, newline=None), file))


CHUNK_ROWS = 10_000
"""Rows parsed (and staffed) at a time: memory stays bounded whatever the file's length."""


def read_interval_table(path: Path, default_interval_s: float | None = None) -> IntervalTable:
    """Check the CSV at ``path``; every bad cell is reported with its line and column name.

    ``interval_s`` may be left out (or blank) when ``default_interval_s`` is given. The
    file is read a chunk at a time and nothing but the header is kept.
    """
    encoding, file = text_encoding(path), str(path)
    with path.open(encoding=encoding, newline="") as stream:
        rows = iter_csv(stream, file)
        header = _header(next(rows, (1, []))[1], default_interval_s, file)
        table = IntervalTable(header, path, encoding, default_interval_s, 0)
        issues: list[Issue] = []
        size = 0
        for chunk in _chunks(rows):
            size += len(chunk)
            _chunk_values(table, chunk, issues)
            if len(issues) >= 50:
                break
    if issues:
        raise InputFileError(issues[:50])
    return IntervalTable(header, path, encoding, default_interval_s, size)


def _required(default_interval_s: float | None) -> set[str]:
    required = {c for c, (req, _, _) in INPUT_COLUMNS.items() if req}
    return required if default_interval_s is not None else required | {"interval_s"}


def _header(first: list[str], default_interval_s: float | None, file: str) -> list[str]:
    header = [FORMER_NAMES.get(h.strip(), h.strip()) for h in first]
    twice = sorted({h for h in header if h in INPUT_COLUMNS and header.count(h) > 1})
    if twice:
        issues = [Issue(f"column `{c}` appears twice", file=file, line=1) for c in twice]
        raise InputFileError(issues)
    required = _required(default_interval_s)
    missing = [c for c in INPUT_COLUMNS if c in required and c not in header]
    if missing:
        raise InputFileError(
            [
                Issue(f"missing column `{c}` ({INPUT_COLUMNS[c][2]})", file=file, line=1)
                for c in missing
            ]
        )
    return header


def _chunk_values(
    table: IntervalTable, chunk: list[tuple[int, list[str]]], issues: list[Issue]
) -> dict[str, Array]:
    """The numeric columns of ``chunk``; ``interval_s`` defaulted; problems to ``issues``."""
    required = _required(table.default_interval_s)
    values = {
        col: _column_values(
            table.path, chunk, table.header.index(col), col, col in required, issues
        )
        for col in INPUT_COLUMNS
        if col in table.header
    }
    interval = values.setdefault("interval_s", np.full(len(chunk), np.nan))
    if table.default_interval_s is not None:
        interval[np.isnan(interval)] = table.default_interval_s
    return values


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


Staff = Callable[[dict[str, Array]], dict[str, Array]]
"""``staff(values)``: the result columns (``OUTPUT_COLUMNS``) of one chunk's values."""


def write_interval_results(
    table: IntervalTable,
    staff: Staff,
    fmt: str,
    out: io.TextIOBase | Path,
    progress: Callable[[int, int], None] | None = None,
) -> float:
    """Write the input rows with the result columns appended, as ``csv`` or ``json``.

    Chunk by chunk: ``staff`` computes each chunk's results, which are written and
    dropped, so memory stays bounded. Infinite values (ASA of an unstable queue) are
    written as ``inf`` in CSV and ``null`` in JSON. A file is written whole
    (:func:`cscost.io.tables.writers.atomic_path`), a CSV file with a byte-order mark; a
    device (``/dev/null``) is written into. Returns the sum of required agents.
    """
    if not isinstance(out, Path):
        return _write_results(table, staff, fmt, out, progress)
    with atomic_path(out) as target:
        bom = fmt != "json" and target != out  # a BOM for Excel: CSV files only
        encoding = CSV_ENCODING if bom else "utf-8"
        with target.open("w", encoding=encoding, newline="") as handle:
            return _write_results(table, staff, fmt, handle, progress)


def _write_results(
    table: IntervalTable,
    staff: Staff,
    fmt: str,
    handle: TextIO | io.TextIOBase,
    progress: Callable[[int, int], None] | None,
) -> float:
    header = table.header + [c for c in OUTPUT_COLUMNS if c not in table.header]
    width, done, total = len(table.header), 0, 0.0
    writer = csv.writer(handle, lineterminator="\n")
    if fmt == "json":
        handle.write("[")
    else:
        writer.writerow([formula_safe(h) for h in header])
    for chunk in table.chunks():
        results = staff(chunk.values)
        total += float(results["required_agents"].sum())
        for r, row in enumerate(chunk.rows):
            cells: list[object] = [*row[:width], *[""] * (width - len(row))]
            for col in OUTPUT_COLUMNS:
                value = results[col][r]
                cells.append(int(value) if col == "required_agents" else float(value))
            if fmt == "json":
                record = {
                    h: _json_value(v, h in INPUT_COLUMNS)
                    for h, v in zip(header, cells, strict=True)
                }
                comma = "," if done or r else ""
                handle.write(comma + "\n " + json.dumps(record, ensure_ascii=False))
            else:
                writer.writerow([formula_safe(_csv_value(v)) for v in cells])
        done += len(chunk.rows)
        if progress is not None:
            progress(done, table.size)
    if fmt == "json":
        handle.write("\n]\n")
    return total


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
