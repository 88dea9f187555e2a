"""Pricing: fee lines and contract terms into monthly charges; the in-house cost model.

:func:`price_quote` turns a vendor's quote and the work it does in an option
(:class:`PartUsage`, one per queue part) into bill rows; :func:`price_inhouse` does
the same for the company's own team. A bill is a list of :class:`BillRow`; every total
is a sum of rows (:func:`bill_total`). The formulas are in ``docs/pricing.md``. This
package does no I/O.
"""

from cscost.pricing.bill import BILL_COLUMNS, BillRow, bill_frame, bill_total
from cscost.pricing.inhouse import price_inhouse
from cscost.pricing.quote import fx_rate, price_quote
from cscost.pricing.terms import escalation_factors
from cscost.pricing.tiers import billed_fte, tiered_charge
from cscost.pricing.usage import PartUsage, hires_by_month

__all__ = [
    "BILL_COLUMNS",
    "BillRow",
    "PartUsage",
    "bill_frame",
    "bill_total",
    "billed_fte",
    "escalation_factors",
    "fx_rate",
    "hires_by_month",
    "price_inhouse",
    "price_quote",
    "tiered_charge",
]
