"""The pricing template: its sheets, inputs, drop-downs, protection and metadata."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl  # type: ignore[import-untyped]
import pytest
from test_template_support import SCENARIO_YAML, scenario

from cscost.demand.assembly import queue_monthly_volumes
from cscost.errors import ArgumentError
from cscost.io.rfp import layout as lay
from cscost.io.rfp.write import write_template


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("template") / "rfp.xlsx"
    write_template(scenario(), path, "en")
    return openpyxl.load_workbook(path)


def test_sheets_in_order_with_a_hidden_metadata_sheet(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [*lay.SHEETS, lay.META_SHEET]
    meta = book[lay.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert [meta[f"B{n}"].value for n in range(1, 5)] == [
        lay.TEMPLATE_MARKER,
        lay.TEMPLATE_VERSION,
        "Test shop 2027",
        "en",
    ]
    assert book.security.lockStructure


def test_demand_shows_every_queue_and_the_volumes_of_the_horizon(
    book: openpyxl.Workbook,
) -> None:
    """Volumes are queue_monthly_volumes of the scenario, one column per month."""
    ws = book["Demand"]
    header = [c.value for c in ws[3]]
    assert header[:9] == [
        "Queue",
        "Channel",
        "Language",
        "Tier",
        "Opening hours",
        "Service target",
        "AHT (s)",
        "Concurrency",
        "Patience (s)",
    ]
    assert header[9:] == [f"2027-{m:02d}" for m in range(1, 13)]
    s = scenario()
    for row, queue in zip((4, 5), s.queues, strict=True):
        cells = [c.value for c in ws[row]]
        assert cells[:4] == [queue.id, queue.channel, queue.language, queue.tier]
        np.testing.assert_allclose(cells[9:], queue_monthly_volumes(s, queue), atol=0.05)
    assert ws["F4"].value == "80% ≤ 20s"
    assert ws["F5"].value == "80% ≤ 72h"


def test_pricing_covers_every_audit_category_and_the_labour_kinds(
    book: openpyxl.Workbook,
) -> None:
    ws = book["Pricing"]
    keys = [ws[f"A{r}"].value for r in range(lay.PRICING_FIRST_ROW, 60)]
    categories = {lay.LINES_BY_KEY[k].category for k in keys if k in lay.LINES_BY_KEY}
    pricing_audited = {
        "setup",
        "training",
        "technology",
        "telephony",
        "night_surcharge",
        "weekend_surcharge",
        "holiday_surcharge",
        "language_surcharge",
        "management",
        "reporting",
        "integration",
    }
    assert pricing_audited | {"labour", "other"} == categories
    assert set(lay.TERM_STATUS.values()) == set(lay.TERM_CATEGORIES)
    assert "tiers" in keys
    assert "tiers-band-6" in keys
    labour_units = {lay.UNIT_LABELS[u][0] for u in lay.LABOUR_UNITS}
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any(set(dv.formula1.strip('"').split(",")) == labour_units for dv in lists)


def test_input_cells_unlocked_and_yellow_the_rest_protected(book: openpyxl.Workbook) -> None:
    ws = book["Pricing"]
    row = lay.PRICING_FIRST_ROW
    assert ws.protection.sheet
    for col in "DEFGH":
        assert ws[f"{col}{row}"].protection.locked is False
        assert ws[f"{col}{row}"].fill.fgColor.rgb.endswith("FFF2CC")
    for col in "ABC":
        assert ws[f"{col}{row}"].protection.locked is True
    terms = book["Terms"]
    assert terms.protection.sheet
    assert terms["B5"].value == "CNY"
    currency_lists = [dv for dv in terms.data_validations.dataValidation if "B5" in dv.sqref]
    assert currency_lists[0].formula1 == '"CNY,USD"'
    assert book["Demand"].protection.sheet


def test_status_and_unit_drop_downs_on_every_fee_row(book: openpyxl.Workbook) -> None:
    ws = book["Pricing"]
    validated: set[str] = set()
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            validated |= {str(c) for rng in dv.sqref.ranges for c in _cells(rng)}
    for r in range(lay.PRICING_FIRST_ROW, lay.PRICING_FIRST_ROW + 16):
        assert f"D{r}" in validated
        assert f"F{r}" in validated


def _cells(rng: object) -> list[str]:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    bounds = rng.bounds  # type: ignore[attr-defined]
    return [
        f"{get_column_letter(c)}{r}"
        for c in range(bounds[0], bounds[2] + 1)
        for r in range(bounds[1], bounds[3] + 1)
    ]


def test_zh_template_has_chinese_labels(tmp_path: Path) -> None:
    path = write_template(scenario(), tmp_path / "rfp-zh.xlsx", "zh")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:5] == ["填写说明", "业务需求", "报价", "合同条款", "服务假设"]
    ws = book["报价"]
    assert [c.value for c in ws[lay.PRICING_HEADER_ROW]][3:6] == ["状态", "单价或金额", "计价单位"]
    assert ws[f"B{lay.PRICING_FIRST_ROW}"].value == "人工服务费 1"
    statuses = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"收费,已包含,不提供"' in statuses
    assert book["合同条款"]["A4"].value == "供应商名称"
    assert book[lay.META_SHEET]["B4"].value == "zh"


def test_bad_language_or_suffix_is_an_argument_error(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="en or zh"):
        write_template(scenario(), tmp_path / "x.xlsx", "fr")
    with pytest.raises(ArgumentError, match=r"\.xlsx"):
        write_template(scenario(), tmp_path / "x.xls", "en")


def test_a_forecast_queue_shows_the_forecast_volumes(tmp_path: Path) -> None:
    """A queue whose volume is a forecast from history shows the forecast mean per month."""
    from cscost.io import load_scenario
    from cscost.io.tables.volumes import load_forecasts

    months = [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]
    history = "date,voice-zh\n" + "".join(
        f"{m},{20000 + 150 * i + (3000 if m.endswith('-11') else 0)}\n"
        for i, m in enumerate(months)
    )
    (tmp_path / "history.csv").write_text(history, encoding="utf-8")
    text = SCENARIO_YAML.replace(
        "volume: {monthly: 20000, growth: 0.05}", "volume: {forecast: history.csv}"
    )
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    s = load_scenario(tmp_path / "s.yaml")
    book = openpyxl.load_workbook(write_template(s, tmp_path / "rfp.xlsx"))
    shown = [c.value for c in book["Demand"][4]][9:]
    np.testing.assert_allclose(shown, load_forecasts(s)["voice-zh"], atol=0.05)
