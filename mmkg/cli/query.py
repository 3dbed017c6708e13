"""``mmkg queries`` and ``mmkg query``: the named queries, a .rq file or inline SPARQL."""

from __future__ import annotations

from pathlib import Path

import click

from ..output import render
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
@format_option
def query(query: str, params: tuple[str, ...], fmt: str) -> None:
    from ..queries import catalogue, parse_named_query

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
