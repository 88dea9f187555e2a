"""Required agents and queue metrics per interval: the public staffing entry points.

Real-time work (voice, chat, messaging) in each interval is a steady-state queue:
offered traffic A = λ·S with λ = volume / interval and S = AHT / concurrency (a chat
agent serving c chats at once is modelled as one server c times as fast). Erlang C
applies without patience, Erlang A with ``patience_s``. Required agents N is the least
integer with

    SL(N) ≥ target_sl,  ASA(N) ≤ max_asa_s (if given),  A/N ≤ max_occupancy (if given),
    N ≥ min_agents,     and N > A under Erlang C (a stable queue).

Zero volume needs ``min_agents``. Every function broadcasts scalars and arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array
from cscost.errors import ArgumentError
from cscost.model.units import ceil_exact, floor_exact
from cscost.staffing import abandonment as ea
from cscost.staffing import erlang as ec
from cscost.staffing import erlang_a_search as eas
from cscost.staffing.validation import MAX_TRAFFIC, checked_arrays

IntArray = npt.NDArray[np.int64]

MAX_AGENTS = 1e12
"""Required agents at or above this in one interval are an input error, never an int64
overflow into negative agents and costs."""


def traffic_erlangs(
    volume: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    concurrency: npt.ArrayLike = 1.0,
) -> Array:
    """Offered traffic A = volume / interval_s × aht_s / concurrency, in erlangs."""
    v, i, s, c = checked_arrays(
        volume=volume, interval_s=interval_s, aht_s=aht_s, concurrency=concurrency
    )
    result: Array = v * s / (i * c)
    return result


@dataclass(frozen=True)
class QueueMetrics:
    """What N agents achieve in an interval (arrays of one shape).

    ``service_level`` counts contacts answered within the target over all arrivals
    (abandoned ones are not answered); ``service_level_served`` over served contacts only;
    ``asa_s`` is the average wait of served contacts; ``occupancy`` = carried traffic / N.
    """

    agents: Array
    traffic: Array
    p_wait: Array
    service_level: Array
    service_level_served: Array
    asa_s: Array
    occupancy: Array
    p_abandon: Array

    def as_dict(self) -> dict[str, Array]:
        """The metrics by field name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def queue_metrics(
    agents: npt.ArrayLike,
    volume: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    target_answer_s: npt.ArrayLike,
    *,
    patience_s: npt.ArrayLike | None = None,
    concurrency: npt.ArrayLike = 1.0,
) -> QueueMetrics:
    """Service level, ASA, occupancy and abandonment of ``agents`` under Erlang C or A."""
    shape, n, a, service, t, p = metric_inputs(
        agents, volume, interval_s, aht_s, target_answer_s, patience_s, concurrency
    )
    out = {
        name: np.zeros(n.shape)
        for name in (
            "p_wait",
            "service_level",
            "service_level_served",
            "asa_s",
            "occupancy",
            "p_abandon",
        )
    }
    busy = a > 0
    out["service_level"][~busy] = out["service_level_served"][~busy] = 1.0
    nobody = busy & (n == 0)
    for name, value in (
        ("p_wait", 1.0),
        ("asa_s", np.inf),
        ("p_abandon", 1.0 if p is not None else 0.0),
    ):
        out[name][nobody] = value
    idx = np.flatnonzero(busy & (n > 0))
    if p is None:
        _fill_erlang_c(out, idx, n, a, service, t)
    else:
        _fill_erlang_a(out, idx, n, a, service, t, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        occ = np.where(n > 0, a * (1.0 - out["p_abandon"]) / n, 0.0)
    out["occupancy"] = np.minimum(occ, 1.0)
    return QueueMetrics(
        agents=n.reshape(shape),
        traffic=a.reshape(shape),
        **{k: val.reshape(shape) for k, val in out.items()},
    )


def metric_inputs(
    agents: npt.ArrayLike,
    volume: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    target_answer_s: npt.ArrayLike,
    patience_s: npt.ArrayLike | None,
    concurrency: npt.ArrayLike,
) -> tuple[tuple[int, ...], Array, Array, Array, Array, Array | None]:
    """(shape, N floored, traffic A = v·S / (interval·c), service S / c, target, patience
    or None), checked, broadcast to one shape and flattened: the inputs of
    :func:`queue_metrics` and :func:`cscost.staffing.achieved.service_levels`."""
    n, v, i, s, t, c = checked_arrays(
        agents=agents,
        volume=volume,
        interval_s=interval_s,
        aht_s=aht_s,
        target_answer_s=target_answer_s,
        concurrency=concurrency,
    )
    pat = None if patience_s is None else checked_arrays(patience_s=patience_s)[0]
    n = floor_exact(n)
    service = s / c
    shape = np.broadcast_shapes(
        n.shape, v.shape, i.shape, s.shape, t.shape, c.shape, () if pat is None else pat.shape
    )
    n, a, service, t = (np.broadcast_to(x, shape).ravel() for x in (n, v * s / (i * c), service, t))
    p = None if pat is None else np.broadcast_to(pat, shape).ravel()
    return shape, n, a, service, t, p


def _fill_erlang_c(
    out: dict[str, Array], idx: npt.NDArray[np.intp], n: Array, a: Array, service: Array, t: Array
) -> None:
    nn, aa = n[idx], a[idx]
    c = ec.erlang_c(nn, aa)
    out["p_wait"][idx] = c
    sl = ec.erlang_c_service_level(c, nn, aa, t[idx], service[idx])
    out["service_level"][idx] = out["service_level_served"][idx] = sl
    out["asa_s"][idx] = ec.erlang_c_asa(c, nn, aa, service[idx])


def _fill_erlang_a(
    out: dict[str, Array],
    idx: npt.NDArray[np.intp],
    n: Array,
    a: Array,
    service: Array,
    t: Array,
    patience: Array,
) -> None:
    q = ea.erlang_a(n[idx], a[idx], service[idx], t[idx], patience[idx])
    out["p_wait"][idx] = q.p_wait
    p_abandon = ea.abandon_probability(q)
    out["p_abandon"][idx] = p_abandon
    out["service_level"][idx] = q.answered_within
    out["service_level_served"][idx] = np.minimum(q.answered_within / (1.0 - p_abandon), 1.0)
    out["asa_s"][idx] = ea.erlang_a_asa(q)


def required_agents(
    volume: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    target_answer_s: npt.ArrayLike,
    target_sl: npt.ArrayLike,
    *,
    max_occupancy: npt.ArrayLike | None = None,
    patience_s: npt.ArrayLike | None = None,
    concurrency: npt.ArrayLike = 1.0,
    max_asa_s: npt.ArrayLike | None = None,
    min_agents: npt.ArrayLike = 0,
) -> IntArray:
    """Least integer N meeting the service-level, ASA and occupancy targets (module doc).

    Erlang C without ``patience_s`` (N > A also), Erlang A with it. Returns int64 with
    the broadcast shape of the arguments.
    """
    v, i, s, t, level, c, m = checked_arrays(
        volume=volume,
        interval_s=interval_s,
        aht_s=aht_s,
        target_answer_s=target_answer_s,
        target_sl=target_sl,
        concurrency=concurrency,
        min_agents=min_agents,
    )
    optional = {
        "max_occupancy": max_occupancy,
        "max_asa_s": max_asa_s,
        "patience_s": patience_s,
    }
    occ, asa, pat = (
        None if value is None else checked_arrays(**{name: value})[0]
        for name, value in optional.items()
    )
    shape = np.broadcast_shapes(
        *(x.shape for x in (v, i, s, t, level, c, m, occ, asa, pat) if x is not None)
    )

    def flat(x: Array | None, fill: float = np.inf) -> Array:
        return np.broadcast_to(np.full((), fill) if x is None else x, shape).ravel()

    a, service = flat(v * s / (i * c)), flat(s / c)
    _check_load(a, m)
    _check_size(a, a)
    # Lower bounds that need no queueing formula: min agents, occupancy cap, one agent.
    lower = flat(ceil_exact(m))
    if occ is not None:
        lower = np.maximum(lower, ceil_exact(a / flat(occ)))
    # A load under MIN_TRAFFIC erlangs (a subnormal volume …) needs one agent: P(wait) ≈ a.
    tiny = (a > 0) & (a < MIN_TRAFFIC)
    lower = np.where(tiny, np.maximum(lower, 1.0), lower)
    busy = np.flatnonzero(a >= MIN_TRAFFIC)
    everyone = busy.size == a.size

    def pick(x: Array) -> Array:
        return x if everyone else x[busy]

    n = lower.astype(float, copy=True)
    if busy.size:
        ab, lb = pick(a), np.maximum(pick(lower), 1.0)
        args = (ab, pick(flat(t)), pick(service), pick(flat(level)), pick(flat(asa)))
        # Erlang A where patience is finite (∞ = Erlang C)
        patience = np.full(ab.size, np.inf) if pat is None else pick(flat(pat))
        finite = np.isfinite(patience)
        n_c = np.empty(ab.size)
        for k, erlang_a in ((np.flatnonzero(~finite), False), (np.flatnonzero(finite), True)):
            if not k.size:
                continue
            whole = k.size == ab.size  # no copies for a profile of one kind
            ak, tk, sk, levk, asak, lbk, pk = (x if whole else x[k] for x in (*args, lb, patience))
            if erlang_a:
                start = eas.start_agents(ak, sk, tk, pk, levk)
                found = eas.erlang_a_required(ak, sk, tk, pk, levk, asak, lbk, start)
            else:
                found = ec.erlang_c_required(
                    ak, tk, sk, levk, asak, np.maximum(lbk, floor_exact(ak) + 1.0)
                )
            n_c[k] = found
        if not np.isfinite(n_c).all():
            raise ArgumentError(
                "no number of agents meets the targets within the range cscost searches; "
                "check the volume, handle time and targets"
            )
        n[busy] = n_c
    _check_size(n, a)
    return n.astype(np.int64).reshape(shape)


MIN_TRAFFIC = 1e-9
"""Offered load (erlangs) below which one agent is enough, without a queueing formula."""


def _check_load(a: Array, min_agents: Array) -> None:
    """ArgumentError for a load over MAX_TRAFFIC erlangs or a fractional min_agents."""
    if (a > MAX_TRAFFIC).any():
        found = float(a[a > MAX_TRAFFIC][0])
        raise ArgumentError(
            f"the offered load volume × aht_s / (interval_s × concurrency) is {found:.3g} "
            f"erlangs, over the {MAX_TRAFFIC:g} cscost staffs; check the volume and interval"
        )
    if (min_agents != np.floor(min_agents)).any():
        found = float(min_agents[min_agents != np.floor(min_agents)][0])
        raise ArgumentError(f"min_agents must be a whole number, found {found:g}")


def _check_size(n: Array, a: Array) -> None:
    """ArgumentError when agents (or traffic) reach :data:`MAX_AGENTS` or are not finite."""
    if n.size and (not np.all(np.isfinite(n)) or float(np.max(n)) >= MAX_AGENTS):
        raise ArgumentError(
            f"required agents exceed {MAX_AGENTS:.0e} in an interval (traffic up to "
            f"{float(np.max(a)):.3g} erlangs): the volume or the AHT is far beyond what can be "
            "staffed; check their units"
        )
