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

DISCLAIMER = (
    "mmkg gives information about multiple myeloma therapies with its evidence "
    "(trials, approvals, guidelines, each with its source). It is not medical advice: "
    "treatment decisions belong to the patient and their physicians."
)


def _fail(error: MmkgError) -> NoReturn:
    click.echo(f"mmkg: error: {error}", err=True)
    if isinstance(error, BuildFailed):
        for line in error.details:
            click.echo(f"  {line}", err=True)
    sys.exit(error.exit_code)


def _load() -> Any:
    from .store import load

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


@main.command(help="Merge the curated Turtle, reason with HermiT, apply rules, validate with SHACL and write the release.")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Release folder (default: the project's release/).")
@click.option("--check", is_flag=True, help="Rebuild in a scratch folder and fail if the release differs.")
def build(out: Path | None, check: bool) -> None:
    from . import release as building

    if check:
        differing = building.check(release=out)
        if differing:
            raise BuildFailed(f"the release is out of date or not reproducible: {', '.join(differing)} differ; run `mmkg build`")
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


@main.command(help="Find the entity a name, abbreviation, CURIE or IRI refers to.")
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
