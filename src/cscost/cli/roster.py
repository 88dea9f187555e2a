"""`cscost roster` (the shifts of one queue-month) and `cscost simulate` (a week, simulated)."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import numpy.typing as npt
import typer
from rich.progress import Progress
from rich.table import Table

from cscost.cli import app, err_console, out_console
from cscost.errors import ArgumentError
from cscost.evaluate.evaluation import interval_volumes_by_queue
from cscost.evaluate.parts import service_params
from cscost.io import load_scenario
from cscost.io.volumes import load_forecasts
from cscost.model import INHOUSE, Scenario
from cscost.model.hours import DAY_NAMES
from cscost.model.resolved import QueueSettings, provider_schedule
from cscost.staffing import queue_metrics
from cscost.staffing.plan import interval_agents
from cscost.staffing.roster import Roster, weekly_roster
from cscost.staffing.shifts import clock_text
from cscost.staffing.simulation import Estimate, simulate_week

Array = npt.NDArray[np.float64]
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


@dataclass(frozen=True)
class QueueWeek:
    """One queue as one provider works it in one month's typical week."""

    scenario: Scenario
    settings: QueueSettings
    month: str
    volume: Array  # [7, T]
    required: Array  # [7, T]
    aht_s: float


def queue_week(scenario: Scenario, queue_id: str, provider: str, month: str) -> QueueWeek:
    """The typical week's volume and required agents of ``queue_id`` in ``month``."""
    if provider != INHOUSE:
        scenario.vendor(provider)
    queue = scenario.queue(queue_id)
    horizon = scenario.horizon
    index = horizon.index_of(month)
    settings = scenario.queue_settings(queue_id, provider)
    volumes = interval_volumes_by_queue(scenario, load_forecasts(scenario))[queue_id]
    interval = scenario.scenario.interval_minutes
    params = service_params(settings, horizon.months)
    week = volumes[index : index + 1]
    params = replace(params, aht_s=params.aht_s[index : index + 1])
    required = interval_agents(week, queue.hours.open_mask(interval), interval, params)[0]
    aht = float(params.aht_s[0])
    return QueueWeek(scenario, settings, horizon.labels[index], week[0], required, aht)


def _roster_of(week: QueueWeek, provider: str) -> Roster:
    schedule = provider_schedule(week.scenario, provider)
    if schedule is None:
        raise ArgumentError(
            f"no schedule for {provider}: add `workforce.schedule` (or the provider's own)"
        )
    return weekly_roster(week.required, schedule, week.scenario.scenario.interval_minutes)


def roster_json(roster: Roster, queue_id: str, provider: str, month: str) -> dict[str, Any]:
    """The roster as the JSON of `cscost roster --format json`."""
    return {
        "queue": queue_id,
        "provider": provider,
        "month": month,
        "interval_minutes": roster.interval_minutes,
        "paid_hours_week": roster.paid_hours_week,
        "required_agent_hours_week": roster.required_agent_hours_week,
        "available_agent_hours_week": roster.available_agent_hours_week,
        "efficiency": roster.efficiency,
        "seats": roster.seats,
        "optimal": roster.optimal,
        "gap": roster.gap,
        "shifts": [
            {"template": s.template, "start": s.start, "days": s.days, "agents": s.agents}
            for s in roster.shifts
        ],
        "coverage": _coverage_rows(roster),
    }


def _coverage_rows(roster: Roster) -> list[dict[str, Any]]:
    days, per_day = roster.required.shape
    return [
        {
            "day": DAY_NAMES[d],
            "time": clock_text(t, roster.interval_minutes),
            "required": float(roster.required[d, t]),
            "available": float(roster.available[d, t]),
            "on_shift": float(roster.on_shift[d, t]),
            "over": float(roster.over[d, t]),
        }
        for d in range(days)
        for t in range(per_day)
    ]


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
) -> None:
    """The roster of one queue and month: shifts, coverage per interval, efficiency."""
    if fmt not in ("table", "json"):
        raise ArgumentError(f"--format: expected table or json, found {fmt!r}")
    week = queue_week(load_scenario(file), queue, provider, month)
    result = _roster_of(week, provider)
    data = roster_json(result, queue, provider, week.month)
    if output is not None:
        with output.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(data["coverage"][0]))
            writer.writeheader()
            writer.writerows(data["coverage"])
    if fmt == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{queue} {week.month} ({provider}): shifts")
    for column in ("template", "start", "days", "agents"):
        table.add_column(column, justify="right" if column == "agents" else "left")
    for s in result.shifts:
        table.add_row(s.template, s.start, s.days, str(s.agents))
    console.print(table)
    under = float(np.clip(-result.over, 0, None).max(initial=0.0))
    console.print(
        f"paid hours/week {result.paid_hours_week:,.1f} · required agent-hours "
        f"{result.required_agent_hours_week:,.1f} · available "
        f"{result.available_agent_hours_week:,.1f}"
        f" · efficiency {result.efficiency:.1%} · seats {result.seats} · largest shortfall "
        f"{under:g} · {'optimal' if result.optimal else 'time limit'}, gap {result.gap:.2%}"
    )


def _ci(estimate: Estimate, k: int | None = None, pct: bool = True) -> str:
    mean, low, high = (
        (float(a) if k is None else float(a[k]))
        for a in (estimate.mean, estimate.low, estimate.high)
    )
    if not np.isfinite(mean):
        return "—"
    if pct:
        return f"{mean:.1%} [{low:.1%}, {high:.1%}]"
    return f"{mean:.1f} [{low:.1f}, {high:.1f}]"


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
) -> None:
    """Simulate the typical week (Ciw): service level, ASA and abandonment with 95 % CIs."""
    scenario = load_scenario(file)
    week = queue_week(scenario, queue, provider, month)
    settings = week.settings
    if not settings.real_time or settings.answer_within_seconds is None:
        raise ArgumentError(f"queue {queue} is deferred work; simulate takes real-time queues")
    use_roster = agents == "roster" or (
        agents == "auto" and provider_schedule(scenario, provider) is not None
    )
    if agents not in ("auto", "roster", "erlang"):
        raise ArgumentError(f"--agents: expected roster or erlang, found {agents!r}")
    staffed = _roster_of(week, provider).available if use_roster else week.required
    servers = np.floor(staffed + 1e-9)
    interval_s = scenario.scenario.interval_minutes * 60.0
    rng = np.random.default_rng(scenario.uncertainty.seed if seed is None else seed)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("simulating weeks", total=runs)
        result = simulate_week(
            week.volume.ravel(),
            servers.ravel(),
            interval_s,
            week.aht_s,
            settings.answer_within_seconds,
            rng,
            patience_s=settings.patience_seconds,
            concurrency=settings.concurrency,
            runs=runs,
            progress=lambda done: progress.update(task, completed=done),
        )
    exact = queue_metrics(
        servers.ravel(),
        week.volume.ravel(),
        interval_s,
        week.aht_s,
        settings.answer_within_seconds,
        patience_s=settings.patience_seconds,
        concurrency=settings.concurrency,
    )
    volume = week.volume.ravel()
    weights = volume / volume.sum() if volume.sum() > 0 else volume
    analytic_week = {
        "service_level": float((exact.service_level * weights).sum()),
        "asa_s": float((exact.asa_s * weights).sum()),
        "abandonment": float((exact.p_abandon * weights).sum()),
    }
    _print_simulation(week, result, exact, analytic_week, fmt, "roster" if use_roster else "erlang")


def _est(e: Estimate, k: int | None = None) -> dict[str, float | None]:
    def pick(a: Array) -> float | None:
        value = float(a) if k is None else float(a[k])
        return value if np.isfinite(value) else None

    return {"mean": pick(e.mean), "low": pick(e.low), "high": pick(e.high)}


def _print_simulation(
    week: QueueWeek, result: Any, exact: Any, analytic: dict[str, float], fmt: str, source: str
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
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{week.settings.queue_id} {week.month}: {result.runs} simulated weeks")
    for column in ("interval", "agents", "SL sim [95% CI]", "SL", "ASA s sim", "ASA s", "aband."):
        table.add_column(column, justify="right")
    for k in open_k:
        table.add_row(
            f"{DAY_NAMES[k // per_day]} {clock_text(k % per_day, interval)}",
            f"{exact.agents[k]:.0f}",
            _ci(result.service_level, k),
            f"{exact.service_level[k]:.1%}",
            _ci(result.asa_s, k, pct=False),
            f"{exact.asa_s[k]:.1f}",
            _ci(result.abandonment, k),
        )
    console.print(table)
    console.print(
        f"week ({source} agents): service level {_ci(result.week_service_level)} "
        f"(analytic {analytic['service_level']:.1%}) · ASA {_ci(result.week_asa_s, pct=False)} s "
        f"(analytic {analytic['asa_s']:.1f}) · abandonment {_ci(result.week_abandonment)} "
        f"(analytic {analytic['abandonment']:.1%})"
    )
