"""Translations: catalogs complete and compiled, locale formats, no English left in zh.

The catalogs (``src/cscost/locale/{en,zh_CN}/LC_MESSAGES/cscost.po`` and their committed
``.mo``) must hold every message that ``pybabel extract -F babel.cfg`` finds, the zh_CN one
translated in full, the ``.mo`` compiled from the current ``.po``.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.support import Translations

from cscost.model import FEE_KINDS
from cscost.report import lang, render_html
from cscost.report.assumptions import resolved_settings, scenario_sections
from cscost.report.i18n import audit_translations

from .conftest import ROOT, Case

LOCALE = ROOT / "src" / "cscost" / "locale"


def _catalog(locale: str) -> Catalog:
    with (LOCALE / locale / "LC_MESSAGES" / "cscost.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def _key(message_id: object) -> str:
    """The msgid (the singular of a plural entry)."""
    if isinstance(message_id, str):
        return message_id
    assert isinstance(message_id, tuple | list)
    return str(message_id[0])


def test_money_and_dates_by_locale() -> None:
    assert lang("zh").money(1234.5, "CNY", cents=True) == "¥1,234.50"
    assert lang("en").money(1234.5, "USD", cents=True) == "$1,234.50"
    assert lang("zh").money(-1234.5, "CNY") == "-¥1,234"
    assert lang("zh").month("2027-01") == "2027年1月"
    assert lang("en").month("2027-11") == "Nov 2027"
    assert lang("zh").date(dt.date(2026, 11, 28)) == "2026年11月28日"
    assert lang("zh_CN").code == "zh"


def test_zh_catalog_is_complete_and_compiled() -> None:
    catalog = _catalog("zh_CN")
    compiled = Translations.load(str(LOCALE), locales=["zh_CN"], domain="cscost")
    messages = [m for m in catalog if m.id]
    assert len(messages) > 100
    for message in messages:
        assert "fuzzy" not in message.flags, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        if isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, "stale .mo: pybabel compile"
        else:
            assert isinstance(message.string, tuple | list)
            plural = (_key(message.id), str(message.id[1]))
            assert compiled.ngettext(*plural, 2) == message.string[0]


def test_audit_texts_come_from_the_audit_data() -> None:
    catalog = _catalog("zh_CN")
    for english, chinese in audit_translations().items():
        message = catalog.get(english)
        assert message is not None, english
        assert message.string == chinese


def test_catalogs_hold_every_extracted_message(tmp_path: Path) -> None:
    template = tmp_path / "cscost.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(template),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    with template.open("rb") as handle:
        extracted = {_key(m.id) for m in read_po(handle) if m.id}
    for locale in ("en", "zh_CN"):
        held = {_key(m.id) for m in _catalog(locale) if m.id}
        assert extracted <= held, f"{locale}: run pybabel update: {sorted(extracted - held)}"


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _user_strings(case: Case) -> set[str]:
    """Everything the user wrote or the contract names (field paths), shown as is."""
    out = {case.scenario.scenario.name}
    for section in scenario_sections(case.scenario):
        out |= {section.key, section.title}
        for key, value in section.items:
            out |= {key, value}
    header, rows = resolved_settings(case.scenario)
    out |= set(header) | {v for row in rows for v in row}
    for option in case.evaluation.options:
        out |= {option.name, option.description, *option.providers}
        for row in option.rows:
            out.add(row.queue)
            if row.kind in FEE_KINDS and row.line != row.kind:
                out.add(row.line)
    out |= {v.display_name for v in case.scenario.vendors}
    return {s for s in out if s}


def test_zh_report_has_no_english_label_from_the_catalog(ecommerce: Case) -> None:
    page = render_html(ecommerce.evaluation, ecommerce.scenario, lang("zh"))
    parser = _VisibleText()
    parser.feed(page)
    text = "\n".join(parser.parts)
    for user in sorted(_user_strings(ecommerce), key=len, reverse=True):
        text = text.replace(user, " ")
    leftovers = []
    for message in _catalog("zh_CN"):
        if not message.id:
            continue
        english = _key(message.id)
        chinese = _key(message.string)
        if chinese == english:
            continue
        words = re.escape(english.split("{")[0].strip())
        if words and re.search(rf"(?<![\w-]){words}(?![\w-])", text):
            leftovers.append(english)
    assert leftovers == []


@pytest.mark.parametrize("code", ["en", "zh"])
def test_summary_sentences_are_translated(ecommerce: Case, code: str) -> None:
    page = render_html(ecommerce.evaluation, ecommerce.scenario, lang(code))
    marker = "是成本最低的方案" if code == "zh" else "is the cheapest option"
    assert marker in page
