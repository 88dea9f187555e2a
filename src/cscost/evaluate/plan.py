"""The staffing plan of one provider: every queue as that provider would work it.

``cscost plan`` answers "what would it take?" before any option is priced: the whole
scenario staffed by one provider (``inhouse`` or a vendor id) with its own assumptions
(AHT, shrinkage, hours per FTE, ramp), one part per queue. For the in-house team each
part also has its workforce (:mod:`cscost.pricing.workforce`): need, headcount, hires,
trainees, leavers and idle FTE, from its share of the existing team.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.errors import ArgumentError
from cscost.evaluate.parts import Part, Staffer, option_parts
from cscost.evaluate.switching import team_change
from cscost.model import INHOUSE, Option, Scenario
from cscost.pricing.inhouse import default_starts, part_workforce
from cscost.pricing.workforce import Workforce
from cscost.staffing.rostered import roster_figures
from cscost.staffing.targets import check_response_targets


@dataclass(frozen=True)
class ProviderPlan:
    """Per queue and month, the staff one provider needs for the whole scenario."""

    provider: str
    months: tuple[str, ...]
    parts: tuple[Part, ...]
    teams: tuple[Workforce | None, ...] = ()
    """The in-house workforce of each part (None for a vendor's parts)."""

    def roster_figures(self) -> list[dict[str, Array]]:
        """Per part, its rostered figures per month (Erlang hours, efficiency, gap); {} each
        when no schedule applies (:func:`cscost.staffing.rostered.roster_figures`)."""
        return [roster_figures(p.plan) for p in self.parts]


def provider_option(scenario: Scenario, provider: str) -> Option:
    """The option that gives every queue to ``provider`` (an unknown vendor id is an error)."""
    if provider != INHOUSE:
        scenario.vendor(provider)  # names the known vendors if unknown
    return Option.model_validate(
        {"name": provider, "assign": dict.fromkeys(scenario.queue_ids, provider)}
    )


def provider_plan(
    scenario: Scenario, provider: str = INHOUSE, forecasts: Mapping[str, Array] | None = None
) -> ProviderPlan:
    """Every queue staffed by ``provider`` with its assumptions (module docstring)."""
    check_response_targets(scenario)
    volumes = interval_volumes_by_queue(scenario, forecasts)
    parts = option_parts(
        scenario,
        provider_option(scenario, provider),
        volumes,
        window_masks(scenario),
        staffer=Staffer(),
    )
    return ProviderPlan(
        provider, scenario.horizon.labels, tuple(parts), plan_teams(scenario, parts)
    )


def option_plan(
    scenario: Scenario, option_name: str, forecasts: Mapping[str, Array] | None = None
) -> ProviderPlan:
    """The parts of one option of ``scenario`` (by name), each staffed by its provider."""
    options = {o.name: o for o in scenario.resolved_options()}
    if option_name not in options:
        known = ", ".join(options) or "none"
        raise ArgumentError(f"no option {option_name!r}; options: {known}")
    check_response_targets(scenario)
    volumes = interval_volumes_by_queue(scenario, forecasts)
    parts = option_parts(
        scenario, options[option_name], volumes, window_masks(scenario), staffer=Staffer()
    )
    return ProviderPlan(
        option_name, scenario.horizon.labels, tuple(parts), plan_teams(scenario, parts)
    )


def plan_teams(scenario: Scenario, parts: list[Part]) -> tuple[Workforce | None, ...]:
    """The workforce of each in-house part, as the all-in-house option prices it."""
    inhouse = scenario.inhouse
    if inhouse is None or any(p.provider != INHOUSE for p in parts):
        return tuple(None for _ in parts)
    kept = team_change(scenario, parts, parts).starts
    starts: Mapping[str, float | Array] = (
        default_starts(inhouse, [p.usage for p in parts]) if kept is None else kept
    )
    attrition = scenario.inhouse_attrition
    return tuple(part_workforce(inhouse, p.usage, starts[p.usage.label], attrition) for p in parts)
