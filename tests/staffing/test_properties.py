"""Invariants of cscost.staffing, checked with hypothesis.

Inputs are drawn as short decimals (volumes to 0.01, AHT and patience to whole
seconds, levels to 0.01), the way a planner types them, so the exact reference can
read them without binary-float doubt. Runs are derandomised: the same examples on
every run, so the suite is reproducible; ``max_examples`` stays modest for speed.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscost.errors import ArgumentError
from cscost.staffing import queue_metrics, required_agents

from . import reference as ref

FAST = settings(max_examples=40, deadline=None, derandomize=True)
EPS = 1e-12  # float noise allowed when comparing the engine with itself

volumes = st.integers(1, 2_000_000).map(lambda c: c / 100)  # 0.01 … 20,000 contacts
intervals = st.sampled_from([900, 1800, 3600])
ahts = st.integers(5, 3600).map(float)
answers = st.sampled_from([0.0, 10.0, 20.0, 30.0, 60.0, 180.0])
levels = st.integers(50, 99).map(lambda p: p / 100)
patiences = st.none() | st.integers(10, 1200).map(float)
caps = st.none() | st.integers(50, 100).map(lambda p: p / 100)


def _erlangs(volume: float, interval_s: float, aht_s: float) -> float:
    return volume / interval_s * aht_s


def _small(volume: float, interval_s: float, aht_s: float, limit: float) -> bool:
    return _erlangs(volume, interval_s, aht_s) <= limit


@FAST
@given(volumes, intervals, ahts, answers, patiences)
def test_service_level_never_falls_as_agents_grow(
    volume: float, interval_s: int, aht_s: float, answer_s: float, patience_s: float | None
) -> None:
    a = _erlangs(volume, interval_s, aht_s)
    agents = np.arange(max(1, math.floor(a) - 40), math.floor(a) + 60)
    m = queue_metrics(agents, volume, interval_s, aht_s, answer_s, patience_s=patience_s)
    sl = np.asarray(m.service_level)
    assert np.all(np.diff(sl) >= -EPS)
    assert np.all((sl >= -EPS) & (sl <= 1 + EPS))


@FAST
@given(volumes, intervals, ahts, answers, patiences)
def test_asa_never_rises_with_agents(
    volume: float, interval_s: int, aht_s: float, answer_s: float, patience_s: float | None
) -> None:
    a = _erlangs(volume, interval_s, aht_s)
    agents = np.arange(max(1, math.floor(a) - 40), math.floor(a) + 60)
    m = queue_metrics(agents, volume, interval_s, aht_s, answer_s, patience_s=patience_s)
    asa = np.asarray(m.asa_s)
    finite = np.isfinite(asa)
    # once finite, the ASA stays finite and never rises
    assert np.all(finite[np.argmax(finite) :]) if finite.any() else True
    assert np.all(np.diff(asa[finite]) <= EPS * np.maximum(asa[finite][:-1], 1.0))


@FAST
@given(
    st.lists(volumes, min_size=2, max_size=12),
    intervals,
    ahts,
    answers,
    levels,
    patiences,
    caps,
)
def test_required_agents_never_fall_as_volume_grows(
    vols: list[float],
    interval_s: int,
    aht_s: float,
    answer_s: float,
    level: float,
    patience_s: float | None,
    cap: float | None,
) -> None:
    v = np.sort(np.array(vols))
    n = required_agents(
        v, interval_s, aht_s, answer_s, level, patience_s=patience_s, max_occupancy=cap
    )
    assert np.all(np.diff(n) >= 0)


def _lower_bound(
    volume: float, interval_s: int, aht_s: float, cap: float | None, min_agents: int, erlang_c: bool
) -> int:
    a = ref.traffic(volume, interval_s, aht_s)
    bounds = [min_agents, ref.occupancy_floor(a, cap), 1]
    if erlang_c:
        bounds.append(math.floor(a) + 1)
    return max(bounds)


@FAST
@given(
    volumes,
    intervals,
    ahts,
    answers,
    levels,
    patiences,
    caps,
    st.none() | st.sampled_from([5.0, 15.0, 30.0, 60.0]),
    st.integers(0, 5),
)
def test_required_agents_meet_the_target_and_one_fewer_does_not(
    volume: float,
    interval_s: int,
    aht_s: float,
    answer_s: float,
    level: float,
    patience_s: float | None,
    cap: float | None,
    max_asa_s: float | None,
    min_agents: int,
) -> None:
    n = int(
        required_agents(
            volume,
            interval_s,
            aht_s,
            answer_s,
            level,
            max_occupancy=cap,
            patience_s=patience_s,
            max_asa_s=max_asa_s,
            min_agents=min_agents,
        )
    )
    a = _erlangs(volume, interval_s, aht_s)
    m = queue_metrics([n - 1, n], volume, interval_s, aht_s, answer_s, patience_s=patience_s)
    sl, asa = np.asarray(m.service_level), np.asarray(m.asa_s)
    assert sl[1] >= level - EPS
    if max_asa_s is not None:
        assert asa[1] <= max_asa_s * (1 + EPS)
    if cap is not None:
        assert a / n <= cap * (1 + EPS)
    assert n >= min_agents
    if n - 1 >= _lower_bound(volume, interval_s, aht_s, cap, min_agents, patience_s is None):
        fails_sl = sl[0] < level + EPS
        fails_asa = max_asa_s is not None and asa[0] > max_asa_s * (1 - EPS)
        assert fails_sl or fails_asa


@settings(max_examples=25, deadline=None, derandomize=True)
@given(volumes, intervals, ahts, answers, levels, caps)
def test_erlang_c_required_agents_equal_reference(
    volume: float, interval_s: int, aht_s: float, answer_s: float, level: float, cap: float | None
) -> None:
    """Random decimal inputs: the exact reference agrees (ties within 1e-11 excepted)."""
    want = ref.required_agents(volume, interval_s, aht_s, answer_s, level, max_occupancy=cap)
    got = int(required_agents(volume, interval_s, aht_s, answer_s, level, max_occupancy=cap))
    if got != want:
        iv = ref.Interval.of(volume, interval_s, aht_s, answer_s)
        near = [ref.erlang_c_metrics(k, iv).service_level for k in (got, want)]
        assert all(abs(x - ref.mpf(level)) < 1e-11 for x in near), (got, want)


@FAST
@given(volumes, intervals, ahts, answers, levels, patiences)
def test_results_do_not_depend_on_the_format_of_the_inputs(
    volume: float,
    interval_s: int,
    aht_s: float,
    answer_s: float,
    level: float,
    patience_s: float | None,
) -> None:
    """Scalar, 0-d array, list, broadcast row, int or float: the same answer, as int64."""
    kw = {"patience_s": patience_s}
    scalar = required_agents(volume, interval_s, aht_s, answer_s, level, **kw)
    again = required_agents(volume, interval_s, aht_s, answer_s, level, **kw)
    zero_d = required_agents(np.float64(volume), np.array(interval_s), aht_s, answer_s, level, **kw)
    row = required_agents([volume, 2 * volume, volume], interval_s, aht_s, answer_s, level, **kw)
    col = required_agents(
        np.array([[volume], [volume]]), [interval_s, interval_s], aht_s, answer_s, level, **kw
    )
    as_ints = required_agents(volume, int(interval_s), int(aht_s), int(answer_s), level, **kw)
    assert np.asarray(scalar).dtype == np.int64
    assert row.dtype == np.int64
    assert row.shape == (3,)
    assert col.shape == (2, 2)
    assert int(scalar) == int(again) == int(zero_d) == int(as_ints) == row[0] == row[2]
    assert np.all(col == int(scalar))


BAD_ARGUMENTS = [
    {"volume": -1.0},
    {"volume": math.nan},
    {"interval_s": 0.0},
    {"interval_s": -900.0},
    {"aht_s": 0.0},
    {"aht_s": -5.0},
    {"aht_s": math.nan},
    {"target_sl": 0.0},
    {"target_sl": 1.0},
    {"target_sl": 1.5},
    {"target_sl": math.nan},
    {"target_answer_s": math.nan},
    {"max_occupancy": 0.0},
    {"max_occupancy": 1.2},
    {"max_occupancy": math.nan},
    {"volume": np.array([10.0, -1.0])},
]


@pytest.mark.parametrize(
    "bad", BAD_ARGUMENTS, ids=lambda d: ",".join(f"{k}={v}" for k, v in d.items())
)
def test_bad_arguments_raise_argument_error(bad: dict[str, object]) -> None:
    args = {
        "volume": 100.0,
        "interval_s": 1800.0,
        "aht_s": 180.0,
        "target_answer_s": 20.0,
        "target_sl": 0.8,
        "max_occupancy": None,
    }
    args.update(bad)
    with pytest.raises(ArgumentError):
        required_agents(
            args["volume"],
            args["interval_s"],
            args["aht_s"],
            args["target_answer_s"],
            args["target_sl"],
            max_occupancy=args["max_occupancy"],
        )


def test_argument_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"."):
        required_agents(-1, 1800, 180, 20, 0.8)


def test_max_occupancy_one_is_allowed() -> None:
    assert int(required_agents(100, 1800, 180, 20, 0.8, max_occupancy=1.0)) == 14


def test_reference_reads_decimals_exactly() -> None:
    """A check of the reference: 0.85 is 17/20, so 8.5 / 0.85 is exactly 10."""
    assert ref.exact(0.85) == Fraction(17, 20)
    assert ref.occupancy_floor(ref.traffic(170, 1800, 90), 0.85) == 10
