"""The public surface of ``import cscost`` is deliberate: this test pins it."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import cscost

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ecommerce.yaml"


def test_exported_members() -> None:
    """``__all__`` is every public member of the package, sorted (as httpx pins its own)."""
    public = [
        name
        for name, value in vars(cscost).items()
        if not name.startswith("_") and not isinstance(value, ModuleType) and name != "annotations"
    ]
    assert cscost.__all__ == sorted(public)
    for name in cscost.__all__:
        assert getattr(cscost, name).__doc__, f"cscost.{name} has no docstring"


def test_the_public_api_is_callable_as_documented() -> None:
    """The entry points the front ends call: load, plan, evaluate, Monte Carlo, decide."""
    for name in ("load_scenario", "plan", "evaluate", "monte_carlo", "decide", "required_agents"):
        assert callable(getattr(cscost, name))
    assert issubclass(cscost.ScenarioError, cscost.CscostError)
    assert issubclass(cscost.InfeasibleTargetError, cscost.ScenarioError)
    assert issubclass(cscost.ForecastError, cscost.CscostError)


def test_notebook_tour() -> None:
    scenario = cscost.load_scenario(EXAMPLE)
    result = cscost.evaluate(scenario)
    summary = result.summary()
    assert list(summary["rank"].sort_values()) == list(range(1, len(result.options) + 1))
    frame = result.to_frame()
    assert len(frame) == len(result.bill)
    assert abs(frame["amount"].sum() - summary["total"].sum()) < 1e-6 * summary["total"].sum()
    assert int(cscost.required_agents(120, 1800, 240, 20, 0.8)) == 20
