"""The workbook's shared pieces: cell formats, print set-up, and the `Bill` sheet.

The `Bill` sheet is the audit trail a controller checks: one row per option, provider,
queue, fee line and month with its quantity, unit, rate, currency, fx and amount, every
figure a number cell (never text). The summary's totals are ``SUMIFS`` formulas over
its amount column, so the workbook proves its own totals. Every sheet prints landscape,
one page wide, with its header row repeated and the title and page number in the margin.
Money is whole units (``#,##0``) for bills and totals, with cents only for unit costs
and rates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from babel.numbers import get_currency_symbol
from xlsxwriter.utility import quote_sheetname, xl_col_to_name  # type: ignore[import-untyped]
from xlsxwriter.workbook import Format, Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from cscost.report.i18n import N_, Lang
from cscost.report.labels import (
    category_label,
    kind_label,
    line_label,
    provider_label,
    queue_label,
    unit_label,
)

if TYPE_CHECKING:
    from cscost.evaluate.evaluation import Evaluation
    from cscost.model import Scenario

BILL_SHEET = N_("Bill")
BILL_HEADERS = (
    N_("Option"),
    N_("Provider"),
    N_("Queue"),
    N_("Fee line"),
    N_("Fee category"),
    N_("Kind"),
    N_("Month"),
    N_("Quantity"),
    N_("Unit"),
    N_("Rate"),
    N_("Currency"),
    N_("Exchange rate"),
    N_("Amount"),
)
OPTION_COLUMN, AMOUNT_COLUMN = 0, len(BILL_HEADERS) - 1


class Formats:
    """The workbook's cell formats (money whole, unit costs with cents)."""

    def __init__(self, book: Workbook, currency: str, lang: Lang) -> None:
        symbol = get_currency_symbol(currency, locale=lang.locale).replace('"', "")
        money = f'"{symbol}"#,##0;-"{symbol}"#,##0'
        cents = f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DDE6EE", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.money = book.add_format({"num_format": money})
        self.money_cents = book.add_format({"num_format": cents})
        self.money_bold = book.add_format({"num_format": money, "bold": True, "top": 1})
        self.amount = book.add_format({"num_format": "#,##0.00"})
        self.rate = book.add_format({"num_format": "#,##0.00##"})
        self.number = book.add_format({"num_format": "#,##0.0"})
        self.integer = book.add_format({"num_format": "#,##0"})
        self.percent = book.add_format({"num_format": "0.0%"})
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.text = book.add_format({"text_wrap": True, "valign": "top"})


def header_row(sheet: Worksheet, columns: Sequence[str], fmt: Format, row: int = 0) -> None:
    """The column titles in ``row``, frozen above the data."""
    for col, title in enumerate(columns):
        sheet.write_string(row, col, title, fmt)
    sheet.freeze_panes(row + 1, 0)


def number_cell(sheet: Worksheet, row: int, col: int, value: float | None, fmt: Format) -> None:
    """A number, or an empty cell for None, NaN and infinity."""
    if value is None or not math.isfinite(value):
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_number(row, col, value, fmt)


def print_setup(sheet: Worksheet, title: str, header_row_index: int = 0) -> None:
    """Landscape A4, one page wide, the header row on every page, title and page numbers."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row_index)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    safe = title.replace("&", "&&")
    sheet.set_header(f"&L&B{safe}")
    sheet.set_footer("&R&P / &N")


def bill_sheet(
    book: Workbook,
    name: str,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    f: Formats,
) -> int:
    """The `Bill` sheet (module docstring); returns the number of bill rows."""
    _ = lang.gettext
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, f"{evaluation.scenario_name}: {_(BILL_SHEET)}", f.title)
    sheet.write_string(
        1, 0, _("amounts in {currency}, tax included").format(currency=evaluation.currency)
    )
    top = 3
    header_row(sheet, [_(h) for h in BILL_HEADERS], f.header, top)
    rows = evaluation.bill
    for r, row in enumerate(rows, start=top + 1):
        texts = (
            row.option,
            provider_label(row.provider, scenario, lang),
            queue_label(row.queue, lang),
            line_label(row.line, row.kind, lang),
            category_label(row.category, lang),
            kind_label(row.kind, lang),
            row.month,
        )
        for c, text in enumerate(texts):
            sheet.write_string(r, c, text)
        number_cell(sheet, r, 7, float(row.quantity), f.number)
        sheet.write_string(r, 8, unit_label(row.unit, lang))
        number_cell(sheet, r, 9, float(row.rate), f.rate)
        sheet.write_string(r, 10, row.currency)
        number_cell(sheet, r, 11, float(row.fx), f.rate)
        number_cell(sheet, r, AMOUNT_COLUMN, float(row.amount), f.amount)
    last = top + len(rows)
    sheet.autofilter(top, 0, max(last, top + 1), AMOUNT_COLUMN)
    total = last + 1
    sheet.write_string(total, 0, _("Total"), f.bold)
    column = xl_col_to_name(AMOUNT_COLUMN)
    sheet.write_formula(
        total,
        AMOUNT_COLUMN,
        f"=SUBTOTAL(9,{column}{top + 2}:{column}{last + 1})",
        f.money_bold,
        math.fsum(float(r.amount) for r in rows),
    )
    for first, last_col, width in ((0, 0, 30), (1, 5, 18), (6, 6, 9), (7, 12, 13)):
        sheet.set_column(first, last_col, width)
    print_setup(sheet, f"{evaluation.scenario_name}: {_(BILL_SHEET)}", top)
    return len(rows)


def bill_sum_formula(name: str, rows: int, option_cell: str) -> str:
    """``SUMIFS`` of the bill's amounts for the option named in ``option_cell``."""
    sheet = quote_sheetname(name)
    first, last = 5, 4 + max(rows, 1)
    amount, option = xl_col_to_name(AMOUNT_COLUMN), xl_col_to_name(OPTION_COLUMN)
    return (
        f"=SUMIFS({sheet}!${amount}${first}:${amount}${last},"
        f"{sheet}!${option}${first}:${option}${last},{option_cell})"
    )


MAX_SHEET_NAME = 31
_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A legal, unique sheet name close to ``wanted`` (``taken`` holds names in lower case)."""
    base = _ILLEGAL.sub("_", wanted).strip().strip("'").strip() or "Sheet"
    base = base[:MAX_SHEET_NAME].rstrip()
    name, counter = base, 1
    while name.lower() in taken or name.lower() == "history":
        counter += 1
        suffix = f" ({counter})"
        name = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
    taken.add(name.lower())
    return name
