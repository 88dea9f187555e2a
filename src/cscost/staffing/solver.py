"""Interval solves made once: required agents and abandonment of each distinct interval.

An evaluation asks the staffing kernel for the same interval many times: one queue and
provider appear in several options, weekdays with equal weights carry equal volumes,
the day has flat stretches, and flat months repeat. Only 14–25 % of the interval
solves are distinct. An :class:`IntervalSolver` keeps, per service (the targets and
workforce assumptions that :func:`cscost.staffing.queueing.required_agents` reads,
without the AHT) and per AHT, the sorted distinct volumes already solved and their
answers; a request solves only the volumes it has not seen (one vectorised kernel call)
and looks the rest up by binary search.

The kernel is element-wise (each interval's search depends on its own inputs only), so
an answer does not depend on which other intervals were solved with it: the agents and
``1 − P(abandon)`` are those of a per-interval solve, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array
from cscost.staffing import abandonment as ea
from cscost.staffing.queueing import required_agents

ServiceKey = tuple[float, ...]
"""The inputs of a solve other than volume and AHT, as a hashable tuple."""


def service_key(
    interval_s: float,
    answer_within_s: float,
    level: float,
    max_asa_s: float | None,
    patience_s: float | None,
    concurrency: float,
    max_occupancy: float,
    min_agents: float,
) -> ServiceKey:
    """The service of a solve; None (no bound) is encoded as NaN (never equal to a number)."""
    return (
        float(interval_s),
        float(answer_within_s),
        float(level),
        np.nan if max_asa_s is None else float(max_asa_s),
        np.nan if patience_s is None else float(patience_s),
        float(concurrency),
        float(max_occupancy),
        float(min_agents),
    )


def _none(x: float) -> float | None:
    return None if np.isnan(x) else x


@dataclass
class _Table:
    """Sorted distinct volumes of one (service, AHT) and their answers."""

    volumes: Array = field(default_factory=lambda: np.empty(0))
    agents: Array = field(default_factory=lambda: np.empty(0))
    handled: Array = field(default_factory=lambda: np.empty(0))  # 1 − P(abandon); NaN: not yet


@dataclass
class IntervalSolver:
    """Required agents and handled shares of intervals, each distinct one solved once.

    ``solves`` counts the distinct interval solves made, ``requests`` the intervals asked.
    """

    solves: int = 0
    requests: int = 0
    _tables: dict[tuple[ServiceKey, float], _Table] = field(default_factory=dict)

    def agents(self, key: ServiceKey, volume: Array, aht_s: Array) -> Array:
        """Required agents (float) of 1-d ``volume`` and ``aht_s`` under service ``key``."""
        out = np.empty(volume.shape)
        self.requests += volume.size
        for aht, sel in _by_aht(aht_s):
            table, pos, inverse = self._table(key, aht, volume[sel])
            out[sel] = table.agents[pos][inverse]
        return out

    def handled_share(self, key: ServiceKey, volume: Array, aht_s: Array) -> Array:
        """1 − P(abandon) at the required agents of each busy interval (volume > 0)."""
        out = np.empty(volume.shape)
        for aht, sel in _by_aht(aht_s):
            table, pos, inverse = self._table(key, aht, volume[sel])
            todo = pos[np.isnan(table.handled[pos])]
            if todo.size:
                table.handled[todo] = 1.0 - abandon_probability(
                    key, table.agents[todo], table.volumes[todo], aht
                )
            out[sel] = table.handled[pos][inverse]
        return out

    def _table(
        self, key: ServiceKey, aht: float, volume: Array
    ) -> tuple[_Table, npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """The table of (key, aht) extended by the volumes it lacks; the position in it of
        each distinct volume wanted (sorted), and of each volume's distinct one."""
        table = self._tables.setdefault((key, aht), _Table())
        wanted, inverse = np.unique(volume, return_inverse=True)
        idx = np.searchsorted(table.volumes, wanted)
        known = idx < table.volumes.size
        known[known] = table.volumes[idx[known]] == wanted[known]
        new = wanted[~known]
        if new.size:
            solved = self._step_solve(key, aht, table, new)
            at = np.searchsorted(table.volumes, new) + np.arange(new.size)  # merged places
            fresh = np.zeros(table.volumes.size + new.size, dtype=bool)
            fresh[at] = True
            table.volumes = _merged(table.volumes, new, fresh)
            table.agents = _merged(table.agents, solved, fresh)
            table.handled = _merged(table.handled, np.full(new.size, np.nan), fresh)
            idx = np.searchsorted(table.volumes, wanted)
        return table, idx, inverse.reshape(-1)

    def _step_solve(self, key: ServiceKey, aht: float, table: _Table, new: Array) -> Array:
        """Agents of the sorted volumes ``new``: N(λ) is a non-decreasing step function, so a
        volume between two solved ones with equal agents has those agents too.

        First from the table's neighbours, then from a sample of every ``stride``-th new
        volume (√(count / steps) apart); only the volumes between two samples with
        different agents are solved one by one.
        """
        out = np.full(new.size, np.nan)
        j = np.searchsorted(table.volumes, new)
        inside = (j > 0) & (j < table.volumes.size)
        below = table.agents[np.maximum(j - 1, 0)] if table.volumes.size else out
        above = table.agents[np.minimum(j, table.volumes.size - 1)] if table.volumes.size else out
        flat = inside & (below == above)
        out[flat] = below[flat]
        todo = np.flatnonzero(~flat)
        if todo.size <= _DIRECT:
            out[todo] = self._solve(key, new[todo], aht)
            return out
        first = self._solve(key, new[todo[[0, -1]]], aht)
        steps = max(float(first[1] - first[0]), 1.0)
        stride = max(int(np.sqrt(todo.size / steps)), 1)
        sample = np.unique(np.append(np.arange(0, todo.size, stride), todo.size - 1))
        out[todo[sample]] = self._solve(key, new[todo[sample]], aht)
        gap = np.searchsorted(sample, np.arange(todo.size), side="right") - 1  # sample ≤ k
        lo = out[todo[sample[gap]]]
        hi = out[todo[sample[np.minimum(gap + 1, sample.size - 1)]]]
        rest = np.flatnonzero(np.isnan(out[todo]) & (lo == hi))
        out[todo[rest]] = lo[rest]
        left = todo[np.isnan(out[todo])]
        out[left] = self._solve(key, new[left], aht)
        return out

    def _solve(self, key: ServiceKey, volume: Array, aht: float) -> Array:
        self.solves += volume.size
        return _solve(key, volume, aht)


_DIRECT = 64
"""Up to this many new volumes are solved directly, without the step-function sampling."""


def _merged(old: Array, new: Array, fresh: npt.NDArray[np.bool_]) -> Array:
    """``old`` and ``new`` interleaved: ``new`` where ``fresh``, ``old`` elsewhere, in order."""
    out = np.empty(fresh.size)
    out[fresh] = new
    out[~fresh] = old
    return out


def _by_aht(aht_s: Array) -> list[tuple[float, npt.NDArray[np.intp] | slice]]:
    """(AHT, the positions with it) for each distinct AHT of ``aht_s``."""
    if aht_s.size and (aht_s == aht_s[0]).all():
        return [(float(aht_s[0]), slice(None))]
    return [(float(a), np.flatnonzero(aht_s == a)) for a in np.unique(aht_s)]


def _solve(key: ServiceKey, volume: Array, aht: float) -> Array:
    interval_s, answer_s, level, asa, patience, concurrency, occupancy, minimum = key
    return required_agents(
        volume,
        interval_s,
        np.full(volume.shape, aht),
        answer_s,
        level,
        max_occupancy=occupancy,
        patience_s=_none(patience),
        concurrency=concurrency,
        max_asa_s=_none(asa),
        min_agents=minimum,
    ).astype(np.float64)


def abandon_probability(key: ServiceKey, agents: Array, volume: Array, aht: float) -> Array:
    """P(abandon) of ``agents`` on ``volume`` (> 0) under Erlang A, as queue_metrics gives it.

    The same arithmetic as :func:`cscost.staffing.queueing.queue_metrics` (traffic
    A = v·S / (interval·c), service S / c), without the ASA it does not need.
    """
    interval_s, answer_s, _, _, patience, concurrency, _, _ = key
    aht_s = np.full(volume.shape, aht)
    a = volume * aht_s / (interval_s * concurrency)
    service = aht_s / concurrency
    out = np.ones(volume.shape)  # nobody to answer: every caller hangs up
    idx = np.flatnonzero(agents > 0)
    if idx.size:
        q = ea.erlang_a(
            agents[idx],
            a[idx],
            service[idx],
            np.full(idx.size, answer_s),
            np.full(idx.size, patience),
        )
        out[idx] = ea.abandon_probability(q)
    return out
