"""The hidden-cost audit: which fee categories a quote charges, declares included, or is silent on.

A category is *charged* when a fee line has it (``category``, or the default by kind), or
a contract term implies it (escalation, minimum_monthly, termination_fee, sla, tax_rate);
*included* when the quote lists it in ``included``; otherwise *missing*: a question to
ask the vendor. ``renewal`` is asked only when the horizon runs past ``term_months``
and the quote states no ``renewal`` (the model then renews at the same prices); it is
*charged* (stated) otherwise. Findings are codes (vendor id, category, status); the categories, in
order of priority, and their titles and questions (en, zh) live in ``data/audit.json``,
which :mod:`cscost.report.words` reads to word them.
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


@cache
def audit_categories() -> tuple[str, ...]:
    """The audited categories, in order of priority (``data/audit.json``)."""
    text = resources.files("cscost.data").joinpath("audit.json").read_text(encoding="utf-8")
    return tuple(item["category"] for item in json.loads(text)["categories"])


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
    vendor: Vendor, languages: frozenset[str] = frozenset(), months: int = 0
) -> list[AuditFinding]:
    """Every audited category of ``vendor`` with its status, in order of priority.

    ``languages`` are the scenario's queue languages (see :func:`charged_categories`);
    ``months`` the horizon (for ``renewal``).
    """
    charged = charged_categories(vendor, languages)
    past_term = vendor.term_months is not None and months > vendor.term_months
    if vendor.renewal is not None or not past_term:
        charged.add("renewal")
    included = {str(c) for c in vendor.included}
    out = []
    for category in audit_categories():
        status: Status = (
            "charged" if category in charged else "included" if category in included else "missing"
        )
        out.append(AuditFinding(vendor.id, category, status))
    return out


def scenario_audit(scenario: Scenario) -> list[AuditFinding]:
    """The audit of every vendor of ``scenario`` (its queue languages known)."""
    languages = frozenset(q.language for q in scenario.queues)
    months = scenario.horizon.months
    return [f for vendor in scenario.vendors for f in audit_vendor(vendor, languages, months)]
