"""The web app: server-rendered pages and a JSON API over the store, built by
:func:`create_app` from :class:`Settings` (``cscost serve``; docs/web.md).

Like the CLI it is an adapter: it parses, checks access, calls ``cscost._api``,
``cscost.io`` and ``cscost.report``, and renders.
"""

from __future__ import annotations

from cscost.web.app import create_app
from cscost.web.settings import Settings

__all__ = ["Settings", "create_app"]
