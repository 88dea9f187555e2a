"""The actuals and invoice readers: located errors, formats, and the SLA ladder's validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscost.errors import InputFileError, ScenarioError
from cscost.io import parse_scenario
from cscost.io.tables.actuals import read_actuals
from cscost.io.tables.invoice import read_invoice
from cscost.model import Scenario
from cscost.reconcile import contract_months, required_columns

from .helpers import SCENARIO

MONTHS = ("2027-01", "2027-02", "2027-03")


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_required_columns_follow_the_fee_kinds(scenario: Scenario) -> None:
    acme = scenario.vendor("acme")
    assert required_columns(acme) == {"fte": "fees[0] (agents)", "service_level": "sla.levels"}
    assert required_columns(scenario.vendor("pacific")) == {"handled": "fees[0] (contacts)"}
    assert contract_months(scenario, acme)[-1] == "2028-12"  # term_months 24 cuts the 36


def test_actuals_read_percent_durations_and_skip_other_vendors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Month,Queue,FTE,aht_s,service_level,vendor\n"
        "2027-02,voice,20.5,5m,82%,acme\n"
        "2027-02,email,3,360,,other\n",
    )
    rows = read_actuals(
        path, required={"fte": "fees[0]"}, months=MONTHS, queues=("voice", "email"), vendor="acme"
    )
    assert len(rows) == 1
    assert rows[0].values == {"fte": 20.5, "aht_s": 300.0, "service_level": 0.82}


def test_every_bad_actuals_cell_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "month,queue,fte,service_level\n"
        "2027-13,voice,20,0.8\n"
        "2027-02,phone,x,1.2\n"
        "2027-02,voice,,0.8\n"
        "2027-02,voice,4,0.8\n",
    )
    with pytest.raises(InputFileError) as caught:
        read_actuals(path, required={"fte": "fees[0]"}, months=MONTHS, queues=("voice",))
    text = str(caught.value)
    assert f"{path}:2:1: month: not a month (found '2027-13'; expected YYYY-MM)" in text
    assert f"{path}:3:2: queue: unknown queue" in text
    assert f"{path}:3:3: fte: not a number (found 'x'" in text
    assert f"{path}:3:4: service_level: out of range (found '1.2'; expected a value in [0, 1])" in (
        text
    )
    assert f"{path}:4:3: fte: empty cell" in text
    assert f"{path}:5:1: month: a second row for 2027-02 voice (first at line 4)" in text


def test_invoice_currency_blank_is_the_quotes_and_unknown_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "month,line,amount,currency\n2027-01,tax,6,\n2027-01,tax,1,JPY\n")
    with pytest.raises(InputFileError, match=r"t.csv:3:4: currency: unknown currency"):
        read_invoice(path, months=MONTHS, currencies=("CNY", "USD"), default_currency="CNY")
    path = write(tmp_path, "month,line,amount\n2027-01,tax,6\n", "ok.csv")
    (only,) = read_invoice(path, months=MONTHS, currencies=("CNY",), default_currency="CNY")
    assert (only.currency, only.amount, only.quantity) == ("CNY", 6.0, None)


def test_invoice_missing_columns_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "month,description\n2027-01,tax\n")
    with pytest.raises(InputFileError) as caught:
        read_invoice(path, months=MONTHS, currencies=("CNY",), default_currency="CNY")
    assert "missing column `line`" in str(caught.value)
    assert "missing column `amount`" in str(caught.value)


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "i.csv"
    path.write_bytes(b"month,line\x00,amount\n")
    with pytest.raises(InputFileError, match="NUL"):
        read_invoice(path, months=MONTHS, currencies=("CNY",), default_currency="CNY")


def test_sla_levels_are_validated_with_their_location() -> None:
    text = SCENARIO.replace("{below: 0.70, credit: 0.10}", "{below: 0.80, credit: 1.5}")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, name="contract.yaml")
    message = str(caught.value)
    assert "vendors[0].sla.levels[1].credit" in message


def test_the_ladder_gives_the_largest_credit_below_and_at_most_at_risk(
    scenario: Scenario,
) -> None:
    sla = scenario.vendor("acme").sla
    assert sla is not None
    assert [sla.ladder_credit(v) for v in (0.85, 0.80, 0.79, 0.70, 0.5)] == [
        0.0,
        0.0,
        0.05,
        0.05,
        0.10,
    ]


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1,234.50", 1234.5), ("¥1,234.50", 1234.5), ("-¥12", -12.0), ("(1,000.00)", -1000.0),
     ("85%", 0.85), ("-0.05", -0.05), ("abc", None), ("nan", None), ("inf", None)],
)  # fmt: skip
def test_invoice_numbers_as_accountants_write_them(cell: str, value: float | None) -> None:
    from cscost.io.tables.grid import number

    assert number(cell) == value


@pytest.mark.parametrize(
    ("cell", "month"),
    [("2027-03", "2027-03"), ("2027/3", "2027-03"), ("2027-03-01", "2027-03"),
     ("2027年3月", "2027-03"), ("2027-13", None), ("03/2027", None), ("202703", None)],
)  # fmt: skip
def test_months_as_people_write_them(cell: str, month: str | None) -> None:
    from cscost.io.tables.grid import month_text

    assert month_text(cell) == month
