"""Shared pieces of the template tests: a small scenario, and filling a template as a vendor.

No tests here; the module is imported by the other ``test_template*`` files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import yaml

from cscost.io import parse_scenario
from cscost.model import Scenario

SCENARIO_YAML = """
scenario:
  name: Test shop 2027
  currency: CNY
  start: 2027-01
  months: 12
  interval_minutes: 60
  fx: {USD: 7.1}
workforce: {shrinkage: 0.3, hours_per_fte_month: 174}
queues:
  - id: voice-zh
    channel: voice
    language: zh
    volume: {monthly: 20000, growth: 0.05}
    aht: 300s
    hours: "Mon-Sat 08:00-22:00"
    target: {answer_within: 20s, level: 0.8}
    fcr: 0.7
  - id: email-en
    channel: email
    language: en
    tier: senior
    volume: {monthly: 3000}
    aht: 6m
    hours: "Mon-Fri 09:00-18:00"
    target: {respond_within: 72h, level: 0.8}
inhouse:
  agent_monthly_cost: {general: 8500, senior: 11000}
  burden: 0.38
  seat_monthly: 1200
"""

VENDOR_FILL: dict[tuple[str, str], Any] = {
    ("Pricing", "labour-1:D"): "charged",
    ("Pricing", "labour-1:E"): 13800,
    ("Pricing", "labour-1:F"): "per FTE-month",
    ("Pricing", "labour-1:G"): "voice-zh",
    ("Pricing", "setup:D"): "charged",
    ("Pricing", "setup:E"): 150000,
    ("Pricing", "training:D"): "charged",
    ("Pricing", "training:E"): 2000,
    ("Pricing", "training:F"): "per new hire",
    ("Pricing", "technology:D"): "included",
    ("Pricing", "telephony:D"): "charged",
    ("Pricing", "telephony:E"): 0.12,
    ("Pricing", "telephony:F"): "per handled minute",
    ("Pricing", "night-surcharge:D"): "charged",
    ("Pricing", "night-surcharge:E"): 0.2,
    ("Pricing", "weekend-surcharge:D"): "charged",
    ("Pricing", "weekend-surcharge:E"): 0.1,
    ("Pricing", "holiday-surcharge:D"): "not offered",
    ("Pricing", "language-surcharge:D"): "not offered",
    ("Pricing", "management:D"): "charged",
    ("Pricing", "management:E"): 8000,
    ("Pricing", "management:F"): "per month (fixed)",
    ("Pricing", "reporting:D"): "included",
    ("Pricing", "integration:D"): "charged",
    ("Pricing", "integration:E"): 30000,
    ("Pricing", "integration:F"): "one-time",
    ("Pricing", "tiers:F"): "marginal",
    ("Pricing", "tiers:G"): "email-en",
    ("Pricing", "tiers-band-1:D"): 2000,
    ("Pricing", "tiers-band-1:E"): 6.5,
    ("Pricing", "tiers-band-2:E"): 5.5,
    ("Terms", "B4"): "Huaxin BPO",
    ("Terms", "B5"): "CNY",
    ("Terms", "B6"): 24,
    ("Terms", "B7"): 3,
    ("Terms", "B9"): 200000,
    ("Terms", "C9"): "applies",
    ("Terms", "B10"): 0.04,
    ("Terms", "B11"): 12,
    ("Terms", "B12"): 0.1,
    ("Terms", "B13"): 0.15,
    ("Terms", "B14"): 300000,
    ("Terms", "C15"): "applies",
    ("Terms", "B15"): 0.06,
    ("Assumptions", "B4"): 0.28,
    ("Assumptions", "B5"): 170,
    ("Assumptions", "B8"): 2,
    ("Assumptions", "B9"): 1.15,
    ("Assumptions", "B10"): 0.72,
    ("Assumptions", "B12"): 0.86,
    ("Assumptions", "D16"): 320,
}
"""What the vendor types: (sheet, cell) or (sheet, "<row key>:<column>") on Pricing."""

HAND_QUOTE: dict[str, Any] = {
    "id": "huaxin",
    "name": "Huaxin BPO",
    "term_months": 24,
    "notice_months": 3,
    "fees": [
        {
            "kind": "per_fte_month",
            "name": "labour-1",
            "category": "labour",
            "rate": 13800,
            "queues": ["voice-zh"],
        },
        {"kind": "one_time", "name": "setup", "category": "setup", "amount": 150000},
        {"kind": "per_new_hire", "name": "training", "category": "training", "amount": 2000},
        {"kind": "per_minute", "name": "telephony", "category": "telephony", "rate": 0.12},
        {
            "kind": "surcharge",
            "name": "night-surcharge",
            "category": "night_surcharge",
            "window": "night",
            "percent": 0.2,
            "on": ["labour-1", "labour-tiers"],
        },
        {
            "kind": "surcharge",
            "name": "weekend-surcharge",
            "category": "weekend_surcharge",
            "window": "weekend",
            "percent": 0.1,
            "on": ["labour-1", "labour-tiers"],
        },
        {"kind": "fixed_monthly", "name": "management", "category": "management", "amount": 8000},
        {"kind": "one_time", "name": "integration", "category": "integration", "amount": 30000},
        {
            "kind": "per_contact",
            "name": "labour-tiers",
            "category": "labour",
            "tiering": "marginal",
            "queues": ["email-en"],
            "tiers": [{"up_to": 2000, "rate": 6.5}, {"rate": 5.5}],
        },
    ],
    "included": ["technology", "reporting"],
    "minimum_monthly": 200000,
    "escalation": {"rate": 0.04, "every_months": 12},
    "sla": {"at_risk": 0.1, "expected_miss_rate": 0.15},
    "termination_fee": 300000,
    "tax_rate": 0.06,
    "assumptions": {
        "aht": {"voice-zh": "320s"},
        "shrinkage": 0.28,
        "hours_per_fte_month": 170,
        "ramp": {"months": 2, "aht_factor": 1.15},
    },
    "kpis": {"fcr": 0.72, "csat": 0.86},
}
"""The same quote written by hand, as a scenario file would hold it."""


def scenario(with_vendor: Mapping[str, Any] | None = None) -> Scenario:
    """The test scenario, optionally with one vendor added."""
    data = yaml.safe_load(SCENARIO_YAML)
    if with_vendor is not None:
        data["vendors"] = [dict(with_vendor)]
    return parse_scenario(yaml.safe_dump(data, allow_unicode=True), name="test.yaml")


def write_scenario(folder: Path) -> Path:
    """The test scenario as a file in ``folder``."""
    path = folder / "scenario.yaml"
    path.write_text(SCENARIO_YAML, encoding="utf-8")
    return path


def pricing_rows(sheet: Any) -> dict[str, int]:
    """Row of every key in column A of a Pricing sheet."""
    return {str(sheet[f"A{r}"].value): r for r in range(1, 100) if sheet[f"A{r}"].value is not None}


def fill(template: Path, out: Path, values: Mapping[tuple[str, str], Any]) -> Path:
    """Type ``values`` into the template with openpyxl, as a vendor would, and save."""
    book = openpyxl.load_workbook(template)
    names = {"Pricing": "Pricing", "Terms": "Terms", "Assumptions": "Assumptions"}
    if "报价" in book.sheetnames:
        names = {"Pricing": "报价", "Terms": "合同条款", "Assumptions": "服务假设"}
    rows = pricing_rows(book[names["Pricing"]])
    for (sheet, ref), value in values.items():
        if ":" in ref:
            key, column = ref.split(":")
            ref = f"{column}{rows[key]}"
        book[names[sheet]][ref] = value
    book.save(out)
    return out


def pricing_cell(template: Path, key: str, column: str) -> str:
    """``E7``: the cell of ``column`` in the Pricing row ``key``."""
    book = openpyxl.load_workbook(template)
    return f"{column}{pricing_rows(book['Pricing'])[key]}"


def rezip(
    source: Path,
    out: Path,
    *,
    add: Mapping[str, bytes] = {},
    replace: Mapping[str, bytes] = {},
    drop: tuple[str, ...] = (),
) -> Path:  # noqa: B006
    """A copy of the zip ``source`` with parts added, replaced or dropped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename in drop:
                continue
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, data in add.items():
            dst.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    return out
