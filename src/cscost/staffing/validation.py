"""Argument checks for the staffing functions: clear messages in interval notation."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array
from cscost.errors import ArgumentError

#: name → (low, high, low inclusive, high inclusive, meaning). The finite upper bounds
#: (and the 1e-6 s floor of durations) keep every legal input inside what the queueing
#: formulas compute in floating point: no overflow, no subnormal, no endless search.
_DOMAINS: dict[str, tuple[float, float, bool, bool, str]] = {
    "volume": (0.0, 1e9, True, True, "contacts in the interval"),
    "agents": (0.0, 1e9, True, True, "agents"),
    "interval_s": (1e-6, 1e9, True, True, "interval length in seconds"),
    "aht_s": (1e-6, 1e9, True, True, "average handle time in seconds"),
    "target_answer_s": (0.0, 1e9, True, True, "answer-time target in seconds"),
    "target_sl": (0.0, 1.0, False, False, "service-level target as a share"),
    "max_occupancy": (0.0, 1.0, False, True, "maximum occupancy as a share"),
    "patience_s": (1e-6, np.inf, True, True, "mean patience in seconds"),
    "concurrency": (1.0, 1000.0, True, True, "contacts one agent handles at once"),
    "max_asa_s": (1e-6, np.inf, True, True, "average-speed-of-answer target in seconds"),
    "min_agents": (0.0, 1e9, True, True, "minimum agents"),
}
MAX_TRAFFIC = 1e8
"""Most offered load (erlangs) of one interval that the staffing functions take."""


def domain_text(name: str) -> str:
    """The domain of argument ``name`` with its meaning, e.g. ``(0, 1) (service-level ...)``."""
    low, high, low_in, high_in, meaning = _DOMAINS[name]
    interval = f"{'[' if low_in else '('}{low:g}, {high:g}{']' if high_in else ')'}"
    return f"{meaning} in {interval}"


def outside_domain(name: str, values: Array) -> npt.NDArray[np.bool_]:
    """Mask of the values outside the domain of argument ``name`` (NaN included)."""
    low, high, low_in, high_in, _ = _DOMAINS[name]
    too_low = values < low if low_in else values <= low
    too_high = values > high if high_in else values >= high
    return np.isnan(values) | too_low | too_high


def checked_arrays(**arguments: npt.ArrayLike) -> list[Array]:
    """The arguments as float arrays, each checked against its domain.

    Raises :class:`ArgumentError` naming the argument, the first bad value and the domain.
    """
    out = []
    for name, value in arguments.items():
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ArgumentError(
                f"{name} must be a number or an array of numbers, found {value!r}"
            ) from exc
        bad = outside_domain(name, arr)
        if bad.any():
            found = arr[bad].ravel()[0]
            where = "" if arr.ndim == 0 else f" at index {np.argwhere(bad)[0].tolist()}"
            raise ArgumentError(f"{name} must be {domain_text(name)}, found {found:g}{where}")
        out.append(arr)
    return out
