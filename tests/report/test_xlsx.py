"""The workbook re-read with openpyxl: formulas recomputed equal the bill, Summary equals
the JSON totals, user text stays text, sheet names are legal."""

from __future__ import annotations

import math
import re
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest
from openpyxl.utils import range_boundaries  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from cscost.io.tables.writers import formula_safe
from cscost.report import lang
from cscost.report.tables import line_matrix, ranked
from cscost.report.xlsx import sheet_name, write_xlsx

from .conftest import HOSTILE_NAMES, Case

SUM = re.compile(r"^=SUM\(([A-Z]+\d+:[A-Z]+\d+)\)$")
FORMULA = re.compile(r"^=(SUM\(|SUBTOTAL\(9,|SUMIFS\()(账单|Bill|[A-Z0-9$:,!'.\[\] ()])*$")
"""The formulas cscost writes; any other text starting with = + - @ must be a string."""


def _value(sheet: Worksheet, cell: object) -> float:
    """A cell's value, computing ``=SUM(range)`` formulas recursively as Excel would."""
    value = cell.value  # type: ignore[attr-defined]
    if isinstance(value, str) and value.startswith("="):
        match = SUM.match(value)
        assert match, value
        min_col, min_row, max_col, max_row = range_boundaries(match.group(1))
        return math.fsum(
            _value(sheet, sheet.cell(r, c))
            for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)
        )
    return float(value or 0.0)


@pytest.fixture(scope="module")
def workbook(ecommerce: Case, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx(path, ecommerce.evaluation, ecommerce.scenario, lang("en"))
    return path


def test_sheets(ecommerce: Case, workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    names = book.sheetnames
    assert names[:2] == ["Summary", "Bill"]
    assert names[-3:] == ["Staffing", "Audit", "Assumptions"]
    assert len(names) == 5 + len(ecommerce.evaluation.options)
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None


def test_bill_formulas_recomputed_equal_the_bill(ecommerce: Case, workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    months = len(ecommerce.evaluation.months)
    for k, option in enumerate(ranked(ecommerce.evaluation)):
        sheet = book.worksheets[2 + k]
        keys, matrix = line_matrix(option, months)
        total_col = 5 + months + 1
        for r in range(len(keys)):
            row = r + 2
            assert SUM.match(sheet.cell(row, total_col).value)
            assert _value(sheet, sheet.cell(row, total_col)) == pytest.approx(
                math.fsum(matrix[r]), rel=1e-12, abs=1e-6
            )
            for i in range(months):
                assert sheet.cell(row, 6 + i).value == pytest.approx(matrix[r, i])
        total_row = len(keys) + 2
        for i in range(months):
            assert _value(sheet, sheet.cell(total_row, 6 + i)) == pytest.approx(
                option.monthly_cost[i], rel=1e-9, abs=1e-6
            )
        assert _value(sheet, sheet.cell(total_row, total_col)) == pytest.approx(
            option.total, rel=1e-12
        )
        assert "¥" in sheet.cell(2, 6).number_format


def test_summary_equals_the_json_totals(ecommerce: Case, workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook, data_only=True)["Summary"]
    records = {o["name"]: o for o in ecommerce.evaluation.to_dict()["options"]}
    seen = 0
    for row in sheet.iter_rows(min_row=2, max_row=1 + len(records), values_only=True):
        record = records[row[1]]
        assert row[0] == record["rank"]
        # xlsxwriter writes 16 significant digits (Excel keeps 15)
        assert row[3] == pytest.approx(record["total"], rel=1e-15)
        assert row[4] == pytest.approx(record["npv"], rel=1e-15)
        assert row[6] == pytest.approx(record["cost_per_contact"])
        seen += 1
    assert seen == len(records)


def test_hostile_text_stays_text(hostile: Case, tmp_path: Path) -> None:
    path = tmp_path / "hostile.xlsx"
    write_xlsx(path, hostile.evaluation, hostile.scenario, lang("zh"))
    book = openpyxl.load_workbook(path)
    found = set()
    written = {str(formula_safe(n)): n for n in HOSTILE_NAMES}  # '=HYPERLINK(…) (OWASP)
    for sheet in book.worksheets:
        assert len(sheet.title) <= 31
        assert not set(sheet.title) & set("[]:*?/\\")
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in written:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    found.add(written[cell.value])
                elif isinstance(cell.value, str) and formula_safe(cell.value) != cell.value:
                    assert FORMULA.match(cell.value), cell.value  # only cscost's own formulas
    assert found == set(HOSTILE_NAMES)
    assert len({s.title.lower() for s in book.worksheets}) == len(book.worksheets)


def test_sheet_names_are_legal_and_unique() -> None:
    taken: set[str] = set()
    names = [
        sheet_name(n, taken)
        for n in (
            "Summary",
            "summary",
            "a/b:c*d?[e]\\f",
            "x" * 40,
            "x" * 40,
            "'quoted'",
            "History",
            "",
        )
    ]
    assert names[0] == "Summary"
    assert names[1] == "summary (2)"
    assert names[2] == "a_b_c_d__e__f"
    assert names[3] == "x" * 31
    assert names[4] == "x" * 27 + " (2)"
    assert names[5] == "quoted"
    assert names[6] == "History (2)"
    assert len({n.lower() for n in names}) == len(names)


def test_bill_sheet_a_controller_can_check(ecommerce: Case, workbook: Path) -> None:
    """One row per bill row with quantity, unit, rate, currency, fx and amount as numbers;
    its amounts sum to every option's total; the summary's totals are SUMIFS over it;
    frozen header, filter, landscape print one page wide with the header repeated."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["Bill"]
    header = [c.value for c in sheet[4]]
    assert header == [
        "Option", "Provider", "Queue", "Fee line", "Fee category", "Kind", "Month",
        "Quantity", "Unit", "Rate", "Currency", "Exchange rate", "Amount",
    ]  # fmt: skip
    rows = list(sheet.iter_rows(min_row=5, max_row=4 + len(ecommerce.evaluation.bill)))
    assert len(rows) == len(ecommerce.evaluation.bill)
    by_option: dict[str, list[float]] = {}
    for row, bill in zip(rows, ecommerce.evaluation.bill, strict=True):
        for cell in (row[7], row[9], row[11], row[12]):
            assert cell.data_type == "n", (cell.coordinate, cell.value)
        assert row[12].value == pytest.approx(bill.amount)
        assert row[7].value == pytest.approx(bill.quantity)
        by_option.setdefault(row[0].value, []).append(row[12].value)
    for option in ecommerce.evaluation.options:
        assert math.fsum(by_option[option.name]) == pytest.approx(option.total, rel=1e-12)
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == f"A4:M{4 + len(rows)}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$4:$4"
    summary = book["Summary"]
    assert str(summary["D2"].value).startswith("=SUMIFS(Bill!$M$5:")
    for other in book.worksheets:
        assert other.page_setup.orientation == "landscape", other.title


def test_chinese_workbook_names_fields_kinds_and_units(ecommerce: Case, tmp_path: Path) -> None:
    path = tmp_path / "zh.xlsx"
    write_xlsx(path, ecommerce.evaluation, ecommerce.scenario, lang("zh"))
    book = openpyxl.load_workbook(path)
    bill = book["账单"]
    assert [c.value for c in bill[4]][7:] == ["数量", "单位", "单价", "币种", "汇率", "金额"]
    kinds = {r[5] for r in bill.iter_rows(min_row=5, values_only=True) if r[5]}
    units = {r[8] for r in bill.iter_rows(min_row=5, values_only=True) if r[8]}
    assert "坐席月成本" in kinds
    assert "agent_monthly_cost" not in kinds
    assert "小时" in units or "新员工" in units
    assumptions = book["假设"]
    names = {r[3] for r in assumptions.iter_rows(min_row=2, values_only=True) if r[3]}
    assert "缩减率" in names
    values = [r[4] for r in assumptions.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, float) for v in values)  # numbers stored as numbers
