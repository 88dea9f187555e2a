"""`cscost reconcile`: check a vendor's invoice against its contract on the actual month."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cscost import _api
from cscost.cli import app, out_console
from cscost.errors import ArgumentError
from cscost.io.tables.writers import atomic_path, csv_text, write_csv, write_text
from cscost.reconcile import Finding, Reconciliation
from cscost.report import i18n
from cscost.report.i18n import Lang
from cscost.report.reconcile_terminal import reconcile_summary

console = out_console()

OUTPUTS = (".html", ".xlsx", ".csv", ".json")
CSV_COLUMNS = tuple(Finding.__dataclass_fields__)

ExistingFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False)]


def _output_path(output: Path, inputs: list[Path]) -> Path:
    suffix = output.suffix.lower()
    if suffix not in OUTPUTS:
        raise ArgumentError(f"-o {output}: expected a .html, .xlsx, .csv or .json file")
    target = output.resolve()
    for path in inputs:
        if path.resolve() == target:
            raise ArgumentError(f"-o {output}: this is an input file; it is never overwritten")
    return output


def run_reconcile(
    file: Path, vendor: str, actuals: Path, invoice: Path, month: str | None, tolerance: float
) -> Reconciliation:
    """Load the scenario and both tables, then reconcile (errors located)."""
    scenario = _api.load_scenario(file)
    return _api.reconcile(scenario, vendor, actuals, invoice, month=month, tolerance=tolerance)


@app.command("reconcile")
def reconcile_command(
    file: Annotated[
        Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
    ],
    vendor: Annotated[str, typer.Option(help="The vendor id whose invoice this is.")],
    actuals: Annotated[
        Path, typer.Option(help="Actuals per month and queue (CSV or XLSX).", dir_okay=False)
    ],
    invoice: Annotated[Path, typer.Option(help="The invoice (CSV or XLSX).", dir_okay=False)],
    month: Annotated[str | None, typer.Option(help="Only this month (YYYY-MM).")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write .html, .xlsx, .csv (findings) or .json."),
    ] = None,
    format: Annotated[str, typer.Option(help="table (terminal summary) or json.")] = "table",
    lang: Annotated[str | None, typer.Option(help="Report language: en or zh.")] = None,
    tolerance: Annotated[float, typer.Option(help="Rounding tolerance per line.")] = 0.01,
    fail_on_findings: Annotated[
        bool, typer.Option("--fail-on-findings", help="Exit 1 when there are findings.")
    ] = False,
) -> None:
    """Check an invoice against the contract's bill on the actual month: the findings."""
    if format not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {format!r}")
    if output is not None:
        output = _output_path(output, [file, actuals, invoice])
    result = run_reconcile(file, vendor, actuals, invoice, month, tolerance)
    language = i18n.lang(lang or _api.load_scenario(file).scenario.locale)
    if format == "json":
        sys.stdout.write(_json(result) + "\n")
    else:
        print_summary(result, language)
    if output is not None:
        _write(output, result, language)
        if format == "table":
            console.print(f"{len(result.findings)} findings → {output}")
    if fail_on_findings and result.findings:
        raise typer.Exit(1)


def _json(result: Reconciliation) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1, allow_nan=False)


def _write(path: Path, result: Reconciliation, language: Lang) -> None:
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        write_text(path, _json(result) + "\n")
        return
    if suffix == ".csv":
        rows = ([_cell(row[c]) for c in CSV_COLUMNS] for row in result.to_dict()["findings"])
        write_csv(path, csv_text(CSV_COLUMNS, rows))
        return
    if suffix == ".html":
        from cscost.report.reconcile_html import render_reconcile_html

        write_text(path, render_reconcile_html(result, language))
    else:
        from cscost.report.reconcile_xlsx import write_reconcile_xlsx

        with atomic_path(path) as temp:
            write_reconcile_xlsx(temp, result, language)


def _cell(value: object) -> object:
    if isinstance(value, float):
        return repr(value)
    return "" if value is None else value


def print_summary(result: Reconciliation, lang: Lang) -> None:
    """The terminal summary: totals, findings, amount at stake, credits due, efficiency."""
    for item in reconcile_summary(result, lang):
        console.print(item)
