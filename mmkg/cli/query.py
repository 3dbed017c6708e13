"""``mmkg queries`` and ``mmkg query``: the named queries, a .rq file or inline SPARQL."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..output import FORMATS, render
from .common import _load, _parse_params, format_option, main


@main.command(name="queries", help="List the named queries with their parameters; with NAME, show one in full.")
@click.argument("name", required=False)
@format_option
def list_queries(name: str | None, fmt: str) -> None:
    from ..queries import catalogue

    if name is not None:
        from ..docs.queries import query_help

        click.echo(query_help(catalogue().get(name)), nl=False)
        return
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
@click.option("--endpoint", metavar="URL", default=None, help="Ask this SPARQL endpoint instead of the embedded store.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "parquet"]),
    default="table",
    show_default=True,
    help="Output format (parquet needs the [frames] extra).",
)
def query(query: str, params: tuple[str, ...], endpoint: str | None, fmt: str) -> None:
    from ..docs.vocabulary import unknown_terms
    from ..errors import InputError
    from ..frames import table
    from ..queries import catalogue, parse_named_query

    values = _parse_params(params)
    kg = _load()
    path = Path(query)
    inline = not (query.endswith(".rq") and path.is_file()) and (
        any(ch.isspace() for ch in query.strip()) or "{" in query
    )
    for warning in unknown_terms(kg, query) if inline else ():
        click.echo(f"mmkg: warning: {warning}", err=True)
    if endpoint is not None:
        from ..endpoint import remote_answer
        from ..store import bind_values
        from ..terms import to_term

        if fmt == "parquet":
            raise InputError("--format parquet is for the embedded store's typed tables, not --endpoint")
        named = None if inline else parse_named_query(path) if query.endswith(".rq") else catalogue().get(query)
        bindings = named.bindings(kg, values) if named else {k: to_term(v) for k, v in values.items()}
        remote = remote_answer(endpoint, bind_values(named.sparql if named else query, bindings))
        if isinstance(remote, bool):
            click.echo(render(remote, fmt), nl=False)
        else:
            columns, rows = remote
            click.echo(render(rows, fmt, columns=columns), nl=False)
        return
    answer = table(kg, query, values, iris="iri" if fmt in ("json", "parquet") else "curie")
    if isinstance(answer, bool):
        click.echo(render(answer, fmt), nl=False)
    elif fmt == "parquet":
        sys.stdout.buffer.write(answer.to_parquet())
    else:
        click.echo(render(answer.rows, fmt, columns=answer.columns), nl=False)
