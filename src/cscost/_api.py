"""The public entry points: where the core meets the file system. Every front end calls these.

The CLI, the reports and the web app reach the engine only through this module:

    scenario = load_scenario("scenario.yaml")        # validated, errors located
    forecasts(scenario)                              # queues whose volume is a forecast
    plan(scenario, "inhouse")                        # one provider's staff for every queue
    evaluate(scenario)                               # every option staffed, priced, ranked
    monte_carlo(scenario)                            # the cost distribution of each option
    decide(scenario, evaluation)                     # risk, sensitivity, break-even, score
    sensitivity(scenario); breakeven(scenario)       # the decision analysis' parts
    roster(scenario, "chat-en", "2027-03"); simulate(scenario, "chat-en", "2027-03")
    reconcile(scenario, "vendor-a", "actuals.csv", "invoice.csv")   # invoice vs contract
    batch(["deal-1.yaml", "deal-2.yaml"], cluster=ClusterSettings(workers=2))  # many files
    required_agents(...), queue_metrics(...)         # the staffing kernel

Queues whose volume is a forecast from a history file are forecast here (the file is
read once per call), each with its own child generator of ``uncertainty.seed``
(:func:`cscost.demand.forecast_queues`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from cscost.arrays import Array
from cscost.cluster import ClusterSettings, connect, map_ordered, running
from cscost.cluster import evaluate as cluster_evaluate
from cscost.cluster import monte_carlo as cluster_monte_carlo
from cscost.decide.breakeven import DEFAULT_FACTORS, BreakEven
from cscost.decide.breakeven import breakeven as breakeven_grid
from cscost.decide.recommendation import Decision
from cscost.decide.recommendation import decide as decide_scenario
from cscost.decide.sensitivity import Tornado
from cscost.decide.sensitivity import sensitivity as sensitivity_tornado
from cscost.demand.forecast import Forecast
from cscost.demand.histories import forecast_queues
from cscost.errors import CscostError, Issue, ScenarioError
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.evaluation import evaluate as evaluate_scenario
from cscost.evaluate.montecarlo import monte_carlo as monte_carlo_scenario
from cscost.evaluate.plan import ProviderPlan, option_plan, provider_plan
from cscost.evaluate.risk import RiskResult
from cscost.evaluate.week import QueueWeek, WeekSimulation, simulated_week, week_roster
from cscost.evaluate.week import queue_week as _queue_week
from cscost.evaluate.whatif import WhatIf
from cscost.io import load_scenario
from cscost.io.tables.reconcile_files import read_reconcile_tables
from cscost.io.tables.volumes import queue_forecasts
from cscost.model import INHOUSE, Scenario
from cscost.reconcile import Reconciliation
from cscost.reconcile import reconcile as reconcile_invoice
from cscost.staffing import queue_metrics, required_agents
from cscost.staffing.roster import Roster

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called after every chunk of Monte Carlo samples."""

__all__ = [
    "ClusterSettings",
    "batch",
    "breakeven",
    "decide",
    "evaluate",
    "forecast_queues",
    "forecasts",
    "load_scenario",
    "monte_carlo",
    "plan",
    "queue_metrics",
    "queue_week",
    "reconcile",
    "roster",
    "required_agents",
    "running",
    "sensitivity",
    "simulate",
    "whatif",
]


def forecasts(scenario: Scenario) -> dict[str, Forecast]:
    """The forecast (mean and 80/95 % intervals) of every queue whose volume is a forecast."""
    return queue_forecasts(scenario)


Forecasted = Mapping[str, Forecast]
"""The result of :func:`forecasts`, passed on so that one run reads the history once."""


def _means(scenario: Scenario, forecasted: Forecasted | None = None) -> dict[str, Array] | None:
    made = forecasts(scenario) if forecasted is None else forecasted
    return {q: f.mean for q, f in made.items()} or None


def plan(scenario: Scenario, provider: str = INHOUSE, *, option: str | None = None) -> ProviderPlan:
    """Every queue of ``scenario`` staffed by ``provider`` (``inhouse`` or a vendor id), or,
    with ``option`` (an option's name), the parts of that option, each by its provider."""
    if option is not None:
        return option_plan(scenario, option, _means(scenario))
    return provider_plan(scenario, provider, _means(scenario))


def _require_prices(scenario: Scenario) -> None:
    """Raise :class:`ScenarioError` when ``scenario`` has nothing to price (queues only).

    A file with queues and no ``inhouse`` section, vendors or options is valid (``plan``
    staffs it, ``template`` asks vendors for prices), but there is no cost to compute.
    """
    if not scenario.resolved_options():
        raise ScenarioError(
            Issue(
                "nothing to price: the scenario has queues but no `inhouse` section, no "
                "vendors and no options",
                "inhouse",
                expected="an `inhouse` section (the company's own cost) and/or vendor quotes "
                "(`cscost template` writes the pricing workbook to send to vendors, "
                "`cscost import-quote` reads it back); `cscost plan` staffs the queues now",
            )
        )


def evaluate(
    scenario: Scenario,
    *,
    forecasted: Forecasted | None = None,
    cluster: ClusterSettings | None = None,
    progress: Progress | None = None,
) -> Evaluation:
    """Every option of ``scenario`` staffed, priced, totalled and ranked; quotes audited.

    Audit findings are codes; :mod:`cscost.report.words` words them in en or zh.
    ``forecasted`` (from :func:`forecasts`) saves forecasting the history again. With
    ``cluster`` the queues are staffed in shards on its workers and priced here: the same
    evaluation bit for bit (``progress(done, total)`` counts the shards).
    """
    _require_prices(scenario)
    means = _means(scenario, forecasted)
    if cluster is None or cluster.local:
        return evaluate_scenario(scenario, means)
    with connect(cluster) as client:
        return cluster_evaluate(scenario, client, forecasts=means, progress=progress)


def monte_carlo(
    scenario: Scenario,
    *,
    samples: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    forecasted: Forecasted | None = None,
    cluster: ClusterSettings | None = None,
) -> RiskResult:
    """The cost distribution of every option over ``samples`` futures (default: the scenario's).

    Seeded by ``seed``, else ``uncertainty.seed``: the same seed, the same result, here
    or with ``cluster`` (a Dask scheduler, or N local worker processes) whatever the
    number of workers. ``forecasted`` (from :func:`forecasts`) saves forecasting again.
    """
    _require_prices(scenario)
    rng = np.random.default_rng(scenario.uncertainty.seed if seed is None else seed)
    made = dict(forecasts(scenario) if forecasted is None else forecasted)
    if cluster is None or cluster.local:
        return monte_carlo_scenario(
            scenario, rng, samples=samples, forecasts=made or None, progress=progress
        )
    with connect(cluster) as client:
        return cluster_monte_carlo(
            scenario, rng, client, samples=samples, forecasts=made or None, progress=progress
        )


def whatif(scenario: Scenario) -> WhatIf:
    """The what-if model of ``scenario``: every option's cost at any multipliers of volume,
    AHT, FX and vendors' rates, quick (the staffing surrogate) or exact
    (:mod:`cscost.evaluate.whatif`). Build it once; call ``.result(adjustments)`` per move."""
    _require_prices(scenario)
    return WhatIf(scenario, _means(scenario))


def sensitivity(scenario: Scenario) -> Tornado:
    """A tornado per option: each uncertain input at its low and high value."""
    _require_prices(scenario)
    return sensitivity_tornado(scenario, _means(scenario))


def breakeven(scenario: Scenario, factors: Sequence[float] = DEFAULT_FACTORS) -> BreakEven:
    """Total per option at each volume factor × the forecast, and where options cross."""
    _require_prices(scenario)
    return breakeven_grid(scenario, factors, _means(scenario))


def decide(
    scenario: Scenario,
    evaluation: Evaluation | None = None,
    *,
    risk: RiskResult | None = None,
    factors: Sequence[float] = DEFAULT_FACTORS,
    forecasted: Forecasted | None = None,
) -> Decision:
    """Sensitivity, break-even, quality, flexibility, score and the recommendation.

    ``evaluation`` (from :func:`evaluate`) is reused when given; ``risk`` (from
    :func:`monte_carlo`) supplies the risk criterion, else the tornado does;
    ``forecasted`` (from :func:`forecasts`) saves forecasting the history again.
    """
    _require_prices(scenario)
    means = _means(scenario, forecasted)
    return decide_scenario(scenario, means, risk=risk, factors=factors, evaluation=evaluation)


def reconcile(
    scenario: Scenario,
    vendor_id: str,
    actuals: str | os.PathLike[str],
    invoice: str | os.PathLike[str],
    *,
    month: str | None = None,
    tolerance: float = 0.01,
) -> Reconciliation:
    """The invoice file of ``vendor_id`` checked against its contract on the actuals file.

    Both files are CSV or XLSX (docs/reconcile.md); bad cells raise a located
    :class:`cscost.errors.InputFileError`. ``month`` limits the check to one month;
    differences up to ``tolerance`` per line count as rounding. What-if ``adjustments``
    are left out: an invoice is checked against the contract as written.
    """
    scenario = scenario.model_copy(update={"adjustments": None})
    rows, lines = read_reconcile_tables(scenario, vendor_id, actuals, invoice)
    return reconcile_invoice(scenario, vendor_id, rows, lines, month=month, tolerance=tolerance)


def queue_week(scenario: Scenario, queue_id: str, month: str, provider: str = INHOUSE) -> QueueWeek:
    """One queue's typical week in ``month`` as ``provider`` works it: volume, required agents."""
    return _queue_week(scenario, queue_id, provider, month, _means(scenario))


def roster(scenario: Scenario, queue_id: str, month: str, provider: str = INHOUSE) -> Roster:
    """The provider's least-paid-hours roster of one queue's typical week in ``month``."""
    return week_roster(queue_week(scenario, queue_id, month, provider))


def simulate(
    scenario: Scenario,
    queue_id: str,
    month: str,
    provider: str = INHOUSE,
    *,
    runs: int = 10,
    seed: int | None = None,
    agents: str = "auto",
    progress: Callable[[int], None] | None = None,
) -> WeekSimulation:
    """``runs`` simulated typical weeks (Ciw) beside the analytic figures of the same agents.

    ``agents``: ``roster``, ``erlang`` or ``auto`` (the roster when a schedule applies);
    seeded by ``seed``, else ``uncertainty.seed``.
    """
    rng = np.random.default_rng(scenario.uncertainty.seed if seed is None else seed)
    week = queue_week(scenario, queue_id, month, provider)
    return simulated_week(week, rng, runs=runs, agents=agents, progress=progress)


BATCH_COLUMNS = (
    "file",
    "scenario",
    "option",
    "rank",
    "currency",
    "total",
    "cash_total",
    "npv",
    "cost_per_contact",
    "fte",
    "seats_peak",
    "error",
)
"""The columns of one summary row of :func:`batch` (``error`` empty when it evaluated)."""


def batch_file(_: None, path: str) -> list[dict[str, object]]:
    """One summary row per option of the scenario at ``path``, or one row with its error.

    Runs anywhere (a Dask worker reads the file itself): the scenario is loaded,
    forecast and evaluated; a file that fails gives its error, not an exception.
    """
    blank: dict[str, object] = dict.fromkeys(BATCH_COLUMNS, "")
    try:
        scenario = load_scenario(path)
        result = evaluate(scenario, forecasted=forecasts(scenario))
    except (ScenarioError, OSError, CscostError) as exc:
        return [{**blank, "file": path, "error": str(exc)}]
    except Exception as exc:  # a bug must not stop the other files
        return [{**blank, "file": path, "error": f"internal error: {type(exc).__name__}: {exc}"}]
    return [
        {
            **blank,
            "file": path,
            "scenario": result.scenario_name,
            "option": o.name,
            "rank": o.rank,
            "currency": result.currency,
            "total": o.total,
            "cash_total": o.cash_total,
            "npv": o.npv,
            "cost_per_contact": o.cost_per_contact,
            "fte": float(o.fte.mean()),
            "seats_peak": float(o.seats.max()),
        }
        for o in result.options
    ]


def batch(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cluster: ClusterSettings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, object]]:
    """Every scenario file evaluated (one task per file, on ``cluster`` when given): one
    row per file and option in the order of ``paths`` (:data:`BATCH_COLUMNS`); a file
    that fails is one row naming it with its error, and the others still run."""
    files = [os.fspath(p) for p in paths]
    with connect(cluster) as client:
        rows = map_ordered(client, batch_file, None, files, progress)
    return [row for file_rows in rows for row in file_rows]
