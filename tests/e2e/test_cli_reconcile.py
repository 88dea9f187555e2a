"""`cscost reconcile` on the example month and on bad or hostile inputs.

The example (``examples/reconcile/``) is Huaxin BPO's (vendor-a of
``examples/ecommerce.yaml``) invoice for 2027-12, contract month 11, before the first
escalation step. By hand from the actuals:

    billed FTE   = ⌈41.6 + 42.9 + 10.7⌉ = ⌈95.2⌉ = 96       → 96 × 13,800 = 1,324,800
    hires        = 4 + 3 + 2 = 9                           →  9 ×  2,000 =    18,000
    recurring R  = 1,342,800
    measured SL  = (0.76 × 46,800 + 0.79 × 70,200) / 117,000 = 0.778 < 0.80 → credit 5 %
    SLA credit   = −0.05 × 1,342,800                        =   −67,140
    tax          = 0.06 × (1,342,800 − 67,140)              =    76,539.60
    expected     = 1,342,800 − 67,140 + 76,539.60           = 1,352,199.60

The invoice has three errors: the 4 % escalation one month early (96 × (14,352 −
13,800) = 52,992), 12 hires billed for 9 (3 × 2,000 = 6,000) and no SLA credit
(67,140 owed).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cscost.cli import _register, app

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "examples" / "ecommerce.yaml"
ACTUALS = ROOT / "examples" / "reconcile" / "actuals-2027-12.csv"
INVOICE = ROOT / "examples" / "reconcile" / "invoice-2027-12.csv"

_register()
runner = CliRunner()


def run(*args: str | Path, actuals: Path = ACTUALS, invoice: Path = INVOICE) -> object:
    argv = [
        "reconcile",
        str(SCENARIO),
        "--vendor",
        "vendor-a",
        "--actuals",
        str(actuals),
        "--invoice",
        str(invoice),
        *map(str, args),
    ]
    return runner.invoke(app, argv)


def test_the_example_json_has_the_three_errors_to_the_cent() -> None:
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["vendor"] == "vendor-a"
    assert doc["currency"] == "CNY"
    assert doc["expected_total"] == pytest.approx(1352199.60, abs=0.005)
    assert doc["invoiced_total"] == pytest.approx(1485899.52, abs=0.005)
    found = {(f["month"], f["line"], f["kind"]): f for f in doc["findings"]}
    assert set(found) == {
        ("2027-12", "per_fte_month", "escalation"),
        ("2027-12", "hiring and initial training", "quantity"),
        ("2027-12", "sla_credit", "sla_credit"),
    }
    assert found["2027-12", "per_fte_month", "escalation"]["difference"] == pytest.approx(52992.0)
    assert found["2027-12", "hiring and initial training", "quantity"]["difference"] == (
        pytest.approx(6000.0)
    )
    sla = found["2027-12", "sla_credit", "sla_credit"]
    assert sla["difference"] == pytest.approx(67140.0)
    assert sla["expected"] == pytest.approx(-67140.0)
    # money in the JSON is rounded to the cent: the figures are exact
    assert (doc["expected_total"], doc["invoiced_total"]) == (1352199.60, 1485899.52)
    assert sorted(f["difference"] for f in doc["findings"]) == [6000.0, 52992.0, 67140.0]
    # at stake 126,132; the 6 % tax on it is the rest of the difference: 7,567.92
    assert (doc["at_stake"], doc["terms_effect"]) == (126132.0, 7567.92)
    for f in doc["findings"]:
        keys = {"month", "line", "queue", "kind", "expected", "invoiced", "difference", "clause"}
        assert keys <= set(f)
        assert f["difference"] == round(f["invoiced"] - f["expected"], 2)
        assert f["clause"].startswith("vendors[0].")


def test_the_table_summary_and_fail_on_findings() -> None:
    result = run("--lang", "en")
    assert result.exit_code == 0, result.output
    assert "3 findings" in result.stdout
    assert "67,140.00" in result.stdout
    # 96 FTE × 174 h billed; the actual contacts needed more at the 80/20 target
    assert "16,704 paid hours billed" in result.stdout
    assert "fewer than the" in result.stdout
    assert run("--fail-on-findings").exit_code == 1


def test_the_summary_speaks_the_scenario_locale() -> None:
    """The e-commerce example says `locale: zh`: without --lang the terminal is Chinese."""
    result = run()
    assert result.exit_code == 0, result.output
    assert "3 项发现" in result.stdout
    assert "调价提前或滞后" in result.stdout  # the escalation finding, worded
    assert "计费带薪工时 16,704" in result.stdout


def test_a_correct_invoice_exits_0_even_with_fail_on_findings(tmp_path: Path) -> None:
    """The invoice as the contract says it: 96 × 13,800, 9 × 2,000, credit, tax."""
    invoice = tmp_path / "right.csv"
    invoice.write_text(
        "month,line,quantity,rate,amount\n"
        "2027-12,per_fte_month,96,13800,1324800\n"
        "2027-12,hiring and initial training,9,2000,18000\n"
        "2027-12,sla_credit,1342800,-0.05,-67140\n"
        "2027-12,tax,1275660,0.06,76539.60\n",
        encoding="utf-8",
    )
    result = run("--fail-on-findings", "--lang", "en", invoice=invoice)
    assert result.exit_code == 0, result.output
    assert "No findings" in result.stdout


@pytest.mark.parametrize(("suffix", "lang", "word"), [
    (".html", "en", "Escalation applied early or late"),
    (".html", "zh", "调价提前或滞后"),
])  # fmt: skip
def test_html_report_in_both_languages(tmp_path: Path, suffix: str, lang: str, word: str) -> None:
    out = tmp_path / f"check{suffix}"
    assert run("-o", out, "--lang", lang).exit_code == 0
    assert word in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "sheet"), [("en", "Findings"), ("zh", "核对发现")])
def test_xlsx_report_has_the_findings_sheet(tmp_path: Path, lang: str, sheet: str) -> None:
    out = tmp_path / "check.xlsx"
    assert run("-o", out, "--lang", lang).exit_code == 0
    book = openpyxl.load_workbook(out)
    rows = list(book[sheet].iter_rows(values_only=True))
    assert len(rows) == 4
    assert sorted(round(r[6], 2) for r in rows[1:]) == [6000.0, 52992.0, 67140.0]


def test_csv_and_json_outputs(tmp_path: Path) -> None:
    csv_out, json_out = tmp_path / "f.csv", tmp_path / "f.json"
    assert run("-o", csv_out).exit_code == 0
    assert csv_out.read_text(encoding="utf-8").count("\n") == 4
    assert run("-o", json_out).exit_code == 0
    assert len(json.loads(json_out.read_text(encoding="utf-8"))["findings"]) == 3


def test_an_input_file_is_never_overwritten(tmp_path: Path) -> None:
    invoice = tmp_path / "invoice.csv"
    invoice.write_bytes(INVOICE.read_bytes())
    result = run("-o", invoice, invoice=invoice)
    assert result.exit_code == 2
    assert "never overwritten" in result.output
    assert invoice.read_bytes() == INVOICE.read_bytes()


def test_xlsx_inputs_read_the_same(tmp_path: Path) -> None:
    paths = []
    for source in (ACTUALS, INVOICE):
        book = openpyxl.Workbook()
        sheet = book.active
        for r, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            for c, cell in enumerate(text.split(","), start=1):
                try:
                    value: object = float(cell) if cell and r > 1 and c > 2 else cell or None
                except ValueError:
                    value = cell
                sheet.cell(r, c, value)
        path = tmp_path / f"{source.stem}.xlsx"
        book.save(path)
        paths.append(path)
    result = run("--format", "json", actuals=paths[0], invoice=paths[1])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["findings"]) == 3


def _error(result: object) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return str(result.output)  # type: ignore[attr-defined]


def test_a_missing_column_is_located(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("month,queue,hires\n2027-12,voice-zh,4\n", encoding="utf-8")
    text = _error(run(actuals=actuals))
    assert f"{actuals}:1" in text
    assert "missing column `fte`" in text
    assert "fees[0]" in text


def test_a_month_outside_the_contract_is_located(tmp_path: Path) -> None:
    invoice = tmp_path / "i.csv"
    invoice.write_text("month,line,amount\n2027-12,tax,1\n2030-01,tax,1\n", encoding="utf-8")
    text = _error(run(invoice=invoice))
    assert f"{invoice}:3:1" in text
    assert "month outside the contract" in text
    assert "2030-01" in text


def test_a_line_in_an_unknown_currency_is_located(tmp_path: Path) -> None:
    invoice = tmp_path / "i.csv"
    invoice.write_text("month,line,amount,currency\n2027-12,tax,1,EUR\n", encoding="utf-8")
    text = _error(run(invoice=invoice))
    assert f"{invoice}:2:4" in text
    assert "unknown currency" in text
    assert "EUR" in text


def test_a_bad_number_is_located_in_an_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Invoice"
    sheet.append(["month", "line", "amount"])
    sheet.append(["2027-12", "tax", "lots"])
    path = tmp_path / "i.xlsx"
    book.save(path)
    text = _error(run(invoice=path))
    assert "Invoice!C2" in text
    assert "not a number" in text


def _rezip(source: Path, out: Path, add: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        for name, data in add.items():
            dst.writestr(name, data)
    return out


@pytest.mark.parametrize(
    ("part", "data", "message"),
    [
        ("xl/vbaProject.bin", b"\x00macro", "macros"),
        ("xl/externalLinks/externalLink1.xml", b"<x/>", "links to other files"),
        ("xl/evil.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x/>', "DOCTYPE"),
    ],
)
def test_hostile_workbooks_are_refused_like_the_rfp_importer(
    tmp_path: Path, part: str, data: bytes, message: str
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["month", "line", "amount"])
    clean = tmp_path / "clean.xlsx"
    book.save(clean)
    hostile = _rezip(clean, tmp_path / "hostile.xlsx", {part: data})
    assert message in _error(run(invoice=hostile))


def test_macro_enabled_and_fake_workbooks_are_refused(tmp_path: Path) -> None:
    xlsm = tmp_path / "invoice.xlsm"
    xlsm.write_bytes(b"PK\x03\x04")
    assert "refused" in _error(run(invoice=xlsm))
    fake = tmp_path / "invoice.xlsx"
    fake.write_text("month,line,amount\n", encoding="utf-8")
    assert "not a readable .xlsx" in _error(run(invoice=fake))


def test_the_efficiency_view_by_hand() -> None:
    """E-mail is deferred work: hours needed = handled × AHT / 3600 / max occupancy.

    8,350 × 425 / 3,600 / 0.85 = 1,159.72 productive hours; paid = / (1 − 0.30) (the
    vendor's shrinkage) = 1,656.75. Billed: 96 FTE × 174 hours per FTE = 16,704 paid hours.
    """
    doc = json.loads(run("--format", "json").stdout)
    rows = {r["queue"]: r for r in doc["efficiency"]}
    email = rows["email-zh"]
    assert email["workload_hours"] == pytest.approx(8350 * 425 / 3600)
    assert email["needed_productive_hours"] == pytest.approx(8350 * 425 / 3600 / 0.85)
    assert email["needed_paid_hours"] == pytest.approx(8350 * 425 / 3600 / 0.85 / 0.70)
    total = rows["*"]
    assert total["billed_paid_hours"] == pytest.approx(96 * 174)
    assert total["explained"] == pytest.approx(total["needed_paid_hours"] / (96 * 174))


def test_actuals_outside_the_contract_and_an_invoice_month_without_actuals(
    tmp_path: Path,
) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        "month,queue,fte,hires,service_level\n2030-01,voice-zh,4,1,0.9\n", encoding="utf-8"
    )
    text = _error(run(actuals=actuals))
    assert f"{actuals}:2:1: month: month outside the contract" in text
    actuals.write_text(
        "month,queue,fte,hires,service_level\n2027-11,voice-zh,4,1,0.9\n", encoding="utf-8"
    )
    text = _error(run(actuals=actuals))
    assert f"{INVOICE}:2:1: month: no actuals for this month" in text
