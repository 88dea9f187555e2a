"""Hostile scenarios and tables, one test per rule of docs/security.md.

Each input is what broke cscost once (issue 15); each now ends in exit 2 with a
located one-paragraph message (file:line:column and the field), or in the right result.
"""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import cscost
import cscost.cli
from cscost.cli import app
from cscost.errors import ArgumentError, InputFileError, ScenarioError
from cscost.io import load_scenario, parse_scenario
from cscost.io.tables.writers import formula_safe, write_text
from cscost.staffing import required_agents

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECOMMERCE = (EXAMPLES / "ecommerce.yaml").read_text(encoding="utf-8")
runner = CliRunner()
cscost.cli._register()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result.exit_code, result.output


def _refused(tmp_path: Path, text: str, *needles: str, name: str = "s.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, output = _run("validate", str(path))
    assert code == 2, output
    flat = " ".join(output.split())
    assert f"{path.name}:" in flat
    for needle in needles:
        assert needle in flat, flat
    assert "\n\n" not in output.strip()
    return flat


def _edit(old: str, new: str) -> str:
    assert old in ECOMMERCE
    return ECOMMERCE.replace(old, new, 1)


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("monthly: 42000", "monthly: 3e-323", "queues[0].volume.monthly"),
        ("growth: 0.08", "growth: 1e308", "queues[0].volume.growth"),
        ("monthly: 42000", "monthly: 1e23", "queues[0].volume.monthly"),
        ("amount: 150000", "amount: 1e308", "vendors[0].fees[1].amount"),
        ("discount_rate: 0.08", "discount_rate: " + "9" * 400, "scenario.discount_rate"),
        ("start: 2027-01", "start: 0000-01", "scenario.start"),
        ("start: 2027-01", "start: 9999-12", "scenario.start"),
        ("growth: 0.08", "growth: .nan", "queues[0].volume.growth"),
    ],
)
def test_numbers_out_of_bounds_are_located(tmp_path: Path, old: str, new: str, field: str) -> None:
    _refused(tmp_path, _edit(old, new), field)


def test_growth_that_compounds_past_the_volume_limit_is_refused(tmp_path: Path) -> None:
    text = _edit("months: 36", "months: 600").replace("growth: 0.08", "growth: 2", 1)
    _refused(tmp_path, text, "queues[0].volume", "over the limit")


def test_a_huge_integer_in_the_intraday_pattern_is_located(tmp_path: Path) -> None:
    text = _edit("    volume: {monthly: 8000, growth: 0.05}", "    volume: {monthly: 8000}")
    text = text.replace(
        "    volume: {monthly: 8000}",
        "    volume: {monthly: 8000}\n    pattern: {intraday: [1, " + "9" * 400 + "]}",
        1,
    )
    _refused(tmp_path, text, "intraday")


# -- names ------------------------------------------------------------------------------------


def test_a_one_megabyte_name_is_refused_fast(tmp_path: Path) -> None:
    text = _edit("name: Acme Shop customer service 2027-2029", "name: " + "x" * 1_000_000)
    start = time.perf_counter()
    flat = _refused(tmp_path, text, "scenario.name", "over the limit of 200")
    assert time.perf_counter() - start < 10
    assert len(flat) < 2000


@pytest.mark.parametrize(
    "name", ['"\\e[31mred\\e[0m"', '"bell\\a"', '"nul\\0"', '"x\\u202ey"', '"cr\\rlf"']
)
def test_control_characters_and_escapes_in_names_are_refused(tmp_path: Path, name: str) -> None:
    text = _edit("name: Acme Shop customer service 2027-2029", f"name: {name}")
    flat = _refused(tmp_path, text, "scenario.name", "control character")
    assert "\x1b" not in flat


# -- file references --------------------------------------------------------------------------


def _forecast_scenario(folder: Path, reference: str) -> Path:
    season = "[1.0, 0.7, 0.95, 1.0, 1.0, 1.2, 1.0, 0.95, 1.0, 1.05, 1.7, 1.4]"
    old = f"      monthly: 42000\n      growth: 0.08\n      seasonality: {season}\n"
    text = _edit(old, f"      forecast: {reference}\n")
    path = folder / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("/etc/passwd", "absolute path is not allowed"),
        ("../../etc/passwd", "leaves the scenario's folder"),
        ("sub/../../x.csv", "leaves the scenario's folder"),
        ("/proc/self/status", "absolute path is not allowed"),
        ("out.csv", "leaves the scenario's folder"),  # a symlink to a file outside
    ],
)
def test_forecast_paths_stay_in_the_scenario_folder(
    tmp_path: Path, reference: str, expected: str
) -> None:
    (tmp_path / "out.csv").symlink_to("/etc/passwd")
    path = _forecast_scenario(tmp_path, reference)
    code, output = _run("validate", str(path))
    assert code == 2
    flat = " ".join(output.split())
    assert expected in flat
    assert "queues[0].volume.forecast" in flat
    assert "root:" not in output


def test_forecast_files_must_be_regular_and_small(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    code, output = _run("validate", str(_forecast_scenario(tmp_path, "pipe.csv")))
    assert code == 2
    assert "not a regular file" in output
    with (tmp_path / "big.csv").open("wb") as stream:
        stream.truncate(11 * 1024 * 1024)
    code, output = _run("validate", str(_forecast_scenario(tmp_path, "big.csv")))
    assert code == 2
    assert "over 10,485,760 bytes" in " ".join(output.split())


def test_file_references_can_be_forbidden(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text((EXAMPLES / "history.csv").read_text(), encoding="utf-8")
    path = _forecast_scenario(tmp_path, "h.csv")
    with pytest.raises(ScenarioError, match="file references are not allowed"):
        load_scenario(path, allow_files=False)
    with pytest.raises(ScenarioError, match="file references are not allowed"):
        parse_scenario(path.read_text(encoding="utf-8"), allow_files=False)
    assert cscost.load_scenario(EXAMPLES / "ecommerce.yaml", allow_files=False).queues


# -- formula injection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        ("-3.5", "-3.5"),
        ("+7", "+7"),
        ("plain", "plain"),
        (-2.0, -2.0),
    ],
)
def test_formula_safe(value: object, written: object) -> None:
    assert formula_safe(value) == written


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cells_live(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    live = []
    for cell in cells:
        if cell.startswith(FORMULA_START):
            try:
                float(cell)
            except ValueError:
                live.append(cell)
    return live


def test_the_bill_and_plan_csv_carry_no_formula(tmp_path: Path) -> None:
    text = _edit("name: Acme Shop customer service 2027-2029", 'name: "=HYPERLINK(1)"')
    text = text.replace("name: Huaxin BPO", 'name: "+Huaxin"', 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert "Huaxin" in text
    code, output = _run("evaluate", str(path), "-o", str(tmp_path / "bill.csv"))
    assert code == 0, output
    assert _cells_live(tmp_path / "bill.csv") == []
    code, output = _run("plan", str(path), "-o", str(tmp_path / "plan.csv"))
    assert code == 0, output
    assert _cells_live(tmp_path / "plan.csv") == []


def test_staff_pass_through_columns_carry_no_formula(tmp_path: Path) -> None:
    rows = (EXAMPLES / "intervals.csv").read_text(encoding="utf-8").splitlines()[:3]
    rows[0] = "=cmd|' /C calc'!A0," + rows[0]
    rows[1:] = ["@SUM(1)," + row for row in rows[1:]]
    (tmp_path / "in.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, output = _run("staff", "--input", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"))
    assert code == 0, output
    assert _cells_live(tmp_path / "o.csv") == []


# -- tables -----------------------------------------------------------------------------------


def test_cr_only_line_endings_read(tmp_path: Path) -> None:
    text = (EXAMPLES / "intervals.csv").read_text(encoding="utf-8")
    (tmp_path / "cr.csv").write_bytes(text.replace("\n", "\r").encode())
    code, output = _run("staff", "--input", str(tmp_path / "cr.csv"), "-o", str(tmp_path / "o.csv"))
    assert code == 0, output
    lf = tmp_path / "lf.csv"
    lf.write_text(text, encoding="utf-8")
    _run("staff", "--input", str(lf), "-o", str(tmp_path / "o2.csv"))
    assert (tmp_path / "o.csv").read_text() == (tmp_path / "o2.csv").read_text()


def test_a_huge_cell_is_located(tmp_path: Path) -> None:
    text = (EXAMPLES / "intervals.csv").read_text(encoding="utf-8").splitlines()
    text[2] = "x" * 200_000 + text[2][5:]
    (tmp_path / "huge.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    code, output = _run("staff", "--input", str(tmp_path / "huge.csv"))
    assert code == 2
    assert "huge.csv:3" in output
    assert "cell too long" in output


def test_a_duplicate_column_and_fractional_min_agents_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dup.csv").write_text(
        "volume,volume,aht_s,target_answer_s,target_sl,interval_s\n1,2,300,20,0.8,1800\n"
    )
    code, output = _run("staff", "--input", str(tmp_path / "dup.csv"))
    assert code == 2
    assert "column `volume` appears twice" in output
    (tmp_path / "min.csv").write_text(
        "volume,aht_s,target_answer_s,target_sl,interval_s,min_agents\n1,300,20,0.8,1800,2.5\n"
    )
    code, output = _run("staff", "--input", str(tmp_path / "min.csv"))
    assert code == 2
    assert "min.csv:2:6" in output
    assert "not a whole number" in output


def test_a_history_with_cr_endings_and_a_bad_row_is_located(tmp_path: Path) -> None:
    from cscost.io.tables.history import read_history

    (tmp_path / "h.csv").write_bytes(b'date,q\r2025-01,1\r2025-02,"x\r')
    with pytest.raises(InputFileError, match=r"h\.csv"):
        read_history(tmp_path / "h.csv")


# -- kernels and resources ------------------------------------------------------------------


@pytest.mark.parametrize("patience", [None, 120.0, 1e-6])
def test_subnormal_volumes_need_one_agent_at_once(patience: float | None) -> None:
    start = time.perf_counter()
    n = required_agents(
        [3e-323, 1e-320, 1e-300, 1e-12],  # 5e-324 × 300 / 1800 underflows to no traffic
        1800,
        300,
        20,
        0.8,
        patience_s=patience,
    )
    assert n.tolist() == [1, 1, 1, 1]
    assert time.perf_counter() - start < 5


def test_infinite_patience_is_erlang_c() -> None:
    c = required_agents(100, 1800, 300, 20, 0.8)
    assert required_agents(100, 1800, 300, 20, 0.8, patience_s=float("inf")) == c


@pytest.mark.parametrize(
    "kwargs",
    [
        {"volume": 1e10},
        {"interval_s": 1e-300},
        {"aht_s": 1e300},
        {"min_agents": 2.5},
        {"concurrency": 1e6},
    ],
)
def test_kernel_arguments_out_of_domain_are_refused(kwargs: dict[str, float]) -> None:
    args = {
        "volume": 100.0,
        "interval_s": 1800.0,
        "aht_s": 300.0,
        "target_answer_s": 20.0,
        "target_sl": 0.8,
    }
    args.update(kwargs)
    with pytest.raises(ArgumentError):
        required_agents(**args)  # type: ignore[arg-type]


def test_a_monte_carlo_that_would_not_fit_is_refused_up_front() -> None:
    from cscost.evaluate.memory import check_monte_carlo_memory

    scenario = cscost.load_scenario(EXAMPLES / "saas.yaml")
    check_monte_carlo_memory(scenario, 10_000, 2000)
    with pytest.raises(ArgumentError, match=r"uncertainty\.samples.* to [\d,]+ or fewer"):
        check_monte_carlo_memory(scenario, 1_000_000, 2000)
    with pytest.raises(ArgumentError, match="would need about"):
        cscost.monte_carlo(scenario, samples=1_000_000)


def test_outputs_onto_a_folder_or_a_device(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_text(tmp_path, "x")
    write_text(Path("/dev/null"), "x")
    assert Path("/dev/null").is_char_device()
    history = str(EXAMPLES / "history.csv")
    code, output = _run("forecast", history, "-o", ".")
    assert code == 2
    assert "folder" in output


def test_an_unwritable_xlsx_report_is_a_file_error(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    target.mkdir()
    code, output = _run(
        "report", str(EXAMPLES / "ecommerce.yaml"), "--format", "xlsx", "-o", str(target)
    )
    assert code == 2
    assert "Is a directory" in output or "is a folder" in output


def test_evaluate_json_of_a_zero_volume_scenario_is_finite(tmp_path: Path) -> None:
    text = ECOMMERCE.replace("monthly: 42000", "monthly: 0").replace("monthly: 65000", "monthly: 0")
    text = text.replace("volume: {monthly: 8000, growth: 0.05}", "volume: {monthly: 0}")
    path = tmp_path / "zero.yaml"
    path.write_text(text, encoding="utf-8")
    code, output = _run("evaluate", str(path), "--format", "json", "-o", str(tmp_path / "z.json"))
    assert code == 0, output
    doc = json.loads((tmp_path / "z.json").read_text(encoding="utf-8"))
    for option in doc["options"]:
        assert np.isfinite(option["total"])
        assert option["fte"] >= 0


def test_an_evaluation_that_would_not_fit_is_refused_up_front() -> None:
    from cscost.evaluate.memory import check_evaluation_memory, evaluation_bytes

    scenario = cscost.load_scenario(EXAMPLES / "saas.yaml")
    check_evaluation_memory(scenario)
    with pytest.raises(ArgumentError, match=r"scenario\.months"):
        check_evaluation_memory(scenario, limit=evaluation_bytes(scenario) / 2)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("discount_rate: 0.08", "discount_rate: -0.99", "scenario.discount_rate"),
        ("escalation: {rate: 0.04", "escalation: {rate: 1000", "vendors[0].escalation.rate"),
    ],
)
def test_rates_that_would_compound_past_floating_point_are_refused(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    _refused(tmp_path, _edit(old, new), field)


def test_an_integer_of_5000_digits_is_located_in_yaml_and_json(tmp_path: Path) -> None:
    _refused(
        tmp_path, _edit("monthly: 42000", "monthly: " + "9" * 5000), "queues[0].volume.monthly"
    )
    data = {"scenario": {"name": "x", "currency": "CNY", "start": "2027-01"}}
    text = json.dumps(data).replace('"start"', '"months": ' + "9" * 5000 + ', "start"')
    _refused(tmp_path, text, "scenario.months", "over the limit", name="s.json")


def test_staff_labels_reach_the_terminal_as_plain_text(tmp_path: Path) -> None:
    (tmp_path / "mk.csv").write_text(
        "start,queue,volume,interval_s,aht_s,target_answer_s,target_sl\n"
        "[link=http://x]\x1b[2Jclick[/link],q,10,1800,300,20,0.8\n",
        encoding="utf-8",
    )
    code, output = _run("staff", "--input", str(tmp_path / "mk.csv"))
    assert code == 0
    assert "[link=http://x]" in output
    assert "\x1b" not in output
