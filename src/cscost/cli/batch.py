"""`cscost batch`: many scenario files evaluated (here or on a Dask cluster), one summary row
per scenario and option; a file that fails is reported by name and the others still run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cscost import _api
from cscost.cli import app, err_console, out_console
from cscost.cli.decision import SchedulerOpt, WorkersOpt, cluster_settings
from cscost.io.outputs import check_output
from cscost.io.tables.writers import csv_text, write_csv

console = out_console()


@app.command("batch")
def batch_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario files (YAML or JSON).", exists=True, dir_okay=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the summary (CSV): one row per option."),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
) -> None:
    """Evaluate many scenarios (a BPO's deals, an enterprise's sites): one row per option."""
    cluster = cluster_settings(workers, scheduler)
    check_output(output, files, "csv")
    columns = (TextColumn("evaluate"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("files", total=len(files))

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        rows = _api.batch(files, cluster=cluster, progress=progress)
    failed = [r for r in rows if r["error"]]
    for row in failed:
        err_console.print(f"[bold red]error:[/] {escape(str(row['error']))}", soft_wrap=True)
    if output is not None:
        body = ([row[c] for c in _api.BATCH_COLUMNS] for row in rows)
        write_csv(output, csv_text(_api.BATCH_COLUMNS, body))
        console.print(f"{len(rows) - len(failed)} rows written to {escape(str(output))}")
    else:
        table = Table("file", "option", "rank", "currency", "total", "npv")
        for row in rows:
            if not row["error"]:
                table.add_row(
                    escape(str(row["file"])),
                    escape(str(row["option"])),
                    str(row["rank"]),
                    str(row["currency"]),
                    f"{float(str(row['total'])):,.0f}",
                    f"{float(str(row['npv'])):,.0f}",
                )
        console.print(table)
    if failed:
        raise typer.Exit(2)
