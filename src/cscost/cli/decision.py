"""`cscost sensitivity`, `cscost breakeven`, and the decision part of `cscost evaluate --risk`."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cscost import _api
from cscost.cli import app, err_console, out_console
from cscost.decide.breakeven import BreakEven
from cscost.decide.recommendation import Decision
from cscost.decide.sensitivity import Tornado
from cscost.errors import ArgumentError
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.risk import RiskResult
from cscost.io.tables.writers import emit, json_text
from cscost.model import Scenario
from cscost.report.words import crossing_text, recommendation_text

console = out_console()

FileArg = Annotated[
    Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
]
FormatOpt = Annotated[str, typer.Option(help="table (terminal) or json.")]


def _money(value: float) -> str:
    return f"{value:,.0f}" if math.isfinite(value) else "—"


def _signed(value: float) -> str:
    return f"{value:+,.0f}" if math.isfinite(value) else "—"


def _check_format(format: str) -> None:
    if format not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {format!r}")


# -- Monte Carlo and the decision ------------------------------------------------------


def monte_carlo_with_progress(scenario: Scenario, show: bool) -> RiskResult:
    """The Monte Carlo result, with a progress bar on stderr when ``show``."""
    if not show:
        return _api.monte_carlo(scenario)
    columns = (
        TextColumn("Monte Carlo"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("samples", total=scenario.uncertainty.samples)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return _api.monte_carlo(scenario, progress=progress)


def decision_with_progress(scenario: Scenario, evaluation: Evaluation, *, show: bool) -> Decision:
    """Monte Carlo (progress bar when ``show``), sensitivity, break-even, score, recommendation."""
    risk = monte_carlo_with_progress(scenario, show)
    return _api.decide(scenario, evaluation, risk=risk)


# -- terminal output ---------------------------------------------------------------------


def print_risk(risk: RiskResult, currency: str) -> None:
    """P10/P50/P90 of total and NPV per option, and the probability of being cheapest."""
    table = Table(title=f"Risk: {risk.samples:,} Monte Carlo samples, total cost in {currency}")
    for col in ("option", "P10", "P50", "P90", "NPV P50", "P(cheapest)"):
        table.add_column(col, justify="left" if col == "option" else "right")
    for o in risk.options:
        table.add_row(
            escape(o.name),
            _money(o.p10),
            _money(o.p50),
            _money(o.p90),
            _money(o.npv_p50),
            f"{o.p_cheapest:.0%}",
        )
    console.print(table)


def print_tornado(tornado: Tornado) -> None:
    """One section per option: each input's low and high change of the total, widest first."""
    table = Table(title=f"Sensitivity: change in total cost ({tornado.currency})")
    for col in ("option", "input", "low", "change", "high", "change ", "swing"):
        table.add_column(col, justify="left" if col in ("option", "input") else "right")
    for t in tornado.options:
        for k, b in enumerate(t.bars):
            table.add_row(
                escape(t.option) if k == 0 else "",
                b.input,
                f"×{b.low_factor:.2f}",
                _signed(b.low_change),
                f"×{b.high_factor:.2f}",
                _signed(b.high_change),
                _money(b.swing),
            )
        table.add_section()
    console.print(table)


def print_breakeven(result: BreakEven) -> None:
    """Total per option at each volume factor, then the crossings."""
    table = Table(title=f"Break-even: total cost ({result.currency}) by volume × forecast")
    table.add_column("volume", justify="right")
    names = list(result.totals)
    for name in names:
        table.add_column(escape(name), justify="right")
    for j, k in enumerate(result.factors):
        row = [result.totals[n][j] for n in names]
        low = min(row)
        cells = [f"[bold green]{_money(x)}[/]" if x == low else _money(x) for x in row]
        table.add_row(f"{k:.2f}×", *cells)
    console.print(table)
    if not result.crossings:
        console.print("No crossings: the cost ranking stays the same over the whole range.")
    for c in result.crossings:
        console.print(f"  • {escape(crossing_text(c))}")


def print_score(decision: Decision, lang: str = "en") -> None:
    """The score table and the recommendation."""
    score = decision.score
    weights = ", ".join(f"{c} {w:.0%}" for c, w in score.weights.items())
    table = Table(title=f"Score (weighted sum; {weights}; risk from {score.risk_source})")
    for col in ("rank", "option", "score", "NPV", "quality", "flexibility cost", "risk"):
        table.add_column(col, justify="left" if col == "option" else "right")
    for o in score.options:
        c = o.criteria
        table.add_row(
            str(o.rank),
            escape(o.option),
            f"{o.score:.3f}",
            _money(c.cost),
            f"{c.quality:.3f}",
            _money(c.flexibility),
            _money(c.risk),
            style="bold green" if o.rank == 1 else None,
        )
    console.print(table)
    console.print(escape(recommendation_text(decision.recommendation, lang)), soft_wrap=True)


def print_decision(decision: Decision, lang: str = "en") -> None:
    """Everything `evaluate --risk` adds to the terminal summary."""
    if decision.risk is not None:
        print_risk(decision.risk, decision.evaluation.currency)
    print_tornado(decision.sensitivity)
    print_breakeven(decision.breakeven)
    print_score(decision, lang)


# -- commands ----------------------------------------------------------------------------


@app.command("sensitivity")
def sensitivity_command(file: FileArg, format: FormatOpt = "table") -> None:
    """A tornado per option: each uncertain input at its low and high value, sorted by swing."""
    _check_format(format)
    tornado = _api.sensitivity(_api.load_scenario(file))
    if format == "json":
        emit(json_text({"sensitivity": tornado.to_dict()}))
        return
    print_tornado(tornado)


@app.command("breakeven")
def breakeven_command(
    file: FileArg,
    low: Annotated[float, typer.Option("--from", help="Lowest volume factor.")] = 0.5,
    high: Annotated[float, typer.Option("--to", help="Highest volume factor.")] = 2.0,
    steps: Annotated[int, typer.Option(help="Grid points from --from to --to.")] = 16,
    format: FormatOpt = "table",
) -> None:
    """Total cost per option as volume runs over a range of the forecast, and the crossings."""
    _check_format(format)
    if not 0 < low < high:
        raise ArgumentError(f"--from and --to: expected 0 < from < to, found {low} and {high}")
    if not 2 <= steps <= 401:
        raise ArgumentError(f"--steps: expected 2 … 401, found {steps}")
    result = _api.breakeven(_api.load_scenario(file), tuple(np.linspace(low, high, steps)))
    if format == "json":
        doc = result.to_dict()
        for entry, crossing in zip(doc["crossings"], result.crossings, strict=True):
            entry["text"] = crossing_text(crossing)
        emit(json_text({"breakeven": doc}))
        return
    print_breakeven(result)
