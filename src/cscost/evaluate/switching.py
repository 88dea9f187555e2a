"""What each option does to the existing in-house team: kept, released, or running on.

The existing team is ``inhouse.existing_team`` agent FTE: a number E is split over the
queues by their first month's need in the all-in-house staffing (the *baseline*),
E_q = E × B_q / Σ B (equal shares when Σ B = 0); ``true`` is each queue's own first
month's need, E_q = B_q; false, 0. In an option with in-house need N_q in its first
month (the sum over the queue's in-house parts):

    kept[q]     = E_q × min(1, N_q / B_q)      (E_q when B_q = 0 and N_q > 0)
    start[p]    = kept[q] × N_p / N_q           for each in-house part p of q
    released[q] = E_q − kept[q]                 (severance, :mod:`cscost.pricing.switching`)

A queue with no in-house part *leaves*; its baseline part runs on during the option's
``transition.months`` (dual running), from E_q. The baseline is staffed only when the
scenario has an existing team or an option with a transition; otherwise nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from cscost.arrays import Array, BoolArray
from cscost.evaluate.parts import Part, Staffer, option_parts
from cscost.model import INHOUSE, Option, Scenario
from cscost.pricing.switching import TeamChange
from cscost.pricing.usage import PartUsage

BASELINE = Option(name="in-house baseline", description="every queue in-house")
"""The all-in-house option the existing team is measured against."""


def needs_baseline(scenario: Scenario) -> bool:
    """True when an existing team or a dual running makes the baseline matter."""
    if scenario.inhouse is None:
        return False
    team = scenario.inhouse.existing_team
    has_team = team is True or (team is not False and float(team) > 0)
    transition = any(
        o.transition is not None and o.transition.months > 0 for o in scenario.resolved_options()
    )
    return has_team or transition


def baseline_parts(
    scenario: Scenario,
    volumes: Mapping[str, Array],
    windows: Mapping[str, BoolArray],
    volume_factor: Callable[[str, str], float] | None = None,
    staffer: Staffer | None = None,
    queue_ids: Collection[str] | None = None,
) -> list[Part] | None:
    """Every queue (of ``queue_ids``, when given) staffed in-house (None when
    :func:`needs_baseline` is false)."""
    if not needs_baseline(scenario):
        return None
    return option_parts(
        scenario,
        BASELINE,
        volumes,
        windows,
        volume_factor=volume_factor,
        staffer=staffer,
        queue_ids=queue_ids,
    )


def _first_fte(usage: PartUsage) -> float:
    """FTE of the first month (of the first sample, for a usage of one sample [1, M])."""
    return float(np.asarray(usage.fte).reshape(-1, np.shape(usage.fte)[-1])[0, 0])


def existing_by_queue(scenario: Scenario, baseline: Sequence[PartUsage]) -> dict[str, float]:
    """E_q: the existing team's FTE of each queue (module docstring)."""
    assert scenario.inhouse is not None
    team = scenario.inhouse.existing_team
    need = {u.queue_id: _first_fte(u) for u in baseline}
    if team is True:
        return need
    if team is False or float(team) == 0.0:
        return dict.fromkeys(need, 0.0)
    total = sum(need.values())
    if total <= 0:
        return dict.fromkeys(need, float(team) / len(need))
    return {q: float(team) * b / total for q, b in need.items()}


def team_change(
    scenario: Scenario, parts: Sequence[Part], baseline: Sequence[Part] | None
) -> TeamChange:
    """Start headcounts, released FTE and leaving queues of one option (module docstring)."""
    return usage_team_change(
        scenario,
        [(p.provider, p.usage) for p in parts],
        None if baseline is None else [p.usage for p in baseline],
    )


def usage_team_change(
    scenario: Scenario,
    parts: Sequence[tuple[str, PartUsage]],
    baseline: Sequence[PartUsage] | None,
) -> TeamChange:
    """:func:`team_change` from the parts' (provider, usage) and the baseline's usages
    (the what-if passes usages of one sample, [1, M]: its first month is read)."""
    if baseline is None or scenario.inhouse is None:
        return TeamChange()
    existing = existing_by_queue(scenario, baseline)
    base_need = {u.queue_id: _first_fte(u) for u in baseline}
    starts: dict[str, float] = {}
    released: dict[str, float] = {}
    leaving: list[PartUsage] = []
    for queue_id, team in existing.items():
        own = [u for provider, u in parts if u.queue_id == queue_id and provider == INHOUSE]
        need = sum(_first_fte(u) for u in own)
        b = base_need[queue_id]
        kept = (team * min(1.0, need / b) if b > 0 else team) if own else 0.0
        for u in own:
            share = _first_fte(u) / need if need > 0 else 1.0 / len(own)
            starts[u.label] = kept * share
        released[queue_id] = team - kept
        if not own:
            leaving += [u for u in baseline if u.queue_id == queue_id]
    return TeamChange(
        starts=starts,
        released=released,
        leaving=tuple(leaving),
        leaving_starts={u.label: existing[u.queue_id] for u in leaving},
    )
