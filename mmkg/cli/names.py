"""``mmkg resolve`` and ``mmkg xref``: what a name refers to, and its identifiers elsewhere."""

from __future__ import annotations

import click

from ..output import render
from .common import _load, format_option, main


@main.command(help="A drug's (or target's, or class's) identifiers in external vocabularies, with their sources.")
@click.argument("entity")
@format_option
def xref(entity: str, fmt: str) -> None:
    from ..prefixes import compact
    from ..xrefs import absent_identifiers, xrefs

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
    from ..prefixes import compact

    kg = _load()
    iri = kg.resolve(name)
    click.echo(f"{compact(iri)}\t{kg.label(iri)}\t{iri}")
