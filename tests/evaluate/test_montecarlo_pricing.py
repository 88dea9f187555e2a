"""Pricing every sample at once ([S, M] usages, [S, 1] FX) equals pricing each sample alone.

Monte Carlo prices with the same code that makes the bill (``quote_lines``,
``inhouse_lines``); this checks the leading sample axis changes nothing: tiers (all
units), FTE rounding, night surcharges, minimums, discounts, tax, FX and the in-house
model give, sample by sample, the bill rows ``price_quote`` / ``price_inhouse`` give.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from tests.evaluate.test_montecarlo import _scenario

from cscost.evaluate.montecarlo import Ranges, _models, sampled_option_costs
from cscost.evaluate.sampled import sampled_usage
from cscost.evaluate.sampling import draw_samples
from cscost.model import INHOUSE
from cscost.pricing.inhouse import price_inhouse
from cscost.pricing.quote import price_quote
from cscost.pricing.usage import PartUsage


def _sample(usage: PartUsage, s: int) -> PartUsage:
    """Sample ``s`` of a usage whose arrays are [S, M]."""
    return replace(
        usage,
        volume=usage.volume[s],
        aht_s=usage.aht_s[s],
        productive_hours=usage.productive_hours[s],
        paid_hours=usage.paid_hours[s],
        fte=usage.fte[s],
        seats=usage.seats[s],
        hires=usage.hires[s],
        window_hours={w: h[s] for w, h in usage.window_hours.items()},
        window_volume={w: v[s] for w, v in usage.window_volume.items()},
    )


@pytest.mark.parametrize("option_index", [0, 1, 2])
def test_all_samples_at_once_equal_each_sample_alone(option_index: int) -> None:
    scenario = _scenario()
    horizon = scenario.horizon
    options = scenario.resolved_options()
    option = options[option_index]
    draws = draw_samples(
        scenario.uncertainty,
        np.random.default_rng(21),
        6,
        queue_ids=scenario.queue_ids,
        months=horizon.months,
        currencies=("USD",),
    )
    models, changes, _ = _models(scenario, options, Ranges.of(draws), {})
    monthly, _ = sampled_option_costs(
        scenario, option, changes[option_index], models[option_index], draws, {}
    )
    queues = {q.id: q for q in scenario.queues}
    inhouse = scenario.inhouse
    assert inhouse is not None
    for s in range(draws.samples):
        rows = []
        by_provider: dict[str, list[PartUsage]] = {}
        for m in models[option_index]:
            volume = draws.volume[m.queue_id]
            usage = sampled_usage(
                m.usage,
                m.settings,
                m.table.lookup(volume, draws.aht),
                volume,
                draws.aht,
                draws.attrition,
            )
            by_provider.setdefault(m.provider, []).append(_sample(usage, s))
        for provider, usages in by_provider.items():
            if provider == INHOUSE:
                rows += price_inhouse(
                    inhouse,
                    usages,
                    queues=queues,
                    horizon=horizon,
                    currency="CNY",
                    option=option.name,
                    workforce_attrition=scenario.workforce.attrition * float(draws.attrition[s]),
                )
            else:
                rows += price_quote(
                    scenario.vendor(provider),
                    usages,
                    queues=queues,
                    horizon=horizon,
                    currency="CNY",
                    fx={"USD": 7.0 * float(draws.fx["USD"][s])},
                    option=option.name,
                )
        alone = [
            math.fsum(r.amount for r in rows if r.month_index == i) for i in range(horizon.months)
        ]
        np.testing.assert_allclose(monthly[s], alone, rtol=1e-12, atol=1e-6)
    assert np.ptp(monthly.sum(axis=1)) > 0  # the samples differ
