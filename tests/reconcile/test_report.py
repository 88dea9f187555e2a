"""The invoice-check reports: user text stays text, both languages are complete."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cscost.model import Scenario
from cscost.reconcile import reconcile
from cscost.report.i18n import lang
from cscost.report.reconcile_html import render_reconcile_html
from cscost.report.reconcile_text import KIND_LABELS, WORDS
from cscost.report.reconcile_xlsx import write_reconcile_xlsx

from .helpers import line, month


def hostile(scenario: Scenario):  # type: ignore[no-untyped-def]
    june = "2027-06"
    invoice = [
        line(june, "agents", 250000, 25, 10000),
        line(june, "platform", 5000, 1, 5000),
        line(june, "<script>alert(1)</script>", 10),
        line(june, '=HYPERLINK("http://x")', 10),
        line(june, "tax", 15301.2),
    ]
    return reconcile(scenario, "acme", month(june), invoice)


def test_html_escapes_invoice_text(scenario: Scenario) -> None:
    page = render_reconcile_html(hostile(scenario), lang("en"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "A line the contract does not have" in page


def test_xlsx_writes_formula_like_text_as_text(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "check.xlsx"
    write_reconcile_xlsx(out, hostile(scenario), lang("zh"))
    book = openpyxl.load_workbook(out)
    cells = [row[1] for row in book["核对发现"].iter_rows(min_row=2, values_only=True)]
    assert '=HYPERLINK("http://x")' in cells
    assert book["核对发现"]["B1"].value == "费用项"


@pytest.mark.parametrize("text", [*KIND_LABELS.values(), *WORDS.values()])
def test_every_word_has_a_chinese_translation(text: str) -> None:
    translated = lang("zh").gettext(text)
    assert translated != text or text in ("FTE",)


def test_the_invoice_as_billed_is_in_both_reports(scenario: Scenario, tmp_path: Path) -> None:
    result = hostile(scenario)
    page = render_reconcile_html(result, lang("zh"))
    assert "发票" in page
    assert "¥250,000.00" in page
    out = tmp_path / "check.xlsx"
    write_reconcile_xlsx(out, result, lang("en"))
    rows = list(openpyxl.load_workbook(out)["Invoice"].iter_rows(values_only=True))
    assert len(rows) == 1 + len(result.invoiced)
    assert rows[1][6] == 250000.0
