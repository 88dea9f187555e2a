"""The service level that given agents reach, alone: what the quality criterion reads.

:func:`cscost.staffing.queueing.queue_metrics` gives every metric of an interval; its
Erlang A ASA is an integral per interval (Gauss–Legendre) that costs most of its time.
:func:`service_levels` gives only the service level, from the same inputs
(:func:`cscost.staffing.queueing.metric_inputs`), each distinct interval
computed once (the kernels are element-wise): ``queue_metrics(…).service_level`` bit
for bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cscost.arrays import Array
from cscost.staffing import abandonment as ea
from cscost.staffing import erlang as ec
from cscost.staffing.queueing import metric_inputs


def service_levels(
    agents: npt.ArrayLike,
    volume: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    target_answer_s: npt.ArrayLike,
    *,
    patience_s: npt.ArrayLike | None = None,
    concurrency: npt.ArrayLike = 1.0,
) -> Array:
    """P(answered within the target) of ``agents`` under Erlang C, or Erlang A with
    ``patience_s``: 1 without traffic, 0 without agents (as ``queue_metrics``)."""
    shape, n, a, service, t, p = metric_inputs(
        agents, volume, interval_s, aht_s, target_answer_s, patience_s, concurrency
    )
    flat = [n, a, service, t] + ([] if p is None else [p])
    out = np.where(a > 0, 0.0, 1.0)
    idx = np.flatnonzero((a > 0) & (n > 0))
    if idx.size:
        rows, inverse = _distinct_rows([x[idx] for x in flat])
        nn, aa, ss, tt = rows[:4]
        if p is None:
            level = ec.erlang_c_service_level(ec.erlang_c(nn, aa), nn, aa, tt, ss)
        else:
            level = ea.erlang_a(nn, aa, ss, tt, rows[4]).answered_within
        out[idx] = level[inverse]
    result: Array = out.reshape(shape)
    return result


def _distinct_rows(columns: list[Array]) -> tuple[list[Array], npt.NDArray[np.intp]]:
    """The distinct rows of equal-length ``columns`` (as columns) and each row's index
    among them: one ``lexsort`` of the columns (a sort of row records is far slower)."""
    order = np.lexsort(columns[::-1])
    ordered = [c[order] for c in columns]
    new = np.ones(order.size, dtype=bool)
    new[1:] = np.logical_or.reduce([c[1:] != c[:-1] for c in ordered])
    inverse = np.empty(order.size, dtype=np.intp)
    inverse[order] = np.cumsum(new) - 1
    return [c[new] for c in ordered], inverse
