"""Template → filled by a vendor (openpyxl) → imported: the quote typed is the quote read."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
from test_template_support import (
    HAND_QUOTE,
    VENDOR_FILL,
    fill,
    pricing_cell,
    rezip,
    scenario,
)

from cscost.errors import InputFileError
from cscost.io.rfp.read import read_quote
from cscost.io.rfp.write import write_template
from cscost.model import Vendor


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(scenario(), tmp_path_factory.mktemp("rfp") / "rfp.xlsx", "en")


@pytest.fixture(scope="module")
def filled(template: Path) -> Path:
    return fill(template, template.with_name("filled.xlsx"), VENDOR_FILL)


def test_the_imported_vendor_equals_the_quote_written_by_hand(filled: Path) -> None:
    quote = read_quote(filled, scenario(), "huaxin")
    assert quote.vendor == Vendor.model_validate(HAND_QUOTE)
    assert quote.not_offered == ("holiday_surcharge", "language_surcharge")
    assert quote.notes == ()


def test_evaluate_gives_the_same_bill_for_the_imported_and_the_hand_quote(filled: Path) -> None:
    """The whole point: the filled workbook prices exactly like the hand-written YAML."""
    from cscost.evaluate.evaluation import evaluate

    imported = read_quote(filled, scenario(), "huaxin").data
    by_hand = evaluate(scenario(HAND_QUOTE))
    from_workbook = evaluate(scenario(imported))
    for a, b in zip(by_hand.options, from_workbook.options, strict=True):
        assert a.name == b.name
        np.testing.assert_array_equal(a.monthly_cost, b.monthly_cost)
        assert a.total == b.total
    assert by_hand.options[-1].total > 0


def _zh_fill() -> dict[tuple[str, str], object]:
    zh_words = {
        "charged": "收费",
        "included": "已包含",
        "not offered": "不提供",
        "per FTE-month": "每FTE每月",
        "per new hire": "每新员工",
        "per handled minute": "每处理分钟",
        "per month (fixed)": "每月固定",
        "one-time": "一次性",
        "marginal": "分段累进",
        "applies": "适用",
    }
    return {k: zh_words.get(v, v) if isinstance(v, str) else v for k, v in VENDOR_FILL.items()}


def test_zh_template_filled_in_chinese_reads_the_same_quote(tmp_path: Path) -> None:
    template = write_template(scenario(), tmp_path / "rfp-zh.xlsx", "zh")
    quote = read_quote(
        fill(template, tmp_path / "filled-zh.xlsx", _zh_fill()), scenario(), "huaxin"
    )
    assert quote.vendor == Vendor.model_validate(HAND_QUOTE)


def test_every_content_problem_is_reported_at_once_with_sheet_cell_and_field(
    template: Path, tmp_path: Path
) -> None:
    bad = {
        **VENDOR_FILL,
        ("Pricing", "labour-1:E"): "about 13k",  # text where a number belongs
        ("Pricing", "training:F"): "per banana",  # a unit outside the list
        ("Pricing", "labour-1:G"): "voice-zh, voice-jp",  # a queue the scenario lacks
        ("Pricing", "setup:D"): None,  # a required category left blank
        ("Pricing", "setup:E"): None,
        ("Terms", "B5"): "EUR",  # a currency without fx
        ("Terms", "B15"): None,  # tax applies without a rate
        ("Assumptions", "B4"): "30 percent",
    }
    with pytest.raises(InputFileError) as caught:
        read_quote(fill(template, tmp_path / "bad.xlsx", bad), scenario(), "huaxin")
    text = str(caught.value)
    cell = {
        key: pricing_cell(template, key, col)
        for key, col in (("labour-1", "E"), ("training", "F"), ("setup", "D"))
    }
    assert f"Pricing!{cell['labour-1']}: labour-1 rate or amount: text where a number belongs" in (
        text
    )
    assert "'about 13k'" in text
    assert f"Pricing!{cell['training']}: training unit: not one of the listed values" in text
    assert "per new hire" in text
    assert re.search(r"Pricing!G\d+: labour-1 queues: no queue `voice-jp`", text)
    assert f"Pricing!{cell['setup']}: setup status: required category left blank" in text
    assert "Terms!B5: currency: the scenario has no exchange rate for EUR (found 'EUR'" in text
    assert "Terms!B15: tax_rate: applies, but no value given" in text
    assert "Assumptions!B4: shrinkage: text where a number belongs" in text
    assert len(caught.value.issues) == 7


def test_a_rate_with_status_included_and_missing_labour_are_issues(
    template: Path, tmp_path: Path
) -> None:
    bad = {k: v for k, v in VENDOR_FILL.items() if not k[1].startswith(("labour-1", "tiers"))}
    bad[("Pricing", "technology:E")] = 500
    with pytest.raises(InputFileError) as caught:
        read_quote(fill(template, tmp_path / "bad.xlsx", bad), scenario(), "x")
    text = str(caught.value)
    assert "technology rate or amount: a rate is given but the status is included" in text
    assert "labour: required: charge at least one labour line" in text
    assert "night-surcharge: a surcharge needs a charged labour line" in text


def test_percent_typed_as_a_whole_number_and_blank_status_with_rate(
    template: Path, tmp_path: Path
) -> None:
    values = {**VENDOR_FILL, ("Terms", "B15"): 6, ("Pricing", "setup:D"): None}
    quote = read_quote(fill(template, tmp_path / "f.xlsx", values), scenario(), "huaxin")
    assert quote.vendor.tax_rate == pytest.approx(0.06)
    assert any(f.name == "setup" for f in quote.vendor.fees)


def _with_formula(filled: Path, out: Path, cell: str, formula: str, cached: str | None) -> Path:
    """Put ``formula`` (with or without a cached value) into Pricing ``cell`` of the file."""
    with zipfile.ZipFile(filled) as archive:
        sheet = "xl/worksheets/sheet3.xml"
        xml = archive.read(sheet).decode()
    pattern = re.compile(rf'<c r="{cell}"([^>]*)>.*?</c>')
    attrs = pattern.search(xml)
    assert attrs is not None
    style = re.sub(r'\s*t="\w+"', "", attrs.group(1))
    value = f"<v>{cached}</v>" if cached is not None else ""
    xml = pattern.sub(f'<c r="{cell}"{style}><f>{formula}</f>{value}</c>', xml, count=1)
    return rezip(filled, out, replace={sheet: xml.encode()})


def test_formula_in_a_price_cell_is_read_as_its_value(
    template: Path, filled: Path, tmp_path: Path
) -> None:
    cell = pricing_cell(template, "labour-1", "E")
    path = _with_formula(filled, tmp_path / "f.xlsx", cell, "13000+800", "13800")
    quote = read_quote(path, scenario(), "huaxin")
    assert quote.vendor == Vendor.model_validate(HAND_QUOTE)
    assert quote.notes == (f"Pricing!{cell}: read the value of a formula (13800)",)


def test_formula_without_a_cached_value_names_its_cell(
    template: Path, filled: Path, tmp_path: Path
) -> None:
    cell = pricing_cell(template, "labour-1", "E")
    path = _with_formula(filled, tmp_path / "f.xlsx", cell, "13000+800", None)
    with pytest.raises(InputFileError, match=rf"Pricing!{cell}: .*formula without a computed"):
        read_quote(path, scenario(), "huaxin")


def test_a_million_rows_are_not_read(template: Path, tmp_path: Path) -> None:
    """Only the template's known ranges are read; rows far below are ignored with a note."""
    values = {**VENDOR_FILL, ("Pricing", "E1000000"): 1, ("Pricing", "A999999"): "labour-2"}
    quote = read_quote(fill(template, tmp_path / "rows.xlsx", values), scenario(), "huaxin")
    assert quote.vendor == Vendor.model_validate(HAND_QUOTE)
    assert any("rows up to 1000000 were ignored" in note for note in quote.notes)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_workbook_saved_by_libreoffice_reads_the_same_quote(lang: str, tmp_path: Path) -> None:
    """The filled template opened and saved again by LibreOffice Calc gives the same quote."""
    template = write_template(scenario(), tmp_path / f"rfp-{lang}.xlsx", lang)
    filled = fill(template, tmp_path / "filled.xlsx", VENDOR_FILL if lang == "en" else _zh_fill())
    out = tmp_path / "saved"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(filled),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    quote = read_quote(out / "filled.xlsx", scenario(), "huaxin")
    assert quote.vendor == Vendor.model_validate(HAND_QUOTE)


def test_a_row_inserted_in_terms_is_an_issue_not_a_shifted_value(
    template: Path, tmp_path: Path
) -> None:
    """Terms are read at fixed cells; a moved row must not shift values silently."""
    import openpyxl  # type: ignore[import-untyped]

    path = fill(template, tmp_path / "f.xlsx", VENDOR_FILL)
    book = openpyxl.load_workbook(path)
    book["Terms"].protection.sheet = False
    book["Terms"].insert_rows(6)
    book.save(path)
    with pytest.raises(InputFileError, match=r"Terms!A6: term_months: the rows of this sheet"):
        read_quote(path, scenario(), "huaxin")


def test_a_holiday_surcharge_imports_and_bills_the_holiday_hours(
    template: Path, tmp_path: Path
) -> None:
    """The template's holiday row reads into a `window: holiday` surcharge; on a scenario
    with holidays it bills the share of the FTE charge worked on holidays."""
    import yaml
    from test_template_support import SCENARIO_YAML

    from cscost.evaluate.evaluation import evaluate
    from cscost.io import parse_scenario

    values = {
        **VENDOR_FILL,
        ("Pricing", "holiday-surcharge:D"): "charged",
        ("Pricing", "holiday-surcharge:E"): 1.0,
    }
    quote = read_quote(fill(template, tmp_path / "holiday.xlsx", values), scenario(), "huaxin")
    surcharge = next(f for f in quote.vendor.fees if f.name == "holiday-surcharge")
    assert surcharge.window == "holiday"
    assert surcharge.percent == 1.0
    data = yaml.safe_load(SCENARIO_YAML)
    data["scenario"]["holidays"] = {"country": "CN"}
    data["vendors"] = [quote.data]
    result = evaluate(parse_scenario(yaml.safe_dump(data, allow_unicode=True), name="h.yaml"))
    option = next(o for o in result.options if o.name == "huaxin")
    rows = [r for r in option.rows if r.line.startswith("holiday-surcharge")]
    assert rows
    assert sum(r.amount for r in rows) > 0
    february = [r for r in rows if r.month == "2027-02" and r.queue == "voice-zh"]
    fte = next(
        r
        for r in option.rows
        if r.line == "labour-1" and r.month == "2027-02" and r.queue == "voice-zh"
    )
    part = next(p for p in option.parts if p.queue_id == "voice-zh")
    share = part.usage.window_hours["holiday"][1] / part.usage.productive_hours[1]
    assert february[0].amount == pytest.approx(1.0 * fte.amount * share)
    assert 0 < share < 0.5
