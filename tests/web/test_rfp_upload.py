"""A filled RFP workbook uploaded to a project adds its vendor to the current version,
as `cscost import-quote --merge-into` does on the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import yaml
from typer.testing import CliRunner

import cscost.cli
from tests.web.conftest import SCENARIO_YAML, Web

cscost.cli._register()

INCLUDED = (
    "setup", "training", "technology", "telephony", "night-surcharge", "weekend-surcharge",
    "holiday-surcharge", "language-surcharge", "management", "reporting", "integration",
)  # fmt: skip


def filled_workbook(folder: Path) -> bytes:
    """The RFP template of the test scenario, filled in by a vendor (95 per hour)."""
    scenario = folder / "helpdesk.yaml"
    scenario.write_text(SCENARIO_YAML, encoding="utf-8")
    template = folder / "rfp.xlsx"
    made = CliRunner().invoke(cscost.cli.app, ["template", str(scenario), "-o", str(template)])
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(template)
    pricing = book["Pricing"]
    rows = {pricing[f"A{r}"].value: r for r in range(5, 60)}
    pricing[f"D{rows['labour-1']}"] = "charged"
    pricing[f"E{rows['labour-1']}"] = 95
    pricing[f"F{rows['labour-1']}"] = "per productive hour"
    for key in INCLUDED:
        pricing[f"D{rows[key]}"] = "included"
    terms = book["Terms"]
    terms["B4"] = "Shenzhou Service"
    for row in (9, 10, 12, 14, 15):
        terms[f"C{row}"] = "none"
    filled = folder / "filled.xlsx"
    book.save(filled)
    return filled.read_bytes()


def test_a_filled_workbook_adds_its_vendor(sqlite_web: Web, tmp_path: Path) -> None:
    web = sqlite_web
    headers = web.token(web.user())
    project = web.project(headers)
    first = web.upload(headers, project)
    answer = web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("quote.xlsx", filled_workbook(tmp_path), "application/octet-stream")},
        data={"message": "Shenzhou's quote"},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["parent_id"] == first["id"]
    text = web.client.get(f"/api/versions/{answer.json()['id']}", headers=headers).json()["text"]
    vendors = yaml.safe_load(text)["vendors"]
    assert [v["id"] for v in vendors][:2] == ["vendor-p", "vendor-h"]
    added = vendors[2]
    assert added["name"] == "Shenzhou Service"
    assert any(f.get("rate") == 95 for f in added["fees"])
    # every line of the version it was added to is kept as written, its comment included
    before = web.client.get(f"/api/versions/{first['id']}", headers=headers).json()["text"]
    rest = iter(text.splitlines())
    assert all(any(line == other for other in rest) for line in before.splitlines())
    assert "# a comment the web app must keep" in text


def test_a_workbook_needs_a_scenario_first(sqlite_web: Web, tmp_path: Path) -> None:
    headers = sqlite_web.token(sqlite_web.user())
    project = sqlite_web.project(headers)
    answer = sqlite_web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("quote.xlsx", filled_workbook(tmp_path), "application/octet-stream")},
        headers=headers,
    )
    assert answer.status_code == 422
    assert "upload a scenario first" in answer.json()["issues"][0]["message"]


def test_a_broken_workbook_is_422(sqlite_web: Web) -> None:
    headers = sqlite_web.token(sqlite_web.user())
    project = sqlite_web.project(headers)
    sqlite_web.upload(headers, project)
    answer = sqlite_web.client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("quote.xlsx", b"PK\x03\x04 not really a zip", "application/zip")},
        headers=headers,
    )
    assert answer.status_code == 422
    assert answer.json()["issues"]
