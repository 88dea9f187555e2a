"""From demand to the work of each provider: every option's parts, staffed part by part.

For each option and queue, every assignment part takes its share [7, T] of the queue's
interval volumes [M, 7, T] (:mod:`cscost.demand.assembly`) and is staffed on its own
with its provider's assumptions (vendor AHT, shrinkage, hours per FTE, ramp), so
splitting a queue loses the pooling effect and the plan shows it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from cscost.arrays import Array, BoolArray, IntArray, content_bytes
from cscost.evaluate.solvejobs import SolveJob, job_totals, scaled_share, solve_tail
from cscost.model import INHOUSE, AssignPart, Option, Queue, Scenario
from cscost.model.resolved import QueueSettings, provider_schedule
from cscost.pricing.providers import prices_contacts
from cscost.pricing.usage import PartUsage, hires_by_month
from cscost.staffing.plan import (
    ServiceParams,
    SolvedTotals,
    StaffingPlan,
    kept_totals,
    planned,
    remade_cells,
)
from cscost.staffing.rostered import rostered_plan
from cscost.staffing.solver import IntervalSolver


@dataclass(frozen=True)
class Part:
    """One provider's part of one queue in an option: its staffing plan and its usage."""

    option: str
    provider: str
    queue_id: str
    plan: StaffingPlan
    usage: PartUsage
    share: Array  # [7, T] the part's share of the queue's volume in each interval


Spec = tuple[Queue, str, Array, str]
"""(queue, provider, share [D, T], label) of one part of an option (:func:`part_specs`)."""


@dataclass
class Staffer:
    """What one run staffs, made once: distinct interval solves and repeated parts.

    The :class:`~cscost.staffing.solver.IntervalSolver` solves each distinct interval
    once; a part staffed again (the same queue, provider, share, volume factor and
    interval volumes of the same scenario, in another option) reuses its plan and
    usage; a part of another provider with the same service and AHT on the same volumes
    reuses its solve totals (:meth:`solved`, keyed by content); an option priced again on
    equal volumes of the same scenario reuses its costs (:meth:`costs`). The caches hold
    the objects they key by identity, so an identity is never reused while cached.
    """

    solver: IntervalSolver = field(default_factory=IntervalSolver)
    contacts_when_priced: bool = False
    """True for a run that only totals bills (sensitivity, break-even): a part's handled
    contacts are made only for a provider whose fees read them (``prices_contacts``);
    the others' usage volume is NaN."""
    _counts: dict[int, tuple[Scenario, IntArray]] = field(default_factory=dict)
    _parts: dict[tuple[Any, ...], tuple[Any, Any, StaffingPlan, PartUsage]] = field(
        default_factory=dict
    )
    _solved: dict[tuple[Any, ...], SolvedTotals] = field(default_factory=dict)
    _digests: dict[int, tuple[object, bytes]] = field(default_factory=dict)
    _specs: dict[tuple[int, str], tuple[Any, list[Spec]]] = field(default_factory=dict)
    _costs: dict[tuple[Any, ...], tuple[Any, dict[str, tuple[float, float]]]] = field(
        default_factory=dict
    )

    def costs(
        self, scenario: Scenario, volumes: Mapping[str, Array]
    ) -> dict[str, tuple[float, float]]:
        """Option name → (total, NPV) found so far for ``scenario`` (held by identity) on
        the interval volumes ``volumes`` (by content), for the caller to read and fill
        (:func:`cscost.decide.quality.option_costs`): equal inputs, equal costs."""
        digests = ((q, self._digest(v, partial(content_bytes, v))) for q, v in volumes.items())
        return self._costs.setdefault((id(scenario), *digests), (scenario, {}))[1]

    def specs(self, scenario: Scenario, option: Option) -> list[Spec]:
        """:func:`part_specs` of ``option`` in ``scenario``, made once: the scenario held
        by identity, the option by content (``resolved_options()`` makes new objects)."""
        key = (id(scenario), option.model_dump_json())
        if key not in self._specs:
            self._specs[key] = (scenario, part_specs(scenario, option))
        return self._specs[key][1]

    def cached(
        self,
        scenario: Scenario,
        volumes: Array,
        key: tuple[Any, ...],
        make: Callable[[], tuple[StaffingPlan, PartUsage]],
    ) -> tuple[StaffingPlan, PartUsage]:
        """The plan and usage of the part ``key`` of ``scenario`` on ``volumes``."""
        full = (id(scenario), id(volumes), *key)
        if full not in self._parts:
            self._parts[full] = (scenario, volumes, *make())
        _, _, plan, usage = self._parts[full]
        return plan, usage

    def solved(self, full: tuple[Any, ...], make: Callable[[], SolvedTotals]) -> SolvedTotals:
        """The solve totals of the key ``full`` (:meth:`solved_key`), made once."""
        if full not in self._solved:
            self._solved[full] = make()
        return self._solved[full]

    def has_solved(self, full: tuple[Any, ...]) -> bool:
        """Whether the solve totals of the key ``full`` (:meth:`solved_key`) are made."""
        return full in self._solved

    def put_solved(self, full: tuple[Any, ...], totals: SolvedTotals) -> None:
        """Keep ``totals`` as the solve totals of the key ``full`` (made by a batch)."""
        self._solved.setdefault(full, totals)

    def solved_key(
        self,
        scenario: Scenario,
        volumes: Array,
        windows: Mapping[str, BoolArray],
        key: tuple[Any, ...],
    ) -> tuple[Any, ...]:
        """The key of the solve totals ``key`` (share, factor, service, AHT) of a part of
        the queue whose interval volumes are ``volumes``: one for every provider, option
        and scenario with equal volumes, weekday counts and windows (keyed by content, so
        a perturbed FX rate or attrition staffs nothing again)."""
        counts = self.weekday_counts(scenario)
        return (
            self._digest(volumes, lambda: content_bytes(volumes)),
            self._digest(counts, lambda: content_bytes(counts)),
            self._digest(
                windows, lambda: b"".join(n.encode() + content_bytes(m) for n, m in windows.items())
            ),
            *key,
        )

    def _digest(self, thing: object, content: Callable[[], bytes]) -> bytes:
        """A digest of ``content()``, made once per object (held, so its id stays its own):
        SHA-256, about twice as fast as BLAKE2b on a queue's interval volumes (hundreds
        of kilobytes) where the CPU has SHA instructions (most current x86 and ARM)."""
        if id(thing) not in self._digests:
            self._digests[id(thing)] = (thing, hashlib.sha256(content()).digest())
        return self._digests[id(thing)][1]

    def weekday_counts(self, scenario: Scenario) -> IntArray:
        """``scenario.horizon.weekday_counts``, computed once per scenario (held by identity)."""
        if id(scenario) not in self._counts:
            self._counts[id(scenario)] = (scenario, scenario.horizon.weekday_counts)
        return self._counts[id(scenario)][1]


def part_hires(settings: QueueSettings, fte: Array, attrition_factor: float | Array = 1.0) -> Array:
    """Hires of a provider's part: :func:`cscost.pricing.usage.hires_by_month` of its FTE.

    The one rule for the usage that fees price (``per_new_hire``), deterministic and per
    Monte Carlo sample: annual attrition = the provider's × ``attrition_factor``. The
    in-house team's own hires (recruiting, paid training) follow its workforce model
    in :mod:`cscost.pricing.inhouse`.
    """
    return hires_by_month(fte, settings.attrition * attrition_factor)


def service_params(settings: QueueSettings, months: int) -> ServiceParams:
    """The staffing inputs of a queue as its provider works it."""
    return ServiceParams(
        aht_s=settings.aht_s_by_month(months),
        realtime=settings.real_time,
        answer_within_s=settings.answer_within_s or 0.0,
        level=settings.level,
        max_asa_s=settings.max_asa_s,
        patience_s=settings.patience_s,
        concurrency=settings.concurrency,
        max_occupancy=settings.max_occupancy,
        min_agents=settings.min_agents,
        shrinkage=settings.shrinkage,
        hours_per_fte_month=settings.hours_per_fte_month,
    )


def part_plan(
    scenario: Scenario,
    option: Option,
    queue: Queue,
    provider: str,
    share: Array,
    volumes: Array,
    windows: Mapping[str, BoolArray],
    label: str,
    volume_factor: float = 1.0,
    staffer: Staffer | None = None,
) -> Part:
    """Staff one part: its share [D, T] of the queue's interval volumes [M, D, T].

    The usage's volume is the handled contacts: offered × (1 − P(abandon)) where the
    queue states patience (:func:`cscost.staffing.plan.handled_share`), else offered.

    ``volume_factor`` multiplies the part's interval volumes before staffing (the
    repeat-contact model of :mod:`cscost.decide.quality`); 1 leaves them as they are.
    ``staffer`` (one per run) solves each distinct interval once and reuses repeated parts.
    """

    def part_volumes() -> Array:
        return scaled_share(volumes, share, volume_factor)

    def make() -> tuple[StaffingPlan, PartUsage]:
        return _plan_usage(
            scenario,
            queue,
            provider,
            (volumes, share, volume_factor),
            part_volumes,
            windows,
            label,
            staffer,
        )

    if staffer is None:
        plan, usage = make()
    else:
        key = (queue.id, provider, share.tobytes(), label, volume_factor)
        plan, usage = staffer.cached(scenario, volumes, key, make)
    return Part(option.name, provider, queue.id, plan, usage, share)


def solve_job(
    scenario: Scenario,
    params: ServiceParams,
    source: tuple[Array, Array, float],
    part_volumes: Callable[[], Array],
    windows: Mapping[str, BoolArray],
    staffer: Staffer,
) -> tuple[tuple[Any, ...], SolveJob]:
    """(key of :meth:`Staffer.solved`, job) of a part staffed by the run ``staffer``."""
    volumes, share, volume_factor = source
    interval = scenario.scenario.interval_minutes
    key = solve_tail(params, share, volume_factor, interval)
    counts = staffer.weekday_counts(scenario)
    job = SolveJob(part_volumes, share > 0, interval, params, counts, windows)
    return staffer.solved_key(scenario, volumes, windows, key), job


def _plan_usage(
    scenario: Scenario,
    queue: Queue,
    provider: str,
    source: tuple[Array, Array, float],
    part_volumes: Callable[[], Array],
    windows: Mapping[str, BoolArray],
    label: str,
    staffer: Staffer | None,
) -> tuple[StaffingPlan, PartUsage]:
    """The staffing plan and usage of one part (:func:`part_plan`): ``part_volumes()``,
    made from ``source`` (the queue's interval volumes, the share, the volume factor).

    With ``staffer`` the solve totals of equal volumes under an equal service and AHT
    (another provider, another option) are made once, and the plan's cells are remade
    when read; a rostered provider keeps its cells (the roster reads its weeks).
    """
    settings = scenario.queue_settings(queue.id, provider)
    horizon = scenario.horizon
    interval = scenario.scenario.interval_minutes
    params = service_params(settings, horizon.months)
    mask = source[1] > 0
    schedule = provider_schedule(scenario, provider)
    counts = horizon.weekday_counts if staffer is None else staffer.weekday_counts(scenario)
    if staffer is None or schedule is not None:
        solver = None if staffer is None else staffer.solver
        totals, cells = kept_totals(part_volumes(), counts, mask, interval, params, windows, solver)
        plan = planned(totals, params, cells)
    else:
        full, job = solve_job(scenario, params, source, part_volumes, windows, staffer)
        run = staffer
        totals = staffer.solved(full, lambda: job_totals(job, run.solver, run.contacts_when_priced))
        remade = remade_cells(part_volumes, mask, interval, params, staffer.solver)
        plan = planned(totals, params, remade)
    if schedule is not None:  # rostered hours replace the Erlang hours (docs/roster.md)
        plan = rostered_plan(
            plan,
            schedule,
            interval,
            counts,
            windows,
            settings.shrinkage,
            settings.hours_per_fte_month,
        )
    if staffer is None or not staffer.contacts_when_priced or prices_contacts(scenario, provider):
        volume, window_volume = totals.contacts()
    else:  # not priced: NaN, so that a reader that should not be one shows in the totals
        volume = np.full(horizon.months, np.nan)
        window_volume = dict.fromkeys(windows, volume)
    usage = PartUsage(
        queue_id=queue.id,
        channel=queue.channel,
        language=queue.language,
        tier=queue.tier,
        label=label,
        volume=volume,
        aht_s=settings.aht_s_by_month(horizon.months),
        productive_hours=plan.productive_hours,
        paid_hours=plan.paid_hours,
        fte=plan.fte,
        seats=plan.seats,
        hires=part_hires(settings, plan.fte),
        fcr=settings.fcr,
        window_hours=plan.window_hours,
        window_volume=window_volume,
    )
    return plan, usage


def option_parts(
    scenario: Scenario,
    option: Option,
    volumes: Mapping[str, Array],
    windows: Mapping[str, BoolArray],
    *,
    volume_factor: Callable[[str, str], float] | None = None,
    staffer: Staffer | None = None,
    queue_ids: Collection[str] | None = None,
) -> list[Part]:
    """Every part of ``option``: each queue's assignment, staffed part by part.

    ``volumes[queue_id]`` are the interval volumes [M, D, T]; a queue the option does
    not mention stays in-house. ``volume_factor(queue_id, provider)``, when given,
    multiplies each part's volumes before staffing (None: no change). ``staffer``
    (one per run, :class:`Staffer`) makes each distinct solve and part once.
    ``queue_ids``, when given, are the only queues staffed (a shard: ``volumes`` need
    hold only them); the parts keep the order of ``scenario.queues``.
    """

    def factor(queue_id: str, provider: str) -> float:
        return 1.0 if volume_factor is None else volume_factor(queue_id, provider)

    return [
        part_plan(
            scenario,
            option,
            queue,
            provider,
            share,
            volumes[queue.id],
            windows,
            label,
            factor(queue.id, provider),
            staffer,
        )
        for queue, provider, share, label in (
            part_specs(scenario, option) if staffer is None else staffer.specs(scenario, option)
        )
        if queue_ids is None or queue.id in queue_ids
    ]


def part_specs(scenario: Scenario, option: Option) -> list[Spec]:
    """(queue, provider, share [D, T], label) of every part of ``option``, in order: each
    queue's assignment, or the whole queue in-house (its open hours) when unassigned."""
    specs: list[Spec] = []
    for queue in scenario.queues:
        assigned = option.parts(queue.id)
        shares = scenario.assignment_shares(option, queue.id) if assigned else ()
        if not shares:
            specs.append((queue, INHOUSE, scenario.open_mask(queue).astype(float), queue.id))
            continue
        for item in shares:
            label = queue.id if len(shares) == 1 else _part_label(queue.id, item.part)
            specs.append((queue, item.provider, item.share, label))
    return specs


def _part_label(queue_id: str, part: AssignPart) -> str:
    """``voice-zh 22:00-08:00``, ``voice-zh 30%``, or ``voice-zh rest`` for the remainder."""
    bits = [queue_id]
    if part.hours:
        bits.append(part.hours)
    if part.share is not None and part.share < 1:
        bits.append(f"{part.share:.0%}")
    if len(bits) == 1:
        bits.append("rest")
    return " ".join(bits)
