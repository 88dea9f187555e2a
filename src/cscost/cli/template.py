"""`cscost template` (the vendor pricing workbook) and `cscost import-quote` (read it back)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from cscost.cli import app
from cscost.errors import ArgumentError
from cscost.io import load_scenario, parse_scenario, read_text
from cscost.io.outputs import check_output, scenario_inputs
from cscost.io.rfp.layout import TERM_STATUS
from cscost.io.scenario.load import Format
from cscost.io.scenario.merge import plain_numbers, scenario_text, scenario_with_vendor
from cscost.io.tables.writers import write_text
from cscost.model import Scenario
from cscost.report import i18n, terminal
from cscost.report.i18n import Lang
from cscost.report.labels import category_label

if TYPE_CHECKING:
    from cscost.io.rfp.read import ImportedQuote

console = Console(highlight=False)

ScenarioFile = Annotated[
    Path, typer.Argument(help="Scenario file (YAML or JSON).", exists=True, dir_okay=False)
]


def _fresh(
    path: Path, force: bool, what: str, protected: tuple[Path, ...] = (), kind: str = "xlsx"
) -> None:
    """Refuse to overwrite an input (even with --force), a file of another kind, or an
    existing file without --force (a filled workbook or a quote is someone's work)."""
    check_output(path, protected, kind, what)
    if path.exists() and not force:
        raise ArgumentError(f"{what}: {path} exists; choose a new name or pass --force")


@app.command()
def template(
    file: ScenarioFile,
    output: Annotated[Path, typer.Option("--output", "-o", help="Workbook to write (.xlsx).")],
    lang: Annotated[str, typer.Option(help="Language of the workbook: en or zh.")] = "en",
    force: Annotated[bool, typer.Option(help="Overwrite --output if it exists.")] = False,
) -> None:
    """Write the pricing template (RFP workbook) that vendors fill in."""
    scenario = load_scenario(file)
    _fresh(output, force, "--output", scenario_inputs(file, scenario))
    from cscost.io.rfp.write import write_template  # openpyxl: loaded only when used

    language = i18n.lang(lang)
    write_template(scenario, output, language.code)
    text = terminal.message(
        language,
        "template_written",
        name=scenario.scenario.name,
        queues=len(scenario.queues),
        months=scenario.scenario.months,
        lang=language.code,
        path=output,
    )
    console.print(escape(text))


def _text_kind(path: Path) -> str:
    """The kind written to ``path``: JSON for a ``.json`` name, else YAML."""
    return "json" if path.suffix.lower() == ".json" else "yaml"


def _format(path: Path) -> Format:
    return "json" if path.suffix.lower() == ".json" else "yaml"


@app.command("import-quote")
def import_quote(
    workbook: Annotated[Path, typer.Argument(help="The filled template (.xlsx).")],
    scenario_file: Annotated[
        Path, typer.Option("--scenario", "-s", help="Scenario file.", exists=True, dir_okay=False)
    ],
    vendor_id: Annotated[
        str | None, typer.Option("--id", help="Vendor id (default: from the vendor name).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Quote YAML (default <id>.yaml).")
    ] = None,
    merge_into: Annotated[
        Path | None,
        typer.Option(
            "--merge-into", help="Also write a copy of the scenario with this vendor added."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite output files that exist.")] = False,
    lang: Annotated[
        str | None, typer.Option(help="Language: en or zh (default: the scenario's locale).")
    ] = None,
) -> None:
    """Read a filled pricing template into a vendor quote (YAML); never edits the scenario."""
    scenario = load_scenario(scenario_file)
    from cscost.io.rfp.read import read_quote  # openpyxl: loaded only when used

    quote = read_quote(workbook, scenario, vendor_id)
    data = plain_numbers(quote.data)
    target = output or Path(f"{quote.vendor.id}.yaml")
    protected = (*scenario_inputs(scenario_file, scenario), workbook)
    _fresh(target, force, "--output", protected, _text_kind(target))
    merged = None
    if merge_into is not None:
        _fresh(merge_into, force, "--merge-into", (*protected, target), _text_kind(merge_into))
        merged = _merged_text(scenario_file, scenario, data, merge_into)
    write_text(target, scenario_text(data, _format(target)))
    if merge_into is not None and merged is not None:
        write_text(merge_into, merged)
    language = i18n.lang(lang or scenario.scenario.locale)
    _summary(quote, scenario, language)
    console.print(
        escape(terminal.message(language, "quote_written", vendor=quote.vendor.id, path=target))
    )
    if merge_into is not None:
        console.print(
            escape(
                terminal.message(
                    language, "merged_written", vendor=quote.vendor.id, path=merge_into
                )
            )
        )


def _merged_text(
    scenario_file: Path, scenario: Scenario, vendor: dict[str, Any], new_file: Path
) -> str:
    """The scenario file's data with ``vendor`` appended, validated, as text."""
    if vendor["id"] in {v.id for v in scenario.vendors}:
        raise ArgumentError(
            f"--merge-into: the scenario already has vendor {vendor['id']}; pass another --id"
        )
    text = read_text(scenario_file).text
    fmt = _format(new_file)
    out = scenario_with_vendor(text, _format(scenario_file), vendor, str(scenario_file), fmt)
    parse_scenario(out, name=str(new_file), fmt=fmt, base_dir=new_file.parent)
    return out


def _amount(fee: dict[str, Any]) -> str:
    if "tiers" in fee:
        bands = [
            f"≤{b['up_to']:g}: {b['rate']:g}" if "up_to" in b else f"rest: {b['rate']:g}"
            for b in fee["tiers"]
        ]
        return f"{fee.get('tiering', 'marginal')} " + ", ".join(bands)
    if "percent" in fee:
        return f"+{fee['percent']:.1%}" + (f" ({fee['window']})" if "window" in fee else "")
    return f"{fee.get('rate', fee.get('amount'))}"


def _summary(quote: ImportedQuote, scenario: Scenario, lang: Lang) -> None:
    vendor = quote.vendor
    currency = vendor.currency or scenario.scenario.currency
    fees = quote.data["fees"]
    title = f"{vendor.display_name} ({vendor.id}), {currency}"
    console.print(terminal.quote_table(title, fees, [_amount(f) for f in fees], lang))
    terms = {
        k: quote.data[k]
        for k in (
            "term_months",
            "notice_months",
            "trial_months",
            "minimum_monthly",
            "escalation",
            "sla",
            "termination_fee",
            "tax_rate",
            "discount",
        )
        if k in quote.data
    }
    shown = json.dumps(terms, ensure_ascii=False) if terms else terminal.listing(lang, [])
    console.print(escape(terminal.message(lang, "quote_terms", terms=shown)))
    if vendor.assumptions.model_fields_set or vendor.kpis.model_fields_set:
        values = {**quote.data.get("assumptions", {}), **quote.data.get("kpis", {})}
        text = json.dumps(values, ensure_ascii=False)
        console.print(escape(terminal.message(lang, "quote_assumptions", values=text)))
    included = [category_label(c, lang) for c in vendor.included]
    offered = [category_label(c, lang) for c in quote.not_offered]
    for key, names in (("quote_included", included), ("quote_not_offered", offered)):
        console.print(escape(terminal.message(lang, key, values=terminal.listing(lang, names))))
    charged = {str(f.audit_category) for f in vendor.fees}
    charged |= {
        TERM_STATUS[k]
        for k, field in (
            ("minimum_monthly", "minimum_monthly"),
            ("escalation_rate", "escalation"),
            ("sla_at_risk", "sla"),
            ("termination_fee", "termination_fee"),
            ("tax_rate", "tax_rate"),
        )
        if field in quote.data
    }
    audited = [
        category_label(c, lang) for c in _AUDITED if c not in charged and c not in vendor.included
    ]
    missing = terminal.listing(lang, audited)
    console.print(escape(terminal.message(lang, "quote_missing", values=missing)))
    for note in quote.notes:
        console.print(terminal.note_text(lang, note))


_AUDITED = (
    "setup",
    "training",
    "minimum_commitment",
    "escalation",
    "termination",
    "technology",
    "telephony",
    "night_surcharge",
    "weekend_surcharge",
    "holiday_surcharge",
    "language_surcharge",
    "management",
    "reporting",
    "integration",
    "sla_credits",
    "tax",
)
