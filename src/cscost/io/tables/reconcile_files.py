"""Both tables of a reconciliation read for one vendor of a scenario, errors located."""

from __future__ import annotations

import os
from pathlib import Path

from cscost.io.tables.actuals import read_actuals
from cscost.io.tables.invoice import read_invoice
from cscost.model import Scenario
from cscost.reconcile.inputs import (
    ActualRow,
    InvoiceLine,
    contract_months,
    invoice_currencies,
    required_columns,
)


def read_reconcile_tables(
    scenario: Scenario,
    vendor_id: str,
    actuals: str | os.PathLike[str],
    invoice: str | os.PathLike[str],
) -> tuple[list[ActualRow], list[InvoiceLine]]:
    """The actuals (the columns the vendor's contract needs) and the invoice of ``vendor_id``.

    Months must be the contract's, queues the scenario's, currencies known to it; the
    rows are then ready for :func:`cscost.reconcile.reconcile`.
    """
    contract = scenario.vendor(vendor_id)
    months = contract_months(scenario, contract)
    rows = read_actuals(
        Path(actuals),
        required=required_columns(contract),
        months=months,
        queues=scenario.queue_ids,
        vendor=vendor_id,
    )
    lines = read_invoice(
        Path(invoice),
        months=months,
        currencies=invoice_currencies(scenario, contract),
        default_currency=contract.currency or scenario.scenario.currency,
    )
    return rows, lines
