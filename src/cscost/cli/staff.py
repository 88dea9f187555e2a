"""`cscost staff`: required agents for one interval from flags, or a batch from a CSV file."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import numpy as np
import numpy.typing as npt
import typer
from rich.markup import escape

from cscost._api import queue_metrics, required_agents
from cscost.arrays import Array
from cscost.cli import app, err_console, out_console
from cscost.errors import ArgumentError
from cscost.io.outputs import check_output
from cscost.io.tables.intervals import (
    CHUNK_ROWS,
    INPUT_COLUMNS,
    OUTPUT_COLUMNS,
    IntervalChunk,
    IntervalTable,
    read_interval_table,
    write_interval_results,
)
from cscost.model.units import duration_s
from cscost.report import i18n
from cscost.report.i18n import Lang
from cscost.report.terminal import note_text
from cscost.report.terminal_tools import batch_table, figure, say, staff_table

console = out_console()


def _seconds(value: str | None, option: str) -> float | None:
    if value is None:
        return None
    try:
        return duration_s(value)
    except ValueError as exc:
        raise ArgumentError(f"{option}: {exc}") from None


def _target(text: str) -> tuple[float, float]:
    """``80/20`` → (0.80, 20 s): percent answered within seconds (``80/20s``, ``0.8/20`` too)."""
    try:
        level_text, within_text = text.split("/")
        level = float(level_text.strip().rstrip("%"))
        level = level / 100.0 if level > 1 else level
        return level, duration_s(within_text.strip())
    except ValueError:
        raise ArgumentError(
            f"--target: expected <percent>/<seconds> such as 80/20, found {text!r}"
        ) from None


@app.command()
def staff(
    volume: Annotated[float | None, typer.Option(help="Contacts offered in the interval.")] = None,
    interval: Annotated[
        str | None,
        typer.Option(
            help="Interval length, e.g. 15m, 30m, 1h (default column interval_s in --input)."
        ),
    ] = None,
    aht: Annotated[str | None, typer.Option(help="Average handle time, e.g. 240s or 4m.")] = None,
    target: Annotated[
        str | None, typer.Option(help="Service-level target: percent/seconds, e.g. 80/20.")
    ] = None,
    patience: Annotated[
        str | None, typer.Option(help="Mean patience, e.g. 90s: Erlang A with abandonment.")
    ] = None,
    max_occupancy: Annotated[float | None, typer.Option(help="Occupancy cap in (0, 1].")] = None,
    concurrency: Annotated[float, typer.Option(help="Chats one agent handles at once.")] = 1.0,
    asa: Annotated[
        str | None, typer.Option("--max-asa", "--asa", help="Average-speed-of-answer ceiling.")
    ] = None,
    min_agents: Annotated[int, typer.Option(help="Least agents in the interval.")] = 0,
    input: Annotated[
        Path | None,
        typer.Option(
            "--input",
            "-i",
            help="CSV of intervals (see docs/staff.md).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Result file.")] = None,
    format: Annotated[str, typer.Option(help="Batch output format: csv or json.")] = "csv",
    lang: Annotated[str, typer.Option(help="Terminal language: en or zh.")] = "en",
) -> None:
    """Required agents: one interval from flags, or one row per interval with --input."""
    language = i18n.lang(lang)
    if input is not None:
        _staff_batch(input, output, format, _seconds(interval, "--interval"), language)
        return
    missing = [
        name
        for name, value in (
            ("--volume", volume),
            ("--interval", interval),
            ("--aht", aht),
            ("--target", target),
        )
        if value is None
    ]
    if missing:
        raise ArgumentError(f"missing {', '.join(missing)} (or give --input FILE)")
    level, within = _target(str(target))
    patience_s = _seconds(patience, "--patience")
    interval_s, aht_s = _seconds(str(interval), "--interval"), _seconds(str(aht), "--aht")
    assert volume is not None and interval_s is not None and aht_s is not None  # noqa: PT018
    n = int(
        required_agents(
            volume,
            interval_s,
            aht_s,
            within,
            level,
            max_occupancy=max_occupancy,
            max_asa_s=_seconds(asa, "--asa"),
            min_agents=min_agents,
            patience_s=patience_s,
            concurrency=concurrency,
        )
    )
    agents = np.array([n - 1, n, n + 1], dtype=float)
    agents = agents[agents >= 0]
    m = queue_metrics(
        agents, volume, interval_s, aht_s, within, patience_s=patience_s, concurrency=concurrency
    )
    title = say(
        language,
        "staff_title",
        model="Erlang A" if patience else "Erlang C",
        volume=f"{volume:g}",
        interval=interval,
        aht=aht,
        level=language.percent(level),
        within=f"{within:g}",
        traffic=f"{m.traffic[0]:.3f}",
    )
    console.print(staff_table(title, agents, m, n, language))
    console.print(escape(say(language, "required", n=n)))
    traffic = float(m.traffic[0])
    if n < traffic:
        key = "below_traffic" if max_occupancy is None else "below_traffic_cap"
        cap = "" if max_occupancy is None else f"{max_occupancy:g}"
        text = say(language, key, n=n, traffic=f"{traffic:.3f}", cap=cap)
        console.print(note_text(language, text))


def _optional(values: dict[str, Array], name: str, rows: npt.NDArray[np.intp]) -> Array | None:
    column = values.get(name)
    return None if column is None or np.isnan(column[rows]).all() else column[rows]


def _staff_batch(
    path: Path, output: Path | None, fmt: str, interval_s: float | None, lang: Lang
) -> None:
    if fmt not in ("csv", "json"):
        raise ArgumentError(f"--format: expected csv or json, found {fmt!r}")
    check_output(output, (path,), fmt)
    table = read_interval_table(path, interval_s)
    if output is None and table.size <= 100 and fmt == "csv":
        chunk = next(table.chunks(), IntervalChunk([], {"volume": np.zeros(0)}))
        _print_batch(table, chunk, _chunk_results(chunk.values), lang)
        return

    def progress(done: int, size: int) -> None:
        if size > CHUNK_ROWS and (done % (10 * CHUNK_ROWS) == 0 or done == size):
            err_console.print(f"staffed {done:,} of {size:,} intervals")

    out = output or sys.stdout
    total = write_interval_results(table, _chunk_results, fmt, out, progress)  # type: ignore[arg-type]
    if output is not None:
        written = say(lang, "batch_written", n=table.size, output=output, total=f"{total:.0f}")
        console.print(escape(written))


def _chunk_results(v: dict[str, Array]) -> dict[str, Array]:
    """Results per row of one chunk; rows are grouped by which optional columns they fill."""
    size = len(v["volume"])
    if not size:
        return {c: np.zeros(0) for c in OUTPUT_COLUMNS}
    out = {
        c: np.zeros(size)
        for c in ("required_agents", "service_level", "asa_s", "occupancy", "p_abandon")
    }
    optional = ("max_occupancy", "patience_s", "max_asa_s")
    keys = np.zeros(size, dtype=int)
    for bit, name in enumerate(optional):
        if name in v:
            keys |= (~np.isnan(v[name])).astype(int) << bit
    for key in np.unique(keys):
        rows = np.flatnonzero(keys == key)
        conc = v["concurrency"][rows] if "concurrency" in v else 1.0
        if isinstance(conc, np.ndarray):
            conc = np.where(np.isnan(conc), 1.0, conc)
        mins = v["min_agents"][rows] if "min_agents" in v else 0.0
        if isinstance(mins, np.ndarray):
            mins = np.where(np.isnan(mins), 0.0, mins)
        args = (
            v["volume"][rows],
            v["interval_s"][rows],
            v["aht_s"][rows],
            v["target_answer_s"][rows],
        )
        patience = _optional(v, "patience_s", rows)
        n = required_agents(
            *args,
            v["target_sl"][rows],
            max_occupancy=_optional(v, "max_occupancy", rows),
            patience_s=patience,
            concurrency=conc,
            max_asa_s=_optional(v, "max_asa_s", rows),
            min_agents=mins,
        )
        m = queue_metrics(n, *args, patience_s=patience, concurrency=conc)
        out["required_agents"][rows] = n
        for col in ("service_level", "asa_s", "occupancy", "p_abandon"):
            out[col][rows] = getattr(m, col)
    return out


def _plain(cell: str) -> str:
    """A cell from the input as plain terminal text: no control codes, no rich markup."""
    return escape(re.sub(r"[\x00-\x1f\x7f-\x9f]", "", cell))


def _print_batch(
    table: IntervalTable, chunk: IntervalChunk, results: dict[str, Array], lang: Lang
) -> None:
    """A table of the label columns, the volume and the results (all columns: --output)."""
    labels = [j for j, h in enumerate(table.header) if h not in INPUT_COLUMNS]
    volume = chunk.values["volume"]
    rows = [
        [
            *(_plain(row[j]) if j < len(row) else "" for j in labels),
            f"{volume[r]:g}",
            figure(results["required_agents"][r], "int", lang),
            figure(results["service_level"][r], "pct", lang),
            figure(results["asa_s"][r], "sec", lang),
            figure(results["occupancy"][r], "pct", lang),
            figure(results["p_abandon"][r], "prob", lang),
        ]
        for r, row in enumerate(chunk.rows)
    ]
    console.print(batch_table(table.size, [escape(table.header[j]) for j in labels], rows, lang))
    total = int(results["required_agents"].sum())
    console.print(say(lang, "batch_total", n=total))
