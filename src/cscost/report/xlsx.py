"""The Excel workbook: Summary, one sheet per option with its monthly bill, Staffing, Audit,
Assumptions.

A controller can audit every total: an option's sheet has one row per fee line (provider,
queue, line) and one column per month, and the row totals (``=SUM(F2:AO2)``) and month
totals are Excel formulas over those cells, written with their computed values cached.
Money cells carry the scenario currency's number format; headers are frozen.

Every text cell is a string, never parsed, and one such as ``=HYPERLINK(...)``, ``+1``,
``-x``, ``@x`` is written ``'=HYPERLINK(...)`` (OWASP; :func:`formula_safe`), text in CSV too.
Sheet names are made legal: no ``[]:*?/\\``, at most 31 characters, unique.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.exceptions import FileCreateError  # type: ignore[import-untyped]
from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]
from xlsxwriter.workbook import Format, Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from cscost.evaluate.evaluation import Evaluation, OptionResult
from cscost.io.tables.writers import atomic_path, formula_safe
from cscost.model import Scenario
from cscost.report.assumptions import resolved_settings, scenario_sections
from cscost.report.charts import input_label
from cscost.report.fields import field_label
from cscost.report.i18n import N_, Lang
from cscost.report.labels import (
    STATUS_LABELS,
    category_label,
    kind_label,
    line_label,
    provider_label,
    view_note,
)
from cscost.report.rosters import roster_rows, roster_sheet
from cscost.report.summary import savings
from cscost.report.tables import line_matrix, ranked
from cscost.report.words import audit_title, finding_question
from cscost.report.xlsx_sheets import (
    BILL_SHEET,
    Formats,
    bill_sheet,
    bill_sum_formula,
    header_row,
    number_cell,
    print_setup,
    sheet_name,
)


class _TextSheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose text cells never start like a formula (``'`` prefixed)."""

    def _write_string(self, row: int, col: int, string: str, *args: Any) -> Any:
        return super()._write_string(row, col, str(formula_safe(string)), *args)


LINE_COLUMNS = 5  # provider, queue, line, category, kind before the months


def _summary(
    book: Workbook,
    name: str,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    f: Formats,
    bill: str,
) -> None:
    _ = lang.gettext
    sheet = book.add_worksheet(name)
    columns = [
        _("Rank"),
        _("Option"),
        _("Providers"),
        _("Total"),
        _("Net present value"),
        _("Saving against in-house (NPV)"),
        _("Cost per contact"),
        _("Cost per resolved contact"),
        _("FTE (mean)"),
        _("FTE (peak)"),
        _("Seats (peak)"),
        _("Contacts"),
        _("Description"),
    ]
    header_row(sheet, columns, f.header)
    saved = savings(evaluation)
    for row, o in enumerate(ranked(evaluation), start=1):
        sheet.write_number(row, 0, o.rank)
        sheet.write_string(row, 1, o.name)
        sheet.write_string(
            row, 2, ", ".join(provider_label(p, scenario, lang) for p in o.providers)
        )
        formula = bill_sum_formula(bill, len(evaluation.bill), xl_rowcol_to_cell(row, 1))
        sheet.write_formula(row, 3, formula, f.money, o.total)
        sheet.write_number(row, 4, o.npv, f.money)
        number_cell(sheet, row, 5, saved[o.name].npv if o.name in saved else None, f.money)
        number_cell(sheet, row, 6, o.cost_per_contact, f.money_cents)
        number_cell(sheet, row, 7, o.cost_per_resolved_contact, f.money_cents)
        sheet.write_number(row, 8, float(o.fte.mean()), f.number)
        sheet.write_number(row, 9, float(o.fte.max()), f.number)
        sheet.write_number(row, 10, float(o.seats.max()), f.integer)
        sheet.write_number(row, 11, float(o.volume.sum()), f.integer)
        sheet.write_string(row, 12, o.description)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 2, 34)
    sheet.set_column(3, 11, 18)
    sheet.set_column(12, 12, 40)
    note = len(evaluation.options) + 2
    sheet.write_string(note, 1, view_note(evaluation.view, evaluation.currency, lang))
    sheet.write_string(note + 1, 1, evaluation.scenario_name)


def _bill(
    book: Workbook,
    name: str,
    option: OptionResult,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    f: Formats,
) -> None:
    """Lines × months with row and column totals as formulas."""
    _ = lang.gettext
    months = len(evaluation.months)
    sheet = book.add_worksheet(name)
    columns = [
        _("Provider"),
        _("Queue"),
        _("Fee line"),
        _("Fee category"),
        _("Kind"),
        *evaluation.months,
        _("Total"),
    ]
    header_row(sheet, columns, f.header)
    sheet.freeze_panes(1, LINE_COLUMNS)
    keys, matrix = line_matrix(option, months)
    first_month, last_month = LINE_COLUMNS, LINE_COLUMNS + months - 1
    for r, (provider, queue, line, category, kind) in enumerate(keys, start=1):
        for c, text in enumerate(
            (
                provider_label(provider, scenario, lang),
                queue,
                line_label(line, kind, lang),
                category_label(category, lang),
                kind_label(kind, lang),
            )
        ):
            sheet.write_string(r, c, text)
        for i in range(months):
            sheet.write_number(r, first_month + i, float(matrix[r - 1, i]), f.money)
        formula = f"=SUM({xl_rowcol_to_cell(r, first_month)}:{xl_rowcol_to_cell(r, last_month)})"
        sheet.write_formula(r, last_month + 1, formula, f.money_bold, math.fsum(matrix[r - 1]))
    total_row = len(keys) + 1
    sheet.write_string(total_row, 0, _("Total"), f.bold)
    for c in range(first_month, last_month + 2):
        formula = f"=SUM({xl_rowcol_to_cell(1, c)}:{xl_rowcol_to_cell(total_row - 1, c)})"
        value = (
            math.fsum(matrix[:, c - first_month]) if c <= last_month else math.fsum(matrix.ravel())
        )
        sheet.write_formula(total_row, c, formula, f.money_bold, value)
    sheet.autofilter(0, 0, max(len(keys), 1), last_month + 1)
    sheet.set_column(0, 1, 18)
    sheet.set_column(2, 3, 26)
    sheet.set_column(4, 4, 16)
    sheet.set_column(first_month, last_month + 1, 14)


def _staffing(
    book: Workbook,
    name: str,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    f: Formats,
) -> None:
    _ = lang.gettext
    sheet = book.add_worksheet(name)
    columns = [
        _("Option"),
        _("Provider"),
        _("Queue"),
        _("Month"),
        _("Contacts"),
        _("Productive hours"),
        _("Paid hours"),
        _("FTE"),
        _("Seats"),
    ]
    header_row(sheet, columns, f.header)
    row = 1
    for o in ranked(evaluation):
        for part in o.parts:
            plan = part.plan
            for i, month in enumerate(evaluation.months):
                sheet.write_string(row, 0, o.name)
                sheet.write_string(row, 1, provider_label(part.provider, scenario, lang))
                sheet.write_string(row, 2, part.usage.label)
                sheet.write_string(row, 3, month)
                sheet.write_number(row, 4, float(plan.volume[i]), f.integer)
                sheet.write_number(row, 5, float(plan.productive_hours[i]), f.number)
                sheet.write_number(row, 6, float(plan.paid_hours[i]), f.number)
                sheet.write_number(row, 7, float(plan.fte[i]), f.number)
                sheet.write_number(row, 8, float(plan.seats[i]), f.integer)
                row += 1
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 8, 16)
    sheet.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)


def _audit(
    book: Workbook,
    name: str,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    f: Formats,
) -> None:
    _ = lang.gettext
    sheet = book.add_worksheet(name)
    header_row(
        sheet,
        [_("Vendor"), _("Vendor id"), _("Fee category"), _("Status"), _("Question to ask")],
        f.header,
    )
    for row, finding in enumerate(evaluation.audit, start=1):
        sheet.write_string(row, 0, provider_label(finding.vendor, scenario, lang))
        sheet.write_string(row, 1, finding.vendor)
        question = finding_question(finding)
        sheet.write_string(row, 2, _(audit_title(finding.category)))
        sheet.write_string(row, 3, _(STATUS_LABELS[finding.status]))
        sheet.write_string(row, 4, _(question) if question else "", f.text)
    sheet.set_column(0, 1, 18)
    sheet.set_column(2, 3, 24)
    sheet.set_column(4, 4, 90)


def _assumptions(
    book: Workbook, name: str, scenario: Scenario | None, lang: Lang, f: Formats
) -> None:
    _ = lang.gettext
    sheet = book.add_worksheet(name)
    header_row(sheet, [_("Section"), _("Entry"), _("Field"), _("Name"), _("Value")], f.header)
    row = 1
    if scenario is not None:
        for section in scenario_sections(scenario):
            for key, value in section.items:
                texts = (section.key, section.title, key, field_label(key, lang))
                for col, text in enumerate(texts):
                    sheet.write_string(row, col, text)
                _value_cell(sheet, row, 4, value)
                row += 1
        header, rows = resolved_settings(scenario)
        row += 1
        sheet.write_string(
            row, 0, _("Staffing inputs per queue and provider (defaults merged)"), f.bold
        )
        row += 1
        for col, text in enumerate(header):
            label = field_label(text, lang)
            sheet.write_string(row, col, f"{text}\n{label}" if label else text, f.header)
        for values in rows:
            row += 1
            for col, text in enumerate(values):
                _value_cell(sheet, row, col, text)
    sheet.set_column(0, 1, 18)
    sheet.set_column(2, 3, 30)
    sheet.set_column(4, 4, 40)


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _value_cell(sheet: Worksheet, row: int, col: int, text: str) -> None:
    """A value as a number cell when it is a plain number, else as text."""
    if _NUMBER.fullmatch(text):
        sheet.write_number(row, col, float(text))
    else:
        sheet.write_string(row, col, text)


def _decision(
    book: Workbook,
    name: str,
    decision: Mapping[str, Any],
    evaluation: Evaluation,
    lang: Lang,
    f: Formats,
) -> None:
    """The decision analysis (``cscost report --risk``): recommendation, ranges, tornado,
    break-even table."""
    _ = lang.gettext
    cur = evaluation.currency
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, _("Recommendation"), f.bold)
    sheet.write_string(1, 0, str(decision.get("recommendation", "")), f.text)
    sheet.set_row(1, 120)
    row = 3
    ranges = decision.get("ranges") or {}
    if ranges:
        _header_at(sheet, row, [_("Option"), _("NPV P10–P90"), ""], f.header)
        for name_, (low, high) in ranges.items():
            row += 1
            sheet.write_string(row, 0, name_)
            number_cell(sheet, row, 1, low, f.money)
            number_cell(sheet, row, 2, high, f.money)
        row += 2
    bars = decision.get("tornado") or []
    if bars:
        title = _("Sensitivity of the total cost ({currency})").format(currency=cur)
        _header_at(sheet, row, [title, _("low"), _("high")], f.header)
        for bar in bars:
            row += 1
            sheet.write_string(row, 0, input_label(str(bar["input"]), lang))
            number_cell(sheet, row, 1, float(bar["low"]), f.money)
            number_cell(sheet, row, 2, float(bar["high"]), f.money)
        row += 2
    if decision.get("breakeven"):
        factors, totals = decision["breakeven"]
        names = list(totals)
        _header_at(sheet, row, [_("volume × forecast"), *names], f.header)
        for k, factor in enumerate(factors):
            row += 1
            sheet.write_number(row, 0, float(factor))
            for col, option in enumerate(names, start=1):
                number_cell(sheet, row, col, float(totals[option][k]), f.money)
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 12, 18)


def _header_at(sheet: Worksheet, row: int, columns: Sequence[str], fmt: Format) -> None:
    for col, text in enumerate(columns):
        sheet.write_string(row, col, text, fmt)


SHEETS = (
    N_("Summary"),
    BILL_SHEET,
    N_("Staffing"),
    N_("Audit"),
    N_("Assumptions"),
    N_("Decision"),
    N_("Rosters"),
)


def write_xlsx(
    path: Path,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    decision: Mapping[str, Any] | None = None,
) -> None:
    """Write the workbook of ``evaluation`` to ``path``; a Decision sheet with ``decision``
    (the mapping of :func:`cscost.report.html.decision_data`)."""
    _ = lang.gettext
    options: dict[str, Any] = {
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "nan_inf_to_errors": True,
    }
    taken: set[str] = set()
    fixed = {key: sheet_name(_(key), taken) for key in SHEETS}
    try:
        with atomic_path(path) as temp, xlsxwriter.Workbook(str(temp), options) as book:
            book.worksheet_class = _TextSheet
            formats = Formats(book, evaluation.currency, lang)
            bill = fixed[BILL_SHEET]
            _summary(book, fixed["Summary"], evaluation, scenario, lang, formats, bill)
            bill_sheet(book, bill, evaluation, scenario, lang, formats)
            for option in ranked(evaluation):
                name = sheet_name(option.name, taken)
                _bill(book, name, option, evaluation, scenario, lang, formats)
            _staffing(book, fixed["Staffing"], evaluation, scenario, lang, formats)
            _audit(book, fixed["Audit"], evaluation, scenario, lang, formats)
            _assumptions(book, fixed["Assumptions"], scenario, lang, formats)
            if decision:
                _decision(book, fixed["Decision"], decision, evaluation, lang, formats)
            if roster_rows(evaluation):
                roster_sheet(book, fixed["Rosters"], evaluation, lang, formats)
            for sheet in book.worksheets():
                if sheet.name != bill:
                    print_setup(sheet, f"{evaluation.scenario_name}: {sheet.name}")
    except FileCreateError as exc:  # the OSError of the file that cannot be written
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        raise cause or OSError(str(exc)) from None
