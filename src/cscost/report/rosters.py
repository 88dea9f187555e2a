"""What the rosters of an evaluation show: per rostered part, its hours and efficiency.

A part is rostered when its provider has shift templates (``schedule``): its productive
hours are then the rostered ones (:mod:`cscost.staffing.rostered`). For the report:

- one row per rostered part of every option: Erlang productive hours (what the
  requirement alone needs), rostered productive hours, schedule efficiency = Erlang ÷
  rostered hours over the horizon, and the largest optimality gap of its months;
- the part to chart: the busiest rostered part of the best-ranked option that has one,
  in the month of its most FTE (required against available agents over the week).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]

from cscost.report.i18n import Lang
from cscost.report.tables import ranked
from cscost.report.xlsx_sheets import Formats, header_row, number_cell
from cscost.staffing.rostered import RosteredPlan

if TYPE_CHECKING:
    from cscost.evaluate.evaluation import Evaluation
    from cscost.evaluate.parts import Part


@dataclass(frozen=True)
class RosterRow:
    """One rostered part of one option, over the horizon."""

    option: str
    part: str
    provider: str
    erlang_hours: float
    rostered_hours: float
    worst_gap: float

    @property
    def efficiency(self) -> float:
        """Erlang ÷ rostered productive hours (1 = the roster adds no hour)."""
        return self.erlang_hours / self.rostered_hours if self.rostered_hours > 0 else 1.0


def roster_rows(evaluation: Evaluation) -> list[RosterRow]:
    """Every rostered part of every option, options in rank order."""
    rows = []
    for option in ranked(evaluation):
        for part in option.parts:
            plan = part.plan
            if not isinstance(plan, RosteredPlan) or plan.erlang_productive_hours is None:
                continue
            rows.append(
                RosterRow(
                    option.name,
                    part.usage.label,
                    part.provider,
                    float(plan.erlang_productive_hours.sum()),
                    float(plan.productive_hours.sum()),
                    float(plan.gap.max(initial=0.0)),
                )
            )
    return rows


def charted_part(evaluation: Evaluation) -> tuple[Part, int] | None:
    """The busiest rostered part of the best-ranked option with one, and its peak month."""
    for option in ranked(evaluation):
        rostered = [p for p in option.parts if isinstance(p.plan, RosteredPlan)]
        if rostered:
            part = max(rostered, key=lambda p: float(p.plan.fte.sum()))
            return part, int(np.argmax(part.plan.fte))
    return None


def roster_sheet(book: Workbook, name: str, evaluation: Evaluation, lang: Lang, f: Formats) -> None:
    """The Rosters sheet: one row per rostered part (:func:`roster_rows`)."""
    _ = lang.gettext
    sheet = book.add_worksheet(name)
    header_row(
        sheet,
        [
            _("Option"),
            _("Part"),
            _("Provider"),
            _("Erlang productive hours"),
            _("Rostered productive hours"),
            _("Schedule efficiency"),
            _("Largest optimality gap"),
        ],
        f.header,
    )
    for row, r in enumerate(roster_rows(evaluation), start=1):
        sheet.write_string(row, 0, r.option)
        sheet.write_string(row, 1, r.part)
        sheet.write_string(row, 2, r.provider)
        number_cell(sheet, row, 3, r.erlang_hours, f.integer)
        number_cell(sheet, row, 4, r.rostered_hours, f.integer)
        number_cell(sheet, row, 5, r.efficiency, f.percent)
        number_cell(sheet, row, 6, r.worst_gap, f.percent)
    sheet.set_column(0, 2, 24)
    sheet.set_column(3, 6, 16)
