"""Write the vendor pricing template (RFP workbook) for a scenario.

``write_template(scenario, path, lang)`` builds an ``.xlsx`` with openpyxl: the
instructions, the demand every vendor prices (queues and monthly volumes over the
horizon), a pricing sheet with one row per fee line and a block of volume bands, the
contract terms and the vendor's own assumptions. Input cells are yellow and unlocked;
everything else is protected (sheets and workbook structure, no password). Drop-down
lists cover statuses, units, currencies and the tiering rule. A hidden sheet holds the
template marker, version, scenario name and language. The layout lives in
:mod:`cscost.io.rfp.layout`; :mod:`cscost.io.rfp.read` reads it back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]
from openpyxl.workbook.protection import WorkbookProtection  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from cscost.errors import ArgumentError
from cscost.io.rfp import layout as lay
from cscost.io.rfp.text import INSTRUCTIONS, category_title, word
from cscost.io.tables.writers import atomic_path, formula_safe
from cscost.model import Queue, Scenario

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
UNLOCKED = Protection(locked=False)
PERCENT_FORMAT = "0.0%"
Sheet = Any  # openpyxl.worksheet.worksheet.Worksheet (untyped)


def sheet_title(key: str, lang: str) -> str:
    """The tab name of sheet ``key`` (``Pricing`` …) in ``lang``."""
    return word(key, lang)


def write_template(scenario: Scenario, path: str | os.PathLike[str], lang: str = "en") -> Path:
    """Write the RFP workbook of ``scenario`` to ``path`` in ``lang`` (en or zh)."""
    if lang not in ("en", "zh"):
        raise ArgumentError(f"--lang: expected en or zh, found {lang!r}")
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ArgumentError(f"--output: the template is an .xlsx file, found {target.name}")
    book = Workbook()
    _instructions(book.active, scenario, lang)
    _demand(book.create_sheet(sheet_title("Demand", lang)), scenario, lang)
    _pricing(book.create_sheet(sheet_title("Pricing", lang)), scenario, lang)
    _terms(book.create_sheet(sheet_title("Terms", lang)), scenario, lang)
    _assumptions(book.create_sheet(sheet_title("Assumptions", lang)), scenario, lang)
    _meta(book.create_sheet(lay.META_SHEET), scenario, lang)
    book.properties.creator = "cscost"
    book.properties.title = f"{word('title', lang)}: {scenario.scenario.name}"
    book.properties.keywords = f"{lay.TEMPLATE_MARKER} v{lay.TEMPLATE_VERSION}"
    book.security = WorkbookProtection(lockStructure=True)
    _neutralise(book, sheet_title("Demand", lang))
    book.active = 0
    with atomic_path(target) as temp:
        book.save(temp)
    return target


# -- helpers --------------------------------------------------------------------------------

_OUR_FORMULA = re.compile(r"^=SUM\([A-Z]{1,3}\d+:[A-Z]{1,3}\d+\)$")


def _neutralise(book: Any, demand_title: str) -> None:
    """Text cells a spreadsheet would read as formulas made text (``'=…``); names come
    from outside. The only formulas kept are cscost's Demand column totals."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if ws.title == demand_title and _OUR_FORMULA.match(value):
                    continue
                safe = formula_safe(value)
                if safe is not value:
                    cell.value = safe
                    cell.data_type = "s"


def _protect(ws: Sheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _input(ws: Sheet, ref: str, value: Any = None, number_format: str | None = None) -> None:
    cell = ws[ref]
    if value is not None:
        cell.value = value
    cell.fill = INPUT_FILL
    cell.protection = UNLOCKED
    if number_format is not None:
        cell.number_format = number_format


def _header(ws: Sheet, row: int, values: list[str], first_col: int = 1) -> None:
    for n, value in enumerate(values):
        cell = ws.cell(row=row, column=first_col + n, value=value)
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _list_validation(ws: Sheet, options: list[str]) -> Any:
    """A drop-down of ``options`` (inline list; the labels contain no commas)."""
    quoted = '"' + ",".join(options) + '"'
    check = DataValidation(type="list", formula1=quoted, allow_blank=True, showErrorMessage=True)
    ws.add_data_validation(check)
    return check


def _number_validation(ws: Sheet, kind: str, low: float, high: float | None = None) -> Any:
    if high is None:
        check = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low))
    else:
        check = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high))
    check.allow_blank = True
    check.showErrorMessage = True
    ws.add_data_validation(check)
    return check


def _widths(ws: Sheet, widths: dict[str, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[col].width = width


# -- sheets ---------------------------------------------------------------------------------


def _instructions(ws: Sheet, scenario: Scenario, lang: str) -> None:
    info = scenario.scenario
    ws.title = sheet_title("Instructions", lang)
    ws["A1"] = f"{word('title', lang)}: {info.name}"
    ws["A1"].font = TITLE_FONT
    ws["A3"] = word("scenario", lang)
    ws["B3"] = info.name
    ws["A4"] = word("currency", lang)
    ws["B4"] = ", ".join([info.currency, *sorted(info.fx)])
    ws["A5"] = word("horizon", lang)
    ws["B5"] = f"{info.months} {word('months', lang)} {info.start}"
    for n, pair in enumerate(INSTRUCTIONS):
        ws.cell(row=7 + n, column=1, value=f"{n + 1}.")
        ws.cell(row=7 + n, column=2, value=pair[1] if lang == "zh" else pair[0])
    ws.cell(
        row=8 + len(INSTRUCTIONS), column=1, value=f"{lay.TEMPLATE_MARKER} v{lay.TEMPLATE_VERSION}"
    )
    _widths(ws, {"A": 14, "B": 110})
    _protect(ws)


def _target_text(queue: Queue) -> str:
    target = queue.target
    level = f"{target.level:.0%}"
    if target.answer_within_s is not None:
        text = f"{level} ≤ {target.answer_within_s:g}s"
        if target.max_asa_s is not None:
            text += f", ASA ≤ {target.max_asa_s:g}s"
        return text
    within = target.respond_within_s or 0.0
    return f"{level} ≤ {within / 3600:g}h"


def _monthly_volumes(scenario: Scenario) -> dict[str, list[float]]:
    """V[i] of every queue: formula, list, or the forecast of its history file."""
    from cscost.demand.assembly import queue_monthly_volumes
    from cscost.io.tables.volumes import load_forecasts

    forecasts = (
        load_forecasts(scenario) if any(q.volume.forecast for q in scenario.queues) else None
    )
    return {
        queue.id: [round(float(v), 1) for v in queue_monthly_volumes(scenario, queue, forecasts)]
        for queue in scenario.queues
    }


def _demand(ws: Sheet, scenario: Scenario, lang: str) -> None:
    ws["A1"] = f"{word('Demand', lang)}: {scenario.scenario.name}"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = word("demand_note", lang)
    months = list(scenario.horizon.labels)
    volumes = _monthly_volumes(scenario)
    fixed = [
        "queue",
        "channel",
        "language",
        "tier",
        "hours",
        "target",
        "aht_s",
        "concurrency",
        "patience_s",
    ]
    _header(ws, 3, [word(k, lang) for k in fixed] + months)
    for r, queue in enumerate(scenario.queues, start=4):
        row: list[Any] = [
            queue.id,
            queue.channel,
            queue.language,
            queue.tier,
            str(queue.hours),
            _target_text(queue),
            queue.aht_s,
            queue.concurrency,
            queue.patience_s,
        ]
        row += volumes[queue.id]
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    total_row = 4 + len(scenario.queues)
    ws.cell(row=total_row, column=1, value=word("total", lang)).font = HEADER_FONT
    for c in range(len(fixed) + 1, len(fixed) + len(months) + 1):
        column = ws.cell(row=3, column=c).column_letter
        ws.cell(row=total_row, column=c, value=f"=SUM({column}4:{column}{total_row - 1})")
    ws.freeze_panes = "B4"
    _widths(ws, {"A": 16, "E": 28, "F": 18})
    _protect(ws)


def _pricing(ws: Sheet, scenario: Scenario, lang: str) -> None:
    ws["A1"] = f"{word('Pricing', lang)}: {scenario.scenario.name}"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = word("pricing_note", lang)
    keys = ["key", "fee", "category", "status", "rate", "unit", "queues", "notes"]
    _header(ws, lay.PRICING_HEADER_ROW, [word(k, lang) for k in keys])
    statuses = _list_validation(ws, [lay.label(p, lang) for p in lay.STATUS_LABELS.values()])
    amounts = _number_validation(ws, "decimal", 0)
    percents = _number_validation(ws, "decimal", 0, 10)
    unit_lists: dict[tuple[str, ...], Any] = {}
    row = lay.PRICING_FIRST_ROW
    for line in lay.pricing_lines(lay.labour_line_count(scenario)):
        _fee_row(ws, row, line, lang)
        statuses.add(f"{lay.COL_STATUS}{row}")
        (percents if line.units == ("surcharge",) else amounts).add(f"{lay.COL_RATE}{row}")
        if line.units not in unit_lists:
            labels = [lay.label(lay.UNIT_LABELS[u], lang) for u in line.units]
            unit_lists[line.units] = _list_validation(ws, labels)
        unit_lists[line.units].add(f"{lay.COL_UNIT}{row}")
        row += 1
    _tiers(ws, row + 1, lang, amounts)
    _widths(ws, {"A": 16, "B": 30, "C": 30, "D": 14, "E": 16, "F": 22, "G": 26, "H": 40})
    ws.freeze_panes = f"A{lay.PRICING_FIRST_ROW}"
    _protect(ws)


def _fee_row(ws: Sheet, row: int, line: lay.PricingLine, lang: str) -> None:
    ws[f"{lay.COL_KEY}{row}"] = line.key
    number = line.key.rsplit("-", 1)[-1]
    if line.category == "labour":
        name = f"{word('labour_n', lang)} {number}"
    elif line.category == "other":
        name = f"{word('other_n', lang)} {number}"
    else:
        name = category_title(line.category, lang) + " *"
    ws[f"{lay.COL_FEE}{row}"] = name
    ws[f"{lay.COL_CATEGORY}{row}"] = category_title(line.category, lang)
    surcharge = line.units == ("surcharge",)
    _input(ws, f"{lay.COL_STATUS}{row}")
    _input(ws, f"{lay.COL_RATE}{row}", number_format=PERCENT_FORMAT if surcharge else None)
    unit = lay.label(lay.UNIT_LABELS[line.units[0]], lang) if len(line.units) == 1 else None
    _input(ws, f"{lay.COL_UNIT}{row}", unit)
    _input(ws, f"{lay.COL_QUEUES}{row}", "all")
    _input(ws, f"{lay.COL_NOTES}{row}")


def _tiers(ws: Sheet, top: int, lang: str, amounts: Any) -> None:
    ws[f"{lay.COL_FEE}{top}"] = word("tiers_title", lang)
    ws[f"{lay.COL_FEE}{top}"].font = HEADER_FONT
    ws[f"{lay.COL_KEY}{top + 1}"] = lay.TIERS_KEY
    ws[f"{lay.COL_FEE}{top + 1}"] = word("tiers_row", lang)
    marginal = lay.label(lay.TIERING_LABELS["marginal"], lang)
    _input(ws, f"{lay.COL_UNIT}{top + 1}", marginal)
    _list_validation(ws, [lay.label(p, lang) for p in lay.TIERING_LABELS.values()]).add(
        f"{lay.COL_UNIT}{top + 1}"
    )
    _input(ws, f"{lay.COL_QUEUES}{top + 1}", "all")
    _input(ws, f"{lay.COL_NOTES}{top + 1}")
    _header(ws, top + 2, [word("band", lang)], first_col=2)
    ws[f"{lay.BAND_UP_TO_COL}{top + 2}"] = word("up_to", lang)
    ws[f"{lay.BAND_RATE_COL}{top + 2}"] = word("band_rate", lang)
    for n in range(1, lay.TIER_BANDS + 1):
        row = top + 2 + n
        ws[f"{lay.COL_KEY}{row}"] = lay.band_key(n)
        ws[f"{lay.COL_FEE}{row}"] = f"{word('band', lang)} {n}"
        _input(ws, f"{lay.BAND_UP_TO_COL}{row}")
        _input(ws, f"{lay.BAND_RATE_COL}{row}")
        amounts.add(f"{lay.BAND_UP_TO_COL}{row}")
        amounts.add(f"{lay.BAND_RATE_COL}{row}")


_PERCENT_TERMS = frozenset(
    {"escalation_rate", "sla_at_risk", "sla_expected_miss_rate", "tax_rate", "discount"}
)
_MONTH_TERMS = frozenset(
    {"term_months", "notice_months", "trial_months", "escalation_every_months"}
)


def _terms(ws: Sheet, scenario: Scenario, lang: str) -> None:
    info = scenario.scenario
    ws["A1"] = f"{word('Terms', lang)}: {info.name}"
    ws["A1"].font = TITLE_FONT
    _header(
        ws,
        lay.TERMS_FIRST_ROW - 1,
        [word(k, lang) for k in ("term", "value", "term_status", "hint")],
    )
    currencies = _list_validation(ws, [info.currency, *sorted(info.fx)])
    statuses = _list_validation(ws, [lay.label(p, lang) for p in lay.TERM_STATUS_LABELS.values()])
    months = _number_validation(ws, "whole", 0)
    percents = _number_validation(ws, "decimal", 0, 100)
    amounts = _number_validation(ws, "decimal", 0)
    for key in lay.TERM_KEYS:
        row = lay.term_row(key)
        ref = f"{lay.TERMS_VALUE_COL}{row}"
        ws[f"A{row}"] = word(key, lang)
        percent = key in _PERCENT_TERMS
        _input(
            ws,
            ref,
            info.currency if key == "currency" else None,
            PERCENT_FORMAT if percent else None,
        )
        if key == "currency":
            currencies.add(ref)
        elif key in _MONTH_TERMS:
            months.add(ref)
        elif percent:
            percents.add(ref)
        elif key != "vendor_name":
            amounts.add(ref)
        if key in lay.TERM_STATUS:
            _input(ws, f"{lay.TERMS_STATUS_COL}{row}")
            statuses.add(f"{lay.TERMS_STATUS_COL}{row}")
            ws[f"D{row}"] = category_title(lay.TERM_STATUS[key], lang) + " *"
    _widths(ws, {"A": 40, "B": 18, "C": 22, "D": 34})
    _protect(ws)


_ASSUMPTION_FORMATS = {
    "shrinkage": PERCENT_FORMAT,
    "attrition": PERCENT_FORMAT,
    "max_occupancy": PERCENT_FORMAT,
    "fcr": PERCENT_FORMAT,
    "service_level": PERCENT_FORMAT,
    "csat": PERCENT_FORMAT,
    "qa_score": PERCENT_FORMAT,
}


def _assumptions(ws: Sheet, scenario: Scenario, lang: str) -> None:
    ws["A1"] = f"{word('Assumptions', lang)}: {scenario.scenario.name}"
    ws["A1"].font = TITLE_FONT
    _header(
        ws, lay.ASSUMPTIONS_FIRST_ROW - 1, [word(k, lang) for k in ("assumption", "value", "hint")]
    )
    numbers = _number_validation(ws, "decimal", 0)
    for key in lay.ASSUMPTION_KEYS:
        row = lay.assumption_row(key)
        ws[f"A{row}"] = word(key, lang)
        ref = f"{lay.ASSUMPTION_VALUE_COL}{row}"
        _input(ws, ref, number_format=_ASSUMPTION_FORMATS.get(key))
        numbers.add(ref)
        ws[f"C{row}"] = word("blank_default", lang)
    head = lay.aht_header_row()
    _header(ws, head, [word(k, lang) for k in ("queue", "channel", "scenario_aht", "your_aht")])
    for r, queue in enumerate(scenario.queues, start=lay.aht_first_row()):
        ws[f"A{r}"] = queue.id
        ws[f"B{r}"] = queue.channel
        ws[f"C{r}"] = queue.aht_s
        _input(ws, f"{lay.AHT_COL}{r}")
        numbers.add(f"{lay.AHT_COL}{r}")
    _widths(ws, {"A": 36, "B": 16, "C": 22, "D": 24})
    _protect(ws)


def _meta(ws: Sheet, scenario: Scenario, lang: str) -> None:
    values: dict[str, Any] = {
        "template": lay.TEMPLATE_MARKER,
        "version": lay.TEMPLATE_VERSION,
        "scenario": scenario.scenario.name,
        "lang": lang,
        "queues": ",".join(scenario.queue_ids),
    }
    for row, key in enumerate(lay.META_ROWS, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=values[key])
    ws.sheet_state = "hidden"
    _protect(ws)
