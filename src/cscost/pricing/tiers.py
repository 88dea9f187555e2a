"""Volume tiers of per-contact prices, billed FTE rounding, and pro-rata allocation.

Tiers apply to the month's total volume of every part a fee covers (volume discounts
are on the total), and the tiered charge is then allocated to the parts pro rata to
their volume. Bands are ``[0, up_to₁], (up_to₁, up_to₂], …, (up_toₙ₋₁, ∞)``.

- marginal: charge(V) = Σₖ rateₖ × clip(V − up_toₖ₋₁, 0, up_toₖ − up_toₖ₋₁) (each band
  at its rate; continuous and non-decreasing in V when rates are ≥ 0);
- all_units: charge(V) = V × rate of the band V falls in (V ≤ up_toₖ is band k); this
  total can *fall* when V crosses a band edge into a cheaper band (the all-units
  cliff, a known effect of such price lists).

A volume within a relative 1e-9 of a band edge counts as on the edge
(:data:`cscost.model.units.REL_TOL`), so float noise never switches the band.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from cscost.arrays import Array
from cscost.model.fees import ContactTier
from cscost.model.units import REL_TOL, ceil_exact, floor_exact


def marginal_charge(volume: Array, bands: Sequence[ContactTier]) -> Array:
    """Σₖ rateₖ × (the part of ``volume`` inside band k): each band at its own rate."""
    out = np.zeros_like(volume, dtype=np.float64)
    lower = 0.0
    for band in bands:
        upper = np.inf if band.up_to is None else band.up_to
        out = out + band.rate * np.clip(volume - lower, 0.0, upper - lower)
        lower = upper
    return out


def all_units_rate(volume: Array, bands: Sequence[ContactTier]) -> Array:
    """The rate of the band each volume falls in (volume ≤ up_toₖ → band k)."""
    rate = np.full_like(volume, bands[-1].rate, dtype=np.float64)
    for band in reversed(bands[:-1]):
        assert band.up_to is not None  # validated: every band but the last has up_to
        inside = volume <= band.up_to * (1.0 + REL_TOL)
        rate = np.where(inside, band.rate, rate)
    return rate


def tiered_charge(
    volume: Array, bands: Sequence[ContactTier], tiering: Literal["marginal", "all_units"]
) -> Array:
    """The month's charge for ``volume`` contacts under ``bands`` (module docstring)."""
    if tiering == "marginal":
        return marginal_charge(volume, bands)
    result: Array = volume * all_units_rate(volume, bands)
    return result


def billed_fte(
    fte: Array, committed_fte: float | None, rounding: Literal["none", "ceil", "round"]
) -> Array:
    """Billed FTE = max(FTE, committed_fte), then rounded.

    ``ceil``: ⌈x⌉ forgiving float noise (``21 / 0.7`` bills 30, not 31); ``round``: the
    nearest integer, an exact half rounding up (2.5 → 3), i.e. ⌊x + ½⌋ with the same
    forgiveness; ``none``: as computed.
    """
    billed: Array = np.maximum(fte, 0.0 if committed_fte is None else committed_fte)
    if rounding == "ceil":
        return ceil_exact(billed)
    if rounding == "round":
        return floor_exact(billed + 0.5)
    return billed


def pro_rata(weights: Sequence[Array]) -> list[Array]:
    """Each weight's share of their sum per month; equal shares in months summing to 0.

    With one weight the share is exactly 1 in every month.
    """
    total = np.zeros_like(weights[0], dtype=np.float64)
    for weight in weights:
        total = total + weight
    equal = 1.0 / len(weights)
    shares: list[Array] = []
    for weight in weights:
        share = np.full_like(total, equal)
        np.divide(weight, total, out=share, where=total > 0)
        shares.append(share)
    return shares
