"""Builders for pricing tests: parts, queues, vendors and row look-ups.

Parts are built directly (no staffing run); vendors and queues go through the
scenario model's ``model_validate`` as a scenario file would.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from cscost.model import Horizon, Inhouse, Queue, Vendor
from cscost.pricing import BillRow, PartUsage, price_inhouse, price_quote

START = "2027-01"


Values = float | Sequence[float] | npt.NDArray[np.float64]


def arr(values: Values, months: int) -> npt.NDArray[np.float64]:
    """``values`` as a float array of ``months`` (a scalar is repeated)."""
    if isinstance(values, int | float):
        return np.full(months, float(values))
    out = np.asarray(values, dtype=float)
    assert out.shape == (months,)
    return out


def queue(
    queue_id: str = "voice-zh", channel: str = "voice", language: str = "zh", tier: str = "general"
) -> Queue:
    """A queue; only its id, channel, language and tier matter to pricing."""
    target = (
        {"answer_within": "20s", "level": 0.8}
        if channel in ("voice", "chat", "messaging")
        else {"respond_within": "24h", "level": 0.9}
    )
    return Queue.model_validate(
        {
            "id": queue_id,
            "channel": channel,
            "language": language,
            "tier": tier,
            "volume": {"monthly": 1000},
            "aht": "300s",
            "target": target,
        }
    )


def part(
    q: Queue,
    months: int,
    *,
    label: str | None = None,
    volume: Values = 0.0,
    aht_s: Values = 300.0,
    productive_hours: Values = 0.0,
    paid_hours: Values = 0.0,
    fte: Values = 0.0,
    seats: Values = 0.0,
    hires: Values = 0.0,
    fcr: float | None = None,
    window_hours: Mapping[str, Values] | None = None,
    window_volume: Mapping[str, Values] | None = None,
) -> PartUsage:
    """A part of ``q`` with the given monthly quantities."""
    return PartUsage(
        queue_id=q.id,
        channel=q.channel,
        language=q.language,
        tier=q.tier,
        label=label or q.id,
        volume=arr(volume, months),
        aht_s=arr(aht_s, months),
        productive_hours=arr(productive_hours, months),
        paid_hours=arr(paid_hours, months),
        fte=arr(fte, months),
        seats=arr(seats, months),
        hires=arr(hires, months),
        fcr=fcr,
        window_hours={k: arr(v, months) for k, v in (window_hours or {}).items()},
        window_volume={k: arr(v, months) for k, v in (window_volume or {}).items()},
    )


def vendor(fees: list[dict[str, Any]], **terms: Any) -> Vendor:
    """A vendor `v` with ``fees`` and contract ``terms``."""
    return Vendor.model_validate({"id": "v", "fees": fees, **terms})


def quote(
    v: Vendor,
    parts: Sequence[PartUsage],
    queues: Sequence[Queue],
    months: int,
    *,
    currency: str = "CNY",
    fx: Mapping[str, float] | None = None,
) -> list[BillRow]:
    """``price_quote`` on a horizon of ``months`` from 2027-01 in option `opt`."""
    return price_quote(
        v,
        parts,
        queues={q.id: q for q in queues},
        horizon=Horizon.from_text(START, months),
        currency=currency,
        fx=fx or {},
        option="opt",
    )


def inhouse_bill(
    data: dict[str, Any],
    parts: Sequence[PartUsage],
    queues: Sequence[Queue],
    months: int,
    *,
    workforce_attrition: float = 0.0,
) -> list[BillRow]:
    """``price_inhouse`` of ``Inhouse.model_validate(data)``."""
    return price_inhouse(
        Inhouse.model_validate(data),
        parts,
        queues={q.id: q for q in queues},
        horizon=Horizon.from_text(START, months),
        currency="CNY",
        option="opt",
        workforce_attrition=workforce_attrition,
    )


def pick(rows: Sequence[BillRow], **match: Any) -> list[BillRow]:
    """The rows whose fields equal ``match``."""
    return [r for r in rows if all(getattr(r, k) == v for k, v in match.items())]


def one(rows: Sequence[BillRow], **match: Any) -> BillRow:
    """The single row matching ``match``."""
    found = pick(rows, **match)
    assert len(found) == 1, f"{len(found)} rows match {match}"
    return found[0]


def amount(rows: Sequence[BillRow], **match: Any) -> float:
    """Σ amount of the rows matching ``match``."""
    return sum(r.amount for r in pick(rows, **match))


def month_total(rows: Sequence[BillRow], index: int) -> float:
    """Σ amount of month ``index``."""
    return amount(rows, month_index=index)
