"""A scenario written from docs/scenario.md alone, planned, against the DESIGN formulas by hand.

Independent of the engine: required agents come from the mpmath reference
(tests/staffing/reference.py); days, shares, hours and FTE are computed here from
DESIGN.md's definitions.
"""

from __future__ import annotations

import csv

import pytest
from tests.staffing import reference
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

SCENARIO = """\
scenario: {name: by hand, currency: CNY, start: 2027-02, months: 2, interval_minutes: 60}
workforce: {shrinkage: 0.3, max_occupancy: 0.85, hours_per_fte_month: 174, min_agents: 1}
queues:
  - id: calls
    channel: voice
    language: zh
    volume: {values: [33600, 37200]}
    aht: 300s
    hours: "Mon-Fri 08:00-20:00"
    target: {answer_within: 20s, level: 0.8}
    pattern: {weekdays: [2, 1, 1, 1, 1, 1, 1], intraday: flat}
  - id: mail
    channel: email
    language: zh
    volume: {values: [6000, 6200]}
    aht: 6m
    hours: "Mon-Fri 09:00-18:00"
    target: {respond_within: 24h, level: 0.9}
    pattern: {weekdays: [1, 1, 1, 1, 1, 1, 1], intraday: flat}
inhouse: {agent_monthly_cost: {general: 8000}}
"""

# February 2027: 4 of every weekday; March 2027: Mon/Tue/Wed 5, Thu–Sun 4.
WEEKDAY_DAYS = {"2027-02": [4, 4, 4, 4, 4], "2027-03": [5, 5, 5, 4, 4]}


def _voice_fte(month: str, volume: float) -> tuple[float, int]:
    """Σ_d n_d × 12 intervals × N_d × 1 h / (1 − 0.3) / 174, Monday weighing 2."""
    days = WEEKDAY_DAYS[month]
    weights = [2, 1, 1, 1, 1]
    per_weight = volume / sum(n * w for n, w in zip(days, weights, strict=True))
    hours, seats = 0.0, 0
    for n, w in zip(days, weights, strict=True):
        per_interval = per_weight * w / 12
        agents = reference.required_agents(
            per_interval, 3600, 300, 20, 0.8, max_occupancy=0.85, min_agents=1
        )
        hours += n * 12 * agents
        seats = max(seats, agents)
    return hours / 0.7 / 174, seats


def _mail_fte(month: str, volume: float) -> float:
    """Workload hours = volume × AHT / 3600 / max occupancy, paid / (1 − 0.3), / 174."""
    return volume * 360 / 3600 / 0.85 / 0.7 / 174


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, str]]:
    folder = tmp_path_factory.mktemp("byhand")
    scenario = folder / "s.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    out = folder / "plan.csv"
    cscost.cli._register()
    result = CliRunner().invoke(app, ["plan", str(scenario), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())
    return {(r["queue"], r["month"]): r for r in rows}


@pytest.mark.parametrize(("month", "volume"), [("2027-02", 33600.0), ("2027-03", 37200.0)])
def test_voice_fte_and_seats(
    plan: dict[tuple[str, str], dict[str, str]], month: str, volume: float
) -> None:
    fte, seats = _voice_fte(month, volume)
    row = plan[("calls", month)]
    assert float(row["fte"]) == pytest.approx(fte, rel=1e-12)
    assert float(row["seats"]) == seats
    assert float(row["volume"]) == pytest.approx(volume, rel=1e-12)


@pytest.mark.parametrize(("month", "volume"), [("2027-02", 6000.0), ("2027-03", 6200.0)])
def test_email_fte(plan: dict[tuple[str, str], dict[str, str]], month: str, volume: float) -> None:
    assert float(plan[("mail", month)]["fte"]) == pytest.approx(_mail_fte(month, volume), rel=1e-12)
