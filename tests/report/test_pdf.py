"""The PDF report: the HTML printed by headless Chromium, with Chinese fonts embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscost.errors import CscostError
from cscost.report import lang, pdf

from .conftest import CHROMIUM, Case


def test_zh_pdf_is_printed_with_a_chinese_font(ecommerce: Case, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (make test installs it first)")
    path = tmp_path / "report.pdf"
    pdf.write_pdf(path, ecommerce.evaluation, ecommerce.scenario, lang("zh"))
    data = path.read_bytes()
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
