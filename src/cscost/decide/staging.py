"""The solve totals of every part at every volume factor of a grid, made at once.

Break-even evaluates every option at each factor k of its grid. Made part by part, each
(service, AHT) is sorted, looked up and solved again at each k. Here the parts' solve
totals of all k are made before: per service, the volumes of every part at every k are
sorted once, the distinct ones the solver has not seen are step-solved together, and
P(abandon) is evaluated once on the distinct busy volumes of the parts whose fees read
their handled contacts. The :class:`~cscost.evaluate.parts.Staffer` keeps them under the
keys the evaluations ask for, so that those only look them up. The answers are the
solver's per-interval ones, so the totals are those of each part made on its own, bit
for bit (the same arrays, the same sums).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, BoolArray
from cscost.demand.assembly import window_masks
from cscost.evaluate.parts import Staffer, service_params
from cscost.evaluate.repeats import repeat_factor
from cscost.evaluate.solvejobs import SolveJob, job_contacts, job_totals, scaled_share, solve_tail
from cscost.evaluate.switching import BASELINE, needs_baseline
from cscost.model import Option, Scenario
from cscost.model.resolved import provider_schedule
from cscost.pricing.providers import prices_contacts
from cscost.staffing.plan import Contacts, handled_contacts, solve_key, solved_totals
from cscost.staffing.solver import ServiceKey

Job = tuple[tuple[Any, ...], SolveJob, bool]
"""(Staffer key, job, whether its handled contacts are made now)."""


def stage_grid(
    scenario: Scenario,
    volumes_at: Sequence[Mapping[str, Array]],
    staffer: Staffer,
    names_at: Sequence[Sequence[str] | None] | None = None,
) -> None:
    """Make in ``staffer`` the solve totals that ``priced_options`` of each of
    ``volumes_at`` (the queues' interval volumes at each k), for the options
    ``names_at[i]`` (None: all), will ask for."""
    windows = window_masks(scenario)
    factor = repeat_factor(scenario)
    baseline = [BASELINE] if needs_baseline(scenario) else []
    asked: dict[tuple[str, ...] | None, list[Mapping[str, Array]]] = {}
    for i, volumes in enumerate(volumes_at):
        names = None if names_at is None else names_at[i]
        asked.setdefault(None if names is None else tuple(names), []).append(volumes)
    jobs: dict[tuple[Any, ...], tuple[SolveJob, bool]] = {}
    for names, volumes_of in asked.items():
        options = [o for o in scenario.resolved_options() if names is None or o.name in names]
        for option in options + baseline:
            for full, job, provider in option_jobs(
                scenario, option, volumes_of, windows, staffer, factor
            ):
                if staffer.has_solved(full):
                    continue
                need = not staffer.contacts_when_priced or prices_contacts(scenario, provider)
                jobs[full] = (job, need or (full in jobs and jobs[full][1]))
    groups: dict[ServiceKey, list[Job]] = {}
    for full, (job, need) in jobs.items():
        if job.params.realtime:
            groups.setdefault(solve_key(job.params, job.interval), []).append((full, job, need))
        else:  # deferred work: no interval solves
            staffer.put_solved(full, job_totals(job, staffer.solver, staffer.contacts_when_priced))
    for key, members in groups.items():
        _stage_service(staffer, key, members)


def option_jobs(
    scenario: Scenario,
    option: Option,
    volumes_at: Sequence[Mapping[str, Array]],
    windows: Mapping[str, BoolArray],
    staffer: Staffer,
    volume_factor: Callable[[str, str], float] | None = None,
) -> list[tuple[tuple[Any, ...], SolveJob, str]]:
    """(key, job, provider) of the solve totals that ``option_parts`` with ``staffer``
    asks for on each of ``volumes_at`` (the rostered parts keep their own cells and are
    left out), part by part."""
    out = []
    interval = scenario.scenario.interval_minutes
    counts = staffer.weekday_counts(scenario)
    for queue, provider, share, _ in staffer.specs(scenario, option):
        if provider_schedule(scenario, provider) is not None:
            continue
        factor = 1.0 if volume_factor is None else volume_factor(queue.id, provider)
        settings = scenario.queue_settings(queue.id, provider)
        params = service_params(settings, scenario.horizon.months)
        tail, mask = solve_tail(params, share, factor, interval), share > 0
        for volumes in volumes_at:
            made = partial(scaled_share, volumes[queue.id], share, factor)
            job = SolveJob(made, mask, interval, params, counts, windows)
            full = staffer.solved_key(scenario, volumes[queue.id], windows, tail)
            out.append((full, job, provider))
    return out


def _stage_service(staffer: Staffer, key: ServiceKey, members: list[Job]) -> None:
    """The totals of the real-time ``members`` of one service: one solver call for all.

    A part's agents are asked on its open intervals; its handled shares, when made now
    and the service abandons, on every busy interval (as ``handled_share`` asks them).
    """
    abandons = members[0][1].params.patience_s is not None
    cells, volumes, ahts, asked = [], [], [], []
    hints: dict[tuple[Any, ...], list[npt.NDArray[np.intp]]] = {}
    for full, job, need in members:
        v = job.volumes()
        asks = need and abandons
        is_open = np.broadcast_to(job.mask[None, :, :], v.shape)
        pick = (is_open | (v > 0)) if asks else np.ascontiguousarray(is_open)
        picked = v[pick]
        order = _sorting(picked, hints.setdefault((*full[1:], need, picked.size), []))
        distinct, aht_of, back = _distinct(picked[order], order, job.params.aht_s, v.shape, pick)
        cells.append((v, pick, back, asks))
        volumes.append(distinct)
        ahts.append(aht_of)
        asked.append(distinct > 0 if asks else np.zeros(distinct.size, dtype=bool))
    agents_of, share_of = staffer.solver.cells_where(
        key, np.concatenate(volumes), np.concatenate(ahts), np.concatenate(asked)
    )
    ends = np.cumsum([0, *(d.size for d in volumes)])
    for (full, job, need), (v, pick, back, asks), lo, hi in zip(
        members, cells, ends[:-1], ends[1:], strict=True
    ):
        agents = np.zeros(v.shape)
        agents[pick] = agents_of[lo:hi][back]
        if asks:  # busy intervals where the part is closed were asked for their shares
            agents[~np.broadcast_to(job.mask[None, :, :], v.shape)] = 0.0
        if need:
            share = None
            if abandons:
                share = np.ones(v.shape)
                share[pick] = share_of[lo:hi][back]
            made: Contacts = handled_contacts(v, share, job.counts, job.windows)
            contacts = _kept(made)
        else:
            contacts = job_contacts(job, staffer.solver)
        totals = solved_totals(agents, v, job.counts, job.interval, job.windows, contacts)
        staffer.put_solved(full, totals)


def _distinct(
    ordered: Array,
    order: npt.NDArray[np.intp],
    aht_s: Array,
    shape: tuple[int, ...],
    pick: npt.NDArray[np.bool_],
) -> tuple[Array, Array, npt.NDArray[np.intp]]:
    """(distinct volumes, their AHTs, each picked cell → its distinct (volume, AHT)) of
    the picked cells, whose volumes sorted by ``order`` are ``ordered``: one AHT for
    every month needs no AHT per cell."""
    aht = np.broadcast_to(np.asarray(aht_s, dtype=float), (shape[0],))
    first = np.empty(ordered.size, dtype=bool)  # a new (volume, AHT) in the sorted run
    first[:1] = True
    if (aht == aht[0]).all():
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        aht_of = np.full(int(first.sum()), aht[0])
    else:
        per_cell = np.broadcast_to(aht[:, None, None], shape)[pick][order]
        first[1:] = (ordered[1:] != ordered[:-1]) | (per_cell[1:] != per_cell[:-1])
        aht_of = per_cell[first]
    back = np.empty(ordered.size, dtype=np.intp)
    back[order] = np.cumsum(first) - 1
    return ordered[first], aht_of, back


def _sorting(values: Array, hints: list[npt.NDArray[np.intp]]) -> npt.NDArray[np.intp]:
    """An order that sorts ``values``: one of ``hints`` (the orders of the same part at
    other factors, as scaling keeps the order) when it does, else a new one, kept."""
    for order in hints:
        ordered = values[order]
        if (ordered[1:] >= ordered[:-1]).all():
            return order
    order = np.argsort(values)  # any sorting order: equal volumes are alike
    hints.append(order)
    return order


def _kept(contacts: Contacts) -> Callable[[], Contacts]:
    """``contacts``, already made."""
    return lambda: contacts
