"""Counting sorted keys below many queries: ``np.searchsorted(keys, q, side="left")``, faster.

The keys are sorted and fall into blocks; every query names its block, and a block's
queries lie in a range known in advance. Each block's range (with one spare bucket at
either end) is cut into buckets of equal width, about ``BUCKETS_PER_KEY`` per key. A key
or query x of block b falls in bucket f_b(x) = ⌊x × scale_b − shift_b⌋ (clipped to the
buckets), the same floating-point operations for both; f_b is non-decreasing, so every
key in an earlier bucket is below x and every key in a later one above it. With
``start[j]`` = #{keys in buckets before j},

    #{keys < x} = start[f_b(x)] + #{keys k in bucket f_b(x) : k < x},

the second term by binary lifting over the few keys of the bucket
(``keys[pos + step − 1] < x``). So :meth:`BucketedKeys.count_below` equals
``np.searchsorted(keys, x, side="left")`` exactly for every query inside its block's
range (the caller checks that its queries are).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array, IntArray

BUCKETS_PER_KEY = 4.0
"""Buckets per key of a block: most buckets hold 0 or 1 key."""


@dataclass(frozen=True)
class BucketedKeys:
    """Sorted keys with a bucket index per block (module docstring)."""

    keys: Array  # [K + pad] sorted, padded with +inf
    size: int  # K
    scale: Array  # [B] buckets per unit of x
    shift: Array  # [B] bucket of block b: ⌊x × scale_b − shift_b⌋
    top: float  # the last bucket
    start: npt.NDArray[np.int32]  # [J] keys in the buckets before each bucket
    steps: tuple[int, ...]  # binary-lifting steps, largest first

    def buckets(self, x: Array, block: npt.NDArray[np.intp]) -> IntArray:
        """The bucket of every x [N] of ``block`` [N] (one definition for keys and queries)."""
        j = x * self.scale[block]
        j -= self.shift[block]
        np.floor(j, out=j)
        np.maximum(j, 0.0, out=j)
        np.minimum(j, self.top, out=j)
        result: IntArray = j.astype(np.intp)
        return result

    def count_below(self, query: Array, block: npt.NDArray[np.intp]) -> npt.NDArray[np.int32]:
        """#{keys < query} for every query (same shape) inside its ``block``'s range."""
        q = query.ravel()
        pos = self.start[self.buckets(q, block.ravel())]
        for step in self.steps:
            np.add(pos, step, out=pos, where=self.keys[pos + (step - 1)] < q)
        result: npt.NDArray[np.int32] = pos.reshape(query.shape)
        return result


def bucketed_keys(keys: Array, block_start: IntArray, low: Array, high: Array) -> BucketedKeys:
    """The bucket index of sorted ``keys`` whose blocks start at ``block_start`` [B].

    ``low`` and ``high`` [B] bound each block's queries; every key of block b lies below
    every key of block b + 1 and within its block's range or near it.
    """
    size = keys.size
    ends = np.append(block_start[1:], size)
    scales = np.zeros(low.size)
    shifts = np.zeros(low.size)
    first = 0
    for b, (s, e) in enumerate(zip(block_start, ends, strict=True)):
        lo = min(float(low[b]), float(keys[s])) if e > s else float(low[b])
        hi = max(float(high[b]), float(keys[e - 1])) if e > s else float(high[b])
        count = max(int(np.ceil((e - s) * BUCKETS_PER_KEY)), 1)
        scale = count / (hi - lo) if hi > lo else 1.0
        scales[b] = scale
        shifts[b] = lo * scale - (first + 1)  # bucket first + 1 starts at lo: one spare below
        first += count + 3  # and at least one spare above
    top = float(first - 1)
    owner = np.repeat(np.arange(low.size, dtype=np.intp), ends - block_start)
    table = BucketedKeys(
        keys=keys, size=size, scale=scales, shift=shifts, top=top,
        start=np.empty(0, np.int32), steps=(),
    )  # fmt: skip
    per_bucket = np.bincount(table.buckets(keys, owner), minlength=first)
    start = np.concatenate(([0], np.cumsum(per_bucket)[:-1])).astype(np.int32)  # K < 2³¹
    most = int(per_bucket.max(initial=0))
    steps = tuple(1 << k for k in range(max(most, 1).bit_length() - 1, -1, -1))
    padded = np.concatenate((keys, np.full(2 * (most + 1), np.inf)))
    return BucketedKeys(
        keys=padded, size=size, scale=scales, shift=shifts, top=top, start=start, steps=steps
    )
