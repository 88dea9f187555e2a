"""Seeded generators of hostile tables and workbooks for the fuzz runner.

``tables(seed, count)`` yields interval CSVs (for ``cscost staff --input``) and history
CSVs (for ``cscost forecast``) made from the bundled examples by changing cells, line
endings, encodings and structure; ``workbooks(seed, count, template)`` yields copies of
a filled pricing template with odd cell values or damaged parts.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.fuzz.mutate import EXAMPLES

CELLS: tuple[str, ...] = (
    "",
    "abc",
    "-1",
    "1e308",
    "1e400",
    "3e-323",
    "nan",
    "inf",
    "0,95",
    "1.300,50",
    "=1+1",
    "@SUM(A1)",
    "\x1b[31m",
    '"',
    '"unterminated',
    "9" * 400,
    "x" * 20_000,
    "2027-13",
    "0000-01",
    "9999-12-31",
    "5m",
    "-3s",
    "99999h",
    "0",
    "1000000000000",
)


def _mutate_table(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.splitlines()
    action = rng.choice(("cell", "cell", "cell", "endings", "header", "drop", "bom", "nul"))
    if action == "cell" and len(lines) > 1:
        r = rng.randrange(len(lines))
        cells = lines[r].split(",")
        cells[rng.randrange(len(cells))] = rng.choice(CELLS)
        lines[r] = ",".join(cells)
    elif action == "header":
        cells = lines[0].split(",")
        cells[rng.randrange(len(cells))] = rng.choice(("volume", "", "date", "=x", "queue"))
        lines[0] = ",".join(cells)
    elif action == "drop" and len(lines) > 2:
        del lines[rng.randrange(1, len(lines))]
    joined = "\n".join(lines) + "\n"
    if action == "endings":
        joined = joined.replace("\n", rng.choice(("\r", "\r\n", "\n\n")))
    elif action == "bom":
        joined = "\ufeff" + joined
    elif action == "nul":
        joined = joined[: len(joined) // 2] + "\x00" + joined[len(joined) // 2 :]
    return action, joined


def tables(seed: int, count: int) -> Iterator[tuple[str, str, str]]:
    """``count`` hostile tables: (label, command, CSV text); command is staff or forecast."""
    rng = random.Random(seed)
    sources = {
        "staff": (EXAMPLES / "intervals.csv").read_text(encoding="utf-8"),
        "forecast": (EXAMPLES / "history.csv").read_text(encoding="utf-8"),
    }
    for n in range(count):
        command = ("staff", "staff", "staff", "forecast")[n % 4]
        text = sources[command]
        done = []
        for _ in range(rng.randint(1, 3)):
            action, text = _mutate_table(text, rng)
            done.append(action)
        yield f"seed {seed} table #{n} {command}: " + "; ".join(done), command, text


def _cell_value(rng: random.Random) -> Any:
    value = rng.choice((*CELLS, -5, 1e308, 10**30, 0.0, True, 13800))
    return value.replace("\x1b", "") if isinstance(value, str) else value  # Excel refuses ESC


def workbooks(seed: int, count: int, filled: Path) -> Iterator[tuple[str, bytes]]:
    """``count`` damaged copies of the ``filled`` template: (label, bytes)."""
    import openpyxl

    rng = random.Random(seed)
    for n in range(count):
        if n % 4 == 3:  # damage a part of the zip
            label, data = _damaged_zip(filled, rng)
        else:
            book = openpyxl.load_workbook(filled)
            sheet = book[rng.choice(("Pricing", "Terms", "Assumptions"))]
            changes = []
            for _ in range(rng.randint(1, 4)):
                ref = f"{rng.choice('BCDEFGH')}{rng.randint(1, 40)}"
                value = _cell_value(rng)
                sheet[ref] = value
                changes.append(f"{sheet.title}!{ref}={str(value)[:20]!r}")
            buffer = io.BytesIO()
            book.save(buffer)
            label, data = "cells " + ", ".join(changes), buffer.getvalue()
        yield f"seed {seed} workbook #{n}: {label}", data


def _damaged_zip(filled: Path, rng: random.Random) -> tuple[str, bytes]:
    with zipfile.ZipFile(filled) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = rng.choice(sorted(parts))
    how = rng.choice(("truncate", "garbage", "drop", "doctype"))
    if how == "truncate":
        parts[name] = parts[name][: len(parts[name]) // 2]
    elif how == "garbage":
        parts[name] = bytes(rng.randrange(256) for _ in range(200))
    elif how == "drop":
        del parts[name]
    else:
        parts[name] = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return f"{how} {name}", buffer.getvalue()
