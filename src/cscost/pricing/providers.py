"""One dispatch from a provider to its pricing: the in-house cost model or the vendor's quote.

Both the bill (:func:`option_priced_lines`, then rows) and Monte Carlo (usages [S, M],
FX and attrition per sample) go through :func:`provider_lines`, and an option's own
costs (:mod:`cscost.pricing.switching`) through :func:`option_priced_lines`, so a
provider and an option are priced by one rule.

Cost view and cash view: a vendor's ``tax`` line is recoverable when the vendor's
``tax_recoverable`` (default ``scenario.tax_recoverable``) is true. The cash view sums
every line; the cost view (totals, NPV, ranking, unit costs) leaves recoverable tax
out (:func:`is_recoverable`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cscost.arrays import Array
from cscost.model import INHOUSE, Option, Scenario
from cscost.pricing.bill import BillRow
from cscost.pricing.inhouse import inhouse_lines
from cscost.pricing.lines import Line, lines_to_rows
from cscost.pricing.quote import quote_lines
from cscost.pricing.surcharge import VOLUME_KINDS
from cscost.pricing.switching import OPTION_PROVIDER, TeamChange, switching_lines
from cscost.pricing.usage import Fx, PartUsage


def provider_lines(
    scenario: Scenario,
    provider: str,
    usages: Sequence[PartUsage],
    *,
    fx: Mapping[str, Fx] | None = None,
    attrition_factor: float | Array = 1.0,
    starts: Mapping[str, float] | None = None,
) -> list[Line]:
    """The priced lines of ``provider`` (``inhouse`` or a vendor id) for its ``usages``.

    ``fx`` defaults to the scenario's table; ``attrition_factor`` multiplies the in-house
    team's annual attrition (Monte Carlo passes one per sample, [S, 1]); ``starts`` are
    the in-house parts' start headcounts (default: :func:`cscost.pricing.inhouse.
    default_starts`).
    """
    horizon = scenario.horizon
    queues = {q.id: q for q in scenario.queues}
    currency = scenario.scenario.currency
    if provider == INHOUSE:
        if not usages:
            return []
        assert scenario.inhouse is not None  # validated: in-house work needs the section
        return inhouse_lines(
            scenario.inhouse,
            usages,
            queues=queues,
            horizon=horizon,
            currency=currency,
            attrition=scenario.inhouse_attrition * attrition_factor,
            starts=starts,
        )
    return quote_lines(
        scenario.vendor(provider),
        usages,
        queues=queues,
        horizon=horizon,
        currency=currency,
        fx=scenario.fx_table if fx is None else fx,
        rate_factor=scenario.rate_factor(provider),
    )


def option_priced_lines(
    scenario: Scenario,
    option: Option,
    usages: Mapping[str, Sequence[PartUsage]],
    change: TeamChange,
    *,
    fx: Mapping[str, Fx] | None = None,
    attrition_factor: float | Array = 1.0,
) -> list[tuple[str, list[Line]]]:
    """(provider, lines) of ``option``: each provider's pricing, then the option's own.

    ``usages[provider]`` are the provider's parts in order; the option's own costs, dual
    running and severance follow (providers ``*`` and ``inhouse``).
    """
    out: list[tuple[str, list[Line]]] = []
    vendor: list[Line] = []
    for provider, parts in usages.items():
        lines = provider_lines(
            scenario,
            provider,
            parts,
            fx=fx,
            attrition_factor=attrition_factor,
            starts=change.starts,
        )
        out.append((provider, lines))
        if provider != INHOUSE:
            vendor += lines
    extra = switching_lines(
        scenario, option, change, vendor, scenario.inhouse_attrition * attrition_factor
    )
    for provider in dict.fromkeys(p for p, _ in extra):
        out.append((provider, [ln for p, ln in extra if p == provider]))
    return out


def tax_recoverable(scenario: Scenario, provider: str) -> bool:
    """Whether ``provider``'s tax is recoverable (the vendor's flag, else the scenario's)."""
    if provider in (INHOUSE, OPTION_PROVIDER):
        return False
    own = scenario.vendor(provider).tax_recoverable
    return scenario.scenario.tax_recoverable if own is None else own


def prices_contacts(scenario: Scenario, provider: str) -> bool:
    """Whether ``provider``'s bill reads its parts' handled contacts: a vendor with a fee
    per contact, minute or resolution (their tiers and surcharges included). In-house
    pricing and the other kinds go by hours, FTE, seats, hires and months."""
    if provider in (INHOUSE, OPTION_PROVIDER):
        return False
    return any(fee.kind in VOLUME_KINDS for fee in scenario.vendor(provider).fees)


def is_recoverable(scenario: Scenario, provider: str, category: str) -> bool:
    """True for a recoverable tax line (category tax): out of the cost view, in the cash."""
    return category == "tax" and tax_recoverable(scenario, provider)


def priced_rows(
    scenario: Scenario, option: str, priced: Sequence[tuple[str, Sequence[Line]]]
) -> list[BillRow]:
    """The bill rows of priced lines, provider by provider, month by month."""
    rows: list[BillRow] = []
    for provider, lines in priced:
        rows += lines_to_rows(lines, option=option, provider=provider, horizon=scenario.horizon)
    return rows


def provider_rows(
    scenario: Scenario, option: str, provider: str, usages: Sequence[PartUsage]
) -> list[BillRow]:
    """The bill rows of ``provider`` in ``option``: :func:`provider_lines`, month by month."""
    lines = provider_lines(scenario, provider, usages)
    return lines_to_rows(lines, option=option, provider=provider, horizon=scenario.horizon)
