"""`cscost serve` (the web app) and `cscost users add` (accounts in the same store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cscost.cli import app, err_console, out_console
from cscost.errors import ArgumentError

console = out_console()

DataDirOpt = Annotated[
    Path, typer.Option("--data-dir", help="Folder of the SQLite database and the secret key.")
]
DatabaseOpt = Annotated[
    str | None,
    typer.Option("--database", help="Database URL, e.g. postgresql+psycopg://user@host/db."),
]

users_app = typer.Typer(help="Accounts of the web app.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = Path("cscost-data"),
    job_workers: Annotated[
        int,
        typer.Option("--job-workers", help="Threads that run background jobs (0: none).", min=0),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run Monte Carlo jobs' chunks on the Dask cluster at ADDRESS (tcp://host:8786).",
            metavar="ADDRESS",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", help="Run Monte Carlo jobs' chunks on N local Dask processes.", min=1
        ),
    ] = None,
) -> None:
    """Run the web app (migrations applied at start; SQLite under --data-dir by default)."""
    import uvicorn

    from cscost.web import Settings, create_app
    from cscost.web.app import one_blas_thread

    if workers is not None and scheduler is not None:
        raise ArgumentError("--workers and --scheduler: give one or the other")
    one_blas_thread()
    settings = Settings(
        host=host,
        port=port,
        database_url=database,
        data_dir=data_dir,
        job_workers=job_workers,
        dask_scheduler=scheduler,
        dask_workers=workers,
    )
    web_app = create_app(settings)
    err_console.print(
        f"cscost web app on http://{host}:{port}/ (database {_shown(settings.url())})"
    )
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def _shown(url: str) -> str:
    """The URL without its password."""
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The user's email (their login).")],
    admin: Annotated[bool, typer.Option("--admin", help="May invite users.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = Path("cscost-data"),
) -> None:
    """Create a user in the web app's store (the first admin, or a script's account)."""
    from cscost.store import open_store
    from cscost.store.queries import StoreError, add_user
    from cscost.web.settings import Settings

    if not password_stdin:
        raise ArgumentError("pass --password-stdin and the password on standard input")
    password = sys.stdin.readline().rstrip("\r\n")
    settings = Settings(database_url=database, data_dir=data_dir)
    if database is None:
        data_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(settings.url())
    try:
        with store.session() as session:
            user = add_user(session, email, password, is_admin=admin)
            session.commit()
            console.print(f"user {user.email} added{' (admin)' if admin else ''}")
    except StoreError as exc:
        raise ArgumentError(str(exc)) from None
    finally:
        store.close()
