"""`cscost report` on the bundled example, as a user runs it: HTML, XLSX and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECOMMERCE = str(EXAMPLES / "ecommerce.yaml")
runner = CliRunner()


def _fewer_samples(tmp_path: Path) -> str:
    """The e-commerce example with 2,000 Monte Carlo samples (what these tests check does
    not depend on the count; ``cscost evaluate --risk`` tests the default elsewhere)."""
    text = (EXAMPLES / "ecommerce.yaml").read_text(encoding="utf-8")
    assert "  samples: 10000\n" in text
    path = tmp_path / "ecommerce.yaml"
    path.write_text(text.replace("  samples: 10000\n", "  samples: 2000\n"), encoding="utf-8")
    return str(path)


cscost.cli._register()


def test_html_in_the_scenarios_language_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", ECOMMERCE])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page  # the example's locale is zh
    assert "管理摘要" in page
    assert "report.html" in result.output


def test_html_in_english(tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    result = runner.invoke(app, ["report", ECOMMERCE, "--lang", "en", "--output", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Executive summary" in page
    assert "Hidden-cost audit" in page
    assert page.count("Plotly.newPlot") >= 4


def test_xlsx(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped]

    out = tmp_path / "report.xlsx"
    result = runner.invoke(
        app, ["report", ECOMMERCE, "--format", "xlsx", "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Summary"
    assert "Audit" in book.sheetnames


def test_pdf(tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("/usr/bin/chromium is missing: run `make browser`")
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", ECOMMERCE, "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_gives_a_report_and_a_workbook(example: str, tmp_path: Path) -> None:
    import openpyxl

    html = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(EXAMPLES / example), "-o", str(html)])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert page.count("Plotly.newPlot") >= 4
    assert 'id="chart-heatmap"' in page
    xlsx = tmp_path / "r.xlsx"
    result = runner.invoke(
        app, ["report", str(EXAMPLES / example), "--format", "xlsx", "-o", str(xlsx)]
    )
    assert result.exit_code == 0, result.output
    assert len(openpyxl.load_workbook(xlsx).sheetnames) >= 5


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--format", "docx"], "html, xlsx or pdf"), (["--lang", "fr"], "en or zh")],
)
def test_bad_arguments_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", ECOMMERCE, *args, "-o", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_risk_adds_recommendation_ranges_tornado_and_breakeven(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "report.html"
    scenario = _fewer_samples(tmp_path)
    result = runner.invoke(app, ["report", scenario, "--risk", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'class="recommendation"' in html
    assert "Pacific takes everything" in html
    assert "chart-tornado" in html
    assert "chart-breakeven" in html
    assert "P10" in html


def test_risk_workbook_has_a_decision_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    scenario = _fewer_samples(tmp_path)
    args = ["report", scenario, "--risk", "--format", "xlsx", "--lang", "zh", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert "决策分析" in book.sheetnames
    sheet = book["决策分析"]
    assert "Pacific takes everything" in str(sheet.cell(2, 1).value)
    labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert "业务量" in labels  # the tornado's volume bar, translated
