"""Open a database by URL, apply the migrations, hand out sessions.

SQLite gets WAL journaling, ``foreign_keys=ON`` and a busy timeout on every connection
(a connect hook); PostgreSQL is used as it is. Migrations are the Alembic scripts shipped
in ``cscost/store/migrations``, applied to ``head`` by :func:`open_store`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def sqlite_url(data_dir: Path) -> str:
    """The URL of the default database, ``DATA_DIR/cscost.db``."""
    return f"sqlite:///{Path(data_dir).resolve() / 'cscost.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def engine_for(url: str) -> Engine:
    """An engine for ``url``; SQLite with its pragmas on every connection."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, pool_size=20, max_overflow=20
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def migrate(engine: Engine) -> None:
    """Apply the shipped Alembic migrations to ``head``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    script_dir = resources.files("cscost.store").joinpath("migrations")
    config.set_main_option("script_location", str(script_dir))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass(frozen=True)
class Store:
    """An opened, migrated database: its engine and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        """A new session (use as a context manager)."""
        return self.sessions()

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()


def open_store(url: str) -> Store:
    """The database at ``url``, migrated to the current schema."""
    engine = engine_for(url)
    migrate(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False))
