"""`cscost plan` and `cscost evaluate` on the bundled example, as a user runs them."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cscost.cli
from cscost.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ECOMMERCE = str(EXAMPLES / "ecommerce.yaml")
runner = CliRunner()
cscost.cli._register()


def test_evaluate_prints_ranking_and_audit() -> None:
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Huaxin" in text
    assert "Shenzhou" in text
    assert "Hidden-cost audit" in text
    assert "minimum monthly volume" in text  # a question for vendor-a


def test_evaluate_json_sums_to_totals(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["currency"] == "CNY"
    assert len(doc["options"]) == 6
    for option in doc["options"]:
        amounts = [r["amount"] for r in doc["bill"] if r["option"] == option["name"]]
        assert math.fsum(amounts) == option["total"]
        assert abs(sum(amounts) - option["total"]) < 1e-6 * option["total"]
    assert sorted(o["rank"] for o in doc["options"]) == [1, 2, 3, 4, 5, 6]
    assert {r["month"] for r in doc["bill"]} >= {"2027-01", "2029-12"}


def test_evaluate_writes_the_bill_csv(tmp_path: Path) -> None:
    out = tmp_path / "bill.csv"
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {
        "option",
        "provider",
        "queue",
        "line",
        "category",
        "month",
        "quantity",
        "rate",
        "amount",
    } <= set(rows[0])
    assert len({r["option"] for r in rows}) == 6


def test_plan_table_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    result = runner.invoke(app, ["plan", ECOMMERCE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "voice-zh" in result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 3 * 36
    assert {"fte", "seats", "productive_hours", "paid_hours", "night_hours"} <= set(rows[0])
    detail = tmp_path / "detail.csv"
    result = runner.invoke(
        app, ["plan", ECOMMERCE, "--provider", "vendor-a", "-o", str(detail), "--detail"]
    )
    assert result.exit_code == 0, result.output
    with detail.open(encoding="utf-8-sig") as handle:
        header = handle.readline().strip().split(",")
    assert header == ["queue", "provider", "month", "weekday", "start", "volume", "agents"]


def test_unknown_provider_and_bad_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", ECOMMERCE, "--provider", "nobody"])
    assert result.exit_code == 2
    assert "nobody" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: {name: x, currency: CNY, start: 2027-13}\nqueues: []\n")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:1" in result.output
    assert "Traceback" not in result.output


def test_missing_fx_and_uncovered_hours_are_named(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(
        "scenario: {name: t, currency: CNY, start: 2027-01, months: 3}\n"
        "queues:\n"
        "  - {id: v, channel: voice, language: zh, volume: {monthly: 1000}, aht: 300s,\n"
        "     target: {answer_within: 20s, level: 0.8}, hours: '08:00-20:00'}\n"
        "inhouse: {agent_monthly_cost: {general: 8000}}\n"
        "vendors:\n"
        "  - {id: a, currency: EUR, fees: [{kind: per_contact, rate: 1.0}]}\n"
        "options:\n"
        "  - {name: gap, assign: {v: [{provider: a, hours: '08:00-12:00'}]}}\n"
    )
    result = runner.invoke(app, ["evaluate", str(f)])
    assert result.exit_code == 2
    assert "vendors[0].currency" in result.output
    assert "EUR" in result.output
    assert "options[0].assign.v" in result.output
    assert "12:00-20:00" in result.output


def test_unreachable_response_target_is_located(tmp_path: Path) -> None:
    f = tmp_path / "mail.yaml"
    f.write_text(
        "scenario: {name: t, currency: CNY, start: 2027-01, months: 3}\n"
        "queues:\n"
        "  - {id: e, channel: email, language: de, volume: {monthly: 1300}, aht: 40m,\n"
        "     hours: 'Mon-Fri 08:00-19:00', target: {respond_within: 30m, level: 0.95}}\n"
        "inhouse: {agent_monthly_cost: {general: 8000}}\n"
    )
    for command in ("validate", "evaluate"):
        result = runner.invoke(app, [command, str(f)])
        assert result.exit_code == 2
        assert "mail.yaml:4:" in result.output
        assert "queues[0].target" in result.output


def test_unwritable_output_is_a_message(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = runner.invoke(app, ["evaluate", ECOMMERCE, "-o", str(blocked / "bill.csv")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "bill.csv" in result.output


def test_a_bug_is_one_paragraph_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import cscost.cli.evaluate as command

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(command._api, "evaluate", broken)
    monkeypatch.delenv("CSCOST_DEBUG", raising=False)
    result = runner.invoke(app, ["evaluate", ECOMMERCE])
    assert result.exit_code == 1
    assert "internal error" in result.output
    assert "CSCOST_DEBUG" in result.output
    assert "Traceback" not in result.output


ZERO_VOLUME = """
scenario: {name: quiet, currency: CNY, start: 2027-01, months: 3}
queues:
  - {id: voice, channel: voice, language: zh, volume: {monthly: 0}, aht: 300s,
     hours: "Mon-Fri 09:00-18:00", target: {answer_within: 20s, level: 0.8}}
inhouse: {agent_monthly_cost: {general: 8000}}
vendors:
  - {id: pc, fees: [{kind: per_contact, rate: 5.0}]}
"""


def test_a_zero_volume_scenario_gives_json_with_nulls(tmp_path: Path) -> None:
    """No contacts: cost per contact is 0/0; JSON has no NaN, so it is null, and exit 0."""
    path = tmp_path / "quiet.yaml"
    path.write_text(ZERO_VOLUME, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    per_contact = {o["name"]: o["cost_per_contact"] for o in doc["options"]}
    assert per_contact == {"inhouse": None, "pc": None}
    assert "NaN" not in result.stdout


def test_every_command_module_is_registered() -> None:
    """A module in cscost/cli/ that is not in COMMAND_MODULES would offer no command."""
    folder = Path(cscost.cli.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert set(cscost.cli.COMMAND_MODULES) == modules


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate", "{s}", "-o", "{s}"],
        ["evaluate", "{s}", "--format", "json", "-o", "{s}"],
        ["plan", "{s}", "-o", "{s}"],
        ["report", "{s}", "-o", "{s}"],
        ["report", "{s}", "--format", "xlsx", "-o", "{link}"],
        ["template", "{s}", "-o", "{s}", "--force"],
        ["evaluate", "{s}", "-o", "{dir}/bill.yaml"],
        ["report", "{s}", "-o", "{dir}/report.csv"],
    ],
)
def test_no_command_writes_over_its_input(tmp_path: Path, args: list[str]) -> None:
    """The scenario file stays byte-identical; exit 2 with a message; nothing else written."""
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes((EXAMPLES / "saas.yaml").read_bytes())
    (tmp_path / "link.yaml").symlink_to(scenario)
    before = scenario.read_bytes()
    values = {"s": str(scenario), "link": str(tmp_path / "link.yaml"), "dir": str(tmp_path)}
    result = runner.invoke(app, [a.format(**values) for a in args])
    assert result.exit_code == 2, result.output
    assert "is an input of this command" in result.output or "the name says" in result.output
    assert scenario.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "s.yaml"]


QUEUE_ONLY = """\
scenario: {name: 只有队列, currency: CNY, start: 2027-01, months: 12}
queues:
  - id: voice-zh
    channel: voice
    language: zh
    volume: VOLUME
    aht: 300s
    hours: "Mon-Fri 08:00-20:00"
    target: {answer_within: 20s, level: 0.8}
"""


def test_history_file_is_an_input_too(tmp_path: Path) -> None:
    """A history file a queue forecasts from is protected like the scenario itself."""
    months = [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]
    history = tmp_path / "history.csv"
    history.write_text(
        "date,voice-zh\n" + "".join(f"{m},{20000 + 150 * i}\n" for i, m in enumerate(months)),
        encoding="utf-8",
    )
    scenario = tmp_path / "s.yaml"
    scenario.write_text(QUEUE_ONLY.replace("VOLUME", "{forecast: history.csv}"), encoding="utf-8")
    before = history.read_bytes()
    for command in ("plan", "evaluate"):
        result = runner.invoke(app, [command, str(scenario), "-o", str(history)])
        assert result.exit_code == 2, result.output
        assert "is an input of this command" in result.output
    assert history.read_bytes() == before


def test_bill_csv_has_a_byte_order_mark(tmp_path: Path) -> None:
    out = tmp_path / "bill.csv"
    assert runner.invoke(app, ["evaluate", ECOMMERCE, "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfoption,")


def test_queue_only_file_plans_and_templates_but_cannot_be_priced(tmp_path: Path) -> None:
    """Queues and no prices: validate, plan and template work; evaluate says what is missing."""
    scenario = tmp_path / "q.yaml"
    scenario.write_text(QUEUE_ONLY.replace("VOLUME", "{monthly: 20000}"), encoding="utf-8")
    assert runner.invoke(app, ["validate", str(scenario)]).exit_code == 0
    planned = runner.invoke(app, ["plan", str(scenario), "-o", str(tmp_path / "plan.csv")])
    assert planned.exit_code == 0, planned.output
    assert "FTE" in planned.output
    assert "workforce" in planned.output  # the note: in-house defaults are used
    rows = list(csv.DictReader((tmp_path / "plan.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == 12
    assert float(rows[0]["fte"]) > 10
    book = tmp_path / "rfp.xlsx"
    assert runner.invoke(app, ["template", str(scenario), "-o", str(book)]).exit_code == 0
    assert book.stat().st_size > 0
    for command in ("evaluate", "report", "sensitivity"):
        result = runner.invoke(app, [command, str(scenario), "-o", str(tmp_path / "x")][:2])
        assert result.exit_code == 2, result.output
        assert "nothing to price" in result.output
        assert "cscost template" in " ".join(result.output.split())


def test_plan_of_one_option_staffs_its_parts(tmp_path: Path) -> None:
    """`plan --option NAME`: each part of the option staffed by its own provider."""
    out = tmp_path / "plan.csv"
    name = "Shenzhou at night, in-house by day"
    result = runner.invoke(app, ["plan", ECOMMERCE, "--option", name, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["provider"] for r in rows} == {"inhouse", "vendor-c"}
    unknown = runner.invoke(app, ["plan", ECOMMERCE, "--option", "nope"])
    assert unknown.exit_code == 2
    assert "no option 'nope'; options:" in unknown.output
