"""Audit categories: the fee categories that outsourcing guides warn about.

A fee line may name its ``category``; a quote lists the categories it covers without
a separate charge in ``included``. The hidden-cost audit asks about every category
that a quote neither charges nor includes. A few synonyms are accepted on input.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator

Category = Literal[
    "labour",
    "setup",
    "training",
    "technology",
    "telephony",
    "reporting",
    "integration",
    "management",
    "night_surcharge",
    "weekend_surcharge",
    "holiday_surcharge",
    "language_surcharge",
    "minimum_commitment",
    "escalation",
    "termination",
    "sla_credits",
    "tax",
    "other",
]

CATEGORIES: tuple[str, ...] = get_args(Category)

CATEGORY_MEANING: dict[str, str] = {
    "labour": "the service itself: agents' time, contacts, minutes, resolutions",
    "setup": "setup and transition (knowledge transfer, project management)",
    "training": "initial training and training of replacement hires (attrition)",
    "technology": "technology and platform: CRM, ticketing, WFM, seats and licences",
    "telephony": "telephony usage: numbers, minutes, trunks",
    "reporting": "standard and custom reports, dashboards",
    "integration": "integration with the client's systems",
    "management": "management and account fees",
    "night_surcharge": "night-hours surcharge",
    "weekend_surcharge": "weekend surcharge",
    "holiday_surcharge": "public-holiday surcharge",
    "language_surcharge": "language surcharge",
    "minimum_commitment": "minimum monthly commitment (take-or-pay)",
    "escalation": "annual price escalation",
    "termination": "termination or exit fee",
    "sla_credits": "service-level credits",
    "tax": "tax on the invoice",
    "other": "anything else",
}

SYNONYMS: dict[str, str] = {
    "transition": "setup",
    "platform": "technology",
    "exit": "termination",
    "custom_reports": "reporting",
    "minimum": "minimum_commitment",
    "sla": "sla_credits",
    "labor": "labour",
}


def _canonical(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        return SYNONYMS.get(key, key)
    return value


CategoryName = Annotated[Category, BeforeValidator(_canonical)]
"""An audit category; synonyms (``platform``, ``transition``, ``exit`` …) are mapped."""
