"""The hidden-cost audit: which fee categories a quote charges, declares included, or is silent on.

A category is *charged* when a fee line has it (``category``, or the default by kind), or
a contract term implies it (escalation, minimum_monthly, termination_fee, sla, tax_rate);
*included* when the quote lists it in ``included``; otherwise *missing*, and the finding
carries the question to ask the vendor. Categories and questions (en, zh) live in
``data/audit.json``, in order of priority.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from cscost.model import Scenario, Vendor

Status = Literal["charged", "included", "missing"]


@dataclass(frozen=True)
class AuditFinding:
    """One audit category of one vendor's quote."""

    vendor: str
    category: str
    status: Status
    title: str
    question: str  # empty unless missing


@dataclass(frozen=True)
class _Entry:
    category: str
    texts: dict[str, tuple[str, str]]  # language → (title, question)


@cache
def _catalogue() -> tuple[_Entry, ...]:
    text = resources.files("cscost.data").joinpath("audit.json").read_text(encoding="utf-8")
    return tuple(
        _Entry(
            item["category"],
            {lang: (item[lang]["title"], item[lang]["question"]) for lang in ("en", "zh")},
        )
        for item in json.loads(text)["categories"]
    )


def audit_categories() -> tuple[str, ...]:
    """The audited categories, in order of priority."""
    return tuple(entry.category for entry in _catalogue())


def charged_categories(vendor: Vendor, languages: frozenset[str] = frozenset()) -> set[str]:
    """Categories the quote charges through a fee line or a contract term.

    A rate table with its own prices for one of ``languages`` (the scenario's) prices
    languages apart, so the language surcharge counts as charged.
    """
    charged = {str(fee.audit_category) for fee in vendor.fees}
    if any(_priced_by_language(getattr(fee, "rate", None), languages) for fee in vendor.fees):
        charged.add("language_surcharge")
    terms = {
        "escalation": vendor.escalation is not None,
        "minimum_commitment": vendor.minimum_monthly is not None,
        "termination": vendor.termination_fee is not None,
        "sla_credits": vendor.sla is not None,
        "tax": vendor.tax_rate > 0,
    }
    return charged | {name for name, present in terms.items() if present}


def _priced_by_language(rate: object, languages: frozenset[str]) -> bool:
    """Whether a rate table has a key naming a language (``ja``, ``senior/ja``, …)."""
    if not isinstance(rate, dict):
        return False
    keys = {part for key in rate for part in str(key).split("/")}
    return bool(keys & languages)


def audit_vendor(
    vendor: Vendor, lang: str = "en", languages: frozenset[str] = frozenset()
) -> list[AuditFinding]:
    """Every audited category of ``vendor`` with its status; questions in ``lang`` (en, zh).

    ``languages`` are the scenario's queue languages (see :func:`charged_categories`).
    """
    charged = charged_categories(vendor, languages)
    included = {str(c) for c in vendor.included}
    key = "zh" if lang.startswith("zh") else "en"
    out = []
    for entry in _catalogue():
        title, question = entry.texts[key]
        status: Status = (
            "charged"
            if entry.category in charged
            else "included"
            if entry.category in included
            else "missing"
        )
        out.append(
            AuditFinding(
                vendor.id, entry.category, status, title, question if status == "missing" else ""
            )
        )
    return out


def scenario_audit(scenario: Scenario, lang: str = "en") -> list[AuditFinding]:
    """The audit of every vendor of ``scenario`` (its queue languages known)."""
    languages = frozenset(q.language for q in scenario.queues)
    return [f for vendor in scenario.vendors for f in audit_vendor(vendor, lang, languages)]
