"""`cscost template` and `cscost import-quote` end to end, hostile workbooks included.

Every bad file gives exit code 2 and a message naming the sheet and cell, or a refusal
that says why; never a traceback.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest
import yaml
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app
from cscost.io import load_scenario
from cscost.io.rfp import safety as rfp_safety

runner = CliRunner()
cscost.cli._register()

SCENARIO = """
scenario: {name: CLI shop, currency: CNY, start: 2027-01, months: 6, interval_minutes: 60,
           fx: {USD: 7.1}}
queues:
  - {id: chat-zh, channel: chat, language: zh, volume: {monthly: 9000}, aht: 8m,
     concurrency: 2, hours: "09:00-21:00", target: {answer_within: 30s, level: 0.8}}
vendors:
  - id: incumbent
    fees: [{kind: per_productive_hour, rate: 90}]
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def scenario_file(folder: Path) -> Path:
    path = folder / "scenario.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def template(folder: Path, scenario_file: Path) -> Path:
    out = folder / "rfp.xlsx"
    result = runner.invoke(app, ["template", str(scenario_file), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "rfp.xlsx" in result.output
    return out


def _fill(
    template: Path, out: Path, edit: Callable[[openpyxl.Workbook], None] | None = None
) -> Path:
    book = openpyxl.load_workbook(template)
    pricing = book["Pricing"]
    rows = {pricing[f"A{r}"].value: r for r in range(5, 60)}
    pricing[f"D{rows['labour-1']}"] = "charged"
    pricing[f"E{rows['labour-1']}"] = 95
    pricing[f"F{rows['labour-1']}"] = "per productive hour"
    for key in (
        "setup",
        "training",
        "technology",
        "telephony",
        "night-surcharge",
        "weekend-surcharge",
        "holiday-surcharge",
        "language-surcharge",
        "management",
        "reporting",
        "integration",
    ):
        pricing[f"D{rows[key]}"] = "included"
    terms = book["Terms"]
    terms["B4"] = "Shenzhou Service"
    for row in (9, 10, 12, 14, 15):
        terms[f"C{row}"] = "none"
    if edit is not None:
        edit(book)
    book.save(out)
    return out


@pytest.fixture(scope="module")
def filled(folder: Path, template: Path) -> Path:
    return _fill(template, folder / "filled.xlsx")


def _import(workbook: Path, scenario_file: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["import-quote", str(workbook), "--scenario", str(scenario_file), *extra]
    )
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def test_import_writes_the_quote_and_prints_what_it_read(
    folder: Path, filled: Path, scenario_file: Path
) -> None:
    out = folder / "quote.yaml"
    code, text = _import(filled, scenario_file, "--id", "shenzhou", "--output", str(out))
    assert code == 0, text
    assert "labour-1" in text
    assert "per productive hour" in text
    assert "included: Setup and transition; Training" in text
    assert "not offered: none" in text
    assert "missing (the audit will ask): none" in text
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["id"] == "shenzhou"
    assert data["fees"] == [
        {"kind": "per_productive_hour", "name": "labour-1", "category": "labour", "rate": 95}
    ]
    # the scenario file is untouched
    assert (folder / "scenario.yaml").read_text(encoding="utf-8") == SCENARIO


def test_default_output_is_the_id_and_an_existing_file_is_not_overwritten(
    folder: Path, filled: Path, scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    code, text = _import(filled, scenario_file)
    assert code == 0, text
    assert (folder / "shenzhou-service.yaml").is_file()
    code, text = _import(filled, scenario_file)
    assert code == 2
    assert "exists" in text


def test_merge_into_writes_a_new_scenario_with_the_vendor(
    folder: Path, filled: Path, scenario_file: Path
) -> None:
    merged = folder / "with-vendor.yaml"
    code, text = _import(
        filled,
        scenario_file,
        "--id",
        "sz",
        "--output",
        str(folder / "sz.yaml"),
        "--merge-into",
        str(merged),
    )
    assert code == 0, text
    scenario = load_scenario(merged)
    assert [v.id for v in scenario.vendors] == ["incumbent", "sz"]
    rest = iter(merged.read_text(encoding="utf-8").splitlines())
    original = scenario_file.read_text(encoding="utf-8").splitlines()
    assert all(any(line == other for other in rest) for line in original)  # in order
    code, text = _import(
        filled,
        scenario_file,
        "--id",
        "x",
        "--output",
        str(folder / "x.yaml"),
        "--merge-into",
        str(scenario_file),
    )
    assert code == 2
    assert "is an input of this command" in text


def test_zh_template_through_the_cli(folder: Path, scenario_file: Path) -> None:
    out = folder / "rfp-zh.xlsx"
    result = runner.invoke(app, ["template", str(scenario_file), "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)["报价"]["D4"].value == "状态"


# -- hostile and broken workbooks ------------------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _bad_files(folder: Path, filled: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, a phrase the message must contain)."""
    parts = _parts(filled)
    out: dict[str, tuple[Path, str]] = {}

    def add(name: str, data: bytes, expect: str, suffix: str = ".xlsx") -> None:
        path = folder / f"{name}{suffix}"
        path.write_bytes(data)
        out[name] = (path, expect)

    big = folder / "too-big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(rfp_safety.MAX_FILE_BYTES + 1)
    out["too-big"] = (big, "over the limit")
    add("macro-name", filled.read_bytes(), "`.xlsm` files are not read", ".xlsm")
    add("vba-part", _zip({**parts, "xl/vbaProject.bin": b"\x00" * 64}), "contains macros")
    types = parts["[Content_Types].xml"].replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
    add("macro-type", _zip({**parts, "[Content_Types].xml": types}), "macro-enabled")
    add("csv", b"fee,rate\nlabour,95\n", "not a readable .xlsx")
    add("truncated", filled.read_bytes()[: len(filled.read_bytes()) // 2], "not a readable .xlsx")
    add("ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000, "password-protected")
    add("bomb", _zip({**parts, "xl/media/pad.xml": b"\x00" * (3 * 1024 * 1024)}), "zip bomb")
    add(
        "links",
        _zip({**parts, "xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
        "links to other files",
    )
    add(
        "doctype",
        _zip(
            {
                **parts,
                "xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x '
                b'[<!ENTITY a "aaaa">]><x>&a;</x>',
            }
        ),
        "DOCTYPE",
    )
    padding = random.Random(7).randbytes(1_500_000).hex().encode()  # does not compress
    late = b'<?xml version="1.0"?><!-- <a> ' + padding + b" --><!DOCTYPE x []><x/>"
    add("doctype-late", _zip({**parts, "xl/styles.xml": late}), "declares a DOCTYPE")
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x []><x/>'.encode("utf-16")
    add("utf16", _zip({**parts, "xl/styles.xml": utf16}), "not UTF-8")
    no_book = {k: v for k, v in parts.items() if k != "xl/workbook.xml"}
    add("no-workbook", _zip(no_book), "no xl/workbook.xml")
    other = openpyxl.Workbook()
    other.active["A1"] = "price list"
    other.save(folder / "other.xlsx")
    out["not-template"] = (folder / "other.xlsx", "not a cscost pricing template: no sheet")
    return out


BAD = (
    "too-big",
    "macro-name",
    "vba-part",
    "macro-type",
    "csv",
    "truncated",
    "ole",
    "bomb",
    "links",
    "doctype",
    "doctype-late",
    "utf16",
    "no-workbook",
    "not-template",
)


@pytest.fixture(scope="module")
def bad_files(folder: Path, filled: Path) -> dict[str, tuple[Path, str]]:
    return _bad_files(folder, filled)


@pytest.mark.parametrize("name", BAD)
def test_hostile_or_broken_workbook_is_refused_with_exit_2(
    name: str, bad_files: dict[str, tuple[Path, str]], scenario_file: Path, folder: Path
) -> None:
    path, expect = bad_files[name]
    code, text = _import(path, scenario_file, "--output", str(folder / f"{name}.yaml"))
    assert code == 2, text
    assert expect in text
    assert text.startswith("error:")
    assert not (folder / f"{name}.yaml").exists()


def test_total_uncompressed_size_over_the_limit_is_a_zip_bomb(
    bad_files: dict[str, tuple[Path, str]],
    filled: Path,
    scenario_file: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rfp_safety, "MAX_UNCOMPRESSED_BYTES", 10_000)
    code, text = _import(filled, scenario_file, "--output", str(folder / "total.yaml"))
    assert code == 2
    assert "this looks like a zip bomb" in text


@pytest.mark.parametrize(
    ("sheet", "ref", "value", "expect"),
    [
        (
            "Pricing",
            "E5",
            "ninety-five",
            "Pricing!E5: labour-1 rate or amount: text where a number",
        ),
        (
            "Pricing",
            "F5",
            "per hour-ish",
            "Pricing!F5: labour-1 unit: not one of the listed values",
        ),
        ("Pricing", "G5", "voice-zh", "Pricing!G5: labour-1 queues: no queue `voice-zh`"),
        ("Pricing", "D8", None, "Pricing!D8: setup status: required category left blank"),
        ("Terms", "B5", "EUR", "Terms!B5: currency: the scenario has no exchange rate for EUR"),
        ("Terms", "B5", "dollars", "Terms!B5: currency: not one of the listed values"),
        ("Terms", "B6", 0.5, "Terms!B6: term_months: expected a whole number"),
        ("Assumptions", "D16", "fast", "Assumptions!D16: AHT of chat-zh: expected seconds > 0"),
        ("_cscost", "B2", 99, "_cscost!B2: template version not supported"),
    ],
)
def test_bad_cell_gives_sheet_cell_and_field(
    sheet: str,
    ref: str,
    value: object,
    expect: str,
    template: Path,
    scenario_file: Path,
    folder: Path,
) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet][ref] = value

    path = _fill(template, folder / f"bad-{sheet}-{ref}.xlsx", edit)
    code, text = _import(path, scenario_file, "--output", str(folder / f"bad-{ref}.yaml"))
    assert code == 2, text
    assert expect in text


def test_import_summary_in_chinese(folder: Path, filled: Path, scenario_file: Path) -> None:
    out = folder / "quote-zh.yaml"
    code, text = _import(filled, scenario_file, "--id", "zh1", "-o", str(out), "--lang", "zh")
    assert code == 0, text
    for chinese in (
        "费用项目",
        "计费方式",
        "按有效工时",
        "已包含：启动与过渡费",
        "未提供：",
        "报价 zh1",
    ):
        assert chinese in text, chinese
    for english in ("Fee line", "included:", "not offered", "missing (the audit"):
        assert english not in text, english


def test_merge_into_keeps_on_keys_of_a_surcharge(folder: Path, filled: Path) -> None:
    """A scenario with `on:` (a surcharge's lines) merges: read with the loader's YAML rules,
    where `on` is a key, not the boolean true of YAML 1.1."""
    text = SCENARIO.replace(
        "    fees: [{kind: per_productive_hour, rate: 90}]",
        "    fees:\n      - {kind: per_productive_hour, rate: 90}\n"
        "      - {kind: surcharge, window: night, percent: 0.2, on: [per_productive_hour]}",
    )
    source = folder / "with-on.yaml"
    source.write_text(text, encoding="utf-8")
    assert load_scenario(source).vendors[0].fees[1].kind == "surcharge"
    merged = folder / "with-on-merged.yaml"
    code, out = _import(
        filled, source, "--id", "sz2", "-o", str(folder / "sz2.yaml"), "--merge-into", str(merged)
    )
    assert code == 0, out
    scenario = load_scenario(merged)
    assert [v.id for v in scenario.vendors] == ["incumbent", "sz2"]
    assert "true:" not in merged.read_text(encoding="utf-8")
