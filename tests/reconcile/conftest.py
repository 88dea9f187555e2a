"""Fixtures: the contract of :mod:`tests.reconcile.helpers`, written and loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscost.io import load_scenario
from cscost.model import Scenario

from .helpers import SCENARIO


@pytest.fixture(scope="session")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reconcile") / "contract.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def scenario(scenario_file: Path) -> Scenario:
    return load_scenario(scenario_file)
