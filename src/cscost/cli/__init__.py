"""The command line: parse, call the library, print. Each command group lives in its own module.

Every :class:`~cscost.errors.CscostError`, and every file that cannot be read or
written, becomes a one-paragraph message on stderr and exit code 2, never a traceback;
usage errors also exit 2.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup
from typer.exceptions import TyperException

from cscost.errors import CscostError

err_console = Console(stderr=True, highlight=False)


def out_console() -> Console:
    """The console for results: the terminal's width, or 140 columns into a file or pipe."""
    import sys

    return Console(highlight=False, width=None if sys.stdout.isatty() else 140)


class _Group(TyperGroup):
    """The root command group: turns cscost errors into messages and exit code 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CscostError as exc:
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
            ctx.exit(2)
        except OSError as exc:  # a file that cannot be read or written
            where = f"{exc.filename}: " if exc.filename else ""
            reason = exc.strerror or str(exc)
            err_console.print(f"[bold red]error:[/] {escape(where + reason)}", soft_wrap=True)
            ctx.exit(2)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except Exception as exc:  # a bug: say so in one paragraph, the traceback on request
            if os.environ.get("CSCOST_DEBUG"):
                raise
            err_console.print(
                f"[bold red]internal error:[/] {escape(type(exc).__name__)}: {escape(str(exc))}"
                " — this is a bug in cscost; run again with CSCOST_DEBUG=1 for the traceback"
                " and report it with the input that caused it.",
                soft_wrap=True,
            )
            ctx.exit(1)


app = typer.Typer(
    name="cscost",
    cls=_Group,
    help="What outsourcing customer service would really cost, and which option is worth it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """cscost: staffing, quotes and the total cost of customer-service sourcing options."""


COMMAND_MODULES = (
    "scenario",  # validate, schema, init
    "staff",  # staff
    "evaluate",  # plan, evaluate
    "decision",  # sensitivity, breakeven
    "report",  # report
    "template",  # template, import-quote
    "forecast",  # forecast
    "reconcile",  # reconcile
    "roster",  # roster, simulate
    "serve",  # serve, users add
    "batch",  # batch
)
"""The modules whose commands ``cscost`` offers, in this order; a new command module is
added here (docs/architecture.md, "Add a CLI command")."""


def _register() -> None:
    """Import every module of :data:`COMMAND_MODULES`; each adds its commands to ``app``."""
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def main() -> None:
    """Console-script entry point; numpy's floating-point warnings stay off the terminal."""
    import warnings

    warnings.simplefilter("ignore", RuntimeWarning)
    _register()
    app()
