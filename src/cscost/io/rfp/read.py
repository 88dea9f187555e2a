"""Read a filled pricing template back into a :class:`cscost.model.Vendor`.

``read_quote(path, scenario, vendor_id)`` checks the file (:mod:`cscost.io.rfp.safety`),
reads the template's known cells as values (:mod:`cscost.io.rfp.cells`), builds the
vendor's fee lines, terms and assumptions, and validates them with the model against
the scenario (queues exist, currencies have an fx rate). Every problem names the sheet,
the cell and the field, and all of them are raised together in one
:class:`~cscost.errors.InputFileError`.

How rows become a quote (docs/template.md):

- Pricing row ``charged``: a fee line named by the row key (``labour-1``, ``setup``),
  of the kind its unit names, with the row's audit category; surcharges apply, in their
  window (night, weekend, holiday) or to their queues (language), to every charged
  labour line. ``included``: the category goes to ``included``. ``not offered``: reported,
  left out of the quote (the audit will ask about it). A blank status with a rate is
  read as charged; a required row left blank is an issue.
- The volume bands make one ``per_contact`` line named ``labour-tiers``.
- Terms with a status (minimum, escalation, SLA, termination, tax): ``applies`` needs
  a value; ``none`` puts the category in ``included`` (declared, no charge).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cscost.errors import InputFileError, Issue
from cscost.io.rfp import layout as lay
from cscost.io.rfp.cells import CellReader, SheetCells, open_sheets
from cscost.io.rfp.fees import P, PricingRows, read_fees
from cscost.io.rfp.safety import check_workbook_file
from cscost.io.rfp.terms import read_assumptions, read_terms
from cscost.io.tables.writers import formula_safe
from cscost.model import Scenario, Vendor
from cscost.model.checks import scenario_issues
from cscost.model.paths import Loc, parse_path


@dataclass(frozen=True)
class ImportedQuote:
    """A quote read from a filled template."""

    vendor: Vendor
    data: dict[str, Any]
    """The vendor as it is written to YAML (file names of the contract)."""
    not_offered: tuple[str, ...]
    """Categories the vendor marked as not offered."""
    notes: tuple[str, ...]
    """Remarks: formulas read as values, ignored rows, a different scenario name."""


def read_quote(
    path: str | os.PathLike[str], scenario: Scenario, vendor_id: str | None = None
) -> ImportedQuote:
    """The vendor quote in the filled template at ``path``, validated against ``scenario``."""
    file = Path(path)
    check_workbook_file(file)
    sheets, notes = open_sheets(file)
    cells = CellReader(str(file), sheets, notes=notes)
    _check_meta(cells, sheets[lay.META_SHEET], scenario)
    quote = PricingRows([], [], [], {})
    read_fees(cells, scenario, quote)
    terms = read_terms(cells, scenario, quote.included, quote.where)
    assumptions, kpis = read_assumptions(cells, scenario, quote.where)
    if cells.issues:
        raise InputFileError(cells.issues)
    name = terms.pop("name", None)
    data: dict[str, Any] = {"id": vendor_id or _slug(name) or "vendor"}
    if name:
        data["name"] = name
    data.update(terms)
    if assumptions:
        data["assumptions"] = assumptions
    data["fees"] = quote.fees
    if quote.included:
        data["included"] = sorted(set(quote.included), key=quote.included.index)
    if kpis:
        data["kpis"] = kpis
    vendor = _validated(cells, scenario, data, quote.where)
    return ImportedQuote(vendor, data, tuple(quote.not_offered), tuple(cells.notes))


def _slug(name: str | None) -> str:
    if not name:
        return ""
    return re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-_")[:64]


def _check_meta(cells: CellReader, meta: SheetCells, scenario: Scenario) -> None:
    values = {
        str(meta.values.get(f"A{n}")): meta.values.get(f"B{n}")
        for n in range(1, len(lay.META_ROWS) + 1)
    }
    if values.get("template") != lay.TEMPLATE_MARKER:
        raise InputFileError(
            Issue(
                "not a cscost pricing template (no template marker)",
                path=f"{meta.title}!B1",
                file=cells.file,
            )
        )
    if values.get("version") != lay.TEMPLATE_VERSION:
        raise InputFileError(
            Issue(
                "template version not supported",
                path=f"{meta.title}!B2",
                file=cells.file,
                found=str(values.get("version")),
                expected=str(lay.TEMPLATE_VERSION),
            )
        )
    made_for = values.get("scenario")
    if made_for not in (scenario.scenario.name, formula_safe(scenario.scenario.name)):
        cells.notes.append(
            f"the template was made for scenario {made_for!r}, read against "
            f"{scenario.scenario.name!r}"
        )
    for sheet in (P, "Terms", "Assumptions"):
        if cells.sheets[sheet].rows > 1000:
            cells.notes.append(
                f"{cells.sheets[sheet].title}: only the template's rows were read; "
                f"rows up to {cells.sheets[sheet].rows} were ignored"
            )


# -- validation --------------------------------------------------------------------------------


def _cell_of(loc: Loc, where: dict[Loc, str]) -> str:
    for n in range(len(loc), -1, -1):
        if loc[:n] in where:
            return where[loc[:n]]
    return ""


def _validated(
    cells: CellReader, scenario: Scenario, data: dict[str, Any], where: dict[Loc, str]
) -> Vendor:
    from cscost.model.bounds import raw_issues
    from cscost.model.paths import format_path

    bounded = [
        Issue(
            f"{issue.path}: {issue.message}",
            file=cells.file,
            path=_cell_of(parse_path(issue.path), where),
            found=issue.found,
        )
        for issue in raw_issues(data)
    ]
    if bounded:
        raise InputFileError(bounded)
    try:
        vendor = Vendor.model_validate(data)
    except ValidationError as exc:
        issues = [
            Issue(
                f"{format_path(tuple(e['loc']))}: {e['msg']}",
                file=cells.file,
                path=_cell_of(tuple(e["loc"]), where),
                found=str(e.get("input", ""))[:60],
            )
            for e in exc.errors()
        ]
        raise InputFileError(issues) from None
    others = tuple(v for v in scenario.vendors if v.id != vendor.id)
    trial = scenario.model_copy(update={"vendors": (*others, vendor)})
    index = len(others)
    problems = []
    for issue in scenario_issues(trial):
        loc = parse_path(issue.path)
        if loc[:2] != ("vendors", index):
            continue
        problems.append(
            Issue(
                f"{format_path(loc[2:])}: {issue.message}",
                file=cells.file,
                path=_cell_of(loc[2:], where),
                found=issue.found,
                expected=issue.expected,
            )
        )
    if problems:
        raise InputFileError(problems)
    return vendor
