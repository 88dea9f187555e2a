"""Read the month's actuals per queue (CSV or XLSX) with located errors.

Columns (header row, any order, case-blind): ``month`` (YYYY-MM), ``queue`` and the
figures of :data:`cscost.reconcile.inputs.NUMBER_COLUMNS` plus ``<window>_hours`` and
``<window>_handled``; an optional ``vendor`` column keeps only the rows of the vendor
reconciled. Only the columns the contract needs are required
(:func:`cscost.reconcile.inputs.required_columns`); a missing one is named with the
clause that needs it. ``aht_s`` accepts durations (``320s``, ``5m``); shares accept
``85%``. Every bad cell is reported at once with its place, what was found and what
was expected. A blank SLA KPI cell means the queue's KPI was not measured.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from cscost.errors import InputFileError, Issue
from cscost.io.tables.grid import Cell, Grid, month_text, number, read_grid, shown
from cscost.model.units import duration_s
from cscost.reconcile.inputs import NUMBER_COLUMNS, SHARE_COLUMNS, ActualRow, Source

MEANING: dict[str, str] = {
    "offered": "contacts offered in the month",
    "handled": "contacts handled in the month",
    "aht_s": "average handle time in seconds (or 320s, 5m)",
    "productive_hours": "productive (logged-in, available) hours",
    "paid_hours": "paid hours",
    "fte": "full-time equivalents deployed",
    "seats": "seats (positions) used",
    "hires": "agents hired in the month",
    "resolved": "contacts resolved at first contact",
    "fcr": "first-contact resolution rate, a share in [0, 1]",
    "service_level": "measured service level, a share in [0, 1]",
    "abandoned": "contacts abandoned",
}


def _is_number_column(name: str) -> bool:
    return name in NUMBER_COLUMNS or name.endswith(("_hours", "_handled"))


def _missing(grid: Grid, required: Mapping[str, str]) -> list[Issue]:
    issues = []
    for column, clause in {"month": "", "queue": "", **required}.items():
        options = column.split("|")
        if not any(o in grid.header for o in options):
            why = f" (needed by {clause})" if clause else ""
            names = " or ".join(f"`{o}`" for o in options)
            meaning = MEANING.get(options[0], "YYYY-MM" if column == "month" else "a queue id")
            issues.append(grid.header_issue(f"missing column {names}{why}", meaning))
    return issues


def _figure(column: str, cell: Cell, source: Source, issues: list[Issue]) -> float | None:
    value = number(cell)
    if value is None and column == "aht_s" and isinstance(cell, str):
        try:
            value = duration_s(cell)
        except ValueError:
            value = None
    meaning = MEANING.get(column, "a number ≥ 0")
    if value is None:
        issues.append(source.issue("not a number", column, shown(cell), meaning))
        return None
    high = 1.0 if column in SHARE_COLUMNS else float("inf")
    if not 0 <= value <= high:
        interval = "[0, 1]" if column in SHARE_COLUMNS else "[0, ∞)"
        issues.append(source.issue("out of range", column, shown(cell), f"a value in {interval}"))
        return None
    return value


def read_actuals(
    path: Path,
    *,
    required: Mapping[str, str],
    months: Collection[str],
    queues: Collection[str],
    vendor: str | None = None,
) -> list[ActualRow]:
    """The actuals in ``path``; ``months`` and ``queues`` are those of the contract."""
    grid = read_grid(path)
    issues = _missing(grid, required)
    if issues:
        raise InputFileError(issues)
    rows: list[ActualRow] = []
    seen: dict[tuple[str, str], Source] = {}
    for cells in grid.rows:
        named = {grid.header[j]: cell for j, cell in enumerate(cells) if j < len(grid.header)}
        if vendor is not None and "vendor" in named:
            owner = named["vendor"][0]
            if owner is not None and str(owner).strip() != vendor:
                continue
        row = _row(named, required, months, queues, issues)
        if row is None:
            continue
        key = (row.month, row.queue)
        source = row.sources["month"]
        if key in seen:
            where = seen[key].cell or f"line {seen[key].line}"
            issues.append(
                source.issue(
                    f"a second row for {row.month} {row.queue} (first at {where})",
                    "month",
                    row.month,
                    "one row per month and queue",
                )  # fmt: skip
            )
        seen[key] = source
        rows.append(row)
    if issues:
        raise InputFileError(issues[:50])
    return rows


def _row(
    named: Mapping[str, tuple[Cell, Source]],
    required: Mapping[str, str],
    months: Collection[str],
    queues: Collection[str],
    issues: list[Issue],
) -> ActualRow | None:
    """One row's month, queue and figures; problems go to ``issues``."""
    span = f"a month of the contract ({min(months)} … {max(months)})" if months else "YYYY-MM"
    sources = {name: source for name, (_, source) in named.items()}
    month_cell, month_source = named["month"]
    month = month_text(month_cell)
    if month is None:
        issues.append(month_source.issue("not a month", "month", shown(month_cell), "YYYY-MM"))
    elif month not in months:
        issues.append(month_source.issue("month outside the contract", "month", month, span))
    queue_cell, queue_source = named["queue"]
    queue = str(queue_cell or "").strip()
    if queue not in queues:
        issues.append(
            queue_source.issue(
                "unknown queue", "queue", shown(queue_cell), "one of " + ", ".join(sorted(queues))
            )  # fmt: skip
        )
    values: dict[str, float] = {}
    for name, (cell, source) in named.items():
        if not _is_number_column(name) or cell is None:
            if cell is None and required.get(name, "sla.levels") != "sla.levels":
                issues.append(source.issue("empty cell", name, "", MEANING.get(name, "")))
            continue
        value = _figure(name, cell, source, issues)
        if value is not None:
            values[name] = value
    if month is None or not queue:
        return None
    return ActualRow(month, queue, values, sources)
