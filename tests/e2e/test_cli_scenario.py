"""`cscost validate`, `schema` and `init` as a user runs them, on good and hostile files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

SKETCH = Path(__file__).resolve().parents[1] / "model" / "data" / "design_sketch.yaml"
runner = CliRunner()
cscost.cli._register()


def sketch() -> str:
    return SKETCH.read_text(encoding="utf-8")


def test_validate_prints_a_summary() -> None:
    result = runner.invoke(app, ["validate", str(SKETCH)])
    assert result.exit_code == 0, result.output
    assert "valid — 2 queues, 2 vendors, 2 options, 36 months (2027-01 … 2029-12)" in result.output


def test_validate_says_which_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(sketch().replace("Acme Shop", "艾克美").encode("gbk"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "read as GB18030" in result.output


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "cscost scenario"
    assert {"scenario", "queues", "vendors", "options"} <= set(schema["properties"])
    assert "per_contact" in json.dumps(schema["$defs"]["PerContactFee"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_init_writes_a_valid_example(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "scenario.yaml"
    result = runner.invoke(app, ["init", "--lang", lang, "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert ("# 每个字段的含义" in text) == (lang == "zh")


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", "--output", str(path)])
    assert result.exit_code == 2
    assert "not overwritten" in result.output
    assert path.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(app, ["init", "--output", str(path), "--force"]).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# cscost scenario")


def test_init_to_stdout() -> None:
    result = runner.invoke(app, ["init", "--output", "-"])
    assert result.exit_code == 0
    assert result.output.startswith("# cscost scenario")


# -- broken files: (name, how to write it, expected line:col or None, words in the message) --

Writer = Callable[[Path], object]


def text(content: str) -> Writer:
    return lambda path: path.write_text(content, encoding="utf-8")


def raw(content: bytes) -> Writer:
    return lambda path: path.write_bytes(content)


def edited(old: str, new: str) -> Writer:
    def write(path: Path) -> None:
        source = sketch()
        assert old in source
        path.write_text(source.replace(old, new, 1), encoding="utf-8")

    return write


def huge(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# padding\n" * (11 * 1024 * 1024 // 10))


BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True)
)

BROKEN: list[tuple[str, Writer, str | None, str]] = [
    ("syntax", edited("  burden: 0.38", "  burden: [0.38"), "45:13", "YAML syntax error"),
    ("tab", text("scenario:\n\tname: x\n"), "2:1", "YAML syntax error"),
    ("empty", text(""), "1:1", "the file is empty"),
    ("blank", text("   \n\n"), "1:1", "the file is empty"),
    ("comments", text("# nothing yet\n"), None, "holds no data"),
    ("huge", huge, None, "the limit is 10 MB"),
    ("binary", raw(b"PK\x03\x04\x00\x00zipped"), "1:5", "binary file"),
    ("undecodable", raw(b"scenario:\n  name: caf\xe9 \xff\n"), "2:12", "neither UTF-8 nor GB18030"),
    ("control", text("scenario:\n  name: a\x07b\n"), "2:10", "control character U+0007"),
    ("bomb", text(BOMB), "6:4", "expand to more than"),
    ("recursive", text("a: &a [1, *a]\n"), "1:4", "refers to its own anchor"),
    ("deep", text("a: " + "[" * 100 + "]" * 100 + "\n"), "1:67", "nested more than 64"),
    ("deep-json", text('{"a": ' + "[" * 100 + "]" * 100 + "}"), "1:70", "nested more than 64"),
    ("top-list", text("- scenario\n- queues\n"), "1:1", "top level must be a mapping"),
    ("top-scalar", text("just words\n"), "1:1", "top level must be a mapping"),
    (
        "duplicate",
        edited("  burden: 0.38", "  burden: 0.38\n  burden: 0.4"),
        "45:3",
        "duplicate key `burden`",
    ),  # fmt: skip
    (
        "duplicate-json",
        text('{"scenario": {"name": "a", "name": "b"}}'),
        "1:28",
        "duplicate key `name`",
    ),  # fmt: skip
    ("two-documents", text("a: 1\n---\nb: 2\n"), "2:1", "more than one YAML document"),
    ("syntax-json", text('{"scenario": {"name": "x",}}'), "1:27", "JSON syntax error"),
    (
        "unknown-key",
        edited("  overhead: 0.10", "  overhed: 0.10"),
        "50:3",
        "did you mean `overhead`?",
    ),  # fmt: skip
    ("wrong-type", edited("months: 36\n", "months: many\n"), "6:11", "valid integer"),
    ("bad-duration", edited("aht: 320s", "aht: 320 seconds"), "25:10", "duration like 320s"),
    (
        "bad-hours",
        edited('hours: "24/7"', 'hours: "Mon-Fri 8-20"'),
        "26:12",
        "expected HH:MM-HH:MM",
    ),  # fmt: skip
    (
        "fee-kind",
        edited("kind: fixed_monthly", "kind: monthly_fixed"),
        "78:16",
        "unknown fee kind `monthly_fixed`",
    ),  # fmt: skip
    (
        "negative-money",
        edited("amount: 150000", "amount: -150000"),
        "60:62",
        "greater than or equal to 0",
    ),  # fmt: skip
    (
        "unknown-provider",
        edited("{voice-zh: vendor-a,", "{voice-zh: vendr-a,"),
        "85:24",
        "did you mean `vendor-a`?",
    ),  # fmt: skip
    ("no-fx", edited("fx: {USD: 7.1}", "fx: {}"), "73:15", "no exchange rate for USD"),
]


@pytest.mark.parametrize(
    ("name", "write", "where", "words"), BROKEN, ids=[case[0] for case in BROKEN]
)
def test_broken_file_is_located_without_traceback(
    tmp_path: Path, name: str, write: Writer, where: str | None, words: str
) -> None:
    path = tmp_path / (f"{name}.json" if name.endswith("json") else f"{name}.yaml")
    write(path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    first = result.output.splitlines()[0]
    prefix = f"{path}:{where}:" if where else f"{path}:"
    assert first.startswith(prefix), first
    assert words in first, first
    assert result.output.rstrip().endswith("nothing was changed")


def test_at_least_fifteen_broken_files() -> None:
    assert len(BROKEN) >= 15


@pytest.mark.parametrize(
    "content", ["a: &a [1, *a]\n", "scenario: [\n", "\x00\x01"], ids=["alias", "syntax", "nul"]
)
def test_installed_command_exits_2_without_traceback(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    cscost = Path(sys.executable).with_name("cscost")
    done = subprocess.run(
        [str(cscost), "validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", done.stderr), done.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "file not found" in result.output
