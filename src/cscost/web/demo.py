"""Seed a demo database for ``make serve``: a demo user and one project per example.

``python -m cscost.web.demo --data-dir DIR [--examples DIR]`` creates (once) the user
``demo@example.com`` with a random password kept in ``DIR/demo-password`` (mode 0600),
and a project with the e-commerce, bank and SaaS examples as their first versions; it
prints the login every time.
"""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path

from cscost.store import open_store
from cscost.store.queries import add_user, add_version, create_project, user_by_email
from cscost.web.scenarios import uploaded_text
from cscost.web.settings import Settings

DEMO_EMAIL = "demo@example.com"
EXAMPLES = (
    ("ecommerce.yaml", "Acme Shop (e-commerce)"),
    ("bank.yaml", "Bank"),
    ("saas.yaml", "SaaS"),
)


def demo_password(data_dir: Path) -> str:
    """The demo user's password from ``data_dir/demo-password``, made once (mode 0600)."""
    path = data_dir / "demo-password"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    password = secrets.token_urlsafe(12)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(password)
    return password


def seed(settings: Settings, examples: Path) -> str:
    """Create the demo user and projects if missing; the demo password."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    password = demo_password(settings.data_dir)
    store = open_store(settings.url())
    try:
        with store.session() as session:
            if user_by_email(session, DEMO_EMAIL) is not None:
                return password
            user = add_user(session, DEMO_EMAIL, password, is_admin=True)
            for file, name in EXAMPLES:
                path = examples / file
                text = uploaded_text(file, path.read_bytes())
                project = create_project(session, user, name)
                session.commit()
                add_version(
                    session, project.id, user, text.text, text.fmt, f"{file} example",
                    parent_id=None,
                )  # fmt: skip
            session.commit()
    finally:
        store.close()
    return password


def main() -> None:
    """Seed, then print the login."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path(".demo"))
    parser.add_argument("--examples", type=Path, default=Path("examples"))
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir, database_url=args.database)
    password = seed(settings, args.examples)
    print(f"demo login: {DEMO_EMAIL}  password: {password}")


if __name__ == "__main__":
    main()
