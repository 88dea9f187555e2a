"""Vendor workbooks of the portal: the pricing template of a project's current version,
a filled workbook read into a vendor (the importer of ``cscost import-quote``, with its
sheet!cell issues), and several vendors spliced into a scenario text at opening.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from cscost.errors import InputFileError, Issue, LocatedError, ScenarioError
from cscost.io.scenario.merge import plain_numbers, scenario_with_vendor
from cscost.web.scenarios import ScenarioText, validated


def template_bytes(base: ScenarioText, lang: str, data_dir: Path) -> bytes:
    """The RFP workbook (``cscost template``) of the scenario ``base`` in ``lang``."""
    from cscost.io.rfp.write import write_template  # openpyxl: loaded only when used

    scenario = validated(base.text, base.fmt, "current")
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="template-") as folder:
        path = Path(folder) / "template.xlsx"
        write_template(scenario, path, lang)
        return path.read_bytes()


def vendor_id_for(name: str, invitation_id: int, taken: set[str]) -> str:
    """The vendor id of an invited vendor: its name as a slug, ``-<invitation id>`` added
    when the scenario has that id already."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-_")[:56] or "vendor"
    return slug if slug not in taken else f"{slug}-{invitation_id}"


def workbook_vendor(
    base: ScenarioText,
    workbook: bytes,
    data_dir: Path,
    name: str,
    invitation_id: int,
    filename: str = "quote.xlsx",
) -> dict[str, Any]:
    """The vendor of a filled workbook, read against ``base`` (InputFileError with the
    sheet!cell issues otherwise) and checked to splice into it."""
    from cscost.io.rfp.read import read_quote  # openpyxl: loaded only when used

    scenario = validated(base.text, base.fmt, "current")
    vendor_id = vendor_id_for(name, invitation_id, {v.id for v in scenario.vendors})
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="quote-") as folder:
        path = Path(folder) / "quote.xlsx"
        path.write_bytes(workbook)
        try:
            quote = read_quote(path, scenario, vendor_id)
        except LocatedError as error:  # the vendor's own file name, not the server's folder
            shown = [replace(i, file=filename) if i.file == str(path) else i for i in error.issues]
            raise InputFileError(shown) from None
    vendor: dict[str, Any] = plain_numbers(quote.data)
    validated(scenario_with_vendor(base.text, base.fmt, vendor, "scenario"), base.fmt, "merged")
    return vendor


def with_quotes(
    base: ScenarioText, quotes: list[tuple[bytes, str, int]], data_dir: Path
) -> ScenarioText:
    """``base`` with the vendor of each ``(workbook, vendor name, invitation id)`` spliced
    in, one after the other (each line of a YAML text kept), validated."""
    if not quotes:
        raise ScenarioError(Issue("no sealed quote to open"))
    text = base
    for workbook, name, invitation_id in quotes:
        vendor = workbook_vendor(text, workbook, data_dir, name, invitation_id, f"{name}.xlsx")
        text = ScenarioText(scenario_with_vendor(text.text, text.fmt, vendor, "scenario"), text.fmt)
    return text
