"""The PDF report: the HTML report printed by headless Chromium, charts and Chinese included.

WeasyPrint runs no JavaScript, so the plotly charts would be missing; Chromium runs the
page and prints it (Debian's ``chromium``; Chinese text needs ``fonts-wqy-microhei``).
``make browser`` installs both, and ``make test`` runs it first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cscost.errors import CscostError
from cscost.evaluate.evaluation import Evaluation
from cscost.io.tables.writers import atomic_path
from cscost.model import Scenario
from cscost.report.html import render_html
from cscost.report.i18n import Lang

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_SECONDS = 120
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Debian's Chromium headless and offline (also the browser tests' launch arguments)."""
FLAGS = (*HEADLESS_FLAGS, "--no-pdf-header-footer", "--virtual-time-budget=5000")


def chromium_path() -> str:
    """The Chromium executable: ``CSCOST_CHROMIUM``, ``/usr/bin/chromium`` or on PATH."""
    candidates = [
        os.environ.get("CSCOST_CHROMIUM"),
        CHROMIUM,
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise CscostError(
        "the PDF report needs Chromium (/usr/bin/chromium) and was not found: "
        "run make test (it runs make browser) or apt-get install chromium fonts-wqy-microhei"
    )


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print the HTML file ``html_path`` to ``pdf_path`` with headless Chromium."""
    browser = chromium_path()
    with tempfile.TemporaryDirectory(
        prefix="cscost-chromium-", ignore_cleanup_errors=True
    ) as profile:
        command = [
            browser,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_path.resolve()}",
            html_path.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise CscostError(
                f"Chromium did not print the report within {TIMEOUT_SECONDS} s"
            ) from exc
    if done.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = " ".join((done.stderr or "").strip().splitlines()[-3:])
        raise CscostError(f"Chromium could not print the report (exit {done.returncode}): {tail}")


def write_pdf(
    path: Path,
    evaluation: Evaluation,
    scenario: Scenario | None,
    lang: Lang,
    decision: Mapping[str, Any] | None = None,
) -> None:
    """Render the HTML report and print it to ``path``."""
    chromium_path()  # fail before the work when Chromium is missing
    with tempfile.TemporaryDirectory(prefix="cscost-report-", ignore_cleanup_errors=True) as folder:
        html_path = Path(folder) / "report.html"
        page = render_html(evaluation, scenario, lang, decision, for_print=True)
        html_path.write_text(page, encoding="utf-8")
        with atomic_path(path) as temp:
            print_pdf(html_path, temp)
