"""Reading a text input safely: size limit before reading, binary refusal, encodings.

Encodings read: UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, and, when a
file is not UTF-8, the Chinese legacy encoding GB18030 (a superset of GBK and GB2312).
Anything else is refused with the position of the first byte that does not decode.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cscost.errors import Issue, ScenarioError

MAX_BYTES = 10 * 1024 * 1024
"""Largest input file read (10 MB)."""

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


@dataclass(frozen=True)
class DecodedText:
    """The text of a file and the encoding it was read with (e.g. ``UTF-8``, ``GB18030``)."""

    text: str
    encoding: str


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of byte ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _refuse(name: str, message: str, data: bytes = b"", offset: int | None = None) -> ScenarioError:
    if offset is None:
        return ScenarioError(Issue(message, file=name))
    line, column = _position(data, offset)
    return ScenarioError(Issue(message, file=name, line=line, column=column))


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else a ScenarioError."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse(name, "file not found") from None
    except OSError as exc:
        raise _refuse(name, f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(name, "this is a directory, not a scenario file")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(name, "not a regular file")
    if info.st_size > limit:
        raise _refuse(name, _too_big(info.st_size, limit))
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _refuse(name, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _refuse(name, _too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1024 / 1024:.1f} MB; the limit is {limit // 1024 // 1024} MB "
        "(a scenario is a few kB; large histories belong in a forecast CSV)"
    )


def decode(data: bytes, name: str = "<input>") -> DecodedText:
    """Decode ``data`` (see the module docstring); ScenarioError when it is not text."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(codec), label)
            except UnicodeDecodeError as exc:
                raise _refuse(
                    name, f"the file starts with a {label} mark but does not decode as {label}",
                    data, exc.start,
                ) from None  # fmt: skip
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _refuse(
            name,
            "this is a binary file (it contains NUL bytes), not a YAML or JSON scenario; "
            "UTF-16 text needs a byte-order mark",
            data,
            nul,
        )
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return DecodedText(data.decode("gb18030"), "GB18030")
        except UnicodeDecodeError:
            raise _refuse(
                name,
                f"the file is neither UTF-8 nor GB18030/GBK text (byte "
                f"0x{data[utf8_error.start]:02x} does not decode); save it as UTF-8",
                data,
                utf8_error.start,
            ) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text(path: str | os.PathLike[str]) -> DecodedText:
    """Read and decode a text file under :data:`MAX_BYTES`; empty and control bytes refused."""
    data = read_bytes(path)
    decoded = decode(data, str(path))
    if not decoded.text.strip():
        raise ScenarioError(
            Issue(
                "the file is empty; run `cscost init` for an example scenario",
                file=str(path),
                line=1,
                column=1,
            )  # fmt: skip
        )
    control = _CONTROL.search(decoded.text)
    if control is not None:
        text = decoded.text
        start = control.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise ScenarioError(
            Issue(
                f"control character U+{ord(control.group()):04X} in the text; a scenario is "
                "plain text (was the file saved by a word processor or truncated?)",
                file=str(path),
                line=line,
                column=column,
            )  # fmt: skip
        )
    return decoded
