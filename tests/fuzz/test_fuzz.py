"""The fuzz suite: seeded mutants of the examples, hostile tables and workbooks.

Every case must end in exit 0 or exit 2 with a located one-paragraph message, within
its time bound (60 s here, ``CSCOST_FUZZ_TIMEOUT`` to change it: a loaded CI machine
must not turn a slow evaluation into a false hang), under the memory cap, with no
traceback and no non-finite or negative figure (:mod:`tests.fuzz.runner`). The cases
run in one child process so that a hang or a memory blow-up fails this test instead
of the whole session.

``make test`` runs a small budget (80 mutants, about 100 cases in all with 3
evaluations, 13 tables and 8 workbooks: ~25 s of CPU). For a nightly
run set ``CSCOST_FUZZ_CASES`` (mutants; tables, workbooks and evaluations scale with
it) and optionally ``CSCOST_FUZZ_SEED``:

    CSCOST_FUZZ_CASES=3000 CSCOST_FUZZ_SEED=$(date +%j) pytest tests/fuzz/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_internal_error_hang_or_bad_figure() -> None:
    cases = int(os.environ.get("CSCOST_FUZZ_CASES", "80"))
    seed = int(os.environ.get("CSCOST_FUZZ_SEED", "11"))
    args = [
        sys.executable,
        "-m",
        "tests.fuzz.runner",
        f"--seed={seed}",
        f"--count={cases}",
        f"--evaluate={max(2, cases // 25)}",
        f"--tables={max(4, cases // 6)}",
        f"--workbooks={max(4, cases // 10)}",
        f"--timeout={os.environ.get('CSCOST_FUZZ_TIMEOUT', '60')}",
        "--memory-mb=4096",
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    done = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60 + cases * 10
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-3000:]
    assert lines, done.stderr[-3000:]
    summary = json.loads(lines[-1])["summary"]
    failures = "\n".join(lines[:-1])
    assert summary["failures"] == 0, failures
    assert summary["cases"] >= cases
    assert summary["refused"] > 0
    assert summary["valid"] > 0
