"""Generated portfolios for the scale benchmarks: Q queues × M months × V vendors.

From ``examples/saas.yaml``: its 13 queues repeated (ids ``q{k}-{id}``, volumes × a
factor of 0.5 … 2 per copy, so the copies do not repeat each other's intervals) until
``queues`` are made, ``months`` months, and ``vendors`` vendors cycling through the
per-FTE (vendor-a) and per-hour (vendor-c) quotes with rates × (1 + 1 % × k). The
options are all in-house and each vendor taking everything.

Run: ``python bench/portfolio.py 200 120 10 > big.yaml``.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from cscost.io import load_scenario
from cscost.model import Scenario

SAAS = Path(__file__).resolve().parent.parent / "examples" / "saas.yaml"


def _scaled(rate: Any, k: float) -> Any:
    if isinstance(rate, dict):
        return {key: _scaled(v, k) for key, v in rate.items()}
    return round(float(rate) * k, 4)


def _keys(node: Any) -> Any:
    """PyYAML (YAML 1.1) reads the key ``on`` as True: give it back its name."""
    if isinstance(node, dict):
        return {("on" if k is True else k): _keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_keys(v) for v in node]
    return node


def portfolio_data(queues: int, months: int, vendors: int) -> dict[str, Any]:
    """The scenario document (module docstring)."""
    base = _keys(yaml.safe_load(SAAS.read_text(encoding="utf-8")))
    data = copy.deepcopy(base)
    data["scenario"]["months"] = months
    data["scenario"]["name"] = f"portfolio {queues} queues x {months} months x {vendors}"
    made: list[dict[str, Any]] = []
    copy_index = 0
    while len(made) < queues:
        factor = 0.5 + (copy_index * 0.37) % 1.5
        for queue in base["queues"]:
            if len(made) == queues:
                break
            q = copy.deepcopy(queue)
            q["id"] = f"q{copy_index}-{queue['id']}"
            q["volume"]["monthly"] = round(q["volume"]["monthly"] * factor, 1)
            made.append(q)
        copy_index += 1
    data["queues"] = made
    templates = [v for v in base["vendors"] if v["id"] in ("vendor-a", "vendor-c")]
    made_vendors = []
    for k in range(vendors):
        v = copy.deepcopy(templates[k % len(templates)])
        v["id"] = f"vendor-{k}"
        v["name"] = f"Vendor {k}"
        v["assumptions"].pop("aht", None)
        for fee in v["fees"]:
            if "rate" in fee:
                fee["rate"] = _scaled(fee["rate"], 1.0 + 0.01 * k)
        made_vendors.append(v)
    data["vendors"] = made_vendors
    data["options"] = [{"name": "in-house", "assign": {}}] + [
        {"name": f"{v['id']} takes everything", "assign": {q["id"]: v["id"] for q in made}}
        for v in made_vendors
    ]
    return data


def write_portfolio(path: Path, queues: int, months: int, vendors: int) -> Path:
    """Write the generated scenario to ``path`` (YAML)."""
    path.write_text(yaml.safe_dump(portfolio_data(queues, months, vendors)), encoding="utf-8")
    return path


def portfolio(queues: int, months: int, vendors: int) -> Scenario:
    """The generated scenario, loaded and validated."""
    with tempfile.TemporaryDirectory() as tmp:
        return load_scenario(write_portfolio(Path(tmp) / "p.yaml", queues, months, vendors))


if __name__ == "__main__":
    q, m, v = (int(x) for x in sys.argv[1:4])
    sys.stdout.write(yaml.safe_dump(portfolio_data(q, m, v)))
