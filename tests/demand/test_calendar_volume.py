"""Demand: calendar, monthly volumes and the typical week, against hand computations."""

from __future__ import annotations

import numpy as np
import pytest

from cscost.demand.pattern import default_weekday_weights, intraday_profile
from cscost.demand.volume import day_shares, interval_volumes, monthly_volumes
from cscost.model.calendar import Horizon


def test_calendar_counts_real_weekdays() -> None:
    """January 2027 starts on a Friday: 5 Fridays, Saturdays and Sundays; Feb 2028 has 29 days."""
    cal = Horizon.from_text("2027-01", 14)
    assert cal.labels[0] == "2027-01"
    assert cal.labels[13] == "2028-02"
    assert cal.weekday_counts[0].tolist() == [4, 4, 4, 4, 5, 5, 5]
    assert cal.days_in_month[13] == 29
    assert cal.calendar_months[:3].tolist() == [1, 2, 3]
    assert cal.calendar_months[12] == 1


def test_monthly_volume_formula() -> None:
    """V[i] = monthly × (1 + g)^(i/12) × s[calendar month]: month 13 (Feb of year 2)."""
    cal = Horizon.from_text("2027-01", 24)
    season = [1.0, 0.7, 0.9, 1.0, 1.0, 1.2, 1.0, 1.0, 1.0, 1.0, 1.7, 1.4]
    v = monthly_volumes(cal, 42000, 0.06, season)
    assert v[0] == pytest.approx(42000)
    assert v[13] == pytest.approx(42000 * 1.06 ** (13 / 12) * 0.7, rel=1e-12)
    assert v[22] == pytest.approx(42000 * 1.06 ** (22 / 12) * 1.7, rel=1e-12)


def test_day_shares_skip_closed_weekdays() -> None:
    """Mon–Fri only, equal weights, in a month with 4+4+4+4+5 open weekdays: 1/21 per day."""
    cal = Horizon.from_text("2027-01", 1)
    open_days = np.array([True] * 5 + [False] * 2)
    shares = day_shares(cal, np.ones(7), open_days)
    assert shares[0, :5] == pytest.approx([1 / 21] * 5)
    assert shares[0, 5:].tolist() == [0.0, 0.0]


def test_interval_volumes_add_up_to_the_month() -> None:
    cal = Horizon.from_text("2027-01", 12)
    v = monthly_volumes(cal, 10000, 0.1)
    mask = np.zeros((7, 48), dtype=bool)
    mask[:5, 16:36] = True  # Mon–Fri 08:00–18:00
    mask[5, 18:34] = True  # Sat 09:00–17:00
    iv = interval_volumes(
        v, cal, default_weekday_weights("voice"), intraday_profile("voice", 30), mask
    )
    monthly = (iv.sum(axis=2) * cal.weekday_counts).sum(axis=1)
    assert monthly == pytest.approx(v, rel=1e-12)
    assert iv[:, ~mask].sum() == 0.0
    assert iv[:, 6].sum() == 0.0  # Sunday closed


def test_intraday_profiles() -> None:
    assert intraday_profile("voice", 60).shape == (24,)
    assert intraday_profile("voice", 15).sum() == pytest.approx(intraday_profile("voice", 60).sum())
    assert intraday_profile("chat", 30, "flat").tolist() == [1.0] * 48
