"""Session fixtures: Dask ``LocalCluster`` clients, started once per test session (per
xdist worker), processes with one thread each, random ports, closed at the end."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from cscost.cluster import ClusterSettings, connect

if TYPE_CHECKING:
    from distributed import Client


@pytest.fixture(scope="session")
def two_workers() -> Iterator[Client]:
    """A client of a local cluster of 2 worker processes."""
    with connect(ClusterSettings(workers=2)) as client:
        assert client is not None
        yield client


@pytest.fixture(scope="session")
def one_worker() -> Iterator[Client]:
    """A client of a local cluster of 1 worker process."""
    with connect(ClusterSettings(workers=1)) as client:
        assert client is not None
        yield client
