"""`cscost batch`: one summary row per scenario and option; a broken file named, the rest run."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost import _api
from cscost.cli import app
from cscost.cluster import map_ordered
from cscost.evaluate.evaluation import evaluate
from cscost.io import load_scenario

if TYPE_CHECKING:
    from distributed import Client

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
cscost.cli._register()


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("scenario: {name: x}\nqueues: []\n", encoding="utf-8")
    return [EXAMPLES / "ecommerce.yaml", broken, EXAMPLES / "bank.yaml"]


def test_batch_reports_the_broken_file_and_writes_the_others(
    files: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "summary.csv"
    result = CliRunner().invoke(app, ["batch", *map(str, files), "-o", str(out)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(_api.BATCH_COLUMNS)
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_file.setdefault(Path(row["file"]).name, []).append(row)
    assert [r["error"] != "" for r in by_file["broken.yaml"]] == [True]
    for name in ("ecommerce.yaml", "bank.yaml"):
        expected = evaluate(load_scenario(EXAMPLES / name))
        got = by_file[name]
        assert [r["option"] for r in got] == [o.name for o in expected.options]
        assert [float(r["total"]) for r in got] == [o.total for o in expected.options]
        assert all(r["error"] == "" for r in got)


def test_batch_on_two_workers_equals_here(files: list[Path], two_workers: Client) -> None:
    here = _api.batch(files)
    there = map_ordered(two_workers, _api.batch_file, None, [str(f) for f in files])
    assert [row for rows in there for row in rows] == here
