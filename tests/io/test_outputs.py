"""Outputs never replace an input, never take another kind's name, and are written whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cscost.errors import ArgumentError
from cscost.io.outputs import check_output, kind_of
from cscost.io.tables.writers import atomic_path, emit_csv, write_csv, write_text


def test_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("x", encoding="utf-8")
    link = tmp_path / "link.yaml"
    os.symlink(scenario, link)
    for same in (scenario, link, tmp_path / "." / "s.yaml"):
        with pytest.raises(ArgumentError, match="is an input of this command"):
            check_output(same, (scenario,), "yaml")


def test_output_named_for_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="writes CSV, but the name says YAML"):
        check_output(tmp_path / "bill.yaml", (), "csv")
    with pytest.raises(ArgumentError, match="writes PDF, but the name says XLSX"):
        check_output(tmp_path / "r.XLSX", (), "pdf")
    check_output(tmp_path / "bill.csv", (), "csv")
    check_output(tmp_path / "bill", (), "csv")  # no suffix: accepted
    check_output(tmp_path / "bill.out", (), "csv")  # unknown suffix: accepted
    check_output(None, (), "csv")
    assert kind_of(Path("a.YML")) == "yaml"


def test_folder_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="is a folder"):
        check_output(tmp_path, (), "csv")


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "bill.csv"
    target.write_text("old\n", encoding="utf-8")

    def interrupted_write() -> None:
        with atomic_path(target) as temp:
            temp.write_text("half", encoding="utf-8")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_write()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.csv"]  # no temporary left
    write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


def test_csv_files_carry_a_byte_order_mark_and_stdout_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.csv"
    write_csv(target, "queue\n语音\n")
    assert target.read_bytes() == "\ufeffqueue\n语音\n".encode()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    emit_csv("queue\n", None)
    assert capsys.readouterr().out == "queue\n"
