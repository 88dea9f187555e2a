"""The deferred response target check: can the target be met within opening hours?

A deferred queue (email, backoffice) answers at an even pace over its open intervals
(:mod:`cscost.staffing.deferred`); the share of its contacts answered within
``respond_within`` (:func:`cscost.staffing.deferred.reachable_share`) must reach the
target ``level``. This check runs once: at load for scenario files (the issues then
carry file:line:col) and in :func:`cscost.evaluate.evaluate` for scenarios built in
Python; both raise :class:`cscost.errors.InfeasibleTargetError`.
"""

from __future__ import annotations

from cscost.demand.assembly import arrival_pattern
from cscost.errors import InfeasibleTargetError, Issue
from cscost.model import Scenario
from cscost.staffing.deferred import reachable_share


def response_target_issues(scenario: Scenario) -> list[Issue]:
    """One issue per deferred queue whose response target cannot be met within its hours."""
    interval = scenario.scenario.interval_minutes
    issues = []
    for index, queue in enumerate(scenario.queues):
        target = queue.target
        if queue.real_time or target.respond_within_s is None:
            continue
        share = reachable_share(
            arrival_pattern(scenario, queue),
            scenario.open_mask(queue),
            interval,
            target.respond_within_s,
        )
        if share + 1e-12 < target.level:
            hours = target.respond_within_s / 3600
            issues.append(
                Issue(
                    f"queue {queue.id} opens {queue.hours}: at most {share:.1%} of its contacts "
                    f"can be answered within {hours:g} h, below the level {target.level:.0%}; "
                    "lengthen `respond_within`, lower `level` or widen `hours`",
                    path=f"queues[{index}].target",
                    found=f"respond_within {hours:g}h, level {target.level:g}",
                    expected=f"a level ≤ {share:.3f} or a longer time",
                )
            )
    return issues


def check_response_targets(scenario: Scenario) -> None:
    """Raise :class:`InfeasibleTargetError` with every unreachable response target."""
    issues = response_target_issues(scenario)
    if issues:
        raise InfeasibleTargetError(issues)
