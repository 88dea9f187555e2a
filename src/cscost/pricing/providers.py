"""One dispatch from a provider to its pricing: the in-house cost model or the vendor's quote.

Both the bill (:func:`provider_rows`) and Monte Carlo (usages [S, M], FX and attrition
per sample) go through :func:`provider_lines`, so a provider is priced by one rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cscost.arrays import Array
from cscost.model import INHOUSE, Scenario
from cscost.pricing.bill import BillRow
from cscost.pricing.inhouse import inhouse_lines
from cscost.pricing.lines import Line, lines_to_rows
from cscost.pricing.quote import quote_lines
from cscost.pricing.usage import Fx, PartUsage


def provider_lines(
    scenario: Scenario,
    provider: str,
    usages: Sequence[PartUsage],
    *,
    fx: Mapping[str, Fx] | None = None,
    attrition_factor: float | Array = 1.0,
) -> list[Line]:
    """The priced lines of ``provider`` (``inhouse`` or a vendor id) for its ``usages``.

    ``fx`` defaults to the scenario's table; ``attrition_factor`` multiplies the in-house
    team's annual attrition (Monte Carlo passes one per sample, [S, 1]).
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
        )
    return quote_lines(
        scenario.vendor(provider),
        usages,
        queues=queues,
        horizon=horizon,
        currency=currency,
        fx=scenario.scenario.fx if fx is None else fx,
    )


def provider_rows(
    scenario: Scenario, option: str, provider: str, usages: Sequence[PartUsage]
) -> list[BillRow]:
    """The bill rows of ``provider`` in ``option``: :func:`provider_lines`, month by month."""
    lines = provider_lines(scenario, provider, usages)
    return lines_to_rows(lines, option=option, provider=provider, horizon=scenario.horizon)
