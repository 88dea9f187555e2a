"""The array types every module shares: numbers travel as numpy arrays with named axes.

``Array`` holds floats (volumes, hours, money), ``BoolArray`` masks (open intervals,
windows), ``IntArray`` indices and counts. Axes are named where each array is defined:
[M] months, [7, T] the typical week's intervals, [M, 7, T] a typical week per month,
[S, M] samples × months.
"""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

__all__ = ["Array", "BoolArray", "IntArray", "content_bytes", "content_digest"]


def content_bytes(array: npt.NDArray[np.generic]) -> bytes:
    """The shape, type and elements of ``array`` as bytes (equal bytes, equal arrays)."""
    return repr((array.shape, array.dtype.str)).encode() + array.tobytes()


def content_digest(thing: object, skip: frozenset[str] = frozenset()) -> bytes:
    """A 16-byte digest of a dataclass's fields (nested dataclasses, arrays by shape, type
    and elements, other values by ``repr``), leaving out the fields named in ``skip``:
    equal digests, equal contents."""
    h = hashlib.blake2b(digest_size=16)
    _digest_fields(h, thing, skip)
    return h.digest()


def _digest_fields(h: hashlib.blake2b, thing: object, skip: frozenset[str]) -> None:
    h.update(type(thing).__qualname__.encode())
    for f in dataclasses.fields(thing):  # type: ignore[arg-type]
        if f.name in skip:
            continue
        value = getattr(thing, f.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            _digest_fields(h, value, skip)
        elif isinstance(value, np.ndarray):
            h.update(f.name.encode())
            h.update(content_bytes(value))
        else:
            h.update(repr((f.name, value)).encode())
