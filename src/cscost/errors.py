"""The one exception tree of cscost.

Every error a user can cause derives from :class:`CscostError`; the CLI turns
each into a one-paragraph message and exit code 2, never a traceback.

    CscostError
    ├── ArgumentError              a bad argument to a library function (NaN, out of range)
    ├── LocatedError               one or more located issues (file:line:col, field path)
    │   ├── ScenarioError          a scenario file that does not validate
    │   │   └── InfeasibleTargetError  a response target unreachable within opening hours
    │   └── InputFileError         an input table (CSV, XLSX) with a bad row or cell
    ├── ForecastError              a history that cannot be forecast (too short, no fit)
    └── QuoteError                 a quote that cannot be priced (currency without FX, ...)

A queue-hour that no provider of an option covers is a :class:`ScenarioError` (the
model's option checks find it).
"""

from __future__ import annotations

from dataclasses import dataclass


class CscostError(Exception):
    """Base of every error cscost reports to a user."""


class ArgumentError(CscostError, ValueError):
    """A library function got an argument outside its domain."""


@dataclass(frozen=True)
class Issue:
    """One located problem in an input: where, which field, what was found and expected."""

    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    found: str = ""
    expected: str = ""

    def location(self) -> str:
        """``file:line:col`` as far as it is known."""
        parts = [self.file] if self.file else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        head = ": ".join(p for p in (self.location(), self.path) if p)
        text = f"{head}: {self.message}" if head else self.message
        if self.found:
            text += f" (found {self.found}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return text


class LocatedError(CscostError):
    """An error made of one or more located :class:`Issue` s, all reported together."""

    def __init__(self, issues: list[Issue] | Issue) -> None:
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


class ScenarioError(LocatedError):
    """A scenario file that cannot be read or does not validate."""


class InputFileError(LocatedError):
    """An input table (CSV, XLSX) with a bad row, column or cell."""


class InfeasibleTargetError(ScenarioError):
    """A response target that opening hours cannot reach; each issue names the input to change.

    Raised at load (issues located in the file) and by ``evaluate`` for scenarios built
    in Python (issues with field paths).
    """


class ForecastError(CscostError):
    """A history that cannot be forecast: too short, or no model fits it."""


class QuoteError(CscostError):
    """A quote that cannot be priced as written."""
