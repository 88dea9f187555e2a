"""Public holidays: day counts, volumes, hours, surcharges and premiums, against hand counts.

The expected figures are counted by hand from the calendar (February 2027 has 28 days,
the 1st a Monday; May 2027 has 31, the 1st a Saturday), not from the code.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pytest

from cscost import ScenarioError, evaluate
from cscost.demand.assembly import queue_interval_volumes
from cscost.model import Scenario

SPRING = ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10"]


def _by_kind(rows: Any, kind: str) -> float:
    return float(sum(row.amount for row in rows if row.kind == kind))


def _scenario(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "scenario": {
            "name": "holidays",
            "currency": "CNY",
            "start": "2027-02",
            "months": 1,
            "interval_minutes": 60,
            "holidays": {"dates": SPRING, "workdays": ["2027-02-20"]},
        },
        "queues": [
            {
                "id": "mail",
                "channel": "email",
                "language": "zh",
                "volume": {"monthly": 29000},
                "aht": "6m",
                "hours": "24/7",
                "target": {"respond_within": "24h", "level": 0.9},
                "pattern": {"weekdays": [1, 1, 1, 1, 1, 1, 1], "intraday": "flat"},
                "max_occupancy": 1.0,
                "shrinkage": 0.0,
            }
        ],
        "inhouse": {"agent_monthly_cost": {"general": 10000}},
        "vendors": [
            {
                "id": "v",
                "fees": [
                    {"kind": "per_productive_hour", "name": "hours", "rate": 100},
                    {
                        "kind": "surcharge",
                        "name": "holiday",
                        "window": "holiday",
                        "percent": 2.0,
                        "on": ["hours"],
                    },
                ],
            }
        ],
    }
    for path, value in changes.items():
        node = data
        *parents, last = path.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value
    return data


def test_february_2027_day_counts_follow_the_holidays_and_the_worked_saturday() -> None:
    counts = Scenario.model_validate(_scenario()).horizon.weekday_counts
    # ordinary Mon … Sun: Mon 1, 15, 22 and Sat 20 worked; Tue 2, 16, 23; Wed 3, 17, 24;
    # Thu 4, 11, 18, 25; Fri 12, 19, 26; Sat 13, 27; Sun 14, 21, 28.
    # holidays by weekday: Mon 8, Tue 9, Wed 10, no Thu, Fri 5, Sat 6, Sun 7.
    assert counts.tolist() == [[4, 3, 3, 4, 3, 2, 3, 1, 1, 1, 0, 1, 1, 1]]


def test_without_holidays_the_week_keeps_seven_day_types() -> None:
    data = _scenario()
    del data["scenario"]["holidays"]
    counts = Scenario.model_validate(data).horizon.weekday_counts
    assert counts.tolist() == [[4, 4, 4, 4, 4, 4, 4]]


def test_the_country_calendar_has_spring_festival() -> None:
    data = _scenario(**{"scenario.holidays": {"country": "CN"}})
    horizon = Scenario.model_validate(data).horizon
    assert datetime.date(2027, 2, 8) in horizon.holiday_dates(0)
    assert datetime.date(2027, 2, 12) not in horizon.holiday_dates(0)
    assert horizon.weekday_counts[0, 7:].sum() == len(horizon.holiday_dates(0))


def test_a_holiday_weighs_its_volume_factor_of_an_ordinary_day() -> None:
    """29,000 contacts, 22 ordinary days + 6 holidays at 0.5 = 25 day-equivalents."""
    scenario = Scenario.model_validate(_scenario(**{"queues.0.holiday": {"volume_factor": 0.5}}))
    week = queue_interval_volumes(scenario, scenario.queues[0], np.array([29000.0]))[0]
    per_day = week.sum(axis=1)
    np.testing.assert_allclose(per_day[:7], 29000 / 25)
    np.testing.assert_allclose(per_day[7:], 29000 / 25 * 0.5)
    counts = scenario.horizon.weekday_counts[0]
    assert counts @ per_day == pytest.approx(29000)


def test_a_queue_closed_on_holidays_spreads_the_month_over_its_open_days() -> None:
    scenario = Scenario.model_validate(_scenario(**{"queues.0.holiday": {"hours": "closed"}}))
    week = queue_interval_volumes(scenario, scenario.queues[0], np.array([29000.0]))[0]
    np.testing.assert_allclose(week.sum(axis=1)[:7], 29000 / 22)
    assert not week[7:].any()


def test_holiday_hours_open_only_those_hours() -> None:
    scenario = Scenario.model_validate(_scenario(**{"queues.0.holiday": {"hours": "10:00-18:00"}}))
    mask = scenario.open_mask(scenario.queues[0])
    assert mask[:7].all()
    assert mask[7:, 10:18].all()
    assert not mask[7:, :10].any()
    assert not mask[7:, 18:].any()


def test_the_holiday_surcharge_bills_the_holiday_hours() -> None:
    """Hand bill: 29,000 mails over 28 equal days, 6 minutes each, no occupancy margin.

    Productive hours = 29,000 × 0.1 = 2,900, of which 6/28 on the six holidays; the
    surcharge is 200 % of ¥100 on those hours.
    """
    result = evaluate(Scenario.model_validate(_scenario()))
    vendor = next(o for o in result.options if o.name == "v")
    assert _by_kind(vendor.rows, "per_productive_hour") == pytest.approx(2900 * 100)
    assert _by_kind(vendor.rows, "surcharge") == pytest.approx(2900 * 6 / 28 * 100 * 2.0)


def test_the_inhouse_holiday_premium_pays_the_holiday_hours() -> None:
    """Hand cost: 2,900 h at 174 h per FTE = 16.667 FTE; 6/28 of them on holidays at
    200 % of ¥10,000 loaded by 0 burden."""
    data = _scenario(**{"inhouse.holiday_premium": 2.0})
    result = evaluate(Scenario.model_validate(data))
    house = next(o for o in result.options if o.name == "inhouse")
    fte = 2900 / 174
    assert _by_kind(house.rows, "holiday_premium") == pytest.approx(fte * 6 / 28 * 2.0 * 10000)


def test_holiday_part_hours_give_the_holidays_to_the_vendor() -> None:
    data = _scenario()
    data["options"] = [
        {
            "name": "holidays out",
            "assign": {"mail": [{"provider": "v", "hours": "holiday"}, {"provider": "inhouse"}]},
        }
    ]
    result = evaluate(Scenario.model_validate(data))
    vendor_rows = [r for r in result.options[0].rows if r.provider == "v"]
    assert _by_kind(vendor_rows, "per_productive_hour") == pytest.approx(2900 * 6 / 28 * 100)


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"scenario.holidays": {"country": "XX"}}, "scenario.holidays.country", "ISO 3166"),
        ({"scenario.holidays": {"dates": ["2027-13-01"]}}, "scenario.holidays.dates.0", "date"),
        (
            {"scenario.holidays": {"dates": ["2027-02-20"], "workdays": ["2027-02-20"]}},
            "scenario.holidays",
            "both",
        ),
        ({"scenario.holidays": {"workdays": ["2027-02-22"]}}, "scenario.holidays", "Monday"),
        ({"scenario.windows": {"holiday": "09:00-18:00"}}, "scenario.windows", "holiday"),
        ({"queues.0.holiday": {"hours": "10:07-18:00"}}, "queues[0].holiday.hours", "boundar"),
        ({"queues.0.holiday": {"volume_factor": -1}}, "queues.0.holiday.volume_factor", "0"),
    ],
)
def test_bad_holiday_fields_are_located(changes: dict[str, Any], path: str, words: str) -> None:
    from pydantic import ValidationError

    with pytest.raises((ValidationError, ScenarioError)) as info:
        Scenario.model_validate(_scenario(**changes))
    text = str(info.value)
    assert words in text
    if isinstance(info.value, ScenarioError):
        assert any(issue.path == path for issue in info.value.issues), text
    else:
        locs = [".".join(map(str, e["loc"])) for e in info.value.errors()]
        assert any(loc.startswith(path) for loc in locs), locs


def test_a_queue_holiday_without_scenario_holidays_is_an_error() -> None:
    data = _scenario(**{"queues.0.holiday": {"volume_factor": 0.5}})
    del data["scenario"]["holidays"]
    with pytest.raises(ScenarioError) as info:
        Scenario.model_validate(data)
    assert info.value.issues[0].path == "queues[0].holiday"


def test_plan_detail_lists_the_holiday_day_types(tmp_path: Any) -> None:
    """`plan --detail` writes a row per day type: the 7 weekdays, then holiday Mon … Sun;
    the typical-week volumes × the month's day counts add up to the month's volume."""
    import csv
    import json

    from typer.testing import CliRunner

    import cscost.cli
    from cscost.cli import app

    cscost.cli._register()
    path = tmp_path / "h.json"
    path.write_text(json.dumps(_scenario()), encoding="utf-8")
    out = tmp_path / "detail.csv"
    result = CliRunner().invoke(app, ["plan", str(path), "--detail", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    days = list(dict.fromkeys(r["weekday"] for r in rows))
    assert days[7:] == [f"holiday {d}" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    counts = dict(zip(days, [4, 3, 3, 4, 3, 2, 3, 1, 1, 1, 0, 1, 1, 1], strict=True))
    total = sum(float(r["volume"]) * counts[r["weekday"]] for r in rows)
    assert total == pytest.approx(29000)
