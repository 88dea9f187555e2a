"""What a provider does for one queue (or part of it), month by month: the quantities fees price.

A :class:`PartUsage` is the bridge between staffing and pricing: demand and staffing fill
it in, pricing multiplies its quantities by rates, and every bill row names the quantity
it priced. Arrays have one value per month of the horizon, on their last axis; they may
carry a leading sample axis [S, M] (Monte Carlo prices all samples at once with the same
code that makes the bill).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from cscost.arrays import Array

Fx = float | Array
"""An FX rate: one number, or one per sample ([S, 1]) when Monte Carlo samples rates."""


@dataclass(frozen=True)
class PartUsage:
    """One provider's work on one queue part in each month.

    ``window_hours[w]`` / ``window_volume[w]`` are the productive hours / contacts inside
    window ``w`` (a name of ``scenario.windows`` or an hours text used by a surcharge).
    ``hires[i]`` = max(FTE[i] − FTE[i−1], 0) + FTE[i] × attrition / 12, with FTE[−1] = 0.
    """

    queue_id: str
    channel: str
    language: str
    tier: str
    label: str  # the queue id, or the id and the part, e.g. "voice-zh 22:00-08:00"
    volume: Array  # handled contacts
    aht_s: Array  # the provider's AHT (after ramp)
    productive_hours: Array
    paid_hours: Array
    fte: Array
    seats: Array
    hires: Array
    fcr: float | None
    window_hours: Mapping[str, Array] = field(default_factory=dict)
    window_volume: Mapping[str, Array] = field(default_factory=dict)

    @property
    def minutes(self) -> Array:
        """Handled minutes = volume × AHT / 60."""
        result: Array = self.volume * self.aht_s / 60.0
        return result


def hires_by_month(
    fte: Array, attrition_per_year: float | Array, *, team_exists: bool = False
) -> Array:
    """Hires: growth of the team plus replacements, max(FTE[i] − FTE[i−1], 0) + FTE[i]·a/12.

    FTE[−1] = 0 (the whole team is hired in the first month), or FTE[0] when
    ``team_exists`` (an in-house team already in place hires only replacements then).
    Months are the last axis of ``fte``; ``attrition_per_year`` broadcasts against it.
    """
    previous = np.zeros_like(fte, dtype=np.float64)
    previous[..., 1:] = fte[..., :-1]
    if team_exists:
        previous[..., :1] = fte[..., :1]
    result: Array = np.maximum(fte - previous, 0.0) + fte * attrition_per_year / 12.0
    return result
