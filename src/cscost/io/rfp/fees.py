"""Read the Pricing sheet of a filled template: fee rows and volume bands into fee lines.

Row by row (docs/template.md): ``charged`` makes a fee line named by the row key, of the
kind its unit names, with the row's audit category; ``included`` adds the category to
``included``; ``not offered`` is reported and left out. Surcharges apply to every
charged labour line; the volume bands make one ``per_contact`` line ``labour-tiers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cscost.io.rfp import layout as lay
from cscost.io.rfp.cells import CellReader
from cscost.model import Scenario
from cscost.model.check_helpers import suggest
from cscost.model.holiday import HOLIDAY_WINDOW
from cscost.model.paths import Loc

_AMOUNT_KINDS = frozenset({"fixed_monthly", "per_seat_month", "one_time", "per_new_hire"})
_ALL = frozenset({"all", "*", "全部", "所有"})
_SPLIT = re.compile(r"[,;，；、\s]+")
P = "Pricing"


@dataclass
class PricingRows:
    """What the rows say, gathered while reading."""

    fees: list[dict[str, Any]]
    included: list[str]
    not_offered: list[str]
    where: dict[Loc, str]
    """Vendor field path → ``Sheet!Cell`` for model errors."""


def _rows_by_key(cells: CellReader) -> dict[str, int]:
    values = cells.sheets[P].values
    out: dict[str, int] = {}
    for row in range(lay.PRICING_FIRST_ROW, lay.PRICING_FIRST_ROW + lay.MAX_PRICING_ROWS):
        key = values.get(f"{lay.COL_KEY}{row}")
        if isinstance(key, str) and key.strip() and key.strip() not in out:
            out[key.strip()] = row
    return out


def read_fees(cells: CellReader, scenario: Scenario, quote: PricingRows) -> None:
    """Every fee row and the volume bands into ``quote``; problems into ``cells.issues``."""
    rows = _rows_by_key(cells)
    surcharges: list[tuple[dict[str, Any], int]] = []
    for line in lay.pricing_lines():
        row = rows.get(line.key)
        if row is None:
            if line.required:
                cells.issue(
                    P,
                    f"{lay.COL_KEY}{lay.PRICING_FIRST_ROW}",
                    line.key,
                    "the row of this required fee is missing from column A",
                )
            continue
        fee = _fee_row(cells, scenario, line, row, quote)
        if fee is not None:
            quote.where[("fees", len(quote.fees))] = cells.where(P, f"{lay.COL_RATE}{row}")
            quote.fees.append(fee)
            if fee["kind"] == "surcharge":
                surcharges.append((fee, row))
    _read_tiers(cells, scenario, rows, quote)
    labour = [f["name"] for f in quote.fees if f.get("category") == "labour"]
    labour_rows = [r for k, r in rows.items() if k.startswith(("labour-", "tiers"))]
    if labour or _row_has_issue(cells, labour_rows):
        for fee, _ in surcharges:
            fee["on"] = labour
        return
    first = rows.get("labour-1", lay.PRICING_FIRST_ROW)
    cells.issue(
        P,
        f"{lay.COL_STATUS}{first}",
        "labour",
        "required: charge at least one labour line (or fill the volume bands)",
    )
    for fee, row in surcharges:
        cells.issue(
            P,
            f"{lay.COL_RATE}{row}",
            fee["name"],
            "a surcharge needs a charged labour line to apply to",
        )


def _row_has_issue(cells: CellReader, rows: list[int]) -> bool:
    """Whether some issue lies on one of the Pricing ``rows`` (a labour line that failed)."""
    title = cells.sheets[P].title
    marks = {f"{title}!{col}{row}" for row in rows for col in "ABCDEFGH"}
    return any(issue.path in marks for issue in cells.issues)


def _status(cells: CellReader, line: lay.PricingLine, row: int, has_rate: bool) -> str | None:
    shown = [en for en, _ in lay.STATUS_LABELS.values()]
    status = cells.choice(
        P,
        f"{lay.COL_STATUS}{row}",
        f"{line.key} status",
        lay.choices(lay.STATUS_LABELS),
        lay.STATUS_LABELS,
        shown,
    )
    if status is None and has_rate:
        return "charged"
    if status is None and line.required and not _has_issue(cells, P, f"{lay.COL_STATUS}{row}"):
        cells.issue(
            P,
            f"{lay.COL_STATUS}{row}",
            f"{line.key} status",
            "required category left blank",
            expected=", ".join(shown),
        )
    return status


def _has_issue(cells: CellReader, sheet: str, ref: str) -> bool:
    return any(i.path == cells.where(sheet, ref) for i in cells.issues)


def _fee_row(
    cells: CellReader, scenario: Scenario, line: lay.PricingLine, row: int, quote: PricingRows
) -> dict[str, Any] | None:
    rate_ref = f"{lay.COL_RATE}{row}"
    what = f"{line.key} rate or amount"
    surcharge = line.units == ("surcharge",)
    rate = cells.share(P, rate_ref, what) if surcharge else cells.number(P, rate_ref, what)
    status = _status(cells, line, row, rate is not None or _has_issue(cells, P, rate_ref))
    if status in ("included", "not_offered"):
        (quote.included if status == "included" else quote.not_offered).append(line.category)
        if rate is not None:
            cells.issue(
                P,
                rate_ref,
                what,
                f"a rate is given but the status is {status}",
                rate,
                "a blank cell, or the status charged",
            )
        return None
    if status != "charged":
        return None
    unit = _unit(cells, line, row)
    queues = read_queues(cells, P, f"{lay.COL_QUEUES}{row}", f"{line.key} queues", scenario)
    if rate is None:
        if not _has_issue(cells, P, rate_ref):
            cells.issue(
                P, rate_ref, what, "charged, but no rate or amount given", expected="a number ≥ 0"
            )
        return None
    if unit is None:
        return None
    fee: dict[str, Any] = {"kind": unit, "name": line.key, "category": line.category}
    value_key = "percent" if surcharge else "amount" if unit in _AMOUNT_KINDS else "rate"
    fee[value_key] = rate
    if line.window is not None:
        if line.window not in (*scenario.scenario.windows, HOLIDAY_WINDOW):
            cells.issue(
                P,
                rate_ref,
                what,
                f"the scenario defines no `{line.window}` window",
                expected=f"add windows.{line.window} to the scenario, or mark the row "
                "included / not offered and explain in Notes",
            )
        fee["window"] = line.window
    if queues:
        fee["queues"] = queues
    return fee


def _unit(cells: CellReader, line: lay.PricingLine, row: int) -> str | None:
    ref = f"{lay.COL_UNIT}{row}"
    shown = [lay.label(lay.UNIT_LABELS[u], "en") for u in line.units]
    unit = cells.choice(P, ref, f"{line.key} unit", lay.choices(lay.UNIT_LABELS), line.units, shown)
    if unit is None and len(line.units) == 1 and not _has_issue(cells, P, ref):
        return line.units[0]
    if unit is None and not _has_issue(cells, P, ref):
        cells.issue(
            P,
            ref,
            f"{line.key} unit",
            "charged, but no unit chosen",
            expected="one of: " + ", ".join(shown),
        )
    return unit


def read_queues(
    cells: CellReader, sheet: str, ref: str, what: str, scenario: Scenario
) -> list[str]:
    """Queue ids of a Queues cell: [] for blank or `all`; unknown ids are issues."""
    text = cells.text(sheet, ref, what)
    if text is None or text.casefold() in _ALL:
        return []
    out: list[str] = []
    for name in (n for n in _SPLIT.split(text) if n):
        if name not in scenario.queue_ids:
            cells.issue(
                sheet,
                ref,
                what,
                f"no queue `{name}` in the scenario{suggest(name, scenario.queue_ids)}",
                name,
                "all, or ids of: " + ", ".join(scenario.queue_ids),
            )
        elif name not in out:
            out.append(name)
    return out


def _read_tiers(
    cells: CellReader, scenario: Scenario, rows: dict[str, int], quote: PricingRows
) -> None:
    bands: list[dict[str, float]] = []
    last_row = 0
    for n in range(1, lay.TIER_BANDS + 1):
        row = rows.get(lay.band_key(n))
        if row is None:
            continue
        up_to = cells.number(P, f"{lay.BAND_UP_TO_COL}{row}", f"band {n} up to", positive=True)
        rate = cells.number(P, f"{lay.BAND_RATE_COL}{row}", f"band {n} rate")
        if up_to is None and rate is None:
            continue
        if rate is None:
            if not _has_issue(cells, P, f"{lay.BAND_RATE_COL}{row}"):
                cells.issue(
                    P,
                    f"{lay.BAND_RATE_COL}{row}",
                    f"band {n} rate",
                    "a band needs a rate per contact",
                    expected="a number ≥ 0",
                )
            continue
        if bands and "up_to" not in bands[-1]:
            cells.issue(
                P,
                f"{lay.BAND_UP_TO_COL}{last_row}",
                f"band {n - 1} up to",
                "only the last band may leave Up to blank",
            )
        bands.append({"rate": rate} if up_to is None else {"up_to": up_to, "rate": rate})
        last_row = row
    tiers_row = rows.get(lay.TIERS_KEY)
    if not bands or tiers_row is None:
        return
    if "up_to" in bands[-1]:
        cells.issue(
            P,
            f"{lay.BAND_UP_TO_COL}{last_row}",
            "last band up to",
            "the last band has no upper bound: leave Up to blank",
            bands[-1]["up_to"],
        )
    shown = [p[0] for p in lay.TIERING_LABELS.values()]
    tiering = cells.choice(
        P,
        f"{lay.COL_UNIT}{tiers_row}",
        "tiering",
        lay.choices(lay.TIERING_LABELS),
        lay.TIERING_LABELS,
        shown,
    )
    queues = read_queues(cells, P, f"{lay.COL_QUEUES}{tiers_row}", "tiers queues", scenario)
    fee: dict[str, Any] = {
        "kind": "per_contact",
        "name": "labour-tiers",
        "category": "labour",
        "tiering": tiering or "marginal",
        "tiers": bands,
    }
    if queues:
        fee["queues"] = queues
    first_band = rows.get(lay.band_key(1), tiers_row)
    quote.where[("fees", len(quote.fees))] = cells.where(P, f"{lay.BAND_RATE_COL}{first_band}")
    quote.fees.append(fee)
