"""An evaluation cut by queue: each shard of queues staffed on its own, priced together.

Staffing is per part of a queue (:mod:`cscost.evaluate.parts`): nothing in it reads
another queue, so the queues can be staffed in shards, each shard a coarse task of a
cluster (:mod:`cscost.cluster`) holding only its own queues' interval volumes [M, D, T].

A shard returns what pricing reads and no per-interval array: each part's usage and its
plan's monthly totals (:class:`StaffedPart`; a rostered part also its cells, which its
rosters were made from). Pricing couples queues — tiers on a vendor's total volume,
minimums, tax, the existing team split over the queues — so every option is priced
here, after the parts of all shards are gathered in the order of ``scenario.queues``
(:func:`joined_parts`), by :func:`cscost.evaluate.evaluation.evaluate`'s own code: the
evaluation equals a local one bit for bit. A part's interval cells, when a report reads
them, are staffed again here from the queue's volumes (the solver's answers never change).

Memory: a worker holds its shard's volumes, 24 bytes × shard queues × months ×
intervals of the week, plus one part's working arrays; this process holds the parts'
monthly arrays only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.evaluate.evaluation import StaffedParts
from cscost.evaluate.memory import check_evaluation_memory
from cscost.evaluate.parts import Part, Staffer, option_parts, service_params
from cscost.evaluate.repeats import repeat_factor
from cscost.evaluate.solvejobs import scaled_share
from cscost.evaluate.switching import BASELINE, baseline_parts, needs_baseline
from cscost.model import Scenario
from cscost.model.resolved import provider_schedule
from cscost.pricing.usage import PartUsage
from cscost.staffing.plan import IntervalCells, StaffingPlan, remade_cells
from cscost.staffing.solver import IntervalSolver


@dataclass(frozen=True)
class ShardJob:
    """What every shard shares: the scenario and the forecast queues' monthly volumes."""

    scenario: Scenario
    forecasts: Mapping[str, Array] | None = None


@dataclass(frozen=True)
class StaffedPart:
    """A part as a shard returns it: its usage and monthly totals, no interval arrays."""

    provider: str
    queue_id: str
    share: Array  # [D, T]
    usage: PartUsage
    volume: Array  # [M] the plan's handled contacts
    productive_hours: Array
    paid_hours: Array
    fte: Array
    seats: Array
    window_hours: Mapping[str, Array]
    rostered: Part | None = None  # a rostered part whole (its plan holds the rosters)


@dataclass(frozen=True)
class ShardParts:
    """The staffed parts of one shard's queues: the baseline's and each option's."""

    queue_ids: tuple[str, ...]
    baseline: tuple[StaffedPart, ...] | None
    options: tuple[tuple[StaffedPart, ...], ...]  # in the order of resolved_options()


def queue_shards(scenario: Scenario, count: int) -> list[tuple[str, ...]]:
    """The queues cut into at most ``count`` shards of near-equal work, each in the order
    of ``scenario.queues``: longest first onto the lightest shard, a queue's work its
    open intervals of the week × the parts it has over the options (one when in-house)."""
    options = scenario.resolved_options()
    work = []
    for queue in scenario.queues:
        parts = sum(max(len(scenario.assignment_shares(o, queue.id)), 1) for o in options)
        work.append(float(scenario.open_mask(queue).sum()) * (parts + 1))
    loads = [0.0] * max(1, min(count, len(scenario.queues)))
    owner = [0] * len(scenario.queues)
    for k in sorted(range(len(work)), key=lambda k: -work[k]):
        shard = int(np.argmin(loads))
        owner[k] = shard
        loads[shard] += work[k]
    shards = [
        tuple(q.id for k, q in enumerate(scenario.queues) if owner[k] == s)
        for s in range(len(loads))
    ]
    return [s for s in shards if s]


def shard_parts(job: ShardJob, queue_ids: Sequence[str]) -> ShardParts:
    """Every option's parts of the queues ``queue_ids`` (and the baseline's), staffed
    here with the shard's own :class:`Staffer`: a pure function of its inputs."""
    scenario = job.scenario
    wanted = frozenset(queue_ids)
    check_evaluation_memory(scenario, queues=len(wanted))
    volumes = interval_volumes_by_queue(scenario, job.forecasts, wanted)
    windows = window_masks(scenario)
    factor = repeat_factor(scenario)
    staffer = Staffer()
    baseline = baseline_parts(scenario, volumes, windows, factor, staffer, queue_ids=wanted)
    options = tuple(
        tuple(
            _staffed(scenario, p)
            for p in option_parts(
                scenario,
                option,
                volumes,
                windows,
                volume_factor=factor,
                staffer=staffer,
                queue_ids=wanted,
            )
        )
        for option in scenario.resolved_options()
    )
    return ShardParts(
        tuple(q.id for q in scenario.queues if q.id in wanted),
        None if baseline is None else tuple(_staffed(scenario, p) for p in baseline),
        options,
    )


def _staffed(scenario: Scenario, part: Part) -> StaffedPart:
    plan = part.plan
    rostered = part if provider_schedule(scenario, part.provider) is not None else None
    return StaffedPart(
        part.provider,
        part.queue_id,
        part.share,
        part.usage,
        plan.volume,
        plan.productive_hours,
        plan.paid_hours,
        plan.fte,
        plan.seats,
        dict(plan.window_hours),
        rostered,
    )


class _QueueVolumes:
    """Each queue's interval volumes, made when first read and kept (a report's read)."""

    def __init__(self, job: ShardJob) -> None:
        self._job = job
        self._made: dict[str, Array] = {}

    def __getitem__(self, queue_id: str) -> Array:
        if queue_id not in self._made:
            job = self._job
            self._made |= interval_volumes_by_queue(job.scenario, job.forecasts, (queue_id,))
        return self._made[queue_id]


def joined_parts(job: ShardJob, shards: Sequence[ShardParts]) -> StaffedParts:
    """The parts of every shard as :func:`cscost.evaluate.evaluation.staffed_parts` makes
    them in one run: each option's in the order of ``scenario.queues``, each part's cells
    staffed again here when read (one solver for all)."""
    scenario = job.scenario
    solver = IntervalSolver()
    volumes = _QueueVolumes(job)
    factor = repeat_factor(scenario)
    options = scenario.resolved_options()
    by_option: list[dict[str, list[StaffedPart]]] = [{} for _ in options]  # queue → parts
    baseline: dict[str, list[StaffedPart]] = {}
    for shard in shards:
        for q in shard.queue_ids:
            for k, staffed in enumerate(shard.options):
                by_option[k][q] = [p for p in staffed if p.queue_id == q]
            baseline[q] = [p for p in shard.baseline or () if p.queue_id == q]

    def parts(option: str, of: Mapping[str, Sequence[StaffedPart]]) -> list[Part]:
        return [
            _part(
                scenario,
                option,
                p,
                volumes,
                1.0 if factor is None else factor(p.queue_id, p.provider),
                solver,
            )
            for q in scenario.queues
            for p in of[q.id]
        ]

    return (
        parts(BASELINE.name, baseline) if needs_baseline(scenario) else None,
        [(option, parts(option.name, by_option[k])) for k, option in enumerate(options)],
    )


def _part(
    scenario: Scenario,
    option: str,
    staffed: StaffedPart,
    volumes: _QueueVolumes,
    volume_factor: float,
    solver: IntervalSolver,
) -> Part:
    """The :class:`Part` of ``staffed``, its cells a recipe (``part_plan``'s volumes)."""
    if staffed.rostered is not None:
        return staffed.rostered
    share = staffed.share

    def part_volumes() -> Array:
        return scaled_share(volumes[staffed.queue_id], share, volume_factor)

    settings = scenario.queue_settings(staffed.queue_id, staffed.provider)
    cells: IntervalCells = remade_cells(
        part_volumes,
        share > 0,
        scenario.scenario.interval_minutes,
        service_params(settings, scenario.horizon.months),
        solver,
    )
    plan = StaffingPlan(
        cells=cells,
        volume=staffed.volume,
        productive_hours=staffed.productive_hours,
        paid_hours=staffed.paid_hours,
        fte=staffed.fte,
        seats=staffed.seats,
        window_hours=staffed.window_hours,
    )
    return Part(option, staffed.provider, staffed.queue_id, plan, staffed.usage, share)
