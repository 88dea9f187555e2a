"""Reports people read: one offline HTML page with charts, an Excel workbook, a PDF.

An adapter over the core: it renders an :class:`cscost.evaluate.evaluation.Evaluation`
(and the scenario it came from, for names and assumptions) in English or Chinese. The
core never imports it.
"""

from __future__ import annotations

from cscost.report.html import render_html
from cscost.report.i18n import Lang, lang

__all__ = ["Lang", "lang", "render_html"]
