"""cscost.staffing against worked examples published by others.

Each test names its source and allows exactly the rounding of the printed figures.
The sources are listed, with their numbers, in docs/staffing-references.md.
"""

from __future__ import annotations

import numpy as np
import pytest

from cscost.staffing import queue_metrics, required_agents

from . import reference as ref


def _metrics(agents: int, volume: float, interval_s: float, aht_s: float, answer_s: float) -> dict:
    m = queue_metrics(agents, volume, interval_s, aht_s, answer_s)
    return {k: float(np.asarray(getattr(m, k))) for k in m.__dataclass_fields__}


def test_call_centre_helper_example_as_printed_by_pyworkforce() -> None:
    """Call Centre Helper's Erlang C example, as printed in pyworkforce 0.1.0's README.

    Source: https://pypi.org/project/pyworkforce/0.1.0/ (project description):
    ``ErlangC(transactions=100, asa=20/60, aht=3, interval=30, max_occupancy=0.85,
    shrinkage=0.3).required_positions(service_level=0.8)`` →
    ``raw_positions: 14, service_level: 0.8883500191794669,
    occupancy: 0.7142857142857143, waiting_probability: 0.1741319335950498``.
    That is 100 calls in 30 min, AHT 180 s, 80 % within 20 s, occupancy ≤ 85 %.
    The figures are printed to full double precision: tolerance 1e-12 relative.
    """
    assert required_agents(100, 1800, 180, 20, 0.8, max_occupancy=0.85) == 14
    m = _metrics(14, 100, 1800, 180, 20)
    assert m["service_level"] == pytest.approx(0.8883500191794669, rel=1e-12)
    assert m["occupancy"] == pytest.approx(0.7142857142857143, rel=1e-12)
    assert m["p_wait"] == pytest.approx(0.1741319335950498, rel=1e-12)


def test_call_centre_helper_example_as_printed_by_cran_erlangc() -> None:
    """The same example in the README of the R package ErlangC 0.1.0 (CRAN, 2024-12-05).

    Source: https://CRAN.R-project.org/package=ErlangC (README):
    ``erlang_c(100, 30 min, 180 s, 20 s, 14)`` → traffic_intensity 10,
    wait_probability 0.1741319, service_level 0.88835, average_speed_of_answer
    7.83593701177724 s, immediate_answer_probability 0.8258681, occupancy 0.7142857;
    ``calculate_agents(..., require_service_level = 0.8, max_occupancy = 0.85)`` →
    agents 14, and its search table's first row (11 agents) wait_probability
    0.6821182, service_level 0.3896138.
    R prints 7 significant digits: tolerance half a unit in the 7th digit
    (5e-8 absolute); the ASA is printed to 15 digits: 1e-13 relative.
    """
    half_unit = 5e-8
    assert required_agents(100, 1800, 180, 20, 0.8, max_occupancy=0.85) == 14
    m = _metrics(14, 100, 1800, 180, 20)
    assert m["traffic"] == pytest.approx(10, rel=1e-15)
    assert m["p_wait"] == pytest.approx(0.1741319, abs=half_unit)
    assert m["service_level"] == pytest.approx(0.88835, abs=half_unit)
    assert m["asa_s"] == pytest.approx(7.83593701177724, rel=1e-13)
    assert 1 - m["p_wait"] == pytest.approx(0.8258681, abs=half_unit)
    assert m["occupancy"] == pytest.approx(0.7142857, abs=half_unit)
    m11 = _metrics(11, 100, 1800, 180, 20)
    assert m11["p_wait"] == pytest.approx(0.6821182, abs=half_unit)
    assert m11["service_level"] == pytest.approx(0.3896138, abs=half_unit)


def test_koole_example_in_the_erlang_c_calculator_gem() -> None:
    """Ruby gem erlang_c_calculator 0.1.1, README (material from Koole, "Call Center Mathematics").

    Source: https://rubygems.org/gems/erlang_c_calculator (README):
    ``ErlangC::Calculator.new(0.01, 300, 20)`` — 0.01 calls per second, 300 s service,
    acceptable wait 20 s — gives ``traffic_intensity 3.0`` and ``agents_needed 6``,
    where agents_needed is the least N whose average wait is below 20 s. The figures
    are integers (exact); the reference shows ASA(6) is well below 20 s and ASA(5)
    well above, so the gem's strict "<" and cscost's "≤" agree here.
    """
    volume, interval = 36, 3600  # 0.01 per second
    iv = ref.Interval.of(volume, interval, 300, 20)
    assert ref.erlang_c_metrics(6, iv).asa_s < 19
    assert ref.erlang_c_metrics(5, iv).asa_s > 21
    got = required_agents(volume, interval, 300, 20, 0.01, max_asa_s=20)
    assert got == 6
    assert _metrics(6, volume, interval, 300, 20)["traffic"] == pytest.approx(3.0, rel=1e-15)
