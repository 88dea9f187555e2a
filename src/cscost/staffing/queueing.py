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
        ("p_abandon", 1.0 if pat is not None else 0.0),
    ):
        out[name][nobody] = value
    idx = np.flatnonzero(busy & (n > 0))
    if pat is None:
        _fill_erlang_c(out, idx, n, a, service, t)
    else:
        p = np.broadcast_to(pat, shape).ravel()
        _fill_erlang_a(out, idx, n, a, service, t, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        occ = np.where(n > 0, a * (1.0 - out["p_abandon"]) / n, 0.0)
    out["occupancy"] = np.minimum(occ, 1.0)
    return QueueMetrics(
        agents=n.reshape(shape),
        traffic=a.reshape(shape),
        **{k: val.reshape(shape) for k, val in out.items()},
    )


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
        n_c = ec.erlang_c_required(*args, np.maximum(lb, floor_exact(ab) + 1.0))
        if pat is not None:  # Erlang A where patience is finite (∞ = Erlang C)
            patience = pick(flat(pat))
            k = np.flatnonzero(np.isfinite(patience))
            sub = (ab, args[2], args[1], patience, args[3], args[4], lb, n_c)
            n_c = n_c.copy()
            n_c[k] = _erlang_a_required(*(x[k] for x in sub))
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


def _erlang_a_meets(
    n: Array,
    a: Array,
    service: Array,
    t: Array,
    patience: Array,
    level: Array,
    asa: Array,
    log_b: Array | None = None,
) -> tuple[npt.NDArray[np.bool_], Array]:
    """(targets met, logit SL − logit target) of N agents under Erlang A."""
    q = ea.erlang_a(n, a, service, t, patience, log_b)
    sl = np.clip(q.answered_within, 1e-300, 1.0 - 1e-16)
    ok = q.answered_within >= level - 1e-12
    has_asa = np.isfinite(asa)
    if has_asa.any():
        asa_n = np.where(has_asa, ea.erlang_a_asa(q), 0.0)
        ok &= asa_n <= asa * (1 + 1e-12)
    gap = np.log(sl / (1.0 - sl)) - np.log(level / (1.0 - level))
    return ok, gap


def _erlang_a_pair(
    m: Array, a: Array, service: Array, t: Array, patience: Array, level: Array, asa: Array
) -> tuple[npt.NDArray[np.bool_], Array, npt.NDArray[np.bool_], Array]:
    """:func:`_erlang_a_meets` at m and at m − 1 (≥ 1), Erlang B of m − 1 by the recursion.

    B(m − 1) = m·B(m) / (A·(1 − B(m))) saves one incomplete gamma function per pair.
    """
    args = (a, service, t, patience, level, asa)
    below = np.maximum(m - 1.0, 1.0)
    log_b = ec.log_erlang_b(m, a)
    with np.errstate(divide="ignore"):
        log_b_below = np.where(
            below < m, np.log(m) + log_b - np.log(a) - np.log1p(-np.exp(log_b)), log_b
        )
    ok_m, g_m = _erlang_a_meets(m, *args, log_b=log_b)
    ok_b, g_b = _erlang_a_meets(below, *args, log_b=np.minimum(log_b_below, 0.0))
    return ok_m, g_m, ok_b, g_b


def _erlang_a_required(
    a: Array,
    service: Array,
    t: Array,
    patience: Array,
    level: Array,
    asa: Array,
    lower: Array,
    upper_guess: Array,
) -> Array:
    """Least N ≥ lower meeting the targets under Erlang A: integer Newton steps on pairs.

    The answer lies in (lo, hi] with hi meeting the targets: hi starts at the Erlang C
    answer (callers who hang up only shorten the queue, so it usually meets the target;
    else it is raised), lo below ⌈level·A⌉ − 1 (answered within t ≤ carried/offered
    traffic ≤ N/A) and below ``lower``. Each round tests a pair (m, m − 1): m is the
    answer when it meets the targets and m − 1 does not; otherwise the pair narrows the
    bracket and its slope in logit SL gives the next m by a Newton step. Intervals not
    settled after a few rounds are bisected.
    """
    args = (a, service, t, patience, level, asa)
    floor_n = np.maximum(lower, ceil_exact(level * a) - 1.0)  # the answer is ≥ floor_n
    lo = floor_n - 1.0
    hi = np.maximum(upper_guess, floor_n)
    result = np.full(a.size, np.nan)
    # Round 0 by hand: the pair (hi, hi − 1), raising hi where it fails (rare).
    below = np.maximum(hi - 1.0, 1.0)
    ok_m, g_m, ok_b, g_b = _erlang_a_pair(hi, *args)
    todo = np.flatnonzero(~ok_m)
    for _ in range(_MAX_DOUBLINGS):  # Erlang A needs more agents than Erlang C here
        if not todo.size:
            break
        lo[todo] = hi[todo]
        hi[todo] = hi[todo] + np.maximum(hi[todo] - floor_n[todo], 1.0)
        ok_t, _ = _erlang_a_meets(hi[todo], *(x[todo] for x in args))
        todo = todo[~ok_t]
    hi[todo] = np.nan  # never met: reported by required_agents
    ok_b &= ok_m & (below > lo)
    found = ok_m & ~ok_b
    result[found] = hi[found]
    lo = np.where(ok_m & ~ok_b, below, lo)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(ok_m & (g_m > g_b), g_m / (g_m - g_b), np.nan)
    hi = np.where(ok_b, below, hi)
    guess = np.where(np.isfinite(step), np.ceil(below + 1.0 - step), hi)
    idx = np.flatnonzero(~found)
    m = np.clip(guess[idx], lo[idx] + 1.0, hi[idx])
    for _ in range(_NEWTON_ROUNDS):
        settled = hi[idx] - lo[idx] <= 1.0
        result[idx[settled]] = hi[idx[settled]]
        idx, m = idx[~settled], m[~settled]
        if not idx.size:
            return result
        sub = tuple(x[idx] for x in args)
        below = np.maximum(m - 1.0, 1.0)
        ok_m, g_m, ok_b, g_b = _erlang_a_pair(m, *sub)
        ok_b &= below > lo[idx]
        found = ok_m & ~ok_b
        result[idx[found]] = m[found]
        hi[idx] = np.where(ok_b, below, np.where(ok_m, m, hi[idx]))
        lo[idx] = np.where(ok_m, np.where(ok_b, lo[idx], below), m)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.where(g_m > g_b, g_m / (g_m - g_b), np.nan)
        guess = np.ceil(m - step)
        guess = np.where(np.isfinite(guess), guess, np.floor((lo[idx] + hi[idx]) / 2.0) + 1.0)
        keep = ~found
        idx, m = idx[keep], np.clip(guess[keep], lo[idx[keep]] + 1.0, hi[idx[keep]])
    for _ in range(_MAX_BISECTIONS):  # bisection of what the Newton rounds left
        settled = hi[idx] - lo[idx] <= 1.0
        result[idx[settled]] = hi[idx[settled]]
        idx = idx[~settled]
        if not idx.size:
            break
        mid = np.floor((lo[idx] + hi[idx]) / 2.0)
        ok_mid, _ = _erlang_a_meets(mid, *(x[idx] for x in args))
        hi[idx] = np.where(ok_mid, mid, hi[idx])
        lo[idx] = np.where(ok_mid, lo[idx], mid)
    return result


_NEWTON_ROUNDS = 5
_MAX_DOUBLINGS = 64
"""Raising steps of the upper bracket: 2⁶⁴ agents is past any legal input."""
_MAX_BISECTIONS = 128
"""Halvings of a bracket: a bracket of 2¹²⁸ agents or less is settled well before."""
