"""The release's files beside the full graph, as the Ontology Development Kit names them.

- ``mmkg-base.owl``: the TBox alone (the classes, properties and their axioms of
  ``ontology/mmkg.ttl``), under its own ontology IRI and dated version IRI, for tools
  that import mmkg into another ontology and want no individuals;
- ``mmkg-shapes.ttl``: every shape file merged into one graph, so that one command
  (``pyshacl -s release/mmkg-shapes.ttl release/mmkg.ttl``) validates the release.

The full release (``mmkg.owl`` and its other serialisations) keeps the ontology IRI of
the sources, ``https://w3id.org/mmkg/mmkg.owl``; its version IRI names the release file
(``…/releases/<date>/mmkg.owl``), and the base's names ``…/releases/<date>/mmkg-base.owl``.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import BuildFailed
from ..turtle import read_turtle_files

OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ONTOLOGY = ox.NamedNode(OWL + "Ontology")
VERSION_IRI = ox.NamedNode(OWL + "versionIRI")
IAO_DEFINITION = ox.NamedNode("http://purl.obolibrary.org/obo/IAO_0000115")
FULL_NAME, BASE_NAME = "mmkg.owl", "mmkg-base.owl"


def ontology_node(triples: list[ox.Triple]) -> ox.NamedNode:
    """The one ``owl:Ontology`` of ``triples`` (the TBox declares it; a second one is a curation error)."""
    found = sorted(
        {
            t.subject.value
            for t in triples
            if t.predicate == RDF_TYPE and t.object == ONTOLOGY and isinstance(t.subject, ox.NamedNode)
        }
    )
    if len(found) != 1:
        raise BuildFailed(f"the sources must declare exactly one owl:Ontology, found {len(found)}: {', '.join(found)}")
    return ox.NamedNode(found[0])


def _renamed(node: ox.NamedNode) -> ox.NamedNode:
    if not node.value.endswith("/" + FULL_NAME):
        raise BuildFailed(
            f"the ontology IRI and version IRI must end in /{FULL_NAME} (ODK release naming): {node.value}"
        )
    return ox.NamedNode(node.value[: -len(FULL_NAME)] + BASE_NAME)


def base_ontology(tbox: list[ox.Triple]) -> list[ox.Triple]:
    """The TBox as the base release: its ontology IRI and version IRI renamed from mmkg.owl to mmkg-base.owl.

    >>> from mmkg.turtle import parse_turtle
    >>> tbox = parse_turtle(b'''@prefix owl: <http://www.w3.org/2002/07/owl#> .
    ... <https://w3id.org/mmkg/mmkg.owl> a owl:Ontology ;
    ...     owl:versionIRI <https://w3id.org/mmkg/releases/2026-12-03/mmkg.owl> .''', name="tbox")
    >>> sorted(str(t.object) for t in base_ontology(tbox))
    ['<http://www.w3.org/2002/07/owl#Ontology>', '<https://w3id.org/mmkg/releases/2026-12-03/mmkg-base.owl>']
    """
    ontology = ontology_node(tbox)
    base = _renamed(ontology)
    out = []
    for t in tbox:
        subject = base if t.subject == ontology else t.subject
        obj = t.object
        if t.subject == ontology and t.predicate == VERSION_IRI and isinstance(obj, ox.NamedNode):
            obj = _renamed(obj)
        if isinstance(obj, ox.NamedNode) and obj == ontology:
            obj = base
        out.append(ox.Triple(subject, t.predicate, obj))
    return sorted(set(out), key=str)


def merged_shapes(files: list[Path]) -> list[ox.Triple]:
    """Every shape file's triples in one sorted graph (blank nodes labelled by their order in the files)."""
    return sorted(set(read_turtle_files(files)), key=str)
