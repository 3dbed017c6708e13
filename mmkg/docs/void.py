"""The release described as a dataset, in VoID and DCAT: version, licence, counts, examples, access.

The description is computed from the release itself (counts, classes, properties, links
to other vocabularies, example resources) and from the ontology's own metadata (title,
version, licence), so it cannot drift from what it describes.

>>> from mmkg.store import Store
>>> text = void_turtle(Store.from_release()).decode()
>>> "void:sparqlEndpoint <https://w3id.org/mmkg/sparql>" in text
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox

from ..prefixes import compact, prefix_map
from ..store import Store
from .ontology import read_model

BASE = "https://w3id.org/mmkg/"
DATASET = BASE + "dataset"
SPARQL_ENDPOINT = BASE + "sparql"
SSSOM = BASE + "mappings/mmkg.sssom.tsv"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
DOWNLOADS = {
    "mmkg.nt": ("N-Triples", "application/n-triples"),
    "mmkg.ttl": ("Turtle", "text/turtle"),
    "mmkg.jsonld": ("JSON-LD", "application/ld+json"),
    "mmkg.owl": ("RDF/XML (OWL)", "application/rdf+xml"),
    "mmkg-base.owl": ("the ontology alone (TBox, for import), RDF/XML (OWL)", "application/rdf+xml"),
    "mmkg-shapes.ttl": ("the SHACL shapes, Turtle", "text/turtle"),
}
EXAMPLE_CLASSES = 8
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Add = Callable[[ox.NamedNode, str, ox.NamedNode | ox.Literal], None]
LINK_PREDICATES = ("skos:exactMatch", "skos:closeMatch", "skos:relatedMatch", "skos:broadMatch", "skos:narrowMatch")


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _count(store: Store, sparql: str) -> int:
    rows = store.select(sparql)
    return int(rows[0]["n"]) if rows else 0


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD + "integer"))


def examples(store: Store) -> list[str]:
    """One resource of each of the largest top-level classes: the member with the most facts."""
    model = read_model(store)
    top = sorted(
        (c for c in model.classes.values() if not c.superclasses and c.uses),
        key=lambda c: (-c.uses, c.iri),
    )[:EXAMPLE_CLASSES]
    found = []
    for term in top:
        rows = store.select(
            """SELECT ?x (COUNT(*) AS ?n) WHERE { ?x a ?c ; ?p ?o FILTER(isIRI(?x)) }
               GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
            c=_iri(term.iri),
        )
        if rows:
            found.append(str(rows[0]["x"]))
    return found


def void_triples(store: Store) -> list[ox.Triple]:
    """The VoID and DCAT description of the release in ``store``."""
    model = read_model(store)
    dataset = _iri(DATASET)
    triples: list[ox.Triple] = []

    def add(subject: ox.NamedNode, predicate: str, obj: ox.NamedNode | ox.Literal) -> None:
        triples.append(ox.Triple(subject, _iri(predicate), obj))

    add(dataset, RDF_TYPE, _iri(VOID + "Dataset"))
    add(dataset, RDF_TYPE, _iri(DCAT + "Dataset"))
    add(dataset, DCTERMS + "title", ox.Literal(model.title, language="en"))
    add(dataset, DCTERMS + "description", ox.Literal(model.description, language="en"))
    add(dataset, DCTERMS + "license", _iri(model.licence))
    add(dataset, DCAT + "version", ox.Literal(model.version))
    if ISO_DATE.fullmatch(model.version):  # the version is the release date: the one date the description holds
        add(dataset, DCTERMS + "issued", ox.Literal(model.version, datatype=_iri(XSD + "date")))
    add(dataset, DCTERMS + "creator", ox.Literal("The mmkg contributors"))
    add(dataset, DCAT + "landingPage", _iri(BASE))
    add(dataset, VOID + "uriSpace", ox.Literal(BASE))
    add(dataset, VOID + "sparqlEndpoint", _iri(SPARQL_ENDPOINT))
    add(dataset, VOID + "vocabulary", _iri(BASE + "ontology/"))
    counts = {
        "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "entities": f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}")) }}',
        "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
        "distinctObjects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
        "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
        "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    }
    for name, sparql in counts.items():
        add(dataset, VOID + name, _integer(_count(store, sparql)))
    for example in examples(store):
        add(dataset, VOID + "exampleResource", _iri(example))

    for term in sorted(model.classes.values(), key=lambda t: t.iri):
        if term.uses:
            partition = _iri(f"{DATASET}#class-{term.iri.rsplit('/', 1)[1]}")
            add(dataset, VOID + "classPartition", partition)
            add(partition, VOID + "class", _iri(term.iri))
            add(partition, VOID + "entities", _integer(term.uses))
    for row in store.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"):
        partition = _iri(f"{DATASET}#property-{re.sub(r'[^A-Za-z0-9_]+', '-', compact(row['p']))}")
        add(dataset, VOID + "propertyPartition", partition)
        add(partition, VOID + "property", _iri(row["p"]))
        add(partition, VOID + "triples", _integer(row["n"]))

    _linksets(store, add)
    _distributions(add)
    return triples


def _linksets(store: Store, add: Add) -> None:
    """A linkset for each external vocabulary the graph maps to (skos:*Match), with its size."""
    dataset = _iri(DATASET)
    outside = {p: ns for p, ns in prefix_map().items() if not ns.startswith(BASE)}
    predicates = " ".join(LINK_PREDICATES)
    rows = store.select(
        f"SELECT ?p ?o WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o FILTER(isIRI(?o)) }}",
    )
    sizes: dict[tuple[str, str], int] = {}
    for row in rows:
        prefix = next((p for p, ns in sorted(outside.items()) if str(row["o"]).startswith(ns)), None)
        if prefix is not None:
            key = (prefix, str(row["p"]))
            sizes[key] = sizes.get(key, 0) + 1
    for (prefix, predicate), size in sorted(sizes.items()):
        linkset = _iri(f"{DATASET}#links-{prefix}-{predicate.rsplit('#', 1)[1]}")
        target = _iri(f"{DATASET}#{prefix}")
        add(dataset, VOID + "subset", linkset)
        add(linkset, RDF_TYPE, _iri(VOID + "Linkset"))
        add(linkset, VOID + "subjectsTarget", dataset)
        add(linkset, VOID + "objectsTarget", target)
        add(linkset, VOID + "linkPredicate", _iri(predicate))
        add(linkset, VOID + "triples", _integer(size))
        add(target, RDF_TYPE, _iri(VOID + "Dataset"))
        add(target, VOID + "uriSpace", ox.Literal(outside[prefix]))
        add(target, DCTERMS + "title", ox.Literal(prefix))


def _distributions(add: Add) -> None:
    dataset = _iri(DATASET)
    for name, (label, media_type) in DOWNLOADS.items():
        distribution = _iri(f"{DATASET}#{name}")
        add(dataset, DCAT + "distribution", distribution)
        add(dataset, VOID + "dataDump", _iri(f"{BASE}release/{name}"))
        add(distribution, RDF_TYPE, _iri(DCAT + "Distribution"))
        add(distribution, DCTERMS + "title", ox.Literal(f"mmkg release, {label}"))
        add(distribution, DCAT + "downloadURL", _iri(f"{BASE}release/{name}"))
        add(distribution, DCAT + "mediaType", _iri(MEDIA_TYPES + media_type))
    mappings = _iri(f"{DATASET}#sssom")
    add(dataset, DCAT + "distribution", mappings)
    add(mappings, RDF_TYPE, _iri(DCAT + "Distribution"))
    add(mappings, DCTERMS + "title", ox.Literal("mmkg cross-references as an SSSOM mapping set"))
    add(mappings, DCAT + "downloadURL", _iri(SSSOM))
    add(mappings, DCAT + "mediaType", _iri(MEDIA_TYPES + "text/tab-separated-values"))
    add(mappings, DCTERMS + "conformsTo", _iri("https://w3id.org/sssom/"))
    service = _iri(f"{DATASET}#sparql")
    add(service, RDF_TYPE, _iri(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", _iri(SPARQL_ENDPOINT))
    add(service, DCAT + "servesDataset", dataset)
    add(service, DCTERMS + "conformsTo", _iri("https://www.w3.org/TR/sparql11-protocol/"))
    add(dataset, DCAT + "accessService", service)
    add(_iri(BASE + "void"), RDF_TYPE, _iri(VOID + "DatasetDescription"))
    add(_iri(BASE + "void"), FOAF + "primaryTopic", dataset)


def void_turtle(store: Store) -> bytes:
    """The description as Turtle, in a stable order (two builds give the same bytes)."""
    triples = sorted(void_triples(store), key=str)
    prefixes = {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "foaf": FOAF, **prefix_map()}
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None  # no output file given: pyoxigraph returns the bytes
    return data


__all__ = ["DATASET", "examples", "void_triples", "void_turtle"]
