"""What the PDF is printed from, and the fixed colours: print mode, CSS strings, colours."""

from __future__ import annotations

import json
import re

from cscost.model import CATEGORIES
from cscost.report import lang, render_html
from cscost.report.charts import monthly_chart
from cscost.report.html import css_string
from cscost.report.labels import CATEGORY_COLOURS, category_label
from cscost.report.tables import ranked

from .conftest import Case


def test_one_colour_per_fee_category_in_every_chart(ecommerce: Case) -> None:
    """Each category has its own colour, and every option's chart paints it the same."""
    assert set(CATEGORY_COLOURS) == set(CATEGORIES)
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORIES)
    en = lang("en")
    names = {category_label(c, en): c for c in CATEGORIES}
    seen: dict[str, set[str]] = {}
    for option in ranked(ecommerce.evaluation):
        fig = monthly_chart(option, ecommerce.evaluation.months, en, "CNY")
        for trace in fig.data:
            seen.setdefault(trace.name, set()).add(trace.marker.color)
        assert option.name in fig.layout.title.text  # the chart says which option it shows
    assert len(seen) > 3
    for name, colours in seen.items():
        assert colours == {CATEGORY_COLOURS[names[name]]}, name


def test_print_mode_expands_every_section_and_drops_toolbars(ecommerce: Case) -> None:
    page = render_html(ecommerce.evaluation, ecommerce.scenario, lang("en"), for_print=True)
    details = re.findall(r"<details[^>]*>", page)
    assert details
    assert all(" open" in tag for tag in details)
    configs = re.findall(r'\{"displaylogo": false[^}]*\}', page)
    assert configs
    for config in configs:
        parsed = json.loads(config)
        assert parsed["displayModeBar"] is False
        assert parsed["staticPlot"] is True
    assert "counter(page)" in page  # the page numbers in the footer
    screen = render_html(ecommerce.evaluation, ecommerce.scenario, lang("en"))
    assert '"displayModeBar": true' in screen
    assert any(" open" not in tag for tag in re.findall(r"<details[^>]*>", screen))


def test_zh_report_names_the_assumption_fields(ecommerce: Case) -> None:
    page = render_html(ecommerce.evaluation, ecommerce.scenario, lang("zh"))
    assert "<code>shrinkage</code>" in page or "shrinkage</code>" in page
    assert "缩减率" in page
    assert "每 FTE 每月工时" in page


def test_css_string_cannot_end_the_style_block() -> None:
    text = css_string('a"b</style><script>x</script>\\ 中文')
    assert text.startswith('"')
    assert text.endswith('"')
    inner = str(text)[1:-1]
    assert '"' not in inner
    assert "<" not in inner
    assert ">" not in inner
    assert "中文" in inner


def test_key_risks_name_the_stated_terms_that_cost_money(ecommerce: Case) -> None:
    """The take-or-pay shortfall of Pacific Contact is named with its amount."""
    from cscost.report.summary import term_risks

    shortfall = sum(
        r.amount
        for r in ecommerce.evaluation.bill
        if r.line == "minimum shortfall"
        and r.option == "Pacific takes chat, voice and e-mail stay in-house"
    )
    en, zh = lang("en"), lang("zh")
    risks = term_risks(ecommerce.evaluation, ecommerce.scenario, en)
    assert shortfall > 0
    assert any(en.money(shortfall, "CNY") in r and "take-or-pay" in r for r in risks), risks
    page = render_html(ecommerce.evaluation, ecommerce.scenario, zh)
    assert "照付不议" in page
    assert zh.money(shortfall, "CNY") in page
