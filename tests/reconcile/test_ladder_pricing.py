"""The SLA ladder in the pricing engine: evaluate keeps the estimate, a measured KPI uses it.

Contract ``acme`` (tests/reconcile/helpers.py): at_risk 0.10, expected_miss_rate 0.10,
ladder 5 % below 0.80, 10 % below 0.70. One part with 25 FTE in month 0:
R = 25 × 10,000 + 5,000 = 255,000.

- estimate (no KPI):   C = −0.10 × 0.10 × 255,000 = −2,550
- measured KPI 0.75:   C = −0.05 × 255,000        = −12,750
- measured KPI 0.90:   no credit row
"""

from __future__ import annotations

import numpy as np
import pytest

from cscost.model import Scenario
from cscost.pricing.quote import quote_lines
from cscost.pricing.usage import PartUsage


def _credit(scenario: Scenario, kpi: float | None) -> float | None:
    months = scenario.horizon.months
    zeros = np.zeros(months)
    fte = zeros.copy()
    fte[0] = 25.0
    part = PartUsage("voice", "voice", "zh", "general", "voice", zeros, zeros + 300, zeros,
                     zeros, fte, zeros, zeros, None)  # fmt: skip
    measured = None
    if kpi is not None:
        measured = np.full(months, np.nan)
        measured[0] = kpi
    lines = quote_lines(
        scenario.vendor("acme"),
        [part],
        queues={q.id: q for q in scenario.queues},
        horizon=scenario.horizon,
        currency="CNY",
        fx={},
        measured_kpi=measured,
    )
    sla = [ln for ln in lines if ln.kind == "sla"]
    if not sla or not sla[0].active[0]:
        return None
    return float(sla[0].amount[0])


def test_evaluate_keeps_the_estimate(scenario: Scenario) -> None:
    assert _credit(scenario, None) == pytest.approx(-2550.0)


def test_a_measured_kpi_uses_the_ladder(scenario: Scenario) -> None:
    assert _credit(scenario, 0.75) == pytest.approx(-12750.0)
    assert _credit(scenario, 0.65) == pytest.approx(-25500.0)
    assert _credit(scenario, 0.90) is None
