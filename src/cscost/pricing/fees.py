"""Fee lines of a quote priced per part and month (DESIGN.md, "Fee lines").

Every recurring price is multiplied by the escalation factor of its month (see
:func:`cscost.pricing.terms.escalation_factors`); one-time fees are not. A fee charges
only the parts its filters match (``queues``, ``tiers``, ``languages``, ``channels``)
and only in its ``months``. Quantities per part and month:

=======================  ============================================  ==========
kind                     quantity                                      unit
=======================  ============================================  ==========
``per_fte_month``        billed FTE, allocated pro rata to FTE         FTE
``per_productive_hour``  productive hours                              hours
``per_paid_hour``        paid hours                                    hours
``per_contact``          handled contacts (tiers: rate = average)      contacts
``per_minute``           volume × AHT / 60                             minutes
``per_resolution``       volume × FCR                                  resolutions
``per_seat_month``       seats                                         seats
``per_new_hire``         hires (growth + FTE × attrition / 12)         hires
``fixed_monthly``        1 (queue ``*`` unless the fee is filtered)    month
``one_time``             1 in its month, never escalated               once
=======================  ============================================  ==========

``per_fte_month`` and tiered ``per_contact`` price the total of all parts the fee
covers (a commitment, a rounding and volume bands are the vendor's, not a queue's),
then allocate: FTE pro rata to each part's FTE (equal shares when all are 0), the
tiered charge pro rata to each part's volume at the effective average rate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.errors import ArgumentError, QuoteError
from cscost.model.calendar import Horizon
from cscost.model.fees import (
    FeeBase,
    FixedMonthlyFee,
    OneTimeFee,
    PerContactFee,
    PerFteMonthFee,
    PerNewHireFee,
    PerSeatMonthFee,
    RatedFee,
)
from cscost.model.queues import Queue
from cscost.model.vendors import Vendor
from cscost.pricing.lines import QUOTE_LEVEL, Line, full
from cscost.pricing.tiers import billed_fte, pro_rata, tiered_charge
from cscost.pricing.usage import Fx, PartUsage


@dataclass(frozen=True)
class QuoteContext:
    """What pricing one vendor's quote in one option needs besides the fee itself."""

    vendor: Vendor
    parts: tuple[PartUsage, ...]
    queues: Mapping[str, Queue]
    horizon: Horizon
    escalation: Array
    """(1 + rate)^⌊i / every_months⌋ per month (1 without escalation)."""

    def covered(self, fee: FeeBase) -> tuple[PartUsage, ...]:
        """The parts whose queue the fee's filters match."""
        return tuple(p for p in self.parts if fee.applies_to(self.queue(p)))

    def queue(self, part: PartUsage) -> Queue:
        """The queue of ``part``."""
        try:
            return self.queues[part.queue_id]
        except KeyError:
            raise ArgumentError(
                f"part {part.label}: queue `{part.queue_id}` not in queues"
            ) from None


@dataclass(frozen=True)
class FeeRef:
    """A fee with its position in the vendor's list and the currency it is priced in."""

    fee: FeeBase
    index: int
    currency: str
    fx: Fx

    @property
    def where(self) -> str:
        """``fees[k]``: the fee's path inside its vendor, for messages."""
        return f"fees[{self.index}]"


def active_months(ref: FeeRef, ctx: QuoteContext) -> BoolArray:
    """Months the fee's ``months`` filter allows (all when empty)."""
    try:
        allowed = {ctx.horizon.index_of(m) for m in ref.fee.months}
    except ArgumentError as exc:
        raise QuoteError(f"vendor {ctx.vendor.id}: {ref.where}.months: {exc}") from None
    mask = np.ones(ctx.horizon.months, dtype=np.bool_)
    if allowed:
        mask[:] = False
        mask[sorted(allowed)] = True
    return mask


def part_rate(ref: FeeRef, ctx: QuoteContext, part: PartUsage) -> float:
    """The fee's unit price for ``part`` before escalation (rate table or amount)."""
    fee = ref.fee
    if isinstance(fee, RatedFee | PerContactFee):
        rate = fee.rate_for(ctx.queue(part))
        if rate is None:
            queue = ctx.queue(part)
            raise QuoteError(
                f"vendor {ctx.vendor.id}: {ref.where}.rate has no price for queue "
                f"`{queue.id}` (tier {queue.tier}, language {queue.language}); add a key "
                f"`{queue.tier}`, `{queue.language}` or `*`"
            )
        return rate
    assert isinstance(fee, PerSeatMonthFee | PerNewHireFee)
    return fee.amount


def _part_line(
    ref: FeeRef,
    part: PartUsage,
    quantity: Array,
    rate: Array,
    unit: str,
    active: BoolArray,
) -> Line:
    fee = ref.fee
    return Line(
        line=fee.label,
        category=fee.audit_category,
        kind=fee.kind,
        queue=part.label,
        quantity=quantity,
        unit=unit,
        rate=rate,
        currency=ref.currency,
        fx=ref.fx,
        active=active,
        fee=fee,
        parts=(part,),
    )


def _resolutions(ref: FeeRef, ctx: QuoteContext, part: PartUsage) -> Array:
    if part.fcr is None:
        raise QuoteError(
            f"vendor {ctx.vendor.id}: {ref.where} ({ref.fee.label}) is per_resolution but no "
            f"FCR is known for queue `{part.queue_id}`; state the vendor's kpis.fcr (or "
            "assumptions.fcr) or the queue's fcr"
        )
    result: Array = part.volume * part.fcr
    return result


Quantity = Callable[[FeeRef, QuoteContext, PartUsage], Array]

#: Per-part quantity and unit of the kinds priced part by part with a flat price.
PART_QUANTITIES: dict[str, tuple[Quantity, str]] = {
    "per_productive_hour": (lambda r, c, p: p.productive_hours, "hours"),
    "per_paid_hour": (lambda r, c, p: p.paid_hours, "hours"),
    "per_contact": (lambda r, c, p: p.volume, "contacts"),
    "per_minute": (lambda r, c, p: p.minutes, "minutes"),
    "per_resolution": (_resolutions, "resolutions"),
    "per_seat_month": (lambda r, c, p: p.seats, "seats"),
    "per_new_hire": (lambda r, c, p: p.hires, "hires"),
}


def flat_part_lines(ref: FeeRef, ctx: QuoteContext, active: BoolArray) -> list[Line]:
    """rate × escalation × quantity, one line per covered part."""
    quantity_of, unit = PART_QUANTITIES[ref.fee.kind]
    lines: list[Line] = []
    for part in ctx.covered(ref.fee):
        rate = part_rate(ref, ctx, part) * ctx.escalation
        lines.append(_part_line(ref, part, quantity_of(ref, ctx, part), rate, unit, active))
    return lines


def fte_lines(ref: FeeRef, ctx: QuoteContext, active: BoolArray) -> list[Line]:
    """Billed FTE of all covered parts, allocated pro rata to their FTE."""
    fee = ref.fee
    assert isinstance(fee, PerFteMonthFee)
    parts = ctx.covered(fee)
    if not parts:
        return []
    total = np.sum([p.fte for p in parts], axis=0)
    billed = billed_fte(total, fee.committed_fte, fee.rounding)
    shares = pro_rata([p.fte for p in parts])
    return [
        _part_line(
            ref,
            part,
            billed * share,
            part_rate(ref, ctx, part) * ctx.escalation,
            "FTE",
            active,
        )
        for part, share in zip(parts, shares, strict=True)
    ]


def contact_lines(ref: FeeRef, ctx: QuoteContext, active: BoolArray) -> list[Line]:
    """Flat per-contact rate, or bands on the covered parts' total volume, pro rata."""
    fee = ref.fee
    assert isinstance(fee, PerContactFee)
    if fee.bands is None:
        return flat_part_lines(ref, ctx, active)
    parts = ctx.covered(fee)
    if not parts:
        return []
    total = np.sum([p.volume for p in parts], axis=0)
    charge = tiered_charge(total, fee.bands, fee.tiering) * ctx.escalation
    average = np.broadcast_to(fee.bands[0].rate * ctx.escalation, charge.shape).copy()
    np.divide(charge, total, out=average, where=total > 0)
    return [_part_line(ref, p, p.volume, average, "contacts", active) for p in parts]


def quote_level_line(ref: FeeRef, ctx: QuoteContext, active: BoolArray) -> list[Line]:
    """fixed_monthly (escalated, each active month) or one_time (its month, as is)."""
    fee = ref.fee
    assert isinstance(fee, FixedMonthlyFee | OneTimeFee)
    filtered = bool(fee.queues or fee.tiers or fee.languages or fee.channels)
    parts = ctx.covered(fee) if filtered else ctx.parts
    if not parts:
        return []
    months = ctx.horizon.months
    if isinstance(fee, OneTimeFee):
        active = np.zeros(months, dtype=np.bool_)
        try:
            active[ctx.horizon.index_of(fee.month)] = True
        except ArgumentError as exc:
            raise QuoteError(f"vendor {ctx.vendor.id}: {ref.where}.month: {exc}") from None
        rate, unit = full(months, fee.amount), "once"
    else:
        rate, unit = fee.amount * ctx.escalation, "month"
    queue = " + ".join(p.label for p in parts) if filtered else QUOTE_LEVEL
    return [
        Line(
            line=fee.label,
            category=fee.audit_category,
            kind=fee.kind,
            queue=queue,
            quantity=full(months, 1.0),
            unit=unit,
            rate=rate,
            currency=ref.currency,
            fx=ref.fx,
            active=active,
            fee=fee,
            parts=parts,
            quote_level=True,
        )
    ]


Builder = Callable[[FeeRef, QuoteContext, BoolArray], list[Line]]

#: How each kind (but surcharge, priced on the others' lines) turns into lines.
BUILDERS: dict[str, Builder] = {
    "per_fte_month": fte_lines,
    "per_productive_hour": flat_part_lines,
    "per_paid_hour": flat_part_lines,
    "per_contact": contact_lines,
    "per_minute": flat_part_lines,
    "per_resolution": flat_part_lines,
    "per_seat_month": flat_part_lines,
    "per_new_hire": flat_part_lines,
    "fixed_monthly": quote_level_line,
    "one_time": quote_level_line,
}
