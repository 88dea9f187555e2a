"""Monte Carlo: the distribution of every option's total and NPV under uncertain demand.

Each sample is a future drawn by :mod:`cscost.evaluate.sampling` (volume level and
monthly noise, or the forecast interval; AHT; attrition; FX). Staffing follows each
sample through the surrogate of :mod:`cscost.staffing.surrogate` (the exact solver's
agent thresholds per part, so every sample's hours and seats equal exact solves), so
pooling, minimum agents and integer staffing bend the bill as they should; scaling one
result would not. Then every option is priced ONCE per chunk of samples by the same code
that makes the bill (:func:`cscost.pricing.providers.provider_lines`) on usages whose
arrays are [S, M]: tiers, minimums, FTE rounding, surcharges, discounts,
SLA credits and tax apply sample by sample; so do the option's own costs
(:func:`cscost.pricing.providers.option_priced_lines`, as in the bill), except that the
existing team's split and the dual running stay at the deterministic demand (the team in
place is a fact). Recoverable tax is out of the cost, as in the bill.

Per option: total[s] = Σ_i cost[s, i], NPV[s] = Σ_i cost[s, i] (1 + r)^(−i/12), their
P10/P50/P90 (numpy's linear quantiles), mean and sd, and the probability that the option
is the cheapest (lowest NPV; a tie goes to the option listed first). With all standard
deviations 0 every sample equals :func:`cscost.evaluate.evaluation.evaluate`'s total.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.demand.forecast import Forecast
from cscost.errors import ArgumentError
from cscost.evaluate.memory import check_monte_carlo_memory
from cscost.evaluate.parts import Part, Staffer, option_parts, service_params
from cscost.evaluate.repeats import repeat_factor
from cscost.evaluate.risk import OptionRisk, RiskResult, SurrogateStats
from cscost.evaluate.sampled import sampled_usage
from cscost.evaluate.sampling import Draws, draw_samples
from cscost.evaluate.switching import baseline_parts, team_change
from cscost.model import Option, Scenario
from cscost.model.resolved import QueueSettings
from cscost.pricing.lines import Line, total_amount
from cscost.pricing.providers import is_recoverable, option_priced_lines
from cscost.pricing.switching import TeamChange
from cscost.pricing.usage import Fx, PartUsage
from cscost.staffing.surrogate import StaffingTable, staffing_table
from cscost.staffing.targets import check_response_targets

CHUNK = 2000
"""Samples priced together (memory: a few arrays of CHUNK × months per line)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _PartModel:
    part: Part
    settings: QueueSettings
    table: StaffingTable


def generator_seed(rng: np.random.Generator) -> int | None:
    """The int a generator was seeded with (``default_rng(7)`` → 7), else None."""
    seq = rng.bit_generator.seed_seq
    if isinstance(seq, np.random.SeedSequence) and not seq.spawn_key:
        entropy = seq.entropy
        if isinstance(entropy, int):
            return entropy
    return None


def _models(
    scenario: Scenario,
    options: tuple[Option, ...],
    draws: Draws,
    forecast_means: Mapping[str, Array],
) -> tuple[list[list[_PartModel]], list[TeamChange], SurrogateStats]:
    """Every option's parts with their staffing tables (one table per distinct part)."""
    start = time.perf_counter()
    horizon = scenario.horizon
    interval = scenario.scenario.interval_minutes
    volumes = interval_volumes_by_queue(scenario, forecast_means)
    windows = window_masks(scenario)
    factor = repeat_factor(scenario)  # the repeat-contact model, as evaluate applies it
    aht_range = (float(draws.aht.min()), float(draws.aht.max()))
    tables: dict[tuple[str, str, bytes], StaffingTable] = {}
    out: list[list[_PartModel]] = []
    changes: list[TeamChange] = []
    staffer = Staffer()
    baseline = baseline_parts(scenario, volumes, windows, factor, staffer)
    for option in options:
        parts = option_parts(
            scenario, option, volumes, windows, volume_factor=factor, staffer=staffer
        )
        changes.append(team_change(scenario, parts, baseline))
        models: list[_PartModel] = []
        for part in parts:
            share = part.share
            settings = scenario.queue_settings(part.queue_id, part.provider)
            key = (part.queue_id, part.provider, share.tobytes())
            if key not in tables:
                multipliers = draws.volume[part.queue_id]
                tables[key] = staffing_table(
                    part.plan,
                    horizon.weekday_counts,
                    share > 0,
                    interval,
                    service_params(settings, horizon.months),
                    (float(multipliers.min()), float(multipliers.max())),
                    aht_range,
                )
            models.append(_PartModel(part, settings, tables[key]))
        out.append(models)
    stats = SurrogateStats(
        tables=len(tables),
        interval_solves=sum(t.interval_solves for t in tables.values()),
        seconds=time.perf_counter() - start,
    )
    return out, changes, stats


def _option_costs(
    scenario: Scenario,
    option: Option,
    change: TeamChange,
    models: list[_PartModel],
    draws: Draws,
    staffing: dict[int, tuple[Array, Array]],
) -> tuple[Array, Array]:
    """Monthly cost [S, M] and minimum shortfall [S] of one option in every sample."""
    months = scenario.horizon.months
    fx: dict[str, Fx] = {
        code: rate * draws.fx[code][:, None] for code, rate in scenario.scenario.fx.items()
    }
    by_provider: dict[str, list[PartUsage]] = {}
    for m in models:
        volume = draws.volume[m.part.queue_id]
        if id(m.table) not in staffing:  # a part shared by options is looked up once
            staffing[id(m.table)] = m.table.lookup(volume, draws.aht)
        usage = sampled_usage(
            m.part.usage, m.settings, staffing[id(m.table)], volume, draws.aht, draws.attrition
        )
        by_provider.setdefault(m.part.provider, []).append(usage)
    priced = option_priced_lines(
        scenario, option, by_provider, change, fx=fx, attrition_factor=draws.attrition[:, None]
    )
    lines: list[Line] = [
        ln
        for provider, provider_lines in priced
        for ln in provider_lines
        if not is_recoverable(scenario, provider, ln.category)
    ]
    shape = (draws.samples, months)
    monthly = np.broadcast_to(total_amount(lines, months), shape)
    minimum = [ln for ln in lines if ln.kind == "minimum_monthly"]
    shortfall = np.broadcast_to(total_amount(minimum, months), shape).sum(axis=1)
    return monthly, shortfall


def monte_carlo(
    scenario: Scenario,
    rng: np.random.Generator,
    *,
    samples: int | None = None,
    forecasts: Mapping[str, Forecast] | None = None,
    progress: Progress | None = None,
) -> RiskResult:
    """The cost distribution of every option over ``samples`` futures (module docstring).

    ``samples`` defaults to ``scenario.uncertainty.samples``; ``forecasts`` are the
    forecasts of the queues whose volume comes from history (``cscost.io.tables.volumes.
    queue_forecasts``): their means are the deterministic volumes, their intervals the
    volume uncertainty. ``progress(done, total)`` is called after every chunk of samples.
    The same generator state gives the same result bit for bit. Raises
    :class:`cscost.errors.ArgumentError` for fewer than one sample.
    """
    count = scenario.uncertainty.samples if samples is None else samples
    if count < 1:
        raise ArgumentError(f"monte_carlo: samples must be at least 1, found {count}")
    check_monte_carlo_memory(scenario, count, CHUNK)
    horizon = scenario.horizon
    options = scenario.resolved_options()
    draws = draw_samples(
        scenario.uncertainty,
        rng,
        count,
        queue_ids=scenario.queue_ids,
        months=horizon.months,
        currencies=tuple(scenario.scenario.fx),
        forecasts=forecasts,
    )
    check_response_targets(scenario)
    means = {q: f.mean for q, f in (forecasts or {}).items()}
    models, changes, stats = _models(scenario, options, draws, means)
    monthly: list[list[Array]] = [[] for _ in options]
    shortfall: list[list[Array]] = [[] for _ in options]
    for start in range(0, count, CHUNK):
        chunk = draws.chunk(start, min(start + CHUNK, count))
        staffing: dict[int, tuple[Array, Array]] = {}
        for k, option_models in enumerate(models):
            cost, short = _option_costs(
                scenario, options[k], changes[k], option_models, chunk, staffing
            )
            monthly[k].append(cost)
            shortfall[k].append(short)
        if progress is not None:
            progress(min(start + CHUNK, count), count)
    return _result(scenario, options, monthly, shortfall, rng, stats)


def _result(
    scenario: Scenario,
    options: tuple[Option, ...],
    monthly: list[list[Array]],
    shortfall: list[list[Array]],
    rng: np.random.Generator,
    stats: SurrogateStats,
) -> RiskResult:
    costs = [np.concatenate(m, axis=0) for m in monthly]
    months = scenario.horizon.months
    discount = (1.0 + scenario.scenario.discount_rate) ** (-np.arange(months) / 12.0)
    npvs = np.stack([(c * discount).sum(axis=1) for c in costs])  # [O, S]
    cheapest = np.argmin(npvs, axis=0)
    count = npvs.shape[1]
    results = []
    for k, option in enumerate(options):
        p10, p50, p90 = np.quantile(costs[k], [0.1, 0.5, 0.9], axis=0)
        results.append(
            OptionRisk(
                name=option.name,
                total=costs[k].sum(axis=1),
                npv=npvs[k],
                minimum_shortfall=np.concatenate(shortfall[k]),
                monthly_p10=p10,
                monthly_p50=p50,
                monthly_p90=p90,
                p_cheapest=float(np.count_nonzero(cheapest == k)) / count,
            )
        )
    return RiskResult(
        currency=scenario.scenario.currency,
        months=scenario.horizon.labels,
        samples=count,
        seed=generator_seed(rng),
        options=tuple(results),
        surrogate=stats,
    )
