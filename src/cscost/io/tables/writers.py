"""The one JSON and CSV writer of every command: NaN and infinity become null, files whole.

No cell carries a formula from input: :func:`formula_safe` prefixes with ``'`` any text
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return and is not a plain
number (OWASP's advice on CSV injection), so a name such as ``=HYPERLINK(…)`` stays text
when a controller opens the CSV in a spreadsheet; :func:`csv_text` applies it to every
cell and the XLSX writers to every text cell.

JSON has no NaN or infinity: :func:`json_safe` turns them (and numpy scalars) into
``null`` and plain numbers, so a legal scenario whose volumes are all 0 (cost per
contact NaN) still gives valid JSON. Files are written to a temporary sibling and moved
into place, so a failed write never leaves half a file, and an existing file is only
replaced when the new one is complete.

CSV files are written for people as much as for programs: :func:`write_csv` puts a
UTF-8 byte-order mark first (``utf-8-sig``), so Excel on a Chinese-locale Windows reads
the queue and option names as UTF-8 rather than as GBK. CSV written to a pipe
(stdout) has no mark. :func:`atomic_path` gives writers that need a file name (xlsx,
PDF) the same whole-file guarantee.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

if TYPE_CHECKING:
    from cscost.demand.forecast import Forecast

FORECAST_COLUMNS = ("queue", "month", "mean", "lower80", "upper80", "lower95", "upper95")


def json_safe(value: Any) -> Any:
    """``value`` with NaN and ±inf as None, numpy scalars and arrays as Python values."""
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.generic):
        return json_safe(value.item())
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def json_text(document: Any) -> str:
    """The document as indented UTF-8 JSON text, one trailing newline (:func:`json_safe`)."""
    return json.dumps(json_safe(document), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read a cell as a formula."""


def formula_safe(value: object) -> object:
    """``value``, or ``'`` + ``value`` for a text a spreadsheet would read as a formula.

    Numbers, and texts that are plain numbers (``-3``, ``+1.5``), stay as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table: the header, then the rows (floats as ``repr``, lines end in ``\\n``).

    Every cell passes :func:`formula_safe`.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([formula_safe(h) for h in header])
    writer.writerows([formula_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()


CSV_ENCODING = "utf-8-sig"
"""Encoding of every CSV file cscost writes: UTF-8 with a byte-order mark (for Excel)."""


def _special(path: Path) -> bool:
    """True for an existing device or pipe (written into, never replaced); a folder is refused."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if path.name in ("", ".", "..") or (mode is not None and stat.S_ISDIR(mode)):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
    return mode is not None and not stat.S_ISREG(mode)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary sibling of ``path`` to write; renamed onto ``path`` when the block ends.

    When the block raises (or is interrupted), the temporary file is removed and
    ``path`` is left as it was. A device or pipe (``/dev/null``) is written directly.
    """
    if _special(path):
        yield path
        return
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` whole: a temporary sibling, then an atomic rename.

    A folder is refused (``IsADirectoryError``); an existing device or pipe
    (``/dev/null``, ``/dev/stdout``) is written into, never replaced by a file.
    """
    with atomic_path(path) as temp, temp.open("w", encoding=encoding, newline="") as stream:
        stream.write(text)


def write_csv(path: Path, text: str) -> None:
    """CSV ``text`` into ``path`` whole, with a UTF-8 byte-order mark (:data:`CSV_ENCODING`)."""
    write_text(path, text, encoding=CSV_ENCODING)


def emit(text: str, path: Path | None = None, stream: TextIO | None = None) -> None:
    """``text`` into ``path`` (whole, :func:`write_text`), else onto ``stream`` (stdout)."""
    if path is None:
        (stream or sys.stdout).write(text)
    else:
        write_text(path, text)


def emit_csv(text: str, path: Path | None = None, stream: TextIO | None = None) -> None:
    """CSV ``text`` into ``path`` (with the mark, :func:`write_csv`), else onto ``stream``."""
    if path is None:
        (stream or sys.stdout).write(text)
    else:
        write_csv(path, text)


def forecast_csv_text(forecasts: Mapping[str, Forecast]) -> str:
    """``queue,month,mean,lower80,upper80,lower95,upper95``, one row per queue and month.

    Volumes are written with one decimal.
    """
    rows = []
    for queue, forecast in forecasts.items():
        columns = [getattr(forecast, name) for name in FORECAST_COLUMNS[2:]]
        for i, month in enumerate(forecast.months):
            rows.append([queue, month, *(f"{float(c[i]):.1f}" for c in columns)])
    return csv_text(FORECAST_COLUMNS, rows)


def write_forecast_csv(forecasts: Mapping[str, Forecast], out: Path | TextIO) -> None:
    """:func:`forecast_csv_text` into a path (whole, :func:`write_csv`) or a stream."""
    text = forecast_csv_text(forecasts)
    if isinstance(out, Path):
        write_csv(out, text)
    else:
        out.write(text)
