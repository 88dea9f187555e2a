"""Checks on a workbook from outside, before any spreadsheet library opens it.

An ``.xlsx`` is a zip of XML parts. Before openpyxl reads one, :func:`check_workbook_file`
refuses, with an :class:`~cscost.errors.InputFileError` that says why:

- a file over ``MAX_FILE_BYTES`` (checked with ``stat``, nothing read);
- a name other than ``.xlsx`` (``.xlsm``, ``.xlsb``, ``.xls`` … are refused);
- a file that is not a zip (a renamed CSV, an old binary ``.xls``, a password-protected
  workbook, a truncated download);
- a zip without ``[Content_Types].xml`` or ``xl/workbook.xml``;
- macro-enabled content (a ``vbaProject.bin`` part or a macro-enabled content type);
- a zip bomb: more than ``MAX_MEMBERS`` parts, more than ``MAX_UNCOMPRESSED_BYTES`` in
  total as the zip directory states, or a part that expands more than ``MAX_RATIO``
  times (parts above 1 MB);
- links to other workbooks (``xl/externalLinks/``): their values could change
  without the file changing, so the vendor must paste values;
- a DOCTYPE or ENTITY declaration (entity expansion, external entities) in any part,
  whatever its name or content type (a sheet may be stored under another name), or an
  XML part not in UTF-8 (declared or by its bytes).

openpyxl then parses with ``defusedxml`` (a dependency), which refuses entities again.

Nothing in the file is ever executed; cells are later read as values only.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import IO

from cscost.errors import InputFileError, Issue

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100.0
RATIO_MIN_BYTES = 1024 * 1024
MAX_MEMBERS = 2000
_CHUNK_BYTES = 1024 * 1024
_TYPES_BYTES = 1024 * 1024
_MACRO_MARKERS = (b"macroEnabled", b"vbaProject", b"vnd.ms-office.activeX")


def _refuse(file: Path, message: str, expected: str = "") -> InputFileError:
    return InputFileError(Issue(message, file=str(file), expected=expected))


def check_workbook_file(path: str | os.PathLike[str]) -> None:
    """Raise :class:`InputFileError` unless ``path`` looks like a safe, plain ``.xlsx``."""
    file = Path(path)
    if not file.is_file():
        raise _refuse(file, "no such file")
    if file.suffix.lower() != ".xlsx":
        raise _refuse(
            file,
            f"refused: `{file.suffix or file.name}` files are not read; macro-enabled "
            "(.xlsm, .xltm), binary (.xlsb, .xls) and other formats may carry code",
            "the template saved as an Excel workbook (.xlsx)",
        )
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(
            file,
            f"refused: the file has {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
            "the filled template (a few hundred kB)",
        )
    try:
        with zipfile.ZipFile(file) as archive:
            _check_archive(file, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _refuse(
            file,
            f"not a readable .xlsx workbook ({exc}); an .xlsx is a zip file: this one is "
            "damaged, truncated, password-protected or in another format",
            "the template saved as .xlsx without a password",
        ) from None


def _check_archive(file: Path, archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    names = {m.filename for m in members}
    if len(members) > MAX_MEMBERS:
        raise _refuse(file, f"refused: the zip holds {len(members)} parts (limit {MAX_MEMBERS})")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(
            file,
            "not an Excel workbook: the zip has no xl/workbook.xml",
            "the template saved as .xlsx",
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            file,
            f"refused: the parts expand to {total:,} bytes (limit {MAX_UNCOMPRESSED_BYTES:,}); "
            "this looks like a zip bomb",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise _refuse(
                file,
                f"refused: part {member.filename} expands {ratio:,.0f} times "
                f"(limit {MAX_RATIO:g}); this looks like a zip bomb",
            )
    _check_content(file, archive, members)


def _check_content(file: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    for member in members:
        lower = member.filename.lower()
        if lower.endswith(".bin") and "vba" in lower:
            raise _refuse(
                file,
                f"refused: the workbook contains macros ({member.filename})",
                "the template saved as .xlsx without macros",
            )
        if lower.startswith("xl/externallinks/"):
            raise _refuse(
                file,
                f"refused: the workbook links to other files ({member.filename}); "
                "replace linked cells by their values (Edit Links › Break Link) and save again",
            )
        if member.is_dir():
            continue
        with archive.open(member) as stream:
            doctype = _declares_doctype(stream, lower.endswith((".xml", ".rels")))
        if doctype:
            raise _refuse(
                file, f"refused: part {member.filename} declares a DOCTYPE (or is not UTF-8)"
            )
    with archive.open("[Content_Types].xml") as stream:
        types = stream.read(_TYPES_BYTES)
    if any(marker in types for marker in _MACRO_MARKERS):
        raise _refuse(
            file,
            "refused: the workbook is macro-enabled or has ActiveX",
            "the template saved as .xlsx without macros",
        )


_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)


def _not_utf8(head: bytes, named_xml: bool = True) -> bool:
    """Whether an XML part starts as UTF-16/32 or declares an encoding other than UTF-8.

    A part not named ``.xml`` or ``.rels`` (an image, printer settings) is refused only
    when it is XML in a wide encoding, whatever its name.
    """
    wide = b"\x00" in head[:4] and head[:4].replace(b"\x00", b"").startswith(b"<")
    if wide or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if named_xml and b"\x00" in head[:4]:
        return True
    declared = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf")[:512])
    return declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8")


def _declares_doctype(stream: IO[bytes], named_xml: bool = True) -> bool:
    """Whether an XML part has a DOCTYPE or ENTITY declaration, or is not UTF-8.

    The whole part is scanned in chunks (overlapping, so a marker split between two
    chunks is found); Excel and LibreOffice write UTF-8 only, so UTF-16 is refused too.
    """
    tail = b""
    first = True
    while chunk := stream.read(_CHUNK_BYTES):
        if first and _not_utf8(chunk, named_xml):
            return True
        first = False
        window = tail + chunk
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            return True
        tail = window[-16:]
    return False
