"""Alembic environment: runs on the connection :func:`cscost.store.db.migrate` passes."""

from __future__ import annotations

from alembic import context

from cscost.store import audit as _audit  # noqa: F401  (every table in the metadata)
from cscost.store import jobs as _jobs  # noqa: F401
from cscost.store import portal as _portal  # noqa: F401
from cscost.store import signoff as _signoff  # noqa: F401
from cscost.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
