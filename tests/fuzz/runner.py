"""Run fuzz cases through the CLI in one child process, each with a time bound.

``python -m tests.fuzz.runner --seed 1 --count 100`` (from the repository root, with
``src`` on the path) validates ``count`` mutants, evaluates the first ones that
validate (``--evaluate``), and prints one JSON line per case that broke a rule:

- the exit code is 0 or 2 (1 is an internal error, anything else a crash);
- no traceback and no "internal error" on either stream;
- a refusal (exit 2) names the scenario file and is one paragraph (no blank line);
- within ``--timeout`` seconds (SIGALRM) and the address-space cap (``--memory-mb``);
- an evaluation in JSON has finite totals, NPVs, FTE and seats, never negative counts.

The last line is ``{"summary": {...}}``. The test ``tests/fuzz/test_fuzz.py`` runs it in a
subprocess so that the memory cap and a hang cannot take pytest down with them.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app
from tests.fuzz.hostile import tables, workbooks
from tests.fuzz.mutate import mutants


class Hang(BaseException):
    """A case ran past its time bound."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def run_cli(args: list[str], timeout: float) -> tuple[int | None, str, float]:
    """(exit code or None on a hang, output, seconds) of ``cscost args`` in process."""
    runner = CliRunner()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        result = runner.invoke(app, args, catch_exceptions=True)
    except Hang:
        return None, "", time.perf_counter() - start
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if isinstance(result.exception, Hang):
        return None, result.output, time.perf_counter() - start
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += f"\nTraceback: {type(result.exception).__name__}: {result.exception}"
    return result.exit_code, output, time.perf_counter() - start


def message_problems(code: int | None, output: str, name: str) -> list[str]:
    """The rules a CLI run broke (empty when it ended well)."""
    if code is None:
        return ["hang"]
    problems = []
    if code not in (0, 2):
        problems.append(f"exit {code}")
    if "Traceback" in output or "internal error" in output:
        problems.append("traceback or internal error")
    if code == 2:
        if name not in output:
            problems.append("refusal does not name the file")
        if "\n\n" in output.strip():
            problems.append("refusal is more than one paragraph")
    return problems


_FINITE = ("total", "npv", "contacts", "fte", "fte_peak", "seats_peak")
_COUNTS = ("contacts", "fte", "fte_peak", "seats_peak")


def evaluation_problems(text: str) -> list[str]:
    """Non-finite or negative figures in an ``evaluate --format json`` document."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    problems = []
    for option in doc.get("options", []):
        for key in _FINITE:
            value = option.get(key)
            if not isinstance(value, int | float) or not math.isfinite(value):
                problems.append(f"option {option.get('name')!r} {key} = {value!r}")
            elif key in _COUNTS and value < 0:
                problems.append(f"option {option.get('name')!r} {key} = {value!r} < 0")
        for key in ("monthly_cost", "monthly_fte"):
            if any(v is None for v in option.get(key, [])):
                problems.append(f"option {option.get('name')!r} {key} has a null")
    for row in doc.get("bill", []):
        if row.get("amount") is None or row.get("quantity") is None:
            problems.append(f"bill line {row.get('line')!r} has a null figure")
            break
    return problems


def cases(seed: int, count: int, folder: Path) -> Iterator[tuple[str, Path]]:
    for n, (label, text) in enumerate(mutants(seed, count)):
        path = folder / f"m{n}.yaml"
        path.write_text(text, encoding="utf-8")
        yield label, path


def _report(label: str, problems: list[str], output: str, stats: dict[str, Any]) -> None:
    if problems:
        stats["failures"] += 1
        report = {"case": label, "problems": problems, "output": output[-600:]}
        print(json.dumps(report, ensure_ascii=False), flush=True)


def _one(
    args: list[str], name: str, timeout: float, stats: dict[str, Any]
) -> tuple[int | None, str, list[str]]:
    code, output, seconds = run_cli(args, timeout)
    stats["cases"] += 1
    stats["slowest"] = max(stats["slowest"], seconds)
    stats["valid" if code == 0 else "refused"] += 1
    return code, output, message_problems(code, output, name)


def run_tables(seed: int, count: int, timeout: float, folder: Path, stats: dict[str, Any]) -> None:
    """Hostile interval and history CSVs through ``staff --input`` and ``forecast``."""
    for n, (label, command, text) in enumerate(tables(seed, count)):
        path = folder / f"t{n}.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        out = folder / f"t{n}.out.csv"
        args = [command, "--input", str(path)] if command == "staff" else [command, str(path)]
        _, output, problems = _one([*args, "-o", str(out)], path.name, timeout, stats)
        _report(label, problems, output, stats)


def run_workbooks(
    seed: int, count: int, timeout: float, folder: Path, stats: dict[str, Any]
) -> None:
    """Damaged filled templates through ``import-quote``."""
    from cscost.io.rfp.write import write_template
    from tests.io.test_template_support import VENDOR_FILL, fill, scenario, write_scenario

    scenario_file = write_scenario(folder)
    template = write_template(scenario(), folder / "rfp.xlsx", "en")
    filled = fill(template, folder / "filled.xlsx", VENDOR_FILL)
    for n, (label, data) in enumerate(workbooks(seed, count, filled)):
        path = folder / f"w{n}.xlsx"
        path.write_bytes(data)
        args = ["import-quote", str(path), "-s", str(scenario_file), "--id", "v"]
        args += ["-o", str(folder / f"w{n}.yaml"), "--force"]
        _, output, problems = _one(args, path.name, timeout, stats)
        _report(label, problems, output, stats)


def run(
    seed: int, count: int, evaluate: int, timeout: float, n_tables: int = 0, n_workbooks: int = 0
) -> dict[str, Any]:
    cscost.cli._register()
    stats = {"cases": 0, "valid": 0, "refused": 0, "evaluated": 0, "failures": 0, "slowest": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        run_tables(seed, n_tables, timeout, Path(tmp), stats)
        run_workbooks(seed, n_workbooks, timeout, Path(tmp), stats)
        for label, path in cases(seed, count, Path(tmp)):
            stats["cases"] += 1
            code, output, seconds = run_cli(["validate", str(path)], timeout)
            stats["slowest"] = max(stats["slowest"], seconds)
            problems = message_problems(code, output, path.name)
            stats["valid" if code == 0 else "refused"] += 1
            if code == 0 and stats["evaluated"] < evaluate:
                stats["evaluated"] += 1
                out = path.with_suffix(".json")
                args = ["evaluate", str(path), "--format", "json", "-o", str(out)]
                code, output, seconds = run_cli(args, timeout)
                stats["slowest"] = max(stats["slowest"], seconds)
                problems += message_problems(code, output, path.name)
                if code == 0:
                    problems += evaluation_problems(out.read_text(encoding="utf-8"))
            _report(label, problems, output, stats)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--evaluate", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--tables", type=int, default=0)
    parser.add_argument("--workbooks", type=int, default=0)
    parser.add_argument("--memory-mb", type=int, default=4096)
    args = parser.parse_args(argv)
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    stats = run(args.seed, args.count, args.evaluate, args.timeout, args.tables, args.workbooks)
    print(json.dumps({"summary": stats}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
