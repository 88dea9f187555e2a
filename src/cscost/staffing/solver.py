"""Interval solves made once: required agents and abandonment of each distinct interval.

An evaluation asks the staffing kernel for the same interval many times: one queue and
provider appear in several options, weekdays with equal weights carry equal volumes,
the day has flat stretches, and flat months repeat. Only 14–25 % of the interval
solves are distinct. An :class:`IntervalSolver` keeps, per service (the targets and
workforce assumptions that :func:`cscost.staffing.queueing.required_agents` reads,
without the AHT) and per AHT, the sorted distinct volumes already solved and their
answers; a request solves only the volumes it has not seen (a few vectorised kernel calls)
and looks the rest up by binary search.

The kernel is element-wise (each interval's search depends on its own inputs only), so
an answer does not depend on which other intervals were solved with it: the agents and
``1 − P(abandon)`` are those of a per-interval solve, bit for bit.
"""

from __future__ import annotations

import math
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
    """The volumes of one (service, AHT) solved so far, sorted, and their agents."""

    volumes: Array = field(default_factory=lambda: np.empty(0))
    agents: Array = field(default_factory=lambda: np.empty(0))
    handled_volumes: Array = field(default_factory=lambda: np.empty(0))
    handled: Array = field(default_factory=lambda: np.empty(0))  # 1 − P(abandon)

    def known(self, wanted: Array) -> Array:
        """Agents of the sorted ``wanted`` volumes: solved, or between two solved volumes
        with equal agents (a non-decreasing step function is flat there); NaN otherwise."""
        out = np.full(wanted.size, np.nan)
        size = self.volumes.size
        if not size:
            return out
        j = np.searchsorted(self.volumes, wanted)
        at = np.minimum(j, size - 1)
        exact = (j < size) & (self.volumes[at] == wanted)
        below = self.agents[np.maximum(j - 1, 0)]
        flat = (j > 0) & (j < size) & (below == self.agents[at])
        out[flat] = below[flat]
        out[exact] = self.agents[at[exact]]
        return out

    def add(self, volumes: Array, agents: Array) -> None:
        """Insert solved ``volumes`` (sorted, new) and their agents, keeping the order."""
        if not volumes.size:
            return
        at = np.searchsorted(self.volumes, volumes) + np.arange(volumes.size)
        fresh = np.zeros(self.volumes.size + volumes.size, dtype=bool)
        fresh[at] = True
        self.volumes = _merged(self.volumes, volumes, fresh)
        self.agents = _merged(self.agents, agents, fresh)


@dataclass
class IntervalSolver:
    """Required agents and handled shares of intervals, each distinct one solved once.

    Required agents are a non-decreasing step function of the volume (for one service
    and AHT): a volume between two solved volumes with equal agents has those agents, so
    only the solved volumes are kept (few: about two per agent step) and most distinct
    volumes are never solved at all. ``solves`` counts the kernel's interval solves,
    ``requests`` the intervals asked, ``distinct`` the distinct (service, AHT, volume)
    asked (a volume asked again counts again).
    """

    solves: int = 0
    requests: int = 0
    distinct: int = 0
    _tables: dict[tuple[ServiceKey, float], _Table] = field(default_factory=dict)

    def agents(self, key: ServiceKey, volume: Array, aht_s: Array) -> Array:
        """Required agents (float) of 1-d ``volume`` and ``aht_s`` under service ``key``."""
        out = np.empty(volume.shape)
        self.requests += volume.size
        for aht, sel in _by_aht(aht_s):
            wanted, inverse = np.unique(volume[sel], return_inverse=True)
            out[sel] = self._distinct_agents(key, aht, wanted)[inverse.reshape(-1)]
        return out

    def cells(self, key: ServiceKey, volume: Array, aht_s: Array) -> tuple[Array, Array]:
        """(required agents, 1 − P(abandon)) of each interval, one sort of the volumes for
        both; the share is 1 where the volume is 0 (as :meth:`handled_share` leaves it)."""
        agents = np.empty(volume.shape)
        share = np.ones(volume.shape)
        self.requests += volume.size
        for aht, sel in _by_aht(aht_s):
            wanted, inverse = np.unique(volume[sel], return_inverse=True)
            inverse = inverse.reshape(-1)
            distinct = self._distinct_agents(key, aht, wanted)
            agents[sel] = distinct[inverse]
            busy = wanted > 0
            handled = np.ones(wanted.size)
            handled[busy] = self._distinct_handled(key, aht, wanted[busy], distinct[busy])
            share[sel] = handled[inverse]
        return agents, share

    def cells_where(
        self, key: ServiceKey, volume: Array, aht_s: Array, handled: npt.NDArray[np.bool_]
    ) -> tuple[Array, Array]:
        """(required agents, 1 − P(abandon) where ``handled`` and the volume is > 0, else
        1) of each interval: one sort of the volumes for both (a batch of many parts)."""
        agents = np.empty(volume.shape)
        share = np.ones(volume.shape)
        self.requests += volume.size
        for aht, sel in _by_aht(aht_s):
            wanted, inverse = _unique_of_runs(volume[sel])
            distinct = self._distinct_agents(key, aht, wanted)
            agents[sel] = distinct[inverse]
            asked = handled[sel]
            need = np.zeros(wanted.size, dtype=bool)
            need[inverse[asked]] = True
            need &= wanted > 0
            made = np.ones(wanted.size)
            made[need] = self._distinct_handled(key, aht, wanted[need], distinct[need])
            share[sel] = np.where(asked, made[inverse], 1.0)
        return agents, share

    def handled_share(self, key: ServiceKey, volume: Array, aht_s: Array) -> Array:
        """1 − P(abandon) at the required agents of each busy interval (volume > 0)."""
        out = np.empty(volume.shape)
        for aht, sel in _by_aht(aht_s):
            wanted, inverse = np.unique(volume[sel], return_inverse=True)
            out[sel] = self._distinct_handled(key, aht, wanted)[inverse.reshape(-1)]
        return out

    def _distinct_handled(
        self, key: ServiceKey, aht: float, wanted: Array, agents: Array | None = None
    ) -> Array:
        """1 − P(abandon) of the sorted distinct busy volumes ``wanted`` (kept once made);
        ``agents``, their required agents, when the caller has them."""
        table = self._tables.setdefault((key, aht), _Table())
        share = np.empty(wanted.size)
        seen = np.zeros(wanted.size, dtype=bool)
        if table.handled_volumes.size:
            j = np.searchsorted(table.handled_volumes, wanted)
            at = np.minimum(j, table.handled_volumes.size - 1)
            seen = (j < table.handled_volumes.size) & (table.handled_volumes[at] == wanted)
            share[seen] = table.handled[at[seen]]
        new = wanted[~seen]
        if new.size:
            staff = self._distinct_agents(key, aht, new) if agents is None else agents[~seen]
            share[~seen] = 1.0 - abandon_probability(key, staff, new, aht)
            fresh = np.zeros(table.handled.size + new.size, dtype=bool)
            fresh[np.searchsorted(table.handled_volumes, new) + np.arange(new.size)] = True
            table.handled_volumes = _merged(table.handled_volumes, new, fresh)
            table.handled = _merged(table.handled, share[~seen], fresh)
        return share

    def _distinct_agents(self, key: ServiceKey, aht: float, wanted: Array) -> Array:
        """Agents of the sorted distinct volumes ``wanted``."""
        self.distinct += wanted.size
        table = self._tables.setdefault((key, aht), _Table())
        out = table.known(wanted)
        todo = np.flatnonzero(np.isnan(out))
        if todo.size:
            out[todo] = self._step_solve(key, aht, table, wanted[todo])
        return out

    def _step_solve(self, key: ServiceKey, aht: float, table: _Table, new: Array) -> Array:
        """Agents of the sorted volumes ``new`` that ``table`` cannot answer, solved into it.

        The two ends are solved; then, level by level (one kernel call per level), each
        gap between two solved volumes with unequal agents is cut by solves spread evenly
        over it — two per agent of difference, at least enough that the level's solves
        outweigh a call (``_CALL_SOLVES``) — until every gap is flat (its volumes take
        the agents of its ends) or solved through.
        """
        if new.size <= _DIRECT:
            out = self._solve(key, new, aht)
            table.add(new, out)
            return out
        out = np.full(new.size, np.nan)
        points = np.array([0, new.size - 1])
        out[points] = self._solve(key, new[points], aht)
        while True:
            lo, hi = points[:-1], points[1:]
            cut = (hi - lo > 1) & (out[lo] != out[hi])
            if not cut.any():
                break
            lo, hi = lo[cut], hi[cut]
            width = hi - lo
            least = math.ceil(math.sqrt(2.0 * _CALL_SOLVES / lo.size))
            steps = np.ceil(np.abs(out[hi] - out[lo])).astype(np.intp)
            inner = np.minimum(width - 1, np.maximum(2 * steps, least))  # solves per gap
            gap = np.repeat(np.arange(lo.size), inner)
            j = np.arange(gap.size) - np.repeat(np.cumsum(inner) - inner, inner) + 1
            at = lo[gap] + j * width[gap] // (inner[gap] + 1)
            out[at] = self._solve(key, new[at], aht)
            points = np.union1d(points, at)
        table.add(new[points], out[points])
        solved = np.zeros(new.size, dtype=bool)
        solved[points] = True
        below = np.maximum.accumulate(np.where(solved, np.arange(new.size), 0))
        result: Array = out[below]  # in a flat gap: the agents of its lower end
        return result

    def _solve(self, key: ServiceKey, volume: Array, aht: float) -> Array:
        self.solves += volume.size
        return _solve(key, volume, aht)


_DIRECT = 64
"""Up to this many new volumes are solved directly, without the step-function sampling."""
_CALL_SOLVES = 400
"""About as many interval solves cost as much as one more call of the kernel (its fixed
cost): with g gaps to cut, each is cut by at least √(2 × this / g) solves."""


def _merged(old: Array, new: Array, fresh: npt.NDArray[np.bool_]) -> Array:
    """``old`` and ``new`` interleaved: ``new`` where ``fresh``, ``old`` elsewhere, in order."""
    out = np.empty(fresh.size)
    out[fresh] = new
    out[~fresh] = old
    return out


def _unique_of_runs(values: Array) -> tuple[Array, npt.NDArray[np.intp]]:
    """``np.unique(values, return_inverse=True)`` by one sort (numpy's default: faster
    than a stable merge of the runs, and the values and inverse do not depend on it)."""
    order = np.argsort(values)
    ordered = values[order]
    first = np.empty(ordered.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(ordered.size, dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


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
    for lo in range(0, idx.size, _CHUNK):  # element-wise: in chunks that stay in cache
        at = idx[lo : lo + _CHUNK]
        out[at] = ea.abandonment(agents[at], a[at], service[at], np.full(at.size, patience))
    return out


_CHUNK = 1 << 15
"""Intervals per call of the Erlang A kernel (its temporaries stay in the CPU's cache)."""
