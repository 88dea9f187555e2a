"""Each finding kind planted alone in a hand-computed invoice and found with its exact amount.

The contract is the one of ``conftest.py``. The base month is 2027-06 (contract month 5,
no escalation step yet): voice FTE 20, e-mail FTE 5, service level 0.85 (above the
ladder). By hand:

    agents    = (20 + 5) × 10,000                    = 250,000
    platform  = 5,000                                 (recurring R = 255,000 ≥ minimum)
    tax       = 0.06 × 255,000                       =  15,300
    total                                            = 270,300
"""

from __future__ import annotations

import pytest

from cscost.model import Scenario
from cscost.reconcile import Reconciliation, reconcile

from .helpers import line, month

JUNE = "2027-06"


def correct_june() -> list:
    return [
        line(JUNE, "agents", 250000, 25, 10000),
        line(JUNE, "platform", 5000, 1, 5000),
        line(JUNE, "tax", 15300, 255000, 0.06),
    ]


def run(scenario: Scenario, invoice: list, actuals: list | None = None) -> Reconciliation:
    return reconcile(scenario, "acme", actuals or month(JUNE), invoice)


def only(result: Reconciliation, kind: str, line_name: str, difference: float) -> None:
    assert [(f.kind, f.line) for f in result.findings] == [(kind, line_name)], result.findings
    finding = result.findings[0]
    assert finding.month in result.months
    assert finding.difference == pytest.approx(difference, abs=1e-6)
    assert finding.difference == pytest.approx(finding.invoiced - finding.expected, abs=1e-6)


def test_a_correct_invoice_gives_no_findings_and_the_expected_total_by_hand(
    scenario: Scenario,
) -> None:
    """250,000 + 5,000 + 15,300 = 270,300."""
    result = run(scenario, correct_june())
    assert result.findings == ()
    assert result.expected_total == pytest.approx(270300.0, abs=1e-9)
    assert result.invoiced_total == pytest.approx(270300.0, abs=1e-9)


def test_rate_not_as_contracted(scenario: Scenario) -> None:
    """agents at 10,100: 25 × (10,100 − 10,000) = 2,500; tax on the billed lines is right."""
    invoice = [
        line(JUNE, "agents", 252500, 25, 10100),
        line(JUNE, "platform", 5000, 1, 5000),
        line(JUNE, "tax", 15450, 257500, 0.06),
    ]
    result = run(scenario, invoice)
    only(result, "rate", "agents", 2500.0)
    assert result.findings[0].clause == "vendors[0].fees[0]"
    assert result.findings[0].basis == "fte"
    assert result.findings[0].basis_value == pytest.approx(25.0)
    # the totals hold the tax on the overbilled rate too: 2,500 × 1.06
    assert result.invoiced_total - result.expected_total == pytest.approx(2650.0)


def test_quantity_above_the_actuals(scenario: Scenario) -> None:
    """26 FTE billed, 25 recorded: (26 − 25) × 10,000 = 10,000."""
    invoice = [
        line(JUNE, "agents", 260000, 26, 10000),
        line(JUNE, "platform", 5000, 1, 5000),
        line(JUNE, "tax", 15900, 265000, 0.06),
    ]
    only(run(scenario, invoice), "quantity", "agents", 10000.0)


def test_escalation_applied_late(scenario: Scenario) -> None:
    """2028-01 is contract month 12: rates × 1.05. Agents billed at the old 10,000.

    Expected agents = 25 × 10,500 = 262,500; platform = 5,250; billed agents 250,000:
    difference 25 × (10,000 − 10,500) = −12,500.
    """
    jan = "2028-01"
    invoice = [
        line(jan, "agents", 250000, 25, 10000),
        line(jan, "platform", 5250, 1, 5250),
        line(jan, "tax", 15315, 255250, 0.06),
    ]
    result = reconcile(scenario, "acme", month(jan), invoice)
    only(result, "escalation", "agents", -12500.0)
    assert "escalation" in result.findings[0].clause


def test_escalation_applied_early(scenario: Scenario) -> None:
    """2027-12 is contract month 11 (no step yet): agents at 10,500 are 12,500 early."""
    dec = "2027-12"
    invoice = [
        line(dec, "agents", 262500, 25, 10500),
        line(dec, "platform", 5000, 1, 5000),
        line(dec, "tax", 16050, 267500, 0.06),
    ]
    only(reconcile(scenario, "acme", month(dec), invoice), "escalation", "agents", 12500.0)


def test_minimum_shortfall_miscomputed(scenario: Scenario) -> None:
    """FTE 6 + 2: R = 80,000 + 5,000 = 85,000, shortfall due 15,000; billed 20,000 (+5,000)."""
    actuals = month(JUNE, voice_fte=6, email_fte=2)
    invoice = [
        line(JUNE, "agents", 80000, 8, 10000),
        line(JUNE, "platform", 5000, 1, 5000),
        line(JUNE, "minimum", 20000),
        line(JUNE, "tax", 6300, 105000, 0.06),
    ]
    only(run(scenario, invoice, actuals), "minimum", "minimum", 5000.0)
    right = [*invoice[:2], line(JUNE, "minimum", 15000), line(JUNE, "tax", 6000, 100000, 0.06)]
    assert run(scenario, right, actuals).findings == ()


def test_minimum_shortfall_not_due(scenario: Scenario) -> None:
    """R = 255,000 is above the minimum 100,000: a shortfall line of 10,000 is not due."""
    invoice = [*correct_june()[:2], line(JUNE, "minimum", 10000), line(JUNE, "tax", 15900)]
    only(run(scenario, invoice), "minimum", "minimum", 10000.0)


def test_sla_credit_missing(scenario: Scenario) -> None:
    """Service level 0.75 < 0.80: credit 5 % × 255,000 = 12,750, not on the invoice."""
    actuals = month(JUNE, sl=0.75)
    result = run(scenario, correct_june(), actuals)
    only(result, "sla_credit", "sla_credit", 12750.0)
    assert result.findings[0].expected == pytest.approx(-12750.0)
    assert result.credits_due == pytest.approx(12750.0)
    right = [
        *correct_june()[:2],
        line(JUNE, "sla_credit", -12750, 255000, -0.05),
        line(JUNE, "tax", 14535, 242250, 0.06),
    ]
    assert run(scenario, right, actuals).findings == ()


def test_sla_credit_short_on_the_second_step(scenario: Scenario) -> None:
    """0.65 < 0.70: credit 10 % × 255,000 = 25,500; 5 % credited (12,750): 12,750 short."""
    actuals = month(JUNE, sl=0.65)
    invoice = [
        *correct_june()[:2],
        line(JUNE, "sla_credit", -12750, 255000, -0.05),
        line(JUNE, "tax", 14535, 242250, 0.06),
    ]
    only(run(scenario, invoice, actuals), "sla_credit", "sla_credit", 12750.0)


def test_tax_miscomputed(scenario: Scenario) -> None:
    """Tax at 7 %: 0.07 × 255,000 = 17,850 instead of 15,300: +2,550."""
    invoice = [*correct_june()[:2], line(JUNE, "tax", 17850, 255000, 0.07)]
    only(run(scenario, invoice), "tax", "tax", 2550.0)


def test_unknown_line(scenario: Scenario) -> None:
    """An "overtime premium" of 3,000 the contract does not have (taxed by the vendor)."""
    invoice = [
        *correct_june()[:2],
        line(JUNE, "overtime premium", 3000),
        line(JUNE, "tax", 15480, 258000, 0.06),
    ]
    only(run(scenario, invoice), "unknown_line", "overtime premium", 3000.0)


def test_missing_line(scenario: Scenario) -> None:
    """The platform fee is not billed: −5,000 (tax on what was billed, 0.06 × 250,000)."""
    invoice = [line(JUNE, "agents", 250000, 25, 10000), line(JUNE, "tax", 15000, 250000, 0.06)]
    only(run(scenario, invoice), "missing_line", "platform", -5000.0)


def test_arithmetic(scenario: Scenario) -> None:
    """25 × 10,000 written as 250,100: +100 (the vendor taxed its written amount)."""
    invoice = [
        line(JUNE, "agents", 250100, 25, 10000),
        line(JUNE, "platform", 5000, 1, 5000),
        line(JUNE, "tax", 15306, 255100, 0.06),
    ]
    only(run(scenario, invoice), "arithmetic", "agents", 100.0)


def test_one_cent_of_rounding_is_tolerated_two_are_not(scenario: Scenario) -> None:
    """Tax 15,300.01 is within the default tolerance; 15,300.02 is a tax finding of 0.02."""
    assert run(scenario, [*correct_june()[:2], line(JUNE, "tax", 15300.01)]).findings == ()
    only(run(scenario, [*correct_june()[:2], line(JUNE, "tax", 15300.02)]), "tax", "tax", 0.02)


def test_lines_per_queue_are_matched_by_queue(scenario: Scenario) -> None:
    """Agents billed per queue: voice 20 × 10,000, e-mail 6 × 10,000 (1 FTE over: +10,000)."""
    invoice = [
        line(JUNE, "agents", 200000, 20, 10000, queue="voice"),
        line(JUNE, "agents", 60000, 6, 10000, queue="email"),
        line(JUNE, "platform", 5000, 1, 5000),
        line(JUNE, "tax", 15900, 265000, 0.06),
    ]
    result = run(scenario, invoice)
    only(result, "quantity", "agents", 10000.0)
    assert result.findings[0].queue == "email"


def test_a_usd_invoice_with_marginal_tiers_by_hand(scenario: Scenario) -> None:
    """Pacific, per contact in USD: 150,000 handled in 2027-03.

    contacts = 80,000 × 0.95 + 70,000 × 0.80 = 76,000 + 56,000 = 132,000 USD;
    account management 2,500; R = 134,500 ≥ 60,000; tax 0.06 × 134,500 = 8,070;
    total 142,570 USD.
    """
    from cscost.reconcile import ActualRow

    actuals = [
        ActualRow("2027-03", "voice", {"handled": 150000.0}),
        # e-mail is outside Pacific's scope (in-house): not its work, left out
        ActualRow("2027-03", "email", {"handled": 4000.0}),
    ]
    invoice = [
        line("2027-03", "contacts", 132000, currency="USD"),
        line("2027-03", "account management", 2500, currency="USD"),
        line("2027-03", "tax", 8070, currency="USD"),
    ]
    result = reconcile(scenario, "pacific", actuals, invoice)
    assert result.currency == "USD"
    assert result.findings == ()
    assert result.expected_total == pytest.approx(142570.0, abs=1e-6)


def test_a_credit_given_without_a_measured_kpi_is_a_finding_without_nan(
    scenario: Scenario,
) -> None:
    """No service level measured: no credit is due; a credit of −1,000 given is −1,000."""
    actuals = [
        row.__class__(
            row.month, row.queue, {k: v for k, v in row.values.items() if k != "service_level"}
        )  # fmt: skip
        for row in month(JUNE)
    ]
    invoice = [*correct_june()[:2], line(JUNE, "sla_credit", -1000), line(JUNE, "tax", 15240)]
    result = run(scenario, invoice, actuals)
    only(result, "sla_credit", "sla_credit", -1000.0)
    assert result.findings[0].basis_value is None


def test_month_filter_and_a_month_without_invoice_lines(scenario: Scenario) -> None:
    """Two months invoiced, one asked: only its lines are judged."""
    july = "2027-07"
    invoice = [*correct_june(), line(july, "agents", 1, 1, 1)]
    actuals = [*month(JUNE), *month(july)]
    result = reconcile(scenario, "acme", actuals, invoice, month=JUNE)
    assert result.months == (JUNE,)
    assert result.findings == ()
    from cscost.errors import ArgumentError

    with pytest.raises(ArgumentError, match="no line in this month"):
        reconcile(scenario, "acme", actuals, invoice, month="2027-08")
    with pytest.raises(ArgumentError, match="outside the contract"):
        reconcile(scenario, "acme", actuals, invoice, month="2029-08")


def test_hours_with_a_night_surcharge_by_hand() -> None:
    """Shenzhou (vendor-c of the e-commerce example), 2027-05, contract month 4.

    agent hours       = (5,000 + 6,000 + 1,000) × 95        = 1,140,000
    night surcharge   = 0.25 × 95 × (400 + 900 + 0)           =    30,875
    holiday surcharge = 1.00 × 95 × (250 + 300 + 0)           =    52,250  (Labour Day)
    platform                                                  =    20,000
    tax               = 0.06 × 1,243,125                      =    74,587.50
    total                                                     = 1,317,712.50
    """
    from pathlib import Path

    from cscost.io import load_scenario
    from cscost.reconcile import ActualRow

    root = Path(__file__).resolve().parents[2]
    ecommerce = load_scenario(root / "examples" / "ecommerce.yaml")
    may = "2027-05"
    actuals = [
        ActualRow(
            may,
            "voice-zh",
            {"productive_hours": 5000.0, "night_hours": 400.0, "holiday_hours": 250.0},
        ),
        ActualRow(
            may,
            "chat-zh",
            {"productive_hours": 6000.0, "night_hours": 900.0, "holiday_hours": 300.0},
        ),
        ActualRow(
            may,
            "email-zh",
            {"productive_hours": 1000.0, "night_hours": 0.0, "holiday_hours": 0.0},
        ),
    ]
    invoice = [
        line(may, "agent hours", 1140000, 12000, 95),
        line(may, "night surcharge", 30875, 123500, 0.25),
        line(may, "holiday surcharge", 52250, 52250, 1.0),
        line(may, "platform", 20000),
        line(may, "tax", 74587.50),
    ]
    result = reconcile(ecommerce, "vendor-c", actuals, invoice)
    assert result.findings == ()
    assert result.expected_total == pytest.approx(1317712.50, abs=1e-6)
    night = [*invoice[:1], line(may, "night surcharge", 32000), *invoice[2:]]
    only(reconcile(ecommerce, "vendor-c", actuals, night), "quantity", "night surcharge", 1125.0)


def test_fte_rounded_on_the_total_is_judged_on_the_total() -> None:
    """Huaxin rounds the month's total FTE up: ⌈95.2⌉ = 96 × 13,800 = 1,324,800.

    Billed per queue as 42 + 43 + 11 = 96 FTE it is right, whatever the split.
    """
    from pathlib import Path

    from cscost.io import load_scenario
    from cscost.reconcile import ActualRow

    root = Path(__file__).resolve().parents[2]
    ecommerce = load_scenario(root / "examples" / "ecommerce.yaml")
    dec = "2027-12"
    actuals = [
        ActualRow(dec, "voice-zh", {"fte": 41.6, "hires": 0.0, "service_level": 0.9}),
        ActualRow(dec, "chat-zh", {"fte": 42.9, "hires": 0.0, "service_level": 0.9}),
        ActualRow(dec, "email-zh", {"fte": 10.7, "hires": 0.0}),
    ]
    invoice = [
        line(dec, "per_fte_month", 42 * 13800, 42, 13800, queue="voice-zh"),
        line(dec, "per_fte_month", 43 * 13800, 43, 13800, queue="chat-zh"),
        line(dec, "per_fte_month", 11 * 13800, 11, 13800, queue="email-zh"),
        line(dec, "tax", 0.06 * 1324800),
    ]
    assert reconcile(ecommerce, "vendor-a", actuals, invoice).findings == ()


def test_minutes_resolutions_seats_and_a_discount_by_hand(scenario: Scenario) -> None:
    """Vendor ``talk``, 2027-04: voice 10,000 handled at 300 s, 7,400 resolved, 20 seats.

    talk time   = 10,000 × 300 / 60 = 50,000 minutes × 1.2 = 60,000
    resolutions = 7,400 × 2.0 (the actual, not kpis.fcr)    = 14,800
    seats       = 20 × 800                                  = 16,000
    discount    = −0.05 × 90,800                            = −4,540   → total 86,260
    A discount taken at 4 % (−3,632) is a rate finding of +908.
    """
    from cscost.reconcile import ActualRow

    april = "2027-04"
    actuals = [
        ActualRow(
            april, "voice", {"handled": 10000.0, "aht_s": 300.0, "resolved": 7400.0, "seats": 20.0}
        ),  # fmt: skip
    ]
    invoice = [
        line(april, "talk time", 60000, 50000, 1.2),
        line(april, "resolutions", 14800, 7400, 2.0),
        line(april, "seats", 16000, 20, 800),
        line(april, "discount", -4540, 90800, -0.05),
    ]
    result = reconcile(scenario, "talk", actuals, invoice)
    assert result.findings == ()
    assert result.expected_total == pytest.approx(86260.0, abs=1e-6)
    cheap = [*invoice[:3], line(april, "discount", -3632, 90800, -0.04)]
    only(reconcile(scenario, "talk", actuals, cheap), "rate", "discount", 908.0)


def test_a_fixed_fee_billed_as_an_amount_at_last_years_price(scenario: Scenario) -> None:
    """2028-01: platform 5,000 × 1.05 = 5,250 is due; 5,000 billed is escalation −250."""
    jan = "2028-01"
    invoice = [
        line(jan, "agents", 262500, 25, 10500),
        line(jan, "platform", 5000),
        line(jan, "tax", 0.06 * 267500),
    ]
    only(reconcile(scenario, "acme", month(jan), invoice), "escalation", "platform", -250.0)


def test_a_credit_printed_as_a_positive_amount_is_read_as_a_credit(scenario: Scenario) -> None:
    """SL 0.75: the credit of 12,750 printed as "sla_credit 12,750.00" is the right credit."""
    invoice = [
        *correct_june()[:2],
        line(JUNE, "sla_credit", 12750, 255000, 0.05),
        line(JUNE, "tax", 14535, 242250, 0.06),
    ]
    result = run(scenario, invoice, month(JUNE, sl=0.75))
    assert result.findings == ()
    assert result.invoiced_total == pytest.approx(255000 - 12750 + 14535)
