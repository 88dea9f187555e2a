"""Translations and locale formats of the reports: gettext catalogs, money, numbers, months.

Every label, heading and sentence of a report goes through the gettext catalogs of the
``cscost`` domain in ``cscost/locale/<locale>/LC_MESSAGES/cscost.{po,mo}`` (``en`` and
``zh_CN``; the compiled ``.mo`` files are committed, so no build step is needed). Money is
formatted by :func:`babel.numbers.format_currency` (``¥1,234.50`` in zh_CN), months by the
locale's year-month skeleton (``Jan 2027``, ``2027年1月``).

The audit titles and questions are data (``cscost/data/audit.json``); :func:`extract_audit`
is a Babel extractor (see ``babel.cfg``) that puts their English texts into the catalog
template, and the zh_CN catalog carries the Chinese texts of the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import IO, Any

from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import NullTranslations, Translations

from cscost.errors import ArgumentError

DOMAIN = "cscost"
LANGUAGES: dict[str, str] = {"en": "en", "zh": "zh_CN"}
"""Report language (as the scenario's ``locale`` names it) → Babel locale and catalog."""

DASH = "—"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


@cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalog of ``locale`` (``en`` or ``zh_CN``)."""
    directory = resources.files("cscost").joinpath("locale")
    return Translations.load(str(directory), locales=[locale], domain=DOMAIN)


@dataclass(frozen=True)
class Lang:
    """One report language: its catalog and its number, money and date formats."""

    code: str  # en | zh
    locale: str  # en | zh_CN

    @property
    def catalog(self) -> NullTranslations:
        """The gettext catalog."""
        return translations(self.locale)

    def gettext(self, message: str) -> str:
        """``message`` translated."""
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for ``n``, translated."""
        return self.catalog.ngettext(singular, plural, n)

    def money(self, value: float | None, currency: str, *, cents: bool = False) -> str:
        """``value`` in ``currency`` (``¥1,234.50``); whole units unless ``cents``."""
        if value is None or not math.isfinite(value):
            return DASH
        if cents:
            return format_currency(value, currency, locale=self.locale)
        return format_currency(
            value, currency, locale=self.locale, format="¤#,##0", currency_digits=False
        )

    def number(self, value: float | None, digits: int = 0) -> str:
        """``value`` with ``digits`` decimals and the locale's grouping."""
        if value is None or not math.isfinite(value):
            return DASH
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, value: float | None, digits: int = 0) -> str:
        """``value`` (0.25) as a percentage (25%)."""
        if value is None or not math.isfinite(value):
            return DASH
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(value, format=pattern, locale=self.locale)

    def month(self, label: str) -> str:
        """A ``YYYY-MM`` month as the locale writes it (``Jan 2027``, ``2027年1月``)."""
        year, month = label.split("-")
        return format_skeleton("yMMM", dt.date(int(year), int(month), 1), locale=self.locale)

    def date(self, day: dt.date) -> str:
        """A date as the locale writes it (``Nov 28, 2026``, ``2026年11月28日``)."""
        return format_skeleton("yMMMd", day, locale=self.locale)


def lang(code: str) -> Lang:
    """The report language ``en`` or ``zh`` (``zh_CN`` and ``zh-CN`` are accepted)."""
    key = code.replace("-", "_").split("_")[0].lower()
    if key not in LANGUAGES:
        raise ArgumentError(f"--lang: expected en or zh, found {code!r}")
    return Lang(key, LANGUAGES[key])


def _audit_texts() -> list[dict[str, Any]]:
    text = resources.files("cscost.data").joinpath("audit.json").read_text(encoding="utf-8")
    categories: list[dict[str, Any]] = json.loads(text)["categories"]
    return categories


def audit_translations() -> dict[str, str]:
    """English audit title or question → its Chinese text, from ``data/audit.json``."""
    out: dict[str, str] = {}
    for entry in _audit_texts():
        for key in ("title", "question"):
            out[entry["en"][key]] = entry["zh"][key]
    return out


def extract_audit(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor for ``audit.json``: every English title and question as a message."""
    data = json.loads(fileobj.read().decode("utf-8"))
    for line, entry in enumerate(data["categories"], start=1):
        for key in ("title", "question"):
            yield line, "gettext", entry["en"][key], [f"audit: {entry['category']} {key}"]
