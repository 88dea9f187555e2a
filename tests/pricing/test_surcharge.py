"""Surcharges on windows and languages, by hand.

surcharge = percent × Σ (charge of the named line × share inside the window), with the
share by hours (window_hours / productive_hours) for hours-based kinds and by volume
(window_volume / volume) for volume-based kinds.
"""

from __future__ import annotations

import pytest

from cscost.errors import QuoteError

from .helpers import amount, one, part, pick, queue, quote, vendor

VOICE = queue("voice-zh", "voice", "zh")
JAPANESE = queue("voice-ja", "voice", "ja")
REL = 1e-12


def test_night_surcharge_on_fte_by_hours() -> None:
    """10 FTE × 13,800 = 138,000; 300 of 1,500 productive hours at night (20 %).

    Surcharge 20 % × 138,000 × 0.2 = 5,520.
    """
    v = vendor(
        [
            {"kind": "per_fte_month", "rate": 13800},
            {"kind": "surcharge", "window": "night", "percent": 0.20, "on": ["per_fte_month"]},
        ]
    )
    usage = part(VOICE, 1, fte=10, productive_hours=1500, window_hours={"night": 300})
    rows = quote(v, [usage], [VOICE], 1)
    row = one(rows, kind="surcharge")
    assert (row.queue, row.unit, row.category) == ("voice-zh", "base", "night_surcharge")
    assert row.quantity == pytest.approx(27600, rel=REL)
    assert row.rate == 0.20
    assert row.amount == pytest.approx(5520, rel=REL)


def test_night_surcharge_on_contacts_by_volume() -> None:
    """1.0 × 10,000 contacts, 1,500 at night: 25 % × 10,000 × 0.15 = 375."""
    v = vendor(
        [
            {"kind": "per_contact", "name": "handling", "rate": 1.0},
            {"kind": "per_contact", "name": "platform", "rate": 0.1},
            {"kind": "surcharge", "window": "night", "percent": 0.25, "on": ["handling"]},
        ]
    )
    usage = part(
        VOICE,
        1,
        volume=10000,
        productive_hours=400,
        window_hours={"night": 200},
        window_volume={"night": 1500},
    )
    row = one(quote(v, [usage], [VOICE], 1), kind="surcharge")
    assert row.amount == pytest.approx(375, rel=REL)  # "platform" is not named in `on`


def test_window_given_as_hours_text() -> None:
    """A surcharge on hours text reads the part's window of that text."""
    v = vendor(
        [
            {"kind": "per_productive_hour", "rate": 100},
            {
                "kind": "surcharge",
                "window": "Sat-Sun 00:00-24:00",
                "percent": 0.5,
                "on": ["per_productive_hour"],
            },
        ]
    )
    usage = part(VOICE, 1, productive_hours=700, window_hours={"Sat-Sun 00:00-24:00": 200})
    assert one(quote(v, [usage], [VOICE], 1), kind="surcharge").amount == pytest.approx(
        0.5 * 100 * 200, rel=REL
    )
    usage = part(VOICE, 1, productive_hours=700)
    with pytest.raises(QuoteError, match="no window_hours for window `Sat-Sun 00:00-24:00`"):
        quote(v, [usage], [VOICE], 1)


def test_language_surcharge_applies_to_the_whole_charge_of_its_language() -> None:
    """+15 % on per_productive_hour for Japanese only: 0.15 × 80 × 500 = 6,000."""
    v = vendor(
        [
            {"kind": "per_productive_hour", "rate": 80},
            {
                "kind": "surcharge",
                "languages": ["ja"],
                "percent": 0.15,
                "on": ["per_productive_hour"],
            },
        ]
    )
    parts = [part(VOICE, 1, productive_hours=1000), part(JAPANESE, 1, productive_hours=500)]
    rows = quote(v, parts, [VOICE, JAPANESE], 1)
    row = one(rows, kind="surcharge")
    assert (row.queue, row.category) == ("voice-ja", "language_surcharge")
    assert row.amount == pytest.approx(6000, rel=REL)
    assert amount(rows) == pytest.approx(80 * 1500 + 6000, rel=REL)


def test_surcharge_on_a_quote_level_fixed_fee_by_hours() -> None:
    """Fixed 3,000 over two parts with 100 + 300 productive hours, 50 + 30 at night.

    Night share = 80 / 400 = 0.2; 10 % × 3,000 × 0.2 = 60 on the quote-level row.
    """
    v = vendor(
        [
            {"kind": "fixed_monthly", "name": "platform", "amount": 3000},
            {"kind": "surcharge", "window": "night", "percent": 0.10, "on": ["platform"]},
        ]
    )
    parts = [
        part(VOICE, 1, productive_hours=100, window_hours={"night": 50}),
        part(JAPANESE, 1, productive_hours=300, window_hours={"night": 30}),
    ]
    row = one(quote(v, parts, [VOICE, JAPANESE], 1), kind="surcharge")
    assert row.queue == "*"
    assert row.amount == pytest.approx(60, rel=REL)


def test_surcharge_base_is_escalated_and_counts_towards_the_minimum() -> None:
    """Month 1 after +10 %: base 1.1 × 1,000 = 1,100, surcharge 50 % = 550, R = 1,650.

    Minimum 1,600 × 1.1 = 1,760 → shortfall 110 (the surcharge is a recurring charge).
    """
    v = vendor(
        [
            {"kind": "per_contact", "rate": 1.0},
            {"kind": "surcharge", "percent": 0.5, "on": ["per_contact"], "months": [1]},
        ],
        escalation={"rate": 0.10, "every_months": 1},
        minimum_monthly=1600,
    )
    rows = quote(v, [part(VOICE, 2, volume=1000)], [VOICE], 2)
    assert [r.month_index for r in pick(rows, kind="surcharge")] == [1]
    assert one(rows, kind="surcharge").amount == pytest.approx(550, rel=REL)
    assert one(rows, kind="minimum_monthly", month_index=1).amount == pytest.approx(110, rel=REL)
    assert one(rows, kind="minimum_monthly", month_index=0).amount == pytest.approx(600, rel=REL)


def test_no_hours_no_night_share() -> None:
    """A month without productive hours has no night share (no division by zero)."""
    v = vendor(
        [
            {"kind": "per_fte_month", "rate": 100, "committed_fte": 2},
            {"kind": "surcharge", "window": "night", "percent": 0.2, "on": ["per_fte_month"]},
        ]
    )
    usage = part(VOICE, 1, window_hours={"night": 0})
    assert one(quote(v, [usage], [VOICE], 1), kind="surcharge").amount == 0
