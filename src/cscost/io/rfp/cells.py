"""Read the known cells of a filled template as values, with located issues.

:func:`open_sheets` opens the workbook twice with openpyxl in read-only mode: once for
the cached values (``data_only=True``) and once for the formulas, and keeps only the
ranges the template defines, so a sheet with a million rows costs nothing. A formula
with a cached value is read as that value (and noted); one without is an issue naming
its cell. :class:`CellReader` turns cells into numbers, shares, whole numbers, text and
choices from a list, collecting every problem as an :class:`~cscost.errors.Issue` that
names the sheet, cell and field.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from cscost.errors import InputFileError, Issue
from cscost.io.rfp import layout as lay
from cscost.io.rfp.text import WORDS

READ_COLUMNS = 8
"""Columns A … H: every input of the template lies in them."""
READ_ROWS = 260
"""Rows 1 … READ_ROWS of each sheet: the template's known ranges (AHT table included)."""


@dataclass(frozen=True)
class SheetCells:
    """The values and formula cells of one sheet's known range."""

    title: str
    values: dict[str, Any]
    formulas: frozenset[str]
    rows: int
    """The sheet's last row as its file states it (to note ignored rows)."""


@dataclass
class CellReader:
    """Typed access to cells; problems go to ``issues``, remarks to ``notes``."""

    file: str
    sheets: Mapping[str, SheetCells]
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def where(self, sheet: str, ref: str) -> str:
        """``Pricing!E7`` with the sheet's real title."""
        return f"{self.sheets[sheet].title}!{ref}"

    def issue(
        self, sheet: str, ref: str, what: str, message: str, found: Any = None, expected: str = ""
    ) -> None:
        """Record a problem at ``sheet!ref`` with the field ``what``."""
        shown = "" if found is None else repr(found) if isinstance(found, str) else str(found)
        self.issues.append(
            Issue(
                f"{what}: {message}",
                path=self.where(sheet, ref),
                file=self.file,
                found=shown,
                expected=expected,
            )
        )

    def raw(self, sheet: str, ref: str, what: str) -> Any:
        """The value of a cell; None when blank (or a formula without a value, an issue)."""
        cells = self.sheets[sheet]
        value = cells.values.get(ref)
        if isinstance(value, str) and not value.strip():
            value = None
        if ref in cells.formulas:
            if value is None:
                self.issue(
                    sheet,
                    ref,
                    what,
                    "a formula without a computed value",
                    expected="a typed value (or save the file in a spreadsheet program)",
                )
                return None
            self.notes.append(f"{self.where(sheet, ref)}: read the value of a formula ({value})")
        return value

    def number(
        self, sheet: str, ref: str, what: str, *, positive: bool = False, high: float | None = None
    ) -> float | None:
        """A number ≥ 0 (> 0 when ``positive``; ≤ ``high`` when given), or None when blank."""
        raw = self.raw(sheet, ref, what)
        value = _as_number(raw)
        expected = "a number > 0" if positive else "a number ≥ 0"
        if high is not None:
            expected += f" and ≤ {high:g}"
        if value is None:
            return None
        if isinstance(value, str) and _DECIMAL_COMMA.search(value):
            self.issue(
                sheet,
                ref,
                what,
                "a decimal comma or an ambiguous thousands separator",
                value,
                "a number with a decimal point: 0.95, 1300.50 (or 1,300.50)",
            )
            return None
        if isinstance(value, str) or not math.isfinite(value):
            self.issue(sheet, ref, what, "text where a number belongs", value, expected)
            return None
        if abs(value) > MAX_CELL_NUMBER:
            self.issue(sheet, ref, what, "out of range", value, f"at most {MAX_CELL_NUMBER:g}")
            return None
        if value < 0 or (positive and value == 0) or (high is not None and value > high):
            self.issue(sheet, ref, what, "out of range", value, expected)
            return None
        return float(value)

    def whole(self, sheet: str, ref: str, what: str, *, low: int = 0) -> int | None:
        """A whole number ≥ ``low`` (months), or None when blank."""
        value = self.number(sheet, ref, what)
        if value is None:
            return None
        if value != int(value) or value < low:
            self.issue(
                sheet, ref, what, "expected a whole number", value, f"a whole number ≥ {low}"
            )
            return None
        return int(value)

    def share(self, sheet: str, ref: str, what: str) -> float | None:
        """A share: 0.2 or 20 % (a value in (1, 100] is read as percent), or None."""
        value = self.number(sheet, ref, what, high=100)
        if value is None:
            return None
        return value / 100 if value > 1 else value

    def text(self, sheet: str, ref: str, what: str) -> str | None:
        """Text (numbers shown as written), or None when blank."""
        value = self.raw(sheet, ref, what)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return " ".join(str(value).split())

    def choice(
        self,
        sheet: str,
        ref: str,
        what: str,
        spellings: Mapping[str, str],
        allowed: Iterable[str],
        shown: Iterable[str],
    ) -> str | None:
        """The key of a drop-down value among ``allowed`` keys, or None when blank."""
        text = self.text(sheet, ref, what)
        if text is None:
            return None
        key = spellings.get(text.casefold())
        allowed_keys = tuple(allowed)
        if key is None or key not in allowed_keys:
            self.issue(
                sheet,
                ref,
                what,
                "not one of the listed values",
                text,
                "one of: " + ", ".join(shown),
            )
            return None
        return key


MAX_CELL_NUMBER = 1e12
"""Largest number read from a cell (the scenario's bound on every number)."""
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d*)?%?$|^[+-]?\d{1,3},\d{3}\.\d*%?$")
"""Unambiguous thousands separators: two groups or more, or one group and a decimal point."""
_DECIMAL_COMMA = re.compile(r"^[+-]?[\d.]*\d,\d[\d.,]*%?$")


def _as_number(value: Any) -> float | str | None:
    """A cell as a number; text that does not read as one is returned as it is.

    Commas are read as thousands separators only when unambiguous (``1,300,000``,
    ``1,300.50``); ``0,95``, ``1.300,50`` and ``1,300`` stay text (refused by
    :meth:`CellReader.number`).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return float(value) if abs(value) <= MAX_CELL_NUMBER else float("inf")
    if isinstance(value, float):
        return value
    text = str(value).strip().replace(" ", "")
    if "," in text:
        if not _THOUSANDS.match(text):
            return str(value)
        text = text.replace(",", "")
    percent = text.endswith("%")
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        return str(value)
    return number / 100 if percent else number


# -- opening the workbook ----------------------------------------------------------------------


def _sheet_names(key: str) -> tuple[str, ...]:
    en, zh = WORDS[key]
    return (en, zh)


def _grid(sheet: Any, rows: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=rows, max_col=READ_COLUMNS, values_only=True), start=1
    ):
        for c, value in enumerate(row, start=1):
            if value is not None:
                out[f"{get_column_letter(c)}{r}"] = value
    return out


def _load(path: Path, *, data_only: bool) -> Any:
    try:
        return load_workbook(
            path, read_only=True, data_only=data_only, keep_vba=False, keep_links=False
        )
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise InputFileError(
            Issue(
                f"the workbook cannot be read ({type(exc).__name__}: {exc})",
                file=str(path),
                expected="the cscost pricing template saved as .xlsx",
            )
        ) from None
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise InputFileError(
            Issue(
                f"the workbook cannot be read ({type(exc).__name__})",
                file=str(path),
                expected="the cscost pricing template saved as .xlsx",
            )
        ) from None


def open_sheets(path: Path) -> tuple[dict[str, SheetCells], list[str]]:
    """The known ranges of the meta, Pricing, Terms and Assumptions sheets, by key.

    Also returns the warnings openpyxl gave while reading (unsupported extensions …) as
    notes. Raises :class:`InputFileError` when the workbook is not a cscost template.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = _read_sheets(path)
    notes = sorted({f"{path.name}: {w.message}" for w in caught})
    return found, notes


def _read_sheets(path: Path) -> dict[str, SheetCells]:
    values_book = _load(path, data_only=True)
    formula_book = _load(path, data_only=False)
    title: str | None = None
    try:
        found: dict[str, SheetCells] = {}
        missing: list[str] = []
        for key in (lay.META_SHEET, "Pricing", "Terms", "Assumptions"):
            names = (key,) if key == lay.META_SHEET else _sheet_names(key)
            title = next((n for n in names if n in values_book.sheetnames), None)
            if title is None:
                missing.append(" or ".join(names))
                continue
            values = _grid(values_book[title], READ_ROWS)
            formulas = {
                ref
                for ref, v in _grid(formula_book[title], READ_ROWS).items()
                if isinstance(v, str) and v.startswith("=")
            }
            rows = int(getattr(values_book[title], "max_row", 0) or 0)
            found[key] = SheetCells(title, values, frozenset(formulas), rows)
    except InputFileError:
        raise
    except Exception as exc:  # a malformed sheet part (XML syntax, entities, bad cells)
        raise InputFileError(
            Issue(
                f"sheet {title!r} cannot be read ({type(exc).__name__}: {str(exc)[:200]})",
                file=str(path),
                path=title or "",
                expected="the cscost pricing template saved as .xlsx",
            )
        ) from None
    finally:
        values_book.close()
        formula_book.close()
    if missing:
        raise InputFileError(
            Issue(
                f"not a cscost pricing template: no sheet {', '.join(missing)}",
                file=str(path),
                expected="a workbook made by `cscost template`",
            )
        )
    return found
