"""Opening hours: the text grammar and exact interval masks (hand-counted expectations)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscost.errors import ArgumentError
from cscost.model import OpeningHours


def test_always_open() -> None:
    hours = OpeningHours.parse("24/7")
    mask = hours.open_mask(15)
    assert mask.shape == (7, 96)
    assert mask.all()
    assert hours.always_open
    assert hours.hours_per_week == 168


def test_weekdays_and_saturday() -> None:
    mask = OpeningHours.parse("Mon-Fri 08:00-20:00; Sat 09:00-17:00").open_mask(30)
    assert mask.shape == (7, 48)
    for day in range(5):
        assert mask[day].sum() == 24  # 12 h of 30 min
        assert not mask[day, 15]
        assert mask[day, 16]
        assert mask[day, 39]
        assert not mask[day, 40]
    assert mask[5].sum() == 16
    assert mask[5, 18]
    assert not mask[5, 17]
    assert not mask[5, 34]
    assert not mask[6].any()


def test_no_days_means_every_day_and_crossing_midnight() -> None:
    """22:00-08:00 every day: each day is open 00:00-08:00 and 22:00-24:00."""
    mask = OpeningHours.parse("22:00-08:00").open_mask(60)
    expected = np.zeros(24, dtype=bool)
    expected[:8] = True
    expected[22:] = True
    assert (mask == expected[None, :]).all()


def test_sunday_night_wraps_to_monday() -> None:
    mask = OpeningHours.parse("Sun 22:00-02:00").open_mask(60)
    assert mask[6, 22]
    assert mask[6, 23]
    assert mask[0, 0]
    assert mask[0, 1]
    assert not mask[0, 2]
    assert mask.sum() == 4


def test_end_at_midnight_and_day_lists() -> None:
    hours = OpeningHours.parse("Mon,Wed 18:00-24:00; sat-sun 00:00-24:00")
    mask = hours.open_mask(15)
    assert mask[0].sum() == 24
    assert mask[2].sum() == 24
    assert not mask[1].any()
    assert mask[5].all()
    assert mask[6].all()
    assert hours.hours_per_week == 6 + 6 + 48


def test_wrapping_day_range_and_several_ranges() -> None:
    mask = OpeningHours.parse("Fri-Mon 09:00-12:00, 13:00-17:00").open_mask(60)
    for day in (4, 5, 6, 0):
        assert mask[day].sum() == 7
        assert not mask[day, 12]
    assert not mask[1].any()
    assert not mask[2].any()
    assert not mask[3].any()


def test_overlaps_merge() -> None:
    hours = OpeningHours.parse("Mon 08:00-12:00; Mon 10:00-14:00")
    assert hours.spans == ((0, 480, 840),)


def test_full_day_names_case_and_spaces() -> None:
    a = OpeningHours.parse("monday - FRIDAY  09:00 - 17:00")
    b = OpeningHours.parse("Mon-Fri 09:00-17:00")
    assert a.spans == b.spans


def test_misaligned_times_raise_with_the_time() -> None:
    hours = OpeningHours.parse("Mon-Fri 08:10-20:00")
    assert hours.open_mask(5 * 2).shape == (7, 144)  # aligned to 10 min
    with pytest.raises(ArgumentError, match=r"not aligned to 15-minute intervals at Mon 08:10"):
        hours.open_mask(15)
    assert OpeningHours.parse("08:30-17:00").misaligned_times(60) == tuple(
        f"{d} 08:30" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    )


def test_interval_must_divide_a_day() -> None:
    with pytest.raises(ArgumentError, match="must divide a day"):
        OpeningHours.parse("24/7").open_mask(7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected opening hours"),
        ("Mon-Fri", "cannot read"),
        ("Mun-Fri 08:00-20:00", "cannot read the days `Mun-Fri`"),
        ("Mon 25:00-26:00", "not a valid time"),
        ("Mon 24:00-08:00", "not a valid time for a start"),
        ("Mon 08:60-09:00", "not a valid time"),
        ("Mon 08:00-08:00", "is empty; for a whole day write 00:00-24:00"),
        ("Mon 8-17", "expected HH:MM-HH:MM"),
    ],
)
def test_bad_text_explains(text: str, message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        OpeningHours.parse(text)


@given(
    start=st.integers(0, 95),
    length=st.integers(1, 96),
    day=st.integers(0, 6),
)
def test_mask_counts_exactly_the_open_minutes(start: int, length: int, day: int) -> None:
    """Any aligned range, crossing midnight or not, opens exactly `length` intervals."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    end = (start + length) % 96

    def clock(q: int) -> str:
        return f"{q * 15 // 60:02d}:{q * 15 % 60:02d}"

    end_text = "24:00" if end == 0 else clock(end)
    if end == start:  # a full day written as a range would be empty
        return
    mask = OpeningHours.parse(f"{names[day]} {clock(start)}-{end_text}").open_mask(15)
    assert mask.sum() == length
    assert mask[day, start]
