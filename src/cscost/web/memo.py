"""Values made from a scenario's content, kept in memory by its content hash.

The evaluations behind the result pages (:mod:`cscost.web.results`) and the what-if
models (:mod:`cscost.web.whatif`) are both expensive to make and equal for equal
contents: :class:`ContentMemo` makes each once, even when many requests ask at the same
time (the others wait for the first), and drops the least recently used past ``size``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ContentMemo(Generic[T]):
    """The last ``size`` values by content hash, each made once (module docstring)."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[str, threading.Lock] = {}
        self.size = size

    def _known(self, digest: str) -> tuple[bool, T | None]:
        with self._lock:
            if digest in self._items:
                self._items.move_to_end(digest)
                return True, self._items[digest]
            return False, None

    def get(self, digest: str, make: Callable[[], T]) -> T:
        """The value of ``digest``, made by ``make()`` if it is not kept."""
        found, value = self._known(digest)
        if found:
            return value  # type: ignore[return-value]
        with self._lock:
            making = self._making.setdefault(digest, threading.Lock())
        with making:
            found, value = self._known(digest)  # made while this request waited
            if found:
                return value  # type: ignore[return-value]
            try:
                made = make()
            finally:
                with self._lock:
                    self._making.pop(digest, None)
            with self._lock:
                self._items[digest] = made
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return made

    def values(self) -> list[T]:
        """The values kept now, least recently used first."""
        with self._lock:
            return list(self._items.values())
