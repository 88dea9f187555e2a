"""cscost.staffing against the independent mpmath reference in ``reference.py``.

Required agents must be equal; SL, ASA, P(wait), P(abandon) and occupancy agree to
1e-9 relative (1e-6 from 1,000 erlangs up), with an absolute floor of 1e-15 for
probabilities that are nearly zero. Every grid point is checked to be no tie: the
reference SL at the answer and one agent below lies more than 1e-11 from the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import numpy as np
import pytest

from cscost import required_agents as top_level_required_agents
from cscost.staffing import erlang_b, erlang_c, queue_metrics, required_agents, traffic_erlangs

from . import reference as ref

HUGE_ERLANGS = 1000
METRIC_FIELDS = ("p_wait", "service_level", "service_level_served", "asa_s", "occupancy")


@dataclass(frozen=True)
class Case:
    """One interval and its targets; numbers are decimals, exact in the reference."""

    volume: float
    interval_s: int
    aht_s: float
    target_answer_s: float
    target_sl: float
    max_occupancy: float | None = None
    patience_s: float | None = None
    concurrency: float = 1.0
    max_asa_s: float | None = None
    min_agents: int = 0

    @property
    def interval(self) -> ref.Interval:
        return ref.Interval.of(
            self.volume,
            self.interval_s,
            self.aht_s,
            self.target_answer_s,
            concurrency=self.concurrency,
            patience_s=self.patience_s,
        )

    @property
    def erlangs(self) -> float:
        return float(self.interval.traffic)

    def engine_required(self) -> int:
        return int(
            required_agents(
                self.volume,
                self.interval_s,
                self.aht_s,
                self.target_answer_s,
                self.target_sl,
                max_occupancy=self.max_occupancy,
                patience_s=self.patience_s,
                concurrency=self.concurrency,
                max_asa_s=self.max_asa_s,
                min_agents=self.min_agents,
            )
        )

    def engine_metrics(self, agents: int) -> dict[str, float]:
        m = queue_metrics(
            agents,
            self.volume,
            self.interval_s,
            self.aht_s,
            self.target_answer_s,
            patience_s=self.patience_s,
            concurrency=self.concurrency,
        )
        names = ("traffic", "p_abandon", *METRIC_FIELDS)
        return {k: float(np.asarray(getattr(m, k))) for k in names}

    def __str__(self) -> str:
        return f"A={self.erlangs:.6g} {self!r}"


def _decimal_volume(erlangs: float, interval_s: int, aht_s: float) -> float:
    return round(erlangs * interval_s / aht_s, 3)


def erlang_c_grid() -> list[Case]:
    """~20 log-spaced points from 0.1 to 50,000 erlangs, AHT 1 s … 2 h, varied targets."""
    ahts = [240, 1, 30, 180, 7200, 600, 90, 1800, 420, 3600]
    intervals = [1800, 900, 3600]
    answers = [20, 0, 60]
    levels = [0.8, 0.5, 0.9, 0.95, 0.99, 0.7, 0.85]
    cases = []
    for i, a in enumerate(np.geomspace(0.1, 50_000, 20)):
        aht, interval = ahts[i % len(ahts)], intervals[i % len(intervals)]
        cases.append(
            Case(
                _decimal_volume(float(a), interval, aht),
                interval,
                aht,
                answers[i % len(answers)],
                levels[i % len(levels)],
            )
        )
    return cases


def erlang_a_grid() -> list[Case]:
    """15 points from 0.1 to 300 erlangs, patience 30 s … 600 s."""
    ahts = [180, 240, 600, 60, 300, 420]
    patiences = [120, 30, 600, 60, 300, 180, 45]
    answers = [20, 60, 0]
    levels = [0.8, 0.9, 0.5, 0.95, 0.7]
    cases = []
    for i, a in enumerate(np.geomspace(0.1, 300, 15)):
        aht, interval = ahts[i % len(ahts)], [1800, 900][i % 2]
        cases.append(
            Case(
                _decimal_volume(float(a), interval, aht),
                interval,
                aht,
                answers[i % len(answers)],
                levels[i % len(levels)],
                patience_s=patiences[i % len(patiences)],
            )
        )
    return cases


OCCUPANCY_CAPS = [
    # A / cap is an integer in exact decimals but not in binary floats
    Case(170, 1800, 90, 20, 0.5, max_occupancy=0.85),  # A = 8.5 → 10, not 11
    Case(168, 1800, 90, 20, 0.5, max_occupancy=0.7),  # A = 8.4 → 12 (8.4 / 0.7 > 12 in floats)
    Case(21, 3600, 1200, 20, 0.5, max_occupancy=0.7),  # A = 7 → 10
    Case(360, 1800, 240, 20, 0.8, max_occupancy=0.8),  # A = 48 → 60
    Case(6, 1800, 90, 20, 0.5, max_occupancy=0.1),  # A = 0.3 → 3
    Case(1530, 1800, 90, 20, 0.5, max_occupancy=0.85),  # A = 76.5 → 90
    Case(170, 1800, 90, 20, 0.5, max_occupancy=0.85, patience_s=60),  # Erlang A, → 10
    Case(168, 1800, 90, 0, 0.5, max_occupancy=0.7, patience_s=120),  # Erlang A, → 12
]

OTHER_BOUNDS = [
    Case(360, 1800, 240, 20, 0.5, max_asa_s=5),  # ASA binds (Erlang C)
    Case(360, 1800, 240, 20, 0.5, max_asa_s=2.5, patience_s=90),  # ASA binds (Erlang A)
    Case(2, 1800, 240, 20, 0.8, min_agents=3),  # min_agents binds
    Case(200, 1800, 90, 20, 0.5),  # A = 10 exactly: Erlang C needs N ≥ 11
    Case(120, 1800, 600, 30, 0.8, concurrency=2),  # chat, Erlang C
    Case(120, 1800, 600, 30, 0.8, concurrency=2.5, patience_s=180),  # chat, Erlang A
    Case(4500, 1800, 240, 20, 0.8, patience_s=60),  # 600 erlangs offered, Erlang A N < A
    # chat with short AHT and long patience (Nμ/θ ≈ 3,200): small P(abandon)
    Case(12852.827, 900, 15, 60, 0.99, 0.8, 180, 2, 5),
]


def random_cases(seed: int = 20_240_601) -> list[Case]:
    """Seeded random decimal intervals mixing every option: 30 Erlang C, 10 Erlang A."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(40):
        erlang_a = i >= 30
        a = float(np.exp(rng.uniform(np.log(0.2), np.log(200 if erlang_a else 20_000))))
        aht = float(rng.choice([15, 45, 180, 240, 300, 420, 900, 2400]))
        interval = int(rng.choice([900, 1800, 3600]))
        concurrency = float(rng.choice([1, 1, 1, 2, 3, 1.5]))
        volume = _decimal_volume(a * concurrency, interval, aht)
        cap = rng.choice([None, None, 0.75, 0.8, 0.85, 0.9, 0.95])
        asa = rng.choice([None, None, None, 5.0, 15.0, 30.0])
        cases.append(
            Case(
                volume,
                interval,
                aht,
                float(rng.choice([0, 10, 20, 30, 60, 120])),
                float(rng.choice([0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99])),
                max_occupancy=None if cap is None else float(cap),
                patience_s=float(rng.choice([20, 60, 90, 180, 400, 900])) if erlang_a else None,
                concurrency=concurrency,
                max_asa_s=None if asa is None else float(asa),
                min_agents=int(rng.choice([0, 0, 0, 1, 2])),
            )
        )
    return cases


ALL_CASES = erlang_c_grid() + erlang_a_grid() + OCCUPANCY_CAPS + OTHER_BOUNDS + random_cases()


def _case_id(case: Case) -> str:
    kind = "A" if case.patience_s is not None else "C"
    extras = [
        f"occ{case.max_occupancy}" if case.max_occupancy else "",
        f"asa{case.max_asa_s}" if case.max_asa_s else "",
        f"min{case.min_agents}" if case.min_agents else "",
        f"conc{case.concurrency}" if case.concurrency != 1 else "",
    ]
    head = f"{kind}-{case.erlangs:.4g}E-aht{case.aht_s:g}-{case.target_sl}/{case.target_answer_s:g}"
    return "-".join([head, *[e for e in extras if e]])


@dataclass(frozen=True)
class Expected:
    agents: int
    at: ref.Metrics
    below: ref.Metrics | None


@cache
def expected(case: Case) -> Expected:
    agents = ref.required_agents(
        case.volume,
        case.interval_s,
        case.aht_s,
        case.target_answer_s,
        case.target_sl,
        max_occupancy=case.max_occupancy,
        patience_s=case.patience_s,
        concurrency=case.concurrency,
        max_asa_s=case.max_asa_s,
        min_agents=case.min_agents,
    )
    below = ref.queue_metrics(agents - 1, case.interval) if agents > 1 else None
    return Expected(agents, ref.queue_metrics(agents, case.interval), below)


def _tolerance(case: Case) -> float:
    return 1e-9 if case.erlangs < HUGE_ERLANGS else 1e-6


def _assert_close(name: str, got: float, want: ref.mpmath.mpf, rel: float) -> None:
    if ref.ctx.isinf(want):
        assert math.isinf(got), f"{name}: got {got}, expected inf"
        return
    assert math.isclose(got, float(want), rel_tol=rel, abs_tol=1e-15), (
        f"{name}: got {got!r}, expected {ref.ctx.nstr(want, 17)}"
    )


def _assert_metrics(case: Case, m: ref.Metrics) -> None:
    got = case.engine_metrics(m.agents)
    rel = _tolerance(case)
    _assert_close("traffic", got["traffic"], m.traffic, 1e-12)
    for name in METRIC_FIELDS:
        _assert_close(f"N={m.agents} {name}", got[name], getattr(m, name), rel)
    _assert_close(f"N={m.agents} p_abandon", got["p_abandon"], m.p_abandon, rel)


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
def test_grid_point_is_no_tie(case: Case) -> None:
    """The reference answer is clear of the target by more than float noise."""
    exp = expected(case)
    assert exp.at.service_level - ref.mpf(case.target_sl) > 1e-11
    if exp.below is not None and case.max_asa_s is None:
        floors = [case.min_agents, ref.occupancy_floor(case.interval.traffic, case.max_occupancy)]
        if exp.agents > max(floors):
            assert ref.mpf(case.target_sl) - exp.below.service_level > 1e-11


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
def test_required_agents_equal_reference(case: Case) -> None:
    assert case.engine_required() == expected(case).agents


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
def test_metrics_equal_reference(case: Case) -> None:
    exp = expected(case)
    _assert_metrics(case, exp.at)
    if exp.below is not None:
        _assert_metrics(case, exp.below)


def test_vectorised_call_equals_reference_grid() -> None:
    """One broadcast call over the Erlang C grid gives every reference answer."""
    cases = erlang_c_grid()
    got = required_agents(
        np.array([c.volume for c in cases]),
        np.array([c.interval_s for c in cases]),
        np.array([c.aht_s for c in cases]),
        np.array([c.target_answer_s for c in cases]),
        np.array([c.target_sl for c in cases]),
    )
    assert got.dtype == np.int64
    assert got.tolist() == [expected(c).agents for c in cases]


def test_top_level_import_is_the_engine() -> None:
    assert top_level_required_agents(360, 1800, 240, 20, 0.8) == required_agents(
        360, 1800, 240, 20, 0.8
    )


def test_traffic_erlangs() -> None:
    assert float(traffic_erlangs(170, 1800, 90)) == pytest.approx(8.5, rel=1e-15)
    assert float(traffic_erlangs(120, 1800, 600, concurrency=2)) == pytest.approx(20, rel=1e-15)


@pytest.mark.parametrize(
    ("agents", "erlangs"),
    [(1, 0.1), (10, 8.5), (55, 48), (120, 100.25), (1000, 980), (2500, 2450.5), (50_300, 50_000)],
)
def test_erlang_b_and_c_equal_reference(agents: int, erlangs: float) -> None:
    rel = 1e-9 if erlangs < HUGE_ERLANGS else 1e-6
    b = float(np.asarray(erlang_b(agents, erlangs)))
    c = float(np.asarray(erlang_c(agents, erlangs)))
    assert b == pytest.approx(float(ref.erlang_b(agents, erlangs)), rel=rel)
    assert c == pytest.approx(float(ref.erlang_c(agents, erlangs)), rel=rel)


def test_erlang_b_recursion_and_incomplete_gamma_agree() -> None:
    """The reference's two Erlang B routes agree to 40 digits (a check of the reference)."""
    for n, a in [(10, 8.5), (300, 290.25), (2000, 1950)]:
        x, y = ref.erlang_b_recursion(n, a), ref.erlang_b_gamma(n, a)
        assert abs(x - y) <= abs(x) * ref.mpf(Fraction(1, 10**40))


def test_erlang_c_at_or_below_traffic_is_unstable() -> None:
    """Erlang C with N ≤ A: every arrival waits, SL 0, ASA infinite."""
    for agents in (8, 10):  # A = 10
        m = queue_metrics(agents, 200, 1800, 90, 20)
        assert float(np.asarray(m.p_wait)) == 1.0
        assert float(np.asarray(m.service_level)) == 0.0
        assert math.isinf(float(np.asarray(m.asa_s)))


# --- Erlang A: limits and Little's law ---------------------------------------------


ERLANG_C_LIMIT_CASES = [c for c in erlang_c_grid() if c.erlangs < 400] + [
    Case(360, 1800, 240, 20, 0.8)
]


@pytest.mark.parametrize("case", ERLANG_C_LIMIT_CASES, ids=_case_id)
def test_erlang_a_tends_to_erlang_c(case: Case) -> None:
    """Patience 1e7 s: Erlang A gives Erlang C's agents and, nearly, its metrics.

    Abandonment moves the metrics, relative, by about s = θ·h·N / (N − A)² (h = AHT /
    concurrency; the reference Erlang A at N = 54, A = 48 confirms the engine there to
    1e-8): ASA by 2–3 s, P(wait) and SL by less. The tolerance is 4 s.
    """
    patience = 1e7
    slow = Case(**{**case.__dict__, "patience_s": patience})
    exp = expected(case)
    n = exp.agents
    tol = 1e-9 + 4 * float(case.interval.hold_s) / patience * n / (n - case.erlangs) ** 2
    margin = exp.at.service_level - ref.mpf(case.target_sl)
    if margin > tol and (exp.below is None or exp.below.service_level < case.target_sl - tol):
        assert slow.engine_required() == exp.agents
    got = slow.engine_metrics(exp.agents)
    for name in ("p_wait", "service_level", "asa_s"):
        want = float(getattr(exp.at, name))
        assert got[name] == pytest.approx(want, rel=tol, abs=1e-12), name
    assert got["p_abandon"] < tol


def test_reference_erlang_a_tends_to_reference_erlang_c() -> None:
    """A check of the reference itself: the chain with patience 1e7 s is Erlang C."""
    iv_c = ref.Interval.of(170, 1800, 90, 20)
    iv_a = ref.Interval.of(170, 1800, 90, 20, patience_s=1e7)
    for n in (11, 14):
        a, c = ref.erlang_a_metrics(n, iv_a), ref.erlang_c_metrics(n, iv_c)
        for name in ("p_wait", "service_level", "asa_s"):
            x, y = getattr(a, name), getattr(c, name)
            assert abs(x - y) <= 1e-4 * abs(y), name


@pytest.mark.parametrize("case", erlang_a_grid()[::2], ids=_case_id)
def test_littles_law(case: Case) -> None:
    """P(abandon) = θ·E[queue] / λ, E[queue] from the chain (engine and reference)."""
    exp = expected(case)
    little = exp.at.little_p_abandon
    assert abs(exp.at.p_abandon - little) <= abs(little) * ref.mpf(Fraction(1, 10**30))
    got = case.engine_metrics(exp.agents)["p_abandon"]
    assert got == pytest.approx(float(little), rel=1e-9, abs=1e-15)


def test_reference_offered_wait_matches_its_closed_form() -> None:
    """A check of the reference: P(served | j) = Π r_i / (r_i + θ) = a / (a + j + 1)."""
    mu, theta = Fraction(1, 240), Fraction(1, 90)
    ow = ref.offered_wait_sums(7, mu, theta, Fraction(20), 60)
    a = 7 * mu / theta
    for j in (0, 1, 5, 30, 60):
        want = ref.mpf(a / (a + j + 1))
        assert abs(ow.served[j] - want) <= want * ref.mpf(Fraction(1, 10**40))
        assert abs(ow.abandon[j] - (1 - want)) <= (1 - want) * ref.mpf(Fraction(1, 10**40))


# --- zero volume and answer target 0 ----------------------------------------------


@pytest.mark.parametrize("patience_s", [None, 120.0])
def test_zero_volume_needs_min_agents(patience_s: float | None) -> None:
    got = required_agents(
        [0, 0, 0, 170],
        1800,
        90,
        20,
        0.8,
        patience_s=patience_s,
        min_agents=[0, 1, 3, 0],
    )
    assert got.tolist()[:3] == [0, 1, 3]
    assert got[3] == ref.required_agents(170, 1800, 90, 20, 0.8, patience_s=patience_s)


@pytest.mark.parametrize("patience_s", [None, 120.0])
def test_zero_volume_metrics(patience_s: float | None) -> None:
    m = queue_metrics(2, 0, 1800, 90, 20, patience_s=patience_s)
    assert float(np.asarray(m.p_wait)) == 0.0
    assert float(np.asarray(m.service_level)) == 1.0
    assert float(np.asarray(m.asa_s)) == 0.0
    assert float(np.asarray(m.occupancy)) == 0.0
    assert float(np.asarray(m.p_abandon)) == 0.0


@pytest.mark.parametrize("patience_s", [None, 45.0, 300.0])
def test_answer_target_zero_is_one_minus_p_wait(patience_s: float | None) -> None:
    """With t = 0, SL is the share answered at once: 1 − P(wait)."""
    agents = np.arange(9, 16)
    m = queue_metrics(agents, 200, 1800, 90, 0, patience_s=patience_s)
    np.testing.assert_allclose(m.service_level, 1 - m.p_wait, rtol=1e-12, atol=1e-15)
    iv = ref.Interval.of(200, 1800, 90, 0, patience_s=patience_s)
    want = [float(1 - ref.queue_metrics(int(n), iv).p_wait) for n in agents]
    np.testing.assert_allclose(m.service_level, want, rtol=1e-9, atol=1e-15)
