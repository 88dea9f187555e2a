"""Invariants of pricing, checked with hypothesis.

- More volume never lowers a per-contact quote with marginal tiers, whatever the
  contract terms (minimum, discount, SLA credit, tax, FX are monotone maps).
- With all-units tiers the same holds within a band; crossing a band edge can lower
  the total (the all-units cliff, tested explicitly in ``test_tiers.py``).
- Splitting a queue's volume over two parts of the same vendor does not change a
  tiered charge (the bands apply to the total).
- Every row is quantity × rate × fx exactly, and the rows add up to the total.

Runs are derandomised so the suite is reproducible.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscost.pricing import bill_total

from .helpers import part, queue, quote, vendor

FAST = settings(max_examples=60, deadline=None, derandomize=True)
VOICE = queue("voice-zh", "voice", "zh")
CHAT = queue("chat-zh", "chat", "zh")

volumes = st.integers(0, 20_000_000).map(lambda c: c / 100)
rates = st.integers(1, 500).map(lambda c: c / 100)


@st.composite
def banded(draw: st.DrawFn) -> list[dict[str, float]]:
    """1–4 bands with increasing edges and any rates ≥ 0.01."""
    edges = sorted(set(draw(st.lists(st.integers(1, 150_000), min_size=0, max_size=3))))
    bands: list[dict[str, float]] = [{"up_to": float(e), "rate": draw(rates)} for e in edges]
    return [*bands, {"rate": draw(rates)}]


@st.composite
def terms(draw: st.DrawFn) -> dict[str, Any]:
    """Contract terms a quote may carry."""
    out: dict[str, Any] = {"currency": draw(st.sampled_from(["CNY", "USD"]))}
    if draw(st.booleans()):
        out["minimum_monthly"] = float(draw(st.integers(0, 200_000)))
    out["discount"] = draw(st.integers(0, 30)) / 100
    if draw(st.booleans()):
        out["sla"] = {
            "at_risk": draw(st.integers(0, 20)) / 100,
            "expected_miss_rate": draw(st.integers(0, 100)) / 100,
        }
    out["tax_rate"] = draw(st.integers(0, 20)) / 100
    return out


def _total(bands: list[dict[str, float]], tiering: str, extra: dict[str, Any], v: float) -> float:
    fees: list[dict[str, Any]] = [
        {"kind": "per_contact", "tiering": tiering, "tiers": bands},
        {"kind": "fixed_monthly", "amount": 1000},
        {"kind": "one_time", "amount": 5000},
    ]
    rows = quote(vendor(fees, **extra), [part(VOICE, 1, volume=v)], [VOICE], 1, fx={"USD": 7.1})
    return bill_total(rows)


def _band(bands: list[dict[str, float]], v: float) -> int:
    return next(
        (k for k, b in enumerate(bands) if "up_to" in b and v <= b["up_to"]), len(bands) - 1
    )


@FAST
@given(bands=banded(), extra=terms(), v1=volumes, v2=volumes)
def test_more_volume_never_lowers_a_marginal_quote(
    bands: list[dict[str, float]], extra: dict[str, Any], v1: float, v2: float
) -> None:
    low, high = sorted((v1, v2))
    assert _total(bands, "marginal", extra, high) >= _total(bands, "marginal", extra, low) * (
        1 - 1e-12
    )


@FAST
@given(bands=banded(), extra=terms(), v1=volumes, v2=volumes)
def test_all_units_is_monotone_within_a_band(
    bands: list[dict[str, float]], extra: dict[str, Any], v1: float, v2: float
) -> None:
    low, high = sorted((v1, v2))
    if _band(bands, low) == _band(bands, high):
        assert _total(bands, "all_units", extra, high) >= _total(bands, "all_units", extra, low) * (
            1 - 1e-12
        )


@FAST
@given(bands=banded(), tiering=st.sampled_from(["marginal", "all_units"]), v1=volumes, v2=volumes)
def test_splitting_volume_over_parts_keeps_the_tiered_charge(
    bands: list[dict[str, float]], tiering: str, v1: float, v2: float
) -> None:
    v = vendor([{"kind": "per_contact", "tiering": tiering, "tiers": bands}])
    whole = quote(v, [part(VOICE, 1, volume=v1 + v2)], [VOICE], 1)
    split = quote(v, [part(VOICE, 1, volume=v1), part(CHAT, 1, volume=v2)], [VOICE, CHAT], 1)
    assert bill_total(split) == pytest.approx(bill_total(whole), rel=1e-12, abs=1e-9)


@FAST
@given(bands=banded(), extra=terms(), vs=st.lists(volumes, min_size=1, max_size=6))
def test_rows_are_traceable_and_add_up(
    bands: list[dict[str, float]], extra: dict[str, Any], vs: list[float]
) -> None:
    fees: list[dict[str, Any]] = [
        {"kind": "per_contact", "tiering": "marginal", "tiers": bands},
        {"kind": "per_fte_month", "rate": 13800, "rounding": "ceil", "committed_fte": 3},
        {"kind": "surcharge", "window": "night", "percent": 0.2, "on": ["per_fte_month"]},
        {"kind": "one_time", "amount": 5000, "month": len(vs) - 1},
    ]
    months = len(vs)
    usage = part(
        VOICE,
        months,
        volume=vs,
        fte=[v / 1000 for v in vs],
        productive_hours=[v / 10 for v in vs],
        window_hours={"night": [v / 40 for v in vs]},
    )
    rows = quote(
        vendor(fees, escalation={"rate": 0.05, "every_months": 2}, **extra),
        [usage],
        [VOICE],
        months,
        fx={"USD": 7.1},
    )
    for row in rows:
        assert row.amount == row.quantity * row.rate * row.fx
    by_month = [math.fsum(r.amount for r in rows if r.month_index == i) for i in range(months)]
    assert bill_total(rows) == pytest.approx(math.fsum(by_month), rel=1e-15, abs=1e-9)
    assert bill_total(reversed(rows)) == bill_total(rows)
