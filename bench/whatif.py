"""Benchmark: what-if moves in the web app, against a full evaluation per move.

A uvicorn server in a thread serves the app on a temporary SQLite database (as
``cscost serve`` runs it). For the e-commerce example and the largest example, one user
opens the what-if page of a version (the model is built then) and drags the sliders as
a browser does. Right after opening it asks for AHT +15 % (that step's staffing tables
are built on demand); then it waits while the server builds the other AHT steps in the
background (as it does between moves) and drags the volume from 100 % to 130 % in 0.5 %
steps, the first vendor's rates from 100 % to 80 % (quick answers while moving, an exact
one at each release) and the AHT over its steps. It prints p50/p95 latency per kind of
move, wall and process CPU time (server and client share the process), and the peer:
``cscost.evaluate`` of the adjusted scenario per move (what a what-if without the model
would cost), with the ratio.

The goal (issue 17): p95 of a move on the e-commerce example under 300 ms; the exact
answers equal evaluate (``tests/web/test_whatif.py`` checks it). It asserts nothing
about time. Run: ``.venv/bin/python bench/whatif.py``.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

import cscost
from cscost import Adjustments
from cscost.evaluate.whatif import AHT_STEPS
from cscost.web.whatif import MODELS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web import EXAMPLES, largest_example, serve, signed_in, upload  # noqa: E402


def all_steps_built() -> bool:
    """Whether the what-if model in this process has every AHT step's tables."""
    return all(m.built_steps == len(AHT_STEPS) for m in MODELS.values())


def line(label: str, latencies: list[float], wall: float, cpu: float) -> str:
    """One result line: n, p50, p95, wall, CPU."""
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return (
        f"  {label:<36} n={len(latencies):<4} p50 {statistics.median(latencies):8.1f} ms   "
        f"p95 {p95:8.1f} ms   wall {wall:6.2f} s   cpu {cpu:6.2f} s"
    )


async def moves(client: httpx.AsyncClient, url: str, queries: list[dict[str, str]]) -> list[float]:
    """Latencies in ms of the what-if answers to ``queries``, one after the other."""
    out = []
    for query in queries:
        start = time.perf_counter()
        answer = await client.get(url, params=query)
        answer.raise_for_status()
        out.append((time.perf_counter() - start) * 1000)
    return out


async def measured(
    label: str, client: httpx.AsyncClient, url: str, queries: list[dict[str, str]]
) -> list[float]:
    """Run and print one kind of move."""
    start, cpu = time.perf_counter(), time.process_time()
    latencies = await moves(client, url, queries)
    print(line(label, latencies, time.perf_counter() - start, time.process_time() - cpu))
    return latencies


async def bench(base: str, example: Path) -> None:
    """Every kind of move on one example, then the peer."""
    client, headers = await signed_in(base, 0)
    project = (await client.post("/api/projects", json={"name": example.stem},
                                 headers=headers)).json()["id"]  # fmt: skip
    version = await upload(client, headers, project, example.read_text(encoding="utf-8"))
    print(f"{example.name}")
    start, cpu = time.perf_counter(), time.process_time()
    (await client.get(f"/versions/{version}/whatif")).raise_for_status()
    print(f"  open the what-if page (model built)  wall {time.perf_counter() - start:6.2f} s   "
          f"cpu {time.process_time() - cpu:6.2f} s")  # fmt: skip
    url = f"/versions/{version}/whatif/result"
    await measured("AHT +15 % right away (built now)", client, url, [{"aht_step": "3"}])
    start = time.perf_counter()
    while not all_steps_built():
        await asyncio.sleep(0.05)
    print(f"  every AHT step built in the background  wall {time.perf_counter() - start:6.2f} s")
    scenario = cscost.load_scenario(example)
    vendor = scenario.vendors[0].id
    volume = [{"volume": f"{1 + k * 0.005:.3f}"} for k in range(61)]
    rates = [{"volume": "1.3", f"rate.{vendor}": f"{1 - k * 0.005:.3f}"} for k in range(41)]
    quick = await measured("volume drag, quick", client, url, volume)
    quick += await measured("vendor rate drag, quick", client, url, rates)
    releases = [{**q, "exact": "1"} for q in (volume[20], volume[40], volume[60], rates[-1])]
    exact = await measured("release, exact", client, url, releases)
    steps = [{"volume": "1.3", "aht_step": str(k)} for k in (1, 2, 3, 4, 5, 6, -1, -2, -3)]
    aht = await measured("AHT drag, quick", client, url, steps)
    print(line("every move", quick + exact + aht, 0.0, 0.0))

    points = [
        Adjustments(volume=1.1),
        Adjustments(volume=1.3, rates={vendor: 0.9}),
        Adjustments(volume=1.3, aht=math.exp(0.05)),
    ]
    cpu = time.process_time()
    for point in points:
        cscost.evaluate(scenario.model_copy(update={"adjustments": point}))
    per_move = (time.process_time() - cpu) / len(points) * 1000
    median = statistics.median(quick)
    print(f"  peer: evaluate per move              cpu {per_move:8.1f} ms   "
          f"= {per_move / median:5.1f} x the quick move's p50")  # fmt: skip
    await client.aclose()


def main() -> None:
    """Serve, run both examples, stop."""
    with tempfile.TemporaryDirectory(prefix="cscost-bench-whatif-") as folder:
        url, server, thread = serve(Path(folder))
        try:
            print(f"what-if moves, one user; python {sys.version.split()[0]}")
            for example in dict.fromkeys([EXAMPLES / "ecommerce.yaml", largest_example()]):
                asyncio.run(bench(url, example))
        finally:
            server.should_exit = True
            thread.join(10)


if __name__ == "__main__":
    main()
