"""A table of a user's file (CSV or XLSX) read as cells, each with where it is.

CSV: UTF-8 (with or without BOM) or GB18030, size-limited and refused when binary
(:func:`cscost.io.tables.intervals.decoded_text`); locations ``file:line:col``. XLSX: checked
from outside first exactly as the RFP importer checks a workbook
(:func:`cscost.io.rfp.safety.check_workbook_file`: macros, zip bombs, external links,
DOCTYPE, other formats refused), then read with openpyxl in read-only mode, values only
(a formula counts as its cached value), first sheet, header in row 1; locations
``Sheet!B4``. Other spreadsheet formats (.xlsm, .xls, .xlsb, .ods …) are refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from cscost.errors import InputFileError, Issue
from cscost.io.rfp.safety import check_workbook_file
from cscost.io.tables.intervals import decoded_text
from cscost.reconcile.inputs import Source

MAX_ROWS = 100_000
MAX_COLUMNS = 60
MAX_CSV_BYTES = 20 * 1024 * 1024
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".ods"})

Cell = str | float | dt.datetime | dt.date | None


@dataclass(frozen=True)
class Grid:
    """Header names (stripped, lower case) and the data rows with their cells' sources."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Cell, Source], ...], ...]
    header_sources: tuple[Source, ...]

    def header_issue(self, message: str, expected: str = "") -> Issue:
        """An issue located at the header row."""
        source = self.header_sources[0] if self.header_sources else Source(self.file, 1)
        return Issue(
            message,
            file=self.file,
            line=None if source.cell else 1,
            path=source.cell,
            expected=expected,
        )


def read_grid(path: Path) -> Grid:
    """The table in ``path`` (module docstring); InputFileError when it cannot be read."""
    if not path.is_file():
        raise InputFileError(Issue("no such file", file=str(path)))
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _workbook(path)
    return _csv(path)


def _csv(path: Path) -> Grid:
    text = decoded_text(path, MAX_CSV_BYTES)
    records = list(csv.reader(io.StringIO(text)))
    if not records:
        raise InputFileError(Issue("the file is empty", file=str(path), line=1))
    name = str(path)
    header = tuple(h.strip().lower() for h in records[0])
    header_sources = tuple(Source(name, 1, j + 1) for j in range(len(header)))
    rows = []
    for r, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = [(c.strip() or None, Source(name, r, j + 1)) for j, c in enumerate(record)]
        rows.append(tuple(cells))
        if len(rows) > MAX_ROWS:
            raise InputFileError(Issue(f"more than {MAX_ROWS} rows", file=name, line=r))
    return Grid(name, header, tuple(rows), header_sources)


def _load(path: Path) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(
                path, read_only=True, data_only=True, keep_vba=False, keep_links=False
            )
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise InputFileError(
            Issue(f"the workbook cannot be read ({type(exc).__name__})", file=str(path))
        ) from None
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise InputFileError(
            Issue(f"the workbook cannot be read ({type(exc).__name__})", file=str(path))
        ) from None


def _workbook(path: Path) -> Grid:
    check_workbook_file(path)
    book = _load(path)
    name = str(path)
    try:
        sheet = book.worksheets[0]
        title = sheet.title
        grid: list[tuple[tuple[Cell, Source], ...]] = []
        header: tuple[str, ...] = ()
        header_sources: tuple[Source, ...] = ()
        for r, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            cells = tuple(
                (_value(v), Source(name, r, j + 1, f"{title}!{get_column_letter(j + 1)}{r}"))
                for j, v in enumerate(values)
            )
            if r == 1:
                header = tuple(str(v or "").strip().lower() for v, _ in cells)
                header_sources = tuple(s for _, s in cells)
            elif any(v is not None for v, _ in cells):
                grid.append(cells)
            if r > MAX_ROWS:
                raise InputFileError(Issue(f"more than {MAX_ROWS} rows", file=name, path=title))
    finally:
        book.close()
    if not header:
        raise InputFileError(Issue("the first sheet is empty", file=name))
    while header and not header[-1]:
        header = header[:-1]
    return Grid(name, header, tuple(grid), header_sources)


def _value(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    return text or None


_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月].*)?$")


def month_text(cell: Cell) -> str | None:
    """``YYYY-MM`` from a cell, else None.

    Accepted: ``2027-03``, ``2027/3``, ``2027-03-01``, ``2027年3月`` and date cells.
    """
    if isinstance(cell, dt.datetime | dt.date):
        return f"{cell.year:04d}-{cell.month:02d}"
    if not isinstance(cell, str):
        return None
    match = _MONTH.match(cell.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def number(cell: Cell) -> float | None:
    """A finite number from a cell, else None.

    ``1,234.5``; ``85%`` → 0.85; a leading currency sign (``¥1,234.50``, ``$12``) is
    dropped; an accounting negative ``(1,000.00)`` → −1000.
    """
    if isinstance(cell, float):
        return cell if cell == cell and abs(cell) != float("inf") else None
    if not isinstance(cell, str):
        return None
    text = cell.replace(",", "").replace(" ", "").replace("\u00a0", "")
    sign = 1.0
    if text.startswith("(") and text.endswith(")"):
        text, sign = text[1:-1], -1.0
    if text.startswith("-"):
        text, sign = text[1:], -sign
    text = text.lstrip("¥￥$€£")
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        return None
    if value != value or abs(value) == float("inf"):
        return None
    return sign * (value / 100.0 if percent else value)


def shown(cell: Cell) -> str:
    """A cell as the message shows it."""
    return repr(cell) if isinstance(cell, str) else str(cell)
