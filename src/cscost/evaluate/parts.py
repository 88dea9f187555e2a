"""From demand to the work of each provider: every option's parts, staffed part by part.

For each option and queue, every assignment part takes its share [7, T] of the queue's
interval volumes [M, 7, T] (:mod:`cscost.demand.assembly`) and is staffed on its own
with its provider's assumptions (vendor AHT, shrinkage, hours per FTE, ramp), so
splitting a queue loses the pooling effect and the plan shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from cscost.arrays import Array, BoolArray, IntArray
from cscost.model import INHOUSE, AssignPart, Option, Queue, Scenario
from cscost.model.resolved import QueueSettings, provider_schedule
from cscost.pricing.usage import PartUsage, hires_by_month
from cscost.staffing.plan import ServiceParams, StaffingPlan, remade_cells, staffing_plan
from cscost.staffing.rostered import RosteredPlan, rostered_plan
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


@dataclass
class Staffer:
    """What one run staffs, made once: distinct interval solves and repeated parts.

    The :class:`~cscost.staffing.solver.IntervalSolver` solves each distinct interval
    once; a part staffed again (the same queue, provider, share, volume factor and
    interval volumes of the same scenario, in another option) reuses its plan and
    usage. The cache holds the scenario and volumes it keys by identity, so an identity
    is never reused while cached.
    """

    solver: IntervalSolver = field(default_factory=IntervalSolver)
    _counts: dict[int, tuple[Scenario, IntArray]] = field(default_factory=dict)
    _parts: dict[tuple[Any, ...], tuple[Any, Any, StaffingPlan, PartUsage]] = field(
        default_factory=dict
    )

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
        out = volumes * share[None, :, :]
        return out * volume_factor if volume_factor != 1.0 else out

    def make() -> tuple[StaffingPlan, PartUsage]:
        solver = None if staffer is None else staffer.solver
        counts = (
            scenario.horizon.weekday_counts if staffer is None else staffer.weekday_counts(scenario)
        )
        plan, usage = _plan_usage(
            scenario, queue, provider, share, part_volumes(), windows, label, solver, counts
        )
        if staffer is None or isinstance(plan, RosteredPlan):  # the roster keeps its weeks
            return plan, usage
        settings = scenario.queue_settings(queue.id, provider)
        params = service_params(settings, scenario.horizon.months)
        interval = scenario.scenario.interval_minutes
        cells = remade_cells(part_volumes, share > 0, interval, params, staffer.solver)
        return replace(plan, cells=cells), usage

    if staffer is None:
        plan, usage = make()
    else:
        key = (queue.id, provider, share.tobytes(), label, volume_factor)
        plan, usage = staffer.cached(scenario, volumes, key, make)
    return Part(option.name, provider, queue.id, plan, usage, share)


def _plan_usage(
    scenario: Scenario,
    queue: Queue,
    provider: str,
    share: Array,
    part_volumes: Array,
    windows: Mapping[str, BoolArray],
    label: str,
    solver: IntervalSolver | None,
    weekday_counts: IntArray,
) -> tuple[StaffingPlan, PartUsage]:
    """The staffing plan and usage of one part (:func:`part_plan`) from its volumes."""
    settings = scenario.queue_settings(queue.id, provider)
    horizon = scenario.horizon
    mask = share > 0
    plan = staffing_plan(
        part_volumes,
        weekday_counts,
        mask,
        scenario.scenario.interval_minutes,
        service_params(settings, horizon.months),
        windows,
        solver,
    )
    schedule = provider_schedule(scenario, provider)
    if schedule is not None:  # rostered hours replace the Erlang hours (docs/roster.md)
        plan = rostered_plan(
            plan,
            schedule,
            scenario.scenario.interval_minutes,
            weekday_counts,
            windows,
            settings.shrinkage,
            settings.hours_per_fte_month,
        )
    counts = weekday_counts.astype(float)
    handled = part_volumes if plan.handled_share is None else part_volumes * plan.handled_share
    window_volume = {
        name: ((handled * w[None, :, :]).sum(axis=2) * counts).sum(axis=1)
        for name, w in windows.items()
    }
    usage = PartUsage(
        queue_id=queue.id,
        channel=queue.channel,
        language=queue.language,
        tier=queue.tier,
        label=label,
        volume=(handled.sum(axis=2) * counts).sum(axis=1),
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
) -> list[Part]:
    """Every part of ``option``: each queue's assignment, staffed part by part.

    ``volumes[queue_id]`` are the interval volumes [M, D, T]; a queue the option does
    not mention stays in-house. ``volume_factor(queue_id, provider)``, when given,
    multiplies each part's volumes before staffing (None: no change). ``staffer``
    (one per run, :class:`Staffer`) makes each distinct solve and part once.
    """

    def factor(queue_id: str, provider: str) -> float:
        return 1.0 if volume_factor is None else volume_factor(queue_id, provider)

    parts: list[Part] = []
    for queue in scenario.queues:
        assigned = option.parts(queue.id)
        shares = scenario.assignment_shares(option, queue.id) if assigned else ()
        if not shares:
            whole = scenario.open_mask(queue).astype(float)
            parts.append(
                part_plan(
                    scenario,
                    option,
                    queue,
                    INHOUSE,
                    whole,
                    volumes[queue.id],
                    windows,
                    queue.id,
                    factor(queue.id, INHOUSE),
                    staffer,
                )
            )
            continue
        for item in shares:
            label = queue.id if len(shares) == 1 else _part_label(queue.id, item.part)
            parts.append(
                part_plan(
                    scenario,
                    option,
                    queue,
                    item.provider,
                    item.share,
                    volumes[queue.id],
                    windows,
                    label,
                    factor(queue.id, item.provider),
                    staffer,
                )
            )
    return parts


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
