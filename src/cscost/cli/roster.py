"""`cscost roster` (the shifts of one queue-month) and `cscost simulate` (a week, simulated)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.progress import Progress

from cscost import _api
from cscost.arrays import Array
from cscost.cli import app, err_console, out_console
from cscost.errors import ArgumentError
from cscost.evaluate.week import QueueWeek
from cscost.io.outputs import check_output, scenario_inputs
from cscost.io.tables.writers import csv_text, emit, json_text, write_csv
from cscost.model import INHOUSE
from cscost.model.hours import DAY_NAMES, clock_text
from cscost.report import i18n
from cscost.report.i18n import Lang
from cscost.report.roster_document import roster_document
from cscost.report.terminal_week import roster_view, simulation_view
from cscost.staffing.simulation import Estimate

console = out_console()

FileArg = Annotated[
    Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
]
QueueOpt = Annotated[str, typer.Option("--queue", help="Queue id.")]
MonthOpt = Annotated[str, typer.Option("--month", help="Month of the horizon, YYYY-MM.")]
ProviderOpt = Annotated[
    str, typer.Option("--provider", help="Whose assumptions and shifts: inhouse or a vendor id.")
]
FormatOpt = Annotated[str, typer.Option("--format", help="table or json.")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="en or zh (default: scenario.locale).")]


@app.command()
def roster(
    file: FileArg,
    queue: QueueOpt,
    month: MonthOpt,
    provider: ProviderOpt = INHOUSE,
    fmt: FormatOpt = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the coverage per interval (CSV).")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """The roster of one queue and month: shifts, coverage per interval, efficiency."""
    if fmt not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {fmt!r}")
    scenario = _api.load_scenario(file)
    check_output(output, scenario_inputs(file, scenario), "csv")
    week = _api.queue_week(scenario, queue, month, provider)
    result = _api.roster(scenario, queue, month, provider)
    data = roster_document(result, queue, provider, week.month)
    if output is not None:
        coverage = data["coverage"]
        header = list(coverage[0])
        write_csv(output, csv_text(header, ([row[h] for h in header] for row in coverage)))
    if fmt == "json":
        emit(json_text(data))
        return
    language = i18n.lang(lang or scenario.scenario.locale)
    for item in roster_view(result, queue, provider, week.month, language):
        console.print(item)


@app.command()
def simulate(
    file: FileArg,
    queue: QueueOpt,
    month: MonthOpt,
    provider: ProviderOpt = INHOUSE,
    runs: Annotated[int, typer.Option(help="Simulated weeks (≥ 2).", min=2)] = 10,
    seed: Annotated[int | None, typer.Option(help="Seed (default uncertainty.seed).")] = None,
    agents: Annotated[
        str, typer.Option(help="roster (the default when a schedule applies) or erlang.")
    ] = "auto",
    fmt: FormatOpt = "table",
    lang: LangOpt = None,
) -> None:
    """Simulate the typical week (Ciw): service level, ASA and abandonment with 95 % CIs."""
    scenario = _api.load_scenario(file)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("simulating weeks", total=runs)
        sim = _api.simulate(
            scenario,
            queue,
            month,
            provider,
            runs=runs,
            seed=seed,
            agents=agents,
            progress=lambda done: progress.update(task, completed=done),
        )
    language = i18n.lang(lang or scenario.scenario.locale)
    _print_simulation(
        sim.week, sim.result, sim.exact, dict(sim.analytic_week), fmt, sim.agents, language
    )


def _est(e: Estimate, k: int | None = None) -> dict[str, float | None]:
    def pick(a: Array) -> float | None:
        value = float(a) if k is None else float(a[k])
        return value if np.isfinite(value) else None

    return {"mean": pick(e.mean), "low": pick(e.low), "high": pick(e.high)}


def _print_simulation(
    week: QueueWeek,
    result: Any,
    exact: Any,
    analytic: dict[str, float],
    fmt: str,
    source: str,
    lang: Lang,
) -> None:
    per_day = week.volume.shape[1]
    interval = week.scenario.scenario.interval_minutes
    open_k = [k for k in range(week.volume.size) if week.volume.ravel()[k] > 0]
    if fmt == "json":
        data = {
            "queue": week.settings.queue_id,
            "provider": week.settings.provider,
            "month": week.month,
            "agents": source,
            "runs": result.runs,
            "week": {
                "service_level": _est(result.week_service_level),
                "asa_s": _est(result.week_asa_s),
                "abandonment": _est(result.week_abandonment),
                "analytic": analytic,
            },
            "intervals": [
                {
                    "day": DAY_NAMES[k // per_day],
                    "time": clock_text(k % per_day, interval),
                    "agents": float(exact.agents[k]),
                    "volume": float(week.volume.ravel()[k]),
                    "service_level": _est(result.service_level, k),
                    "asa_s": _est(result.asa_s, k),
                    "abandonment": _est(result.abandonment, k),
                    "analytic": {
                        "service_level": float(exact.service_level[k]),
                        "asa_s": float(exact.asa_s[k]),
                        "abandonment": float(exact.p_abandon[k]),
                    },
                }
                for k in open_k
            ],
        }
        emit(json_text(data))
        return
    for item in simulation_view(week, result, exact, analytic, source, lang):
        console.print(item)
