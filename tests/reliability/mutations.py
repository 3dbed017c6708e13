"""The mutation suite's faults: each a kind of data fault injected into a copy of the knowledge base.

A mutation works on a copy of ``ontology/`` at the level of triples where it can (``add``
writes a new file of Turtle; ``drop`` and ``swap`` rewrite the file that holds a triple as
N-Triples without it), so it survives the curators' reformatting; faults of the text itself
(broken Turtle, bad bytes) edit the text. Each names what the build's error must contain:
the node (or file) and the rule (the shape, or the build check). ``run_mutation`` builds
the copy into a copy of the release and reports what happened; the release copy must be
byte-identical afterwards.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .harness import REPO

MUTATION_FILE = "kb/zz-mutation.ttl"


@dataclass(frozen=True)
class Mutation:
    name: str
    apply: Callable[[Path], None]  # on the copy of ontology/
    needles: tuple[str, ...]  # every one appears in the build's error (message and details)
    group: str = "shape"  # parse | check | integrity | shape
    reasons: bool = False  # changes HermiT's input (no cached answer: slower)


def _prefixes(root: Path) -> str:
    data = json.loads((root / "prefixes.json").read_text(encoding="utf-8"))
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(data.items()) if not p.startswith("@"))


def _expand(root: Path, curie: str) -> str:
    data = json.loads((root / "prefixes.json").read_text(encoding="utf-8"))
    prefix, _, local = curie.partition(":")
    return data[prefix] + local


def add(turtle: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / MUTATION_FILE
        previous = path.read_text(encoding="utf-8") if path.exists() else _prefixes(root)
        path.write_text(previous + turtle + "\n", encoding="utf-8")

    return apply


def _files_with(root: Path, subject: str, predicate: str) -> list[tuple[Path, list[ox.Triple]]]:
    found = []
    for path in sorted(root.rglob("*.ttl")):
        triples = [q.triple for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)]
        if any(t.subject.value == subject and t.predicate.value == predicate for t in triples):
            found.append((path, triples))
    return found


def drop(subject: str, predicate: str) -> Callable[[Path], None]:
    """Remove every ``subject predicate ?o`` triple (CURIEs) from the files of the copy."""

    def apply(root: Path) -> None:
        s, p = _expand(root, subject), _expand(root, predicate)
        files = _files_with(root, s, p)
        if not files:
            raise LookupError(f"cannot inject the fault: no {subject} {predicate} in the sources")
        for path, triples in files:
            kept = [t for t in triples if not (t.subject.value == s and t.predicate.value == p)]
            path.write_bytes("".join(f"{t} .\n" for t in kept).encode("utf-8"))

    return apply


def swap(subject: str, predicate: str, value: str) -> Callable[[Path], None]:
    """Replace the values of ``subject predicate`` by ``value`` (Turtle)."""
    remove, put = drop(subject, predicate), add(f"{subject} {predicate} {value} .")

    def apply(root: Path) -> None:
        remove(root)
        put(root)

    return apply


def text(relative: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / relative
        path.write_bytes(change(path.read_bytes() if path.exists() else b""))

    return apply


def _truncate(data: bytes) -> bytes:
    cut = data.index(b"drug:lenalidomide a") + 40
    return data[:cut]


def _retype_label(data: bytes) -> bytes:
    start = data.index(b"drug:lenalidomide a")
    at = data.index(b"rdfs:label", start)
    return data[:at] + b"rdfz:label" + data[at + len(b"rdfs:label") :]


HEADER = b"@prefix drug: <https://w3id.org/mmkg/drug/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
R = "result:IKEMA-pfs-hr-itt"
THAL = "approval:thalidomide-fda-2006-05-25"
WITHDRAWAL = "approval:panobinostat-fda-2022-03-24-withdrawal"
REC = "rec:eha-emn-2025-ndmm-tie-induction-VRd"
SEQ = "rec:imwg-2025-bcma-tcrt-before-bcma-adc"
GUIDE = "ref:lin-2024-lancet-oncol"
SEL = "indication:selinexor-Sd-fda-4l"
CHEBI = "mapping:lenalidomide-chebi-63791"
ABSENT = "mapping:venetoclax-wikidata-absent"

MUTATIONS: list[Mutation] = [
    # --- broken Turtle: the build names the file (and the line) -------------------------
    Mutation(
        "turtle-unknown-prefix-in-a-curated-file", text("kb/drugs.ttl", _retype_label), ("drugs.ttl", "line"), "parse"
    ),
    Mutation(
        "turtle-unterminated-string",
        add('drug:fixture-x rdfs:label "no end .'),
        ("zz-mutation.ttl", "broken Turtle"),
        "parse",
    ),
    Mutation(
        "turtle-missing-final-dot",
        text(MUTATION_FILE, lambda d: HEADER + b'drug:lenalidomide rdfs:comment "x"'),
        ("zz-mutation.ttl", "broken Turtle"),
        "parse",
    ),
    Mutation("turtle-undeclared-prefix", add("nope:x a mmkg:Drug ."), ("zz-mutation.ttl", "broken Turtle"), "parse"),
    Mutation(
        "turtle-iri-with-a-space",
        add("<https://w3id.org/mmkg/drug/a b> a mmkg:Drug ."),
        ("zz-mutation.ttl", "broken Turtle"),
        "parse",
    ),
    Mutation(
        "turtle-not-utf8",
        text(MUTATION_FILE, lambda d: HEADER + b'drug:lenalidomide rdfs:comment "caf\xe9" .\n'),
        ("zz-mutation.ttl",),
        "parse",
    ),
    Mutation(
        "turtle-binary-garbage", text(MUTATION_FILE, lambda d: bytes(range(256)) * 4), ("zz-mutation.ttl",), "parse"
    ),
    Mutation("turtle-truncated-file", text("kb/drugs.ttl", _truncate), ("drugs.ttl", "broken Turtle"), "parse"),
    # --- build checks: what no shape can see ------------------------------------------------
    Mutation("ill-typed-decimal", add(f'{R} mmkg:ciLower "abc"^^xsd:decimal .'), (R, "ill-typed literal"), "check"),
    Mutation(
        "ill-typed-date", swap(THAL, "mmkg:eventDate", '"2006-02-30"^^xsd:date'), (THAL, "ill-typed literal"), "check"
    ),
    Mutation(
        "ill-typed-integer",
        swap("trial:IKEMA", "mmkg:sampleSize", '"three hundred"^^xsd:integer'),
        ("trial:IKEMA", "ill-typed literal"),
        "check",
    ),
    Mutation("ill-typed-gyear", swap(GUIDE, "mmkg:year", '"24"^^xsd:gYear'), (GUIDE, "ill-typed literal"), "check"),
    Mutation(
        "subclass-cycle",
        add(
            "mmkg:ImmunomodulatoryDrug rdfs:subClassOf mmkg:ProteasomeInhibitor ."
            " mmkg:ProteasomeInhibitor rdfs:subClassOf mmkg:ImmunomodulatoryDrug ."
        ),
        ("mmkg:ImmunomodulatoryDrug", "mmkg:ProteasomeInhibitor", "subclass cycle"),
        "check",
        True,
    ),
    Mutation(
        "unsatisfiable-class",
        add(
            'mmkg:FixtureImpossible a owl:Class ; rdfs:label "impossible"@en ; skos:definition "x"@en ; rdfs:subClassOf owl:Nothing .'
        ),
        ("mmkg:FixtureImpossible", "unsatisfiable"),
        "check",
        True,
    ),
    Mutation("inconsistent-individual", add("drug:lenalidomide a mmkg:Regimen ."), ("inconsistent",), "check", True),
    # --- integrity (shapes/integrity.ttl) ------------------------------------------------------
    Mutation(
        "chebi-identifier-disagrees-with-its-iri",
        swap(CHEBI, "mmkg:identifier", '"CHEBI:63792"'),
        (CHEBI, "MappingIdentifierAgreesShape"),
        "integrity",
    ),
    Mutation(
        "two-drugs-with-one-label",
        swap("drug:pomalidomide", "rdfs:label", '"lenalidomide"@en'),
        ("drug:pomalidomide", "DrugLabelUniqueShape"),
        "integrity",
    ),
    Mutation(
        "approved-product-not-in-the-regimen",
        swap("approval:selinexor-fda-2019-07-03", "mmkg:product", "drug:bortezomib"),
        ("approval:selinexor-fda-2019-07-03", "ApprovedProductInRegimenShape"),
        "integrity",
        True,
    ),
    Mutation("ci-level-as-a-percentage", swap(R, "mmkg:ciLevel", "95.4"), (R, "ConfidenceLevelShape"), "integrity"),
    Mutation(
        "negative-sample-size",
        swap("trial:IKEMA", "mmkg:sampleSize", "-302"),
        ("trial:IKEMA", "SampleSizeShape"),
        "integrity",
    ),
    Mutation(
        "result-arm-of-another-trial",
        swap(R, "mmkg:forArm", "arm:BOSTON-SVd"),
        (R, "ResultArmOfTrialShape"),
        "integrity",
        True,
    ),
    Mutation(
        "result-comparator-of-another-trial",
        swap(R, "mmkg:versusArm", "arm:BOSTON-Vd"),
        (R, "ResultArmOfTrialShape"),
        "integrity",
        True,
    ),
    Mutation(
        "estimate-as-text-without-ci",
        swap("result:IKEMA-orr-IsaKd-itt", "mmkg:estimate", '"87 percent"'),
        ("result:IKEMA-orr-IsaKd-itt", "ResultNumbersShape"),
        "integrity",
    ),
    # --- approvals ------------------------------------------------------------------------------
    Mutation(
        "event-date-in-the-future",
        swap(THAL, "mmkg:eventDate", '"2099-01-01"^^xsd:date'),
        (THAL, "EventDateNotInFutureShape"),
    ),
    Mutation("event-date-as-plain-text", swap(THAL, "mmkg:eventDate", '"2006-05-25"'), (THAL, "RegulatoryEventShape")),
    Mutation(
        "event-with-two-dates", add(f'{THAL} mmkg:eventDate "2006-05-26"^^xsd:date .'), (THAL, "RegulatoryEventShape")
    ),
    Mutation("event-without-label", drop(THAL, "rdfs:label"), (THAL, "RegulatoryEventShape")),
    Mutation("event-without-source", drop(THAL, "dcterms:source"), (THAL, "RegulatoryEventShape"), reasons=True),
    Mutation("event-without-product", drop(THAL, "mmkg:product"), (THAL, "RegulatoryEventShape"), reasons=True),
    Mutation(
        "event-by-an-unknown-agency",
        swap(THAL, "mmkg:agency", "agency:PMDA"),
        (THAL, "RegulatoryEventShape"),
        reasons=True,
    ),
    Mutation("approval-without-indication", drop(THAL, "mmkg:indication"), (THAL, "ApprovalShape"), reasons=True),
    Mutation(
        "approval-by-the-chmp", swap(THAL, "mmkg:agency", "agency:EMA-CHMP"), (THAL, "ApprovalShape"), reasons=True
    ),
    Mutation(
        "in-force-date-curated-by-hand",
        add(f'{THAL} mmkg:inForceFrom "2001-01-01"^^xsd:date .'),
        (THAL, "InForceShape"),
    ),
    Mutation("withdrawal-ending-nothing", drop(WITHDRAWAL, "mmkg:ends"), (WITHDRAWAL, "WithdrawalShape"), reasons=True),
    Mutation(
        "withdrawal-before-the-approval",
        swap(WITHDRAWAL, "mmkg:eventDate", '"2001-01-01"^^xsd:date'),
        (WITHDRAWAL, "EndsEarlierApprovalShape"),
    ),
    Mutation(
        "chmp-opinion-by-the-fda",
        swap("approval:thalidomide-chmp-2008-01", "mmkg:agency", "agency:FDA"),
        ("approval:thalidomide-chmp-2008-01", "CHMPOpinionShape"),
        reasons=True,
    ),
    Mutation(
        "reimbursement-by-the-commission",
        swap("approval:teclistamab-aifa-2024-10-reimbursement", "mmkg:agency", "agency:EC"),
        ("approval:teclistamab-aifa-2024-10-reimbursement", "ReimbursementDecisionShape"),
        reasons=True,
    ),
    Mutation("indication-min-lines-above-max", add(f"{SEL} mmkg:maxPriorLines 1 ."), (SEL, "PopulationCriteriaShape")),
    Mutation(
        "indication-negative-prior-lines", swap(SEL, "mmkg:minPriorLines", "-4"), (SEL, "PopulationCriteriaShape")
    ),
    Mutation("indication-without-wording", drop(SEL, "mmkg:criteriaText"), (SEL, "IndicationShape")),
    Mutation(
        "indication-two-last-therapy-conditions",
        add(f"{SEL} mmkg:lastTherapyCondition lastline:refractory ."),
        (SEL, "IndicationShape"),
        reasons=True,
    ),
    Mutation("indication-without-regimen", drop(SEL, "mmkg:indicationRegimen"), (SEL, "IndicationShape"), reasons=True),
    # --- drugs and regimens -------------------------------------------------------------------
    Mutation(
        "drug-with-two-modalities",
        add("drug:lenalidomide mmkg:hasModality modality:monoclonal-antibody ."),
        ("drug:lenalidomide", "DrugShape"),
        reasons=True,
    ),
    Mutation(
        "drug-without-definition", drop("drug:lenalidomide", "skos:definition"), ("drug:lenalidomide", "DrugShape")
    ),
    Mutation(
        "drug-label-without-language",
        swap("drug:lenalidomide", "rdfs:label", '"lenalidomide"'),
        ("drug:lenalidomide", "DrugShape"),
    ),
    Mutation(
        "drug-without-source",
        drop("drug:lenalidomide", "dcterms:source"),
        ("drug:lenalidomide", "DrugShape"),
        reasons=True,
    ),
    Mutation(
        "regimen-without-component",
        drop("regimen:IsaKd", "mmkg:hasComponent"),
        ("regimen:IsaKd", "RegimenShape"),
        reasons=True,
    ),
    Mutation(
        "regimen-with-an-unknown-component",
        add("regimen:IsaKd mmkg:hasComponent drug:fixture-nonexistent ."),
        ("regimen:IsaKd", "RegimenShape"),
        reasons=True,
    ),
    Mutation(
        "regimen-abbreviation-of-another",
        add('regimen:KRd skos:altLabel "Isa-Kd"@en .'),
        ("regimen:KRd", "UniqueRegimenNameShape"),
    ),
    Mutation(
        "target-without-definition",
        drop("target:proteasome", "skos:definition"),
        ("target:proteasome", "MolecularTargetShape"),
    ),
    # --- guidelines ---------------------------------------------------------------------------
    Mutation(
        "recommendation-evidence-level-vi", swap(REC, "mmkg:evidenceLevel", '"VI"'), (REC, "RecommendationGradingShape")
    ),
    Mutation(
        "recommendation-grade-f", swap(REC, "mmkg:recommendationGrade", '"F"'), (REC, "RecommendationGradingShape")
    ),
    Mutation("recommendation-rank-zero", swap(REC, "mmkg:preferenceRank", "0"), (REC, "RegimenRecommendationShape")),
    Mutation(
        "recommendation-without-text", drop(REC, "mmkg:recommendationText"), (REC, "RecommendationProvenanceShape")
    ),
    Mutation(
        "sequencing-prefers-without-over", drop(SEQ, "mmkg:over"), (SEQ, "SequencingRecommendationShape"), reasons=True
    ),
    Mutation("guideline-without-year", drop(GUIDE, "mmkg:year"), (GUIDE, "GuidelineShape")),
    # --- ontology metadata ---------------------------------------------------------------------
    Mutation(
        "ontology-two-versions",
        add('<https://w3id.org/mmkg/mmkg.owl> owl:versionInfo "9.9.9" .'),
        ("OntologyMetadataShape",),
    ),
    Mutation(
        "class-without-definition",
        add('mmkg:FixtureUndocumented a owl:Class ; rdfs:label "undocumented"@en .'),
        ("mmkg:FixtureUndocumented", "TermDocumentationShape"),
        reasons=True,
    ),
    # --- results and trials ----------------------------------------------------------------------
    Mutation("p-value-above-one", add(f"{R} mmkg:pValue 1.5 ."), (R, "ResultPValueShape")),
    Mutation("p-value-zero", add(f"{R} mmkg:pValue 0.0 ."), (R, "ResultPValueShape")),
    Mutation("result-without-estimate", drop(R, "mmkg:estimate"), (R, "ResultEstimateShape")),
    Mutation("result-estimate-and-not-reached", add(f"{R} mmkg:notReached true ."), (R, "ResultEstimateShape")),
    Mutation("ci-lower-above-estimate", swap(R, "mmkg:ciLower", "0.61"), (R, "ResultConfidenceIntervalShape")),
    Mutation("ci-upper-below-estimate", swap(R, "mmkg:ciUpper", "0.50"), (R, "ResultConfidenceIntervalShape")),
    Mutation("hazard-ratio-zero", swap(R, "mmkg:estimate", "0.0"), (R, "ResultRatioShape")),
    Mutation(
        "percentage-over-100",
        swap("result:IKEMA-orr-IsaKd-itt", "mmkg:estimate", "187.0"),
        ("result:IKEMA-orr-IsaKd-itt", "ResultPercentageShape"),
    ),
    Mutation("result-without-statistic", drop(R, "mmkg:statistic"), (R, "ResultStatisticShape"), reasons=True),
    Mutation("result-without-trial", drop(R, "mmkg:ofTrial"), (R, "ResultTrialShape"), reasons=True),
    Mutation("result-without-source", drop(R, "dcterms:source"), (R, "ResultSourceShape"), reasons=True),
    Mutation(
        "trial-without-source", drop("trial:IKEMA", "dcterms:source"), ("trial:IKEMA", "TrialSourceShape"), reasons=True
    ),
    Mutation(
        "arm-without-regimen",
        drop("arm:IKEMA-IsaKd", "mmkg:armRegimen"),
        ("arm:IKEMA-IsaKd", "TrialArmRegimenShape"),
        reasons=True,
    ),
    Mutation(
        "nct-id-malformed", swap("trial:IKEMA", "mmkg:nctId", '"NCT0327528"'), ("trial:IKEMA", "NctIdSyntaxShape")
    ),
    # --- cross-references -------------------------------------------------------------------------
    Mutation(
        "chebi-identifier-malformed", swap(CHEBI, "mmkg:identifier", '"CHEBI63791"'), (CHEBI, "ChEBIIdentifierShape")
    ),
    Mutation("mapping-without-justification", drop(CHEBI, "mmkg:mappingJustification"), (CHEBI, "XrefMappingShape")),
    Mutation("mapping-with-an-unknown-scheme", swap(CHEBI, "mmkg:scheme", '"Chebi"'), (CHEBI, "XrefMappingShape")),
    Mutation("absent-identifier-without-date", drop(ABSENT, "dcterms:date"), (ABSENT, "AbsentIdentifierShape")),
    Mutation(
        "external-identifier-on-two-drugs",
        add(
            "mapping:fixture-pomalidomide-chebi a mmkg:Mapping ; mmkg:subject drug:pomalidomide ; mmkg:predicate skos:exactMatch ;"
            ' mmkg:object chebi:63791 ; mmkg:identifier "CHEBI:63791" ; mmkg:scheme "ChEBI" ; mmkg:mappingJustification semapv:ManualMappingCuration ;'
            " dcterms:source <https://example.org/fixture> . drug:pomalidomide skos:exactMatch chebi:63791 ."
        ),
        ("UniqueExternalIdentifierShape",),
        reasons=True,
    ),
]


@dataclass
class Outcome:
    name: str
    caught: bool  # the build failed
    named: bool  # its error named every needle
    release_unchanged: bool
    message: str
    seconds: float


def _release_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run_mutation(name: str) -> Outcome:
    """Inject ``name`` into a copy of the knowledge base, build it into a copy of the release, report."""
    import mmkg.build
    from mmkg.errors import MmkgError

    mutation = next(m for m in MUTATIONS if m.name == name)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mmkg-mutation-") as scratch:
        root = Path(scratch)
        shutil.copytree(REPO / "ontology", root / "ontology")
        shutil.copytree(REPO / "shapes", root / "shapes")
        shutil.copytree(REPO / "release", root / "release")
        before = _release_bytes(root / "release")
        try:
            mutation.apply(root / "ontology")
        except LookupError as error:
            return Outcome(name, False, False, True, f"not injected: {error}", 0.0)
        try:
            mmkg.build.build(out=root / "release", ontology=root / "ontology", shapes=root / "shapes")
            caught, message = False, "the build succeeded (exit 0)"
        except MmkgError as error:
            details = getattr(error, "details", [])
            caught, message = True, "\n".join([str(error), *details])
        except Exception as error:  # a traceback: not a clean failure
            caught, message = False, "traceback: " + "".join(traceback.format_exception_only(error)).strip()
        unchanged = _release_bytes(root / "release") == before
    named = caught and all(needle.lower() in message.lower() for needle in mutation.needles)
    return Outcome(name, caught, named, unchanged, message, time.monotonic() - start)
