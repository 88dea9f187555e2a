"""The repeat-contact model: unresolved contacts come back, so weak FCR makes more work.

With ``quality.repeat_contacts``, each contact not resolved at first contact comes back
once: a provider with FCR f handles (2 − f) contacts per customer issue. The queue's
volume is what the company sees today with its own FCR f₀, so a part's volume is
multiplied by (2 − f) / (2 − f₀) before staffing (in-house, f = f₀: unchanged).
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
        if fcr is None:
            return 1.0
        base = scenario.queue(queue_id).fcr
        return contacts_per_issue(fcr) / contacts_per_issue(1.0 if base is None else base)

    return factor
