"""Hostile workbooks sent as filled pricing templates: each is refused with a located message.

One test per rule of docs/security.md ("Workbooks"): entity payloads in any part
whatever its name, wide or declared non-UTF-8 encodings, malformed sheet XML, decimal
commas, and no live formula from input in the template cscost writes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from cscost.errors import InputFileError
from cscost.io.rfp.read import read_quote
from cscost.io.rfp.write import write_template
from tests.io.test_template_support import VENDOR_FILL, fill, rezip, scenario

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    b"</sheetData></worksheet>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    template = write_template(scenario(), folder / "rfp.xlsx", "en")
    return fill(template, folder / "filled.xlsx", VENDOR_FILL)


def _renamed(filled: Path, out: Path, payload: bytes, new: str) -> Path:
    """The filled workbook with sheet 2 stored as ``new`` (rels and content types too)."""
    with zipfile.ZipFile(filled) as z:
        rels = z.read("xl/_rels/workbook.xml.rels")
        types = z.read("[Content_Types].xml")
    old = "xl/worksheets/sheet2.xml"
    return rezip(
        filled,
        out,
        drop=(old,),
        add={new: payload},
        replace={
            "xl/_rels/workbook.xml.rels": rels.replace(old.encode(), new.encode()),
            "[Content_Types].xml": types.replace(old.encode(), new.encode()),
        },
    )


def _refusal(path: Path) -> str:
    with pytest.raises(InputFileError) as caught:
        read_quote(path, scenario(), "huaxin")
    text = str(caught.value)
    assert str(path) in text
    return text


def test_the_fill_reads(filled: Path) -> None:
    assert read_quote(filled, scenario(), "huaxin").vendor.id == "huaxin"


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
@pytest.mark.parametrize("name", ["xl/worksheets/data.bin", "xl/media/pricing", "customXml/x"])
def test_entities_in_a_renamed_part_are_refused(
    filled: Path, tmp_path: Path, payload: bytes, name: str
) -> None:
    text = _refusal(_renamed(filled, tmp_path / "renamed.xlsx", payload, name))
    assert f"part {name} declares a DOCTYPE" in text


def test_entities_in_an_extra_unreferenced_part_are_refused(filled: Path, tmp_path: Path) -> None:
    path = rezip(filled, tmp_path / "extra.xlsx", add={"docProps/custom.dat": XXE})
    assert "docProps/custom.dat" in _refusal(path)


@pytest.mark.parametrize(
    "head",
    [
        '<?xml version="1.0" encoding="UTF-16"?>'.encode("utf-16"),
        b'<?xml version="1.0" encoding="UTF-7"?><worksheet/>',
        "<worksheet/>".encode("utf-16-le"),
    ],
    ids=["utf16-bom", "declared-utf7", "utf16-no-bom"],
)
def test_parts_not_in_utf8_are_refused(filled: Path, tmp_path: Path, head: bytes) -> None:
    path = _renamed(filled, tmp_path / "wide.xlsx", head, "xl/worksheets/sheet9.bin")
    assert "not UTF-8" in _refusal(path)


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_a_malformed_sheet_is_a_located_refusal(filled: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(filled) as z:
        sheets = {n: z.read(n)[:-40] for n in z.namelist() if n.startswith("xl/worksheets/")}
    text = _refusal(rezip(filled, tmp_path / "broken.xlsx", replace=sheets))
    assert "cannot be read" in text


@pytest.mark.parametrize("typed", ["13800,50", "1.380,50", "13,800"])
def test_decimal_commas_are_refused_by_cell(filled: Path, tmp_path: Path, typed: str) -> None:
    path = fill(filled, tmp_path / "comma.xlsx", {("Pricing", "labour-1:E"): typed})
    text = _refusal(path)
    assert "decimal comma" in text
    assert "Pricing!E" in text


def test_unambiguous_thousands_separators_read(filled: Path, tmp_path: Path) -> None:
    path = fill(filled, tmp_path / "thousands.xlsx", {("Pricing", "setup:E"): "1,150,000.00"})
    vendor = read_quote(path, scenario(), "huaxin").vendor
    assert any(getattr(f, "amount", None) == 1_150_000 for f in vendor.fees)


def test_the_template_carries_no_formula_from_input(tmp_path: Path) -> None:
    hostile = scenario().model_dump(by_alias=True, mode="json")
    hostile["scenario"]["name"] = '=HYPERLINK("http://evil","x")'
    from cscost.model import Scenario

    path = write_template(Scenario.model_validate(hostile), tmp_path / "t.xlsx", "en")
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert cell.value.startswith("=SUM("), (ws.title, cell.coordinate)
    assert book["Instructions"]["B3"].value == "'" + hostile["scenario"]["name"]
