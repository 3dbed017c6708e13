"""The quality report finds what ROBOT's report would, and the release has no ERROR.

One small graph carries one defect per check beside a clean drug; each check must find its
defect and nothing else, so a check that stops matching (or starts matching everything) fails.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mmkg import resources
from mmkg.build.quality import checks, enforce, run_checks
from mmkg.errors import BuildFailed

M = "https://w3id.org/mmkg/"

DEFECTS = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix mmkg: <https://w3id.org/mmkg/ontology/> .
@prefix drug: <https://w3id.org/mmkg/drug/> .
@prefix ref: <https://w3id.org/mmkg/reference/> .

mmkg:Reference a owl:Class ; rdfs:label "reference" .
mmkg:JournalArticle a owl:Class ; rdfs:label "journal article" ; rdfs:subClassOf mmkg:Reference .
mmkg:SecondarySource a owl:Class ; rdfs:label "secondary source" ; rdfs:subClassOf mmkg:Reference .
mmkg:Drug a owl:Class ; rdfs:label "drug" .
ref:paper a mmkg:JournalArticle ; rdfs:label "a paper" .
ref:slides a mmkg:SecondarySource ; rdfs:label "slides" .

<https://w3id.org/mmkg/mmkg.owl> a owl:Ontology ; rdfs:label "mmkg" ; dcterms:title "t" ; dcterms:description "d" ;
    dcterms:license <https://creativecommons.org/licenses/by/4.0/> .

drug:clean a mmkg:Drug ; rdfs:label "cleanomab" ; skos:definition "A clean drug." ;
    dcterms:source ref:paper .
drug:unlabelled a mmkg:Drug ; dcterms:source ref:paper .
drug:twin-a a mmkg:Drug ; rdfs:label "twinib" ; dcterms:source ref:paper .
drug:twin-b a mmkg:Drug ; rdfs:label "Twinib" ; skos:altLabel "twin-b" ; dcterms:source ref:paper .
drug:lookalike a mmkg:Drug ; rdfs:label "look alike" ; skos:altLabel "TWIN-B" ; dcterms:source ref:paper .
drug:same-def-a a mmkg:Drug ; rdfs:label "samedef a" ; skos:definition "Shared words." ; dcterms:source ref:paper .
drug:same-def-b a mmkg:Drug ; rdfs:label "samedef b" ; skos:definition "Shared words." ; dcterms:source ref:paper .
drug:two-defs a mmkg:Drug ; rdfs:label "twodefs" ; skos:definition "One.", "Two." ; dcterms:source ref:paper .
drug:two-labels a mmkg:Drug ; rdfs:label "first name", "second name" ; dcterms:source ref:paper .
drug:hearsay a mmkg:Drug ; rdfs:label "hearsay" ; dcterms:source ref:slides .
drug:pref a mmkg:Drug ; rdfs:label "pref" ; skos:prefLabel "PREF" ; skos:altLabel "PREF" ; dcterms:source ref:paper .
drug:untyped-source a mmkg:Drug ; rdfs:label "untyped source" ; dcterms:source <https://example.org/unknown> .
drug:spaced a mmkg:Drug ; rdfs:label "spaced " ; dcterms:source ref:paper .
mmkg:Modality a owl:Class ; rdfs:label "modality" .
<https://w3id.org/mmkg/modality/fixture-abc> a mmkg:Modality ; rdfs:label "fixture modality" ; skos:altLabel "ABC" .
mmkg:FixtureABCProduct a owl:Class ; rdfs:label "fixture product" ; skos:altLabel "A-B-C" .
# a drug named "twin-b" wins that name over the class: no shared-name finding for it
mmkg:FixtureTwin a owl:Class ; rdfs:label "fixture twin class" ; skos:altLabel "twinb" .
<https://w3id.org/mmkg/modality/fixture-twin> a mmkg:Modality ; rdfs:label "fixture twin modality" ; skos:altLabel "Twin B" .
"""

EXPECTED = {
    ("missing-label", M + "drug/unlabelled"),
    ("duplicate-label", M + "drug/twin-a"),
    ("duplicate-label", M + "drug/twin-b"),
    ("ambiguous-name", M + "drug/twin-a"),
    ("ambiguous-name", M + "drug/twin-b"),
    ("ambiguous-name", M + "drug/lookalike"),
    ("duplicate-definition", M + "drug/same-def-a"),
    ("duplicate-definition", M + "drug/same-def-b"),
    ("multiple-definitions", M + "drug/two-defs"),
    ("multiple-labels", M + "drug/two-labels"),
    ("secondary-source-only", M + "drug/hearsay"),
    ("skos-label-integrity", M + "drug/pref"),
    ("untyped-source", "https://example.org/unknown"),
    ("whitespace", M + "drug/spaced"),
    ("missing-ontology-metadata", M + "mmkg.owl"),
    ("shared-name", M + "modality/fixture-abc"),
    ("shared-name", M + "ontology/FixtureABCProduct"),
}


@pytest.fixture(scope="module")
def report():
    store = ox.Store()
    store.load(DEFECTS.encode(), ox.RdfFormat.TURTLE)
    return run_checks(store)


def test_each_check_finds_its_defect_and_nothing_else(report) -> None:
    assert {(f.check, f.entity) for f in report.findings} == EXPECTED


def test_every_shipped_check_has_a_fixture() -> None:
    assert {c.name for c in checks()} == {check for check, _ in EXPECTED}


def test_missing_version_iri_is_the_ontology_finding(report) -> None:
    [finding] = [f for f in report.findings if f.check == "missing-ontology-metadata"]
    assert finding.value == "no owl:versionIRI"


def test_errors_fail_the_build_naming_each(report) -> None:
    with pytest.raises(BuildFailed) as failed:
        enforce(report)
    assert "quality report has" in str(failed.value)
    assert any("missing-label" in line for line in failed.value.details)


# the build enforces the report and test_shipped_release_is_up_to_date compares build-report.json;
# this re-runs the checks on the shipped file itself
@pytest.mark.slow
def test_the_release_has_no_quality_error() -> None:
    store = ox.Store()
    store.bulk_load(path=str(resources.release_dir() / "mmkg.nt"), format=ox.RdfFormat.N_TRIPLES)
    report = run_checks(store)
    assert report.errors == []
    assert report.counts()["ERROR"] == {c.name: 0 for c in checks() if c.level == "ERROR"}
