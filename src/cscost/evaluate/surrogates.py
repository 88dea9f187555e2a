"""The options' parts with their staffing surrogates, and their costs at any multipliers.

Shared by Monte Carlo (:mod:`cscost.evaluate.montecarlo`: thousands of random futures)
and the what-if (:mod:`cscost.evaluate.whatif`: one future chosen on a slider). Both
staff every option's parts exactly once at the stated demand
(:func:`staffed_options`), build one staffing table per distinct part over the ranges
of multipliers they will ask for (:func:`part_models`, the surrogate of
:mod:`cscost.staffing.surrogate`), and then price every option on the looked-up usage
with the code that makes the bill (:func:`sampled_option_costs`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.demand.assembly import interval_volumes_by_queue, window_masks
from cscost.evaluate.parts import Part, Staffer, option_parts, service_params
from cscost.evaluate.repeats import repeat_factor
from cscost.evaluate.sampled import sampled_usage
from cscost.evaluate.sampling import Draws
from cscost.evaluate.switching import baseline_parts, team_change
from cscost.model import Option, Scenario
from cscost.model.resolved import QueueSettings
from cscost.pricing.lines import Line, summed_amount, total_amount
from cscost.pricing.providers import is_recoverable, option_priced_lines
from cscost.pricing.switching import TeamChange
from cscost.pricing.usage import Fx, PartUsage
from cscost.staffing.surrogate import StaffingTable, TableSpec, staffing_tables, table_digest

TableKey = tuple[str, str, bytes]
"""(queue id, provider, share bytes): parts with equal keys share one staffing table."""


@dataclass(frozen=True)
class PartModel:
    """One part of an option: its usage at the stated demand and its staffing table."""

    queue_id: str
    provider: str
    usage: PartUsage
    settings: QueueSettings
    table: StaffingTable


@dataclass(frozen=True)
class Ranges:
    """The least and largest multipliers asked for: volume per queue, AHT."""

    volume: Mapping[str, tuple[float, float]]
    aht: tuple[float, float]

    @staticmethod
    def of(draws: Draws) -> Ranges:
        """The ranges of one set of draws."""
        volume = {q: (float(v.min()), float(v.max())) for q, v in draws.volume.items()}
        return Ranges(volume, (float(draws.aht.min()), float(draws.aht.max())))

    def union(self, other: Ranges) -> Ranges:
        """The ranges covering both."""
        volume = {
            q: (min(lo, other.volume[q][0]), max(hi, other.volume[q][1]))
            for q, (lo, hi) in self.volume.items()
        }
        aht = (min(self.aht[0], other.aht[0]), max(self.aht[1], other.aht[1]))
        return Ranges(volume, aht)


@dataclass(frozen=True)
class StaffedOptions:
    """Every option's parts staffed exactly at the stated demand, and its team change."""

    options: tuple[Option, ...]
    parts: tuple[tuple[Part, ...], ...]
    changes: tuple[TeamChange, ...]
    baseline: tuple[Part, ...] | None = None
    """The all-in-house parts the existing team is measured against (None: not needed)."""


def staffed_options(
    scenario: Scenario, options: tuple[Option, ...], forecast_means: Mapping[str, Array]
) -> StaffedOptions:
    """The parts of ``options`` (one staffer: a part shared by options is solved once)."""
    volumes = interval_volumes_by_queue(scenario, forecast_means)
    windows = window_masks(scenario)
    factor = repeat_factor(scenario)  # the repeat-contact model, as evaluate applies it
    staffer = Staffer()
    baseline = baseline_parts(scenario, volumes, windows, factor, staffer)
    parts: list[tuple[Part, ...]] = []
    changes: list[TeamChange] = []
    for option in options:
        own = option_parts(
            scenario, option, volumes, windows, volume_factor=factor, staffer=staffer
        )
        changes.append(team_change(scenario, own, baseline))
        parts.append(tuple(own))
    return StaffedOptions(
        options, tuple(parts), tuple(changes), None if baseline is None else tuple(baseline)
    )


def part_models(
    scenario: Scenario,
    groups: Sequence[Sequence[Part]],
    ranges: Ranges,
    tables: dict[TableKey, StaffingTable],
) -> tuple[tuple[PartModel, ...], ...]:
    """Each group's parts (an option's) with a staffing table over ``ranges``; ``tables``
    (filled here) holds one table per distinct queue, provider and share (the same object
    for equal tables of one queue: :func:`~cscost.staffing.surrogate.table_digest`). The tables not
    yet in ``tables`` are made together (:func:`cscost.staffing.surrogate.staffing_tables`:
    one bisection for all their thresholds)."""
    horizon = scenario.horizon
    interval = scenario.scenario.interval_minutes
    specs: dict[TableKey, TableSpec] = {}
    for parts in groups:
        for part in parts:
            key = (part.queue_id, part.provider, part.share.tobytes())
            if key not in tables and key not in specs:
                settings = scenario.queue_settings(part.queue_id, part.provider)
                specs[key] = TableSpec(
                    part.plan,
                    horizon.weekday_counts,
                    part.share > 0,
                    interval,
                    service_params(settings, horizon.months),
                    ranges.volume[part.queue_id],
                    ranges.aht,
                )
    made = staffing_tables(list(specs.values()))
    shared: dict[tuple[str, bytes], StaffingTable] = {}
    for key, table in zip(specs, made, strict=True):
        # equal tables of one queue (two providers, the same service): one object, so
        # its breakpoints are sorted and its lookups made once (caches key on identity)
        tables[key] = shared.setdefault((key[0], table_digest(table)), table)
    out: list[tuple[PartModel, ...]] = []
    for parts in groups:
        models: list[PartModel] = []
        for part in parts:
            settings = scenario.queue_settings(part.queue_id, part.provider)
            key = (part.queue_id, part.provider, part.share.tobytes())
            models.append(
                PartModel(part.queue_id, part.provider, part.usage, settings, tables[key])
            )
        out.append(tuple(models))
    return tuple(out)


UsageCache = dict[tuple[int, int], PartUsage]
"""Sampled usages by (table, stated usage) identity: a part shared by options, made once."""


def sampled_usages(
    models: Sequence[PartModel],
    draws: Draws,
    staffing: dict[int, tuple[Array, Array]],
    usages: UsageCache | None = None,
) -> list[tuple[str, PartUsage]]:
    """(provider, usage [S, M]) of each part in every sample; ``staffing`` caches each
    table's lookup for these draws (a part shared by options is looked up once), and
    ``usages``, when given, each part's sampled usage (made once for all options)."""
    out: list[tuple[str, PartUsage]] = []
    for m in models:
        key = (id(m.table), id(m.usage))
        if usages is not None and key in usages:
            out.append((m.provider, usages[key]))
            continue
        volume = draws.volume[m.queue_id]
        if id(m.table) not in staffing:
            staffing[id(m.table)] = m.table.lookup(volume, draws.aht)
        usage = sampled_usage(
            m.usage, m.settings, staffing[id(m.table)], volume, draws.aht, draws.attrition
        )
        if usages is not None:
            usages[key] = usage
        out.append((m.provider, usage))
    return out


def priced_sample_costs(
    scenario: Scenario,
    option: Option,
    change: TeamChange,
    usages: Sequence[tuple[str, PartUsage]],
    draws: Draws,
) -> tuple[Array, Array]:
    """Monthly cost [S, M] and minimum shortfall [S] of one option on sampled usages.

    FX is ``scenario.fx_table`` × the draws' multipliers.
    """
    months = scenario.horizon.months
    fx: dict[str, Fx] = {
        code: rate * draws.fx[code][:, None] for code, rate in scenario.fx_table.items()
    }
    by_provider: dict[str, list[PartUsage]] = {}
    for provider, usage in usages:
        by_provider.setdefault(provider, []).append(usage)
    priced = option_priced_lines(
        scenario, option, by_provider, change, fx=fx, attrition_factor=draws.attrition[:, None]
    )
    lines: list[Line] = [
        ln
        for provider, provider_lines in priced
        for ln in provider_lines
        if not is_recoverable(scenario, provider, ln.category)
    ]
    shape = (draws.samples, months)
    monthly = summed_amount(lines, shape)
    minimum = [ln for ln in lines if ln.kind == "minimum_monthly"]
    shortfall = np.broadcast_to(total_amount(minimum, months), shape).sum(axis=1)
    return monthly, shortfall


def sampled_option_costs(
    scenario: Scenario,
    option: Option,
    change: TeamChange,
    models: Sequence[PartModel],
    draws: Draws,
    staffing: dict[int, tuple[Array, Array]],
    usages: UsageCache | None = None,
) -> tuple[Array, Array]:
    """Monthly cost [S, M] and minimum shortfall [S] of one option in every sample, the
    existing team's ``change`` as at the stated demand (Monte Carlo); ``staffing`` and
    ``usages`` are the caches of :func:`sampled_usages`."""
    sampled = sampled_usages(models, draws, staffing, usages)
    return priced_sample_costs(scenario, option, change, sampled, draws)
