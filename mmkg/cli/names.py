"""``mmkg resolve`` and ``mmkg xref``: what a name refers to, and its identifiers elsewhere."""

from __future__ import annotations

import click

from ..output import render
from .common import _load, format_option, main


@main.command(
    help=(
        "A drug's (or target's, or trial's) identifiers in external vocabularies, with their sources; "
        "a regimen's through its components, a drug class's its own and its members' (column via)."
    )
)
@click.argument("entity")
@format_option
def xref(entity: str, fmt: str) -> None:
    from ..errors import InputError
    from ..prefixes import compact
    from ..xrefs import absent_identifiers, parts, xrefs

    kg = _load()
    iri = kg.resolve(entity)
    via = {part: kg.label(part) for part in parts(kg, iri)}
    rows = [
        {
            "via": via.get(x["via"], ""),
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
            "via": via.get(a["via"], ""),
            "scheme": a["scheme"],
            "identifier": f"({a['status'] or 'absent'})",
            "match": "",
            "iri": "",
            "sources": " ; ".join(compact(src) for src in a["checked_in"]),
        }
        for a in absent_identifiers(kg, iri)
    ]
    if not rows:
        raise InputError(
            f"{compact(iri)} ({kg.label(iri)}) has no cross-references in the graph: drugs, targets, drug classes "
            "and trials have them, regimens through their components"
        )
    columns = (
        ["via", "scheme", "identifier", "match", "iri", "sources"]
        if via
        else ["scheme", "identifier", "match", "iri", "sources"]
    )
    click.echo(render([{c: row[c] for c in columns} for row in rows], fmt, columns=columns), nl=False)


@main.command(help="Find the entity a name, abbreviation, CURIE, IRI or external identifier refers to.")
@click.argument("name")
def resolve(name: str) -> None:
    from ..prefixes import compact

    kg = _load()
    iri = kg.resolve(name)
    click.echo(f"{compact(iri)}\t{kg.label(iri)}\t{iri}")
