"""An independent high-precision reference for ``cscost.staffing`` (tests and bench only).

Nothing here imports cscost. Every input is read as the decimal a user typed
(``0.85`` is 17/20, not the binary float nearest to it), so traffic and the
occupancy floor ⌈A / max_occupancy⌉ are exact rationals; the queueing
quantities are computed in mpmath at 50 significant digits.

Erlang C (M/M/N), A erlangs offered, hold time h = AHT / concurrency:

- Erlang B by the recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)) in mpf, or,
  for large N, as the Poisson ratio B = pmf(N; A) / cdf(N; A) with the cdf from
  mpmath's regularised upper incomplete gamma Q(N+1, A);
- C = N·B / (N − A·(1 − B)) (probability of waiting; 1 when N ≤ A);
- SL(t) = 1 − C·exp(−(N − A)·t / h); ASA = C·h / (N − A).

Erlang A (M/M/N+M, exponential patience with mean P, θ = 1/P), computed without
any closed form:

- the stationary law of the birth–death chain on k = 0, 1, … (birth λ, death
  min(k, N)·μ + max(k − N, 0)·θ), truncated where a geometric bound on the rest
  is below 1e-45 of the mass; an arrival sees it (PASTA);
- an arrival that finds j waiting ahead has an offered wait V (time until an
  agent would take it, were it patient) that is hypoexponential with the
  distinct rates r_i = N·μ + i·θ, i = j … 0; its density by partial fractions
  is f_V(v) = Σ_i c_i·r_i·e^(−r_i·v) with c_i = Π_(k≠i) r_k / (r_k − r_i), and here
  c_i·r_i = (−1)^i·C(j, i)·R_j with R_j = Π_k r_k / (θ^j·j!);
- it is served within t when V ≤ t and its patience exceeds V:
  P_j(t) = ∫_0^t f_V(v)·e^(−θv) dv = Σ_i c_i·r_i·(1 − e^(−(r_i+θ)t)) / (r_i + θ);
  P_j(∞) = Σ_i c_i·r_i / (r_i + θ) is P(served | j); E[V·e^(−θV)] =
  Σ_i c_i·r_i / (r_i + θ)² gives the wait of served contacts;
- the partial-fraction sums cancel massively (terms near R_j·2^j), so each is
  evaluated exactly: the terms g(i) are rounded to fixed point with enough bits
  that the cancellation leaves 150 correct bits, and Σ_i (−1)^i·C(j, i)·g(i)
  = (−1)^j·Δ^j g(0) is taken from a forward-difference table in Python integers.

SL over all arrivals = P(k < N) + Σ_j p_(N+j)·P_j(t); P(abandon) = 1 − P(served),
summed as Σ_j p_(N+j)·(1 − P_j(∞)) with 1 − P_j(∞) = Σ_i c_i·θ / (r_i + θ) so that a tiny
P(abandon) keeps its digits; ASA (served) = Σ_j p_(N+j)·E_j[V·e^(−θV)] / P(served). Little's law,
P(abandon) = θ·E[queue] / λ, is an independent check of the chain.

Required agents: the least N ≥ every lower bound (min_agents, ⌈A / max_occupancy⌉,
and ⌊A⌋ + 1 for Erlang C) with SL(N) ≥ target and ASA(N) ≤ the ASA target; Erlang C
steps N up by the recursion, Erlang A bisects (SL and ASA are monotone in N).

Affordable sizes: Erlang C to 50,000 erlangs and beyond (incomplete gamma);
Erlang A up to a few hundred erlangs (the chain and the difference tables grow
with the queue).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import mpmath

ctx = mpmath.MPContext()
ctx.dps = 50
TAIL = Fraction(1, 10**45)  # neglected probability mass of the truncated chain
GUARD_BITS = 150  # correct bits left after the partial-fraction cancellation
RECURSION_MAX_N = 2000  # above this, Erlang B via the incomplete gamma function

Number = int | float | Fraction


def exact(x: Number) -> Fraction:
    """The decimal a user typed, as an exact rational (0.85 → 17/20)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(repr(float(x)))


def mpf(x: Number) -> mpmath.mpf:
    """An exact rational as an mpf at the context's precision."""
    q = exact(x)
    return ctx.mpf(q.numerator) / q.denominator


def traffic(volume: Number, interval_s: Number, aht_s: Number, concurrency: Number = 1) -> Fraction:
    """Offered erlangs A = volume / interval × AHT / concurrency, exactly."""
    return exact(volume) / exact(interval_s) * exact(aht_s) / exact(concurrency)


def occupancy_floor(a: Fraction, max_occupancy: Number | None) -> int:
    """The least N with A / N ≤ max_occupancy, in exact arithmetic (0 without a cap)."""
    if max_occupancy is None:
        return 0
    return -(-a // exact(max_occupancy))  # ceil of a Fraction


# --- Erlang B and C ---------------------------------------------------------------


def erlang_b_recursion(n: int, a: Number) -> mpmath.mpf:
    """Erlang B by the recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1."""
    am = mpf(a)
    b = ctx.one
    for k in range(1, n + 1):
        b = am * b / (k + am * b)
    return b


def erlang_b_gamma(n: int, a: Number) -> mpmath.mpf:
    """Erlang B as Poisson pmf(N) / cdf(N), cdf = regularised Γ(N+1, A) / Γ(N+1)."""
    am = mpf(a)
    if am == 0:
        return ctx.one if n == 0 else ctx.zero
    log_pmf = n * ctx.log(am) - am - ctx.loggamma(n + 1)
    cdf = ctx.gammainc(n + 1, am, ctx.inf, regularized=True)
    return ctx.exp(log_pmf) / cdf


def erlang_b(n: int, a: Number) -> mpmath.mpf:
    """Erlang B (blocking probability of N servers offered A erlangs)."""
    return erlang_b_recursion(n, a) if n <= RECURSION_MAX_N else erlang_b_gamma(n, a)


def _c_from_b(n: int, am: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    return n * b / (n - am * (1 - b))


def erlang_c(n: int, a: Number) -> mpmath.mpf:
    """Erlang C: probability that an arrival waits (1 when N ≤ A)."""
    if n <= exact(a):
        return ctx.one
    return _c_from_b(n, mpf(a), erlang_b(n, a))


@dataclass(frozen=True)
class Metrics:
    """Reference queue metrics at one staffing level, as mpf (inf where undefined)."""

    agents: int
    traffic: mpmath.mpf
    p_wait: mpmath.mpf
    service_level: mpmath.mpf  # answered within t, over all arrivals
    service_level_served: mpmath.mpf  # answered within t, among served contacts
    asa_s: mpmath.mpf  # mean wait of served contacts
    occupancy: mpmath.mpf  # carried traffic / agents
    p_abandon: mpmath.mpf
    mean_queue: mpmath.mpf  # E[number waiting]
    little_p_abandon: mpmath.mpf  # θ·E[queue] / λ (0 for Erlang C)


@dataclass(frozen=True)
class Interval:
    """One interval's inputs, exact."""

    volume: Fraction
    interval_s: Fraction
    aht_s: Fraction
    target_answer_s: Fraction
    concurrency: Fraction = Fraction(1)
    patience_s: Fraction | None = None

    @classmethod
    def of(
        cls,
        volume: Number,
        interval_s: Number,
        aht_s: Number,
        target_answer_s: Number,
        *,
        concurrency: Number = 1,
        patience_s: Number | None = None,
    ) -> Interval:
        patience = None if patience_s is None else exact(patience_s)
        return cls(
            exact(volume),
            exact(interval_s),
            exact(aht_s),
            exact(target_answer_s),
            exact(concurrency),
            patience,
        )

    @property
    def traffic(self) -> Fraction:
        return traffic(self.volume, self.interval_s, self.aht_s, self.concurrency)

    @property
    def hold_s(self) -> Fraction:
        """Mean service time per contact (AHT / concurrency)."""
        return self.aht_s / self.concurrency


def _erlang_c_metrics_from_b(n: int, iv: Interval, b: mpmath.mpf) -> Metrics:
    am, hold, t = mpf(iv.traffic), mpf(iv.hold_s), mpf(iv.target_answer_s)
    zero = ctx.zero
    if n <= iv.traffic:
        occ = ctx.one if n > 0 else ctx.inf
        return Metrics(n, am, ctx.one, zero, zero, ctx.inf, occ, zero, ctx.inf, zero)
    c = _c_from_b(n, am, b)
    sl = 1 - c * ctx.exp(-(n - am) * t / hold)
    asa = c * hold / (n - am)
    mean_queue = c * am / (n - am)
    return Metrics(n, am, c, sl, sl, asa, am / n, zero, mean_queue, zero)


def erlang_c_metrics(n: int, iv: Interval) -> Metrics:
    """Erlang C metrics with N agents (N ≤ A: waits for sure, SL 0, ASA inf)."""
    return _erlang_c_metrics_from_b(n, iv, erlang_b(n, iv.traffic))


# --- Erlang A: the birth–death chain and the hypoexponential offered wait ---------


def _chain(n: int, lam: mpmath.mpf, mu: mpmath.mpf, theta: mpmath.mpf) -> list[mpmath.mpf]:
    """Stationary probabilities p_0 … p_K of the M/M/N+M chain, K where the tail is negligible."""
    w = [ctx.one]
    for k in range(1, n + 1):
        w.append(w[-1] * lam / (k * mu))
    total = ctx.fsum(w)
    queue = w[-1]
    tail = mpf(TAIL)
    j = 0
    while True:
        j += 1
        ratio = lam / (n * mu + j * theta)
        w.append(w[-1] * ratio)
        total += w[-1]
        queue += w[-1]
        # ratios fall with j, so the rest is below w·ratio / (1 − ratio); measured
        # against the mass from k = N on, so that P(wait) keeps 45 digits however small
        if ratio < 1 and w[-1] * ratio / (1 - ratio) < tail * queue:
            return [x / total for x in w]


def alternating_binomial_sums(values: list[int]) -> list[int]:
    """S_j = Σ_i (−1)^i·C(j, i)·v_i for j = 0 … len − 1, exactly, as (−1)^j·Δ^j v_0."""
    out = []
    row = list(values)
    for j in range(len(values)):
        out.append(row[0] if j % 2 == 0 else -row[0])
        row = [row[i + 1] - row[i] for i in range(len(row) - 1)]
    return out


@dataclass(frozen=True)
class OfferedWait:
    """Per j waiting ahead: P(served within t), P(served), P(abandon), E[V·e^(−θV)]."""

    within: list[mpmath.mpf]
    served: list[mpmath.mpf]
    abandon: list[mpmath.mpf]
    wait: list[mpmath.mpf]


def offered_wait_sums(n: int, mu: Fraction, theta: Fraction, t: Fraction, jmax: int) -> OfferedWait:
    """The partial-fraction sums of the hypoexponential offered wait, j = 0 … jmax."""
    rate = [mpf(n * mu + i * theta) for i in range(jmax + 1)]
    r_coef = [rate[0]]  # R_j = Π_(k≤j) r_k / (θ^j·j!)
    for j in range(1, jmax + 1):
        r_coef.append(r_coef[-1] * rate[j] / (mpf(theta) * j))
    scale = max(ctx.one, 1 / rate[0]) ** 2
    need = max(float(ctx.log(r * scale, 2)) + j for j, r in enumerate(r_coef))
    prec = max(0, math.ceil(need)) + GUARD_BITS
    with ctx.workprec(prec + 64):
        ones = [mpf(n * mu + (i + 1) * theta) for i in range(jmax + 1)]  # r_i + θ
        tt = mpf(t)
        terms: dict[str, list[mpmath.mpf]] = {
            "within": [-ctx.expm1(-s * tt) / s for s in ones],
            "served": [1 / s for s in ones],
            # 1 − P_j(∞) = Σ_i c_i·r_i·θ / (r_i·(r_i + θ)), as Σ_i c_i = 1: keeps tiny
            # abandonment probabilities to full relative precision
            "abandon": [mpf(theta) / ((s - mpf(theta)) * s) for s in ones],
            "wait": [1 / (s * s) for s in ones],
        }
        fixed = {k: [int(ctx.nint(ctx.ldexp(x, prec))) for x in v] for k, v in terms.items()}
    sums = {k: alternating_binomial_sums(v) for k, v in fixed.items()}
    unit = ctx.ldexp(ctx.one, -prec)
    out = {k: [r_coef[j] * ctx.mpf(s[j]) * unit for j in range(jmax + 1)] for k, s in sums.items()}
    return OfferedWait(out["within"], out["served"], out["abandon"], out["wait"])


def erlang_a_metrics(n: int, iv: Interval) -> Metrics:
    """Erlang A (M/M/N+M) metrics with N agents, from the chain and the offered wait."""
    if iv.patience_s is None:
        raise ValueError("Erlang A needs a patience")
    lam_q = iv.volume / iv.interval_s
    mu_q = 1 / iv.hold_s
    theta_q = 1 / iv.patience_s
    am = mpf(iv.traffic)
    if n == 0:
        one, zero = ctx.one, ctx.zero
        return Metrics(0, am, one, zero, zero, ctx.inf, ctx.inf, one, ctx.inf, one)
    lam, mu, theta = mpf(lam_q), mpf(mu_q), mpf(theta_q)
    p = _chain(n, lam, mu, theta)
    queue = p[n:]
    ow = offered_wait_sums(n, mu_q, theta_q, iv.target_answer_s, len(queue) - 1)
    idle = ctx.fsum(p[:n])
    served = idle + ctx.fdot(queue, ow.served)
    within = idle + ctx.fdot(queue, ow.within)
    mean_queue = ctx.fdot(queue, range(len(queue)))
    return Metrics(
        agents=n,
        traffic=am,
        p_wait=ctx.fsum(queue),
        service_level=within,
        service_level_served=within / served,
        asa_s=ctx.fdot(queue, ow.wait) / served,
        occupancy=lam * served / (mu * n),
        p_abandon=ctx.fdot(queue, ow.abandon),
        mean_queue=mean_queue,
        little_p_abandon=theta * mean_queue / lam,
    )


def queue_metrics(n: int, iv: Interval) -> Metrics:
    """Erlang A when the interval has a patience, else Erlang C."""
    if iv.volume == 0:
        zero = ctx.zero
        occ = zero if n > 0 else ctx.nan
        return Metrics(n, zero, zero, ctx.one, ctx.one, zero, occ, zero, zero, zero)
    return erlang_c_metrics(n, iv) if iv.patience_s is None else erlang_a_metrics(n, iv)


# --- required agents --------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a staffing level must reach."""

    service_level: Fraction
    asa_s: Fraction | None = None

    def met_by(self, m: Metrics) -> bool:
        if m.service_level < mpf(self.service_level):
            return False
        return self.asa_s is None or m.asa_s <= mpf(self.asa_s)


def _least_erlang_c(iv: Interval, target: Target, lower: int) -> int:
    am = mpf(iv.traffic)
    n = max(lower, math.floor(iv.traffic) + 1)
    b = erlang_b(n, iv.traffic)
    while not target.met_by(_erlang_c_metrics_from_b(n, iv, b)):
        n += 1
        b = am * b / (n + am * b)
    return n


def _least_meeting(meets: Callable[[int], bool], lower: int, guess: int) -> int:
    """The least N ≥ lower with meets(N), meets monotone: gallop from a guess, then bisect."""
    start = max(lower, guess)
    step = 1
    if meets(start):
        hi, lo = start, start - step
        while lo >= lower and meets(lo):
            hi, step = lo, step * 2
            lo = hi - step
        lo = max(lo, lower - 1)  # lower − 1 stands for "fails"
    else:
        lo, hi = start, start + step
        while not meets(hi):
            lo, step = hi, step * 2
            hi = lo + step
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if meets(mid):
            hi = mid
        else:
            lo = mid
    return hi


def required_agents(
    volume: Number,
    interval_s: Number,
    aht_s: Number,
    target_answer_s: Number,
    target_sl: Number,
    *,
    max_occupancy: Number | None = None,
    patience_s: Number | None = None,
    concurrency: Number = 1,
    max_asa_s: Number | None = None,
    min_agents: int = 0,
) -> int:
    """The least N meeting SL, ASA, occupancy and min_agents (same contract as cscost)."""
    iv = Interval.of(
        volume,
        interval_s,
        aht_s,
        target_answer_s,
        concurrency=concurrency,
        patience_s=patience_s,
    )
    if iv.volume == 0:
        return min_agents
    target = Target(exact(target_sl), None if max_asa_s is None else exact(max_asa_s))
    lower = max(min_agents, occupancy_floor(iv.traffic, max_occupancy), 1)
    erlang_c_n = _least_erlang_c(iv, target, lower)
    if iv.patience_s is None:
        return erlang_c_n
    cache: dict[int, bool] = {}

    def meets(n: int) -> bool:
        if n not in cache:
            cache[n] = target.met_by(erlang_a_metrics(n, iv))
        return cache[n]

    return _least_meeting(meets, lower, erlang_c_n)
