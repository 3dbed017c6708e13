"""``mmkg queries`` and ``mmkg query``: the named queries, a .rq file or inline SPARQL."""

from __future__ import annotations

import sys

import click

from ..output import FORMATS, render
from .common import _load, _parse_params, format_option, main


@main.command(name="queries", help="List the named queries with their parameters.")
@format_option
def list_queries(fmt: str) -> None:
    from ..queries import catalogue

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
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "parquet"]),
    default="table",
    show_default=True,
    help="Output format (parquet needs the [frames] extra).",
)
def query(query: str, params: tuple[str, ...], fmt: str) -> None:
    from ..frames import table

    answer = table(_load(), query, _parse_params(params), iris="iri" if fmt in ("json", "parquet") else "curie")
    if isinstance(answer, bool):
        click.echo(render(answer, fmt), nl=False)
    elif fmt == "parquet":
        sys.stdout.buffer.write(answer.to_parquet())
    else:
        click.echo(render(answer.rows, fmt, columns=answer.columns), nl=False)
