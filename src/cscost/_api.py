"""The functions the package root offers, where the core meets the file system."""

from __future__ import annotations

from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.evaluation import evaluate as evaluate_scenario
from cscost.io.volumes import load_forecasts
from cscost.model import Scenario


def evaluate(scenario: Scenario, *, lang: str | None = None) -> Evaluation:
    """Every option of ``scenario`` staffed, priced, totalled and ranked; quotes audited.

    Queues whose volume is a forecast are forecast from their history file first.
    ``lang`` (en or zh) sets the language of the audit questions; default the scenario's.
    """
    return evaluate_scenario(
        scenario, load_forecasts(scenario), lang=lang or scenario.scenario.locale
    )
