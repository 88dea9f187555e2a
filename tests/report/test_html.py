"""The HTML report as a file: self-contained, escaped, complete, in both languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from cscost.report import lang, render_html
from cscost.report.charts import plotly_js
from cscost.report.tables import breakdown, is_baseline, ranked
from cscost.report.words import finding_question

from .conftest import EMOJI, FORMULA, SCRIPT, Case

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


class _Scripts(HTMLParser):
    """Splits a page into its script bodies and the rest (tags and text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_script = False
        self.scripts: list[str] = []
        self.markup: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")
        self.markup.append(" ".join(f'{k}="{v}"' for k, v in attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts[-1] += data
        else:
            self.markup.append(data)


@pytest.fixture(scope="module")
def english(ecommerce: Case) -> str:
    return render_html(ecommerce.evaluation, ecommerce.scenario, lang("en"))


def test_plotly_is_inlined_exactly_once(english: str) -> None:
    bundle = plotly_js()
    assert english.count(bundle) == 1
    assert english.count("plotly.js v") == bundle.count("plotly.js v")
    parser = _Scripts()
    parser.feed(english)
    assert sum(1 for s in parser.scripts if len(s) > 1_000_000) == 1
    # every chart is drawn by its own small script, without another copy of the library
    assert english.count("Plotly.newPlot") >= 4


def test_nothing_is_loaded_from_outside(english: str) -> None:
    parser = _Scripts()
    parser.feed(english)
    assert not EXTERNAL.findall(" ".join(parser.markup))
    assert "<link" not in english
    assert "@import" not in english
    assert "default-src 'none'" in english  # the page itself forbids any request out


def test_sections_and_charts_are_present(ecommerce: Case, english: str) -> None:
    for heading in (
        "Executive summary",
        "Charts",
        "Fee breakdown per option",
        "Hidden-cost audit",
        "Assumptions",
    ):
        assert heading in english
    options = ranked(ecommerce.evaluation)
    for div in (
        "chart-totals",
        "chart-fte",
        "chart-heatmap",
        *[f"chart-monthly-{k}" for k in range(len(options))],
    ):
        assert f'id="{div}"' in english
    assert "<details" in english  # drill-down from categories to lines
    for finding in ecommerce.evaluation.audit:
        if finding.status == "missing":
            assert finding_question(finding).replace("'", "&#39;").replace('"', "&#34;") in english


def test_summary_names_the_cheapest_option_and_the_saving(ecommerce: Case, english: str) -> None:
    best = ranked(ecommerce.evaluation)[0]
    assert f"{best.name} is the cheapest option" in english
    assert any(is_baseline(o) for o in ecommerce.evaluation.options)
    assert "Against keeping the work in-house" in english


def test_breakdown_adds_up_to_the_total(ecommerce: Case) -> None:
    for option in ecommerce.evaluation.options:
        table = breakdown(option, ecommerce.evaluation.months)
        assert table.total == pytest.approx(option.total, rel=1e-12)
        assert sum(table.by_year) == pytest.approx(option.total, rel=1e-9)
        lines = sum(line.total for c in table.categories for line in c.lines)
        assert lines == pytest.approx(option.total, rel=1e-9)


def test_zh_report_uses_chinese_money_and_months(ecommerce: Case) -> None:
    page = render_html(ecommerce.evaluation, ecommerce.scenario, lang("zh"))
    assert '<html lang="zh-CN">' in page
    assert "管理摘要" in page
    assert "¥" in page
    assert "CN¥" not in page
    assert "2027年1月" in page
    assert "启动与过渡费" in page  # an audit title from the catalog


@pytest.mark.parametrize("code", ["en", "zh"])
def test_hostile_names_are_plain_text(hostile: Case, code: str) -> None:
    page = render_html(hostile.evaluation, hostile.scenario, lang(code))
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(" in page
    assert "<b>bold</b>" not in page
    assert EMOJI in page
    assert "=HYPERLINK(" in page
    parser = _Scripts()
    parser.feed(page)
    # the only scripts are plotly.js and the charts' own; user text never opens a script
    assert all(
        "alert(" not in s or "&lt;script&gt;" in s or "\\u003c" in s for s in parser.scripts[1:]
    )
    assert FORMULA.replace('"', "&#34;") in page


def test_decision_data_adds_its_sections(ecommerce: Case) -> None:
    options = ranked(ecommerce.evaluation)
    decision = {
        "recommendation": "Take <Pacific> now",
        "ranges": {o.name: (o.npv * 0.9, o.npv * 1.1) for o in options},
        "tornado": [{"input": "volume", "low": -1e6, "high": 1.2e6}],
    }
    page = render_html(ecommerce.evaluation, ecommerce.scenario, lang("en"), decision)
    assert "Take &lt;Pacific&gt; now" in page
    assert "NPV P10–P90" in page
    assert 'id="chart-tornado"' in page
    plain = render_html(ecommerce.evaluation, ecommerce.scenario, lang("en"))
    assert "NPV P10–P90" not in plain
    assert 'id="chart-tornado"' not in plain
    assert "Recommendation" not in plain
