"""Wikidata identifiers of the drugs: recorded only where a public record shows the item with the drug;
every other drug carries a Wikidata absence record saying what was checked and when.

Sources: shared/sources/drug-xrefs-reference.tsv (verified rows: popPK knowledge-base drug pages and
Scholia-derived tables quoted in ontology/kb/xrefs.ttl). No further Wikidata item could be verified for
the menu's drugs (see the absence records of ontology/kb/xrefs.ttl).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mmkg.xrefs import absent_identifiers, xrefs

VERIFIED = {
    "lenalidomide": "Q425681",
    "pomalidomide": "Q7227206",
    "thalidomide": "Q203174",
    "carfilzomib": "Q15366934",
    "ixazomib": "Q20948663",
    "isatuximab": "Q20707906",
    "dexamethasone": "Q422252",
    "prednisone": "Q424972",
    "melphalan": "Q2298283",
    "teclistamab": "Q113366205",
    "elranatamab": "Q121549012",
}
MENU_DRUGS = [
    "panobinostat",
    "venetoclax",
    "cyclophosphamide",
    "melphalan-flufenamide",
    "pegylated-liposomal-doxorubicin",
]


@pytest.mark.parametrize(("drug", "qid"), sorted(VERIFIED.items()))
def test_verified_wikidata_items_are_exact_matches(kg, drug: str, qid: str) -> None:
    got = [(x["identifier"], x["predicate"]) for x in xrefs(kg, "drug:" + drug) if x["scheme"] == "Wikidata"]
    assert got == [(qid, "skos:exactMatch")]


def test_every_drug_has_a_wikidata_item_or_a_recorded_absence(kg) -> None:
    drugs = [
        r["d"].rsplit("/", 1)[1]
        for r in kg.select(
            "SELECT ?d WHERE { ?d a mmkg:Drug FILTER(STRSTARTS(STR(?d), 'https://w3id.org/mmkg/drug/')) }"
        )
    ]
    for drug in drugs:
        mapped = [x for x in xrefs(kg, "drug:" + drug) if x["scheme"] == "Wikidata"]
        absent = [a for a in absent_identifiers(kg, "drug:" + drug) if a["scheme"] == "Wikidata"]
        assert len(mapped) + len(absent) == 1, drug


def test_no_wikidata_item_names_two_drugs(kg) -> None:
    rows = kg.select(
        "SELECT ?id (COUNT(DISTINCT ?d) AS ?n) WHERE { ?m a mmkg:Mapping ; mmkg:scheme 'Wikidata' ; "
        "mmkg:subject ?d ; mmkg:identifier ?id } GROUP BY ?id HAVING (COUNT(DISTINCT ?d) > 1)"
    )
    assert rows == []


@pytest.mark.parametrize("drug", MENU_DRUGS)
def test_menu_drugs_record_their_wikidata_item_as_not_found(kg, drug: str) -> None:
    rows = kg.select(
        "SELECT ?status ?date ?checked WHERE { ?a a mmkg:AbsentIdentifier ; mmkg:absentFor ?d ; mmkg:scheme 'Wikidata' ; "
        "mmkg:absenceStatus ?status ; dcterms:date ?date ; mmkg:checkedIn ?checked }",
        d=f"drug:{drug}",
    )
    assert rows == [
        {
            "status": "not found",
            "date": dt.date(2026, 12, 3),
            "checked": "https://w3id.org/mmkg/reference/mmkg-drug-xrefs-reference",
        }
    ]
