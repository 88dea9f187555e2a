"""Read the Terms and Assumptions sheets of a filled template into vendor fields.

Terms with a status cell (minimum, escalation, SLA, termination, tax) follow one rule:
``applies`` (or a value with a blank status) needs the value; ``none`` adds the audit
category to ``included``; both blank is a required category left blank.
"""

from __future__ import annotations

from typing import Any

from cscost.io.rfp import layout as lay
from cscost.io.rfp.cells import CellReader
from cscost.io.rfp.text import WORDS
from cscost.model import Scenario
from cscost.model.paths import Loc
from cscost.model.units import duration_s

T, A = "Terms", "Assumptions"
_MAX_QUEUE_ROWS = 240


def rows_in_place(cells: CellReader, sheet: str, rows: dict[str, int]) -> bool:
    """Whether column A still holds each row's label (en or zh); an issue for the first not.

    The Terms and Assumptions sheets are read at fixed cells, so a row inserted or
    deleted (in a copy whose protection was removed) would shift every value silently.
    """
    for key, row in rows.items():
        found = cells.sheets[sheet].values.get(f"A{row}")
        if found not in WORDS[key]:
            cells.issue(
                sheet,
                f"A{row}",
                key,
                "the rows of this sheet were moved; values are "
                "read at fixed cells, so this sheet was not read",
                found,
                f"{WORDS[key][0]!r}: fill a fresh template from `cscost template`",
            )
            return False
    return True


def _ref(key: str) -> str:
    return f"{lay.TERMS_VALUE_COL}{lay.term_row(key)}"


def _term_status(cells: CellReader, key: str, has_value: bool) -> str | None:
    """applies / none for a Terms row with a status; issues for a blank required one."""
    ref = f"{lay.TERMS_STATUS_COL}{lay.term_row(key)}"
    shown = [p[0] for p in lay.TERM_STATUS_LABELS.values()]
    status = cells.choice(
        T, ref, f"{key} status", lay.choices(lay.TERM_STATUS_LABELS), lay.TERM_STATUS_LABELS, shown
    )
    if status is None and has_value:
        return "applies"
    if status is None and not any(i.path == cells.where(T, ref) for i in cells.issues):
        cells.issue(
            T,
            ref,
            f"{key} status",
            "required category left blank",
            expected="applies (with a value) or none",
        )
    return status


def _status_value(
    cells: CellReader, key: str, value: float | None, included: list[str]
) -> float | None:
    """The value of a term with a status, or None when it does not apply."""
    raw_given = cells.sheets[T].values.get(_ref(key)) is not None
    status = _term_status(cells, key, value is not None or raw_given)
    if status == "none":
        included.append(lay.TERM_STATUS[key])
        if value is not None:
            cells.issue(
                T,
                _ref(key),
                key,
                "a value is given but the status is none",
                value,
                "a blank cell, or the status applies",
            )
        return None
    if status == "applies" and value is None and not raw_given:
        cells.issue(T, _ref(key), key, "applies, but no value given", expected="a number ≥ 0")
    return value if status == "applies" else None


def read_terms(
    cells: CellReader, scenario: Scenario, included: list[str], where: dict[Loc, str]
) -> dict[str, Any]:
    """Vendor fields from the Terms sheet (``name`` too, when given)."""
    info = scenario.scenario
    out: dict[str, Any] = {}
    if not rows_in_place(cells, T, {k: lay.term_row(k) for k in lay.TERM_KEYS}):
        return out
    for key in lay.TERM_KEYS:
        where[(_field(key),)] = cells.where(T, _ref(key))
    name = cells.text(T, _ref("vendor_name"), "vendor name")
    if name:
        out["name"] = name
    currencies = [info.currency, *sorted(info.fx)]
    spellings = {c.casefold(): c for c in currencies}
    typed = cells.text(T, _ref("currency"), "currency")
    if typed is not None and typed.upper() not in currencies and len(typed) == 3:
        cells.issue(
            T,
            _ref("currency"),
            "currency",
            f"the scenario has no exchange rate for {typed.upper()}",
            typed,
            f"one of: {', '.join(currencies)} (or add {typed.upper()} to scenario.fx)",
        )
        typed = None
    currency = (
        cells.choice(T, _ref("currency"), "currency", spellings, currencies, currencies)
        if typed is not None
        else None
    )
    if currency is not None and currency != info.currency:
        out["currency"] = currency
    for key in ("term_months", "notice_months", "trial_months"):
        months = cells.whole(T, _ref(key), key, low=1 if key == "term_months" else 0)
        if months is not None:
            out[key] = months
    minimum = _status_value(
        cells,
        "minimum_monthly",
        cells.number(T, _ref("minimum_monthly"), "minimum_monthly"),
        included,
    )
    if minimum is not None:
        out["minimum_monthly"] = minimum
    _escalation(cells, out, included)
    _sla(cells, out, included)
    fee = _status_value(
        cells,
        "termination_fee",
        cells.number(T, _ref("termination_fee"), "termination_fee"),
        included,
    )
    if fee is not None:
        out["termination_fee"] = fee
    tax = _status_value(cells, "tax_rate", cells.share(T, _ref("tax_rate"), "tax_rate"), included)
    if tax is not None:
        out["tax_rate"] = tax
    discount = cells.share(T, _ref("discount"), "discount")
    if discount:
        out["discount"] = discount
    return out


def _field(key: str) -> str:
    return {
        "vendor_name": "name",
        "escalation_rate": "escalation",
        "escalation_every_months": "escalation",
        "sla_at_risk": "sla",
        "sla_expected_miss_rate": "sla",
    }.get(key, key)


def _escalation(cells: CellReader, out: dict[str, Any], included: list[str]) -> None:
    rate = _status_value(
        cells,
        "escalation_rate",
        cells.share(T, _ref("escalation_rate"), "escalation_rate"),
        included,
    )
    every = cells.whole(T, _ref("escalation_every_months"), "escalation_every_months", low=1)
    if rate is not None:
        out["escalation"] = {"rate": rate, "every_months": every or 12}


def _sla(cells: CellReader, out: dict[str, Any], included: list[str]) -> None:
    at_risk = _status_value(
        cells, "sla_at_risk", cells.share(T, _ref("sla_at_risk"), "sla_at_risk"), included
    )
    miss_ref = _ref("sla_expected_miss_rate")
    miss = cells.share(T, miss_ref, "sla_expected_miss_rate")
    if at_risk is None:
        return
    if miss is None:
        if cells.sheets[T].values.get(miss_ref) is None:
            cells.issue(
                T,
                miss_ref,
                "sla_expected_miss_rate",
                "SLA credits apply, but no expected miss rate given",
                expected="a share, e.g. 15%",
            )
        return
    out["sla"] = {"at_risk": at_risk, "expected_miss_rate": miss}


# -- Assumptions -------------------------------------------------------------------------------

_SHARES = ("shrinkage", "attrition", "max_occupancy")
_KPIS = ("fcr", "service_level", "csat", "qa_score")


def _aref(key: str) -> str:
    return f"{lay.ASSUMPTION_VALUE_COL}{lay.assumption_row(key)}"


def read_assumptions(
    cells: CellReader, scenario: Scenario, where: dict[Loc, str]
) -> tuple[dict[str, Any], dict[str, float]]:
    """The vendor's ``assumptions`` and ``kpis`` from the Assumptions sheet."""
    assumptions: dict[str, Any] = {}
    kpis: dict[str, float] = {}
    if not rows_in_place(cells, A, {k: lay.assumption_row(k) for k in lay.ASSUMPTION_KEYS}):
        return assumptions, kpis
    for key in _SHARES + _KPIS:
        value = cells.share(A, _aref(key), key)
        where[("kpis" if key in _KPIS else "assumptions", key)] = cells.where(A, _aref(key))
        if value is not None:
            (kpis if key in _KPIS else assumptions)[key] = value
    hours = cells.number(
        A, _aref("hours_per_fte_month"), "hours_per_fte_month", positive=True, high=744
    )
    where[("assumptions", "hours_per_fte_month")] = cells.where(A, _aref("hours_per_fte_month"))
    if hours is not None:
        assumptions["hours_per_fte_month"] = hours
    _ramp(cells, assumptions, where)
    aht = _aht(cells, scenario, where)
    if aht:
        assumptions["aht"] = aht
    return assumptions, kpis


def _ramp(cells: CellReader, assumptions: dict[str, Any], where: dict[Loc, str]) -> None:
    months = cells.whole(A, _aref("ramp_months"), "ramp_months")
    factor = cells.number(A, _aref("ramp_aht_factor"), "ramp_aht_factor", positive=True)
    where[("assumptions", "ramp")] = cells.where(A, _aref("ramp_months"))
    if months is None and factor is None:
        return
    if months is None or factor is None:
        missing = "ramp_months" if months is None else "ramp_aht_factor"
        if cells.sheets[A].values.get(_aref(missing)) is None:
            cells.issue(
                A,
                _aref(missing),
                missing,
                "a ramp needs both months and AHT factor",
                expected="e.g. 3 months and 1.15",
            )
        return
    assumptions["ramp"] = {"months": months, "aht_factor": factor}


def _aht(cells: CellReader, scenario: Scenario, where: dict[Loc, str]) -> dict[str, float]:
    out: dict[str, float] = {}
    values = cells.sheets[A].values
    for row in range(lay.aht_first_row(), lay.aht_first_row() + _MAX_QUEUE_ROWS):
        queue_id = values.get(f"A{row}")
        ref = f"{lay.AHT_COL}{row}"
        raw = cells.raw(A, ref, f"AHT of {queue_id}")
        if raw is None:
            continue
        seconds = _seconds(raw)
        if seconds is None or seconds <= 0:
            cells.issue(
                A,
                ref,
                f"AHT of {queue_id}",
                "expected seconds > 0",
                raw,
                "a number of seconds, e.g. 320",
            )
            continue
        if not isinstance(queue_id, str) or queue_id not in scenario.queue_ids:
            cells.issue(
                A,
                f"A{row}",
                "queue",
                "no such queue in the scenario",
                queue_id,
                ", ".join(scenario.queue_ids),
            )
            continue
        out[queue_id] = seconds
        where[("assumptions", "aht", queue_id)] = cells.where(A, ref)
    return out


def _seconds(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    try:
        return duration_s(raw)
    except (TypeError, ValueError):
        return None
