"""Every fee kind on hand-computed bills (DESIGN.md, "Fee lines").

Each expected amount is written out from the formula in the test, never read back
from the code. One month or a few; quote currency = scenario currency (fx 1).
"""

from __future__ import annotations

import numpy as np
import pytest

from cscost.errors import QuoteError
from cscost.pricing import hires_by_month

from .helpers import amount, one, part, pick, queue, quote, vendor

VOICE = queue("voice-zh", "voice", "zh", "general")
SENIOR = queue("voice-en", "voice", "en", "senior")
EMAIL = queue("email-en", "email", "en", "general")


def test_per_productive_hour_rate_by_tier() -> None:
    """rate[tier] × productive hours: 50 × 100 = 5,000 and 70 × 200 = 14,000."""
    v = vendor([{"kind": "per_productive_hour", "rate": {"general": 50, "senior": 70}}])
    rows = quote(
        v,
        [part(VOICE, 1, productive_hours=100), part(SENIOR, 1, productive_hours=200)],
        [VOICE, SENIOR],
        1,
    )
    general = one(rows, queue="voice-zh")
    senior = one(rows, queue="voice-en")
    assert (general.quantity, general.unit, general.rate, general.amount) == (
        100,
        "hours",
        50,
        5000,
    )
    assert (senior.quantity, senior.rate, senior.amount) == (200, 70, 14000)
    assert general.category == "labour"
    assert general.kind == "per_productive_hour"


def test_per_paid_hour() -> None:
    """rate × paid hours: 40 × 150 = 6,000 (not the 100 productive hours)."""
    v = vendor([{"kind": "per_paid_hour", "rate": 40}])
    row = one(quote(v, [part(VOICE, 1, productive_hours=100, paid_hours=150)], [VOICE], 1))
    assert (row.quantity, row.amount) == (150, 6000)


def test_per_contact_flat_rate_by_language() -> None:
    """rate[language] × contacts: zh 4.0 × 1,000 = 4,000; en 6.0 × 500 = 3,000."""
    v = vendor([{"kind": "per_contact", "rate": {"zh": 4.0, "en": 6.0}}])
    rows = quote(v, [part(VOICE, 1, volume=1000), part(EMAIL, 1, volume=500)], [VOICE, EMAIL], 1)
    assert one(rows, queue="voice-zh").amount == 4000
    assert one(rows, queue="email-en").amount == 3000
    assert one(rows, queue="email-en").unit == "contacts"


def test_per_minute() -> None:
    """rate × volume × AHT / 60: 0.5 × 1,200 × 300 / 60 = 0.5 × 6,000 = 3,000."""
    v = vendor([{"kind": "per_minute", "rate": 0.5}])
    row = one(quote(v, [part(VOICE, 1, volume=1200, aht_s=300)], [VOICE], 1))
    assert (row.quantity, row.unit, row.amount) == (6000, "minutes", 3000)


def test_per_resolution_uses_fcr() -> None:
    """rate × volume × FCR: 10 × 1,000 × 0.7 = 7,000 for 700 resolutions."""
    v = vendor([{"kind": "per_resolution", "rate": 10}])
    row = one(quote(v, [part(VOICE, 1, volume=1000, fcr=0.7)], [VOICE], 1))
    assert row.quantity == pytest.approx(700, rel=1e-15)
    assert row.unit == "resolutions"
    assert row.amount == pytest.approx(7000, rel=1e-15)


def test_per_resolution_without_fcr_says_what_to_state() -> None:
    v = vendor([{"kind": "per_resolution", "rate": 10}])
    with pytest.raises(QuoteError, match=r"fees\[0\].*kpis\.fcr.*queue's fcr"):
        quote(v, [part(VOICE, 1, volume=1000, fcr=None)], [VOICE], 1)


def test_fixed_monthly_is_quote_level() -> None:
    """amount every month, once for the quote (queue *), whatever the number of parts."""
    v = vendor([{"kind": "fixed_monthly", "name": "account management", "amount": 2500}])
    rows = quote(v, [part(VOICE, 3), part(EMAIL, 3)], [VOICE, EMAIL], 3)
    assert [r.amount for r in rows] == [2500, 2500, 2500]
    assert {(r.queue, r.quantity, r.unit, r.line, r.category) for r in rows} == {
        ("*", 1, "month", "account management", "management")
    }


def test_fixed_monthly_with_a_filter_names_its_queue_and_needs_it() -> None:
    """A filtered fixed fee charges when the vendor works a matching queue, named in the row."""
    fees = [{"kind": "fixed_monthly", "amount": 800, "channels": ["email"]}]
    rows = quote(vendor(fees), [part(VOICE, 1), part(EMAIL, 1)], [VOICE, EMAIL], 1)
    assert one(rows).queue == "email-en"
    assert one(rows).amount == 800
    assert quote(vendor(fees), [part(VOICE, 1)], [VOICE, EMAIL], 1) == []


def test_per_seat_month() -> None:
    """amount × seats: 300 × 12 = 3,600, category technology by default."""
    v = vendor([{"kind": "per_seat_month", "amount": 300}])
    row = one(quote(v, [part(VOICE, 1, seats=12)], [VOICE], 1))
    assert (row.quantity, row.unit, row.amount, row.category) == (12, "seats", 3600, "technology")


def test_one_time_in_its_month_only() -> None:
    """150,000 in month index 1 (written 2027-02); nothing in months 0 and 2."""
    v = vendor([{"kind": "one_time", "name": "setup", "amount": 150000, "month": "2027-02"}])
    rows = quote(v, [part(VOICE, 3)], [VOICE], 3)
    row = one(rows)
    assert (row.month, row.month_index, row.queue, row.amount, row.category) == (
        "2027-02",
        1,
        "*",
        150000,
        "setup",
    )


def test_per_new_hire_with_attrition() -> None:
    """amount × hires; hires = growth + FTE × attrition / 12 with attrition 36 %/year.

    FTE 10, 12, 12 → hires 10 + 10 × 0.03 = 10.3, 2 + 12 × 0.03 = 2.36, 0 + 0.36 = 0.36;
    at 2,000 per hire: 20,600, 4,720, 720.
    """
    fte = [10.0, 12.0, 12.0]
    hires = hires_by_month(np.asarray(fte), 0.36)
    assert list(hires) == pytest.approx([10.3, 2.36, 0.36], rel=1e-12)
    v = vendor([{"kind": "per_new_hire", "amount": 2000}])
    rows = quote(v, [part(VOICE, 3, fte=fte, hires=hires)], [VOICE], 3)
    assert [r.amount for r in rows] == pytest.approx([20600, 4720, 720], rel=1e-12)
    assert {(r.unit, r.category) for r in rows} == {("hires", "training")}


def test_per_fte_month_computed() -> None:
    """rate × FTE without commitment or rounding: 13,800 × 12.5 = 172,500."""
    v = vendor([{"kind": "per_fte_month", "rate": {"general": 13800}}])
    row = one(quote(v, [part(VOICE, 1, fte=12.5)], [VOICE], 1))
    assert (row.quantity, row.unit, row.amount) == (12.5, "FTE", 172500)


def test_filters_that_do_not_match_charge_nothing() -> None:
    """A fee for email and one for tier senior charge nothing for a general voice queue."""
    v = vendor(
        [
            {"kind": "per_contact", "rate": 1.0, "channels": ["email"]},
            {"kind": "per_contact", "name": "senior", "rate": 2.0, "tiers": ["senior"]},
            {"kind": "per_contact", "name": "zh only", "rate": 3.0, "languages": ["zh"]},
            {"kind": "per_contact", "name": "by id", "rate": 4.0, "queues": ["email-en"]},
        ]
    )
    rows = quote(v, [part(VOICE, 1, volume=100), part(EMAIL, 1, volume=10)], [VOICE, EMAIL], 1)
    assert amount(rows, queue="voice-zh") == 3.0 * 100
    assert amount(rows, queue="email-en") == 1.0 * 10 + 4.0 * 10
    assert pick(rows, line="senior") == []


def test_months_filter() -> None:
    """A fee limited to months 0 and 2027-03 has rows in those months only."""
    v = vendor([{"kind": "fixed_monthly", "amount": 100, "months": [0, "2027-03"]}])
    rows = quote(v, [part(VOICE, 4)], [VOICE], 4)
    assert [(r.month_index, r.amount) for r in rows] == [(0, 100), (2, 100)]


def test_no_parts_no_rows() -> None:
    """A vendor with no work in the option is not billed, even its fixed fees."""
    v = vendor([{"kind": "fixed_monthly", "amount": 100}], minimum_monthly=1000)
    assert quote(v, [], [VOICE], 2) == []


def test_fee_rows_in_vendor_order_then_terms_month_by_month() -> None:
    v = vendor(
        [
            {"kind": "fixed_monthly", "name": "b", "amount": 1},
            {"kind": "per_contact", "name": "a", "rate": 1},
        ],
        tax_rate=0.1,
    )
    rows = quote(v, [part(VOICE, 2, volume=5)], [VOICE], 2)
    assert [(r.month_index, r.line) for r in rows] == [
        (0, "b"),
        (0, "a"),
        (0, "tax"),
        (1, "b"),
        (1, "a"),
        (1, "tax"),
    ]


def test_rate_table_without_a_key_for_the_queue_is_a_clear_error() -> None:
    """The model rejects this first; pricing still names the fee and the missing key."""
    v = vendor([{"kind": "per_paid_hour", "rate": {"senior": 40}}])
    with pytest.raises(QuoteError, match=r"fees\[0\]\.rate has no price for queue `voice-zh`"):
        quote(v, [part(VOICE, 1, paid_hours=1)], [VOICE], 1)
