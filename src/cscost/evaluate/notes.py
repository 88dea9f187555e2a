"""Notes on an evaluation: inputs the model used but a planner should look at again.

Codes with their subject (the report words them):

- ``repeat_contacts_without_inhouse_fcr`` (queue): the repeat-contact model has no
  in-house FCR to compare with, so the queue's volumes stay as they are;
- ``shrinkage_above_limit`` (queue / provider): shrinkage above :data:`SHRINKAGE_LIMIT`
  (more than 60 % of paid time away from contacts) is allowed but rarely real.
"""

from __future__ import annotations

from cscost.evaluate.repeats import repeat_gaps
from cscost.model import Scenario

SHRINKAGE_LIMIT = 0.6
"""Shrinkage above this is noted (typical contact centres: 0.25–0.40)."""


def evaluation_notes(scenario: Scenario) -> tuple[tuple[str, str], ...]:
    """(code, subject) of every note on ``scenario`` (module docstring)."""
    notes = [("repeat_contacts_without_inhouse_fcr", q) for q in repeat_gaps(scenario)]
    seen: set[tuple[str, str]] = set()
    for option in scenario.resolved_options():
        for queue_id in scenario.queue_ids:
            for part in option.parts(queue_id):
                key = (queue_id, part.provider)
                if key in seen:
                    continue
                seen.add(key)
                if scenario.queue_settings(queue_id, part.provider).shrinkage > SHRINKAGE_LIMIT:
                    notes.append(("shrinkage_above_limit", f"{queue_id} / {part.provider}"))
    return tuple(notes)
