"""`cscost forecast` end to end, and the history CSV it reads (shapes, notes, located errors)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app
from cscost.demand.forecast import forecast_monthly
from cscost.errors import InputFileError
from cscost.io.tables.history import read_history
from cscost.io.tables.writers import FORECAST_COLUMNS, write_forecast_csv

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()
cscost.cli._register()


def monthly_csv(path: Path, months: int, queues: tuple[str, ...] = ("voice-zh",)) -> Path:
    """A wide monthly history from 2024-01: a growing, seasonal series per queue."""
    lines = ["date," + ",".join(queues)]
    for i in range(months):
        season = 1.7 if i % 12 == 10 else (0.75 if i % 12 == 1 else 1.0)
        value = 10_000 * (1.08 ** (i / 12)) * season * (1 + 0.02 * np.sin(i))
        lines.append(
            f"{2024 + i // 12}-{i % 12 + 1:02d}," + ",".join([f"{value:.0f}"] * len(queues))
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, str]]]:
    """The example history forecast for 2027 with --output: (printed text, CSV rows)."""
    out = tmp_path_factory.mktemp("forecast") / "forecast.csv"
    result = runner.invoke(app, ["forecast", str(EXAMPLES / "history.csv"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == FORECAST_COLUMNS
        return result.output, list(reader)


def test_example_forecast_prints_a_table_per_queue(
    example_run: tuple[str, list[dict[str, str]]],
) -> None:
    output, _ = example_run
    for queue in ("voice-zh", "chat-zh", "email-zh"):
        assert f"{queue}: 2027-01 … 2027-12 from 36 months of history" in output
    assert "80 % interval" in output
    assert "95 % interval" in output
    assert "ETS(" in output
    assert "3 queues × 12 months (36 rows)" in output


def test_example_forecast_csv_is_complete_nested_and_seasonal(
    example_run: tuple[str, list[dict[str, str]]],
) -> None:
    _, rows = example_run
    assert len(rows) == 36
    assert [r["month"] for r in rows[:12]] == [f"2027-{m:02d}" for m in range(1, 13)]
    assert [r["queue"] for r in rows[::12]] == ["voice-zh", "chat-zh", "email-zh"]
    for row in rows:
        low95, low80, mean, up80, up95 = (
            float(row[c]) for c in ("lower95", "lower80", "mean", "upper80", "upper95")
        )
        assert 0 <= low95 <= low80 <= mean <= up80 <= up95
    voice = [float(r["mean"]) for r in rows if r["queue"] == "voice-zh"]
    # Singles' Day: November is the peak, February (Spring Festival) the trough
    assert max(voice) == voice[10]
    assert min(voice) == voice[1]
    # ~7 % growth on 2026's November (73,093 contacts)
    assert 73_093 * 1.0 < voice[10] < 73_093 * 1.15


def test_start_months_and_seed(tmp_path: Path) -> None:
    history = monthly_csv(tmp_path / "h.csv", 30)
    outputs = []
    for name in ("a.csv", "b.csv"):
        out = tmp_path / name
        args = ["forecast", str(history), "--start", "2026-10", "--months", "4", "-o", str(out)]
        result = runner.invoke(app, [*args, "--seed", "3"])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]  # same seed, same file, byte for byte
    rows = list(csv.DictReader(io.StringIO(outputs[0])))
    # the history ends 2026-06: 2026-07 … 2026-09 are forecast through, not written
    assert [r["month"] for r in rows] == ["2026-10", "2026-11", "2026-12", "2027-01"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2027/01"], "--start: expected a month as YYYY-MM"),
        (["--start", "2025-06"], "must start after the history, which ends 2026-06"),
        (["--months", "0"], "months must be a whole number ≥ 1"),
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    history = monthly_csv(tmp_path / "h.csv", 30)
    result = runner.invoke(app, ["forecast", str(history), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_short_history_says_what_it_needs(tmp_path: Path) -> None:
    history = monthly_csv(tmp_path / "short.csv", 20, ("voice-zh", "chat-zh"))
    result = runner.invoke(app, ["forecast", str(history)])
    assert result.exit_code == 2
    assert "queue voice-zh" in result.output
    assert "queue chat-zh" in result.output
    assert "has 20 months (2024-01 … 2025-08)" in result.output
    assert "at least 24" in result.output
    assert "volume.monthly" in result.output


def test_output_never_overwrites_the_history(tmp_path: Path) -> None:
    history = monthly_csv(tmp_path / "h.csv", 30)
    before = history.read_bytes()
    result = runner.invoke(app, ["forecast", str(history), "--output", str(history)])
    assert result.exit_code == 2
    assert "is an input of this command" in result.output
    assert history.read_bytes() == before
    nowhere = runner.invoke(app, ["forecast", str(history), "-o", str(tmp_path / "no" / "f.csv")])
    assert nowhere.exit_code == 2
    assert "its folder does not exist" in nowhere.output


def test_bad_cells_are_located_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "# exported from the ACD\n"
        "date,voice-zh,chat-zh\n"
        "2024-01,100,200\n"
        "2024-13,100,200\n"
        "2024-03,12k,200\n"
        "2024-04,100,-5\n"
        "2024-05,,inf\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["forecast", str(path)])
    assert result.exit_code == 2
    text = result.output
    assert "bad.csv:4:1: date: not a date (found '2024-13'" in text
    assert "bad.csv:5:2: voice-zh: not a number (found '12k'" in text
    assert "bad.csv:6:3: chat-zh: negative volume (found '-5'" in text
    assert "bad.csv:7:2: voice-zh: empty cell" in text
    assert "bad.csv:7:3: chat-zh: not a finite number" in text
    with pytest.raises(InputFileError) as info:
        read_history(path)
    located = {(i.line, i.column, i.path) for i in info.value.issues}
    assert located == {(4, 1, "date"), (5, 2, "voice-zh"), (6, 3, "chat-zh"), (7, 2, "voice-zh"),
                       (7, 3, "chat-zh")}  # fmt: skip


def test_missing_months_are_named(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    months = [f"2024-{m:02d}" for m in (1, 2, 3, 6, 7, 9)]
    path.write_text("date,queue,volume\n" + "".join(f"{m},chat,10\n" for m in months))
    with pytest.raises(InputFileError, match=r"no data for 2024-04, 2024-05, 2024-08") as info:
        read_history(path)
    assert info.value.issues[0].path == "chat"


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("", "no header row", None, None),
        ("month,voice\n2024-01,5\n", "no `date` column", 1, None),
        ("date,voice,voice\n2024-01,5,6\n", "duplicate or empty column name", 1, 3),
        ("date,voice\n2024-01,5\n2024-01,6\n", "duplicate date", 3, 2),
        ("date,voice\n2024-01,5\n2024-02-01,6\n", "mixed date forms", 3, 1),
        ("date,voice\n2024-01,5,7\n", "more cells than the header", 2, 3),
        ("date,queue,volume\n2024-01,,5\n", "empty queue name", 2, 2),
    ],
)
def test_structural_problems_are_located(
    tmp_path: Path, text: str, message: str, line: int | None, column: int | None
) -> None:
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match=message) as info:
        read_history(path)
    issue = info.value.issues[0]
    assert (issue.file, issue.line, issue.column) == (str(path), line, column)


def test_daily_rows_are_summed_and_partial_months_dropped(tmp_path: Path) -> None:
    """2024-01-15 … 2024-04-10: January and April are partial; Feb 10 has no row."""
    days = np.arange(np.datetime64("2024-01-15"), np.datetime64("2024-04-11"))
    rows = [f"{d},10,1" for d in days if str(d) != "2024-02-10"]
    path = tmp_path / "daily.csv"
    path.write_text("Date,chat-zh,email-zh\n" + "\n".join(rows) + "\n", encoding="utf-8")
    history = read_history(path)
    chat = history.queue("chat-zh")
    assert chat.first_month == "2024-02"
    assert chat.last_month == "2024-03"
    np.testing.assert_array_equal(chat.volumes, [280.0, 310.0])  # 28 open days of 29, 31
    notes = "\n".join(history.notes)
    assert "chat-zh, email-zh: first month 2024-01 dropped: it starts 2024-01-15" in notes
    assert "last month 2024-04 dropped: it ends 2024-04-10" in notes
    assert "1 day(s) without a row count as 0 contacts" in notes


def test_long_shape_leading_blanks_and_legacy_encoding(tmp_path: Path) -> None:
    long = tmp_path / "long.csv"
    long.write_text("queue,date,volume\nb,2024-02,7\na,2024-01,1\na,2024-02,2\n")
    history = read_history(long)
    assert [q.queue for q in history.queues] == ["b", "a"]
    assert history.last_month == "2024-02"
    assert history.to_frame()["volume"].tolist() == [7.0, 1.0, 2.0]
    wide = tmp_path / "gbk.csv"
    wide.write_bytes("date,语音,在线\n2024-01,,5\n2024-02,3,6\n".encode("gb18030"))
    history = read_history(wide)
    assert history.queue("语音").first_month == "2024-02"  # started later: blank is fine
    np.testing.assert_array_equal(history.queue("在线").volumes, [5.0, 6.0])


def test_write_forecast_csv_shape() -> None:
    forecast = forecast_monthly(
        np.full(24, 9.0), "2024-01", "2026-01", 2, rng=np.random.default_rng(0)
    )
    out = io.StringIO()
    write_forecast_csv({"q": forecast}, out)
    assert out.getvalue() == (
        "queue,month,mean,lower80,upper80,lower95,upper95\n"
        "q,2026-01,9.0,9.0,9.0,9.0,9.0\n"
        "q,2026-02,9.0,9.0,9.0,9.0,9.0\n"
    )


def test_forecast_and_staff_speak_chinese() -> None:
    """`--lang zh`: the forecast's table and method, and the staffing table, in Chinese."""
    from pathlib import Path

    history = Path(__file__).resolve().parents[2] / "examples" / "history.csv"
    result = runner.invoke(app, ["forecast", str(history), "--months", "2", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "个月历史数据" in result.output
    assert "季节性" in result.output
    assert "interval" not in result.output
    staff = ["staff", "--volume", "120", "--interval", "30m", "--aht", "240s"]
    result = runner.invoke(app, [*staff, "--target", "80/20", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "所需坐席：20" in result.output
    assert "required agents" not in result.output
