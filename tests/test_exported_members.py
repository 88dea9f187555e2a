"""The public surface of ``import cscost`` is deliberate: this test pins it."""

from __future__ import annotations

from pathlib import Path

import cscost

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ecommerce.yaml"


def test_exported_members() -> None:
    assert cscost.__all__ == sorted(cscost.__all__)
    assert cscost.__all__ == [
        "BillRow",
        "CscostError",
        "Evaluation",
        "InfeasibleTargetError",
        "InputFileError",
        "OptionResult",
        "QueueMetrics",
        "QuoteError",
        "Scenario",
        "ScenarioError",
        "evaluate",
        "load_scenario",
        "queue_metrics",
        "required_agents",
    ]
    for name in cscost.__all__:
        assert hasattr(cscost, name)


def test_notebook_tour() -> None:
    scenario = cscost.load_scenario(EXAMPLE)
    result = cscost.evaluate(scenario, lang="en")
    summary = result.summary()
    assert list(summary["rank"].sort_values()) == list(range(1, len(result.options) + 1))
    frame = result.to_frame()
    assert len(frame) == len(result.bill)
    assert abs(frame["amount"].sum() - summary["total"].sum()) < 1e-6 * summary["total"].sum()
    assert int(cscost.required_agents(120, 1800, 240, 20, 0.8)) == 20
