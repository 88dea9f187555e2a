"""The Monte Carlo of the three examples, bit for bit as before the speed-ups of issue 18.

``data/montecarlo_reference.json`` holds, per example and option, P10, P50, P90, the mean,
the NPV's P50 and P(cheapest) of 4,100 samples (two whole chunks and a short one) at the
scenario's seed, as ``float.hex``, made by the code before the batched thresholds, the
bucketed breakpoints and the in-place sums. Any change of a sample shows; the mean and the
interpolated quantiles are compared to 4 ulps, the rounding that numpy's reductions and
interpolation may differ by between versions and processors (with numpy 2.4.6 on a
newer machine, unchanged code gives a few means and medians 1 ulp away from the file).
A change of one sample by 1e-10 of itself moves the mean by 100 ulps or more.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from cscost.evaluate.montecarlo import monte_carlo
from cscost.io import load_scenario
from cscost.io.tables.volumes import queue_forecasts

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[1] / "examples"
REFERENCE = json.loads((HERE / "data" / "montecarlo_reference.json").read_text())
SAMPLES = 4100
FIELDS = ("p10", "p50", "p90", "mean", "npv_p50", "p_cheapest")
ULPS = 4


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_examples_match_the_reference_bit_for_bit(name: str) -> None:
    scenario = load_scenario(EXAMPLES / f"{name}.yaml")
    risk = monte_carlo(
        scenario,
        np.random.default_rng(scenario.uncertainty.seed),
        samples=SAMPLES,
        forecasts=queue_forecasts(scenario),
    )
    found = {o.name: {f: float(getattr(o, f)) for f in FIELDS} for o in risk.options}
    assert sorted(found) == sorted(REFERENCE[name])
    for option, expected in REFERENCE[name].items():
        for f in FIELDS:
            want = float.fromhex(expected[f])
            got = found[option][f]
            ulps = abs(got - want) / math.ulp(want) if want else abs(got)
            assert ulps <= ULPS, f"{option} {f}: {got.hex()} is {ulps:g} ulps from {expected[f]}"
