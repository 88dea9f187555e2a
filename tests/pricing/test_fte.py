"""per_fte_month: billed FTE = max(computed FTE, committed_fte), rounded, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from cscost.pricing import billed_fte

from .helpers import one, part, queue, quote, vendor

VOICE = queue("voice-zh", "voice", "zh", "general")
SENIOR = queue("voice-en", "voice", "en", "senior")


def _fte_fee(**extra: object) -> dict[str, object]:
    return {"kind": "per_fte_month", "rate": {"general": 13800, "senior": 18000}, **extra}


def test_ceil_of_21_over_0_7_is_30_not_31() -> None:
    """21 / 0.7 is 30.000000000000004 in floats; billed FTE ⌈30⌉ = 30 → 30 × 13,800."""
    fte = 21 / 0.7
    assert fte > 30  # the float noise the rounding must forgive
    row = one(quote(vendor([_fte_fee(rounding="ceil")]), [part(VOICE, 1, fte=fte)], [VOICE], 1))
    assert row.quantity == 30
    assert row.amount == 30 * 13800


def test_ceil_rounds_up_a_real_fraction() -> None:
    """30.2 FTE bill as 31 with rounding ceil."""
    row = one(quote(vendor([_fte_fee(rounding="ceil")]), [part(VOICE, 1, fte=30.2)], [VOICE], 1))
    assert (row.quantity, row.amount) == (31, 31 * 13800)


@pytest.mark.parametrize(
    ("fte", "billed"), [(12.4, 12), (12.5, 13), (13.5, 14), (12.6, 13), (2.5 - 1e-13, 3)]
)
def test_round_is_nearest_with_halves_up(fte: float, billed: float) -> None:
    """rounding round: nearest integer; an exact half (or a half up to float noise) goes up."""
    row = one(quote(vendor([_fte_fee(rounding="round")]), [part(VOICE, 1, fte=fte)], [VOICE], 1))
    assert row.quantity == billed


def test_committed_fte_binds_when_computed_is_lower() -> None:
    """committed 20: FTE 14.2 bills 20; FTE 26.5 bills 26.5; with ceil 27."""
    fees = [_fte_fee(committed_fte=20)]
    rows = quote(vendor(fees), [part(VOICE, 2, fte=[14.2, 26.5])], [VOICE], 2)
    assert [r.quantity for r in rows] == [20, 26.5]
    assert [r.amount for r in rows] == [20 * 13800, 26.5 * 13800]
    fees = [_fte_fee(committed_fte=20, rounding="ceil")]
    rows = quote(vendor(fees), [part(VOICE, 2, fte=[14.2, 26.5])], [VOICE], 2)
    assert [r.quantity for r in rows] == [20, 27]


def test_commitment_and_rounding_are_on_the_fee_total_then_pro_rata() -> None:
    """Two queues under one fee, FTE 6 (general) and 2 (senior), committed 10.

    Billed 10 on the total 8, allocated 10 × 6/8 = 7.5 and 10 × 2/8 = 2.5, each at its
    tier's rate: 7.5 × 13,800 = 103,500 and 2.5 × 18,000 = 45,000.
    """
    fees = [_fte_fee(committed_fte=10)]
    rows = quote(vendor(fees), [part(VOICE, 1, fte=6), part(SENIOR, 1, fte=2)], [VOICE, SENIOR], 1)
    general, senior = one(rows, queue="voice-zh"), one(rows, queue="voice-en")
    assert (general.quantity, general.amount) == (7.5, 103500)
    assert (senior.quantity, senior.amount) == (2.5, 45000)


def test_commitment_with_no_work_is_shared_equally() -> None:
    """A month with 0 FTE still bills the committed 4, split 2 and 2 between the parts."""
    fees = [_fte_fee(committed_fte=4)]
    rows = quote(vendor(fees), [part(VOICE, 1), part(SENIOR, 1)], [VOICE, SENIOR], 1)
    assert [r.quantity for r in rows] == [2, 2]
    assert sum(r.amount for r in rows) == 2 * 13800 + 2 * 18000


def test_billed_fte_function() -> None:
    fte = np.array([0.0, 3.2, 21 / 0.7, 7.5])
    assert list(billed_fte(fte, None, "none")) == list(fte)
    assert list(billed_fte(fte, 5, "ceil")) == [5, 5, 30, 8]
    assert list(billed_fte(fte, None, "round")) == [0, 3, 30, 8]
