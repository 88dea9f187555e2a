"""Read a history CSV of contact volumes per queue, and write forecasts, with located errors.

Two shapes are read (docs/forecast.md):

- wide: ``date,voice-zh,chat-zh,…`` — one column per queue;
- long: ``date,queue,volume`` — one row per date and queue.

``date`` is ``YYYY-MM`` (the month's total) or ``YYYY-MM-DD`` (a day's count, summed into
months); ``/`` may replace ``-``; all rows use the same form. Lines starting with ``#``
are comments. With daily rows, a first or last month that the file covers only in part
is dropped with a note, and a day without a row inside a kept month counts as 0 contacts
(a closed day) with a note. A month without any row inside a queue's range is an error
that names it. In the wide shape, a queue's first cells may be blank (the queue started
later); any other blank cell is an error.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from cscost.arrays import Array
from cscost.errors import InputFileError, Issue
from cscost.io.tables.history_months import month_list, monthly_totals
from cscost.io.tables.intervals import csv_rows, decoded_text
from cscost.model.calendar import month_label, month_number

"""Columns of the forecast CSV that ``cscost forecast --output`` writes."""
MAX_ISSUES = 50
MAX_HISTORY_BYTES = 10 * 1024 * 1024
"""Largest history file read (10 MB: decades of daily rows for hundreds of queues)."""
_DATE = re.compile(r"^(\d{4})([-/])(\d{1,2})(?:\2(\d{1,2}))?$")
_DATE_TEXT = "a date as YYYY-MM (monthly total) or YYYY-MM-DD (daily count)"
_VOLUME_TEXT = "a number of contacts ≥ 0, such as 41250"


@dataclass(frozen=True, eq=False)
class QueueHistory:
    """Consecutive monthly volumes of one queue from ``first_month``."""

    queue: str
    first_month: str
    volumes: Array

    @property
    def last_month(self) -> str:
        """``YYYY-MM`` of the last month with data."""
        return month_label(month_number(self.first_month) + self.volumes.size - 1)


@dataclass(frozen=True, eq=False)
class History:
    """The queues of a history file, in file order, and notes on what reading changed."""

    file: str
    queues: tuple[QueueHistory, ...]
    notes: tuple[str, ...]

    @property
    def last_month(self) -> str:
        """The latest month with data over all queues."""
        return month_label(max(month_number(q.last_month) for q in self.queues))

    def queue(self, name: str) -> QueueHistory:
        """The history of queue ``name``; KeyError when the file has no such queue."""
        for series in self.queues:
            if series.queue == name:
                return series
        raise KeyError(name)

    def to_frame(self) -> pd.DataFrame:
        """Long form: one row per queue and month, columns ``queue, month, volume``."""
        import pandas as pd

        rows = [
            (q.queue, month_label(month_number(q.first_month) + i), float(v))
            for q in self.queues
            for i, v in enumerate(q.volumes)
        ]
        return pd.DataFrame(rows, columns=["queue", "month", "volume"])


@dataclass(frozen=True)
class _Cell:
    """One volume cell: its queue, date (month number, day or None) and place in the file.

    ``value`` is None for a blank cell (``blank``) and for a bad one (already reported).
    """

    queue: str
    month: int
    day: date | None
    value: float | None
    blank: bool
    line: int
    column: int


@dataclass(frozen=True)
class _Layout:
    """Where the date, queue and volume cells are: ``queues`` maps column index → queue."""

    date: int
    queue: int | None
    volume: int | None
    queues: dict[int, str]
    width: int


def read_history(path: Path) -> History:
    """Monthly volumes per queue from the CSV at ``path``; InputFileError lists every problem.

    Each issue names the file, line, column (number and name), what was found and what is
    expected.
    """
    file = str(path)
    rows = _rows(decoded_text(path, MAX_HISTORY_BYTES), file)
    if not rows:
        raise InputFileError(
            Issue("no header row", file=file, expected="date,<queue>,… or date,queue,volume")
        )
    (header_line, header), body = rows[0], rows[1:]
    layout = _layout([cell.strip() for cell in header], file, header_line)
    issues: list[Issue] = []
    cells, dates_ok = _cells(body, layout, file, issues)
    queues, notes, gaps = _series(cells, file, issues)
    if dates_ok:  # a row with a bad date would show as a missing month
        issues.extend(gaps)
    if issues:
        if len(issues) > MAX_ISSUES:
            more = len(issues) - MAX_ISSUES
            issues = [*issues[:MAX_ISSUES], Issue(f"… and {more} more problems", file=file)]
        raise InputFileError(issues)
    return History(file, tuple(queues), tuple(notes))


def _rows(text: str, file: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row that is neither blank nor a ``#`` comment."""
    return [
        (line, row)
        for line, row in csv_rows(text, file)
        if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
    ]


def _layout(header: list[str], file: str, line: int) -> _Layout:
    """The layout from the header; InputFileError when it is neither shape."""
    names = [h.lower() for h in header]
    if "date" not in names:
        expected = "a header such as date,voice-zh,chat-zh or date,queue,volume"
        raise InputFileError(
            _issue(file, line, None, "", "no `date` column", ",".join(header), expected)
        )
    if sorted(names) == ["date", "queue", "volume"]:
        index = names.index
        return _Layout(index("date"), index("queue"), index("volume"), {}, len(header))
    issues: list[Issue] = []
    queues: dict[int, str] = {}
    for j, name in enumerate(header):
        if j == names.index("date"):
            continue
        if not name or name in queues.values() or names[j] == "date":
            found = repr(name) if name else "an empty name"
            expected = "one column per queue, each named once"
            issues.append(
                _issue(file, line, j + 1, name, "duplicate or empty column name", found, expected)
            )
        queues[j] = name
    if not queues:
        issues.append(_issue(file, line, None, "", "no queue columns", "", "date,<queue>,…"))
    if issues:
        raise InputFileError(issues)
    return _Layout(names.index("date"), None, None, queues, len(header))


def _parse_date(cell: str) -> tuple[int, date | None]:
    """(month number, day or None); ValueError when ``cell`` is no valid date."""
    match = _DATE.match(cell)
    if match is None:
        raise ValueError(cell)
    year, month = int(match[1]), int(match[3])
    if match[4] is None:
        if not 1 <= month <= 12:
            raise ValueError(cell)
        return year * 12 + month - 1, None
    day = date(year, month, int(match[4]))  # ValueError for 2025-02-30
    return year * 12 + month - 1, day


def _parse_volume(cell: str) -> float:
    """A finite number ≥ 0; ValueError (with the reason) otherwise."""
    value = float(cell)
    if not np.isfinite(value):
        raise ValueError("not a finite number")
    if value < 0:
        raise ValueError("negative volume")
    return value


def _cells(
    body: list[tuple[int, list[str]]], layout: _Layout, file: str, issues: list[Issue]
) -> tuple[list[_Cell], bool]:
    """The volume cells of every row, and whether every date was read.

    Bad dates, volumes and names go to ``issues``.
    """
    cells: list[_Cell] = []
    daily: bool | None = None
    dates_ok = True
    for line, raw in body:
        row = [cell.strip() for cell in raw]
        if len(row) > layout.width:
            issues.append(_issue(file, line, layout.width + 1, "", "more cells than the header"))
        row += [""] * (layout.width - len(row))
        parsed = _row_date(row[layout.date], daily, file, line, layout.date, issues)
        if parsed is None:
            dates_ok = False
            continue
        daily = parsed[1] is not None
        for j, queue in _row_queues(row, layout, file, line, issues):
            value = _volume(row[j], queue, file, line, j, layout, issues)
            blank = not row[j] and layout.queue is None
            cells.append(_Cell(queue, parsed[0], parsed[1], value, blank, line, j + 1))
    if daily is None and not issues:
        issues.append(Issue("no data rows", file=file, expected="one row per month or day"))
    return cells, dates_ok


def _row_date(
    cell: str, daily: bool | None, file: str, line: int, j: int, issues: list[Issue]
) -> tuple[int, date | None] | None:
    """The row's date, or None after adding an issue (bad text, other form than row one)."""
    try:
        parsed = _parse_date(cell)
    except ValueError:
        issues.append(_issue(file, line, j + 1, "date", "not a date", repr(cell), _DATE_TEXT))
        return None
    if daily is not None and daily != (parsed[1] is not None):
        expected = "YYYY-MM-DD like the rows above" if daily else "YYYY-MM like the rows above"
        issues.append(_issue(file, line, j + 1, "date", "mixed date forms", cell, expected))
        return None
    return parsed


def _row_queues(
    row: list[str], layout: _Layout, file: str, line: int, issues: list[Issue]
) -> list[tuple[int, str]]:
    """(column index, queue) of the row's volume cells."""
    if layout.queue is None or layout.volume is None:
        return list(layout.queues.items())
    queue = row[layout.queue]
    if not queue:
        issues.append(
            _issue(file, line, layout.queue + 1, "queue", "empty queue name", "", "a queue id")
        )
        return []
    return [(layout.volume, queue)]


def _volume(
    cell: str, queue: str, file: str, line: int, j: int, layout: _Layout, issues: list[Issue]
) -> float | None:
    """The cell's volume; None for a blank wide cell (checked later) or after an issue."""
    name = "volume" if layout.queue is not None else queue
    if not cell:
        if layout.queue is not None:
            issues.append(_issue(file, line, j + 1, name, "empty cell", "", _VOLUME_TEXT))
        return None
    try:
        return _parse_volume(cell)
    except ValueError as exc:
        reason = str(exc) if str(exc) in ("negative volume", "not a finite number") else ""
        issues.append(
            _issue(file, line, j + 1, name, reason or "not a number", repr(cell), _VOLUME_TEXT)
        )
        return None


def _issue(
    file: str,
    line: int,
    column: int | None,
    name: str,
    message: str,
    found: str = "",
    expected: str = "",
) -> Issue:
    """A located issue: ``name`` is the column's name (the queue in the wide shape)."""
    return Issue(
        message, path=name, file=file, line=line, column=column, found=found, expected=expected
    )


def _series(
    cells: list[_Cell], file: str, issues: list[Issue]
) -> tuple[list[QueueHistory], list[str], list[Issue]]:
    """Monthly series per queue (file order), notes, and the months missing inside a range.

    Duplicates, misplaced blanks and queues without a complete month go to ``issues``.
    """
    by_queue: dict[str, list[_Cell]] = defaultdict(list)
    for cell in cells:
        by_queue[cell.queue].append(cell)
    notes: dict[str, list[str]] = defaultdict(list)
    missing: dict[str, list[str]] = defaultdict(list)
    out: list[QueueHistory] = []
    for queue, queue_cells in by_queue.items():
        kept = _checked_cells(queue, queue_cells, file, issues)
        if not kept:
            continue
        first, volumes, gaps = monthly_totals(kept, notes, queue)
        if not volumes.size:
            span = f"daily rows from {kept[0].day} to {kept[-1].day}"
            issues.append(_issue(file, kept[0].line, None, queue, f"no complete month ({span})"))
            continue
        if gaps:
            missing[month_list(gaps)].append(queue)
        out.append(QueueHistory(queue, month_label(first), volumes))
    missing_issues = [
        Issue(
            f"no data for {months}; every month between a queue's first and last must have data",
            path=", ".join(queues),
            file=file,
        )
        for months, queues in missing.items()
    ]
    notes_text = [f"{', '.join(queues)}: {text}" for text, queues in notes.items()]
    return out, notes_text, missing_issues


def _checked_cells(queue: str, cells: list[_Cell], file: str, issues: list[Issue]) -> list[_Cell]:
    """The cells sorted by date, leading blanks dropped; duplicates and later blanks are issues."""
    cells = sorted(cells, key=lambda c: (c.month, c.day or date.min, c.line))
    seen: dict[tuple[int, date | None], int] = {}
    kept: list[_Cell] = []
    for cell in cells:
        key = (cell.month, cell.day)
        if key in seen:
            when = str(cell.day) if cell.day else month_label(cell.month)
            found = f"a second row for {when} (first at line {seen[key]})"
            issues.append(_issue(file, cell.line, cell.column, queue, "duplicate date", found))
            continue
        seen[key] = cell.line
        if not cell.blank:
            kept.append(cell)
        elif kept:
            expected = _VOLUME_TEXT + " (only a queue's first rows may be blank)"
            issues.append(_issue(file, cell.line, cell.column, queue, "empty cell", "", expected))
    if not kept and cells:
        issues.append(_issue(file, cells[0].line, cells[0].column, queue, "queue has no volumes"))
    return kept
