"""cscost: what outsourcing customer service would really cost, and which option is worth it.

The public surface (every front end calls only these; ``cscost._api`` documents each)::

    scenario = cscost.load_scenario("scenario.yaml")   # validated, errors located
    plan = cscost.plan(scenario, "inhouse")            # one provider's staff, queue by queue
    result = cscost.evaluate(scenario)                 # every option staffed, priced, ranked
    result.summary(); result.to_frame(); result.bill; result.audit
    risk = cscost.monte_carlo(scenario)                # P10/P50/P90 of every option
    decision = cscost.decide(scenario, result, risk=risk)   # score and recommendation
    cscost.required_agents(volume, interval_s, aht_s, target_answer_s, target_sl, ...)

Errors derive from :class:`CscostError` (the tree is in ``cscost.errors``).
"""

from __future__ import annotations

from cscost._api import (
    breakeven,
    decide,
    evaluate,
    forecasts,
    load_scenario,
    monte_carlo,
    plan,
    sensitivity,
    whatif,
)
from cscost.decide.breakeven import BreakEven, Crossing
from cscost.decide.recommendation import Decision, Recommendation
from cscost.decide.sensitivity import Tornado
from cscost.demand.forecast import Forecast
from cscost.errors import (
    ArgumentError,
    CscostError,
    ForecastError,
    InfeasibleTargetError,
    InputFileError,
    Issue,
    LocatedError,
    QuoteError,
    ScenarioError,
)
from cscost.evaluate.audit import AuditFinding
from cscost.evaluate.evaluation import Evaluation, OptionResult
from cscost.evaluate.parts import Part
from cscost.evaluate.plan import ProviderPlan
from cscost.evaluate.risk import OptionRisk, RiskResult
from cscost.evaluate.whatif import WhatIf, WhatIfResult
from cscost.model import Scenario
from cscost.model.adjust import Adjustments
from cscost.pricing.bill import BillRow
from cscost.staffing import QueueMetrics, queue_metrics, required_agents

__all__ = [
    "Adjustments",
    "ArgumentError",
    "AuditFinding",
    "BillRow",
    "BreakEven",
    "Crossing",
    "CscostError",
    "Decision",
    "Evaluation",
    "Forecast",
    "ForecastError",
    "InfeasibleTargetError",
    "InputFileError",
    "Issue",
    "LocatedError",
    "OptionResult",
    "OptionRisk",
    "Part",
    "ProviderPlan",
    "QueueMetrics",
    "QuoteError",
    "Recommendation",
    "RiskResult",
    "Scenario",
    "ScenarioError",
    "Tornado",
    "WhatIf",
    "WhatIfResult",
    "breakeven",
    "decide",
    "evaluate",
    "forecasts",
    "load_scenario",
    "monte_carlo",
    "plan",
    "queue_metrics",
    "required_agents",
    "sensitivity",
    "whatif",
]
__version__ = "0.1.0"
