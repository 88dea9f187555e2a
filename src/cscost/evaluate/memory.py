"""What an evaluation or a Monte Carlo will ask of memory, estimated before it starts.

An evaluation holds the interval volumes of queues × months × intervals of the week
(and one part's working arrays at a time): :func:`check_evaluation_memory` refuses one over
``MAX_EVALUATION_BYTES``, naming ``scenario.months`` and ``scenario.interval_minutes``.

The draws hold a few arrays of samples × queues × months (the noise, its lognormal, the
volume multipliers), the result one array of samples × months per option, and each
chunk of ``CHUNK`` samples the staffing of every queue and provider. From these
:func:`monte_carlo_bytes` estimates the peak (measured within a factor of about 1.5 on
the examples); :func:`check_monte_carlo_memory` refuses, naming
``uncertainty.samples`` and the largest count that fits, rather than dying midway with
a MemoryError.
"""

from __future__ import annotations

from cscost.errors import ArgumentError
from cscost.model import Scenario

MAX_MONTE_CARLO_BYTES = 3 * 1024**3
"""Largest estimated memory of one Monte Carlo run (3 GiB)."""
_PER_DRAW = 24  # bytes per sample, queue and month held by the draws
_PER_RESULT = 16  # bytes per sample, option and month held by the result
_PER_CHUNK = 16  # bytes per chunk sample, queue, provider and month while pricing


def monte_carlo_bytes(scenario: Scenario, samples: int, chunk: int) -> float:
    """The estimated peak memory (bytes) of a Monte Carlo of ``samples`` samples."""
    queues, months = len(scenario.queues), scenario.scenario.months
    options = len(scenario.resolved_options())
    providers = len(scenario.vendors) + 1
    per_sample = _PER_DRAW * queues * months + _PER_RESULT * options * months
    working = _PER_CHUNK * min(chunk, samples) * queues * providers * months
    return float(samples * per_sample + working)


def check_monte_carlo_memory(
    scenario: Scenario, samples: int, chunk: int, limit: float = MAX_MONTE_CARLO_BYTES
) -> None:
    """ArgumentError when the Monte Carlo's estimated memory is over ``limit``."""
    need = monte_carlo_bytes(scenario, samples, chunk)
    if need <= limit:
        return
    fits = samples
    while fits > 1 and monte_carlo_bytes(scenario, fits, chunk) > limit:
        fits //= 2
    hint = (
        f"lower `uncertainty.samples` to {fits:,} or fewer"
        if monte_carlo_bytes(scenario, fits, chunk) <= limit
        else "shorten the horizon or split the queues into several scenarios"
    )
    raise ArgumentError(
        f"the Monte Carlo of {samples:,} samples × {len(scenario.queues)} queues × "
        f"{scenario.scenario.months} months would need about {need / 1024**3:.1f} GiB of "
        f"memory, over the limit of {limit / 1024**3:.0f} GiB; {hint}"
    )


MAX_EVALUATION_BYTES = 3 * 1024**3
"""Largest estimated memory of one deterministic evaluation (3 GiB)."""
_PER_CELL = 24  # bytes per queue, month and interval of the week: the queues' volumes
_PER_PART_CELL = 200  # bytes per month and interval of the one part being staffed


def evaluation_bytes(scenario: Scenario, queues: int | None = None) -> float:
    """The estimated peak memory (bytes) of :func:`cscost.evaluate.evaluation.evaluate`
    (of a shard of ``queues`` queues, :mod:`cscost.evaluate.shards`, when given).

    The interval volumes of every queue stay for the run; a part's per-interval arrays
    only while it is staffed (plans keep no per-interval arrays, :mod:`cscost.staffing.plan`).
    """
    days = scenario.horizon.weekday_counts.shape[1]  # day types of the typical week
    week = scenario.scenario.months * days * scenario.scenario.intervals_per_day
    count = len(scenario.queues) if queues is None else queues
    return float(_PER_CELL * count * week + _PER_PART_CELL * week)


def check_evaluation_memory(
    scenario: Scenario, limit: float = MAX_EVALUATION_BYTES, *, queues: int | None = None
) -> None:
    """ArgumentError when the evaluation's (or a shard's of ``queues``) estimated memory
    is over ``limit``."""
    need = evaluation_bytes(scenario, queues)
    if need > limit:
        info = scenario.scenario
        count = len(scenario.queues) if queues is None else queues
        raise ArgumentError(
            f"the evaluation of {count} queues × {info.months} months × "
            f"{scenario.horizon.day_types * info.intervals_per_day} intervals a week would need "
            "about "
            f"{need / 1024**3:.1f} GiB of memory, over the limit of {limit / 1024**3:.0f} GiB; "
            "shorten `scenario.months`, use a longer `scenario.interval_minutes`, or split "
            "the queues into several scenarios"
        )
