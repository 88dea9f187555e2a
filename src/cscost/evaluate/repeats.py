"""The repeat-contact model: unresolved contacts come back, so weak FCR makes more work.

With ``quality.repeat_contacts``, each contact not resolved at first contact comes back
once: a provider with FCR f handles (2 − f) contacts per customer issue. The queue's
volume is what the company sees today with its own FCR f₀ — the in-house team's
(``inhouse.kpis.fcr``, else the queue's ``fcr``) — so a part's volume is multiplied by
(2 − f) / (2 − f₀) before staffing (in-house, f = f₀: unchanged). A queue without f₀ is
left unchanged for every provider (never compared with a perfect in-house team) and
named by :func:`repeat_gaps`, so the report can say so.
"""

from __future__ import annotations

from collections.abc import Callable

from cscost.model import Scenario

VolumeFactor = Callable[[str, str], float]


def contacts_per_issue(fcr: float) -> float:
    """Contacts handled per customer issue at first-contact resolution f: 2 − f."""
    return 2.0 - fcr


def repeat_factor(scenario: Scenario) -> VolumeFactor | None:
    """(queue, provider) → (2 − f) / (2 − f₀) when ``quality.repeat_contacts``, else None."""
    if not scenario.quality.repeat_contacts:
        return None

    def factor(queue_id: str, provider: str) -> float:
        fcr = scenario.queue_settings(queue_id, provider).fcr
        base = baseline_fcr(scenario, queue_id)
        if fcr is None or base is None:
            return 1.0
        return contacts_per_issue(fcr) / contacts_per_issue(base)

    return factor


def baseline_fcr(scenario: Scenario, queue_id: str) -> float | None:
    """f₀: the in-house FCR (``inhouse.kpis.fcr``), else the queue's ``fcr``, else None."""
    own = scenario.inhouse.kpis.fcr if scenario.inhouse is not None else None
    return own if own is not None else scenario.queue(queue_id).fcr


def repeat_gaps(scenario: Scenario) -> tuple[str, ...]:
    """Queues the repeat-contact model leaves unchanged for want of an in-house FCR."""
    if not scenario.quality.repeat_contacts:
        return ()
    return tuple(q for q in scenario.queue_ids if baseline_fcr(scenario, q) is None)
