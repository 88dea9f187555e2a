"""An evaluation staffed queue shard by queue shard, priced together: the local one bit for bit.

The shards' results go through pickle, as they do between a Dask worker and the client;
the 2-worker test runs them on a ``LocalCluster`` of processes (``tests/conftest.py``)
and checks that both workers staffed a shard.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost import _api
from cscost.cli import app
from cscost.cluster import ClusterSettings, running
from cscost.cluster import evaluate as cluster_evaluate
from cscost.evaluate.evaluation import Evaluation, evaluate
from cscost.evaluate.shards import ShardJob, joined_parts, queue_shards, shard_parts
from cscost.io import load_scenario
from cscost.model import Scenario

if TYPE_CHECKING:
    from distributed import Client

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
cscost.cli._register()


def _same(a: Evaluation, b: Evaluation) -> None:
    assert [o.name for o in a.options] == [o.name for o in b.options]
    for x, y in zip(a.options, b.options, strict=True):
        assert (x.total, x.npv, x.cash_total, x.rank) == (y.total, y.npv, y.cash_total, y.rank)
        for name in ("monthly_cost", "volume", "fte", "seats", "resolved"):
            assert np.array_equal(getattr(x, name), getattr(y, name), equal_nan=True), name
        assert list(x.rows) == list(y.rows)
        assert [p.usage.label for p in x.parts] == [p.usage.label for p in y.parts]
    assert a.audit == b.audit


def _sharded(scenario: Scenario, count: int) -> Evaluation:
    means = {q: f.mean for q, f in _api.forecasts(scenario).items()} or None
    job = ShardJob(scenario, means)
    shards = [
        pickle.loads(pickle.dumps(shard_parts(job, q))) for q in queue_shards(scenario, count)
    ]
    return evaluate(scenario, means, staffed=joined_parts(job, shards))


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("bank.yaml", (1, 2, 4)),
        ("ecommerce.yaml", (3,)),
        ("saas.yaml", (2,)),
        ("rostered/ecommerce.yaml", (2,)),
    ],
)
def test_shards_priced_together_equal_one_run(name: str, counts: tuple[int, ...]) -> None:
    scenario = load_scenario(EXAMPLES / name)
    local = _api.evaluate(scenario)
    for count in counts:
        sharded = _sharded(scenario, count)
        _same(local, sharded)
    # the cells a report reads are staffed again, the same agents as the run's
    for x, y in zip(local.options[-1].parts, sharded.options[-1].parts, strict=True):
        assert np.array_equal(x.plan.agents, y.plan.agents)
        assert np.array_equal(x.plan.interval_volume, y.plan.interval_volume)


def test_shards_hold_no_interval_arrays() -> None:
    scenario = load_scenario(EXAMPLES / "saas.yaml")
    job = ShardJob(scenario)
    shard = shard_parts(job, queue_shards(scenario, 2)[0])
    cells = 7 * scenario.scenario.intervals_per_day * scenario.horizon.months
    for parts in (*shard.options, shard.baseline or ()):
        for p in parts:
            assert p.rostered is None
            assert max(p.usage.volume.size, p.fte.size) < cells
    assert len(pickle.dumps(shard)) < 2**20  # months of a few dozen parts, not their weeks


def test_queue_shards_cover_every_queue_once_in_order() -> None:
    scenario = load_scenario(EXAMPLES / "saas.yaml")
    order = [q.id for q in scenario.queues]
    for count in (1, 2, 3, 5, 13, 40):
        shards = queue_shards(scenario, count)
        assert len(shards) == min(count, len(order))
        assert sorted(q for s in shards for q in s) == sorted(order)
        for shard in shards:
            assert list(shard) == sorted(shard, key=order.index)


def test_two_workers_staff_the_shards_and_equal_a_local_run(two_workers: Client) -> None:
    from distributed import get_task_stream

    scenario = load_scenario(EXAMPLES / "bank.yaml")
    seen: list[tuple[int, int]] = []
    with get_task_stream(two_workers) as stream:
        sharded = cluster_evaluate(
            scenario, two_workers, progress=lambda done, total: seen.append((done, total))
        )
    _same(evaluate(scenario), sharded)
    used = {t["worker"] for t in stream.data if str(t["key"]).startswith("shard_parts")}
    assert len(used) == 2
    assert seen[-1] == (4, 4)  # two shards per worker


def test_cli_evaluate_on_a_scheduler_writes_the_local_json(
    two_workers: Client, tmp_path: Path
) -> None:
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    file = str(EXAMPLES / "ecommerce.yaml")
    address = two_workers.scheduler.address
    runner = CliRunner()
    for out, extra in ((here, []), (there, ["--scheduler", address])):
        result = runner.invoke(app, ["evaluate", file, "--format", "json", "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
    assert json.loads(here.read_text()) == json.loads(there.read_text())


def test_running_starts_one_local_cluster_for_a_command() -> None:
    with running(ClusterSettings(workers=1)) as held:
        assert held is not None
        assert held.scheduler is not None
        assert not held.workers
        scenario = load_scenario(EXAMPLES / "ecommerce.yaml")
        _same(evaluate(scenario), _api.evaluate(scenario, cluster=held))
    with running(None) as nothing:
        assert nothing is None
