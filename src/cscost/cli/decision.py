"""`cscost sensitivity`, `cscost breakeven`, and the decision part of `cscost evaluate --risk`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from cscost import _api
from cscost.cli import app, err_console, out_console
from cscost.decide.breakeven import BreakEven
from cscost.decide.recommendation import Decision
from cscost.errors import ArgumentError
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.risk import RiskResult
from cscost.io.tables.writers import emit, json_text
from cscost.model import Scenario
from cscost.report import i18n, terminal, terminal_decision
from cscost.report.i18n import Lang
from cscost.report.words import crossing_text

console = out_console()

FileArg = Annotated[
    Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
]
FormatOpt = Annotated[str, typer.Option(help="table (terminal) or json.")]
LangOpt = Annotated[
    str | None, typer.Option(help="Language: en or zh (default: the scenario's locale).")
]


WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        help="Run the coarse tasks (queue shards, Monte Carlo chunks, batch files) on a "
        "local Dask cluster of N worker processes.",
        min=1,
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run the coarse tasks (queue shards, Monte Carlo chunks, batch files) on the "
        "Dask cluster at ADDRESS (tcp://host:8786).",
        metavar="ADDRESS",
    ),
]


def cluster_settings(workers: int | None, scheduler: str | None) -> _api.ClusterSettings | None:
    """Where the chunks run: --scheduler, else --workers local processes, else here."""
    if workers is not None and scheduler is not None:
        raise ArgumentError("--workers and --scheduler: give one or the other")
    if workers is None and scheduler is None:
        return None
    return _api.ClusterSettings(scheduler=scheduler, workers=workers)


def _check_format(format: str) -> None:
    if format not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {format!r}")


# -- Monte Carlo and the decision ------------------------------------------------------


@contextmanager
def working(label: str, show: bool = True) -> Iterator[None]:
    """A spinner with the elapsed time on stderr while the block runs (when ``show``)."""
    if not show:
        yield
        return
    columns = (SpinnerColumn(), TextColumn(escape(label)), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        bar.add_task(label, total=None)
        yield


def monte_carlo_with_progress(
    scenario: Scenario,
    lang: Lang,
    show: bool,
    forecasted: _api.Forecasted | None = None,
    cluster: _api.ClusterSettings | None = None,
    *,
    seed: int | None = None,
    samples: int | None = None,
) -> RiskResult:
    """The Monte Carlo result (``seed`` and ``samples`` default to the scenario's
    ``uncertainty``), with a progress bar on stderr when ``show``."""
    if not show:
        return _api.monte_carlo(
            scenario, seed=seed, samples=samples, forecasted=forecasted, cluster=cluster
        )
    columns = (
        TextColumn(escape(terminal.message(lang, "progress_montecarlo"))),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("samples", total=samples or scenario.uncertainty.samples)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return _api.monte_carlo(
            scenario,
            seed=seed,
            samples=samples,
            progress=progress,
            forecasted=forecasted,
            cluster=cluster,
        )


def decision_with_progress(
    scenario: Scenario,
    evaluation: Evaluation,
    lang: Lang,
    *,
    show: bool,
    forecasted: _api.Forecasted | None = None,
    cluster: _api.ClusterSettings | None = None,
    seed: int | None = None,
    samples: int | None = None,
) -> Decision:
    """Monte Carlo (progress bar when ``show``), sensitivity, break-even, score, recommendation.

    ``forecasted`` are the forecasts the evaluation used (the history is forecast once);
    ``cluster`` says where the Monte Carlo chunks run (None: here); ``seed`` and
    ``samples`` override the scenario's ``uncertainty``.
    """
    risk = monte_carlo_with_progress(
        scenario, lang, show, forecasted, cluster, seed=seed, samples=samples
    )
    label = terminal.message(lang, "progress_sensitivity") + " · "
    label += terminal.message(lang, "progress_breakeven")
    with working(label, show):
        return _api.decide(scenario, evaluation, risk=risk, forecasted=forecasted)


def print_breakeven(result: BreakEven, lang: Lang) -> None:
    """Total per option at each volume factor, then the crossings."""
    console.print(terminal_decision.breakeven_table(result, lang))
    for line in terminal_decision.crossing_lines(result, lang):
        console.print(line, soft_wrap=True)


def print_decision(decision: Decision, lang: Lang) -> None:
    """Everything `evaluate --risk` adds to the terminal summary."""
    if decision.risk is not None:
        console.print(
            terminal_decision.risk_table(decision.risk, decision.evaluation.currency, lang)
        )
    console.print(terminal_decision.tornado_table(decision.sensitivity, lang))
    print_breakeven(decision.breakeven, lang)
    console.print(terminal_decision.score_table(decision, lang))
    console.print(terminal_decision.recommendation_line(decision, lang), soft_wrap=True)


# -- commands ----------------------------------------------------------------------------


@app.command("sensitivity")
def sensitivity_command(file: FileArg, format: FormatOpt = "table", lang: LangOpt = None) -> None:
    """A tornado per option: each uncertain input at its low and high value, sorted by swing."""
    _check_format(format)
    scenario = _api.load_scenario(file)
    language = i18n.lang(lang or scenario.scenario.locale)
    with working(terminal.message(language, "progress_sensitivity")):
        tornado = _api.sensitivity(scenario)
    if format == "json":
        emit(json_text({"sensitivity": tornado.to_dict()}))
        return
    console.print(terminal_decision.tornado_table(tornado, language))


@app.command("breakeven")
def breakeven_command(
    file: FileArg,
    low: Annotated[float, typer.Option("--from", help="Lowest volume factor.")] = 0.5,
    high: Annotated[float, typer.Option("--to", help="Highest volume factor.")] = 2.0,
    steps: Annotated[int, typer.Option(help="Grid points from --from to --to.")] = 16,
    format: FormatOpt = "table",
    lang: LangOpt = None,
) -> None:
    """Total cost per option as volume runs over a range of the forecast, and the crossings."""
    _check_format(format)
    if not 0 < low < high:
        raise ArgumentError(f"--from and --to: expected 0 < from < to, found {low} and {high}")
    if not 2 <= steps <= 401:
        raise ArgumentError(f"--steps: expected 2 … 401, found {steps}")
    scenario = _api.load_scenario(file)
    language = i18n.lang(lang or scenario.scenario.locale)
    with working(terminal.message(language, "progress_breakeven")):
        result = _api.breakeven(scenario, tuple(np.linspace(low, high, steps)))
    if format == "json":
        doc = result.to_dict()
        for entry, crossing in zip(doc["crossings"], result.crossings, strict=True):
            entry["text"] = crossing_text(crossing, language.code)
        emit(json_text({"breakeven": doc}))
        return
    print_breakeven(result, language)
