"""``mmkg describe``: what a class, a property or an entity is, how it is used, a query to start from."""

from __future__ import annotations

import click

from .common import _load, main


@main.command(
    help=(
        "Describe a class (definition, superclasses, members), a property (domain, range, uses) or an "
        "entity (types, facts), given by name, abbreviation, CURIE or IRI, with an example query."
    )
)
@click.argument("term")
def describe(term: str) -> None:
    from ..docs.describe import describe as describe_term

    click.echo(describe_term(_load(), term).text(), nl=False)
