"""Cross-field rules of a scenario, each reported as an ``Issue`` with its field path.

Run by ``Scenario`` after every field validated. The rules:

- ids unique (queues, vendors, option names, fee names within a vendor); ``inhouse``
  is reserved; every reference resolves (options → queues and providers, fee filters
  → queues, tiers, languages; scope and assumptions → queues; surcharge ``on`` →
  fee kinds or names of the same vendor; windows);
- queues: real-time needs ``target.answer_within``, deferred ``target.respond_within``;
  ``asa`` and ``patience`` only real-time; concurrency > 1 only chat and messaging;
  ``volume.values`` has ``months`` values; ``pattern.intraday`` one weight per interval;
  hours aligned to the interval;
- money: every currency other than the scenario's has an ``fx`` rate;
- months given as YYYY-MM or index fall inside the horizon;
- options and in-house: see :mod:`cscost.model.checks_options`; workforce, switching
  costs and renewal: :mod:`cscost.model.checks_switching`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cscost.errors import Issue
from cscost.model.check_helpers import (
    Collector,
    check_aligned,
    check_month,
    check_window,
    listing,
    suggest,
)
from cscost.model.checks_options import check_inhouse, check_options
from cscost.model.checks_switching import check_switching
from cscost.model.fees import SURCHARGEABLE_KINDS, OneTimeFee, SurchargeFee
from cscost.model.options import INHOUSE
from cscost.model.paths import Loc

if TYPE_CHECKING:
    from cscost.model.fees import FeeBase
    from cscost.model.queues import Queue
    from cscost.model.scenario import Scenario
    from cscost.model.vendors import Vendor


def scenario_issues(scenario: Scenario) -> list[Issue]:
    """Every cross-field issue of ``scenario``, in file order of the sections."""
    out = Collector()
    _check_general(scenario, out)
    _check_unique(scenario, out)
    for i, queue in enumerate(scenario.queues):
        _check_queue(scenario, queue, ("queues", i), out)
    for j, vendor in enumerate(scenario.vendors):
        _check_vendor(scenario, vendor, ("vendors", j), out)
    check_inhouse(scenario, out)
    check_options(scenario, out)
    out.issues += _schedule_issues(scenario)
    check_switching(scenario, out)
    return out.issues


def _schedule_issues(scenario: Scenario) -> list[Issue]:
    """Shift templates off the interval grid, wherever a schedule is stated."""
    from cscost.model.schedule import Schedule, schedule_issues

    interval = scenario.scenario.interval_minutes
    found: list[tuple[Loc, Schedule | None]] = [
        (("workforce", "schedule"), scenario.workforce.schedule)
    ]
    if scenario.inhouse is not None:
        found.append((("inhouse", "schedule"), scenario.inhouse.schedule))
    found += [
        (("vendors", j, "assumptions", "schedule"), v.assumptions.schedule)
        for j, v in enumerate(scenario.vendors)
    ]
    issues: list[Issue] = []
    for loc, schedule in found:
        if schedule is not None:
            issues += schedule_issues(schedule, interval, loc)
    return issues


def _check_general(scenario: Scenario, out: Collector) -> None:
    info = scenario.scenario
    if info.currency in info.fx and info.fx[info.currency] != 1.0:
        out.add(
            ("scenario", "fx", info.currency),
            f"the scenario currency {info.currency} converts at 1 by definition",
            info.fx[info.currency],
            "1 or no entry",
        )
    for name, hours in info.windows.items():
        check_aligned(hours, info.interval_minutes, ("scenario", "windows", name), out)
    _check_adjustments(scenario, out)


def _check_adjustments(scenario: Scenario, out: Collector) -> None:
    """What-if FX of a currency without a rate, rates of an unknown vendor."""
    adjust = scenario.adjustments
    if adjust is None:
        return
    fx = scenario.scenario.fx
    for code in adjust.fx:
        if code not in fx:
            out.add(
                ("adjustments", "fx", code),
                f"no rate for {code} in scenario.fx to adjust",
                code,
                f"one of: {listing(fx)}",
            )
    vendors = [v.id for v in scenario.vendors]
    for vendor_id in adjust.rates:
        if vendor_id not in vendors:
            out.add(
                ("adjustments", "rates", vendor_id),
                f"unknown vendor `{vendor_id}`{suggest(vendor_id, vendors)}",
                vendor_id,
                f"one of: {listing(vendors)}",
            )


def _duplicates(items: list[str], loc_of: Loc, key: str, what: str, out: Collector) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item in seen:
            out.add((*loc_of, i, key), f"duplicate {what} `{item}` (also at index {seen[item]})")
        else:
            seen[item] = i


def _check_unique(scenario: Scenario, out: Collector) -> None:
    _duplicates([q.id for q in scenario.queues], ("queues",), "id", "queue id", out)
    _duplicates([v.id for v in scenario.vendors], ("vendors",), "id", "vendor id", out)
    for j, vendor in enumerate(scenario.vendors):
        if vendor.id == INHOUSE:
            out.add(("vendors", j, "id"), "`inhouse` is reserved for the in-house team")
        names = [f.name for f in vendor.fees]
        seen: dict[str, int] = {}
        for k, name in enumerate(names):
            if name is not None and name in seen:
                out.add(("vendors", j, "fees", k, "name"), f"duplicate fee name `{name}`")
            elif name is not None:
                seen[name] = k
    if scenario.options is not None:
        _duplicates([o.name for o in scenario.options], ("options",), "name", "option name", out)


# -- queues ------------------------------------------------------------------------------


def _check_queue(scenario: Scenario, queue: Queue, loc: Loc, out: Collector) -> None:
    interval = scenario.scenario.interval_minutes
    aligned = check_aligned(queue.hours, interval, (*loc, "hours"), out)
    _check_target(queue, loc, out)
    if queue.concurrency != 1 and queue.channel not in ("chat", "messaging"):
        out.add(
            (*loc, "concurrency"),
            f"concurrency applies to chat and messaging only, not {queue.channel}",
            queue.concurrency,
            "1 or no entry",
        )
    values = queue.volume.values
    months = scenario.scenario.months
    if values is not None and len(values) != months:
        out.add(
            (*loc, "volume", "values"),
            f"one volume per month of the horizon (scenario.months = {months})",
            f"{len(values)} values",
            f"{months} values",
        )
    if queue.pattern is not None and aligned:
        _check_pattern(scenario, queue, (*loc, "pattern"), out)
    if queue.holiday is not None:
        _check_holiday(scenario, queue, (*loc, "holiday"), out)
    _check_volume_size(scenario, queue, loc, out)


MAX_AGENT_HOURS = 1e9
"""A month's workload (volume × AHT) above this many agent-hours is an input error."""


def _check_volume_size(scenario: Scenario, queue: Queue, loc: Loc, out: Collector) -> None:
    """The busiest month's workload in agent-hours stays below :data:`MAX_AGENT_HOURS`."""
    volume = queue.volume
    if volume.values is not None:
        peak, where = max(volume.values, default=0.0), (*loc, "volume", "values")
    elif volume.monthly is not None:
        years = (scenario.scenario.months - 1) / 12.0
        growth = max(1.0, (1.0 + volume.growth) ** years)
        season = max(volume.seasonality or (1.0,))
        peak, where = volume.monthly * growth * season, (*loc, "volume", "monthly")
    else:
        return
    hours = peak * queue.aht_s / 3600.0
    if not np.isfinite(hours) or hours > MAX_AGENT_HOURS:
        out.add(
            where,
            f"the busiest month is {peak:.3g} contacts at AHT {queue.aht_s:g} s = {hours:.3g} "
            f"agent-hours, beyond what can be staffed (at most {MAX_AGENT_HOURS:.0e}); check "
            "the volume's unit",
            f"{peak:.3g}",
        )


def _check_target(queue: Queue, loc: Loc, out: Collector) -> None:
    target = queue.target
    if queue.real_time:
        if target.answer_within_s is None:
            out.add(
                (*loc, "target"),
                f"a {queue.channel} queue needs `answer_within` in its target (e.g. 20s)",
                "respond_within" if target.respond_within_s is not None else "",
                "{answer_within: 20s, level: 0.8}",
            )
        if target.respond_within_s is not None and target.answer_within_s:
            out.add(
                (*loc, "target", "respond_within"),
                f"`respond_within` is for email and backoffice, not {queue.channel}",
            )
        return
    if target.respond_within_s is None:
        out.add(
            (*loc, "target"),
            f"an {queue.channel} queue needs `respond_within` in its target (e.g. 24h)",
            "answer_within" if target.answer_within_s is not None else "",
            "{respond_within: 24h, level: 0.95}",
        )
    for key, value in (
        ("answer_within", target.answer_within_s),
        ("asa", target.max_asa_s),
    ):
        if value is not None and target.respond_within_s is not None:
            out.add((*loc, "target", key), f"`{key}` is for real-time queues, not {queue.channel}")
    if queue.patience_s is not None:
        out.add((*loc, "patience"), f"`patience` is for real-time queues, not {queue.channel}")


def _check_holiday(scenario: Scenario, queue: Queue, loc: Loc, out: Collector) -> None:
    assert queue.holiday is not None
    if scenario.scenario.holidays is None:
        out.add(
            loc,
            "a queue's holiday settings need the scenario's public holidays",
            "no scenario.holidays",
            "scenario.holidays: {country: CN} (or dates), or no queue holiday",
        )
    hours = queue.holiday.hours
    if hours is not None and hours != "closed":
        check_aligned(hours, scenario.scenario.interval_minutes, (*loc, "hours"), out)


def _check_pattern(scenario: Scenario, queue: Queue, loc: Loc, out: Collector) -> None:
    assert queue.pattern is not None
    per_day = scenario.scenario.intervals_per_day
    open_mask = queue.hours.open_mask(scenario.scenario.interval_minutes)
    open_days = open_mask.any(axis=1)
    weekdays = queue.pattern.weekdays
    if weekdays is not None and not np.any(np.asarray(weekdays)[open_days] > 0):
        out.add((*loc, "weekdays"), "the weights of the open days add up to 0", list(weekdays))
    intraday = queue.pattern.intraday
    if isinstance(intraday, str):
        return
    if len(intraday) != per_day:
        interval = scenario.scenario.interval_minutes
        out.add(
            (*loc, "intraday"),
            f"one weight per {interval}-minute interval of the day",
            f"{len(intraday)} values",
            f"{per_day} values, `flat` or `default`",
        )
    elif not np.any((open_mask * np.asarray(intraday)[None, :]).sum(axis=1)[open_days] > 0):
        out.add((*loc, "intraday"), "the weights of the open intervals add up to 0")


# -- vendors -----------------------------------------------------------------------------


def check_currency(scenario: Scenario, currency: str | None, loc: Loc, out: Collector) -> None:
    """Issue when ``currency`` is neither the scenario's nor in ``scenario.fx``."""
    info = scenario.scenario
    if currency is None or currency == info.currency or currency in info.fx:
        return
    out.add(
        loc,
        f"no exchange rate for {currency}; add `{currency}: <{info.currency} per {currency}>` "
        "to scenario.fx",
        currency,
        f"{info.currency} or one of: {listing(info.fx)}",
    )


def _check_vendor(scenario: Scenario, vendor: Vendor, loc: Loc, out: Collector) -> None:
    check_currency(scenario, vendor.currency, (*loc, "currency"), out)
    queue_ids = scenario.queue_ids
    for k, queue_id in enumerate(vendor.scope or ()):
        if queue_id not in queue_ids:
            out.add((*loc, "scope", k), f"unknown queue `{queue_id}`{suggest(queue_id, queue_ids)}")
    for queue_id in vendor.assumptions.aht_s:
        if queue_id not in queue_ids:
            out.add(
                (*loc, "assumptions", "aht", queue_id),
                f"unknown queue `{queue_id}`{suggest(queue_id, queue_ids)}",
            )
    for k, fee in enumerate(vendor.fees):
        _check_fee(scenario, vendor, fee, (*loc, "fees", k), out)


def _check_filter(loc: Loc, values: tuple[str, ...], known: tuple[str, ...], what: str,
                  out: Collector) -> None:  # fmt: skip
    for n, value in enumerate(values):
        if value not in known:
            out.add(
                (*loc, n),
                f"no queue has {what} `{value}`{suggest(value, known)}",
                value,
                listing(known),
            )


def _check_fee(scenario: Scenario, vendor: Vendor, fee: FeeBase, loc: Loc, out: Collector) -> None:
    queues = scenario.queues
    check_currency(scenario, fee.currency, (*loc, "currency"), out)
    _check_filter((*loc, "queues"), fee.queues, scenario.queue_ids, "id", out)
    _check_filter((*loc, "tiers"), fee.tiers, tuple(q.tier for q in queues), "tier", out)
    languages = tuple(q.language for q in queues)
    _check_filter((*loc, "languages"), fee.languages, languages, "language", out)
    for n, month in enumerate(fee.months):
        check_month(scenario, month, (*loc, "months", n), out)
    if isinstance(fee, OneTimeFee):
        check_month(scenario, fee.month, (*loc, "month"), out)
    filtered = fee.queues or fee.tiers or fee.languages or fee.channels
    if filtered and not any(fee.applies_to(q) for q in queues):
        out.add(loc, "the fee's filters (queues, tiers, languages, channels) match no queue")
    rate = getattr(fee, "rate", None)
    if isinstance(rate, dict):
        _check_rate_keys(scenario, rate, (*loc, "rate"), out)
    if isinstance(fee, SurchargeFee):
        _check_surcharge(scenario, vendor, fee, loc, out)


def _check_rate_keys(scenario: Scenario, rate: dict[str, float], loc: Loc, out: Collector) -> None:
    tiers = {q.tier for q in scenario.queues}
    languages = {q.language for q in scenario.queues}
    combos = {f"{q.tier}/{q.language}" for q in scenario.queues}
    known = tiers | languages | combos | {"*"}
    for key in rate:
        if key not in known:
            out.add(
                (*loc, key),
                f"`{key}` is not a tier, language or tier/language of any queue"
                f"{suggest(key, known)}",
                key,
                listing(known),
            )


def _check_surcharge(
    scenario: Scenario, vendor: Vendor, fee: SurchargeFee, loc: Loc, out: Collector
) -> None:
    if fee.window is not None:
        check_window(scenario, fee.window, (*loc, "window"), out, "22:00-06:00")
    kinds: set[str] = {f.kind for f in vendor.fees if f.kind in SURCHARGEABLE_KINDS}
    named: set[str] = {f.name for f in vendor.fees if f.name and f.kind in SURCHARGEABLE_KINDS}
    for n, target in enumerate(fee.on):
        if target not in kinds and target not in named:
            out.add(
                (*loc, "on", n),
                f"`{target}` is not a fee kind or fee name of vendor {vendor.id} that a "
                f"surcharge can apply to{suggest(target, kinds | named)}",
                target,
                listing(kinds | named),
            )
