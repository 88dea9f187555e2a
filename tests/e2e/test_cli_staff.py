"""`cscost staff` end to end, as a user runs it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()
cscost.cli._register()


def test_one_interval_prints_the_trade_off() -> None:
    result = runner.invoke(
        app, ["staff", "--volume", "120", "--interval", "30m", "--aht", "240s", "--target", "80/20"]
    )
    assert result.exit_code == 0, result.output
    assert "required agents: 20" in result.output
    # N−1 and N+1 rows are shown with their service levels
    assert "19" in result.output
    assert "21" in result.output
    assert "81.65%" in result.output


def test_one_interval_erlang_a_and_chat() -> None:
    result = runner.invoke(
        app,
        [
            "staff",
            "--volume",
            "120",
            "--interval",
            "30m",
            "--aht",
            "240s",
            "--target",
            "80/20",
            "--patience",
            "90s",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Erlang A" in result.output
    chat = runner.invoke(
        app,
        [
            "staff",
            "--volume",
            "300",
            "--interval",
            "30m",
            "--aht",
            "9m",
            "--target",
            "80/30",
            "--concurrency",
            "2",
        ],
    )
    assert chat.exit_code == 0, chat.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--volume", "-5", "--interval", "30m", "--aht", "240s", "--target", "80/20"],
            "volume must be",
        ),
        (
            ["--volume", "5", "--interval", "30x", "--aht", "240s", "--target", "80/20"],
            "--interval",
        ),
        (["--volume", "5", "--interval", "30m", "--aht", "240s", "--target", "eighty"], "--target"),
        (["--volume", "5"], "missing --interval"),
        (
            [
                "--volume",
                "5",
                "--interval",
                "30m",
                "--aht",
                "240s",
                "--target",
                "80/20",
                "--max-occupancy",
                "1.5",
            ],
            "max_occupancy",
        ),
    ],
)
def test_bad_flags_give_a_message_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["staff", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_batch_csv_and_json(tmp_path: Path) -> None:
    out = tmp_path / "result.csv"
    result = runner.invoke(
        app, ["staff", "--input", str(EXAMPLES / "intervals.csv"), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 48
    assert rows[0]["start"] == "08:00"  # pass-through column kept
    assert {"required_agents", "service_level", "asa_s", "occupancy", "p_abandon"} <= set(rows[0])
    for row in rows:
        assert float(row["service_level"]) >= float(row["target_sl"])
    out_json = tmp_path / "result.json"
    result = runner.invoke(
        app,
        [
            "staff",
            "--input",
            str(EXAMPLES / "intervals.csv"),
            "--output",
            str(out_json),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    records = json.loads(out_json.read_text())
    assert [r["required_agents"] for r in records] == [int(r["required_agents"]) for r in rows]


def test_batch_errors_name_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("volume,aht_s,target_answer_s,target_sl\n10,240,20,0.8\nabc,240,20,1.5\n")
    result = runner.invoke(app, ["staff", "--input", str(bad), "--interval", "30m"])
    assert result.exit_code == 2
    assert "bad.csv:3:1" in result.output
    assert "volume" in result.output
    assert "bad.csv:3:4" in result.output
    assert "target_sl" in result.output
    missing = runner.invoke(app, ["staff", "--input", str(bad)])
    assert missing.exit_code == 2
    assert "interval_s" in missing.output
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02volume")
    result = runner.invoke(app, ["staff", "--input", str(binary), "--interval", "30m"])
    assert result.exit_code == 2
    assert "not a text file" in result.output


def test_batch_default_interval_and_durations(tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    f.write_text(
        "label,volume,aht_s,target_answer_s,target_sl,patience_s\n"
        "a,120,4m,20s,0.8,\nb,120,240,20,0.8,90s\n"
    )
    out = tmp_path / "o.csv"
    result = runner.invoke(app, ["staff", "--input", str(f), "--interval", "30m", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["required_agents"] == "20"  # Erlang C
    assert float(rows[1]["p_abandon"]) > 0  # Erlang A row
