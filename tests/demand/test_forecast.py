"""forecast_monthly: recovers a known trend and season, nested intervals, seeds and errors."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscost.demand.forecast import (
    MIN_HISTORY_MONTHS,
    Forecast,
    ForecastError,
    forecast_monthly,
    month_label,
    month_number,
)
from cscost.errors import ArgumentError, CscostError

Array = npt.NDArray[np.float64]

#: January … December: Spring Festival dip, 618 sales, Singles' Day peak, December returns
SEASON = np.array([1.00, 0.74, 0.96, 0.97, 1.02, 1.22, 0.98, 0.97, 1.00, 1.05, 1.70, 1.18])


def truth(months: int, level: float = 40_000.0, growth: float = 0.08) -> Array:
    """The generating process from 2024-01: level × (1 + growth)^(i/12) × SEASON[month of i]."""
    i = np.arange(months)
    series: Array = level * (1 + growth) ** (i / 12) * SEASON[i % 12]
    return series


def noisy(months: int, noise: float, seed: int = 3) -> Array:
    """``truth`` with multiplicative Gaussian noise of relative sd ``noise``."""
    return truth(months) * (1 + noise * np.random.default_rng(seed).standard_normal(months))


def run(history: Array, start: str = "2028-01", months: int = 12, seed: int = 1) -> Forecast:
    return forecast_monthly(history, "2024-01", start, months, rng=np.random.default_rng(seed))


@pytest.fixture(scope="module")
def four_years() -> Forecast:
    """48 months of 1 % noise, forecast for 2028."""
    return run(noisy(48, 0.01))


def assert_nested(f: Forecast) -> None:
    assert (f.lower95 >= 0).all()
    assert (f.lower95 <= f.lower80).all()
    assert (f.lower80 <= f.mean).all()
    assert (f.mean <= f.upper80).all()
    assert (f.upper80 <= f.upper95).all()


def test_mean_recovers_a_multiplicative_trend_and_season(four_years: Forecast) -> None:
    """Reference: the generating formula; 1 % noise, so the mean is within 3 % every month."""
    expected = truth(60)[48:]
    np.testing.assert_allclose(four_years.mean, expected, rtol=0.03)
    assert four_years.months == tuple(f"2028-{m:02d}" for m in range(1, 13))
    assert four_years.method.model.startswith("ETS(M,")
    assert four_years.method.seasonality == "multiplicative"
    # the November peak is recovered as a peak: ×1.70 / ×1.05 of October
    assert four_years.mean[10] / four_years.mean[9] == pytest.approx(1.70 / 1.05, rel=0.03)


def test_mean_recovers_an_additive_season_without_noise() -> None:
    """Level 5,000 + 40 a month + a fixed ±1,500 season: a linear series the ETS fits exactly."""
    i = np.arange(36 + 12)
    series = 5_000 + 40 * i + 1_500 * np.sin(2 * np.pi * i / 12)
    f = forecast_monthly(series[:36], "2024-01", "2027-01", 12, rng=np.random.default_rng(0))
    np.testing.assert_allclose(f.mean, series[36:], rtol=0.02)


def test_exactly_24_months_is_enough() -> None:
    f = run(noisy(MIN_HISTORY_MONTHS, 0.01), start="2026-01")
    np.testing.assert_allclose(f.mean, truth(36)[24:], rtol=0.04)
    assert_nested(f)


def test_intervals_are_nested(four_years: Forecast) -> None:
    assert_nested(four_years)
    assert (four_years.upper80 > four_years.lower80).all()
    # 1 % noise: the 95 % interval is a few percent of the mean wide, not zero, not 50 %
    width = (four_years.upper95 - four_years.lower95) / four_years.mean
    assert ((width > 0.01) & (width < 0.2)).all()


def test_a_gap_is_forecast_through_and_seeds_reproduce() -> None:
    """Starting 3 months after the history equals the last 12 of a 15-month forecast drawn
    with the same seed; the same seed gives the same numbers, another seed other intervals.
    """
    history = noisy(36, 0.02)
    through = run(history, start="2027-01", months=15, seed=9)
    gap = run(history, start="2027-04", months=12, seed=9)
    other = run(history, start="2027-04", months=12, seed=10)
    assert gap.months[0] == "2027-04"
    assert gap.months == through.months[3:]
    for name in ("mean", "lower80", "upper80", "lower95", "upper95"):
        np.testing.assert_array_equal(getattr(gap, name), getattr(through, name)[3:])
    np.testing.assert_array_equal(other.mean, gap.mean)  # the point forecast draws nothing
    assert not np.array_equal(other.lower95, gap.lower95)


def test_short_history_says_what_it_needs() -> None:
    with pytest.raises(ForecastError) as info:
        run(truth(23), start="2026-01")
    text = str(info.value)
    assert "23 months (2024-01 … 2025-11)" in text
    assert "at least 24" in text
    assert "volume.monthly" in text
    assert isinstance(info.value, CscostError)


@pytest.mark.parametrize(
    ("value", "found"), [(-3.0, "negative in 2024-06 (-3)"), (np.nan, "not a finite number")]
)
def test_bad_history_values_are_named_by_month(value: float, found: str) -> None:
    history = truth(36)
    history[5] = value
    with pytest.raises(ArgumentError, match=r"2024-06") as info:
        run(history, start="2027-01")
    assert found in str(info.value)


@pytest.mark.parametrize(
    ("start", "months", "message"),
    [
        ("2026-12", 12, "must start after the history, which ends 2026-12"),
        ("2027-13", 12, "YYYY-MM"),
        ("January", 12, "YYYY-MM"),
        ("2027-01", 0, "months must be a whole number ≥ 1"),
        ("2060-01", 12, "at most 240 months"),
    ],
)
def test_bad_horizon_arguments(start: str, months: int, message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        run(truth(36), start=start, months=months)


def test_volumes_never_fall_below_zero() -> None:
    """A queue being wound down (zeros included, so additive models only) stays ≥ 0."""
    i = np.arange(36)
    history = np.maximum(3_000 - 90 * i + 200 * np.sin(2 * np.pi * i / 12), 0.0)
    f = run(history, start="2027-01")
    assert f.method.model.startswith("ETS(A,")
    assert_nested(f)
    assert f.mean.min() == 0.0


def test_constant_history_is_repeated() -> None:
    f = run(np.full(30, 500.0), start="2026-07", months=3)
    for name in ("mean", "lower80", "upper80", "lower95", "upper95"):
        np.testing.assert_array_equal(getattr(f, name), [500.0] * 3)
    assert f.method.model == "constant"
    assert f.method.level == 500.0


def test_to_frame_and_read_only_arrays(four_years: Forecast) -> None:
    frame = four_years.to_frame()
    assert list(frame.columns) == ["month", "mean", "lower80", "upper80", "lower95", "upper95"]
    assert frame["month"].tolist() == list(four_years.months)
    with pytest.raises(ValueError, match="read-only"):
        four_years.mean[0] = 1.0


def test_month_numbers_round_trip() -> None:
    assert month_number("2024-01") + 11 == month_number("2024-12")
    assert month_label(month_number("2026-12") + 1) == "2027-01"


@settings(max_examples=4, deadline=None)
@given(
    level=st.floats(50, 1e6),
    growth=st.floats(-0.3, 0.5),
    noise=st.floats(0.0, 0.15),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_plausible_history_gives_nested_non_negative_intervals(
    level: float, growth: float, noise: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    history = truth(30, level, growth) * np.maximum(1 + noise * rng.standard_normal(30), 0)
    f = forecast_monthly(history, "2024-01", "2026-09", 6, rng=rng)
    assert len(f.months) == f.mean.size == 6
    assert np.isfinite(f.upper95).all()
    assert_nested(f)
