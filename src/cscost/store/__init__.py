"""The store: SQLAlchemy models, Alembic migrations and the queries the web app needs.

SQLite is the default (a file under the data folder, WAL, foreign keys on); PostgreSQL
is chosen by a ``postgresql+psycopg://`` URL. :func:`open_store` applies the shipped
migrations, so a fresh database is ready after the call. The store never imports the web
app; it stores scenario texts and cached result bytes, it computes nothing.
"""

from __future__ import annotations

from cscost.store.db import Store, open_store, sqlite_url
from cscost.store.models import Membership, Project, Result, User, Version

__all__ = [
    "Membership",
    "Project",
    "Result",
    "Store",
    "User",
    "Version",
    "open_store",
    "sqlite_url",
]
