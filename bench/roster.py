"""Benchmark: cscost's weekly roster against pyworkforce's ``MinRequiredResources``.

1. The same requirement curves and shift rules through both, in one run. The curves
   are the in-house required agents of the German queues of ``examples/saas.yaml``
   (typical week of 2027-01, 15-minute intervals) and a synthetic two-peak curve. The
   rules are what both models can state: 8-hour shifts starting 06:00–12:00 and 4-hour
   shifts starting 07:00–16:00, every hour, no break, and (pyworkforce has no days off)
   each shift-day on its own (``days_on: 1``). Cost = paid hours.
   pyworkforce: ``MinRequiredResources(num_days=7, periods=96, ...,
   cost_dict=hours)`` solved by OR-Tools CP-SAT (2 workers, 60 s limit);
   cscost: :func:`cscost.staffing.roster.weekly_roster` (HiGHS, 60 s limit).
   It prints the scheduled hours of each, their ratio, wall and CPU time.
2. The rostered plan of the largest example (``examples/rostered/saas.yaml``: 13 queues,
   36 months, 15-minute intervals; every part-month rostered, equal curves solved
   once), timed: wall and CPU seconds, rosters solved, the largest gap.

It asserts nothing. Run: ``.venv/bin/python bench/roster.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

import cscost
from cscost.io import load_scenario
from cscost.model.schedule import Schedule
from cscost.staffing import roster as roster_module
from cscost.staffing.roster import weekly_roster

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PER_DAY = 96
SHIFTS = {  # name: (first start, last start, hours)
    "full8": ("06:00", "12:00", 8),
    "part4": ("07:00", "16:00", 4),
}


def _curves() -> dict[str, np.ndarray]:
    scenario = load_scenario(EXAMPLES / "saas.yaml")
    parts = cscost.plan(scenario).parts
    curves = {p.queue_id: np.ceil(p.plan.agents[0]) for p in parts if p.queue_id.endswith("-de")}
    t = np.arange(PER_DAY)
    peaks = 4 + 12 * np.exp(-(((t - 42) / 8) ** 2)) + 9 * np.exp(-(((t - 66) / 10) ** 2))
    synthetic = np.zeros((7, PER_DAY))
    synthetic[:, 28:80] = (
        np.ceil(peaks[28:80])[None, :] * np.array([1, 1, 1, 1, 1, 0.6, 0.4])[:, None]
    )
    curves["synthetic"] = np.ceil(synthetic)
    return curves


def _schedule() -> Schedule:
    return Schedule.model_validate(
        {
            "days_on": 1,
            "time_limit": "60s",
            "gap": 0.0,
            "shifts": [
                {"name": name, "paid": f"{hours}h", "starts": f"{first}-{last}", "every": "1h"}
                for name, (first, last, hours) in SHIFTS.items()
            ],
        }
    )


def _pyworkforce(required: np.ndarray) -> tuple[float, float, float]:
    from pyworkforce.scheduling import MinRequiredResources

    coverage: dict[str, list[int]] = {}
    cost: dict[str, int] = {}
    for name, (first, last, hours) in SHIFTS.items():
        for start in range(int(first[:2]), int(last[:2]) + 1):
            cover = np.zeros(PER_DAY, dtype=int)
            cover[start * 4 : start * 4 + hours * 4] = 1
            coverage[f"{name}@{start:02d}"] = cover.tolist()
            cost[f"{name}@{start:02d}"] = hours
    scheduler = MinRequiredResources(
        num_days=7,
        periods=PER_DAY,
        shifts_coverage=coverage,
        required_resources=required.astype(int).tolist(),
        max_period_concurrency=1000,
        max_shift_concurrency=1000,
        cost_dict=cost,
        max_search_time=60.0,
        num_search_workers=2,
    )
    wall, cpu = time.perf_counter(), time.process_time()
    solution = scheduler.solve()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return float(solution["cost"]), wall, cpu


def compare() -> None:
    schedule = _schedule()
    print("curve            cscost h   pyworkforce h   ratio   cscost s (cpu)   pwf s (cpu)")
    for name, required in _curves().items():
        roster_module._cached.cache_clear()
        wall, cpu = time.perf_counter(), time.process_time()
        roster = weekly_roster(required, schedule, 15)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        theirs, their_wall, their_cpu = _pyworkforce(required)
        print(
            f"{name:<15} {roster.paid_hours_week:>9.1f} {theirs:>15.1f} "
            f"{roster.paid_hours_week / theirs:>7.4f} {wall:>9.2f} ({cpu:.2f}) "
            f"{their_wall:>14.2f} ({their_cpu:.2f})"
        )


def rostered_plan() -> None:
    roster_module._cached.cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    scenario = load_scenario(EXAMPLES / "rostered" / "saas.yaml")
    parts = cscost.plan(scenario).parts
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    info = roster_module._cached.cache_info()
    gaps = [float(np.max(p.plan.gap)) for p in parts]  # type: ignore[attr-defined]
    months = scenario.scenario.months
    print(
        f"rostered plan of rostered/saas.yaml ({len(parts)} queues × {months} months): "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU; {info.misses} rosters solved, "
        f"{info.hits} from the cache; largest gap {max(gaps):.2%}"
    )


if __name__ == "__main__":
    compare()
    rostered_plan()
