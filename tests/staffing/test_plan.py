"""The monthly staffing plan: hours, FTE, seats and windows from interval requirements."""

from __future__ import annotations

import numpy as np
import pytest

from cscost.model.calendar import Horizon
from cscost.staffing import required_agents
from cscost.staffing.deferred import deferred_productive_hours, reachable_share
from cscost.staffing.plan import ServiceParams, staffing_plan


def _flat_week(volume_per_interval: float, months: int, per_day: int = 48) -> np.ndarray:
    return np.full((months, 7, per_day), volume_per_interval)


def test_realtime_plan_by_hand() -> None:
    """24/7 at 30 min, 60 calls per interval, AHT 240 s, 80/20: N from Erlang C everywhere.

    H_prod = days × 48 × N × 0.5 h; paid = H/(1 − 0.3); FTE = paid/174; seats = N.
    """
    cal = Horizon.from_text("2027-02", 1)  # 28 days
    n = int(required_agents(60, 1800, 240, 20, 0.8, max_occupancy=0.85))
    mask = np.ones((7, 48), dtype=bool)
    night = np.zeros((7, 48), dtype=bool)
    night[:, :12] = True  # 00:00–06:00
    params = ServiceParams(aht_s=np.array([240.0]), max_occupancy=0.85, shrinkage=0.3)
    plan = staffing_plan(_flat_week(60, 1), cal.weekday_counts, mask, 30, params, {"night": night})
    hours = 28 * 48 * n * 0.5
    assert plan.productive_hours[0] == pytest.approx(hours)
    assert plan.paid_hours[0] == pytest.approx(hours / 0.7)
    assert plan.fte[0] == pytest.approx(hours / 0.7 / 174)
    assert plan.seats[0] == n
    assert plan.window_hours["night"][0] == pytest.approx(28 * 12 * n * 0.5)
    assert plan.volume[0] == pytest.approx(28 * 48 * 60)


def test_min_agents_in_open_quiet_intervals_only() -> None:
    cal = Horizon.from_text("2027-02", 1)
    mask = np.zeros((7, 48), dtype=bool)
    mask[:, 16:36] = True
    params = ServiceParams(aht_s=np.array([300.0]), min_agents=2)
    plan = staffing_plan(np.zeros((1, 7, 48)), cal.weekday_counts, mask, 30, params)
    assert plan.agents[0][mask].tolist() == [2.0] * mask.sum()
    assert plan.agents[0][~mask].sum() == 0
    assert plan.productive_hours[0] == pytest.approx(28 * 20 * 2 * 0.5)


def test_deferred_plan_spreads_workload() -> None:
    """E-mail Mon–Fri 09:00–18:00: day hours = volume × AHT / 3600 / occupancy, over 9 h."""
    cal = Horizon.from_text("2027-02", 1)
    mask = np.zeros((7, 4), dtype=bool)  # 6-hour slots would not do: use 60-min below
    mask = np.zeros((7, 24), dtype=bool)
    mask[:5, 9:18] = True
    vol = np.zeros((1, 7, 24))
    vol[0, :5, 9:18] = 10.0  # 90 e-mails a weekday
    params = ServiceParams(aht_s=np.array([540.0]), realtime=False, max_occupancy=0.9)
    plan = staffing_plan(vol, cal.weekday_counts, mask, 60, params)
    day_hours = 90 * 540 / 3600 / 0.9
    assert plan.agents[0, 0, 9] == pytest.approx(day_hours / 9)
    assert plan.productive_hours[0] == pytest.approx(20 * day_hours)
    assert plan.seats[0] == np.ceil(day_hours / 9)
    assert deferred_productive_hours(90, 540, 0.9) == pytest.approx(day_hours)


def test_reachable_share_fluid_by_hand() -> None:
    """One day open 09:00–11:00 (hourly), all contacts arriving 09:00–10:00, worked evenly.

    The contact at quantile q arrives at q h after 09:00 and is answered at 2q h after
    09:00: it waits q hours. Within 30 min: q ≤ 0.5; within 1 h: all.
    """
    mask = np.zeros((7, 24), dtype=bool)
    mask[0, 9:11] = True
    arrivals = np.zeros((7, 24))
    arrivals[0, 9] = 1.0
    assert reachable_share(arrivals, mask, 60, 1800) == pytest.approx(0.5, abs=1e-3)
    assert reachable_share(arrivals, mask, 60, 3600) == pytest.approx(1.0)


def test_reachable_share_even_arrivals_wait_nothing() -> None:
    """Arrivals spread like the capacity are answered at once; days weigh by volume."""
    mask = np.zeros((7, 24), dtype=bool)
    mask[:5, 9:18] = True
    assert reachable_share(mask.astype(float), mask, 60, 0) == pytest.approx(1.0)
    arrivals = mask.astype(float)
    arrivals[1, 9] = 8.0  # Tuesday: a morning peak, 16 of its 16 units by 10:00
    share = reachable_share(arrivals, mask, 60, 60)
    assert 0 < share < 1
    assert reachable_share(arrivals, mask, 60, 9 * 3600) == pytest.approx(1.0)
