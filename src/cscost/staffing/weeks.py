"""The typical weeks of a part as one shape per group of months (for the staffing surrogate).

A month's typical week is its week volume W[i] times a shape s[d, t] (summing to 1) that
does not depend on the month (weekday weights, intraday profile and the part's share are
fixed); months whose shapes differ by more than ``SHAPE_RTOL`` (relative), or whose AHT
differs, get a group of their own. Days with the same shape in every group and the same
open intervals form one day class.
"""

from __future__ import annotations

import numpy as np

from cscost.arrays import Array, BoolArray, IntArray

SHAPE_RTOL = 1e-9
"""Months whose normalised weeks differ by less than this (relative) share one shape."""


def week_shapes(
    interval_volume: Array, aht_s: Array
) -> tuple[Array, Array, IntArray, Array, BoolArray]:
    """Week volumes W [M], distinct (shape, AHT) groups and each month's group.

    Returns W, shapes [G, 7, T] (each summing to 1, or all 0), their AHTs [G], the group
    of each month [M] and the months without volume [M].
    """
    week = interval_volume.sum(axis=(1, 2))
    empty: BoolArray = np.asarray(week <= 0)
    shapes: list[Array] = []
    ahts: list[float] = []
    group = np.zeros(week.size, dtype=np.intp)
    for m in range(week.size):
        shape = np.zeros_like(interval_volume[m]) if empty[m] else interval_volume[m] / week[m]
        for g, (known, aht) in enumerate(zip(shapes, ahts, strict=True)):
            if aht == aht_s[m] and np.allclose(shape, known, rtol=SHAPE_RTOL, atol=0.0):
                group[m] = g
                break
        else:
            group[m] = len(shapes)
            shapes.append(shape)
            ahts.append(float(aht_s[m]))
    filler = float(week[~empty].max()) if (~empty).any() else 1.0
    return np.where(empty, filler, week), np.stack(shapes), group, np.asarray(ahts), empty


def day_classes(shapes: Array, open_mask: BoolArray) -> IntArray:
    """Class of each day type [D]: days with the same shape (in every group) and hours share one."""
    keys: dict[bytes, int] = {}
    days = open_mask.shape[0]
    out = np.zeros(days, dtype=np.intp)
    for d in range(days):
        key = shapes[:, d, :].tobytes() + open_mask[d].tobytes()
        out[d] = keys.setdefault(key, len(keys))
    return out
