"""``mmkg options``: which options remain open for a patient, here, on a day, and why."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..output import render
from ..sequencing.regions import REGIONS
from .common import DISCLAIMER, _load, main, once


@main.command(
    help=(
        "Options that remain open for a patient in a region on a date, with reasons, approvals, "
        "recommendations and evidence. Give a history file (YAML, JSON or Turtle; see "
        "examples/patient-history.yaml) or the quick-question options --after, --exposed, "
        f"--refractory and --lines.\n\n{DISCLAIMER}"
    )
)
@once("--history", "history_file", type=str, metavar="FILE", help="Patient history (YAML, JSON or Turtle).")
@once(
    "--region",
    type=click.Choice(REGIONS, case_sensitive=False),
    required=True,
    help="US (FDA), EU (European Commission) or IT (EU + AIFA).",
)
@once("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="The day to answer for (default: today).")
@once("--after", default=None, metavar="DRUG", help="The last line contained DRUG and the disease is refractory to it.")
@click.option(
    "--exposed", multiple=True, metavar="DRUG_OR_CLASS", help="Exposed to a drug or a member of a class (repeatable)."
)
@click.option(
    "--refractory",
    multiple=True,
    metavar="DRUG_OR_CLASS",
    help="Refractory to a drug or a member of a class (repeatable).",
)
@once("--lines", type=click.IntRange(0, 50), default=None, help="Number of prior lines of therapy (0 to 50).")
@once(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format."
)
def options(
    history_file: str | None,
    region: str,
    as_of: str | None,
    after: str | None,
    exposed: tuple[str, ...],
    refractory: tuple[str, ...],
    lines: int | None,
    fmt: str,
) -> None:
    import datetime as dt
    import json

    from ..sequencing import history_from_shortcuts, read_history
    from ..sequencing import options as find_options

    if as_of is not None and not as_of.strip():
        raise InputError("--as-of is empty: give YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(as_of.strip()) if as_of else None
    except ValueError:
        raise InputError(f"--as-of expects YYYY-MM-DD, got {as_of!r}") from None
    kg = _load()
    if history_file is not None:
        if after is not None or exposed or refractory or lines is not None:
            raise InputError("give either --history or the quick-question options, not both")
        if not history_file.strip() or "\x00" in history_file:
            raise InputError("--history needs a file name")
        history = read_history(Path(history_file), kg)
    else:
        history = history_from_shortcuts(kg, after=after, exposed=exposed, refractory=refractory, lines=lines)
    report = find_options(kg, history, region=region, as_of=day)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    patient = report.patient
    click.echo(
        f"{report.region} as of {report.as_of}: patient with {patient['prior_lines']} prior line(s); states: {', '.join(patient['states']) or 'none'}"
    )
    rows = []
    for option in report.options:
        worst = [r.text for r in option.reasons if r.status == option.status]
        rows.append(
            {
                "status": option.status,
                "option": option.label,
                "kind": option.kind,
                "targets": ", ".join(option.targets),
                "reason": worst[0] if worst else "",
            }
        )
    click.echo(render(rows, "table", columns=["status", "option", "kind", "targets", "reason"]), nl=False)
    for assumption in report.assumptions:
        click.echo(f"assumed: {assumption}")
    if report.not_curated:
        names = ", ".join(entry["label"] for entry in report.not_curated)
        click.echo(f"not curated here (no approval in force recorded, decisions not curated completely): {names}")
    click.echo(DISCLAIMER)
