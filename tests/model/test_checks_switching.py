"""The make-or-buy fields are validated with located errors (field path and message)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cscost.errors import Issue, ScenarioError
from cscost.io import load_scenario, parse_scenario
from cscost.model import Scenario

SKETCH = Path(__file__).parent / "data" / "design_sketch.yaml"


def issues_of(data: dict[str, Any]) -> list[Issue]:
    """Field and cross-field issues, located as the loader locates them (JSON text)."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario(json.dumps(data), fmt="json")
    issues = info.value.issues
    assert all(i.line is not None for i in issues), issues
    return issues


def assert_issue(data: dict[str, Any], path: str, fragment: str) -> Issue:
    issues = issues_of(data)
    for issue in issues:
        if issue.path == path and fragment in issue.message:
            return issue
    raise AssertionError(
        f"no issue at {path} with {fragment!r}; got:\n" + "\n".join(map(str, issues))
    )


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return load_scenario(SKETCH).model_dump(mode="json")


@pytest.fixture
def data(base: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(base)


def test_existing_team_is_a_number_of_fte_or_true(data: dict[str, Any]) -> None:
    data["inhouse"]["existing_team"] = 20
    assert Scenario.model_validate(data).inhouse.existing_team == 20  # type: ignore[union-attr]
    data["inhouse"]["existing_team"] = True
    assert Scenario.model_validate(data).inhouse.existing_team is True  # type: ignore[union-attr]
    data["inhouse"]["existing_team"] = -3
    assert any(i.path == "inhouse.existing_team" for i in issues_of(data))


def test_flex_and_severance(data: dict[str, Any]) -> None:
    data["inhouse"]["flex"] = "sometimes"
    assert any(i.path == "inhouse.flex" for i in issues_of(data))
    data["inhouse"]["flex"] = "layoff"
    assert_issue(data, "inhouse.flex", "inhouse.severance is not stated")
    data["inhouse"]["severance"] = {"months_per_year": 1, "tenure_years": -2}
    assert any(i.path == "inhouse.severance.tenure_years" for i in issues_of(data))
    data["inhouse"]["severance"] = {"months_per_year": 1, "tenure_years": 3, "notice_months": 1}
    assert Scenario.model_validate(data).inhouse.severance.months_of_salary == 4  # type: ignore[union-attr]


def test_inhouse_kpis_fcr_is_a_share(data: dict[str, Any]) -> None:
    data["inhouse"]["kpis"] = {"fcr": 1.4}
    assert any(i.path == "inhouse.kpis.fcr" for i in issues_of(data))


def test_option_costs(data: dict[str, Any]) -> None:
    data["options"][0]["costs"] = [{"name": "governance", "monthly": 1, "one_time": 2}]
    issue = next(i for i in issues_of(data) if i.path.startswith("options[0].costs[0]"))
    assert "exactly one of one_time, monthly, percent_of_vendor" in issue.message
    data["options"][0]["costs"] = [{"name": "project", "one_time": 5, "month": "2031-01"}]
    assert_issue(data, "options[0].costs[0].month", "outside the horizon")
    data["options"][0]["costs"] = [{"name": "g", "percent_of_vendor": 1.5}]
    assert any(i.path == "options[0].costs[0].percent_of_vendor" for i in issues_of(data))
    data["options"][0]["costs"] = [{"name": "g", "percent_of_vendor": 0.04}]
    data["options"][0]["assign"] = {}
    assert_issue(data, "options[0].costs[0].percent_of_vendor", "gives no queue to a vendor")


def test_transition(data: dict[str, Any]) -> None:
    data["options"][0]["transition"] = {"months": -1}
    assert any(i.path == "options[0].transition.months" for i in issues_of(data))
    data["options"][0]["transition"] = {"months": 99}
    assert_issue(data, "options[0].transition.months", "longer than the horizon")
    data["options"][0]["transition"] = {"months": 2}
    data["options"][0]["assign"] = {}
    assert_issue(data, "options[0].transition.months", "no queue leaves in-house")


def test_vendor_tax_recoverable_and_renewal(data: dict[str, Any]) -> None:
    data["vendors"][0]["tax_recoverable"] = "maybe"
    assert any(i.path == "vendors[0].tax_recoverable" for i in issues_of(data))
    data["vendors"][0]["tax_recoverable"] = True
    data["vendors"][0]["renewal"] = "renegotiate"
    assert any(i.path.startswith("vendors[0].renewal") for i in issues_of(data))
    data["vendors"][0]["renewal"] = {"rate_change": 0.05}
    data["vendors"][0].pop("term_months", None)
    assert_issue(data, "vendors[0].renewal", "add term_months")
    data["scenario"]["tax_recoverable"] = 3
    assert any(i.path == "scenario.tax_recoverable" for i in issues_of(data))


def test_a_wrong_new_field_is_located_in_the_file(tmp_path: Path) -> None:
    text = SKETCH.read_text(encoding="utf-8").replace(
        "  overhead: 0.10", "  overhead: 0.10\n  flex: sometimes", 1
    )
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    issue = next(i for i in info.value.issues if i.path == "inhouse.flex")
    line = text.splitlines()[issue.line - 1]  # type: ignore[operator]
    assert "flex: sometimes" in line
