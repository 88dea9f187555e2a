"""Read a vendor's invoice (CSV or XLSX) with located errors.

Columns (header row, any order, case-blind): ``month`` (YYYY-MM), ``line`` (the fee
line's name, or its kind when it has no name, or ``tax``, ``minimum``, ``sla_credit``,
``discount``) and ``amount`` are required; ``queue``, ``quantity``, ``unit``, ``rate``
and ``currency`` are optional (a blank currency is the quote's). Tax, credits and
shortfall are lines of their own; a credit is a negative amount. A month outside the
contract or a currency without an exchange rate in the scenario is an error at its cell.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from cscost.errors import InputFileError, Issue
from cscost.io.tables.grid import Cell, month_text, number, read_grid, shown
from cscost.reconcile.inputs import InvoiceLine, Source

REQUIRED = {"month": "YYYY-MM", "line": "the fee line's name or kind", "amount": "a number"}


def _amount(name: str, cell: Cell, source: Source, issues: list[Issue]) -> float | None:
    if cell is None:
        return None
    value = number(cell)
    if value is None:
        issues.append(source.issue("not a number", name, shown(cell), "a number"))
    return value


def _queue(cell: Cell) -> str | None:
    """A queue id; blank and ``*`` (every queue) are None."""
    text = "" if cell is None else str(cell).strip()
    return None if text in ("", "*") else text


def read_invoice(
    path: Path, *, months: Collection[str], currencies: Collection[str], default_currency: str
) -> list[InvoiceLine]:
    """The invoice lines in ``path``; ``months`` of the contract, ``currencies`` known."""
    grid = read_grid(path)
    issues = [
        grid.header_issue(f"missing column `{c}`", meaning)
        for c, meaning in REQUIRED.items()
        if c not in grid.header
    ]
    if issues:
        raise InputFileError(issues)
    span = f"a month of the contract ({min(months)} … {max(months)})" if months else "YYYY-MM"
    lines: list[InvoiceLine] = []
    for cells in grid.rows:
        named = {grid.header[j]: cell for j, cell in enumerate(cells) if j < len(grid.header)}
        sources = {name: source for name, (_, source) in named.items()}
        month_cell, month_source = named["month"]
        month = month_text(month_cell)
        if month is None:
            issues.append(month_source.issue("not a month", "month", shown(month_cell), "YYYY-MM"))
        elif month not in months:
            issues.append(month_source.issue("month outside the contract", "month", month, span))
        line_cell, line_source = named["line"]
        if line_cell is None:
            issues.append(line_source.issue("empty cell", "line", "", REQUIRED["line"]))
        amount_cell, amount_source = named["amount"]
        amount = _amount("amount", amount_cell, amount_source, issues)
        if amount_cell is None:
            issues.append(amount_source.issue("empty cell", "amount", "", "a number"))
        values = {c: _amount(c, *named[c], issues) for c in ("quantity", "rate") if c in named}
        currency_cell, currency_source = named.get("currency", (None, Source(grid.file)))
        currency = str(currency_cell).strip().upper() if currency_cell else default_currency
        if currency not in currencies:
            issues.append(
                currency_source.issue(
                    "unknown currency: no exchange rate in the scenario",
                    "currency",
                    shown(currency_cell),
                    "one of " + ", ".join(currencies),
                )  # fmt: skip
            )
        queue = named.get("queue", (None, None))[0]
        unit = named.get("unit", (None, None))[0]
        if month is None or amount is None or line_cell is None:
            continue
        lines.append(
            InvoiceLine(
                month=month,
                line=str(line_cell).strip(),
                queue=_queue(queue),
                quantity=values.get("quantity"),
                unit=str(unit).strip() if unit is not None else None,
                rate=values.get("rate"),
                amount=amount,
                currency=currency,
                sources=sources,
            )
        )
    if issues:
        raise InputFileError(issues[:50])
    return lines
