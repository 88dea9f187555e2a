"""`cscost validate`, `cscost schema` and `cscost init`: the scenario file's commands."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cscost.cli import app
from cscost.errors import ScenarioError
from cscost.io import read_scenario
from cscost.io.outputs import check_output
from cscost.io.scenario.examples import example_scenario
from cscost.io.tables.writers import write_text
from cscost.model import Scenario


class Lang(StrEnum):
    """Language of the example's comments."""

    en = "en"
    zh = "zh"


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="Scenario file (YAML, or JSON by .json).")],
) -> None:
    """Check a scenario file: every problem with file:line:col, or a one-line summary."""
    try:
        loaded = read_scenario(file)
    except ScenarioError as exc:
        for issue in exc.issues:
            typer.echo(str(issue), err=True)
        count = len(exc.issues)
        typer.echo(f"{file}: {count} problem{'s' * (count != 1)}; nothing was changed", err=True)
        raise typer.Exit(2) from None
    scenario = loaded.scenario
    options = scenario.resolved_options()
    labels = scenario.horizon.labels
    how = " (default)" if scenario.options is None else ""
    read_as = "" if loaded.encoding == "UTF-8" else f", read as {loaded.encoding}"
    typer.echo(
        f"{file}: valid — {_count(len(scenario.queues), 'queue')}, "
        f"{_count(len(scenario.vendors), 'vendor')}, {_count(len(options), 'option')}{how}, "
        f"{_count(len(labels), 'month')} ({labels[0]} … {labels[-1]}){read_as}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario file."""
    document = Scenario.model_json_schema(by_alias=True)
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "cscost scenario"
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False))


@app.command()
def init(
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the comments.")] = Lang.en,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File to write; `-` prints it.")
    ] = Path("scenario.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented, valid example scenario to start from."""
    text = example_scenario(lang.value)
    if str(output) == "-":
        typer.echo(text, nl=False)
        return
    check_output(output, (), "yaml")
    if output.exists() and not force:
        typer.echo(f"{output} exists; not overwritten (use --force to replace it)", err=True)
        raise typer.Exit(2)
    try:
        write_text(output, text)
    except OSError as exc:
        typer.echo(f"cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {output}; check it with: cscost validate {output}")
