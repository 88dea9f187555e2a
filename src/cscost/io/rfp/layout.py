"""The layout of the vendor pricing template (RFP workbook), shared by writer and reader.

The template and the importer agree on sheet names, rows and columns through this
module only. Labels exist in English and Chinese; the importer accepts either, and
the fee kind's own name (``per_fte_month``) too.

Sheets: ``Instructions``, ``Demand`` (read-only), ``Pricing`` (one row per fee line,
then a block of per-contact volume bands), ``Terms``, ``Assumptions`` and a hidden
``_cscost`` sheet holding the template marker, version, scenario name and language.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscost.model import Scenario
from cscost.model.fees import USAGE_KINDS

TEMPLATE_MARKER = "cscost-rfp"
TEMPLATE_VERSION = 1
META_SHEET = "_cscost"
META_ROWS = ("template", "version", "scenario", "lang", "queues")
"""Keys in column A of the metadata sheet, values in column B (rows 1 …)."""

SHEETS = ("Instructions", "Demand", "Pricing", "Terms", "Assumptions")

# -- units and statuses -------------------------------------------------------------------

UNIT_LABELS: dict[str, tuple[str, str]] = {
    "per_fte_month": ("per FTE-month", "每FTE每月"),
    "per_productive_hour": ("per productive hour", "每生产小时"),
    "per_paid_hour": ("per paid hour", "每计薪小时"),
    "per_contact": ("per contact", "每次联络"),
    "per_minute": ("per handled minute", "每处理分钟"),
    "per_resolution": ("per resolved contact", "每解决一次"),
    "fixed_monthly": ("per month (fixed)", "每月固定"),
    "per_seat_month": ("per seat-month", "每席位每月"),
    "one_time": ("one-time", "一次性"),
    "per_new_hire": ("per new hire", "每新员工"),
    "surcharge": ("% uplift on labour", "人工费上浮%"),
}
"""Fee kind → (English, Chinese) unit label shown in the Unit drop-down."""

LABOUR_UNITS = USAGE_KINDS
OTHER_UNITS = (*LABOUR_UNITS, "fixed_monthly", "per_seat_month", "one_time", "per_new_hire")

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "charged": ("charged", "收费"),
    "included": ("included", "已包含"),
    "not_offered": ("not offered", "不提供"),
}
TERM_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "applies": ("applies", "适用"),
    "none": ("none", "无"),
}
TIERING_LABELS: dict[str, tuple[str, str]] = {
    "marginal": ("marginal", "分段累进"),
    "all_units": ("all units", "全量适用"),
}


def label(pair: tuple[str, str], lang: str) -> str:
    """The label of ``pair`` in ``lang`` (zh → Chinese, else English)."""
    return pair[1] if lang == "zh" else pair[0]


def choices(table: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Every accepted spelling (English, Chinese, key; case-folded) → key."""
    out: dict[str, str] = {}
    for key, (en, zh) in table.items():
        for text in (key, en, zh, key.replace("_", " ")):
            out[" ".join(text.casefold().split())] = key
    return out


# -- the Pricing sheet --------------------------------------------------------------------

PRICING_HEADER_ROW = 4
PRICING_FIRST_ROW = 5
COL_KEY, COL_FEE, COL_CATEGORY, COL_STATUS, COL_RATE, COL_UNIT, COL_QUEUES, COL_NOTES = (
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
)
TIER_BANDS = 6


@dataclass(frozen=True)
class PricingLine:
    """One row of the Pricing sheet."""

    key: str
    """Fee name in the imported quote (``labour-1``, ``setup``, …)."""
    category: str
    """Audit category of the line."""
    units: tuple[str, ...]
    """Fee kinds the vendor may choose in the Unit column; the first is pre-filled."""
    required: bool
    """Status must be given (one row per audit category); optional rows may stay blank."""
    window: str | None = None
    """Surcharges: the scenario window they apply to."""


_CATEGORY_UNITS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("setup", ("one_time",), None),
    ("training", ("per_new_hire", "one_time", "fixed_monthly", "per_fte_month"), None),
    ("technology", ("per_seat_month", "fixed_monthly", "one_time", "per_fte_month"), None),
    ("telephony", ("per_minute", "per_contact", "fixed_monthly", "per_seat_month"), None),
    ("night_surcharge", ("surcharge",), "night"),
    ("weekend_surcharge", ("surcharge",), "weekend"),
    ("holiday_surcharge", ("surcharge",), "holiday"),
    ("language_surcharge", ("surcharge",), None),
    ("management", ("fixed_monthly", "per_fte_month", "per_seat_month"), None),
    ("reporting", ("fixed_monthly", "one_time"), None),
    ("integration", ("one_time", "fixed_monthly"), None),
)
OTHER_LINES = 2
TERM_CATEGORIES = ("minimum_commitment", "escalation", "termination", "sla_credits", "tax")


MAX_LABOUR_LINES = 12
MAX_PRICING_ROWS = 80
"""The importer reads column A of rows PRICING_FIRST_ROW … + MAX_PRICING_ROWS − 1 only."""
TIERS_KEY = "tiers"
"""Key of the row holding the tiering rule (column F) and queues (column G) of the bands."""
BAND_UP_TO_COL = COL_STATUS
BAND_RATE_COL = COL_RATE


def band_key(n: int) -> str:
    """Key of band row ``n`` (1-based) in column A."""
    return f"tiers-band-{n}"


def labour_line_count(scenario: Scenario) -> int:
    """Labour rows in a template: one per queue, at least 3, at most MAX_LABOUR_LINES."""
    return min(MAX_LABOUR_LINES, max(3, len(scenario.queues)))


def pricing_lines(labour_lines: int = MAX_LABOUR_LINES) -> tuple[PricingLine, ...]:
    """The fee rows of the Pricing sheet, in order, with ``labour_lines`` labour rows."""
    labour = tuple(
        PricingLine(f"labour-{n}", "labour", LABOUR_UNITS, False)
        for n in range(1, labour_lines + 1)
    )
    audited = tuple(
        PricingLine(category.replace("_", "-"), category, units, True, window)
        for category, units, window in _CATEGORY_UNITS
    )
    other = tuple(
        PricingLine(f"other-{n}", "other", OTHER_UNITS, False) for n in range(1, OTHER_LINES + 1)
    )
    return labour + audited + other


LINES_BY_KEY: dict[str, PricingLine] = {line.key: line for line in pricing_lines()}


# -- the Terms sheet -------------------------------------------------------------------------

TERMS_VALUE_COL, TERMS_STATUS_COL = "B", "C"
TERMS_FIRST_ROW = 4
TERM_KEYS = (
    "vendor_name",
    "currency",
    "term_months",
    "notice_months",
    "trial_months",
    "minimum_monthly",
    "escalation_rate",
    "escalation_every_months",
    "sla_at_risk",
    "sla_expected_miss_rate",
    "termination_fee",
    "tax_rate",
    "discount",
)
TERM_STATUS: dict[str, str] = {
    "minimum_monthly": "minimum_commitment",
    "escalation_rate": "escalation",
    "sla_at_risk": "sla_credits",
    "termination_fee": "termination",
    "tax_rate": "tax",
}
"""Terms rows with a status cell (applies / none) → the audit category they answer."""


def term_row(key: str) -> int:
    """Row of ``key`` on the Terms sheet."""
    return TERMS_FIRST_ROW + TERM_KEYS.index(key)


# -- the Assumptions sheet -------------------------------------------------------------------

ASSUMPTION_VALUE_COL = "B"
ASSUMPTIONS_FIRST_ROW = 4
ASSUMPTION_KEYS = (
    "shrinkage",
    "hours_per_fte_month",
    "attrition",
    "max_occupancy",
    "ramp_months",
    "ramp_aht_factor",
    "fcr",
    "service_level",
    "csat",
    "qa_score",
)
AHT_COL = "D"
"""Column of the vendor's AHT (seconds) in the per-queue table."""


def assumption_row(key: str) -> int:
    """Row of ``key`` on the Assumptions sheet."""
    return ASSUMPTIONS_FIRST_ROW + ASSUMPTION_KEYS.index(key)


def aht_header_row() -> int:
    """Header row of the per-queue AHT table."""
    return ASSUMPTIONS_FIRST_ROW + len(ASSUMPTION_KEYS) + 1


def aht_first_row() -> int:
    """First queue row of the per-queue AHT table."""
    return aht_header_row() + 1
