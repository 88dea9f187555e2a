"""`cscost report`: the evaluation as an HTML page, an Excel workbook or a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cscost import _api
from cscost.cli import app
from cscost.errors import ArgumentError

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
) -> None:
    """Write the report: ranking, charts, fee breakdown, audit and assumptions."""
    from cscost.report import i18n

    if format not in FORMATS:
        raise ArgumentError(f"--format: expected html, xlsx or pdf, found {format!r}")
    scenario = _api.load_scenario(file)
    language = i18n.lang(lang or scenario.scenario.locale)
    evaluation = _api.evaluate(scenario)
    decision = None
    if risk:
        from cscost.cli.decision import decision_with_progress
        from cscost.report.html import decision_data

        code = "zh" if language.code.startswith("zh") else "en"
        decision = decision_data(decision_with_progress(scenario, evaluation, show=True), code)
    path = output if output is not None else Path(f"report.{format}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if format == "html":
        from cscost.report.html import render_html

        path.write_text(render_html(evaluation, scenario, language, decision), encoding="utf-8")
    elif format == "xlsx":
        from cscost.report.xlsx import write_xlsx

        write_xlsx(path, evaluation, scenario, language, decision)
    else:
        from cscost.report.pdf import write_pdf

        write_pdf(path, evaluation, scenario, language, decision)
    console.print(f"report ({format}, {language.code}) → {path}")
