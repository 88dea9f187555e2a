"""Names of the scenario's fields for readers: ``workforce.shrinkage`` → "Shrinkage".

The assumptions of a report list every field as the scenario file names it (the code,
so a reader can find it in the file); the name in the report's language stands beside
it. The English names are catalog messages; a field without one shows its code alone.
"""

from __future__ import annotations

import re

from cscost.report.i18n import N_, Lang

FIELD_LABELS: dict[str, str] = {
    "name": N_("name"),
    "currency": N_("currency"),
    "start": N_("first month"),
    "months": N_("months"),
    "timezone": N_("time zone"),
    "interval_minutes": N_("interval (minutes)"),
    "discount_rate": N_("discount rate"),
    "locale": N_("language"),
    "fx": N_("exchange rates"),
    "shrinkage": N_("shrinkage"),
    "max_occupancy": N_("maximum occupancy"),
    "hours_per_fte_month": N_("hours per FTE and month"),
    "attrition": N_("attrition"),
    "min_agents": N_("minimum agents"),
    "id": N_("id"),
    "channel": N_("channel"),
    "language": N_("language"),
    "tier": N_("tier"),
    "monthly": N_("contacts per month"),
    "growth": N_("annual growth"),
    "seasonality": N_("seasonality"),
    "values": N_("monthly volumes"),
    "forecast": N_("forecast history"),
    "aht": N_("handle time"),
    "aht_s": N_("handle time (s)"),
    "hours": N_("opening hours"),
    "answer_within": N_("answer within"),
    "answer_within_s": N_("answer within (s)"),
    "respond_within": N_("respond within"),
    "respond_within_s": N_("respond within (s)"),
    "level": N_("service level"),
    "patience": N_("patience"),
    "patience_s": N_("patience (s)"),
    "fcr": N_("first-contact resolution"),
    "concurrency": N_("concurrency"),
    "weekdays": N_("weekday weights"),
    "intraday": N_("intraday profile"),
    "agent_monthly_cost": N_("agent monthly cost"),
    "burden": N_("burden on salaries"),
    "span": N_("span of control"),
    "monthly_cost": N_("monthly cost"),
    "support_ratio": N_("support staff ratio"),
    "support_monthly_cost": N_("support staff monthly cost"),
    "recruiting_per_hire": N_("recruiting per hire"),
    "training_weeks": N_("paid training weeks"),
    "seat_monthly": N_("seat cost per month"),
    "overhead": N_("overhead"),
    "existing_team": N_("existing team"),
    "term_months": N_("contract term (months)"),
    "notice_months": N_("notice (months)"),
    "trial_months": N_("trial (months)"),
    "scope": N_("scope"),
    "kind": N_("fee kind"),
    "rate": N_("rate"),
    "amount": N_("amount"),
    "category": N_("fee category"),
    "queues": N_("queues"),
    "window": N_("window"),
    "percent": N_("percent"),
    "on": N_("applies to"),
    "tiers": N_("tiers"),
    "tiering": N_("tiering"),
    "up_to": N_("up to"),
    "included": N_("included"),
    "minimum_monthly": N_("minimum monthly charge"),
    "every_months": N_("every (months)"),
    "at_risk": N_("share at risk"),
    "expected_miss_rate": N_("expected miss rate"),
    "termination_fee": N_("termination fee"),
    "tax_rate": N_("tax rate"),
    "discount": N_("discount"),
    "service_level": N_("service level"),
    "csat": N_("customer satisfaction"),
    "qa_score": N_("quality score"),
    "samples": N_("samples"),
    "seed": N_("seed"),
    "volume": N_("volume"),
    "cost": N_("cost"),
    "quality": N_("quality"),
    "flexibility": N_("flexibility"),
    "risk": N_("risk"),
    "description": N_("description"),
    "assign": N_("assignment"),
    "provider": N_("provider"),
    "share": N_("share"),
    "ramp_months": N_("ramp (months)"),
    "ramp_aht_factor": N_("ramp handle-time factor"),
    "aht_factor": N_("handle-time factor"),
    "max_asa_s": N_("maximum ASA (s)"),
    "real_time": N_("real-time"),
    "repeat_contacts": N_("repeat contacts"),
    "committed_fte": N_("committed FTE"),
    "rounding": N_("rounding"),
}
"""The last part of a field path (``vendors[0].fees[1].rate`` → ``rate``) → its name."""

_INDEX = re.compile(r"\[\d+\]")


def field_label(path: str, lang: Lang) -> str:
    """The translated name of the field at ``path``, or "" when it has none."""
    leaf = _INDEX.sub("", path).split(".")[-1]
    label = FIELD_LABELS.get(leaf)
    return lang.gettext(label) if label else ""
