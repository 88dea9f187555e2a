"""A saved what-if says so: the report's header and the terminal name every multiplier of
the scenario's ``adjustments``, in en and zh; a scenario as written shows nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import cscost
import cscost.cli
from cscost import Adjustments
from cscost.report import lang, render_html
from cscost.report.labels import adjustments_line

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "saas.yaml"
cscost.cli._register()


def test_the_line_names_each_multiplier_in_both_languages() -> None:
    scenario = cscost.load_scenario(EXAMPLE)
    vendor = scenario.vendors[0]
    point = Adjustments(volume=1.2, aht=1.05, fx={"EUR": 1.1}, rates={vendor.id: 0.9})
    adjusted = scenario.model_copy(update={"adjustments": point})
    en = adjustments_line(adjusted, lang("en"))
    assert en == (
        f"What-if: volume ×1.2, AHT ×1.05, EUR exchange rate ×1.1, rates of "
        f"{vendor.display_name} ×0.9 (the scenario's adjustments section)"
    )
    assert adjustments_line(adjusted, lang("zh")).startswith(
        "假设分析：业务量 ×1.2，平均处理时长 ×1.05"
    )
    assert adjustments_line(scenario, lang("en")) == ""
    unchanged = scenario.model_copy(update={"adjustments": Adjustments()})
    assert adjustments_line(unchanged, lang("en")) == ""


def test_report_and_terminal_show_it(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8") + "\nadjustments:\n  volume: 0.8\n"
    path = tmp_path / "whatif.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = cscost.load_scenario(path)
    html = render_html(cscost.evaluate(scenario), scenario, lang("en"))
    assert 'id="whatif-note">What-if: volume ×0.8' in html
    plain = render_html(cscost.evaluate(cscost.load_scenario(EXAMPLE)), None, lang("en"))
    assert "whatif-note" not in plain
    result = CliRunner().invoke(cscost.cli.app, ["evaluate", str(path)])
    assert result.exit_code == 0, result.output
    assert "What-if: volume ×0.8" in result.output
