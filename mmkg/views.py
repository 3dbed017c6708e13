"""Entity views: a drug, a regimen, a trial or an approval as a dataclass with its links.

For people who prefer attributes to SPARQL. Each view is read from the graph when asked
for (any name the resolution rule knows: label, abbreviation, brand name, CURIE, IRI,
identifier); linked entities are :class:`Link` objects (IRI and label), which the
matching view opens (``kg.regimen(link.iri)``). Information with its evidence; not
medical advice.

>>> import mmkg
>>> kg = mmkg.load()
>>> tec = kg.drug("Tecvayli")
>>> tec.label, tec.modality
('teclistamab', Link('modality:bispecific-t-cell-engager', 'bispecific T-cell engager'))
>>> [t.label for t in tec.targets]
['BCMA', 'CD3']
>>> [c.label for c in kg.regimen("DaraVRd").components]
['bortezomib', 'daratumumab', 'dexamethasone', 'lenalidomide']
>>> trial = kg.trial("CARTITUDE-4")
>>> trial.nct_id, [arm.label for arm in trial.arms]
('NCT04181827', ['CARTITUDE-4: cilta-cel', 'CARTITUDE-4: standard of care (PVd or DPd)'])
>>> approval = kg.approval("approval:cilta-cel-fda-2024-04-05")
>>> approval.agency.curie, approval.date, [i.regimen.label for i in approval.indications if i.regimen]
('agency:FDA', datetime.date(2024, 4, 5), ['ciltacabtagene autoleucel (single infusion)'])
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .errors import InputError
from .frames import Cell, cell
from .prefixes import compact
from .resolve import resolve
from .store import Store


@dataclass(frozen=True, repr=False)
class Link:
    """An entity a view points to, by IRI and label."""

    iri: str
    label: str

    @property
    def curie(self) -> str:
        return compact(self.iri)

    def __repr__(self) -> str:
        return f"Link({self.curie!r}, {self.label!r})"


@dataclass(frozen=True)
class Drug:
    """A drug: its classes on each axis, targets, modality, names, regimens, approvals and trials."""

    iri: str
    label: str
    inn: str | None
    brand_names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    classes: tuple[Link, ...]
    targets: tuple[Link, ...]
    modality: Link | None
    definition: str | None
    regimens: tuple[Link, ...]
    trials: tuple[Link, ...]
    approvals: tuple[Link, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Regimen:
    """A regimen: its components, classes, the trials that study it, its approvals and recommendations."""

    iri: str
    label: str
    abbreviations: tuple[str, ...]
    components: tuple[Link, ...]
    classes: tuple[Link, ...]
    definition: str | None
    trials: tuple[Link, ...]
    approvals: tuple[Link, ...]
    recommendations: tuple[Link, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Arm:
    """A trial arm: its regimens (several for a control arm of investigator's choice) and size."""

    iri: str
    label: str
    regimens: tuple[Link, ...]
    sample_size: int | None
    experimental: bool


@dataclass(frozen=True)
class Result:
    """One reported number: endpoint, statistic, population, arm(s), estimate and its interval."""

    iri: str
    label: str
    endpoint: Link | None
    statistic: Link | None
    population: Link | None
    arm: Link | None
    versus: Link | None
    estimate: float | None
    ci_lower: float | None
    ci_upper: float | None
    not_reached: bool
    p_value: float | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Trial:
    """A trial: design, arms, populations, endpoints, results and the approvals based on it."""

    iri: str
    label: str
    nct_id: str | None
    phase: str | None
    status: str | None
    sample_size: int | None
    arms: tuple[Arm, ...]
    populations: tuple[Link, ...]
    primary_endpoints: tuple[Link, ...]
    results: tuple[Result, ...]
    approvals: tuple[Link, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Indication:
    """What an approval grants: regimen, disease setting, prior lines and the label's wording."""

    iri: str
    label: str
    regimen: Link | None
    setting: Link | None
    min_prior_lines: int | None
    max_prior_lines: int | None
    criteria: str | None


@dataclass(frozen=True)
class Approval:
    """A regulatory event: agency, kind, date (with its precision), product, indications, what it ends."""

    iri: str
    label: str
    kinds: tuple[Link, ...]
    agency: Link | None
    product: Link | None
    date: dt.date | None
    date_precision: str | None
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    indications: tuple[Indication, ...]
    ends: tuple[Link, ...]
    ended_by: tuple[Link, ...]
    based_on: tuple[Link, ...]
    sources: tuple[str, ...]


class _Facts:
    """The statements about one entity: its values by predicate, and who points to it."""

    def __init__(self, kg: Store, iri: str) -> None:
        self.kg, self.iri = kg, iri
        node = ox.NamedNode(iri)
        self.out: dict[str, list[Cell]] = defaultdict(list)
        self.links: dict[str, list[Link]] = defaultdict(list)
        self.back: dict[str, list[Link]] = defaultdict(list)
        answer = kg.terms("SELECT ?p ?o ?l WHERE { ?e ?p ?o OPTIONAL { ?o rdfs:label ?l } }", e=node)
        assert not isinstance(answer, bool)
        for row in answer[1]:
            predicate, value = compact(row["p"].value), row["o"]
            if isinstance(value, ox.NamedNode):
                self._link(self.links[predicate], value.value, row.get("l"))
            elif (found := cell(value)) is not None and found not in self.out[predicate]:
                self.out[predicate].append(found)
        answer = kg.terms("SELECT ?p ?s ?l WHERE { ?s ?p ?e OPTIONAL { ?s rdfs:label ?l } }", e=node)
        assert not isinstance(answer, bool)
        for row in answer[1]:
            if isinstance(row["s"], ox.NamedNode):
                self._link(self.back[compact(row["p"].value)], row["s"].value, row.get("l"))
        for links in (*self.links.values(), *self.back.values()):
            links.sort(key=lambda link: (link.label.casefold(), link.iri))

    @staticmethod
    def _link(links: list[Link], iri: str, label: Any) -> None:
        if not any(link.iri == iri for link in links):
            links.append(Link(iri, str(label.value) if label is not None else compact(iri)))

    def value(self, predicate: str) -> Any:
        found = self.out.get(predicate)
        return found[0].value if found else None

    def first(self, predicate: str) -> Cell | None:
        found = self.out.get(predicate)
        return found[0] if found else None

    def texts(self, predicate: str) -> tuple[str, ...]:
        return tuple(sorted(str(c.value) for c in self.out.get(predicate, [])))

    def label(self) -> str:
        return str(self.value("rdfs:label") or compact(self.iri))

    def sources(self) -> tuple[str, ...]:
        return tuple(link.curie for link in self.links.get("dcterms:source", []))

    def linked(self, predicate: str, *, among: str | None = None) -> tuple[Link, ...]:
        """Links by ``predicate``, only to members of the class ``among`` when given."""
        found = self.links.get(predicate, [])
        if among is None:
            return tuple(found)
        members = _members(self.kg, among, [link.iri for link in found])
        return tuple(link for link in found if link.iri in members)


def _members(kg: Store, cls: str, iris: list[str]) -> set[str]:
    if not iris:
        return set()
    values = " ".join(str(ox.NamedNode(i)) for i in iris)
    return {row["e"] for row in kg.select(f"SELECT ?e WHERE {{ VALUES ?e {{ {values} }} ?e a {cls} }}")}


def _open(kg: Store, name: str, cls: str, what: str) -> _Facts:
    iri = resolve(kg, name, kind=cls)
    if not kg.ask(f"ASK {{ <{iri}> a {cls} }}"):
        raise InputError(f"{name!r} ({compact(iri)}) is not {what}")
    return _Facts(kg, iri)


def _links(kg: Store, sparql: str, iri: str) -> tuple[Link, ...]:
    """Links from a SELECT of ?x and ?l about the entity ``?e``."""
    rows = kg.select(sparql, e=ox.NamedNode(iri))
    found = {row["x"]: str(row.get("l", compact(row["x"]))) for row in rows}
    return tuple(sorted((Link(i, label) for i, label in found.items()), key=lambda k: (k.label.casefold(), k.iri)))


def drug(kg: Store, name: str) -> Drug:
    """The drug called ``name`` (INN, brand name, abbreviation, CURIE, identifier)."""
    f = _open(kg, name, "mmkg:Drug", "a drug")
    classes = _links(kg, "SELECT ?x ?l WHERE { ?e a ?x . ?x mmkg:classificationAxis ?axis ; rdfs:label ?l }", f.iri)
    modality = f.linked("mmkg:hasModality")
    return Drug(
        iri=f.iri,
        label=f.label(),
        inn=f.value("mmkg:internationalNonproprietaryName"),
        brand_names=f.texts("mmkg:brandName"),
        abbreviations=f.texts("skos:altLabel"),
        classes=classes,
        targets=f.linked("mmkg:hasTarget"),
        modality=modality[0] if modality else None,
        definition=f.value("skos:definition"),
        regimens=tuple(f.back.get("mmkg:hasComponent", [])),
        trials=_links(
            kg,
            "SELECT ?x ?l WHERE { ?x mmkg:studiesRegimen/mmkg:hasComponent ?e OPTIONAL { ?x rdfs:label ?l } }",
            f.iri,
        ),
        approvals=tuple(f.back.get("mmkg:product", [])),
        sources=f.sources(),
    )


def regimen(kg: Store, name: str) -> Regimen:
    """The regimen called ``name`` (any abbreviation or spelling the sources use)."""
    f = _open(kg, name, "mmkg:Regimen", "a regimen")
    return Regimen(
        iri=f.iri,
        label=f.label(),
        abbreviations=f.texts("skos:altLabel"),
        components=f.linked("mmkg:hasComponent"),
        classes=_links(
            kg,
            "SELECT ?x ?l WHERE { ?e a ?x . ?x rdfs:subClassOf mmkg:Regimen ; rdfs:label ?l FILTER (?x != mmkg:Regimen) }",
            f.iri,
        ),
        definition=f.value("skos:definition"),
        trials=tuple(f.back.get("mmkg:studiesRegimen", [])),
        approvals=_links(
            kg,
            "SELECT ?x ?l WHERE { ?x mmkg:indication/mmkg:indicationRegimen ?e OPTIONAL { ?x rdfs:label ?l } }",
            f.iri,
        ),
        recommendations=tuple(f.back.get("mmkg:recommendsRegimen", [])),
        sources=f.sources(),
    )


def trial(kg: Store, name: str) -> Trial:
    """The trial called ``name`` (acronym, NCT number, CURIE)."""
    f = _open(kg, name, "mmkg:ClinicalTrial", "a clinical trial")
    arms = []
    for link in f.linked("mmkg:hasArm"):
        a = _Facts(kg, link.iri)
        size = a.value("mmkg:sampleSize")
        arms.append(
            Arm(
                iri=link.iri,
                label=link.label,
                regimens=a.linked("mmkg:armRegimen"),
                sample_size=size,
                experimental=any(k.curie == "mmkg:ExperimentalArm" for k in a.linked("rdf:type")),
            )
        )
    results = tuple(_result(kg, link) for link in f.back.get("mmkg:ofTrial", []))
    phase = f.value("mmkg:phase")
    return Trial(
        iri=f.iri,
        label=f.label(),
        nct_id=f.value("mmkg:nctId"),
        phase=None if phase is None else str(phase),
        status=f.value("mmkg:trialStatus"),
        sample_size=f.value("mmkg:sampleSize"),
        arms=tuple(arms),
        populations=f.linked("mmkg:enrolledPopulation"),
        primary_endpoints=f.linked("mmkg:primaryEndpoint"),
        results=results,
        approvals=tuple(f.back.get("mmkg:basedOnTrial", [])),
        sources=f.sources(),
    )


def _result(kg: Store, link: Link) -> Result:
    r = _Facts(kg, link.iri)

    def one(predicate: str) -> Link | None:
        found = r.linked(predicate)
        return found[0] if found else None

    def number(predicate: str) -> float | None:
        value = r.value(predicate)
        return None if value is None else float(value)

    return Result(
        iri=link.iri,
        label=link.label,
        endpoint=one("mmkg:endpoint"),
        statistic=one("mmkg:statistic"),
        population=one("mmkg:inPopulation"),
        arm=one("mmkg:forArm"),
        versus=one("mmkg:versusArm"),
        estimate=number("mmkg:estimate"),
        ci_lower=number("mmkg:ciLower"),
        ci_upper=number("mmkg:ciUpper"),
        not_reached=bool(r.value("mmkg:notReached")),
        p_value=number("mmkg:pValue"),
        sources=r.sources(),
    )


def approval(kg: Store, name: str) -> Approval:
    """The regulatory event called ``name`` (its CURIE, its label or its IRI's local name)."""
    f = _open(kg, name, "mmkg:RegulatoryEvent", "a regulatory event")
    kinds = _links(
        kg,
        """SELECT ?x ?l WHERE { ?e a ?x . ?x rdfs:subClassOf mmkg:RegulatoryEvent ; rdfs:label ?l
             FILTER NOT EXISTS { ?e a ?narrower . ?narrower rdfs:subClassOf ?x FILTER (?narrower != ?x) } }""",
        f.iri,
    )
    indications = []
    for link in f.linked("mmkg:indication"):
        i = _Facts(kg, link.iri)
        regimens, settings = i.linked("mmkg:indicationRegimen"), i.linked("mmkg:diseaseSetting")
        indications.append(
            Indication(
                iri=link.iri,
                label=link.label,
                regimen=regimens[0] if regimens else None,
                setting=settings[0] if settings else None,
                min_prior_lines=i.value("mmkg:minPriorLines"),
                max_prior_lines=i.value("mmkg:maxPriorLines"),
                criteria=i.value("mmkg:criteriaText"),
            )
        )
    date = f.first("mmkg:eventDate")
    agency, product = f.linked("mmkg:agency"), f.linked("mmkg:product")
    return Approval(
        iri=f.iri,
        label=f.label(),
        kinds=kinds,
        agency=agency[0] if agency else None,
        product=product[0] if product else None,
        date=date.value if date is not None and isinstance(date.value, dt.date) else None,
        date_precision=date.precision if date is not None else None,
        in_force_from=f.value("mmkg:inForceFrom"),
        in_force_until=f.value("mmkg:inForceUntil"),
        indications=tuple(indications),
        ends=f.linked("mmkg:ends"),
        ended_by=tuple(f.back.get("mmkg:ends", [])),
        based_on=f.linked("mmkg:basedOnTrial"),
        sources=f.sources(),
    )


__all__ = [
    "Approval",
    "Arm",
    "Drug",
    "Indication",
    "Link",
    "Regimen",
    "Result",
    "Trial",
    "approval",
    "drug",
    "regimen",
    "trial",
]
