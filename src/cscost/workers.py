"""What cscost sets up in every Dask worker it uses (imported by :mod:`cscost.cluster`
when it connects: it needs ``distributed``).

**The heap allocator.** A Dask nanny starts its worker with ``MALLOC_TRIM_THRESHOLD_``
= 64 KiB (``distributed.nanny.pre-spawn-environ``), to hand freed memory back to the
system. Setting that threshold turns off glibc's dynamic mmap threshold, so every
array over 128 KiB is a fresh ``mmap`` that is unmapped when freed: a Monte Carlo chunk,
made of [samples, months] temporaries, then takes 3–4× the CPU it takes in a plain
process (measured on saas.yaml: 2.4 s against 0.7 s per 2,000 samples). The plugin
sets both thresholds (``mallopt``) so that arrays up to 32 MiB come from the heap and
the heap is trimmed only past 256 MiB free; where there is no glibc it does nothing.
"""

from __future__ import annotations

import ctypes
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
TRIM_BYTES = 256 * 2**20
MMAP_BYTES = 32 * 2**20  # glibc's largest mmap threshold on 64-bit systems


def keep_heap() -> bool:
    """Set glibc's trim and mmap thresholds (module docstring); False without glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_TRIM_THRESHOLD, TRIM_BYTES)) and bool(
        mallopt(M_MMAP_THRESHOLD, MMAP_BYTES)
    )


class HeapAllocator(WorkerPlugin):
    """A worker plugin: :func:`keep_heap` in every worker, those that join later too."""

    name = "cscost-heap-allocator"

    def setup(self, worker: Any) -> None:
        """Called by the worker when it starts (or when the plugin is registered)."""
        keep_heap()
