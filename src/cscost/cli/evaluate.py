"""`cscost plan` (the monthly staffing plan) and `cscost evaluate` (the main job)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cscost import _api
from cscost.arrays import Array
from cscost.cli import app, out_console
from cscost.cli.decision import decision_with_progress, print_decision
from cscost.errors import ArgumentError
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.parts import Part
from cscost.io.tables.writers import csv_text, emit, json_text, write_text
from cscost.model import INHOUSE, Scenario
from cscost.pricing.bill import BILL_COLUMNS
from cscost.pricing.workforce import Workforce
from cscost.report.words import (
    audit_title,
    decision_document,
    evaluation_document,
    finding_question,
)

console = out_console()

FileArg = Annotated[
    Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
]


def _money(value: float | None, currency: str) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:,.0f} {currency}" if abs(value) >= 100 else f"{value:,.2f} {currency}"


@app.command()
def plan(
    file: FileArg,
    provider: Annotated[
        str, typer.Option(help="Whose assumptions: inhouse or a vendor id.")
    ] = INHOUSE,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write CSV.")] = None,
    detail: Annotated[
        bool, typer.Option(help="With --output: one row per queue, month, weekday and interval.")
    ] = False,
) -> None:
    """The monthly staffing plan: FTE and seats per queue and month."""
    scenario = _api.load_scenario(file)
    planned = _api.plan(scenario, provider)
    parts = list(planned.parts)
    figures = planned.roster_figures()  # empty dicts without a schedule
    months = scenario.horizon.labels
    table = Table(title=f"{scenario.scenario.name}: staffing plan ({provider})")
    table.add_column("month")
    for p in parts:
        table.add_column(f"{p.queue_id}\nFTE / seats", justify="right")
    table.add_column("total\nFTE / seats", justify="right", style="bold")
    for i, month in enumerate(months):
        cells = [f"{p.usage.fte[i]:.1f} / {p.usage.seats[i]:.0f}" for p in parts]
        fte = sum(p.usage.fte[i] for p in parts)
        seats = sum(p.usage.seats[i] for p in parts)
        table.add_row(month, *cells, f"{fte:.1f} / {seats:.0f}")
    console.print(table)
    rostered = [(p.usage.label, f) for p, f in zip(parts, figures, strict=True)]
    if any(f for _, f in rostered):  # only with a schedule: hours from rosters
        console.print(
            "rostered hours; schedule efficiency (mean over months): "
            + ", ".join(
                f"{label} {f['schedule_efficiency'].mean():.0%}" for label, f in rostered if f
            )
        )
    if output is not None:
        count = _write_plan(output, scenario, parts, figures, detail, planned.teams)
        console.print(f"{count} rows → {output}")


def _write_plan(
    path: Path,
    scenario: Scenario,
    parts: list[Part],
    figures: list[dict[str, Array]],
    detail: bool,
    teams: tuple[Workforce | None, ...] = (),
) -> int:
    months = scenario.horizon.labels
    interval = scenario.scenario.interval_minutes
    rows: list[list[Any]] = []
    if detail:
        header = ["queue", "provider", "month", "weekday", "start", "volume", "agents"]
        days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        for p in parts:
            for i, month in enumerate(months):
                for d, day in enumerate(days):
                    for t in range(p.plan.agents.shape[2]):
                        start = f"{t * interval // 60:02d}:{t * interval % 60:02d}"
                        rows.append(
                            [
                                p.usage.label,
                                p.provider,
                                month,
                                day,
                                start,
                                p.plan.interval_volume[i, d, t],
                                p.plan.agents[i, d, t],
                            ]
                        )
    else:
        windows = sorted(parts[0].plan.window_hours) if parts else []
        extra = sorted({name for f in figures for name in f})
        header = [
            "queue",
            "provider",
            "month",
            "volume",
            "productive_hours",
            "paid_hours",
            "fte",
            "seats",
            *[f"{w}_hours" for w in windows],
            *extra,
        ]
        workforce = any(t is not None for t in teams)
        if workforce:
            header += [*TEAM_COLUMNS]
        for k, (p, f) in enumerate(zip(parts, figures, strict=True)):
            team = teams[k] if workforce else None
            paid = p.plan.fte if team is None else team.headcount
            for i, month in enumerate(months):
                rows.append(
                    [
                        p.usage.label,
                        p.provider,
                        month,
                        p.plan.volume[i],
                        p.plan.productive_hours[i],
                        p.plan.paid_hours[i],
                        paid[i],
                        p.plan.seats[i],
                        *[p.plan.window_hours[w][i] for w in windows],
                        *[f[name][i] if name in f else "" for name in extra],
                    ]
                )
                if workforce:
                    rows[-1] += _team_cells(team, i) if team else [""] * len(TEAM_COLUMNS)
    write_text(path, csv_text(header, rows))
    return len(rows)


TEAM_COLUMNS = ("need_fte", "headcount", "hires", "trainees", "leavers", "idle_fte")
"""The in-house workforce columns of the plan (``fte`` is then the headcount)."""


def _team_cells(team: Workforce, i: int) -> list[Any]:
    return [
        float(team.need[i]),
        float(team.headcount[i]),
        float(team.hires[i]),
        float(team.trainees[i]),
        float(team.leavers[i]),
        float(team.idle[i]),
    ]


@app.command("evaluate")
def evaluate_command(
    file: FileArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the bill (CSV), or the JSON document with --format json."
        ),
    ] = None,
    format: Annotated[str, typer.Option(help="table (terminal summary) or json.")] = "table",
    lang: Annotated[str | None, typer.Option(help="Audit questions in en or zh.")] = None,
    risk: Annotated[
        bool,
        typer.Option(
            "--risk",
            help="Add risk (Monte Carlo), sensitivity, break-even, score and recommendation.",
        ),
    ] = False,
) -> None:
    """The main job: every option's total cost of ownership, ranked, and the hidden-cost audit."""
    if format not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {format!r}")
    scenario = _api.load_scenario(file)
    language = lang or scenario.scenario.locale
    result = _api.evaluate(scenario)
    decision = decision_with_progress(scenario, result, show=format == "table") if risk else None
    if format == "json":
        doc = evaluation_document(result, language)
        if decision is not None:
            doc |= decision_document(decision, language)
        emit(json_text(doc), output)
        if output is not None:
            console.print(f"JSON → {output}")
        return
    _print_summary(result)
    _print_audit(result, {v.id: v.display_name for v in scenario.vendors}, language)
    if decision is not None:
        print_decision(decision, language)
    if output is not None:
        _write_bill(output, result)
        console.print(f"bill: {len(result.bill)} rows → {output}")


def _print_summary(result: Evaluation) -> None:
    cur = result.currency
    view = (
        "recoverable tax excluded (cost view)"
        if result.view == "recoverable_tax_excluded"
        else "tax included"
    )
    table = Table(
        title=f"{result.scenario_name}: {len(result.months)} months "
        f"{result.months[0]} … {result.months[-1]}, in {cur}, {view}"
    )
    for col in (
        "rank",
        "option",
        "total",
        "NPV",
        "per contact",
        "per resolved",
        "FTE (mean)",
        "seats (peak)",
    ):
        table.add_column(col, justify="left" if col == "option" else "right")
    for o in sorted(result.options, key=lambda o: o.rank):
        table.add_row(
            str(o.rank),
            o.name,
            _money(o.total, cur),
            _money(o.npv, cur),
            f"{o.cost_per_contact:,.2f}",
            _money(o.cost_per_resolved_contact, "").strip(),
            f"{o.fte.mean():.1f}",
            f"{o.seats.max():.0f}",
            style="bold green" if o.rank == 1 else None,
        )
    console.print(table)
    kept = [o for o in result.options if o.idle_fte is not None and o.idle_fte.mean() > 0.05]
    if kept:
        most = max(kept, key=lambda o: float(o.idle_fte.mean()))  # type: ignore[union-attr]
        idle = most.idle_fte
        assert idle is not None
        console.print(
            f"in-house team hired ahead and kept (headcount never below need): {most.name} "
            f"carries {idle.mean():.1f} idle FTE on average, up to {idle.max():.1f}"
        )
    for code, subject in result.notes:
        if code == "repeat_contacts_without_inhouse_fcr":
            console.print(
                f"note: queue {subject} states no in-house FCR (inhouse.kpis.fcr or its fcr); "
                "the repeat-contact model leaves its volumes unchanged for every provider"
            )
        elif code == "shrinkage_above_limit":
            console.print(
                f"note: shrinkage above 60 % for {subject}: more than 60 % of paid time away "
                "from contacts is rarely real; check the input"
            )


def _print_audit(result: Evaluation, names: Mapping[str, str], lang: str) -> None:
    """Per vendor, the fee categories its quote neither charges nor includes, with questions."""
    missing = [f for f in result.audit if f.status == "missing"]
    if not result.audit:
        return
    if not missing:
        console.print("Audit: every quote states every fee category.")
        return
    console.print("[bold]Hidden-cost audit[/]: what each quote does not state, and what to ask")
    for vendor in dict.fromkeys(f.vendor for f in missing):
        found = [f for f in missing if f.vendor == vendor]
        name = names.get(vendor, vendor)
        label = vendor if name == vendor else f"{name} ({vendor})"
        console.print(f"\n[bold]{escape(label)}[/] — {len(found)} categories not stated")
        for f in found:
            title, question = audit_title(f.category, lang), finding_question(f, lang)
            console.print(f"  • [bold]{escape(title)}[/]: {escape(question)}")


def _write_bill(path: Path, result: Evaluation) -> None:
    rows = ([getattr(row, c) for c in BILL_COLUMNS] for row in result.bill)
    write_text(path, csv_text(BILL_COLUMNS, rows))
