"""The invoice check as an Excel workbook: Summary, Findings, Bill (the contract's bill on
the actuals) and Efficiency, in the report's language.

Numbers are written as numbers (money with two decimals), every text cell as a string,
never parsed as a formula (xlsxwriter with ``strings_to_formulas`` off), so a fee name
such as ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]

from cscost.reconcile import Reconciliation
from cscost.report.i18n import Lang
from cscost.report.reconcile_text import (
    basis_text,
    kind_label,
    queue_text,
    summary_rows,
    words,
)


def _sheet(book: Any, name: str, header: Sequence[str], bold: Any) -> Any:
    sheet = book.add_worksheet(name[:31])
    for c, text in enumerate(header):
        sheet.write_string(0, c, text, bold)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(header) - 1, 16)
    return sheet


def _write(sheet: Any, r: int, values: Sequence[Any], money: Any, money_columns: set[int]) -> None:
    for c, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, int | float):
            sheet.write_number(r, c, float(value), money if c in money_columns else None)
        else:
            sheet.write_string(r, c, str(value))


def write_reconcile_xlsx(path: Path, result: Reconciliation, lang: Lang) -> None:
    """Write the workbook to ``path``."""
    w = words(lang)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        summary = _sheet(book, w["sheet_summary"], [w["title"], result.vendor_name], bold)
        for r, (label, value) in enumerate(summary_rows(result, lang), start=1):
            summary.write_string(r, 0, label, bold)
            summary.write_string(r, 1, value)
        header = [w["month"], w["line"], w["queue"], w["kind"], w["billed"], w["contract"],
                  w["difference"], w["clause"], w["basis"], w["where"]]  # fmt: skip
        findings = _sheet(book, w["findings"], header, bold)
        for r, f in enumerate(result.findings, start=1):
            values = [f.month, f.line, queue_text(f.queue, lang), kind_label(f.kind, lang),
                      f.invoiced, f.expected, f.difference, f.clause, basis_text(f, lang),
                      f.source]  # fmt: skip
            _write(findings, r, values, money, {4, 5, 6})
        header = [w["month"], w["line"], w["queue"], w["quantity"], w["unit"], w["rate"],
                  w["amount"], w["clause"]]  # fmt: skip
        bill = _sheet(book, w["sheet_bill"], header, bold)
        for r, e in enumerate(result.expected, start=1):
            values = [e.month, e.line, queue_text(e.queue, lang), e.quantity, e.unit, e.rate,
                      e.amount, e.clause]  # fmt: skip
            _write(bill, r, values, money, {6})
        header = [w["month"], w["line"], w["queue"], w["quantity"], w["unit"], w["rate"],
                  w["amount"], w["currency"], w["where"]]  # fmt: skip
        billed = _sheet(book, w["invoice"], header, bold)
        for r, i in enumerate(result.invoiced, start=1):
            values = [i.month, i.line, queue_text(i.queue or "", lang), i.quantity, i.unit,
                      i.rate, i.amount, i.currency, i.where()]  # fmt: skip
            _write(billed, r, values, money, {6})
        header = [w["month"], w["queue"], w["handled"], w["workload"], w["needed"],
                  w["billed_hours"], w["actual_hours"], w["explained"]]  # fmt: skip
        sheet = _sheet(book, w["sheet_efficiency"], header, bold)
        for r, row in enumerate(result.efficiency, start=1):
            values = [row.month, queue_text(row.queue, lang), row.handled, row.workload_hours,
                      row.needed_paid_hours, row.billed_paid_hours, row.actual_paid_hours,
                      row.explained]  # fmt: skip
            _write(sheet, r, values, money, set())
    finally:
        book.close()
