"""Cross-field rules of options and the in-house section.

- every queue of every option (explicit or default) is fully covered: in each open
  interval the shares of the parts covering it add up to 1;
- providers exist, serve the queue (vendor ``scope``), and ``inhouse`` has a section;
- part hours are window names or hours text on the interval grid;
- a vendor rate table has a price for every queue the vendor serves under that fee;
- a ``per_resolution`` fee finds an FCR for every queue it charges;
- the in-house section prices every tier worked in-house; its months are in the horizon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cscost.model.check_helpers import (
    Collector,
    check_month,
    check_window,
    hours_aligned,
    listing,
    suggest,
)
from cscost.model.fees import PerContactFee, RatedFee
from cscost.model.hours import describe_intervals
from cscost.model.options import INHOUSE, AssignPart, Option
from cscost.model.paths import Loc

if TYPE_CHECKING:
    from cscost.model.queues import Queue
    from cscost.model.scenario import Scenario

_TOLERANCE = 1e-9


def check_options(scenario: Scenario, out: Collector) -> None:
    """Options as written, or the default options when there are none."""
    if scenario.options is None:
        _check_default_options(scenario, out)
        served = _served(scenario, scenario.resolved_options())
    else:
        served = set()
        for o, option in enumerate(scenario.options):
            if _check_option(scenario, option, ("options", o), out):
                served |= _served(scenario, (option,))
    _check_rates(scenario, served, out)


def _check_default_options(scenario: Scenario, out: Collector) -> None:
    if scenario.inhouse is not None:
        return
    # queues alone (no prices yet) are a valid scenario: `plan` staffs them, `template`
    # asks vendors for prices; `evaluate` says what it needs (cscost._api.evaluate)
    for j, vendor in enumerate(scenario.vendors):
        if vendor.scope is not None and set(scenario.queue_ids) - set(vendor.scope):
            rest = listing(set(scenario.queue_ids) - set(vendor.scope))
            out.add(
                ("vendors", j, "scope"),
                f"queues {rest} would stay in-house in this vendor's default option, but "
                "there is no `inhouse` section; add one or write `options`",
            )


def _served(scenario: Scenario, options: tuple[Option, ...]) -> set[tuple[str, str]]:
    """(provider, queue id) pairs with some volume in ``options``."""
    pairs: set[tuple[str, str]] = set()
    for option in options:
        for queue_id in scenario.queue_ids:
            pairs.update((part.provider, queue_id) for part in option.parts(queue_id))
    return pairs


def _check_option(scenario: Scenario, option: Option, loc: Loc, out: Collector) -> bool:
    """Check one explicit option; True when its parts are sound enough to price."""
    before = len(out.issues)
    queue_ids = scenario.queue_ids
    for queue_id, parts in option.assign.items():
        qloc = (*loc, "assign", queue_id)
        if queue_id not in queue_ids:
            out.add(qloc, f"unknown queue `{queue_id}`{suggest(queue_id, queue_ids)}", queue_id)
            continue
        whole = len(parts) == 1 and parts[0].hours is None and parts[0].share is None
        for p, part in enumerate(parts):
            ploc = qloc if whole else (*qloc, p)
            _check_part(scenario, queue_id, part, ploc, whole, out)
        if len(out.issues) == before and hours_aligned(scenario, scenario.queue(queue_id)):
            _check_coverage(scenario, scenario.queue(queue_id), option, qloc, out)
    left = [q for q in queue_ids if q not in option.assign]
    if left and scenario.inhouse is None:
        out.add(
            (*loc, "assign"),
            f"queues {listing(left)} are not assigned, so they stay in-house, but there is "
            "no `inhouse` section; assign them to a vendor or add `inhouse`",
        )
    return len(out.issues) == before


def _check_part(
    scenario: Scenario, queue_id: str, part: AssignPart, loc: Loc, whole: bool, out: Collector
) -> None:
    vendor_ids = tuple(v.id for v in scenario.vendors)
    provider_loc = loc if whole else (*loc, "provider")
    if part.provider == INHOUSE:
        if scenario.inhouse is None:
            out.add(provider_loc, "`inhouse` is used but the scenario has no `inhouse` section")
    elif part.provider not in vendor_ids:
        out.add(
            provider_loc,
            f"unknown provider `{part.provider}`{suggest(part.provider, vendor_ids)}",
            part.provider,
            f"inhouse or a vendor id: {listing(vendor_ids)}",
        )
    else:
        scope = scenario.vendor(part.provider).scope
        if scope is not None and queue_id not in scope:
            out.add(
                provider_loc,
                f"vendor `{part.provider}` does not quote for queue `{queue_id}` (its scope: "
                f"{listing(scope)})",
            )
    if part.hours is not None:
        check_window(scenario, part.hours, (*loc, "hours"), out, "22:00-08:00")


def _check_coverage(
    scenario: Scenario, queue: Queue, option: Option, loc: Loc, out: Collector
) -> None:
    interval = scenario.scenario.interval_minutes
    open_mask = scenario.open_mask(queue)
    total = sum(
        (ps.share for ps in scenario.assignment_shares(option, queue.id)),
        np.zeros(open_mask.shape),
    )
    for problem, bad in (
        ("is not fully covered (the parts' shares add up to less than 1)", total < 1 - _TOLERANCE),
        (
            "is covered more than once (the parts' shares add up to more than 1)",
            total > 1 + _TOLERANCE,
        ),
    ):
        bad &= open_mask
        if bad.any():
            day = int(np.flatnonzero(bad.any(axis=1))[0])
            found = float(total[day][bad[day]][0])
            run = bad[day] & np.isclose(total[day], found)
            when = describe_intervals(run, day, interval)
            out.add(loc, f"{when} of queue `{queue.id}` {problem}", f"{found:g}", "1")


def _check_rates(scenario: Scenario, served: set[tuple[str, str]], out: Collector) -> None:
    for j, vendor in enumerate(scenario.vendors):
        for k, fee in enumerate(vendor.fees):
            for queue in scenario.queues:
                if (vendor.id, queue.id) not in served or not fee.applies_to(queue):
                    continue
                loc = ("vendors", j, "fees", k)
                if (
                    isinstance(fee, RatedFee | PerContactFee)
                    and isinstance(fee.rate, dict)
                    and fee.rate_for(queue) is None
                ):
                    out.add(
                        (*loc, "rate"),
                        f"no rate for queue `{queue.id}` (tier {queue.tier}, language "
                        f"{queue.language}); add a key `{queue.tier}`, `{queue.language}` or `*`",
                    )
                if fee.kind == "per_resolution" and (
                    scenario.queue_settings(queue.id, vendor.id).fcr is None
                ):
                    out.add(
                        loc,
                        f"per_resolution needs an FCR for queue `{queue.id}`: set "
                        "kpis.fcr or assumptions.fcr of the vendor, or the queue's fcr",
                    )


def check_inhouse(scenario: Scenario, out: Collector) -> None:
    """In-house months in the horizon, and a cost for every tier worked in-house."""
    inhouse = scenario.inhouse
    if inhouse is None:
        return
    for k, item in enumerate(inhouse.one_time):
        check_month(scenario, item.month, ("inhouse", "one_time", k, "month"), out)
    options = scenario.resolved_options()
    costs = inhouse.agent_monthly_cost
    missing: dict[str, str] = {}
    for queue in scenario.queues:
        in_house = any(p.provider == INHOUSE for o in options for p in o.parts(queue.id))
        if in_house and queue.tier not in costs:
            missing.setdefault(queue.tier, queue.id)
    for tier, queue_id in missing.items():
        out.add(
            ("inhouse", "agent_monthly_cost"),
            f"no agent cost for tier `{tier}` (queue `{queue_id}` is worked in-house)"
            f"{suggest(tier, costs)}",
            listing(costs),
            f"a `{tier}` entry",
        )
