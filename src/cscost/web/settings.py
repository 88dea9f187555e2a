"""The web app's settings: where it listens, which database, the data folder, limits.

The secret key that signs sessions, CSRF tokens and API tokens lives in
``DATA_DIR/secret_key``: generated once (32 random bytes, file mode 0600) and read on
every later start, so sessions survive a restart.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from cscost.store import sqlite_url

MB = 1024 * 1024


class Settings(BaseModel):
    """How one server runs; ``database_url`` None means SQLite at ``DATA_DIR/cscost.db``."""

    model_config = ConfigDict(frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    database_url: str | None = None
    data_dir: Path = Path("cscost-data")
    session_seconds: int = Field(8 * 3600, gt=0)
    token_seconds: int = Field(30 * 24 * 3600, gt=0)
    upload_limit_bytes: int = Field(10 * MB, gt=0)
    login_attempts_per_minute: int = Field(5, gt=0)
    job_workers: int = Field(1, ge=0, le=32)
    """Threads that run background jobs (0: jobs wait in the queue for another server)."""
    dask_scheduler: str | None = None
    """Monte Carlo jobs' chunks on the Dask cluster at this address (tcp://host:8786)."""
    dask_workers: int | None = Field(None, ge=1)
    """Monte Carlo jobs' chunks on a local Dask cluster of this many processes."""
    job_poll_seconds: float = Field(0.5, gt=0)
    job_stale_seconds: float = Field(300.0, gt=0)
    """A running job of another host is re-queued when its heartbeat is this old."""

    def url(self) -> str:
        """The database URL to open (the SQLite default under the data folder)."""
        return self.database_url or sqlite_url(self.data_dir)


def secret_key(data_dir: Path) -> str:
    """The server's secret from ``data_dir/secret_key``, created (mode 0600) when missing."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()
