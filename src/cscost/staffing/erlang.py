"""Erlang B and Erlang C (M/M/N), vectorised over intervals.

Assumptions: Poisson arrivals, exponential handle times, N identical agents,
first-come first-served, infinitely patient callers, a steady state within each
interval. When callers abandon, Erlang A (``abandonment.py``) fits better;
for deferred work (email) see ``deferred.py``.

Erlang B is computed as the ratio of the Poisson pmf to the Poisson cdf through
the regularised incomplete gamma function, in log space, so that it is exact and
finite from a fraction of an erlang to 10⁵ erlangs; where the cdf underflows
(N far below the traffic) its series in N/A is summed instead. Stepping from N
to N + 1 uses the stable forward recursion B(N+1) = A·B / (N + 1 + A·B).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import special

from cscost.arrays import Array

_TINY_CDF = 1e-280


def log_poisson_pmf(n: Array, a: Array) -> Array:
    """ln(aⁿ e⁻ᵃ / n!) for n ≥ 0 and a > 0."""
    result: Array = special.xlogy(n, a) - a - special.gammaln(n + 1.0)
    return result


def _inverse_erlang_b_series(n: Array, a: Array) -> Array:
    """1/B(n, a) = Σ_{j=0..n} Π_{i<j} (n − i)/a, summed until the terms vanish (n < a)."""
    total = np.ones_like(n)
    term = np.ones_like(n)
    k = np.zeros_like(n)
    active = np.ones(n.shape, dtype=bool)
    while active.any():
        term = np.where(active, term * np.maximum(n - k, 0.0) / a, 0.0)
        total += term
        k += 1.0
        active &= (term > 1e-17 * total) & (k <= n)
    return total


def log_erlang_b(n: npt.ArrayLike, a: npt.ArrayLike) -> Array:
    """ln B(n, a), the Erlang B blocking probability, for n ≥ 0 agents and traffic a > 0.

    B(n, a) = (aⁿ/n!) / Σ_{k=0..n} aᵏ/k! = Poisson pmf(n; a) / Poisson cdf(n; a).
    """
    n_arr, a_arr = np.broadcast_arrays(np.asarray(n, dtype=float), np.asarray(a, dtype=float))
    cdf = special.gammaincc(n_arr + 1.0, a_arr)
    with np.errstate(divide="ignore"):
        out = log_poisson_pmf(n_arr, a_arr) - np.log(cdf)
    low = cdf < _TINY_CDF
    if low.any():
        out = np.array(out, copy=True)
        out[low] = -np.log(_inverse_erlang_b_series(n_arr[low], a_arr[low]))
    result: Array = np.where(a_arr > 0, out, np.where(n_arr > 0, -np.inf, 0.0))
    return result


def erlang_b(agents: npt.ArrayLike, traffic: npt.ArrayLike) -> Array:
    """Erlang B: probability that all ``agents`` are busy in a loss system offered ``traffic``."""
    result: Array = np.exp(log_erlang_b(agents, traffic))
    return result


def erlang_c_from_b(n: Array, a: Array, b: Array) -> Array:
    """Erlang C probability of waiting from Erlang B: C = N·B / (N − A·(1 − B)); 1 where N ≤ A."""
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1.0 - b))
    result: Array = np.where(n > a, np.clip(c, 0.0, 1.0), 1.0)
    return result


def erlang_c(agents: npt.ArrayLike, traffic: npt.ArrayLike) -> Array:
    """Erlang C: probability that a contact waits, P(W > 0), with ``agents`` and ``traffic``.

    1 where agents ≤ traffic (the queue grows without bound); 0 at zero traffic.
    """
    n, a = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(traffic, dtype=float))
    return erlang_c_from_b(n, a, erlang_b(n, a))


def erlang_c_service_level(
    c: Array, n: Array, a: Array, answer_s: Array, service_s: Array
) -> Array:
    """P(W ≤ t) = 1 − C·exp(−(N − A)·t / S), with S the mean service time; 0 where N ≤ A."""
    with np.errstate(over="ignore", invalid="ignore"):
        decay = np.exp(-(n - a) * answer_s / service_s)
        sl = 1.0 - c * np.where(answer_s > 0, decay, 1.0)
    result: Array = np.where(n > a, sl, np.where(a > 0, 0.0, 1.0))
    return result


def erlang_c_asa(c: Array, n: Array, a: Array, service_s: Array) -> Array:
    """Average speed of answer ASA = C·S / (N − A); infinite where N ≤ A (and traffic > 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        asa = c * service_s / (n - a)
    result: Array = np.where(n > a, asa, np.where(a > 0, np.inf, 0.0))
    return result


def _meets_targets(
    n: Array, a: Array, b: Array, answer_s: Array, service_s: Array, level: Array, asa_max: Array
) -> npt.NDArray[np.bool_]:
    """Whether N > A agents meet SL ≥ level and ASA ≤ asa_max (the hot path: no guards)."""
    slack = n - a
    c = n * b / (slack + a * b)
    ok: npt.NDArray[np.bool_] = 1.0 - c * np.exp(-slack * answer_s / service_s) >= level - 1e-12
    if np.isfinite(asa_max).any():
        ok &= c * service_s <= asa_max * (1 + 1e-12) * slack
    return ok


def _halfin_whitt_guess(a: Array, answer_s: Array, service_s: Array, level: Array) -> Array:
    """Square-root staffing N ≈ A + β√A, β solving the Halfin–Whitt approximation of SL.

    P(wait) ≈ 1 / (1 + β·Φ(β)/φ(β)), SL ≈ 1 − P(wait)·exp(−β√A·t/S). A starting point
    for the exact search only: a few Newton steps on ln P(wait) − β√A·t/S − ln(1 − SL).
    """
    root_a = np.sqrt(a)
    k = root_a * answer_s / service_s
    target = np.log1p(-np.minimum(level, 1 - 1e-15))
    beta = np.ones_like(a)
    for _ in range(3):
        ratio = special.ndtr(beta) / np.exp(-0.5 * beta * beta) * np.sqrt(2 * np.pi)
        u = 1.0 + beta * ratio
        # d/dβ (β Φ/φ) = Φ/φ + β (1 + βΦ/φ)
        du = ratio + beta * u
        g = -np.log(u) - beta * k - target
        dg = -du / u - k
        beta = np.clip(beta - g / dg, 0.0, 40.0)
    return a + beta * root_a


def erlang_c_required(
    a: Array, answer_s: Array, service_s: Array, level: Array, asa_max: Array, lower: Array
) -> Array:
    """Least integer N ≥ ``lower`` (with lower > A) meeting SL ≥ level and ASA ≤ asa_max.

    Evaluates a window of ``_WINDOW`` consecutive N from one below the Halfin–Whitt guess
    at once (Erlang B by its forward recursion), and takes the first that meets the
    targets; intervals whose answer lies outside the window are searched step by step.
    All arguments are 1-d float arrays of one length; traffic a > 0.
    """
    start = np.maximum(lower, np.floor(_halfin_whitt_guess(a, answer_s, service_s, level)) - 1.0)
    b = np.exp(log_erlang_b(start, a))
    window = np.empty((_WINDOW, a.size))
    window[0] = b
    for k in range(1, _WINDOW):
        ab = a * window[k - 1]
        window[k] = ab / (start + k + ab)
    n_grid = start + np.arange(_WINDOW, dtype=float)[:, None]
    ok = _meets_targets(n_grid, a, window, answer_s, service_s, level, asa_max)
    first = ok.argmax(axis=0)
    n: Array = start + first
    found = ok.any(axis=0) & ((first > 0) | (start == lower))
    stray = np.flatnonzero(~found)
    if stray.size:
        n[stray] = _erlang_c_required_stepwise(
            a[stray], answer_s[stray], service_s[stray], level[stray], asa_max[stray], lower[stray]
        )
    return n


_WINDOW = 4


_MAX_STEPS = 64
"""Doubling steps of the stepwise search (2⁶⁴ agents is past any legal input)."""


def _erlang_c_required_stepwise(
    a: Array, answer_s: Array, service_s: Array, level: Array, asa_max: Array, lower: Array
) -> Array:
    """The search of :func:`erlang_c_required` one N at a time, from the lower bound up.

    Jumps ahead by doubling steps while the targets fail, then bisects the last step.
    """
    lo = lower.copy()  # invariant: the answer is ≥ lo
    ok = _meets_targets(lo, a, np.exp(log_erlang_b(lo, a)), answer_s, service_s, level, asa_max)
    hi = np.where(ok, lo, np.nan)
    step = np.maximum(np.ceil(np.sqrt(a)), 1.0)
    todo = np.flatnonzero(~ok)
    for _ in range(_MAX_STEPS):
        if not todo.size:
            break
        probe = lo[todo] + step[todo]
        ok_t = _meets_targets(
            probe,
            a[todo],
            np.exp(log_erlang_b(probe, a[todo])),
            answer_s[todo],
            service_s[todo],
            level[todo],
            asa_max[todo],
        )
        hi[todo[ok_t]] = probe[ok_t]
        miss = todo[~ok_t]
        lo[miss] = probe[~ok_t] + 1.0
        step[miss] *= 2.0
        todo = miss
    hi[todo] = np.nan  # never met within 2⁶⁴ agents: reported by required_agents
    todo = np.flatnonzero(hi > lo)
    for _ in range(_MAX_STEPS * 2):  # bisect in (lo, hi]: hi meets, the answer is ≥ lo
        if not todo.size:
            break
        mid = np.floor((lo[todo] + hi[todo]) / 2.0)
        ok_t = _meets_targets(
            mid,
            a[todo],
            np.exp(log_erlang_b(mid, a[todo])),
            answer_s[todo],
            service_s[todo],
            level[todo],
            asa_max[todo],
        )
        hi[todo[ok_t]] = mid[ok_t]
        lo[todo[~ok_t]] = mid[~ok_t] + 1.0
        todo = todo[hi[todo] > lo[todo]]
    return hi
