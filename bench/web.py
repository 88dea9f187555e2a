"""Benchmark: the web app under 16 concurrent users (an async HTTP client).

A uvicorn server in a thread serves the app on a temporary SQLite database. For the
e-commerce example and the largest example (the longest scenario file), each of 16
users, logged in with a session cookie (pages) and a bearer token (API):

- opens the cached result: the version page (ranking from the cached evaluation) and
  the report view (the cached report HTML), 20 times each;
- evaluates versions: ``POST /api/versions/{id}/evaluate`` on a version of its own
  whose content nobody evaluated before (a comment line makes the hash new), once.

It prints p50 and p95 latency, wall time and the process CPU time (server and client
share this process, so CPU beside wall shows how busy the two cores were). The goal:
p95 of opening a cached result under 300 ms. It asserts nothing about time.
Run: ``make bench`` or ``.venv/bin/python bench/web.py [--open-only]``.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import uvicorn

from cscost.store.queries import add_user
from cscost.web import Settings, create_app
from cscost.web.app import one_blas_thread

USERS = int(os.environ.get("BENCH_USERS", "16"))
OPENS = 20
EVALUATIONS = 1
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PASSWORD = "bench password"


def largest_example() -> Path:
    """The example with the longest scenario file."""
    return max(EXAMPLES.glob("*.yaml"), key=lambda p: p.stat().st_size)


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(data_dir: Path) -> tuple[str, uvicorn.Server, threading.Thread]:
    """The app in a uvicorn thread (as ``cscost serve`` runs it); its URL."""
    one_blas_thread()
    app = create_app(Settings(data_dir=data_dir))
    with app.state.store.session() as session:
        for n in range(USERS):
            add_user(session, f"user{n}@example.com", PASSWORD)
        session.commit()
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


async def signed_in(url: str, n: int) -> tuple[httpx.AsyncClient, dict[str, str]]:
    """User ``n``'s client (session cookie) and bearer header."""
    client = httpx.AsyncClient(base_url=url, timeout=300)
    email = f"user{n}@example.com"
    page = await client.get("/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    data = {"email": email, "password": PASSWORD, "csrf_token": found.group(1)}
    await client.post("/login", data=data)
    answer = await client.post("/api/auth/token", data={"username": email, "password": PASSWORD})
    return client, {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def upload(
    client: httpx.AsyncClient, headers: dict[str, str], project: int, text: str
) -> int:
    """A new version of ``text``; its id."""
    answer = await client.post(
        f"/api/projects/{project}/versions",
        files={"file": ("s.yaml", text.encode(), "text/yaml")},
        headers=headers,
    )
    answer.raise_for_status()
    version: int = answer.json()["id"]
    return version


async def timed(calls: list[Callable[[], Awaitable[httpx.Response]]]) -> list[float]:
    """Latencies in ms of ``calls``, one after the other."""
    out = []
    for call in calls:
        start = time.perf_counter()
        answer = await call()
        answer.raise_for_status()
        out.append((time.perf_counter() - start) * 1000)
    return out


def line(label: str, latencies: list[float], wall: float, cpu: float) -> str:
    """One result line."""
    q = statistics.quantiles(latencies, n=20, method="inclusive")
    p50, p95 = statistics.median(latencies), q[18]
    return (
        f"{label:<34} n={len(latencies):<4} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   "
        f"wall {wall:6.2f} s   cpu {cpu:6.2f} s"
    )


async def bench(url: str, example: Path, evaluate: bool) -> None:
    """Both measurements for one example."""
    text = example.read_text(encoding="utf-8")
    users = [await signed_in(url, n) for n in range(USERS)]
    owner, owner_headers = users[0]
    project = (await owner.post("/api/projects", json={"name": example.stem},
                                headers=owner_headers)).json()["id"]  # fmt: skip
    for n in range(1, USERS):
        await owner.post(
            f"/api/projects/{project}/members",
            json={"email": f"user{n}@example.com", "role": "editor"},
            headers=owner_headers,
        )
    shared = await upload(owner, owner_headers, project, text)
    (await owner.post(f"/api/versions/{shared}/evaluate", headers=owner_headers)).raise_for_status()
    for n in range(USERS):  # each user's page and report view, cached from here on
        (await users[n][0].get(f"/versions/{shared}")).raise_for_status()
        (await users[n][0].get(f"/versions/{shared}/view")).raise_for_status()

    async def opens(client: httpx.AsyncClient) -> list[float]:
        calls: list[Callable[[], Awaitable[httpx.Response]]] = []
        for _ in range(OPENS):
            calls.append(lambda: client.get(f"/versions/{shared}"))
            calls.append(lambda: client.get(f"/versions/{shared}/view"))
        return await timed(calls)

    start, cpu = time.perf_counter(), time.process_time()
    runs = await asyncio.gather(*(opens(c) for c, _ in users))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(line(f"{example.name}: open cached result", [x for r in runs for x in r], wall, cpu))
    print(line("  of which the version page", [x for r in runs for x in r[0::2]], wall, cpu))
    print(line("  of which the report view", [x for r in runs for x in r[1::2]], wall, cpu))
    if not evaluate:
        return

    fresh = {
        n: [
            await upload(c, h, project, text + f"\n# user {n} run {k}\n")
            for k in range(EVALUATIONS)
        ]
        for n, (c, h) in enumerate(users)
    }

    async def evaluations(n: int) -> list[float]:
        client, headers = users[n]
        return await timed(
            [
                (lambda v=v: client.post(f"/api/versions/{v}/evaluate", headers=headers))
                for v in fresh[n]
            ]
        )

    start, cpu = time.perf_counter(), time.process_time()
    runs = await asyncio.gather(*(evaluations(n) for n in range(USERS)))
    print(line(f"{example.name}: evaluate (uncached)", [x for r in runs for x in r],
               time.perf_counter() - start, time.process_time() - cpu))  # fmt: skip
    for client, _ in users:
        await client.aclose()


def main() -> None:
    """Serve, run both examples, stop."""
    with tempfile.TemporaryDirectory(prefix="cscost-bench-web-") as folder:
        url, server, thread = serve(Path(folder))
        try:
            print(f"{USERS} concurrent users; python {sys.version.split()[0]}")
            for example in dict.fromkeys([EXAMPLES / "ecommerce.yaml", largest_example()]):
                asyncio.run(bench(url, example, "--open-only" not in sys.argv))
        finally:
            server.should_exit = True
            thread.join(10)


if __name__ == "__main__":
    main()
