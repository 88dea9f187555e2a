"""The monthly staffing plan of one queue (or one provider's part of it).

From the volume of every interval of each month's typical week [M, 7, T]:

    N[i, d, t]   required agents (Erlang C/A for real-time work; workload for deferred)
    H_prod[i]    = Σ_d n_d(i) Σ_t N[i, d, t] × interval hours
    H_paid[i]    = H_prod[i] / (1 − shrinkage)
    FTE[i]       = H_paid[i] / hours_per_fte_month
    seats[i]     = ⌈max_{d,t} N[i, d, t]⌉
    H_window[i]  = Σ_d n_d(i) Σ_t N[i, d, t] × window[d, t] × interval hours

Real-time intervals that are open get at least ``min_agents``; closed ones none. With
``patience`` (Erlang A) some contacts abandon: handled[i, d, t] = volume × (1 − P(abandon)
at N agents), the contacts that per-contact, per-minute and per-resolution fees bill
(``handled_share``; 1 everywhere without patience and for deferred work). For
deferred work the day's productive hours (volume × AHT / 3600 / max occupancy) are spread
evenly over its open intervals, so N may be fractional.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, BoolArray
from cscost.model.units import ceil_exact
from cscost.staffing.queueing import queue_metrics, required_agents
from cscost.staffing.solver import IntervalSolver, ServiceKey, service_key


@dataclass(frozen=True)
class ServiceParams:
    """How a queue is served: targets and workforce assumptions (one value, or one per month).

    ``answer_within_s``/``level`` is the service-level target of real-time work; for
    deferred work they are ignored here (the response target is checked elsewhere).
    """

    aht_s: Array  # [M]
    realtime: bool = True
    answer_within_s: float = 20.0
    level: float = 0.8
    max_asa_s: float | None = None
    patience_s: float | None = None
    concurrency: float = 1.0
    max_occupancy: float = 0.85
    min_agents: float = 1.0
    shrinkage: float = 0.3
    hours_per_fte_month: float = 174.0


@dataclass(frozen=True)
class IntervalCells:
    """The per-interval arrays [M, 7, T] of a plan, made when read.

    :meth:`kept` holds arrays already made; a run of many parts gives each part a recipe
    instead (its volumes from the queue's, the agents from the run's solver), so that
    no part holds arrays of months × intervals that its totals no longer need.
    """

    agents: Callable[[], Array]
    volume: Callable[[], Array]
    handled_share: Callable[[], Array | None]

    @staticmethod
    def kept(agents: Array, volume: Array, handled: Array | None) -> IntervalCells:
        """Cells that hold ``agents``, ``volume`` and ``handled``."""
        return IntervalCells(lambda: agents, lambda: volume, lambda: handled)

    def __reduce__(self) -> tuple[object, tuple[Array, Array, Array | None]]:
        """Pickled as the arrays themselves (a recipe's closures do not pickle)."""
        return (IntervalCells.kept, (self.agents(), self.volume(), self.handled_share()))


@dataclass(frozen=True)
class StaffingPlan:
    """Per month of one queue part: agents per interval of the typical week and the totals."""

    cells: IntervalCells  # agents, volumes and handled shares [M, 7, T]
    volume: Array  # [M] contacts handled in the month
    productive_hours: Array  # [M]
    paid_hours: Array  # [M]
    fte: Array  # [M]
    seats: Array  # [M]
    window_hours: Mapping[str, Array] = field(default_factory=dict)  # name → [M]

    @property
    def agents(self) -> Array:
        """Required agents [M, 7, T] of each interval of the typical week (each read may
        make the array again: read it once, not per element)."""
        return self.cells.agents()

    @property
    def interval_volume(self) -> Array:
        """Contacts [M, 7, T] in each interval of the typical week."""
        return self.cells.volume()

    @property
    def handled_share(self) -> Array | None:
        """[M, 7, T] 1 − P(abandon); None: every contact is handled."""
        return self.cells.handled_share()


def paid_hours(productive_hours: Array, shrinkage: float) -> Array:
    """H_paid = H_prod / (1 − shrinkage)."""
    result: Array = productive_hours / (1.0 - shrinkage)
    return result


def fte(paid: Array, hours_per_fte_month: float) -> Array:
    """FTE = H_paid / hours_per_fte_month."""
    result: Array = paid / hours_per_fte_month
    return result


def solve_key(params: ServiceParams, interval_minutes: int) -> ServiceKey:
    """The service of ``params`` as :class:`cscost.staffing.solver.IntervalSolver` keys it."""
    return service_key(
        interval_minutes * 60.0,
        params.answer_within_s,
        params.level,
        params.max_asa_s,
        params.patience_s,
        params.concurrency,
        params.max_occupancy,
        params.min_agents,
    )


def interval_agents(
    volumes: Array,
    open_mask: BoolArray,
    interval_minutes: int,
    params: ServiceParams,
    solver: IntervalSolver | None = None,
) -> Array:
    """Required agents N[i, d, t] for interval volumes [M, 7, T] (0 where closed).

    With ``solver`` each distinct (volume, AHT) is solved once (the same agents).
    """
    months = volumes.shape[0]
    aht = np.broadcast_to(np.asarray(params.aht_s, dtype=float), (months,))
    interval_s = interval_minutes * 60.0
    is_open = np.broadcast_to(open_mask[None, :, :], volumes.shape)
    agents = np.zeros(volumes.shape)
    if params.realtime:
        aht_grid = np.broadcast_to(aht[:, None, None], volumes.shape)
        if solver is not None:
            key = solve_key(params, interval_minutes)
            agents[is_open] = solver.agents(key, volumes[is_open], aht_grid[is_open])
            return agents
        agents[is_open] = required_agents(
            volumes[is_open],
            interval_s,
            aht_grid[is_open],
            params.answer_within_s,
            params.level,
            max_occupancy=params.max_occupancy,
            patience_s=params.patience_s,
            concurrency=params.concurrency,
            max_asa_s=params.max_asa_s,
            min_agents=params.min_agents,
        )
        return agents
    day_hours = (volumes * aht[:, None, None]).sum(axis=2) / 3600.0 / params.max_occupancy
    open_hours = open_mask.sum(axis=1) * interval_minutes / 60.0  # [7]
    with np.errstate(divide="ignore", invalid="ignore"):
        per_interval = np.where(open_hours > 0, day_hours / open_hours, 0.0)  # [M, 7]
    agents[:] = np.where(is_open, per_interval[:, :, None], 0.0)
    return agents


def handled_share(
    agents: Array,
    volumes: Array,
    interval_minutes: int,
    params: ServiceParams,
    solver: IntervalSolver | None = None,
) -> Array | None:
    """1 − P(abandon) per interval at the planned agents (None without patience).

    With ``solver``, ``agents`` must be its required agents of ``volumes``.
    """
    if not params.realtime or params.patience_s is None:
        return None
    months = volumes.shape[0]
    aht = np.broadcast_to(np.asarray(params.aht_s, dtype=float), (months,))
    busy = volumes > 0
    share = np.ones(volumes.shape)
    if busy.any() and solver is not None:
        aht_grid = np.broadcast_to(aht[:, None, None], volumes.shape)
        key = solve_key(params, interval_minutes)
        share[busy] = solver.handled_share(key, volumes[busy], aht_grid[busy])
    elif busy.any():
        metrics = queue_metrics(
            agents[busy],
            volumes[busy],
            interval_minutes * 60.0,
            np.broadcast_to(aht[:, None, None], volumes.shape)[busy],
            params.answer_within_s,
            patience_s=params.patience_s,
            concurrency=params.concurrency,
        )
        share[busy] = 1.0 - metrics.p_abandon
    return share


Contacts = tuple[Array, Mapping[str, Array]]
"""[M] handled contacts (offered × (1 − P(abandon))) and, per window, those inside it."""


class SolvedTotals:
    """A plan's monthly totals that follow from its interval solves alone (no shrinkage,
    hours per FTE or other workforce assumption): equal for every provider that staffs
    the same volumes under the same service and AHT.

    The handled contacts (:meth:`contacts`) are made when first asked for, as Erlang A
    evaluates P(abandon) on every distinct interval and only some fees read them.
    """

    def __init__(
        self,
        volume: Array,
        productive_hours: Array,
        seats: Array,
        window_hours: Mapping[str, Array],
        contacts: Callable[[], Contacts],
    ) -> None:
        self.volume = volume  # [M] offered contacts
        self.productive_hours = productive_hours  # [M]
        self.seats = seats  # [M]
        self.window_hours = window_hours  # name → [M]
        self._contacts: Callable[[], Contacts] | None = contacts
        self._made: Contacts | None = None

    def contacts(self) -> Contacts:
        """(handled [M], handled inside each window [M]), made once."""
        if self._made is None:
            assert self._contacts is not None
            self._made, self._contacts = self._contacts(), None
        return self._made


def monthly_sum(cells: Array, counts: Array, mask: BoolArray | None = None) -> Array:
    """Σ_d n_d(i) Σ_t cells[i, d, t] (× mask[d, t]): a month's total of interval cells."""
    per_day = (cells if mask is None else cells * mask[None, :, :]).sum(axis=2)
    result: Array = (per_day * counts).sum(axis=1)
    return result


def handled_contacts(
    volumes: Array,
    handled_share: Array | None,
    weekday_counts: npt.NDArray[np.int64],
    windows: Mapping[str, BoolArray] | None = None,
) -> Contacts:
    """Handled contacts per month, in all and inside each window (module docstring)."""
    counts = weekday_counts.astype(float)
    handled = volumes if handled_share is None else volumes * handled_share
    inside = {n: monthly_sum(handled, counts, m) for n, m in (windows or {}).items()}
    return monthly_sum(handled, counts), inside


def solved_totals(
    agents: Array,
    volumes: Array,
    weekday_counts: npt.NDArray[np.int64],
    interval_minutes: int,
    windows: Mapping[str, BoolArray] | None,
    contacts: Callable[[], Contacts],
) -> SolvedTotals:
    """The totals of the module docstring from the cells [M, 7, T] of one part;
    ``contacts`` makes its handled contacts (:func:`handled_contacts`) when asked."""
    hours_per_interval = interval_minutes / 60.0
    counts = weekday_counts.astype(float)
    months = volumes.shape[0]
    windows = windows or {}
    return SolvedTotals(
        volume=monthly_sum(volumes, counts),
        productive_hours=monthly_sum(agents, counts) * hours_per_interval,
        seats=ceil_exact(agents.reshape(months, -1).max(axis=1, initial=0.0)),
        window_hours={
            n: monthly_sum(agents, counts, m) * hours_per_interval for n, m in windows.items()
        },
        contacts=contacts,
    )


def planned(totals: SolvedTotals, params: ServiceParams, cells: IntervalCells) -> StaffingPlan:
    """The plan of ``totals`` under the workforce assumptions of ``params``."""
    paid = paid_hours(totals.productive_hours, params.shrinkage)
    return StaffingPlan(
        cells=cells,
        volume=totals.volume,
        productive_hours=totals.productive_hours,
        paid_hours=paid,
        fte=fte(paid, params.hours_per_fte_month),
        seats=totals.seats,
        window_hours=totals.window_hours,
    )


def kept_totals(
    volumes: Array,
    weekday_counts: npt.NDArray[np.int64],
    open_mask: BoolArray,
    interval_minutes: int,
    params: ServiceParams,
    windows: Mapping[str, BoolArray] | None = None,
    solver: IntervalSolver | None = None,
) -> tuple[SolvedTotals, IntervalCells]:
    """The solve totals of one part from its interval volumes [M, 7, T] and its cells,
    kept; ``solver`` (shared by the parts of a run) solves each distinct interval once."""
    if solver is None:
        agents = interval_agents(volumes, open_mask, interval_minutes, params)
        handled = handled_share(agents, volumes, interval_minutes, params)
    else:
        agents, handled = solved_cells(volumes, open_mask, interval_minutes, params, solver)
    contacts = handled_contacts(volumes, handled, weekday_counts, windows)
    totals = solved_totals(
        agents, volumes, weekday_counts, interval_minutes, windows, lambda: contacts
    )
    return totals, IntervalCells.kept(agents, volumes, handled)


def staffing_plan(
    volumes: Array,
    weekday_counts: npt.NDArray[np.int64],
    open_mask: BoolArray,
    interval_minutes: int,
    params: ServiceParams,
    windows: Mapping[str, BoolArray] | None = None,
    solver: IntervalSolver | None = None,
) -> StaffingPlan:
    """The plan of one queue part from its interval volumes [M, 7, T] (module docstring).

    ``solver`` (shared by the parts of a run) solves each distinct interval once.
    """
    totals, cells = kept_totals(
        volumes, weekday_counts, open_mask, interval_minutes, params, windows, solver
    )
    return planned(totals, params, cells)


def remade_cells(
    volumes: Callable[[], Array],
    open_mask: BoolArray,
    interval_minutes: int,
    params: ServiceParams,
    solver: IntervalSolver,
) -> IntervalCells:
    """Cells made again when read: ``volumes()`` staffed by ``solver`` (the plan's agents
    and handled shares bit for bit, as the solver's answers never change)."""

    def agents() -> Array:
        return interval_agents(volumes(), open_mask, interval_minutes, params, solver)

    def handled() -> Array | None:
        return solved_cells(volumes(), open_mask, interval_minutes, params, solver)[1]

    return IntervalCells(agents, volumes, handled)


def solved_cells(
    volumes: Array,
    open_mask: BoolArray,
    interval_minutes: int,
    params: ServiceParams,
    solver: IntervalSolver,
) -> tuple[Array, Array | None]:
    """:func:`interval_agents` and :func:`handled_share` by ``solver``, the volumes of an
    Erlang A part sorted once for both (the same arrays)."""
    is_open = np.broadcast_to(open_mask[None, :, :], volumes.shape)
    abandons = params.realtime and params.patience_s is not None
    if not abandons or (volumes[~is_open] > 0).any():
        agents = interval_agents(volumes, open_mask, interval_minutes, params, solver)
        return agents, handled_share(agents, volumes, interval_minutes, params, solver)
    months = volumes.shape[0]
    aht = np.broadcast_to(np.asarray(params.aht_s, dtype=float), (months,))
    aht_grid = np.broadcast_to(aht[:, None, None], volumes.shape)
    agents = np.zeros(volumes.shape)
    share = np.ones(volumes.shape)
    key = solve_key(params, interval_minutes)
    agents[is_open], share[is_open] = solver.cells(key, volumes[is_open], aht_grid[is_open])
    return agents, share
