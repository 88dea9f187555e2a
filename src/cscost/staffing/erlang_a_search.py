"""The search for required agents under Erlang A (M/M/N+M): a guess, then exact pairs.

The answer is the least integer N ≥ lower with SL(N) ≥ level and ASA(N) ≤ its target by
the exact formulas of ``abandonment.py`` (SL and ASA are monotone in N). Every exact
evaluation costs three incomplete gamma functions, so the number of them decides the
time. The search starts near the answer (:func:`start_agents`: a diffusion
approximation of the overloaded queue, or the fluid answer plus a square-root margin),
not from the Erlang C answer, which at a few thousand erlangs and more is hundreds of
agents above it; from there integer Newton steps on exact pairs (m, m − 1) find it, in
one or two pairs for most intervals.
The start only chooses where to look: every answer is decided by the exact predicate
at N and N − 1, so it is the integer that any search with these formulas finds.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import special

from cscost.arrays import Array
from cscost.model.units import ceil_exact
from cscost.staffing import abandonment as ea
from cscost.staffing import erlang as ec

Bools = npt.NDArray[np.bool_]


def erlang_a_meets(
    n: Array,
    a: Array,
    service: Array,
    t: Array,
    patience: Array,
    level: Array,
    asa: Array,
    log_b: Array | None = None,
) -> tuple[Bools, Array]:
    """(targets met, logit SL − logit target) of N agents under Erlang A, exactly."""
    q = ea.erlang_a(n, a, service, t, patience, log_b)
    sl = np.clip(q.answered_within, 1e-300, 1.0 - 1e-16)
    ok = q.answered_within >= level - 1e-12
    has_asa = np.isfinite(asa)
    if has_asa.any():
        asa_n = np.where(has_asa, ea.erlang_a_asa(q), 0.0)
        ok &= asa_n <= asa * (1 + 1e-12)
    gap = np.log(sl / (1.0 - sl)) - np.log(level / (1.0 - level))
    return ok, gap


def erlang_a_pair(
    m: Array, a: Array, service: Array, t: Array, patience: Array, level: Array, asa: Array
) -> tuple[Bools, Array, Bools, Array]:
    """:func:`erlang_a_meets` at m and at m − 1 (≥ 1), Erlang B of m − 1 by the recursion.

    B(m − 1) = m·B(m) / (A·(1 − B(m))) saves one incomplete gamma function per pair.
    """
    args = (a, service, t, patience, level, asa)
    below = np.maximum(m - 1.0, 1.0)
    log_b = ec.log_erlang_b(m, a)
    with np.errstate(divide="ignore"):
        log_b_below = np.where(
            below < m, np.log(m) + log_b - np.log(a) - np.log1p(-np.exp(log_b)), log_b
        )
    ok_m, g_m = erlang_a_meets(m, *args, log_b=log_b)
    ok_b, g_b = erlang_a_meets(below, *args, log_b=np.minimum(log_b_below, 0.0))
    return ok_m, g_m, ok_b, g_b


_ROUNDS = 8
_MAX_DOUBLINGS = 64
"""Raising steps of the upper bracket: 2⁶⁴ agents is past any legal input."""
_MAX_BISECTIONS = 128
"""Halvings of a bracket: a bracket of 2¹²⁸ agents or less is settled well before."""


def fluid_agents(a: Array, t: Array, patience: Array, level: Array) -> Array:
    """The fluid-limit answer A·min(1, max(level, e^(−t/patience))): with N < A agents
    a share N/A is served, after a wait patience·ln(A/N) (the patience of the callers
    who are served exceeds it); SL reaches the level once that wait is ≤ t."""
    result: Array = a * np.minimum(1.0, np.maximum(level, np.exp(-t / patience)))
    return result


START_MARGIN = 1.5
"""Where the diffusion guess does not apply (N ≥ A), the start is the fluid answer plus
this many √A."""

_GUESS_STEPS = 5


def diffusion_agents(a: Array, service: Array, t: Array, patience: Array, level: Array) -> Array:
    """N solving (N/A)·Φ(z(N)) = level, z(N) = (N·e^(θt) − A)·√(μ/(θA)) / √(2 − e^(−θt)):
    an approximation for an overloaded queue (N < A, every caller waits).

    The queue is about Normal((λ − Nμ)/θ, λ/θ) long. A caller who finds j waiting is
    answered after about (1/θ)·ln(1 + θj/(Nμ)), so within t when the j ahead leave
    within t, j ≤ J = (Nμ/θ)(e^(θt) − 1), a count that varies about as much as it is
    large (variance ≈ J ≈ (λ/θ)(1 − e^(−θt)) near the answer); it is served with
    probability ≈ Nμ/λ = N/A. So SL ≈ (N/A)·P(queue − departures ≤ 0) = (N/A)·Φ(z).
    Newton steps on ln N − ln A + ln Φ(z) − ln level from the fluid answer; the result
    only chooses where the exact search starts.
    """
    decay = np.exp(-t / patience)
    k = np.sqrt(patience / (service * a * (2.0 - decay))) / decay  # dz/dN
    z0 = np.sqrt(a * patience / (service * (2.0 - decay)))  # −z(0)
    n = np.maximum(fluid_agents(a, t, patience, level), 1.0)
    target = np.log(level)
    for _ in range(_GUESS_STEPS):
        z = k * n - z0
        log_phi = special.log_ndtr(z)
        h = np.log(n / a) + log_phi - target
        slope = 1.0 / n + k * np.exp(-0.5 * z * z - log_phi - _LN_SQRT_2PI)
        n = np.maximum(n - h / slope, 1.0)
    return n


_LN_SQRT_2PI = 0.5 * float(np.log(2.0 * np.pi))


def start_agents(a: Array, service: Array, t: Array, patience: Array, level: Array) -> Array:
    """The first N tested: ⌈:func:`diffusion_agents`⌉ where that is below A − √A, else
    ⌈fluid answer + START_MARGIN·√A⌉ (:func:`fluid_agents`)."""
    root_a = np.sqrt(a)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        guess = diffusion_agents(a, service, t, patience, level)
    fallback = fluid_agents(a, t, patience, level) + START_MARGIN * root_a
    use = np.isfinite(guess) & (guess < a - root_a)
    result: Array = np.ceil(np.where(use, guess, fallback))
    return result


def erlang_a_required(
    a: Array,
    service: Array,
    t: Array,
    patience: Array,
    level: Array,
    asa: Array,
    lower: Array,
    start: Array,
) -> Array:
    """Least N ≥ lower meeting the targets under Erlang A: integer secant steps on pairs.

    The answer lies in (lo, hi]: lo fails (or is below the bound floor_n =
    max(lower, ⌈level·A⌉ − 1), as answered within t ≤ carried/offered ≤ N/A), hi meets
    (∞ until one N is seen to meet). Each round tests a pair (m, m − 1) with the exact
    formulas: m is the answer when it meets the targets and m − 1 does not (or m − 1 <
    floor_n). Otherwise the pair narrows the bracket and the next m is ⌈m − g(m)/(g(m) −
    g(m − 1))⌉, g = logit SL − logit level, kept inside the bracket; where that step is
    not usable (an ASA target binds, the gap is flat) the bracket is bisected, or, with
    no upper end yet, lo moves twice as far from floor_n. The first m is ``start``.
    """
    args = (a, service, t, patience, level, asa)
    floor_n = np.maximum(lower, ceil_exact(level * a) - 1.0)
    lo = floor_n - 1.0
    hi = np.full(a.size, np.inf)
    result = np.full(a.size, np.nan)
    idx = np.arange(a.size)
    m = np.maximum(start, floor_n)
    for _ in range(_ROUNDS):
        if not idx.size:
            return result
        below = m - 1.0
        ok_m, g_m, ok_b, g_b = erlang_a_pair(m, *(x[idx] for x in args))
        ok_b &= (below > lo[idx]) & ok_m
        found = ok_m & ~ok_b
        result[idx[found]] = m[found]
        l_new = np.where(ok_m, np.where(ok_b, lo[idx], below), m)
        h_new = np.where(ok_b, below, np.where(ok_m, m, hi[idx]))
        lo[idx], hi[idx] = l_new, h_new
        with np.errstate(divide="ignore", invalid="ignore"):
            root = m - g_m / (g_m - g_b)
        usable = (g_m > g_b) & ((g_m >= 0) == ok_m) & np.isfinite(root)
        bisect = np.floor((l_new + h_new) / 2.0) + 1.0
        double = l_new + np.maximum(l_new - floor_n[idx] + 1.0, 1.0)  # twice as far
        fallback = np.where(np.isfinite(h_new), bisect, double)
        guess = np.where(usable, np.ceil(root), fallback)
        keep = ~found & (h_new - l_new > 1.0)
        settled = ~found & ~keep
        result[idx[settled]] = h_new[settled]
        idx = idx[keep]
        m = np.clip(guess[keep], l_new[keep] + 1.0, h_new[keep])
        m = np.where(np.isfinite(h_new[keep]), m, np.minimum(m, 2.0**64))
    # what the secant rounds left: find an upper end, then bisect
    todo = idx[~np.isfinite(hi[idx])]
    for _ in range(_MAX_DOUBLINGS):
        if not todo.size:
            break
        probe = lo[todo] + 2.0 * np.maximum(lo[todo] - floor_n[todo] + 1.0, 1.0)
        ok_t, _ = erlang_a_meets(probe, *(x[todo] for x in args))
        hi[todo[ok_t]] = probe[ok_t]
        lo[todo[~ok_t]] = probe[~ok_t]
        todo = todo[~ok_t]
    hi[todo] = np.nan  # never met: reported by required_agents
    for _ in range(_MAX_BISECTIONS):
        settled = ~(hi[idx] - lo[idx] > 1.0)
        result[idx[settled]] = hi[idx[settled]]
        idx = idx[~settled]
        if not idx.size:
            break
        mid = np.floor((lo[idx] + hi[idx]) / 2.0)
        ok_mid, _ = erlang_a_meets(mid, *(x[idx] for x in args))
        hi[idx] = np.where(ok_mid, mid, hi[idx])
        lo[idx] = np.where(ok_mid, lo[idx], mid)
    return result
