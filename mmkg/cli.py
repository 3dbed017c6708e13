"""The ``mmkg`` command: one thin layer over the Python API.

Errors in what the user gave (unknown names, bad SPARQL, bad parameters, broken
files) print one line on stderr and exit with status 2; a failed build exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from .errors import BuildFailed, InputError, MmkgError
from .output import FORMATS, render
from .sequencing.options import REGIONS

DISCLAIMER = (
    "mmkg gives information about multiple myeloma therapies with its evidence "
    "(trials, approvals, guidelines, each with its source). It is not medical advice: "
    "treatment decisions belong to the patient and their physicians."
)


def _fail(error: MmkgError) -> NoReturn:
    from .sequencing import HistoryError

    if isinstance(error, HistoryError):
        for problem in error.problems:
            click.echo(f"mmkg: error: {error.source}: {problem}", err=True)
    else:
        click.echo(f"mmkg: error: {error}", err=True)
    if isinstance(error, BuildFailed):
        for line in error.details:
            click.echo(f"  {line}", err=True)
    sys.exit(error.exit_code)


def _load() -> Any:
    from .graph import load

    return load()


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param expects NAME=VALUE, got {pair!r}")
        params[key.strip()] = value.strip()
    return params


format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)


@click.group(help=f"mmkg: a knowledge graph of multiple myeloma therapies.\n\n{DISCLAIMER}")
@click.version_option(package_name="mmkg")
def main() -> None:
    pass


@main.command(
    help="Merge the curated Turtle, reason with HermiT, apply rules, validate with SHACL and write the release."
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Release folder (default: the project's release/)."
)
@click.option("--check", is_flag=True, help="Rebuild in a scratch folder and fail if the release differs.")
def build(out: Path | None, check: bool) -> None:
    try:
        from . import build as building
    except ImportError as error:
        raise InputError(
            f"the build needs the optional dependencies ({error.name} is missing): pip install 'mmkg[build]'"
        ) from None

    if check:
        differing = building.check(release=out)
        if differing:
            raise BuildFailed(
                f"the release is out of date or not reproducible: {', '.join(differing)} differ; run `mmkg build`"
            )
        click.echo("release is up to date and reproducible")
        return
    report = building.build(out=out)
    for line in report.warnings:
        click.echo(f"  {line}", err=True)
    click.echo(f"built release: {report.summary()}")


@main.command(name="queries", help="List the named queries with their parameters.")
@format_option
def list_queries(fmt: str) -> None:
    from .queries import catalogue

    rows = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": ", ".join(f"{p.name} ({p.type}{'=' + p.default if p.default else ''})" for p in q.parameters),
        }
        for q in catalogue()
    ]
    click.echo(render(rows, fmt, columns=["name", "title", "parameters"]), nl=False)


@main.command(help="Run a named query, a .rq file or inline SPARQL.")
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter (repeatable).")
@format_option
def query(query: str, params: tuple[str, ...], fmt: str) -> None:
    from .queries import catalogue, parse_named_query

    values = _parse_params(params)
    kg = _load()
    path = Path(query)
    if query.endswith(".rq") and path.is_file():
        answer = parse_named_query(path).answer(kg, values)
    elif any(ch.isspace() for ch in query.strip()) or "{" in query:
        answer = kg.answer(query, **values)
    else:
        answer = catalogue().get(query).answer(kg, values)
    if isinstance(answer, bool):
        click.echo(render(answer, fmt), nl=False)
    else:
        columns, rows = answer
        click.echo(render(rows, fmt, columns=columns), nl=False)


@main.command(
    help=(
        "Options that remain open for a patient in a region on a date, with reasons, approvals, "
        "recommendations and evidence. Give a history file (YAML, JSON or Turtle; see "
        "examples/patient-history.yaml) or the quick-question options --after, --exposed, "
        f"--refractory and --lines.\n\n{DISCLAIMER}"
    )
)
@click.option(
    "--history", "history_file", type=click.Path(path_type=Path), help="Patient history (YAML, JSON or Turtle)."
)
@click.option(
    "--region",
    type=click.Choice(REGIONS, case_sensitive=False),
    required=True,
    help="US (FDA), EU (European Commission) or IT (EU + AIFA).",
)
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="The day to answer for (default: today).")
@click.option(
    "--after", default=None, metavar="DRUG", help="The last line contained DRUG and the disease is refractory to it."
)
@click.option(
    "--exposed", multiple=True, metavar="DRUG_OR_CLASS", help="Exposed to a drug or a member of a class (repeatable)."
)
@click.option(
    "--refractory",
    multiple=True,
    metavar="DRUG_OR_CLASS",
    help="Refractory to a drug or a member of a class (repeatable).",
)
@click.option("--lines", type=int, default=None, help="Number of prior lines of therapy.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format."
)
def options(
    history_file: Path | None,
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

    from .sequencing import history_from_shortcuts, read_history
    from .sequencing import options as find_options

    try:
        day = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise InputError(f"--as-of expects YYYY-MM-DD, got {as_of!r}") from None
    kg = _load()
    if history_file is not None:
        if after or exposed or refractory or lines is not None:
            raise InputError("give either --history or the quick-question options, not both")
        history = read_history(history_file, kg)
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


@main.command(help="A drug's (or target's, or class's) identifiers in external vocabularies, with their sources.")
@click.argument("entity")
@format_option
def xref(entity: str, fmt: str) -> None:
    from .prefixes import compact
    from .xrefs import absent_identifiers, xrefs

    kg = _load()
    iri = kg.resolve(entity)
    rows = [
        {
            "scheme": x["scheme"],
            "identifier": x["identifier"],
            "match": x["predicate"],
            "iri": x["iri"],
            "sources": " ; ".join(compact(src) for src in x["sources"]),
        }
        for x in xrefs(kg, iri)
    ]
    rows += [
        {
            "scheme": a["scheme"],
            "identifier": f"({a['status'] or 'absent'})",
            "match": "",
            "iri": "",
            "sources": " ; ".join(compact(src) for src in a["checked_in"]),
        }
        for a in absent_identifiers(kg, iri)
    ]
    click.echo(render(rows, fmt, columns=["scheme", "identifier", "match", "iri", "sources"]), nl=False)


@main.command(help="Find the entity a name, abbreviation, CURIE, IRI or external identifier refers to.")
@click.argument("name")
def resolve(name: str) -> None:
    from .prefixes import compact

    kg = _load()
    iri = kg.resolve(name)
    click.echo(f"{compact(iri)}\t{kg.label(iri)}\t{iri}")


def run() -> None:
    """Entry point: run the CLI, turning every user-facing error into one line."""
    try:
        main(standalone_mode=False)
    except MmkgError as error:
        _fail(error)
    except click.exceptions.Abort:
        click.echo("mmkg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        click.echo(f"mmkg: error: {error.format_message()}", err=True)
        sys.exit(2)
