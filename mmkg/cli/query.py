"""``mmkg queries`` and ``mmkg query``: the named queries, a .rq file or inline SPARQL.

Every query is bounded: ``--timeout`` seconds (default 30), ``--max-rows`` rows
(default 100,000); a query past a limit is stopped and reported in one line (exit 2).
``SERVICE`` (federated SPARQL) is off unless ``--service HOST`` allows that host.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError
from ..output import FORMATS, render
from ..store import DEFAULT_MAX_ROWS, DEFAULT_SERVICE_TIMEOUT, DEFAULT_TIMEOUT, LIMIT_OPTIONS
from .common import _load, _parse_params, format_option, main, once


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
@once(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "parquet"]),
    default="table",
    show_default=True,
    help="Output format (parquet needs the [frames] extra).",
)
@once(
    "--timeout",
    type=click.FloatRange(min=0, max=86_400),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this many seconds (0: no limit).",
)
@once(
    "--max-rows",
    "max_rows",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    metavar="N",
    help="Fail when the answer has more rows (0: no limit).",
)
@click.option(
    "--service",
    "service_hosts",
    multiple=True,
    metavar="HOST",
    help="Allow SERVICE calls to this host (repeatable); SERVICE is off without it.",
)
@once(
    "--service-timeout",
    "service_timeout",
    type=click.FloatRange(min=0.1, max=600),
    default=DEFAULT_SERVICE_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Time limit of a query with SERVICE.",
)
def query(
    query: str,
    params: tuple[str, ...],
    endpoint: str | None,
    fmt: str,
    timeout: float,
    max_rows: int,
    service_hosts: tuple[str, ...],
    service_timeout: float,
) -> None:
    from ..docs.vocabulary import unknown_terms
    from ..frames import table
    from ..queries import catalogue, parse_named_query

    values = _parse_params(params)
    for name in sorted(set(values) & set(LIMIT_OPTIONS)):
        raise InputError(f"--param {name}: {name} is a limit, not a query parameter; use --{name.replace('_', '-')}")
    if not query.strip():
        raise InputError("empty query: give a query name (`mmkg queries`), a .rq file or SPARQL")
    if "\x00" in query:
        raise InputError("the query contains a NUL character")
    limits = {
        "timeout": timeout or None,
        "max_rows": max_rows or None,
        "service_hosts": service_hosts,
        "service_timeout": service_timeout,
    }
    kg = _load()
    path = Path(query)
    inline = not (query.endswith(".rq") and path.exists()) and (
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
    answer = table(kg, query, values, iris="iri" if fmt in ("json", "parquet") else "curie", limits=limits)
    if isinstance(answer, bool):
        click.echo(render(answer, fmt), nl=False)
    elif fmt == "parquet":
        sys.stdout.buffer.write(answer.to_parquet())
    else:
        click.echo(render(answer.rows, fmt, columns=answer.columns), nl=False)
