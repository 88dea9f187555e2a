"""The PDF report: the HTML printed by headless Chromium, with Chinese fonts embedded."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from cscost.errors import CscostError
from cscost.report import lang, pdf

from .conftest import CHROMIUM, Case


@pytest.fixture(scope="module")
def printed(ecommerce: Case, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The e-commerce report's PDF in a language, printed once per module (each print
    starts Chromium; the tests below read the same file)."""
    folder = tmp_path_factory.mktemp("pdf")

    @cache
    def print_in(code: str) -> Path:
        if not Path(CHROMIUM).exists():
            pytest.fail(f"{CHROMIUM} is missing: run `make browser` (make test installs it first)")
        path = folder / f"report-{code}.pdf"
        pdf.write_pdf(path, ecommerce.evaluation, ecommerce.scenario, lang(code))
        return path

    return print_in


def test_zh_pdf_is_printed_with_a_chinese_font(printed: Callable[[str], Path]) -> None:
    data = printed("zh").read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 100_000
    assert b"WenQuanYi" in data or b"wqy" in data.lower()  # fonts-wqy-microhei embedded


def test_missing_chromium_is_a_clear_error(
    ecommerce: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("CSCOST_CHROMIUM", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(CscostError, match="apt-get install chromium"):
        pdf.write_pdf(tmp_path / "x.pdf", ecommerce.evaluation, ecommerce.scenario, lang("en"))
    assert not (tmp_path / "x.pdf").exists()


def _pages(path: Path) -> list[str]:
    """The text of every page, read back with pdftotext (poppler-utils)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run `make browser` (it installs poppler-utils)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _words_outside_the_page(path: Path) -> list[str]:
    """Words whose box crosses the page's edge (a cut table), from ``pdftotext -bbox``."""
    import re
    import subprocess

    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    outside = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', xml, re.S):
        width = float(page.group(1))
        for word in re.finditer(
            r'xMin="([-\d.]+)"[^>]*xMax="([-\d.]+)"[^>]*>([^<]*)<', page.group(2)
        ):
            if float(word.group(1)) < 0 or float(word.group(2)) > width:
                outside.append(word.group(3))
    return outside


@pytest.mark.parametrize("code", ["en", "zh"])
def test_pdf_holds_every_ranking_figure_and_a_sensible_page_count(
    ecommerce: Case, printed: Callable[[str], Path], code: str
) -> None:
    """Page 1 has the summary and the whole ranking: every option's total, NPV, cost per
    contact, FTE and seats as printed; every fee line is printed (no collapsed section);
    the footer numbers the pages; 6 options and 36 months fit in at most 30 pages."""
    language = lang(code)
    path = printed(code)
    pages = _pages(path)
    assert 4 <= len(pages) <= 30, len(pages)  # switching and holiday rows (issue 12) add pages
    first = pages[0]
    cur = ecommerce.evaluation.currency
    for o in ecommerce.evaluation.options:
        for figure in (
            language.money(o.total, cur),
            language.money(o.npv, cur),
            language.money(o.cost_per_contact, cur, cents=True),
            language.number(float(o.fte.mean()), 1),
            language.number(float(o.seats.max())),
        ):
            assert figure in first, (o.name, figure)
    assert f"1 / {len(pages)}" in first  # page numbers in the footer
    assert ecommerce.evaluation.scenario_name in first
    whole = "\n".join(pages)
    for word in ("Fee line", "Provider") if code == "en" else ("费用项目", "服务方"):
        assert word in whole  # the fee lines of every category are printed, not collapsed
    assert "hours_per_fte_month" in whole  # the assumptions are printed expanded
    assert "Zoom in" not in whole
    assert _words_outside_the_page(path) == []
    assert "Download plot" not in whole
