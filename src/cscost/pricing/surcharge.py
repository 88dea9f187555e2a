"""Surcharges: percent × the charges of the lines named in ``on`` inside a window.

A surcharge applies to the lines of the fees it names in ``on`` (by fee ``name`` or
by ``kind``), for the parts its own filters match and in its ``months``. Per part and
month its base is

    Σ over the named lines of that part: line amount × share inside the window

where the share is window_hours[w] / productive_hours for hours-based kinds
(per_fte_month, per_productive_hour, per_paid_hour, per_seat_month, per_new_hire) and
window_volume[w] / volume for volume-based kinds (per_contact, per_minute,
per_resolution); 0 in a month with no hours (no volume). Without a window the share
is 1: a ``languages`` surcharge uplifts the whole charge of parts in those languages.
A quote-level ``fixed_monthly`` line named in ``on`` is shared over the parts it
covers by productive hours. The row: quantity = base (in the surcharge's currency),
unit ``base``, rate = percent.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.errors import QuoteError
from cscost.model.fees import SURCHARGEABLE_KINDS, SurchargeFee
from cscost.pricing.fees import FeeRef, QuoteContext
from cscost.pricing.lines import Line, full
from cscost.pricing.tiers import pro_rata
from cscost.pricing.usage import PartUsage

VOLUME_KINDS: frozenset[str] = frozenset({"per_contact", "per_minute", "per_resolution"})
"""Kinds whose share inside a window is window_volume / volume; the others go by hours."""


def window_share(part: PartUsage, kind: str, window: str | None, where: str) -> Array:
    """Share of ``part``'s charge of ``kind`` that falls inside ``window`` (1 without one)."""
    if window is None:
        return np.ones_like(part.volume, dtype=np.float64)
    if kind in VOLUME_KINDS:
        inside, whole, field = part.window_volume, part.volume, "window_volume"
    else:
        inside, whole, field = part.window_hours, part.productive_hours, "window_hours"
    if window not in inside:
        raise QuoteError(
            f"{where}: the usage of part {part.label} has no {field} for window `{window}`"
        )
    share = np.zeros_like(whole, dtype=np.float64)
    np.divide(inside[window], whole, out=share, where=whole > 0)
    return share


def _named(fee: SurchargeFee, priced: Sequence[Line]) -> list[Line]:
    return [
        line
        for line in priced
        if line.fee is not None
        and line.fee.kind in SURCHARGEABLE_KINDS
        and (line.fee.kind in fee.on or (line.fee.name is not None and line.fee.name in fee.on))
    ]


def _quote_level_share(
    line: Line, scope: Sequence[PartUsage], window: str | None, where: str
) -> Array:
    """Share of a quote-level line inside the window and the surcharge's scope, by hours."""
    weights = pro_rata([p.productive_hours for p in line.parts])
    share = np.zeros(line.quantity.shape[-1], dtype=np.float64)
    for part, weight in zip(line.parts, weights, strict=True):
        if any(part is s for s in scope):
            share = share + weight * window_share(part, "fixed_monthly", window, where)
    return share


def surcharge_label(fee: SurchargeFee, fees: Sequence[object]) -> str:
    """The row name: the fee's label, or — when another surcharge of the quote has the same
    label — ``<label> on <lines it surcharges> (<window>)``, so two rows are told apart."""
    same = [
        f for f in fees if isinstance(f, SurchargeFee) and f is not fee and f.label == fee.label
    ]
    if not same:
        return fee.label
    window = f" ({fee.window})" if fee.window else ""
    return f"{fee.label} on {', '.join(fee.on)}{window}"


def surcharge_lines(
    ref: FeeRef, ctx: QuoteContext, active: BoolArray, priced: Sequence[Line]
) -> list[Line]:
    """One line per part the surcharge reaches (and per quote-level line it names)."""
    fee = ref.fee
    assert isinstance(fee, SurchargeFee)
    where = f"vendor {ctx.vendor.id}: {ref.where} ({fee.label})"
    named = _named(fee, priced)
    scope = ctx.covered(fee)
    bases: list[tuple[str, Array, tuple[PartUsage, ...]]] = []
    for part in scope:
        mine = [line for line in named if line.part is part]
        if mine:
            base = np.sum(
                [line.amount * window_share(part, line.kind, fee.window, where) for line in mine],
                axis=0,
            )
            bases.append((part.label, base, (part,)))
    for line in named:
        if line.part is None:
            base = line.amount * _quote_level_share(line, scope, fee.window, where)
            bases.append((line.queue, base, line.parts))
    months = ctx.horizon.months
    label = surcharge_label(fee, ctx.vendor.fees)
    return [
        Line(
            line=label,
            category=fee.audit_category,
            kind=fee.kind,
            queue=queue,
            quantity=base / ref.fx,
            unit="base",
            rate=full(months, fee.percent),
            currency=ref.currency,
            fx=ref.fx,
            active=active,
            fee=fee,
            parts=parts,
        )
        for queue, base, parts in bases
    ]
