"""The Monte Carlo of the three examples, bit for bit as before the speed-ups of issue 18.

``data/montecarlo_reference.json`` holds, per example and option, P10, P50, P90, the mean,
the NPV's P50 and P(cheapest) of 4,100 samples (two whole chunks and a short one) at the
scenario's seed, as ``float.hex``, made by the code before the batched thresholds, the
bucketed breakpoints and the in-place sums. Any change of a number, however small, shows.
"""

from __future__ import annotations

import json
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


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_examples_match_the_reference_bit_for_bit(name: str) -> None:
    scenario = load_scenario(EXAMPLES / f"{name}.yaml")
    risk = monte_carlo(
        scenario,
        np.random.default_rng(scenario.uncertainty.seed),
        samples=SAMPLES,
        forecasts=queue_forecasts(scenario),
    )
    found = {o.name: {f: float(getattr(o, f)).hex() for f in FIELDS} for o in risk.options}
    assert found == REFERENCE[name]
