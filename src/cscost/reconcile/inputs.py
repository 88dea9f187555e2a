"""What reconciliation reads: the month's actuals per queue and the vendor's invoice lines.

Both come from tables (CSV or XLSX, read by :mod:`cscost.io.tables`); every value keeps
the :class:`Source` of its cell so that a problem found later (a month outside the
contract, a currency without an exchange rate) can still be located. Which actuals
columns a contract needs follows from its fee kinds (:func:`required_columns`):

======================  =========================================================
fee kind / term         actuals columns
======================  =========================================================
``per_fte_month``       ``fte``
``per_productive_hour`` ``productive_hours``
``per_paid_hour``       ``paid_hours``
``per_contact``         ``handled``
``per_minute``          ``handled``, ``aht_s``
``per_resolution``      ``handled`` and ``resolved`` (or ``fcr``)
``per_seat_month``      ``seats``
``per_new_hire``        ``hires``
``surcharge`` (window)  ``<window>_hours`` and ``productive_hours`` (hour and FTE
                        lines) or ``<window>_handled`` and ``handled`` (contacts)
``sla.levels``          the SLA's ``kpi``: ``service_level``, or ``resolved``/``fcr``
======================  =========================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cscost.errors import Issue
from cscost.model import Scenario, Vendor
from cscost.pricing.surcharge import VOLUME_KINDS

NUMBER_COLUMNS: tuple[str, ...] = (
    "offered",
    "handled",
    "aht_s",
    "productive_hours",
    "paid_hours",
    "fte",
    "seats",
    "hires",
    "resolved",
    "fcr",
    "service_level",
    "abandoned",
)
"""The numeric columns of the actuals (besides ``<window>_hours`` and ``<window>_handled``)."""
SHARE_COLUMNS: frozenset[str] = frozenset({"fcr", "service_level"})
"""Columns that hold a share in [0, 1]."""

KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "per_fte_month": ("fte",),
    "per_productive_hour": ("productive_hours",),
    "per_paid_hour": ("paid_hours",),
    "per_contact": ("handled",),
    "per_minute": ("handled", "aht_s"),
    "per_resolution": ("handled", "resolved|fcr"),
    "per_seat_month": ("seats",),
    "per_new_hire": ("hires",),
}
"""Actuals columns each fee kind prices; ``a|b`` means either column."""


@dataclass(frozen=True)
class Source:
    """Where a value was read: ``file:line:col`` of a CSV or ``Sheet!B4`` of a workbook."""

    file: str
    line: int | None = None
    column: int | None = None
    cell: str = ""

    def issue(self, message: str, what: str, found: str = "", expected: str = "") -> Issue:
        """A located :class:`Issue` about this cell (``what``: the column name)."""
        path = f"{self.cell} ({what})" if self.cell else what
        return Issue(
            message,
            path=path,
            file=self.file,
            line=None if self.cell else self.line,
            column=None if self.cell else self.column,
            found=found,
            expected=expected,
        )


@dataclass(frozen=True)
class ActualRow:
    """One queue's actual month: the figures the company's own systems recorded."""

    month: str
    queue: str
    values: Mapping[str, float]
    """Column → value, only the cells given (``handled``, ``fte``, ``night_hours`` …)."""
    sources: Mapping[str, Source] = field(default_factory=dict, compare=False)
    """Column → where its cell is (``month`` and ``queue`` included)."""

    def get(self, column: str) -> float | None:
        """The value of ``column``, None when not given."""
        return self.values.get(column)


@dataclass(frozen=True)
class InvoiceLine:
    """One line of the vendor's invoice, as billed."""

    month: str
    line: str
    """The fee line's name (or kind), or ``tax``, ``minimum``, ``sla_credit``, ``discount``."""
    queue: str | None
    quantity: float | None
    unit: str | None
    rate: float | None
    amount: float
    currency: str
    sources: Mapping[str, Source] = field(default_factory=dict, compare=False)

    @property
    def computed(self) -> float:
        """quantity × rate when both are given, else the amount."""
        if self.quantity is None or self.rate is None:
            return self.amount
        return self.quantity * self.rate

    def where(self) -> str:
        """The line's location, ``invoice.csv:4`` or ``Invoice!A4``."""
        source = self.sources.get("line") or self.sources.get("amount")
        if source is None:
            return ""
        return source.cell or f"{source.file}:{source.line}"


def _surcharge_columns(vendor: Vendor, fee_on: tuple[str, ...], window: str) -> list[str]:
    kinds = {f.kind for f in vendor.fees if f.kind in fee_on or (f.name and f.name in fee_on)}
    columns = []
    if kinds & VOLUME_KINDS:
        columns += [f"{window}_handled", "handled"]
    if kinds - VOLUME_KINDS:
        columns += [f"{window}_hours", "productive_hours"]
    return columns


def required_columns(vendor: Vendor) -> dict[str, str]:
    """Actuals column (``a|b`` for either) → the clause that needs it (module docstring)."""
    out: dict[str, str] = {}
    for k, fee in enumerate(vendor.fees):
        clause = f"fees[{k}] ({fee.label})"
        columns = list(KIND_COLUMNS.get(fee.kind, ()))
        window = getattr(fee, "window", None)
        if fee.kind == "surcharge" and window is not None:
            columns += _surcharge_columns(vendor, getattr(fee, "on", ()), window)
        for column in columns:
            out.setdefault(column, clause)
    if vendor.sla is not None and vendor.sla.levels:
        kpi = "service_level" if vendor.sla.kpi == "service_level" else "resolved|fcr"
        out.setdefault(kpi, "sla.levels")
        if kpi == "resolved|fcr":
            out.setdefault("handled", "sla.levels")
    return out


def contract_months(scenario: Scenario, vendor: Vendor) -> tuple[str, ...]:
    """The months a contract runs: the scenario's horizon, cut at the vendor's term."""
    labels = scenario.horizon.labels
    return labels if vendor.term_months is None else labels[: vendor.term_months]


def invoice_currencies(scenario: Scenario, vendor: Vendor) -> tuple[str, ...]:
    """Currencies an invoice may be in: the quote's, the scenario's and those with an FX rate."""
    own = scenario.scenario.currency
    codes = [vendor.currency or own, own, *scenario.scenario.fx]
    return tuple(dict.fromkeys(codes))
