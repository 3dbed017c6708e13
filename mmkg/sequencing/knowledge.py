"""What the sequencing engine reads from the graph, compiled once per store into plain Python.

Indications and their requirements, approvals and the days they are in force, AIFA
decisions, curation coverage, drugs (classes, targets, modalities), regimens, the IMWG
vocabulary of courses and responses, recommendations and evidence: a few SPARQL queries
when a store is first asked a sequencing question, then set and interval operations for
every patient. Nothing clinical is decided here; it is only read.

>>> from mmkg.store import Store
>>> k = knowledge(Store.from_release())
>>> k.label("https://w3id.org/mmkg/drug/lenalidomide")
'lenalidomide'
>>> sorted(k.refractory_courses)
['non-response', 'on-therapy', 'within-60-days']
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..store import Store

MMKG = "https://w3id.org/mmkg/ontology/"


@dataclass(frozen=True)
class CountRequirement:
    cls: str
    minimum: int


@dataclass
class Criteria:
    """Structured patient criteria (an indication, a trial population or a recommendation's patients)."""

    iri: str
    settings: tuple[str, ...] = ()
    min_lines: int | None = None
    max_lines: int | None = None
    requires_exposure: tuple[str, ...] = ()
    requires_refractory: tuple[str, ...] = ()
    excludes_exposure: tuple[str, ...] = ()
    excludes_refractory: tuple[str, ...] = ()
    exposure_counts: tuple[CountRequirement, ...] = ()
    refractory_counts: tuple[CountRequirement, ...] = ()
    last_therapy: str | None = None
    text: str = ""
    label: str = ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.settings
            or self.min_lines is not None
            or self.max_lines is not None
            or self.requires_exposure
            or self.requires_refractory
            or self.excludes_exposure
            or self.excludes_refractory
            or self.exposure_counts
            or self.refractory_counts
            or (self.last_therapy and not self.last_therapy.endswith("/no-condition"))
        )


@dataclass(frozen=True)
class Approval:
    """An approval with the indication it grants and the days it is in force (from the build's rule)."""

    iri: str
    label: str
    agency: str
    product: str
    indication: str
    regimen: str
    date: str
    type_label: str
    earliest: dt.date | None
    in_force_from: dt.date
    in_force_until: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day < self.in_force_until)


@dataclass(frozen=True)
class AifaDecision:
    iri: str
    label: str
    reimbursement: bool  # a reimbursement approval; else a class C(nn) listing
    product: str
    indication: str | None
    latest: dt.date
    applies_to: frozenset[str]  # EU approvals (mmkg:appliesToApproval)


@dataclass(frozen=True)
class Coverage:
    iri: str
    complete_from: dt.date | None
    checked_on: dt.date | None


@dataclass
class Drug:
    iri: str
    label: str
    types: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ()  # tumour antigens only
    modality: str | None = None
    single_course: bool = False
    single_course_source: str | None = None


@dataclass
class Condition:
    """A last-therapy condition and how each course of the last line meets it (course notations)."""

    iri: str
    label: str
    met: frozenset[str]
    not_met: frozenset[str]
    open: frozenset[str]


@dataclass
class Recommendation:
    iri: str
    text: str
    guideline: str | None
    prefers: str | None = None
    over: str | None = None
    about: str | None = None
    patients: str | None = None  # a Criteria IRI
    level: str | None = None
    grade: str | None = None


@dataclass
class Result:
    """A reported result as the options engine shows it, with its analysis and data cut."""

    iri: str
    trial: str
    trial_label: str
    arm_label: str
    population: str
    population_label: str
    endpoint_label: str
    statistic_label: str
    regimens: frozenset[str]
    values: dict[str, Any] = field(default_factory=dict)
    analysis: tuple[str, ...] = ()
    data_cutoff: str | None = None
    sources: tuple[str, ...] = ()


@dataclass
class Knowledge:
    labels: dict[str, str]
    drugs: dict[str, Drug]
    regimens: dict[str, tuple[str, ...]]
    superclasses: dict[str, frozenset[str]]
    backbone_classes: frozenset[str]
    monotherapy: dict[str, str]  # drug → its only single-component regimen
    criteria: dict[str, Criteria]
    approvals: list[Approval]
    aifa: list[AifaDecision]
    coverage: dict[tuple[str, str], Coverage]
    conditions: dict[str, Condition]
    refractory_courses: frozenset[str]
    courses: frozenset[str]
    non_response: frozenset[str]
    responses: frozenset[str]
    setting_ancestors: dict[str, frozenset[str]]
    phases: dict[str, str]  # phase kind IRI → label
    recommendations: list[Recommendation]
    results: dict[str, list[Result]]  # regimen → results of arms given it
    exposure_results: list[
        tuple[str, Result]
    ]  # (required prior class or drug, result) for populations with prior exposure
    tumour_antigens: frozenset[str]
    # what the options engine works out from the graph alone, kept with it: (regimen, prior, target) → text
    evidence_after: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])

    @functools.cached_property
    def target_modalities(self) -> dict[str, frozenset[tuple[str, str | None]]]:
        """Regimen → the (target, modality) pairs of its components (what same-target cautions compare)."""
        return {
            regimen: frozenset(
                (t, self.drugs[d].modality) for d in components if d in self.drugs for t in self.drugs[d].targets
            )
            for regimen, components in self.regimens.items()
        }

    @functools.cached_property
    def backbone(self) -> frozenset[str]:
        """The backbone agents (corticosteroids): the drugs of the backbone classes, and the classes."""
        return self.backbone_classes | {d for d in self.drugs if any(self.member(d, c) for c in self.backbone_classes)}

    def member(self, drug: str, cls: str, types: dict[str, frozenset[str]] | None = None) -> bool:
        """Whether ``drug`` is ``cls`` or a member of the class ``cls``."""
        if drug == cls:
            return True
        known = types.get(drug) if types else None
        if known is None:
            info = self.drugs.get(drug)
            known = info.types if info else frozenset()
        return cls in known


def _name(labels: dict[str, str], iri: Any) -> str:
    return labels.get(str(iri)) or str(iri)


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


_CACHE: weakref.WeakKeyDictionary[Store, Knowledge] = weakref.WeakKeyDictionary()


def knowledge(store: Store) -> Knowledge:
    """The compiled knowledge of ``store`` (built on first use, kept as long as the store)."""
    found = _CACHE.get(store)
    if found is None:
        found = _CACHE[store] = _compile(store)
    return found


def _compile(kg: Store) -> Knowledge:
    labels: dict[str, str] = {}
    for row in kg.select("SELECT ?e (MIN(STR(?l)) AS ?label) WHERE { ?e rdfs:label ?l FILTER isIRI(?e) } GROUP BY ?e"):
        labels[row["e"]] = row["label"]

    superclasses: dict[str, set[str]] = defaultdict(set)
    for row in kg.select("SELECT ?c ?s WHERE { ?c rdfs:subClassOf ?s FILTER (isIRI(?c) && isIRI(?s)) }"):
        superclasses[row["c"]].add(row["s"])

    antigens = frozenset(r["t"] for r in kg.select("SELECT ?t WHERE { ?t a mmkg:TumourAntigen }"))
    drugs: dict[str, Drug] = {}
    for row in kg.select("SELECT ?d ?t WHERE { ?d a mmkg:Drug ; a ?t FILTER isIRI(?t) }"):
        drug = drugs.setdefault(row["d"], Drug(row["d"], _name(labels, row["d"])))
        drug.types = drug.types | {row["t"]}
    for row in kg.select("SELECT ?d ?m WHERE { ?d a mmkg:Drug ; mmkg:hasModality ?m }"):
        drugs[row["d"]].modality = row["m"]
    targets: dict[str, set[str]] = defaultdict(set)
    for row in kg.select("SELECT ?d ?t WHERE { ?d a mmkg:Drug ; mmkg:hasTarget ?t }"):
        if row["t"] in antigens:
            targets[row["d"]].add(row["t"])
    for iri, found in targets.items():
        drugs[iri].targets = tuple(sorted(found))
    for row in kg.select("SELECT ?d ?s WHERE { ?d mmkg:singleTreatmentCourse true OPTIONAL { ?d dcterms:source ?s } }"):
        if row["d"] in drugs:
            drugs[row["d"]].single_course = True
            drugs[row["d"]].single_course_source = row.get("s")

    regimens: dict[str, set[str]] = defaultdict(set)
    for row in kg.select("SELECT ?r ?d WHERE { ?r a mmkg:Regimen ; mmkg:hasComponent ?d }"):
        regimens[row["r"]].add(row["d"])
    frozen_regimens = {r: tuple(sorted(ds)) for r, ds in regimens.items()}
    by_single: dict[str, list[str]] = defaultdict(list)
    for regimen, components in frozen_regimens.items():
        if len(components) == 1:
            by_single[components[0]].append(regimen)
    monotherapy = {d: rs[0] for d, rs in by_single.items() if len(rs) == 1}

    backbone = frozenset(
        r["c"] for r in kg.select("SELECT ?c WHERE { ?c mmkg:refractorinessAttribution mmkg:attributedOnlyWhenNamed }")
    )

    criteria = _criteria(kg, labels)
    approvals = _approvals(kg, labels)
    aifa = _aifa(kg, labels)
    coverage = {
        (row["p"], row["a"]): Coverage(row["c"], _date(row.get("from")), _date(row.get("checked")))
        for row in kg.select(
            """SELECT ?c ?p ?a ?from ?checked WHERE { ?c a mmkg:CurationCoverage ; mmkg:coversProduct ?p ; mmkg:coversAgency ?a .
                 OPTIONAL { ?c mmkg:completeFrom ?from } OPTIONAL { ?c mmkg:statusCheckedOn ?checked } }"""
        )
    }

    courses: dict[str, bool] = {}
    for row in kg.select(
        "SELECT ?n ?r WHERE { ?c a mmkg:DiseaseCourse ; skos:notation ?n OPTIONAL { ?c mmkg:refractoryCourse ?r } }"
    ):
        courses[str(row["n"])] = bool(row.get("r"))
    course_notation = {
        row["c"]: str(row["n"])
        for row in kg.select("SELECT ?c ?n WHERE { ?c a mmkg:DiseaseCourse ; skos:notation ?n }")
    }
    responses: dict[str, bool] = {}
    for row in kg.select(
        "SELECT ?n ?b WHERE { ?r a mmkg:ResponseCategory ; skos:notation ?n OPTIONAL { ?r mmkg:belowMinimalResponse ?b } }"
    ):
        responses[str(row["n"])] = bool(row.get("b"))
    conditions: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"met": set(), "not": set(), "open": set()})
    for row in kg.select(
        """SELECT ?c ?p ?course WHERE { ?c a mmkg:LastTherapyCondition .
             OPTIONAL { ?c ?p ?course VALUES ?p { mmkg:metByCourse mmkg:notMetByCourse mmkg:readingOpenForCourse } } }"""
    ):
        entry = conditions[row["c"]]
        if "p" in row:
            key = {"metByCourse": "met", "notMetByCourse": "not", "readingOpenForCourse": "open"}[
                row["p"].removeprefix(MMKG)
            ]
            entry[key].add(course_notation.get(row["course"]) or str(row["course"]))
    compiled_conditions = {
        iri: Condition(iri, _name(labels, iri), frozenset(e["met"]), frozenset(e["not"]), frozenset(e["open"]))
        for iri, e in conditions.items()
    }

    ancestors: dict[str, set[str]] = defaultdict(set)
    for row in kg.select("SELECT ?s ?b WHERE { ?s a mmkg:DiseaseSetting ; skos:broader* ?b }"):
        ancestors[row["s"]].add(row["b"])

    phases = {row["p"]: _name(labels, row["p"]) for row in kg.select("SELECT ?p WHERE { ?p a mmkg:TreatmentPhase }")}

    recommendations = [
        Recommendation(
            iri=row["rec"],
            text=str(row["text"]),
            guideline=row.get("guideline"),
            prefers=row.get("prefers"),
            over=row.get("over"),
            about=row.get("about"),
            patients=row.get("patients"),
            level=row.get("level"),
            grade=row.get("grade"),
        )
        for row in kg.select(
            """SELECT ?rec ?text ?guideline ?prefers ?over ?about ?patients ?level ?grade WHERE {
                 ?rec a mmkg:SequencingRecommendation ; mmkg:recommendationText ?text .
                 OPTIONAL { ?rec mmkg:inGuideline ?guideline } OPTIONAL { ?rec mmkg:prefers ?prefers }
                 OPTIONAL { ?rec mmkg:over ?over } OPTIONAL { ?rec mmkg:aboutClass ?about }
                 OPTIONAL { ?rec mmkg:forPatients ?patients } OPTIONAL { ?rec mmkg:evidenceLevel ?level }
                 OPTIONAL { ?rec mmkg:recommendationGrade ?grade } }
               ORDER BY ?rec"""
        )
    ]
    results, exposure_results = _results(kg, labels, criteria)

    return Knowledge(
        labels=labels,
        drugs=drugs,
        regimens=frozen_regimens,
        superclasses={c: frozenset(s) for c, s in superclasses.items()},
        backbone_classes=backbone,
        monotherapy=monotherapy,
        criteria=criteria,
        approvals=approvals,
        aifa=aifa,
        coverage=coverage,
        conditions=compiled_conditions,
        refractory_courses=frozenset(n for n, r in courses.items() if r),
        courses=frozenset(courses),
        non_response=frozenset(n for n, b in responses.items() if b),
        responses=frozenset(responses),
        setting_ancestors={s: frozenset(a) for s, a in ancestors.items()},
        phases=phases,
        recommendations=recommendations,
        results=results,
        exposure_results=exposure_results,
        tumour_antigens=antigens,
    )


def _criteria(kg: Store, labels: dict[str, str]) -> dict[str, Criteria]:
    found: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(list))
    for row in kg.select(
        """SELECT ?c ?p ?v WHERE { ?c a mmkg:PopulationCriteria ; ?p ?v
             VALUES ?p { mmkg:diseaseSetting mmkg:minPriorLines mmkg:maxPriorLines mmkg:requiresPriorExposureTo
                         mmkg:requiresRefractorinessTo mmkg:excludesPriorExposureTo mmkg:excludesRefractorinessTo
                         mmkg:lastTherapyCondition mmkg:criteriaText } }"""
    ):
        found[row["c"]][row["p"].removeprefix(MMKG)].append(row["v"])
    for row in kg.select(
        """SELECT ?c ?p ?cls ?n WHERE { ?c a mmkg:PopulationCriteria ; ?p ?req . ?req mmkg:ofClass ?cls ; mmkg:minimumCount ?n
             VALUES ?p { mmkg:requiresRefractorinessCount mmkg:requiresExposureCount } }"""
    ):
        found[row["c"]][row["p"].removeprefix(MMKG)].append(CountRequirement(row["cls"], int(row["n"])))

    def one(values: list[Any]) -> Any:
        return values[0] if values else None

    return {
        iri: Criteria(
            iri=iri,
            settings=tuple(sorted(p["diseaseSetting"])),
            min_lines=one(p["minPriorLines"]),
            max_lines=one(p["maxPriorLines"]),
            requires_exposure=tuple(sorted(p["requiresPriorExposureTo"])),
            requires_refractory=tuple(sorted(p["requiresRefractorinessTo"])),
            excludes_exposure=tuple(sorted(p["excludesPriorExposureTo"])),
            excludes_refractory=tuple(sorted(p["excludesRefractorinessTo"])),
            exposure_counts=tuple(sorted(p["requiresExposureCount"], key=lambda r: r.cls)),
            refractory_counts=tuple(sorted(p["requiresRefractorinessCount"], key=lambda r: r.cls)),
            last_therapy=one(p["lastTherapyCondition"]),
            text=str(one(p["criteriaText"]) or ""),
            label=_name(labels, iri),
        )
        for iri, p in found.items()
    }


def _approvals(kg: Store, labels: dict[str, str]) -> list[Approval]:
    rows = kg.select(
        """SELECT ?approval ?agency ?product ?indication ?regimen ?date ?earliest ?from ?until
                  (GROUP_CONCAT(DISTINCT STR(?typeLabel); separator=", ") AS ?types) WHERE {
             ?approval a mmkg:Approval ; mmkg:agency ?agency ; mmkg:product ?product ; mmkg:indication ?indication ;
                       mmkg:eventDate ?date ; mmkg:inForceFrom ?from .
             ?indication mmkg:indicationRegimen ?regimen .
             OPTIONAL { ?approval mmkg:earliestDate ?earliest }
             OPTIONAL { ?approval mmkg:inForceUntil ?until }
             OPTIONAL { ?approval a ?type . ?type rdfs:subClassOf* mmkg:Approval ; rdfs:label ?typeLabel
                        FILTER NOT EXISTS { ?approval a ?narrower . ?narrower rdfs:subClassOf ?type FILTER (?narrower != ?type) } } }
           GROUP BY ?approval ?agency ?product ?indication ?regimen ?date ?earliest ?from ?until
           ORDER BY ?approval ?indication ?regimen"""
    )
    return [
        Approval(
            iri=row["approval"],
            label=_name(labels, row["approval"]),
            agency=row["agency"],
            product=row["product"],
            indication=row["indication"],
            regimen=row["regimen"],
            date=str(row["date"]),
            type_label=row.get("types", ""),
            earliest=_date(row.get("earliest")),
            in_force_from=row["from"],
            in_force_until=_date(row.get("until")),
        )
        for row in rows
    ]


def _aifa(kg: Store, labels: dict[str, str]) -> list[AifaDecision]:
    applies: dict[str, set[str]] = defaultdict(set)
    for row in kg.select("SELECT ?d ?a WHERE { ?d mmkg:appliesToApproval ?a }"):
        applies[row["d"]].add(row["a"])
    return [
        AifaDecision(
            iri=row["d"],
            label=_name(labels, row["d"]),
            reimbursement=bool(row["reimbursement"]),
            product=row["product"],
            indication=row.get("indication"),
            latest=row["latest"],
            applies_to=frozenset(applies.get(row["d"], ())),
        )
        for row in kg.select(
            """SELECT ?d ?product ?indication ?latest (EXISTS { ?d a mmkg:ReimbursementApproval } AS ?reimbursement) WHERE {
                 ?d a mmkg:ReimbursementDecision ; mmkg:agency agency:AIFA ; mmkg:product ?product ; mmkg:latestDate ?latest .
                 OPTIONAL { ?d mmkg:indication ?indication } }
               ORDER BY ?d"""
        )
    ]


def _results(
    kg: Store, labels: dict[str, str], criteria: dict[str, Criteria]
) -> tuple[dict[str, list[Result]], list[tuple[str, Result]]]:
    """Results of the key endpoints (PFS, OS, ORR: medians, rates, hazard ratios), by regimen of their arm."""
    rows = kg.select(
        """SELECT ?result ?trial ?arm ?population ?endpoint ?stat ?regimen ?estimate ?notReached ?ciLower ?ciUpper
                  ?pValue ?unit ?isExtrapolated ?confidence ?cutoff ?analysis ?source WHERE {
             ?result a mmkg:Result ; mmkg:ofTrial ?trial ; mmkg:inPopulation ?population ; mmkg:endpoint ?endpoint ;
                     mmkg:statistic ?stat .
             VALUES ?endpoint { endpoint:PFS endpoint:ORR endpoint:OS }
             VALUES ?stat { stat:median stat:proportion stat:hazard-ratio }
             OPTIONAL { ?result mmkg:forArm ?arm . OPTIONAL { ?arm mmkg:armRegimen ?regimen } }
             OPTIONAL { ?result mmkg:estimate ?estimate } OPTIONAL { ?result mmkg:notReached ?notReached }
             OPTIONAL { ?result mmkg:ciLower ?ciLower } OPTIONAL { ?result mmkg:ciUpper ?ciUpper }
             OPTIONAL { ?result mmkg:pValue ?pValue } OPTIONAL { ?result mmkg:unit ?unit }
             OPTIONAL { ?result mmkg:isExtrapolated ?isExtrapolated } OPTIONAL { ?result mmkg:confidence ?confidence }
             OPTIONAL { ?result mmkg:dataCutoff ?cutoff } OPTIONAL { ?result mmkg:analysisType ?analysis }
             OPTIONAL { ?result dcterms:source ?source } }"""
    )
    merged: dict[str, Result] = {}
    for row in rows:
        result = merged.get(row["result"])
        if result is None:
            keys = ("estimate", "notReached", "ciLower", "ciUpper", "pValue", "unit", "isExtrapolated", "confidence")
            values: dict[str, Any] = {key: row[key] for key in keys if key in row}
            result = merged[row["result"]] = Result(
                iri=row["result"],
                trial=row["trial"],
                trial_label=_name(labels, row["trial"]),
                arm_label=_name(labels, row["arm"]) if "arm" in row else "",
                population=row["population"],
                population_label=_name(labels, row["population"]),
                endpoint_label=_name(labels, row["endpoint"]),
                statistic_label=_name(labels, row["stat"]),
                regimens=frozenset(),
                values=values,
                data_cutoff=str(row["cutoff"]) if "cutoff" in row else None,
            )
        if "regimen" in row:
            result.regimens = result.regimens | {row["regimen"]}
        if "analysis" in row and _name(labels, row["analysis"]) not in result.analysis:
            result.analysis = (*result.analysis, _name(labels, row["analysis"]))
        if "source" in row and row["source"] not in result.sources:
            result.sources = (*result.sources, row["source"])
    by_regimen: dict[str, list[Result]] = defaultdict(list)
    after_exposure: list[tuple[str, Result]] = []
    for result in sorted(merged.values(), key=lambda r: r.iri):
        for regimen in result.regimens:
            by_regimen[regimen].append(result)
        population = criteria.get(result.population)
        for required in population.requires_exposure if population else ():
            after_exposure.append((required, result))
    return dict(by_regimen), after_exposure
