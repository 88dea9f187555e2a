"""A discrete-event simulation of a typical week, to check a staffing figure (Ciw).

Model: Poisson arrivals at each interval's rate (volume / interval seconds), one FIFO
queue, exponential handle times of mean AHT / concurrency (a chat agent taking c chats at
once counts as c servers of one chat each, as the Erlang model of the plan does), the
interval's agents as Ciw's time-varying server schedule (an agent leaving finishes the
contact in hand), and exponential patience when the queue states one (reneging). The
week starts with one warm-up day (the week's last day, as in the cyclic week) and
arrivals stop at the week's end; contacts still waiting then are followed until done.

Per interval of arrival and for the whole week: service level (answered within the
target over all arrivals, abandoned ones not answered), ASA (mean wait of answered
contacts) and abandonment, each the mean over ``runs`` independent weeks with a 95 %
confidence interval (Student t over the runs).

Ciw draws from Python's global generators; each run seeds them with a number drawn
from the ``numpy.random.Generator`` passed in, so the same generator state gives the
same result, bit for bit.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import stdtrit

from cscost.arrays import Array
from cscost.errors import ArgumentError

_DRAIN_SECONDS = 4 * 3600.0


@dataclass(frozen=True)
class Estimate:
    """Means over the runs with their 95 % confidence interval (arrays of one shape)."""

    mean: Array
    low: Array
    high: Array


@dataclass(frozen=True)
class SimulationResult:
    """Simulated figures per interval [K] and for the week (0-d arrays)."""

    runs: int
    arrivals: Array  # [K] mean arrivals per interval
    service_level: Estimate
    asa_s: Estimate
    abandonment: Estimate
    week_service_level: Estimate
    week_asa_s: Estimate
    week_abandonment: Estimate


def _estimate(samples: Array) -> Estimate:
    """Mean and 95 % CI over axis 0 (runs), ignoring NaN (no arrivals in a run)."""
    count = np.sum(~np.isnan(samples), axis=0)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # intervals without arrivals: NaN
        mean = np.nanmean(samples, axis=0)
        spread = np.nanstd(samples, axis=0, ddof=1) / np.sqrt(count)
        quantile = stdtrit(np.maximum(count - 1, 1), 0.975)  # Student t quantile
    half = np.where(count > 1, quantile * spread, np.nan)
    return Estimate(np.asarray(mean), np.asarray(mean - half), np.asarray(mean + half))


def _network(
    rates: Array,
    servers: npt.NDArray[np.int64],
    interval_s: float,
    mean_service_s: float,
    patience_s: float | None,
) -> object:
    """A Ciw network: Poisson intervals, one shift per run of equal agent counts.

    A shift change pre-empts the contacts in hand and resumes them with the next shift's
    agents (Ciw's ``resume``), so exactly the interval's agents serve at every moment.
    """
    import ciw

    ends = [interval_s * (k + 1) for k in range(rates.size)]
    change = np.flatnonzero(np.diff(servers)) + 1
    last = np.r_[change, servers.size] - 1
    schedule = ciw.Schedule(
        numbers_of_servers=[int(servers[k]) for k in last],
        shift_end_dates=[ends[k] for k in last],
        preemption="resume",
    )
    arrivals = ciw.dists.PoissonIntervals(
        rates=[float(r) for r in rates], endpoints=ends, max_sample_date=ends[-1]
    )
    extra = {}
    if patience_s is not None:
        extra["reneging_time_distributions"] = [ciw.dists.Exponential(1.0 / patience_s)]
    return ciw.create_network(
        arrival_distributions=[arrivals],
        service_distributions=[ciw.dists.Exponential(1.0 / mean_service_s)],
        number_of_servers=[schedule],
        **extra,
    )


def _one_week(
    build: Callable[[], object],
    seed: int,
    horizon_s: float,
    warmup: int,
    count: int,
    interval_s: float,
    answer_within_s: float,
) -> tuple[Array, Array, Array, Array, Array]:
    """Per interval: arrivals, answered within target, abandoned, total wait, answered."""
    import ciw

    ciw.seed(seed)  # before the network: Ciw samples the Poisson arrival dates up front
    simulation = ciw.Simulation(build())
    simulation.simulate_until_max_time(horizon_s)
    first: dict[int, tuple[float, float | None]] = {}  # id → (arrival, first service start)
    for record in simulation.get_all_records(only=["service", "interrupted service", "renege"]):
        arrival, start = first.get(record.id_number, (record.arrival_date, None))
        if record.record_type != "renege":
            begun = record.service_start_date
            start = begun if start is None else min(start, begun)
        first[record.id_number] = (min(arrival, record.arrival_date), start)
    arrivals = np.zeros(count)
    in_target = np.zeros(count)
    abandoned = np.zeros(count)
    answered = np.zeros(count)
    waits = np.zeros(count)
    for arrival, start in first.values():
        k = int(arrival // interval_s) - warmup
        if not 0 <= k < count:
            continue
        arrivals[k] += 1
        if start is None:
            abandoned[k] += 1
            continue
        answered[k] += 1
        waits[k] += start - arrival
        in_target[k] += start - arrival <= answer_within_s
    return arrivals, in_target, abandoned, waits, answered


def simulate_week(
    volume: Array,
    agents: npt.ArrayLike,
    interval_s: float,
    aht_s: float,
    answer_within_s: float,
    rng: np.random.Generator,
    *,
    patience_s: float | None = None,
    concurrency: float = 1.0,
    runs: int = 10,
    warmup_intervals: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> SimulationResult:
    """Simulate ``runs`` weeks of interval ``volume`` [K] served by ``agents`` [K].

    ``agents`` are rounded down to whole servers (a fraction of an agent answers
    nothing). ``warmup_intervals`` (default: one day, at most K) are simulated first,
    taken cyclically from the end of the week. ``progress(r)`` is called after each run.
    """
    volume = np.asarray(volume, dtype=float).ravel()
    servers = np.floor(np.asarray(agents, dtype=float).ravel() + 1e-9).astype(np.int64)
    if volume.shape != servers.shape or runs < 2 or aht_s <= 0 or interval_s <= 0:
        raise ArgumentError("simulate_week: volume and agents of one length, runs ≥ 2, AHT > 0")
    count = volume.size
    warmup = min(count, round(86400 / interval_s)) if warmup_intervals is None else warmup_intervals
    order = (
        np.r_[np.arange(count - warmup, count), np.arange(count)] if warmup else np.arange(count)
    )
    rates = volume[order] / interval_s

    def build() -> object:
        return _network(rates, servers[order], interval_s, aht_s / concurrency, patience_s)

    horizon_s = interval_s * order.size + _DRAIN_SECONDS
    shape = (runs, count)
    sl, asa, ab = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    week = np.full((runs, 3), np.nan)
    total = np.zeros(count)
    for r in range(runs):
        seed = int(rng.integers(0, 2**31 - 1))
        arr, hit, gone, wait, done = _one_week(
            build, seed, horizon_s, warmup, count, interval_s, answer_within_s
        )
        total += arr
        with np.errstate(invalid="ignore", divide="ignore"):
            sl[r] = np.where(arr > 0, hit / arr, np.nan)
            ab[r] = np.where(arr > 0, gone / arr, np.nan)
            asa[r] = np.where(done > 0, wait / done, np.nan)
        if arr.sum() > 0:
            week[r] = (
                hit.sum() / arr.sum(),
                wait.sum() / max(done.sum(), 1),
                gone.sum() / arr.sum(),
            )
        if progress is not None:
            progress(r + 1)
    return SimulationResult(
        runs=runs,
        arrivals=total / runs,
        service_level=_estimate(sl),
        asa_s=_estimate(asa),
        abandonment=_estimate(ab),
        week_service_level=_estimate(week[:, 0]),
        week_asa_s=_estimate(week[:, 1]),
        week_abandonment=_estimate(week[:, 2]),
    )
