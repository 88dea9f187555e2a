"""Volume tiers of per-contact prices, by hand.

Bands: [{up_to: 40,000, rate: 0.95}, {up_to: 100,000, rate: 0.80}, {rate: 0.70}].
Marginal: each band at its rate. All-units: every contact at the rate of the band the
month's total falls in. Tiers apply to the total volume of all parts the fee covers,
and the charge is allocated to the parts pro rata to their volume.
"""

from __future__ import annotations

import numpy as np
import pytest

from cscost.model import ContactTier
from cscost.pricing import tiered_charge

from .helpers import one, part, pick, queue, quote, vendor

VOICE = queue("voice-zh", "voice", "zh")
CHAT = queue("chat-zh", "chat", "zh")
BANDS = [{"up_to": 40000, "rate": 0.95}, {"up_to": 100000, "rate": 0.80}, {"rate": 0.70}]


def _fee(tiering: str) -> dict[str, object]:
    return {"kind": "per_contact", "tiering": tiering, "tiers": BANDS}


@pytest.mark.parametrize(
    ("volume", "marginal", "all_units"),
    [
        (30000, 30000 * 0.95, 30000 * 0.95),  # inside band 1: both the same
        (40000, 40000 * 0.95, 40000 * 0.95),  # on the edge: still band 1
        (50000, 40000 * 0.95 + 10000 * 0.80, 50000 * 0.80),  # crosses into band 2
        (120000, 40000 * 0.95 + 60000 * 0.80 + 20000 * 0.70, 120000 * 0.70),  # band 3
    ],
)
def test_marginal_and_all_units(volume: float, marginal: float, all_units: float) -> None:
    """Marginal 50,000 → 38,000 + 8,000 = 46,000; all-units 50,000 × 0.80 = 40,000."""
    for tiering, expected in (("marginal", marginal), ("all_units", all_units)):
        row = one(quote(vendor([_fee(tiering)]), [part(VOICE, 1, volume=volume)], [VOICE], 1))
        assert row.amount == pytest.approx(expected, rel=1e-14)
        assert row.quantity == volume
        assert row.rate == pytest.approx(expected / volume, rel=1e-14)


def test_tiers_cross_within_the_month_of_two_parts_and_are_allocated_pro_rata() -> None:
    """Two queues, 30,000 + 20,000 = 50,000 contacts: the discount is on the total.

    Marginal charge 38,000 + 8,000 = 46,000, average 0.92; voice 30,000 × 0.92 =
    27,600, chat 20,000 × 0.92 = 18,400. Priced alone, neither would leave band 1.
    """
    parts = [part(VOICE, 1, volume=30000), part(CHAT, 1, volume=20000)]
    rows = quote(vendor([_fee("marginal")]), parts, [VOICE, CHAT], 1)
    voice, chat = one(rows, queue="voice-zh"), one(rows, queue="chat-zh")
    assert voice.rate == chat.rate == pytest.approx(0.92, rel=1e-14)
    assert voice.amount == pytest.approx(27600, rel=1e-14)
    assert chat.amount == pytest.approx(18400, rel=1e-14)
    assert voice.amount + chat.amount == pytest.approx(46000, rel=1e-14)


def test_tiers_per_month() -> None:
    """Each month's volume is tiered on its own: 30,000 then 50,000 contacts."""
    rows = quote(vendor([_fee("marginal")]), [part(VOICE, 2, volume=[30000, 50000])], [VOICE], 2)
    assert [r.amount for r in rows] == pytest.approx([28500, 46000], rel=1e-14)


def test_all_units_cliff_is_a_known_effect() -> None:
    """All-units: 40,000 contacts cost 38,000 but 40,001 cost 32,000.80 — the total falls.

    Marginal has no cliff: 40,001 cost 38,000 + 0.80 = 38,000.80.
    """
    rows = quote(vendor([_fee("all_units")]), [part(VOICE, 2, volume=[40000, 40001])], [VOICE], 2)
    at_edge, past_edge = (r.amount for r in rows)
    assert at_edge == pytest.approx(38000, rel=1e-14)
    assert past_edge == pytest.approx(32000.80, rel=1e-14)
    assert past_edge < at_edge
    rows = quote(vendor([_fee("marginal")]), [part(VOICE, 2, volume=[40000, 40001])], [VOICE], 2)
    assert [r.amount for r in rows] == pytest.approx([38000, 38000.80], rel=1e-14)


def test_float_noise_on_a_band_edge_stays_in_the_band() -> None:
    """A volume that is 40,000 up to float error (e.g. 0.1 × 400,000) is on the edge."""
    bands = [ContactTier(up_to=40000, rate=0.95), ContactTier(rate=0.80)]
    noisy = np.array([40000 * (1 + 1e-13)])
    assert tiered_charge(noisy, bands, "all_units")[0] == pytest.approx(38000, rel=1e-12)


def test_escalated_band_rates() -> None:
    """Escalation multiplies every band's rate: 50,000 in month 12 at +4 % → 46,000 × 1.04."""
    v = vendor([_fee("all_units")], escalation={"rate": 0.04, "every_months": 12})
    rows = quote(v, [part(VOICE, 13, volume=50000)], [VOICE], 13)
    assert pick(rows, month_index=11)[0].amount == pytest.approx(50000 * 0.80, rel=1e-14)
    assert pick(rows, month_index=12)[0].amount == pytest.approx(50000 * 0.80 * 1.04, rel=1e-14)
    assert pick(rows, month_index=12)[0].rate == pytest.approx(0.832, rel=1e-14)


def test_zero_volume_month() -> None:
    """No contacts, no charge (and no division by zero)."""
    row = one(quote(vendor([_fee("marginal")]), [part(VOICE, 1, volume=0)], [VOICE], 1))
    assert row.amount == 0
    assert row.rate == 0.95
