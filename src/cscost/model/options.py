"""Options: sourcing plans that give each queue to providers, whole, by hours or by share.

A queue an option does not mention stays in-house. A queue's assignment is a provider
id (``vendor-a`` or the reserved ``inhouse``) or a list of parts. Part p covers hours
H_p: its ``hours`` (a window name or hours text), or — without ``hours`` — the
queue's open hours not covered by any part that states ``hours``. It takes ``share``
(default 1) of the volume in those hours. In every open interval of the queue the
shares of the parts covering it must add up to exactly 1.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from cscost.model.base import Contract, Identifier
from cscost.model.switching import OptionCost, Transition

INHOUSE = "inhouse"
"""The reserved provider id of the company's own team."""


class AssignPart(Contract):
    """One provider's part of a queue."""

    provider: Identifier
    """A vendor id, or `inhouse`."""
    hours: str | None = Field(default=None, min_length=1)
    """Hours this part covers: a window name (night, weekend, …) or hours text."""
    share: float | None = Field(default=None, gt=0, le=1)
    """Share of the volume in its hours (default 1)."""

    @property
    def share_or_whole(self) -> float:
        """``share``, or 1 when omitted."""
        return 1.0 if self.share is None else self.share


class Option(Contract):
    """A sourcing plan: which provider handles which queue."""

    name: str = Field(min_length=1)
    """Unique display name."""
    description: str | None = None
    """Free text shown in reports."""
    assign: dict[Identifier, tuple[AssignPart, ...]] = Field(default_factory=dict)
    """Queue id → provider id, or a list of parts; unmentioned queues stay in-house."""
    costs: tuple[OptionCost, ...] = ()
    """The option's own cost lines (vendor management, governance, transition project)."""
    transition: Transition | None = None
    """Dual running of the queues that leave in-house (none: the vendor starts alone)."""

    @field_validator("assign", mode="before")
    @classmethod
    def _whole_queues(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {q: ([{"provider": p}] if isinstance(p, str) else p) for q, p in value.items()}
        return value

    def parts(self, queue_id: str) -> tuple[AssignPart, ...]:
        """The parts of ``queue_id`` (in-house as a whole when the option omits it)."""
        return self.assign.get(queue_id, (AssignPart(provider=INHOUSE),))

    def providers(self) -> tuple[str, ...]:
        """Provider ids used explicitly, in first-use order."""
        seen: dict[str, None] = {}
        for parts in self.assign.values():
            for part in parts:
                seen.setdefault(part.provider, None)
        return tuple(seen)
