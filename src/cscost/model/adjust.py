"""What-if adjustments: the scenario evaluated as if some of its inputs were scaled.

``adjustments`` is an optional top-level section (the web app's what-if sliders save
their position in it, and a planner may write it by hand)::

    adjustments:
      volume: 1.2          # every queue's monthly volume × 1.2 (formula, list or forecast)
      aht: 1.05            # every AHT × 1.05 (the queue's and each vendor's own)
      fx: {USD: 1.05}      # scenario.fx[USD] × 1.05
      rates: {shenzhou: 0.95}   # every fee line of vendor shenzhou × 0.95

Each is applied where the input is resolved, so every result (plan, bill, risk,
reconcile) sees the scaled scenario: volume in
:func:`cscost.demand.assembly.queue_monthly_volumes`, AHT in
:func:`cscost.model.resolved.queue_settings`, FX in :meth:`Scenario.fx_table`, rates in
:func:`cscost.pricing.quote.quote_lines`. A rate multiplier scales every fee line of the
vendor (unit rates, fixed, seat, hire and one-time amounts, surcharges), so discounts,
SLA credits and tax, which are shares of the fees, follow; the minimum commitment and the
termination fee stay as contracted.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from cscost.model.base import Contract, CurrencyCode, Identifier

Multiplier = Annotated[float, Field(gt=0, le=100)]


class Adjustments(Contract):
    """Multipliers of volume, AHT, FX rates and vendors' rates (module docstring)."""

    volume: Multiplier = 1.0
    """Every queue's monthly volume × this."""
    aht: Multiplier = 1.0
    """Every AHT (queue and vendors' own) × this."""
    fx: dict[CurrencyCode, Multiplier] = Field(default_factory=dict)
    """scenario.fx[currency] × this, per currency of scenario.fx."""
    rates: dict[Identifier, Multiplier] = Field(default_factory=dict)
    """Every fee line of the vendor × this, per vendor id."""

    @property
    def is_identity(self) -> bool:
        """True when nothing is scaled."""
        return (
            self.volume == 1.0
            and self.aht == 1.0
            and all(k == 1.0 for k in self.fx.values())
            and all(k == 1.0 for k in self.rates.values())
        )

    def rate_factor(self, vendor_id: str) -> float:
        """The multiplier of ``vendor_id``'s fee lines (1 when not adjusted)."""
        return self.rates.get(vendor_id, 1.0)
