"""Erlang A (M/M/N+M): Erlang C with callers who abandon after an exponential patience.

Assumptions: Poisson arrivals λ, exponential handle times (rate μ = 1/S), N agents,
exponential patience with mean 1/θ, steady state. With x = Nμ/θ and y = λ/θ,
P(x, y) the regularised lower incomplete gamma function and B Erlang B:

    𝒜(x, y)      = e^y y^(−x) Γ(x + 1) P(x, y)          (= Σ_j yʲ / Π_{i≤j}(x + i))
    P(W > 0)     = 𝒜·B / (1 + (𝒜 − 1)·B)
    P(ab | W>0)  = 1 − (x/y)·P(x + 1, y) / P(x, y)
    P(answered within t, W > 0) = P(W>0)·(x/y)·[P(x+1, y) − P(x+1, y·e^(−θt))] / P(x, y)
    E[W; served] = P(W>0)·(x/y) / (θ·P(x, y)) · ∫_0^y P(x + 1, z)/z dz

The last three follow from the offered wait V of a caller who finds j waiting: with
U = 1 − e^(−θV), U ~ Beta(j + 1, x), so E[e^(−θV); V ≤ t] sums in closed form over j
(Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures").
The service level counts contacts answered within t over ALL arrivals: abandoned
contacts count as not answered. Patience → ∞ gives Erlang C.

The integral ∫_0^y P(a, z)/z dz = E[(ln y − ln Z)⁺] with Z ~ Gamma(a) is taken by
composite Gauss–Legendre quadrature over ln Z, whose density is smooth and log-concave.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from cscost.arrays import Array
from cscost.staffing.erlang import log_erlang_b, log_poisson_pmf

_PANELS = 12
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)


@dataclass(frozen=True)
class ErlangA:
    """Erlang A quantities at N agents (arrays of one shape)."""

    p_wait: Array
    served_given_wait: Array  # closed form; see abandon_probability for P(abandon)
    answered_within: Array  # P(answered within t), over all arrivals
    x: Array
    y: Array
    log_p_xy: Array
    theta: Array
    log_b: Array  # ln Erlang B(N, A)


def _log_gamma_p(a: Array, z: Array) -> Array:
    """ln P(a, z), the regularised lower incomplete gamma, finite where P underflows.

    Where P(a, z) < 1e-280 (z far below a), the leading term of its series is used:
    P(a, z) ≈ zᵃ e⁻ᶻ / Γ(a + 1) · Σ_k zᵏ / ((a+1)…(a+k)), summed to convergence.
    """
    p = special.gammainc(a, z)
    with np.errstate(divide="ignore"):
        out = np.log(p)
    low = p < 1e-280
    if low.any():
        aa, zz = a[low], z[low]
        out = np.array(out, copy=True)
        out[low] = log_poisson_pmf(aa, zz) + np.log(_series_total(aa, zz))
    result: Array = out
    return result


def _series_total(a: Array, z: Array) -> Array:
    """Σ_k zᵏ / ((a+1)…(a+k)), k ≥ 0, each element summed until its term < 1e-17 × total.

    Only the elements still summing are carried from one k to the next (the same
    arithmetic per element as summing all of them with zeros, in less time).
    """
    total = np.ones_like(a)
    term = np.ones_like(a)
    live = np.arange(a.size)
    k = 0.0
    while live.size:
        k += 1.0
        t = term[live] * z[live] / (a[live] + k)
        term[live] = t
        s = total[live] + t
        total[live] = s
        live = live[t > 1e-17 * s]
    return total


def erlang_a(
    n: Array,
    a: Array,
    service_s: Array,
    answer_s: Array,
    patience_s: Array,
    log_b: Array | None = None,
) -> ErlangA:
    """Erlang A quantities for N ≥ 1 agents and traffic a > 0 (1-d arrays of one length).

    exp() may overflow to ∞ where a probability is 0 to machine precision; that is exact
    enough, so overflow is not reported. ``log_b``, ln Erlang B(N, A), may be passed in
    when the caller already has it.
    """
    with np.errstate(over="ignore"):
        return _erlang_a(
            n, a, service_s, answer_s, patience_s, log_erlang_b(n, a) if log_b is None else log_b
        )


def _erlang_a(
    n: Array, a: Array, service_s: Array, answer_s: Array, patience_s: Array, log_b: Array
) -> ErlangA:
    theta, x, y, log_p, log_script_a = _erlang_a_core(n, a, service_s, patience_s)
    p_wait, served_given_wait = _waiting(x, y, log_script_a, log_b)
    decayed = y * np.exp(-theta * answer_s)
    log_p_t = _log_gamma_p(x + 1.0, decayed)
    ratio_inf = -np.expm1(-log_script_a)
    ratio_t = np.exp(log_p_t - log_p)
    within_given_wait = np.clip((x / y) * (ratio_inf - ratio_t), 0.0, served_given_wait)
    answered = (1.0 - p_wait) + p_wait * within_given_wait
    return ErlangA(p_wait, served_given_wait, answered, x, y, log_p, theta, log_b)


def _erlang_a_core(
    n: Array, a: Array, service_s: Array, patience_s: Array
) -> tuple[Array, Array, Array, Array, Array]:
    """(θ, x = Nμ/θ, y = λ/θ, ln P(x, y), ln 𝒜) of the module docstring."""
    theta = 1.0 / patience_s
    x = n * patience_s / service_s  # Nμ/θ
    y = a * patience_s / service_s  # λ/θ
    log_p = _log_gamma_p(x, y)
    # ln 𝒜 = y − x ln y + ln Γ(x+1) + ln P(x, y) = ln P(x, y) − ln(yˣ e⁻ʸ / Γ(x+1))
    log_script_a = log_p - log_poisson_pmf(x, y)
    return theta, x, y, log_p, log_script_a


def _waiting(x: Array, y: Array, log_script_a: Array, log_b: Array) -> tuple[Array, Array]:
    """(P(W > 0), P(served | W > 0)) of the module docstring."""
    # P(W>0) = 1 / (1 + (1 − B)/(𝒜·B))
    p_wait = 1.0 / (1.0 + (-np.expm1(log_b)) * np.exp(-log_script_a - log_b))
    # P(x+1, y) = P(x, y) − yˣ e⁻ʸ / Γ(x+1); the ratio P(x+1, y)/P(x, y) in [0, 1]
    ratio_inf = -np.expm1(-log_script_a)
    served_given_wait = np.clip((x / y) * ratio_inf, 0.0, 1.0)
    return p_wait, served_given_wait


def abandon_probability(q: ErlangA) -> Array:
    """P(abandon) = P(W>0) · P(ab | W>0), accurate also where it is small.

    P(ab | W>0) = 1 − (x/y)·P(x+1, y)/P(x, y) cancels where x > y (fewer arrivals than
    agents can serve); there the positive series
    P(ab | W>0) = Σ_j t_j (j+1)/(x+j+1) / Σ_j t_j,  t_j = Π_{i=1..j} y/(x+i),
    (a caller finding j waiting abandons with probability (j+1)/(x+j+1)) is summed instead.
    """
    return _abandon(q.p_wait, q.served_given_wait, q.x, q.y)


def _abandon(p_wait: Array, served_given_wait: Array, x: Array, y: Array) -> Array:
    """:func:`abandon_probability` of its parts."""
    given_wait = 1.0 - served_given_wait
    low = np.flatnonzero(x > y)
    if low.size:
        given_wait = np.array(given_wait, copy=True)
        given_wait[low] = _abandon_given_wait(x[low], y[low])
    result: Array = p_wait * given_wait
    return result


def _abandon_given_wait(x: Array, y: Array) -> Array:
    """Σ_j t_j (j+1)/(x+j+1) / Σ_j t_j for x > y, each element summed until its term
    < 1e-18 × its denominator (j ≤ 10⁶).

    The elements still summing are carried as compact arrays, cut down when some finish
    (whose sums are kept then): the same arithmetic per element as summing each alone.
    """
    num_out, den_out = np.empty_like(x), np.empty_like(x)
    term = np.ones_like(x)
    num = 1.0 / (x + 1.0)
    den = np.ones_like(x)
    at: npt.NDArray[np.intp] = np.arange(x.size)
    j = 0.0
    while at.size and j < 1e6:
        j += 1.0
        term = term * y / (x + j)
        num = num + term * (j + 1.0) / (x + j + 1.0)
        den = den + term
        live = term > 1e-18 * den
        if not live.all():
            done = ~live
            num_out[at[done]], den_out[at[done]] = num[done], den[done]
            at = at[live]
            x, y, term, num, den = (v[live] for v in (x, y, term, num, den))
    num_out[at], den_out[at] = num, den
    result: Array = num_out / den_out
    return result


def abandonment(n: Array, a: Array, service_s: Array, patience_s: Array) -> Array:
    """P(abandon) of N ≥ 1 agents on traffic a > 0: :func:`abandon_probability` of
    :func:`erlang_a`, bit for bit, without the service level it does not need."""
    with np.errstate(over="ignore"):
        theta, x, y, log_p, log_script_a = _erlang_a_core(n, a, service_s, patience_s)
        log_b = log_erlang_b(n, a)
        p_wait, served_given_wait = _waiting(x, y, log_script_a, log_b)
    return _abandon(p_wait, served_given_wait, x, y)


def log_integral_p_over_z(a: Array, y: Array) -> Array:
    """ln ∫_0^y P(a, z)/z dz = ln E[(ln y − ln Z)⁺], Z ~ Gamma(a), by Gauss–Legendre in w = ln Z.

    Integrand (c − w)·exp(a·w − eʷ − ln Γ(a)) on [L, U]: U = min(ln y, right end of
    the density's mass), L where the log density has dropped by 60 (tangent bound).
    """
    c = np.log(y)
    mode = np.log(a)
    w_star = np.minimum(mode, c)
    slope = np.maximum(a - np.exp(w_star), 0.0)
    reach_left = np.sqrt(120.0 / a) + 60.0 / a
    with np.errstate(divide="ignore"):
        left = w_star - np.minimum(reach_left, 60.0 / slope)
    right = np.minimum(c, mode + np.sqrt(120.0 / a) + np.log1p(60.0 / a))
    width = (right - left) / _PANELS
    # nodes: panel p, Gauss point g → w = left + width·(p + (ξ_g + 1)/2)
    offsets = (np.arange(_PANELS)[:, None] + (_NODES[None, :] + 1.0) / 2.0).ravel()
    weights = np.tile(_WEIGHTS / 2.0, _PANELS)
    w = left[:, None] + width[:, None] * offsets[None, :]
    log_f = a[:, None] * w - np.exp(w) - special.gammaln(a)[:, None]
    peak = log_f.max(axis=1)
    total = (weights[None, :] * (c[:, None] - w) * np.exp(log_f - peak[:, None])).sum(axis=1)
    with np.errstate(divide="ignore"):
        result: Array = np.log(total * width) + peak
    return result


def erlang_a_asa(q: ErlangA) -> Array:
    """Average wait of served contacts: E[W; served] / P(served)."""
    log_int = log_integral_p_over_z(q.x + 1.0, q.y)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        mean_wait_served = q.p_wait * (q.x / q.y) / q.theta * np.exp(log_int - q.log_p_xy)
        asa = mean_wait_served / (1.0 - abandon_probability(q))
    result: Array = np.where(q.p_wait > 0, asa, 0.0)
    return result
