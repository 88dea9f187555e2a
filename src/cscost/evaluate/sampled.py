"""From the surrogate's hours to the usage that pricing reads, sample by sample.

Per sample, with the plan's formulas (:mod:`cscost.staffing.plan`): paid = H / (1 −
shrinkage), FTE = paid / hours_per_fte_month, hires by the one rule of
:func:`cscost.evaluate.parts.part_hires` with the provider's attrition × the sample's
attrition multiplier. Volumes and window volumes scale exactly with the volume
multiplier v, minutes with v × a (a the AHT multiplier); hours inside a window (night,
weekend) keep the plan's share of the month's hours: H_w = H_w,plan × H / H_plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

import numpy as np

from cscost.arrays import Array
from cscost.evaluate.parts import part_hires
from cscost.model.resolved import QueueSettings
from cscost.pricing.usage import PartUsage
from cscost.staffing.plan import fte, paid_hours


class ScaledWindows(Mapping[str, Array]):
    """``base[w] × factor`` for every window w, computed when read (most are never read)."""

    def __init__(self, base: Mapping[str, Array], factor: Array) -> None:
        self._base = base
        self._factor = factor

    def __getitem__(self, key: str) -> Array:
        result: Array = self._base[key] * self._factor
        return result

    def __iter__(self) -> Iterator[str]:
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)


def sampled_usage(
    usage: PartUsage,
    settings: QueueSettings,
    staffing: tuple[Array, Array],
    volume: Array,
    aht: Array,
    attrition: Array,
) -> PartUsage:
    """The usage of one part in every sample: arrays [S, M] (module docstring).

    ``staffing`` is (productive hours, seats) [S, M] from
    :meth:`cscost.staffing.surrogate.StaffingTable.lookup`; ``volume`` [S, M] multiplies
    the queue's volume, ``aht`` [S] the provider's AHT and ``attrition`` [S] its attrition.
    """
    hours, seats = staffing
    paid = paid_hours(hours, settings.shrinkage)
    agents = fte(paid, settings.hours_per_fte_month)
    base = usage.productive_hours[None, :]
    share = np.zeros_like(hours)
    np.divide(hours, np.broadcast_to(base, hours.shape), out=share, where=base > 0)
    return replace(
        usage,
        volume=usage.volume * volume,
        aht_s=usage.aht_s * aht[:, None],
        productive_hours=hours,
        paid_hours=paid,
        fte=agents,
        seats=seats,
        hires=part_hires(settings, agents, attrition[:, None]),
        window_hours=ScaledWindows(usage.window_hours, share),
        window_volume=ScaledWindows(usage.window_volume, volume),
    )
