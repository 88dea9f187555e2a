"""Rostered hours in the plan: they replace Erlang hours when, and only when, a schedule applies."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.errors import ScenarioError
from cscost.evaluate.parts import option_parts
from cscost.io import load_scenario
from cscost.model import Option
from cscost.staffing.rostered import RosteredPlan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCHEDULE = {
    "days_on": 5,
    "shifts": [
        {"name": "day8", "paid": "8h", "break": "1h", "starts": "00:00-22:00", "every": "2h"},
    ],
}


def _scenario(tmp_path: Path, schedule: dict[str, object] | None) -> Path:
    text = (EXAMPLES / "ecommerce.yaml").read_text(encoding="utf-8")
    text = text.replace("  months: 36", "  months: 2", 1)
    if schedule is not None:  # JSON is YAML: the schedule as the first workforce field
        text = text.replace("\nworkforce:\n", f"\nworkforce:\n  schedule: {json.dumps(schedule)}\n")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _parts(path: Path) -> list[object]:
    scenario = load_scenario(path)
    volumes = interval_volumes_by_queue(scenario, None)
    option = Option.model_validate({"name": "all in-house", "assign": {}})
    return option_parts(scenario, option, volumes, window_masks(scenario))


def test_rostered_hours_replace_erlang_hours(tmp_path: Path) -> None:
    erlang = _parts(_scenario(tmp_path, None))
    rostered = _parts(_scenario(tmp_path, SCHEDULE))
    for plain, part in zip(erlang, rostered, strict=True):
        plan = part.plan  # type: ignore[attr-defined]
        assert isinstance(plan, RosteredPlan)
        assert not isinstance(plain.plan, RosteredPlan)  # type: ignore[attr-defined]
        np.testing.assert_array_equal(plan.agents, plain.plan.agents)  # type: ignore[attr-defined]
        assert np.all(plan.productive_hours >= plain.plan.productive_hours - 1e-9)  # type: ignore[attr-defined]
        assert np.all(plan.over >= -1e-9)  # coverage in every interval of every month
        assert np.all((plan.efficiency > 0) & (plan.efficiency <= 1 + 1e-12))
        shrinkage = 1 - plain.plan.productive_hours / plain.plan.paid_hours  # type: ignore[attr-defined]
        np.testing.assert_allclose(plan.paid_hours, plan.productive_hours / (1 - shrinkage))
        np.testing.assert_allclose(part.usage.fte, plan.fte)  # type: ignore[attr-defined]
        # seats: the most agents on shift at once, or on a holiday (staffed apart)
        holiday_agents = np.ceil(plan.agents[:, 7:].max(axis=(1, 2)))
        assert list(plan.seats) == [
            max(r.seats, h) for r, h in zip(plan.rosters, holiday_agents, strict=True)
        ]
        # productive hours = available rostered agent-hours × the ordinary days' counts,
        # + the required agent-hours of each holiday day type × its count (the example
        # has China's holidays: Jan 1 and Spring Festival in February)
        counts = load_scenario(_scenario(tmp_path, None)).horizon.weekday_counts
        assert counts[:, 7:].sum() > 0
        by_hand = [
            (
                (r.available.sum(axis=1) * counts[i, :7]).sum()
                + (plan.agents[i, 7:].sum(axis=1) * counts[i, 7:]).sum()
            )
            * 0.5
            for i, r in enumerate(plan.rosters)
        ]
        np.testing.assert_allclose(plan.productive_hours, by_hand)


def test_off_grid_shift_is_a_located_error(tmp_path: Path) -> None:
    bad = {"shifts": [{"name": "d", "paid": "8h", "starts": "07:10-09:00", "every": "45m"}]}
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_scenario(tmp_path, bad))
    text = str(caught.value)
    assert "workforce.schedule.shifts[0].every" in text
    assert "workforce.schedule.shifts[0].starts" in text


def test_break_longer_than_shift_is_rejected(tmp_path: Path) -> None:
    bad = {"shifts": [{"name": "d", "paid": "4h", "break": "4h", "starts": "08:00-09:00"}]}
    with pytest.raises(ScenarioError, match="workforce.schedule.shifts"):
        load_scenario(_scenario(tmp_path, bad))


def test_a_rostered_part_bills_the_handled_contacts_as_without_a_roster(tmp_path: Path) -> None:
    """voice-zh states patience: handled = offered × (1 − P(abandon)) at the required
    agents, rostered or not, so per-contact fees see the same, smaller, volume."""
    erlang = _parts(_scenario(tmp_path, None))
    rostered = _parts(_scenario(tmp_path, SCHEDULE))
    for plain, part in zip(erlang, rostered, strict=True):
        np.testing.assert_array_equal(part.usage.volume, plain.usage.volume)  # type: ignore[attr-defined]
    voice = next(p for p in rostered if p.usage.queue_id == "voice-zh")  # type: ignore[attr-defined]
    offered = (voice.plan.interval_volume.sum(axis=2) * _counts(tmp_path)).sum(axis=1)  # type: ignore[attr-defined]
    assert np.all(voice.usage.volume < offered)  # type: ignore[attr-defined]


def _counts(tmp_path: Path) -> np.ndarray:  # type: ignore[type-arg]
    return load_scenario(_scenario(tmp_path, None)).horizon.weekday_counts.astype(float)
