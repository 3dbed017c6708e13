"""``mmkg network``: the networkx views of the graph — export, neighbours and the shortest evidence path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import InputError
from ..output import render, write_file
from ..prefixes import expand
from .common import _load, format_option, main, once

if TYPE_CHECKING:
    import networkx as nx

VIEWS = ("clinical", "provenance", "shared-targets", "shared-components", "lattice", "sequencing")
EXPORTS = (".graphml", ".json")


@main.group(help="The graph as a network: clinical links (default) or provenance, and views for common questions.")
def network() -> None:
    pass


@network.command(
    help=(
        "Write a view as GraphML or node-link JSON (by the output file's extension): clinical (drugs, regimens, "
        "classes, targets, modalities, trials, results, approvals, recommendations), provenance (entities and their "
        "sources), shared-targets, shared-components, lattice (class × target × modality) or sequencing."
    )
)
@once("--view", type=click.Choice(VIEWS), default="clinical", show_default=True, help="Which view.")
@once("--around", default=None, metavar="ENTITY", help="Only the subgraph around this entity (any name).")
@once("--radius", type=int, default=1, show_default=True, help="Links from --around to keep.")
@once(
    "--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.graphml or FILE.json."
)
def export(view: str, around: str | None, radius: int, output: Path) -> None:
    from .. import network as views

    if output.suffix.lower() not in EXPORTS:
        raise InputError(f"the export format follows the file's extension: {' or '.join(EXPORTS)}, got {output.name!r}")
    kg = _load()
    graph = _view(kg, view)
    if around is not None:
        graph = views.around(kg, around, radius=radius, graph=graph)
    data = views.to_graphml(graph) if output.suffix.lower() == ".graphml" else views.to_json(graph).encode("utf-8")
    write_file(output, data)
    click.echo(f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges ({view} view)")


@network.command(help="The entities linked to ENTITY in the clinical view, with the link (optionally one predicate).")
@click.argument("entity")
@once("--predicate", default=None, metavar="CURIE", help="Only links of this predicate (e.g. mmkg:hasTarget).")
@format_option
def neighbours(entity: str, predicate: str | None, fmt: str) -> None:
    from ..network import neighbours as find

    rows = find(_load(), entity, predicate=predicate)
    click.echo(render(rows, fmt, columns=["node", "label", "predicate", "direction"]), nl=False)


@network.command(help="The shortest chain of clinical links between two entities (never through a source).")
@click.argument("source")
@click.argument("target")
@format_option
def path(source: str, target: str, fmt: str) -> None:
    from ..network import evidence_path

    kg = _load()
    rows = [
        {"subject": s, "predicate": p, "object": o, "subject_label": _label(kg, s), "object_label": _label(kg, o)}
        for s, p, o in evidence_path(kg, source, target)
    ]
    click.echo(render(rows, fmt, columns=["subject", "predicate", "object", "subject_label", "object_label"]), nl=False)


def _label(kg: Any, curie: str) -> str:
    return str(kg.label(expand(curie) or curie))


def _view(kg: Any, view: str) -> nx.Graph[str]:
    from .. import network as views

    if view in ("clinical", "provenance"):
        return views.to_networkx(kg, view=view)
    if view == "shared-targets":
        return views.shared_targets(kg)
    if view == "shared-components":
        return views.shared_components(kg)
    if view == "lattice":
        return views.lattice(kg)
    return views.sequencing(kg)
