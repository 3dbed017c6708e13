"""The SPARQL service description of the endpoint (SPARQL 1.1 Service Description), as RDF.

>>> import pyoxigraph as ox
>>> from mmkg.server.evaluation import Limits
>>> text = service_description("http://127.0.0.1:7878/sparql", Limits(), ox.RdfFormat.TURTLE).decode()
>>> "sd:SPARQL11Query" in text and "formats:SPARQL_Results_JSON" in text
True
"""

from __future__ import annotations

import pyoxigraph as ox

from .evaluation import Limits

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
ENTAILMENT = "http://www.w3.org/ns/entailment/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DESCRIPTION = ox.NamedNode("http://purl.org/dc/terms/description")
DATASET = ox.NamedNode("https://w3id.org/mmkg/dataset")
SEE_ALSO = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)
PREFIXES = {"sd": SD, "formats": FORMATS, "dcterms": "http://purl.org/dc/terms/", "ent": ENTAILMENT}


def service_description(endpoint: str, limits: Limits, fmt: ox.RdfFormat) -> bytes:
    """The description of the endpoint at ``endpoint`` under ``limits``, serialised as ``fmt``."""
    service = ox.NamedNode(endpoint)
    dataset = ox.BlankNode("dataset")
    graph = ox.BlankNode("graph")
    federation = "SERVICE (federated query) allowed" if limits.allow_service else "SERVICE (federated query) refused"
    notes = (
        f"mmkg, a knowledge graph of multiple myeloma therapies. Read-only: SPARQL Update and graph writes "
        f"are refused. Each query may run {limits.timeout:g} s and return {limits.result_size} of results; "
        f"{federation}. Every project prefix (mmkg:, drug:, regimen:, …) is predeclared. The graph holds "
        "the reasoner's inferences (full closure), so simple entailment finds them. "
        "Information with its evidence; not medical advice."
    )
    triples = [
        ox.Triple(service, RDF_TYPE, ox.NamedNode(SD + "Service")),
        ox.Triple(service, ox.NamedNode(SD + "endpoint"), service),
        ox.Triple(service, ox.NamedNode(SD + "supportedLanguage"), ox.NamedNode(SD + "SPARQL11Query")),
        ox.Triple(service, ox.NamedNode(SD + "defaultEntailmentRegime"), ox.NamedNode(ENTAILMENT + "Simple")),
        ox.Triple(service, DESCRIPTION, ox.Literal(notes, language="en")),
        ox.Triple(service, ox.NamedNode(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(SD + "defaultGraph"), graph),
        ox.Triple(graph, RDF_TYPE, ox.NamedNode(SD + "Graph")),
        ox.Triple(graph, SEE_ALSO, DATASET),  # its VoID and DCAT description
        *(
            ox.Triple(service, ox.NamedNode(SD + "resultFormat"), ox.NamedNode(FORMATS + name))
            for name in RESULT_FORMATS
        ),
    ]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        data = ox.serialize(triples, format=fmt, prefixes=PREFIXES)
    else:
        data = ox.serialize(triples, format=fmt)
    assert data is not None  # no output file given: pyoxigraph returns the bytes
    return data


__all__ = ["service_description"]
