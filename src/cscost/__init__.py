"""cscost: what outsourcing customer service would really cost, and which option is worth it.

The public surface::

    scenario = cscost.load_scenario("scenario.yaml")   # validated, errors located
    result = cscost.evaluate(scenario)                 # every option staffed, priced, ranked
    result.summary(); result.to_frame(); result.bill; result.audit
    cscost.required_agents(volume, interval_s, aht_s, target_answer_s, target_sl, ...)
"""

from __future__ import annotations

from cscost._api import evaluate
from cscost.errors import (
    CscostError,
    InfeasibleTargetError,
    InputFileError,
    QuoteError,
    ScenarioError,
)
from cscost.evaluate.evaluation import Evaluation, OptionResult
from cscost.io import load_scenario
from cscost.model import Scenario
from cscost.pricing.bill import BillRow
from cscost.staffing import QueueMetrics, queue_metrics, required_agents

__all__ = [
    "BillRow",
    "CscostError",
    "Evaluation",
    "InfeasibleTargetError",
    "InputFileError",
    "OptionResult",
    "QueueMetrics",
    "QuoteError",
    "Scenario",
    "ScenarioError",
    "evaluate",
    "load_scenario",
    "queue_metrics",
    "required_agents",
]
__version__ = "0.1.0"
