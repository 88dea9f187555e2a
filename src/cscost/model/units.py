"""Units of the scenario contract: durations like ``320s``, ``5m``, ``24h``; exact rounding.

Durations are seconds as floats. Rounding helpers forgive the last bits of float
error, so a quantity that is an integer in exact arithmetic (``21 / 0.7``,
``8.5 / 0.85``) rounds as that integer.
"""

from __future__ import annotations

import math
import re

import numpy as np
import numpy.typing as npt

_DURATION = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_FACTOR = {
    "ms": 0.001,
    "s": 1.0,
    "sec": 1.0,
    "m": 60.0,
    "min": 60.0,
    "h": 3600.0,
    "hr": 3600.0,
    "d": 86400.0,
}

#: Relative slack under which a float counts as the integer next to it.
REL_TOL = 1e-9


def duration_s(text: str | float | int) -> float:
    """Seconds in ``text``: a number (seconds) or ``<number><unit>`` with unit ms, s, m, h, d.

    ``duration_s("5m") == 300.0``; a bare number is seconds. Raises ``ValueError``
    with the expected form for anything else (negative values included).
    """
    if isinstance(text, bool):
        raise ValueError(f"expected a duration like 320s, 5m or 24h, found {text!r}")
    if isinstance(text, int | float):
        value = float(text)
    else:
        match = _DURATION.match(str(text))
        if match is None:
            raise ValueError(f"expected a duration like 320s, 5m or 24h, found {text!r}")
        unit = (match.group(2) or "s").lower()
        value = float(match.group(1)) * _FACTOR[unit]
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"expected a duration of 0 or more, found {text!r}")
    return value


def ceil_exact(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """⌈x⌉, where x within ``REL_TOL`` (relative) above an integer counts as that integer.

    That is rint(x) where |x − rint(x)| ≤ tol × max(1, |x|), else ⌈x⌉; computed as ⌈x⌉ − 1
    where x − (⌈x⌉ − 1) ≤ tol × max(1, |x|) (x just above the integer below its ceiling),
    else ⌈x⌉: the same numbers (−0.0, inf and nan included) in fewer passes.
    """
    a = np.asarray(x, dtype=float)
    result: npt.NDArray[np.float64] = np.ceil(a, out=np.empty_like(a))  # 0-d stays an array
    above = np.subtract(result, 1.0, out=np.empty_like(a))
    np.subtract(a, above, out=above)
    tol = np.abs(a, out=np.empty_like(a))
    np.maximum(tol, 1.0, out=tol)
    np.multiply(tol, REL_TOL, out=tol)
    np.subtract(result, 1.0, out=result, where=above <= tol)
    return result


def floor_exact(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """⌊x⌋, where x within ``REL_TOL`` (relative) below an integer counts as that integer."""
    a = np.asarray(x, dtype=float)
    r = np.rint(a)
    near = np.abs(a - r) <= REL_TOL * np.maximum(1.0, np.abs(a))
    result: npt.NDArray[np.float64] = np.where(near, r, np.floor(a))
    return result
