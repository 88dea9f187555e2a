"""A small contract to plant invoice errors in, and helpers to build actuals and invoices.

The vendor bills per FTE (``agents``, 10,000 per FTE) plus a fixed ``platform`` fee of
5,000 a month; prices escalate 5 % every 12 months; the minimum is 100,000 a month; the
SLA ladder credits 5 % below a service level of 0.80 and 10 % below 0.70 (at most
at_risk = 10 %); tax is 6 %. The horizon starts 2027-01 and the term is 24 months.
"""

from __future__ import annotations

from cscost.reconcile import ActualRow, InvoiceLine

SCENARIO = """\
scenario:
  name: reconcile test
  currency: CNY
  start: 2027-01
  months: 36
  fx: {USD: 7.0}
workforce: {shrinkage: 0.30, max_occupancy: 0.85, hours_per_fte_month: 170}
queues:
  - id: voice
    channel: voice
    language: zh
    volume: {monthly: 30000}
    aht: 300s
    hours: "08:00-20:00"
    target: {answer_within: 20s, level: 0.80}
  - id: email
    channel: email
    language: zh
    volume: {monthly: 4000}
    aht: 6m
    hours: "09:00-18:00"
    target: {respond_within: 24h, level: 0.90}
inhouse: {agent_monthly_cost: {general: 8000}}
vendors:
  - id: acme
    name: Acme BPO
    term_months: 24
    fees:
      - {kind: per_fte_month, name: agents, rate: 10000}
      - {kind: fixed_monthly, name: platform, amount: 5000}
    escalation: {rate: 0.05, every_months: 12}
    minimum_monthly: 100000
    sla: {at_risk: 0.10, expected_miss_rate: 0.10,
          levels: [{below: 0.80, credit: 0.05}, {below: 0.70, credit: 0.10}]}
    tax_rate: 0.06
  - id: pacific
    currency: USD
    scope: [voice]
    fees:
      - {kind: per_contact, name: contacts, tiering: marginal,
         tiers: [{up_to: 80000, rate: 0.95}, {rate: 0.80}]}
      - {kind: fixed_monthly, name: account management, amount: 2500}
    minimum_monthly: 60000
    tax_rate: 0.06
  - id: talk
    fees:
      - {kind: per_minute, name: talk time, rate: 1.2}
      - {kind: per_resolution, name: resolutions, rate: 2.0}
      - {kind: per_seat_month, name: seats, amount: 800}
    discount: 0.05
    kpis: {fcr: 0.70}
"""


def month(
    label: str, *, voice_fte: float = 20.0, email_fte: float = 5.0, sl: float = 0.85
) -> list[ActualRow]:
    """The actual month: voice 30,000 handled at ``sl``, e-mail 4,000 handled."""
    return [
        ActualRow(
            label,
            "voice",
            {
                "fte": voice_fte,
                "handled": 30000.0,
                "offered": 30500.0,
                "aht_s": 300.0,
                "service_level": sl,
            },
        ),  # fmt: skip
        ActualRow(label, "email", {"fte": email_fte, "handled": 4000.0, "aht_s": 360.0}),
    ]


def line(
    label: str,
    name: str,
    amount: float,
    quantity: float | None = None,
    rate: float | None = None,
    *,
    queue: str | None = None,
    currency: str = "CNY",
) -> InvoiceLine:
    """One invoice line."""
    return InvoiceLine(label, name, queue, quantity, None, rate, amount, currency)
