"""The one exception tree of cscost.

Every error a user can cause derives from :class:`CscostError`; the CLI turns
each into a one-paragraph message and exit code 2, never a traceback.

    CscostError
    ├── ArgumentError          a bad argument to a library function (NaN, out of range)
    ├── ScenarioError          a scenario file that does not validate (located issues)
    ├── InputFileError         an input table (CSV, XLSX) with a bad row or cell
    ├── InfeasibleTargetError  a target that no staffing can reach within opening hours
    ├── CoverageError          a queue-hour that no provider in an option covers
    └── QuoteError             a quote that cannot be priced (currency without FX, ...)
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


class InfeasibleTargetError(CscostError):
    """A service target that no staffing can reach; the message names the input to change."""


class CoverageError(CscostError):
    """A queue-hour that no provider of an option covers."""


class QuoteError(CscostError):
    """A quote that cannot be priced as written."""
