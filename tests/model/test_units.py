"""ceil_exact and floor_exact against their definition: rint where within tolerance."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cscost.model.units import REL_TOL, ceil_exact


def _defined(x: np.ndarray) -> np.ndarray:
    """rint(x) where |x − rint(x)| ≤ REL_TOL × max(1, |x|), else ⌈x⌉ (the contract)."""
    r = np.rint(x)
    with np.errstate(invalid="ignore"):
        near = np.abs(x - r) <= REL_TOL * np.maximum(1.0, np.abs(x))
    return np.where(near, r, np.ceil(x))


@settings(max_examples=300, deadline=None)
@given(
    whole=st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=30),
    nudge=st.lists(st.sampled_from([-3.0, -1.0, -0.999, -0.5, 0.0, 0.5, 0.999, 1.0, 3.0])),
    noise=st.lists(st.floats(-1e6, 1e6)),
)
def test_ceil_exact_is_its_definition_bit_for_bit(
    whole: list[int], nudge: list[float], noise: list[float]
) -> None:
    """Integers nudged by multiples of the tolerance, halves, free floats and the odd
    values (±0.0, ±inf, nan, subnormals): the same bits as the definition."""
    base = np.array(whole, dtype=float)
    steps = np.array(nudge or [0.0])
    scale = REL_TOL * np.maximum(1.0, np.abs(base))
    near = (base[:, None] + steps[None, :] * scale[:, None]).ravel()
    odd = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, -0.3, 0.5, -0.5, 2.5])
    x = np.concatenate((near, np.nextafter(base, np.inf), np.nextafter(base, -np.inf), odd, noise))
    with np.errstate(invalid="ignore"):
        assert ceil_exact(x).tobytes() == _defined(x).tobytes()
    assert ceil_exact(2.0000000001).shape == ()
    assert float(ceil_exact(2.0000000001)) == 2.0
