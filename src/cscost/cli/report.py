"""`cscost report`: the evaluation as an HTML page, an Excel workbook or a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cscost import _api
from cscost.cli import app
from cscost.cli.decision import (
    SchedulerOpt,
    WorkersOpt,
    cluster_settings,
    decision_with_progress,
    working,
)
from cscost.errors import ArgumentError
from cscost.io.outputs import check_output, scenario_inputs
from cscost.io.tables.writers import write_text
from cscost.report import i18n, terminal

console = Console(highlight=False)

FORMATS = ("html", "xlsx", "pdf")


@app.command("report")
def report_command(
    file: Annotated[
        Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
    ],
    lang: Annotated[
        str | None, typer.Option(help="Language: en or zh (default: the scenario's locale).")
    ] = None,
    format: Annotated[str, typer.Option(help="html, xlsx or pdf.")] = "html",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write (default: report.<format> here)."),
    ] = None,
    risk: Annotated[
        bool,
        typer.Option(
            "--risk",
            help="Add the recommendation, P10-P90 ranges, tornado and break-even (Monte Carlo).",
        ),
    ] = False,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
) -> None:
    """Write the report: ranking, charts, fee breakdown, audit and assumptions."""
    if format not in FORMATS:
        raise ArgumentError(f"--format: expected html, xlsx or pdf, found {format!r}")
    cluster = cluster_settings(workers, scheduler)
    scenario = _api.load_scenario(file)
    path = output if output is not None else Path(f"report.{format}")
    check_output(path, scenario_inputs(file, scenario), format)
    language = i18n.lang(lang or scenario.scenario.locale)
    forecasted = _api.forecasts(scenario)  # the history is forecast once per run
    decision = None
    with _api.running(cluster) as held:  # a local cluster starts once for both steps
        evaluation = _api.evaluate(scenario, forecasted=forecasted, cluster=held)
        if risk:
            from cscost.report.html import decision_data

            decided = decision_with_progress(
                scenario, evaluation, language, show=True, forecasted=forecasted, cluster=held
            )
            decision = decision_data(decided, language.code)
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "html":
        from cscost.report.html import render_html

        with working(terminal.message(language, "progress_report")):
            write_text(path, render_html(evaluation, scenario, language, decision))
    elif format == "xlsx":
        from cscost.report.xlsx import write_xlsx

        with working(terminal.message(language, "progress_report")):
            write_xlsx(path, evaluation, scenario, language, decision)
    else:
        from cscost.report.pdf import write_pdf

        with working(terminal.message(language, "progress_pdf")):
            write_pdf(path, evaluation, scenario, language, decision)
    console.print(
        terminal.message(language, "report_written", format=format, lang=language.code, path=path)
    )
