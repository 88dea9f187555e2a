"""The in-house team as a workforce, month by month: hired ahead, kept, and shrunk honestly.

Per in-house part (one team per queue part, at its tier's salary), with need[i] its FTE
from staffing, a = attrition / 12 (annual attrition, per month) and h[−1] the part's
start (its share of ``inhouse.existing_team``, else 0):

    kept[i]      = h[i−1] × (1 − a)                       (after the month's attrition)
    flex attrition (default):  h[i] = max(need[i], kept[i]),  released[i] = 0
    flex layoff:               h[i] = need[i],               released[i] = max(kept[i] − need[i], 0)
    hires[i]     = max(h[i] − kept[i], 0)     trained agents who join the floor in month i
    leavers[i]   = h[i−1] × a + released[i]
    idle[i]      = h[i] − need[i]  (≥ 0: headcount never falls below need)

Hires are trained before they are needed: with ℓ = training_weeks × 12/52 months, a hire
of month i is a paid, unproductive trainee over [i − ℓ, i); months before the horizon
are charged in month 0. trainees[j] = Σ_i hires[i] × |[j, j+1) ∩ [i − ℓ, i)| (FTE) and
training_weeks[j] = trainees[j] × 52/12. A hire is recruited when the training starts,
in month max(i − ⌈ℓ⌉, 0) (``recruits``).

With zero attrition and ``flex: attrition`` the headcount never falls. Arrays may be
[S, M] (one row per Monte Carlo sample); ``monthly_attrition`` broadcasts ([S, 1]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from cscost.arrays import Array

WEEKS_PER_MONTH = 52.0 / 12.0
"""A month holds 52 / 12 weeks."""


@dataclass(frozen=True)
class Workforce:
    """One in-house team's need, headcount and flows in each month (module docstring)."""

    need: Array
    headcount: Array
    hires: Array
    recruits: Array
    trainees: Array
    leavers: Array
    released: Array

    @property
    def idle(self) -> Array:
        """Headcount − need: paid agents the work does not need."""
        result: Array = self.headcount - self.need
        return result

    @property
    def training_weeks(self) -> Array:
        """Trainee weeks in each month = trainees × 52/12."""
        result: Array = self.trainees * WEEKS_PER_MONTH
        return result


def workforce(
    need: Array,
    start: float | Array,
    monthly_attrition: float | Array,
    *,
    flex: Literal["attrition", "layoff"] = "attrition",
    training_weeks: float = 0.0,
) -> Workforce:
    """The team that covers ``need`` (months on the last axis) from ``start`` headcount."""
    need = np.asarray(need, dtype=np.float64)
    months = need.shape[-1]
    rate = np.asarray(monthly_attrition, dtype=np.float64)
    if rate.ndim > need.ndim:  # one need, a rate per sample [S, 1]: a row per sample
        need = np.broadcast_to(need, (*rate.shape[:-1], months))
    previous = np.broadcast_to(np.asarray(start, dtype=np.float64), need[..., 0].shape)
    if rate.ndim == need.ndim:  # [S, 1] per sample: one rate per row
        rate = rate[..., 0]
    if need.ndim == 1 and rate.ndim == 0:  # one team: the same recurrence on floats
        heads, hires, leavers, released = _flows(
            need.tolist(), float(previous), float(rate), flex == "attrition"
        )
        trainees, recruits = _training(hires, training_weeks / WEEKS_PER_MONTH)
        return Workforce(need, heads, hires, recruits, trainees, leavers, released)
    heads, hires, leavers, released = _array_flows(need, previous, rate, flex == "attrition")
    trainees, recruits = _training(hires, training_weeks / WEEKS_PER_MONTH)
    return Workforce(need, heads, hires, recruits, trainees, leavers, released)


def _array_flows(
    need: Array, previous: Array, rate: Array, keep: bool
) -> tuple[Array, Array, Array, Array]:
    """(headcount, hires, leavers, released) of many teams (months last): the recurrence
    on month rows, each made contiguous ([M, …]: a month is one row), computed in place;
    the same operations on the same numbers as element by element."""
    rows = np.ascontiguousarray(np.moveaxis(need, -1, 0))
    heads, hires, leavers, released = (np.empty_like(rows) for _ in range(4))
    remain = 1.0 - rate
    kept, spare = np.empty(rows.shape[1:]), np.empty(rows.shape[1:])
    for i in range(rows.shape[0]):
        np.multiply(previous, remain, out=kept)  # kept = h[i−1] × (1 − a)
        head = heads[i]
        if keep:
            np.maximum(rows[i], kept, out=head)
        else:
            head[...] = rows[i]
        np.subtract(kept, head, out=spare)
        np.maximum(spare, 0.0, out=released[i])
        np.subtract(head, kept, out=spare)
        np.maximum(spare, 0.0, out=hires[i])
        np.multiply(previous, rate, out=spare)
        np.add(spare, released[i], out=leavers[i])
        previous = head
    heads, hires, leavers, released = (
        np.ascontiguousarray(np.moveaxis(a, 0, -1)) for a in (heads, hires, leavers, released)
    )
    return heads, hires, leavers, released


def _flows(
    need: list[float], previous: float, rate: float, keep: bool
) -> tuple[Array, Array, Array, Array]:
    """(headcount, hires, leavers, released) of one team: :func:`workforce`'s recurrence
    month by month on Python floats (IEEE doubles, so the same numbers as the arrays'),
    for the one-team case where array operations on single elements cost most."""
    heads: list[float] = []
    hires: list[float] = []
    leavers: list[float] = []
    released: list[float] = []
    for wanted in need:
        kept = previous * (1.0 - rate)
        head = (wanted if wanted >= kept else kept) if keep else wanted
        out = kept - head if kept - head > 0.0 else 0.0
        heads.append(head)
        hires.append(head - kept if head - kept > 0.0 else 0.0)
        released.append(out)
        leavers.append(previous * rate + out)
        previous = head
    return (
        np.array(heads, dtype=np.float64),
        np.array(hires, dtype=np.float64),
        np.array(leavers, dtype=np.float64),
        np.array(released, dtype=np.float64),
    )


def _training(hires: Array, lead_months: float) -> tuple[Array, Array]:
    """Trainee FTE per month and recruits per month for a training lead of ℓ months."""
    months = hires.shape[-1]
    if lead_months <= 0:
        return np.zeros_like(hires), hires.copy()
    trainees = np.zeros_like(hires)
    for k in range(1, math.ceil(lead_months) + 1):
        weight = min(1.0, lead_months - (k - 1))
        trainees[..., : max(months - k, 0)] += weight * hires[..., k:]
        trainees[..., 0] += weight * hires[..., : min(k, months)].sum(axis=-1)
    lead = math.ceil(lead_months)
    recruits = np.zeros_like(hires)
    recruits[..., : max(months - lead, 0)] += hires[..., lead:]
    recruits[..., 0] += hires[..., : min(lead, months)].sum(axis=-1)
    return trainees, recruits


def severance_per_fte(months_of_salary: float, monthly_salary: float) -> float:
    """Severance of one released agent FTE: months of salary × the monthly salary."""
    return months_of_salary * monthly_salary
