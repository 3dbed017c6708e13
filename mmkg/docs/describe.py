"""What one term or entity is, how the graph uses it, and a query to start from (``mmkg describe``).

>>> from mmkg.store import Store
>>> text = describe(Store.from_release(), "IMiD").text()
>>> print(text.splitlines()[0])
mmkg:ImmunomodulatoryDrug — immunomodulatory drug (class)
>>> "SELECT ?member ?label WHERE" in text
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..prefixes import compact, expand
from ..resolve import resolve
from ..store import Store
from .ontology import Model, Term, read_model

EXAMPLES = 5


@dataclass
class Description:
    """A term or an entity described: a heading, labelled lines, and an example query."""

    iri: str
    heading: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    query: str = ""

    def text(self) -> str:
        width = max((len(k) for k, _ in self.lines), default=0)
        body = [f"{self.heading}"] + [f"  {k.ljust(width)}  {v}" for k, v in self.lines]
        if self.query:
            body += ["", "Example query:", *("  " + line for line in self.query.splitlines())]
        return "\n".join(body) + "\n"


def _iri_of(store: Store, term: str) -> str:
    if term.startswith(("http://", "https://")):
        return term
    expanded = expand(term)
    if expanded is not None and store.ask("ASK { { ?e ?p ?o } UNION { ?s ?e ?o } UNION { ?s ?p ?e } }", e=expanded):
        return expanded
    return resolve(store, term)


def describe(store: Store, term: str) -> Description:
    """Describe a class, a property or an entity given by name, CURIE or IRI (InputError if unknown)."""
    iri = _iri_of(store, term)
    if not store.ask("ASK { { ?e ?p ?o } UNION { ?s ?e ?o } UNION { ?s ?p ?e } }", e=iri):
        raise InputError(f"{term!r} is not in mmkg")
    model = read_model(store)
    known = model.term(iri)
    if known is None:
        return _entity(store, iri)
    if known.kind == "class":
        return _class(store, model, known)
    return _property(store, known)


def _names(iris: list[str]) -> str:
    return ", ".join(compact(i) for i in iris) or "—"


def _class(store: Store, model: Model, term: Term) -> Description:
    out = Description(term.iri, f"{term.curie} — {term.label} (class)")
    if term.alt_labels:
        out.lines.append(("also called", ", ".join(term.alt_labels)))
    out.lines.append(("definition", term.definition or "—"))
    for definition in term.definitions:
        out.lines.append(("defined as", f"≡ {definition}"))
    out.lines.append(("superclasses", _names(term.superclasses)))
    subclasses = sorted(c.iri for c in model.classes.values() if term.iri in c.superclasses)
    out.lines.append(("subclasses", _names(subclasses)))
    # the release holds the full closure: a member of the class is a member of each ancestor
    ancestors = {term.iri} | {r["s"] for r in store.select("SELECT ?s WHERE { ?c rdfs:subClassOf ?s }", c=term.iri)}
    as_domain = sorted(p.curie for p in model.properties.values() if ancestors & set(p.domain))
    as_range = sorted(p.curie for p in model.properties.values() if ancestors & set(p.range))
    out.lines.append(("properties of its members", ", ".join(as_domain) or "—"))
    out.lines.append(("properties pointing to it", ", ".join(as_range) or "—"))
    members = store.select(
        f"SELECT ?m ?l WHERE {{ ?m a ?c OPTIONAL {{ ?m rdfs:label ?l }} }} ORDER BY ?l ?m LIMIT {EXAMPLES}", c=term.iri
    )
    examples = ", ".join(str(m.get("l") or compact(m["m"])) for m in members)
    out.lines.append(("members", f"{term.uses}" + (f" (e.g. {examples})" if examples else "")))
    out.query = f"SELECT ?member ?label WHERE {{\n  ?member a {term.curie} ;\n          rdfs:label ?label .\n}}\nORDER BY ?label"
    return out


def _property(store: Store, term: Term) -> Description:
    out = Description(term.iri, f"{term.curie} — {term.label} ({term.kind})")
    out.lines.append(("definition", term.definition or "—"))
    out.lines.append(("domain", _names(term.domain)))
    out.lines.append(("range", _names(term.range)))
    out.lines.append(("uses", str(term.uses)))
    rows = store.select(f"SELECT ?s ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?o LIMIT {EXAMPLES}", p=term.iri)
    for row in rows:
        value = row["o"]
        shown = store.label(value) if isinstance(value, str) and value.startswith("http") else str(value)
        out.lines.append(("example", f"{store.label(row['s'])} → {shown}"))
    out.query = f"SELECT ?subject ?value WHERE {{\n  ?subject {term.curie} ?value .\n}}\nORDER BY ?subject\nLIMIT 100"
    return out


def _entity(store: Store, iri: str) -> Description:
    label = store.label(iri)
    types = [
        r["t"]
        for r in store.select(
            "SELECT ?t WHERE { ?e a ?t FILTER(STRSTARTS(STR(?t), 'https://w3id.org/mmkg/ontology/')) } ORDER BY ?t",
            e=iri,
        )
    ]
    out = Description(iri, f"{compact(iri)} — {label}")
    out.lines.append(("types", _names(types)))
    definition = store.select("SELECT ?d WHERE { ?e skos:definition ?d } LIMIT 1", e=iri)
    if definition:
        out.lines.append(("definition", str(definition[0]["d"])))
    count = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?e ?p ?o }", e=iri)[0]["n"]
    linked = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?e }", e=iri)[0]["n"]
    out.lines.append(("facts", f"{count} about it, {linked} pointing to it"))
    out.lines.append(("page", f"{iri} (mmkg serve: /{iri.removeprefix('https://w3id.org/mmkg/')})"))
    name = compact(iri) if compact(iri) != iri else f"<{iri}>"
    out.query = f"SELECT ?property ?value WHERE {{\n  {name} ?property ?value .\n}}\nORDER BY ?property"
    return out


__all__ = ["Description", "describe"]
