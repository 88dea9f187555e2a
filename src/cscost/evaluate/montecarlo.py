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

The samples come in chunks of ``CHUNK``; chunk c draws from its own stream, the c-th
child of the seed's ``SeedSequence`` (:func:`chunk_seed`). :func:`monte_carlo_job`
builds what every chunk shares (the staffing tables, over the ranges of all chunks'
draws), :func:`chunk_costs` prices one chunk (a pure function of the job and the
index) and :func:`risk_result` joins the chunks in order — so a run here, on one worker
or on many (:mod:`cscost.cluster`) gives the same numbers bit for bit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.demand.forecast import Forecast
from cscost.errors import ArgumentError
from cscost.evaluate.memory import check_monte_carlo_memory
from cscost.evaluate.risk import OptionRisk, RiskResult, SurrogateStats
from cscost.evaluate.sampling import Draws, draw_samples
from cscost.evaluate.surrogates import (
    PartModel,
    Ranges,
    UsageCache,
    part_models,
    sampled_option_costs,
    staffed_options,
)
from cscost.model import Option, Scenario
from cscost.pricing.switching import TeamChange
from cscost.staffing.surrogate import StaffingTable
from cscost.staffing.targets import check_response_targets

CHUNK = 2000
"""Samples per chunk: each chunk draws its samples from its own random stream, spawned
from the seed (:func:`chunk_seed`), so the numbers depend on the seed and on CHUNK,
never on where or in which order the chunks run (locally or on Dask workers)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MonteCarloJob:
    """Everything a chunk of samples needs, built once (the staffing tables of every
    distinct part) and sent as it is to every worker: :func:`chunk_costs` of each chunk
    index, then :func:`risk_result` of the chunks in order."""

    scenario: Scenario
    options: tuple[Option, ...]
    models: tuple[tuple[PartModel, ...], ...]
    changes: tuple[TeamChange, ...]
    forecasts: Mapping[str, Forecast] | None
    seed: np.random.SeedSequence
    samples: int
    stats: SurrogateStats
    seed_value: int | None = None
    chunk: int = CHUNK
    """Samples per chunk (:data:`CHUNK` when the job was made)."""

    @property
    def chunks(self) -> int:
        """The number of chunks of ``chunk`` samples (the last may be shorter)."""
        return -(-self.samples // self.chunk)


@dataclass(frozen=True)
class ChunkCosts:
    """Per option: the monthly cost [S_c, M] and the minimum shortfall [S_c] of one chunk."""

    monthly: tuple[Array, ...]
    shortfall: tuple[Array, ...]


def generator_seed(rng: np.random.Generator) -> int | None:
    """The int a generator was seeded with (``default_rng(7)`` → 7), else None."""
    seq = rng.bit_generator.seed_seq
    if isinstance(seq, np.random.SeedSequence) and not seq.spawn_key:
        entropy = seq.entropy
        if isinstance(entropy, int):
            return entropy
    return None


def root_seed(rng: np.random.Generator) -> np.random.SeedSequence:
    """The seed sequence the chunks' streams are spawned from: the generator's own (a
    generator without one, e.g. from another bit generator, gives one from its draws).

    The streams depend on the generator's seed, not on its state: a generator that has
    already drawn gives the same samples as a fresh one of the same seed.
    """
    seq = rng.bit_generator.seed_seq
    if isinstance(seq, np.random.SeedSequence):
        return seq
    return np.random.SeedSequence(rng.integers(0, 2**63, size=4).tolist())


def chunk_seed(root: np.random.SeedSequence, index: int) -> np.random.SeedSequence:
    """The ``index``-th child of ``root``, as ``root.spawn`` would make it the first time,
    without changing ``root`` (so every caller gets the same child)."""
    return np.random.SeedSequence(
        root.entropy, spawn_key=(*root.spawn_key, index), pool_size=root.pool_size
    )


def chunk_draws(
    scenario: Scenario,
    root: np.random.SeedSequence,
    samples: int,
    index: int,
    forecasts: Mapping[str, Forecast] | None,
    chunk: int,
) -> Draws:
    """The samples of chunk ``index`` (``chunk`` of them, fewer in the last), from its stream."""
    size = min(chunk, samples - index * chunk)
    return draw_samples(
        scenario.uncertainty,
        np.random.default_rng(chunk_seed(root, index)),
        size,
        queue_ids=scenario.queue_ids,
        months=scenario.horizon.months,
        currencies=tuple(scenario.scenario.fx),
        forecasts=forecasts,
    )


def _models(
    scenario: Scenario,
    options: tuple[Option, ...],
    ranges: Ranges,
    forecast_means: Mapping[str, Array],
) -> tuple[tuple[tuple[PartModel, ...], ...], tuple[TeamChange, ...], SurrogateStats]:
    """Every option's parts with their staffing tables (one table per distinct part)."""
    start = time.perf_counter()
    staffed = staffed_options(scenario, options, forecast_means)
    tables: dict[tuple[str, str, bytes], StaffingTable] = {}
    models = part_models(scenario, staffed.parts, ranges, tables)
    distinct = {id(t): t for t in tables.values()}.values()  # equal tables are shared
    stats = SurrogateStats(
        tables=len(distinct),
        interval_solves=sum(t.interval_solves for t in distinct),
        seconds=time.perf_counter() - start,
    )
    return models, staffed.changes, stats


KEEP_DRAWS_BYTES = 256 * 2**20
"""A local run keeps the draws of its range pass for its chunks when they take at most
this many bytes (8 per sample, queue and month), instead of drawing them again."""


def _job_and_draws(
    scenario: Scenario,
    rng: np.random.Generator,
    samples: int | None,
    forecasts: Mapping[str, Forecast] | None,
    keep: bool,
) -> tuple[MonteCarloJob, list[Draws] | None]:
    """The job of :func:`monte_carlo_job`, and the draws of every chunk when ``keep`` and
    they are small enough (:data:`KEEP_DRAWS_BYTES`), else None."""
    count = scenario.uncertainty.samples if samples is None else samples
    if count < 1:
        raise ArgumentError(f"monte_carlo: samples must be at least 1, found {count}")
    check_monte_carlo_memory(scenario, count, CHUNK)
    check_response_targets(scenario)
    options = scenario.resolved_options()
    root = root_seed(rng)
    chunk = CHUNK
    keep = keep and 8 * count * len(scenario.queues) * scenario.horizon.months <= KEEP_DRAWS_BYTES
    kept: list[Draws] = []
    ranges: Ranges | None = None
    for index in range(-(-count // chunk)):
        draws = chunk_draws(scenario, root, count, index, forecasts, chunk)
        own = Ranges.of(draws)
        ranges = own if ranges is None else ranges.union(own)
        if keep:
            kept.append(draws)
    assert ranges is not None
    means = {q: f.mean for q, f in (forecasts or {}).items()}
    models, changes, stats = _models(scenario, options, ranges, means)
    job = MonteCarloJob(
        scenario=scenario,
        options=options,
        models=models,
        changes=changes,
        forecasts=forecasts,
        seed=root,
        samples=count,
        stats=stats,
        seed_value=generator_seed(rng),
        chunk=chunk,
    )
    return job, kept if keep else None


def monte_carlo_job(
    scenario: Scenario,
    rng: np.random.Generator,
    *,
    samples: int | None = None,
    forecasts: Mapping[str, Forecast] | None = None,
) -> MonteCarloJob:
    """The job of :func:`monte_carlo`: checks, the samples' ranges, the staffing tables.

    The ranges are taken over every chunk's draws (drawn here and dropped, chunk by
    chunk), so the tables do not depend on how the chunks are later spread. The tables
    hold their thresholds; the sorted breakpoints are made where the job is first used
    (a worker) and never sent.
    """
    return _job_and_draws(scenario, rng, samples, forecasts, keep=False)[0]


def chunk_costs(job: MonteCarloJob, index: int, draws: Draws | None = None) -> ChunkCosts:
    """Every option's costs in chunk ``index`` of ``job`` (a pure function of both);
    ``draws`` are the chunk's draws when the caller kept them (:func:`chunk_draws`)."""
    if draws is None:
        draws = chunk_draws(job.scenario, job.seed, job.samples, index, job.forecasts, job.chunk)
    staffing: dict[int, tuple[Array, Array]] = {}
    usages: UsageCache = {}
    monthly: list[Array] = []
    shortfall: list[Array] = []
    done = _last_used(job.models)
    for k, option_models in enumerate(job.models):
        cost, short = sampled_option_costs(
            job.scenario, job.options[k], job.changes[k], option_models, draws, staffing, usages
        )
        monthly.append(np.ascontiguousarray(cost))
        shortfall.append(np.ascontiguousarray(short))
        for table, usage in done[k]:  # no later option reads them
            if usage == _LOOKUP:
                del staffing[table]
            else:
                del usages[(table, usage)]
    return ChunkCosts(tuple(monthly), tuple(shortfall))


_LOOKUP = -1
"""The usage identity that stands for a table's own lookup in :func:`_last_used`."""


def _last_used(models: tuple[tuple[PartModel, ...], ...]) -> list[list[tuple[int, int]]]:
    """Per option, the (table, usage) identities that no later option reads, and (table,
    ``_LOOKUP``) for tables none reads: the chunk's caches let go of their samples'
    arrays after it, so the peak holds the parts still to come, not all parts."""
    last: dict[tuple[int, int], int] = {}
    for k, option_models in enumerate(models):
        for m in option_models:
            last[(id(m.table), id(m.usage))] = k
            last[(id(m.table), _LOOKUP)] = k
    out: list[list[tuple[int, int]]] = [[] for _ in models]
    for key, k in last.items():
        out[k].append(key)
    return out


def chunks_costs(job: MonteCarloJob, indices: Sequence[int]) -> list[ChunkCosts]:
    """:func:`chunk_costs` of each chunk index, in order: one coarse task of a cluster."""
    return [chunk_costs(job, index) for index in indices]


def chunk_groups(job: MonteCarloJob, tasks: int) -> list[range]:
    """The chunk indices cut into at most ``tasks`` consecutive groups of near-equal size."""
    count = max(1, min(tasks, job.chunks))
    bounds = [round(k * job.chunks / count) for k in range(count + 1)]
    return [range(a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


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
    The same seed gives the same result bit for bit, here or chunk by chunk on a cluster
    (:mod:`cscost.cluster`). Raises :class:`cscost.errors.ArgumentError` for fewer than
    one sample.
    """
    job, kept = _job_and_draws(scenario, rng, samples, forecasts, keep=True)
    waiting: list[Draws | None] = [None] * job.chunks if kept is None else list(kept)
    chunks = []
    for index in range(job.chunks):
        draws, waiting[index] = waiting[index], None  # dropped once used
        chunks.append(chunk_costs(job, index, draws))
        if progress is not None:
            progress(min((index + 1) * job.chunk, job.samples), job.samples)
    return risk_result(job, chunks)


def risk_result(job: MonteCarloJob, chunks: Sequence[ChunkCosts]) -> RiskResult:
    """The distribution of every option from the costs of all chunks, in chunk order."""
    scenario = job.scenario
    costs = [
        np.concatenate([c.monthly[k] for c in chunks], axis=0) for k in range(len(job.options))
    ]
    months = scenario.horizon.months
    discount = (1.0 + scenario.scenario.discount_rate) ** (-np.arange(months) / 12.0)
    npvs = np.stack([(c * discount).sum(axis=1) for c in costs])  # [O, S]
    cheapest = np.argmin(npvs, axis=0)
    count = npvs.shape[1]
    results = []
    for k, option in enumerate(job.options):
        p10, p50, p90 = np.quantile(costs[k], [0.1, 0.5, 0.9], axis=0)
        results.append(
            OptionRisk(
                name=option.name,
                total=costs[k].sum(axis=1),
                npv=npvs[k],
                minimum_shortfall=np.concatenate([c.shortfall[k] for c in chunks]),
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
        seed=job.seed_value,
        options=tuple(results),
        surrogate=job.stats,
    )
