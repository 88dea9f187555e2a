"""The report's rosters: a table and a chart for parts on shift templates, in HTML and XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from cscost import evaluate
from cscost.io import load_scenario
from cscost.report import lang, render_html
from cscost.report.rosters import charted_part, roster_rows
from cscost.report.xlsx import write_xlsx

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def rostered(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    text = (EXAMPLES / "rostered" / "ecommerce.yaml").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("rostered") / "s.yaml"
    path.write_text(text.replace("  months: 36", "  months: 2", 1), encoding="utf-8")
    scenario = load_scenario(path)
    return scenario, evaluate(scenario)


def test_each_rostered_part_has_its_hours_and_efficiency(rostered: tuple[object, object]) -> None:
    scenario, evaluation = rostered
    rows = roster_rows(evaluation)  # type: ignore[arg-type]
    assert rows
    by_part = {
        (o.name, p.usage.label): p
        for o in evaluation.options  # type: ignore[attr-defined]
        for p in o.parts
    }
    for row in rows:
        part = by_part[(row.option, row.part)]
        # the rostered hours are the hours the bill uses; a roster never has fewer
        assert row.rostered_hours == pytest.approx(float(part.usage.productive_hours.sum()))
        assert row.rostered_hours >= row.erlang_hours - 1e-6
        assert 0 < row.efficiency <= 1 + 1e-12
        assert 0 <= row.worst_gap < 1
    assert charted_part(evaluation) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(("code", "title"), [("en", "Rosters"), ("zh", "班次排班表")])
def test_html_and_workbook_show_the_rosters(
    rostered: tuple[object, object], tmp_path: Path, code: str, title: str
) -> None:
    scenario, evaluation = rostered
    html = render_html(evaluation, scenario, lang(code))  # type: ignore[arg-type]
    assert 'id="rosters"' in html
    assert "chart-roster" in html
    assert f"<h2>{title}</h2>" in html
    out = tmp_path / "r.xlsx"
    write_xlsx(out, evaluation, scenario, lang(code))  # type: ignore[arg-type]
    sheet = load_workbook(out)[title]
    rows = roster_rows(evaluation)  # type: ignore[arg-type]
    assert sheet.max_row == len(rows) + 1
    assert sheet.cell(2, 6).value == pytest.approx(rows[0].efficiency)


def test_no_roster_section_without_shift_templates(tmp_path: Path) -> None:
    text = (EXAMPLES / "ecommerce.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("  months: 36", "  months: 3", 1), encoding="utf-8")
    scenario = load_scenario(path)
    evaluation = evaluate(scenario)
    assert roster_rows(evaluation) == []
    assert 'id="rosters"' not in render_html(evaluation, scenario, lang("en"))
