"""`cscost forecast`: monthly volumes with 80 % and 95 % intervals from a history CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cscost import _api
from cscost.cli import app
from cscost.demand.forecast import Forecast
from cscost.errors import ArgumentError
from cscost.io.outputs import check_output
from cscost.io.tables.history import History, read_history
from cscost.io.tables.writers import write_forecast_csv
from cscost.model.calendar import month_label
from cscost.model.calendar import month_number as _month_number
from cscost.report import i18n
from cscost.report.terminal import note_text
from cscost.report.terminal_tools import forecast_table, say

console = Console(highlight=False)


def _start_month(text: str | None, history: History) -> str:
    """``--start`` checked, or the month after the history's last one."""
    if text is None:
        return month_label(_month_number(history.last_month) + 1)
    try:
        return month_label(_month_number(text))
    except ArgumentError as exc:
        raise ArgumentError(f"--start: {exc}") from None


@app.command()
def forecast(
    history: Annotated[
        Path,
        typer.Argument(
            help="History CSV: date and one column per queue, or date,queue,volume "
            "(see docs/forecast.md).",
            exists=True,
            dir_okay=False,
        ),
    ],
    start: Annotated[
        str | None,
        typer.Option(help="First month to forecast, YYYY-MM (default: after the history)."),
    ] = None,
    months: Annotated[int, typer.Option(help="Number of months to forecast.")] = 12,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write queue,month,mean,lower80,upper80,lower95,upper95 to this CSV.",
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the simulated paths (intervals).")] = 7,
    lang: Annotated[str, typer.Option(help="Terminal language: en or zh.")] = "en",
) -> None:
    """Forecast monthly volumes per queue from ≥ 24 months of history, with 80/95 % intervals."""
    check_output(output, (history,), "csv")
    if output is not None and not output.resolve().parent.is_dir():
        raise ArgumentError(f"--output {output}: its folder does not exist")
    language = i18n.lang(lang)
    data = read_history(history)
    horizon_start = _start_month(start, data)
    forecasts = _forecasts(data, horizon_start, months, seed)
    for note in data.notes:
        console.print(note_text(language, note))
    for series in data.queues:
        span = (series.first_month, series.last_month, int(series.volumes.size))
        console.print(forecast_table(series.queue, span, forecasts[series.queue], language))
    if output is not None:
        try:
            write_forecast_csv(forecasts, output)
        except OSError as exc:
            raise ArgumentError(f"--output {output}: cannot write it ({exc.strerror})") from None
        rows = sum(len(f.months) for f in forecasts.values())
        written = say(
            language, "forecast_written", queues=len(forecasts), months=months, rows=rows,
            output=output,
        )  # fmt: skip
        console.print(escape(written))


def _forecasts(data: History, horizon_start: str, months: int, seed: int) -> dict[str, Forecast]:
    """One forecast per queue of the file (:func:`cscost.demand.forecast_queues`)."""
    histories = {series.queue: series for series in data.queues}
    sources = dict.fromkeys(histories, data.file)
    return _api.forecast_queues(histories, horizon_start, months, seed, sources=sources)
