"""The public surface of cscost.pricing, pinned."""

from __future__ import annotations

import cscost.pricing


def test_public_names() -> None:
    assert cscost.pricing.__all__ == [
        "BILL_COLUMNS",
        "BillRow",
        "PartUsage",
        "bill_frame",
        "bill_total",
        "billed_fte",
        "escalation_factors",
        "fx_rate",
        "hires_by_month",
        "price_inhouse",
        "price_quote",
        "tiered_charge",
    ]
    assert all(hasattr(cscost.pricing, name) for name in cscost.pricing.__all__)


def test_pricing_imports_no_adapter() -> None:
    """The core never imports io, cli, report, web or store (DESIGN.md, Architecture)."""
    import ast
    from pathlib import Path

    root = Path(cscost.pricing.__file__).parent
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert not name.startswith(
                    ("cscost.io", "cscost.cli", "cscost.report", "cscost.web", "cscost.store")
                ), f"{path.name} imports {name}"
