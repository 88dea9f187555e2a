"""The solve totals of one part as a job: what they read, made now or when first asked.

A :class:`SolveJob` is a part's interval volumes (made when asked), where it works, its
service and the month's weekday counts and windows; :func:`job_totals` makes its
:class:`~cscost.staffing.plan.SolvedTotals` with a run's solver. Evaluate's parts
(:mod:`cscost.evaluate.parts`) and break-even's staging of every grid factor at once
(:mod:`cscost.decide.staging`) make them by this one path, keyed alike
(:func:`solve_tail`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from cscost.arrays import Array, BoolArray, IntArray
from cscost.staffing.plan import (
    Contacts,
    ServiceParams,
    SolvedTotals,
    handled_contacts,
    interval_agents,
    kept_totals,
    solve_key,
    solved_cells,
    solved_totals,
)
from cscost.staffing.solver import IntervalSolver


def scaled_share(volumes: Array, share: Array, volume_factor: float) -> Array:
    """A part's interval volumes: the queue's [M, D, T] × its share [D, T] × the factor."""
    out = volumes * share[None, :, :]
    return out * volume_factor if volume_factor != 1.0 else out


@dataclass(frozen=True)
class SolveJob:
    """What the solve totals of one part read (:func:`job_totals`)."""

    volumes: Callable[[], Array]  # the part's interval volumes [M, D, T], made when asked
    mask: BoolArray  # [D, T] where the part works
    interval: int  # minutes
    params: ServiceParams
    counts: IntArray  # weekday counts [M, D]
    windows: Mapping[str, BoolArray]


def job_totals(job: SolveJob, solver: IntervalSolver, lazy: bool) -> SolvedTotals:
    """The solve totals of ``job``; ``lazy``: its handled contacts made when first read."""
    vols, counts, windows = job.volumes(), job.counts, job.windows
    if not lazy:
        return kept_totals(vols, counts, job.mask, job.interval, job.params, windows, solver)[0]

    agents = interval_agents(vols, job.mask, job.interval, job.params, solver)
    return solved_totals(agents, vols, counts, job.interval, windows, job_contacts(job, solver))


def job_contacts(job: SolveJob, solver: IntervalSolver) -> Callable[[], Contacts]:
    """The handled contacts of ``job`` (:func:`handled_contacts`), made when called."""

    def made() -> Contacts:
        volumes = job.volumes()
        handled = solved_cells(volumes, job.mask, job.interval, job.params, solver)[1]
        return handled_contacts(volumes, handled, job.counts, job.windows)

    return made


def solve_tail(
    params: ServiceParams, share: Array, volume_factor: float, interval: int
) -> tuple[Any, ...]:
    """What :meth:`Staffer.solved_key` keys a part by beside its queue's volumes: share,
    factor, service and AHT."""
    return (
        share.tobytes(),
        volume_factor,
        params.realtime,
        solve_key(params, interval),
        np.asarray(params.aht_s, dtype=float).tobytes(),
    )
