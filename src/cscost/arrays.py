"""The array types every module shares: numbers travel as numpy arrays with named axes.

``Array`` holds floats (volumes, hours, money), ``BoolArray`` masks (open intervals,
windows), ``IntArray`` indices and counts. Axes are named where each array is defined:
[M] months, [7, T] the typical week's intervals, [M, 7, T] a typical week per month,
[S, M] samples × months.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

__all__ = ["Array", "BoolArray", "IntArray"]
