"""`cscost plan` (the monthly staffing plan) and `cscost evaluate` (the main job)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cscost import _api
from cscost.arrays import Array
from cscost.cli import app, err_console, out_console
from cscost.cli.decision import (
    SchedulerOpt,
    WorkersOpt,
    cluster_settings,
    decision_with_progress,
    print_decision,
)
from cscost.errors import ArgumentError
from cscost.evaluate.evaluation import Evaluation
from cscost.evaluate.parts import Part
from cscost.io.outputs import check_output, scenario_inputs
from cscost.io.tables.writers import csv_text, emit, json_text, write_csv
from cscost.model import INHOUSE, Scenario
from cscost.model.hours import DAY_NAMES
from cscost.pricing.bill import BILL_COLUMNS
from cscost.pricing.workforce import Workforce
from cscost.report import i18n, terminal
from cscost.report.labels import adjustments_line
from cscost.report.words import decision_document, evaluation_document

console = out_console()

FileArg = Annotated[
    Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
]


LangOpt = Annotated[
    str | None, typer.Option(help="Language: en or zh (default: the scenario's locale).")
]


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
    lang: LangOpt = None,
    option: Annotated[
        str | None,
        typer.Option(help="The staffing of one option's parts (its name), each by its provider."),
    ] = None,
) -> None:
    """The monthly staffing plan: FTE and seats per queue and month."""
    scenario = _api.load_scenario(file)
    check_output(output, scenario_inputs(file, scenario), "csv")
    language = i18n.lang(lang or scenario.scenario.locale)
    staffing = _api.plan(scenario, provider, option=option)
    parts = list(staffing.parts)
    figures = staffing.roster_figures()  # empty dicts without a schedule
    if scenario.inhouse is None and any(p.provider == INHOUSE for p in parts):
        err_console.print(terminal.note(language, "workforce_defaults"))
    who = option if option is not None else provider
    console.print(terminal.plan_table(scenario, parts, who, language))
    rostered = [(p.usage.label, f) for p, f in zip(parts, figures, strict=True)]
    if any(f for _, f in rostered):  # only with a schedule: hours from rosters
        values = ", ".join(
            f"{label} {language.percent(float(f['schedule_efficiency'].mean()))}"
            for label, f in rostered
            if f
        )
        console.print(terminal.message(language, "rostered_efficiency", values=values))
    if output is not None:
        count = _write_plan(output, scenario, parts, figures, detail, staffing.teams)
        console.print(terminal.message(language, "rows_written", rows=count, path=output))


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
        days = (*DAY_NAMES, *(f"holiday {day}" for day in DAY_NAMES))  # holiday day types
        for p in parts:
            volume, agents = p.plan.interval_volume, p.plan.agents  # made once per part
            for i, month in enumerate(months):
                for d, day in enumerate(days[: agents.shape[1]]):
                    for t in range(agents.shape[2]):
                        start = f"{t * interval // 60:02d}:{t * interval % 60:02d}"
                        rows.append(
                            [
                                p.usage.label,
                                p.provider,
                                month,
                                day,
                                start,
                                volume[i, d, t],
                                agents[i, d, t],
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
    write_csv(path, csv_text(header, rows))
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
    lang: LangOpt = None,
    risk: Annotated[
        bool,
        typer.Option(
            "--risk",
            help="Add risk (Monte Carlo), sensitivity, break-even, score and recommendation.",
        ),
    ] = False,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    seed: Annotated[
        int | None,
        typer.Option(help="With --risk: the Monte Carlo seed (default uncertainty.seed).", min=0),
    ] = None,
    samples: Annotated[
        int | None,
        typer.Option(
            help="With --risk: the Monte Carlo samples (default uncertainty.samples).",
            min=1,
            max=1_000_000,
        ),
    ] = None,
) -> None:
    """The main job: every option's total cost of ownership, ranked, and the hidden-cost audit."""
    if format not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {format!r}")
    cluster = cluster_settings(workers, scheduler)
    scenario = _api.load_scenario(file)
    check_output(output, scenario_inputs(file, scenario), format if format == "json" else "csv")
    language = i18n.lang(lang or scenario.scenario.locale)
    forecasted = _api.forecasts(scenario)  # the history is forecast once per run
    with _api.running(cluster) as held:  # a local cluster starts once for both steps
        result = _api.evaluate(scenario, forecasted=forecasted, cluster=held)
        decision = (
            decision_with_progress(
                scenario,
                result,
                language,
                show=format == "table",
                forecasted=forecasted,
                cluster=held,
                seed=seed,
                samples=samples,
            )
            if risk
            else None
        )
    if format == "json":
        doc = evaluation_document(result, language.code)
        if decision is not None:
            doc |= decision_document(decision, language.code)
        emit(json_text(doc), output)
        if output is not None:
            console.print(terminal.message(language, "json_written", path=output))
        return
    console.print(terminal.summary_table(result, language))
    whatif = adjustments_line(scenario, language)
    if whatif:
        console.print(terminal.note_text(language, whatif))
    for line in terminal.summary_notes(result, language):
        console.print(line)
    names = {v.id: v.display_name for v in scenario.vendors}
    for line in terminal.audit_lines(result, names, language):
        console.print(line, soft_wrap=True)
    if decision is not None:
        print_decision(decision, language)
    if output is not None:
        _write_bill(output, result)
        console.print(
            terminal.message(language, "bill_written", rows=len(result.bill), path=output)
        )


def _write_bill(path: Path, result: Evaluation) -> None:
    rows = ([getattr(row, c) for c in BILL_COLUMNS] for row in result.bill)
    write_csv(path, csv_text(BILL_COLUMNS, rows))
