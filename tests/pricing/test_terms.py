"""Contract terms on hand-computed bills: escalation, minimum, discount, SLA, tax, FX, exit.

Order each month (DESIGN.md): escalation of recurring prices, minimum shortfall S on
the recurring charges R, discount D = −d × (R + S + one-time O), SLA credit
C = −at_risk × miss × (R + S) × (1 − d), tax T = t × (R + S + O + D + C), then × fx.
"""

from __future__ import annotations

import pytest

from cscost.errors import QuoteError
from cscost.pricing import bill_total

from .helpers import amount, month_total, one, part, pick, queue, quote, vendor

VOICE = queue("voice-zh", "voice", "zh")
REL = 1e-12


def test_escalation_on_the_anniversary_month_not_before() -> None:
    """+4 % every 12 months: months 0–11 at list price, 12–23 × 1.04, 24 × 1.04².

    Recurring prices (per-contact rate, fixed amount, per-seat and per-hire amounts)
    escalate; the one-time fee in month 12 does not.
    """
    v = vendor(
        [
            {"kind": "per_contact", "rate": 2.0},
            {"kind": "fixed_monthly", "amount": 1000},
            {"kind": "per_seat_month", "amount": 100},
            {"kind": "per_new_hire", "amount": 50},
            {"kind": "one_time", "amount": 5000, "month": 12},
        ],
        escalation={"rate": 0.04, "every_months": 12},
    )
    rows = quote(v, [part(VOICE, 25, volume=100, seats=3, hires=2)], [VOICE], 25)
    recurring = 2.0 * 100 + 1000 + 100 * 3 + 50 * 2  # 1,600 at list price
    assert month_total(rows, 0) == pytest.approx(recurring, rel=REL)
    assert month_total(rows, 11) == pytest.approx(recurring, rel=REL)
    assert month_total(rows, 12) == pytest.approx(recurring * 1.04 + 5000, rel=REL)
    assert month_total(rows, 23) == pytest.approx(recurring * 1.04, rel=REL)
    assert month_total(rows, 24) == pytest.approx(recurring * 1.04**2, rel=REL)
    assert one(rows, kind="one_time").rate == 5000
    assert one(rows, kind="per_contact", month_index=12).rate == pytest.approx(2.08, rel=REL)


def test_escalation_every_6_months() -> None:
    """every_months 6: month 5 at list, month 6 × 1.03, month 12 × 1.03²."""
    v = vendor(
        [{"kind": "fixed_monthly", "amount": 1000}], escalation={"rate": 0.03, "every_months": 6}
    )
    rows = quote(v, [part(VOICE, 13)], [VOICE], 13)
    assert [rows[i].amount for i in (5, 6, 12)] == pytest.approx(
        [1000, 1030, 1000 * 1.03**2], rel=REL
    )


def test_minimum_binds_in_low_season_only() -> None:
    """Minimum 80,000 against 1.0 × volume: volumes 100,000, 70,000, 90,000, 60,000.

    Shortfall 10,000 in month 1 and 20,000 in month 3, none in months 0 and 2. The
    one-time 50,000 in month 1 does not count towards the minimum.
    """
    v = vendor(
        [{"kind": "per_contact", "rate": 1.0}, {"kind": "one_time", "amount": 50000, "month": 1}],
        minimum_monthly=80000,
    )
    rows = quote(v, [part(VOICE, 4, volume=[100000, 70000, 90000, 60000])], [VOICE], 4)
    shortfalls = pick(rows, kind="minimum_monthly")
    assert [(r.month_index, r.quantity, r.amount) for r in shortfalls] == [
        (1, 10000, 10000),
        (3, 20000, 20000),
    ]
    assert {(r.queue, r.line, r.category, r.unit, r.rate) for r in shortfalls} == {
        ("*", "minimum shortfall", "minimum_commitment", "shortfall", 1.0)
    }
    assert [month_total(rows, i) for i in range(4)] == [100000, 130000, 90000, 80000]


def test_minimum_is_escalated() -> None:
    """Minimum 1,000 +10 % after 1 month: recurring 1,050 meets 1,000 but not 1,100."""
    v = vendor(
        [{"kind": "per_contact", "rate": 1.0}],
        minimum_monthly=1000,
        escalation={"rate": 0.10, "every_months": 1},
    )
    rows = quote(v, [part(VOICE, 2, volume=[1050, 1000])], [VOICE], 2)
    # month 1: rate 1.1 × 1,000 = 1,100 against minimum 1,100 → no shortfall
    assert pick(rows, kind="minimum_monthly") == []
    rows = quote(v, [part(VOICE, 2, volume=[1050, 900])], [VOICE], 2)
    # month 1: 1.1 × 900 = 990 against 1,100 → shortfall 110
    assert one(rows, kind="minimum_monthly").amount == pytest.approx(110, rel=REL)


def test_discount_on_the_months_charges_one_time_included() -> None:
    """5 % off (10,000 recurring + 4,000 one-time) = −700."""
    v = vendor(
        [{"kind": "fixed_monthly", "amount": 10000}, {"kind": "one_time", "amount": 4000}],
        discount=0.05,
    )
    row = one(quote(v, [part(VOICE, 1)], [VOICE], 1), kind="discount")
    assert (row.quantity, row.unit, row.rate, row.queue) == (14000, "base", -0.05, "*")
    assert row.amount == pytest.approx(-700, rel=REL)


def test_sla_credit_on_recurring_after_minimum_and_discount() -> None:
    """R = 9,000, minimum 10,000 → S = 1,000; one-time O = 5,000; discount 10 %.

    SLA credit = −0.10 × 0.20 × (9,000 + 1,000) × (1 − 0.10) = −0.02 × 9,000 = −180.
    """
    v = vendor(
        [{"kind": "per_contact", "rate": 1.0}, {"kind": "one_time", "amount": 5000}],
        minimum_monthly=10000,
        discount=0.10,
        sla={"at_risk": 0.10, "expected_miss_rate": 0.20},
    )
    rows = quote(v, [part(VOICE, 1, volume=9000)], [VOICE], 1)
    credit = one(rows, kind="sla")
    assert (credit.line, credit.category) == ("SLA credit", "sla_credits")
    assert credit.quantity == pytest.approx(9000, rel=REL)
    assert credit.rate == pytest.approx(-0.02, rel=REL)
    assert credit.amount == pytest.approx(-180, rel=REL)
    assert one(rows, kind="discount").amount == pytest.approx(-0.10 * 15000, rel=REL)


def test_tax_includes_one_time_fees() -> None:
    """6 % tax on 2,000 recurring + 150,000 one-time = 9,120, its own row."""
    v = vendor(
        [{"kind": "fixed_monthly", "amount": 2000}, {"kind": "one_time", "amount": 150000}],
        tax_rate=0.06,
    )
    rows = quote(v, [part(VOICE, 2)], [VOICE], 2)
    taxes = pick(rows, kind="tax_rate")
    assert [(t.month_index, t.quantity) for t in taxes] == [(0, 152000), (1, 2000)]
    assert [t.amount for t in taxes] == pytest.approx([9120, 120], rel=REL)
    assert {(t.line, t.category, t.queue) for t in taxes} == {("tax", "tax", "*")}


def test_fx_converts_every_amount_fee_currency_overrides() -> None:
    """Vendor in USD at 7.1, one fee in EUR at 7.8: 1,000 USD → 7,100; 100 EUR → 780.

    The 10 % tax is on the vendor's invoice in USD: (1,000 + 780 / 7.1) × 0.1 USD.
    """
    v = vendor(
        [
            {"kind": "fixed_monthly", "amount": 1000},
            {"kind": "fixed_monthly", "name": "eur", "amount": 100, "currency": "EUR"},
        ],
        currency="USD",
        tax_rate=0.10,
    )
    rows = quote(v, [part(VOICE, 1)], [VOICE], 1, fx={"USD": 7.1, "EUR": 7.8})
    usd = one(rows, line="fixed_monthly")
    eur = one(rows, line="eur")
    assert (usd.currency, usd.fx, usd.rate) == ("USD", 7.1, 1000)
    assert usd.amount == pytest.approx(7100, rel=REL)
    assert (eur.currency, eur.fx) == ("EUR", 7.8)
    assert eur.amount == pytest.approx(780, rel=REL)
    tax = one(rows, kind="tax_rate")
    assert tax.currency == "USD"
    assert tax.amount == pytest.approx((7100 + 780) * 0.10, rel=REL)
    assert bill_total(rows) == pytest.approx((7100 + 780) * 1.10, rel=REL)


def test_scenario_currency_needs_no_fx_entry() -> None:
    v = vendor([{"kind": "fixed_monthly", "amount": 1000}], currency="CNY")
    assert one(quote(v, [part(VOICE, 1)], [VOICE], 1, fx={})).fx == 1.0


def test_missing_fx_rate_of_the_vendor_names_the_field() -> None:
    v = vendor([{"kind": "fixed_monthly", "amount": 1}], currency="USD")
    with pytest.raises(QuoteError, match=r"vendor v: currency is USD.*add `USD: .*scenario\.fx"):
        quote(v, [part(VOICE, 1)], [VOICE], 1, fx={"JPY": 0.05})


def test_missing_fx_rate_of_a_fee_names_the_fee() -> None:
    v = vendor([{"kind": "fixed_monthly", "amount": 1, "currency": "EUR"}])
    with pytest.raises(QuoteError, match=r"vendor v: fees\[0\]\.currency is EUR.*scenario\.fx"):
        quote(v, [part(VOICE, 1)], [VOICE], 1, fx={"USD": 7.1})


def test_termination_fee_when_term_outlasts_horizon() -> None:
    """Term 36 months, horizon 24: 300,000 in month 23 only, untaxed and not discounted."""
    v = vendor(
        [{"kind": "fixed_monthly", "amount": 1000}],
        term_months=36,
        termination_fee=300000,
        tax_rate=0.06,
        discount=0.05,
    )
    rows = quote(v, [part(VOICE, 24)], [VOICE], 24)
    exit_row = one(rows, kind="termination_fee")
    assert (exit_row.month_index, exit_row.amount, exit_row.queue) == (23, 300000, "*")
    assert (exit_row.line, exit_row.category) == ("termination fee", "termination")
    assert one(rows, kind="tax_rate", month_index=23).quantity == pytest.approx(
        1000 * 0.95, rel=REL
    )


@pytest.mark.parametrize(
    ("term", "trial", "charged"), [(24, 0, False), (12, 0, False), (36, 24, False), (36, 12, True)]
)
def test_termination_fee_only_before_the_term_ends(term: int, trial: int, charged: bool) -> None:
    """No fee when the horizon reaches the term, or ends within the trial period."""
    v = vendor(
        [{"kind": "fixed_monthly", "amount": 1}],
        term_months=term,
        termination_fee=5000,
        trial_months=trial,
    )
    rows = quote(v, [part(VOICE, 24)], [VOICE], 24)
    assert bool(pick(rows, kind="termination_fee")) is charged


def test_worked_example_of_the_docs() -> None:
    """docs/pricing.md, "Worked example": vendor B in USD at 7.1 CNY, months 0 and 12.

    Month 0, 26,000 contacts: R = 26,000 × 0.95 + 2,500 = 27,200; S = 2,800; O = 10,000;
    D = −2,000; C = −0.015 × 30,000 × 0.95 = −427.50; T = 0.06 × 37,572.50 = 2,254.35;
    total 39,826.85 USD = 282,770.635 CNY.
    Month 12, 50,000 contacts, × 1.04: R = 46,000 × 1.04 + 2,600 = 50,440; S = 0
    (minimum 31,200); D = −2,522; C = −0.015 × 47,918 = −718.77; T = 0.06 × 47,199.23 =
    2,831.9538; total 50,031.1838 USD = 355,221.40498 CNY; termination 20,000 USD =
    142,000 CNY.
    """
    v = vendor(
        [
            {
                "kind": "per_contact",
                "tiering": "marginal",
                "tiers": [{"up_to": 40000, "rate": 0.95}, {"rate": 0.80}],
            },
            {"kind": "fixed_monthly", "name": "account management", "amount": 2500},
            {"kind": "one_time", "name": "setup", "amount": 10000},
        ],
        currency="USD",
        term_months=36,
        termination_fee=20000,
        escalation={"rate": 0.04, "every_months": 12},
        minimum_monthly=30000,
        discount=0.05,
        sla={"at_risk": 0.10, "expected_miss_rate": 0.15},
        tax_rate=0.06,
    )
    volumes = [26000.0] + [40000.0] * 11 + [50000.0]
    rows = quote(v, [part(VOICE, 13, volume=volumes)], [VOICE], 13, fx={"USD": 7.1})
    m0 = {r.line: r.amount / 7.1 for r in pick(rows, month_index=0)}
    assert m0 == pytest.approx(
        {
            "per_contact": 24700,
            "account management": 2500,
            "setup": 10000,
            "minimum shortfall": 2800,
            "discount": -2000,
            "SLA credit": -427.5,
            "tax": 2254.35,
        },
        rel=REL,
    )
    assert month_total(rows, 0) == pytest.approx(282770.635, rel=REL)
    m12 = {r.line: r.amount / 7.1 for r in pick(rows, month_index=12)}
    assert m12 == pytest.approx(
        {
            "per_contact": 47840,
            "account management": 2600,
            "discount": -2522,
            "SLA credit": -718.77,
            "tax": 2831.9538,
            "termination fee": 20000,
        },
        rel=REL,
    )
    assert month_total(rows, 12) == pytest.approx(355221.40498 + 142000, rel=REL)
    assert amount(rows, kind="termination_fee") == pytest.approx(142000, rel=REL)
