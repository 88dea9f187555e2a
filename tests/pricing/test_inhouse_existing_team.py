"""An in-house team already in place does not hire itself again in the first month."""

from __future__ import annotations

import numpy as np
import pytest

from cscost.pricing.usage import hires_by_month


def test_hires_of_a_new_and_of_an_existing_team() -> None:
    """FTE 10, 12, 11 at 24 %/yr attrition (2 % a month).

    New team: 10 + 0.2, (12 − 10) + 0.24, 0 + 0.22. Existing team: 0 + 0.2 in month 0.
    """
    fte = np.array([10.0, 12.0, 11.0])
    assert hires_by_month(fte, 0.24) == pytest.approx([10.2, 2.24, 0.22])
    assert hires_by_month(fte, 0.24, team_exists=True) == pytest.approx([0.2, 2.24, 0.22])
    samples = np.array([[10.0, 12.0], [20.0, 18.0]])  # [S, M]
    assert hires_by_month(samples, 0.0, team_exists=True).tolist() == [[0.0, 2.0], [0.0, 0.0]]
