"""The cross-reference shapes (shapes/xrefs.ttl) fail the build on violating data."""

from __future__ import annotations

import pytest


SHAPE = "https://w3id.org/mmkg/shapes/"


def test_malformed_drugbank_accession_is_rejected(shape_fixtures) -> None:
    shape_fixtures.assert_violates("xrefs/malformed-identifier.ttl", SHAPE + "DrugBankIdentifierShape", focus="mapping:fixture-xref-malformed-drugbank")


def test_two_drugs_sharing_a_chebi_identifier_are_rejected(shape_fixtures) -> None:
    shape_fixtures.assert_violates("xrefs/duplicated-identifier.ttl", SHAPE + "UniqueExternalIdentifierShape", focus="drug:fixture-xref-duplicate")


@pytest.fixture(scope="module")
def incomplete(shape_fixtures) -> list[str]:
    return shape_fixtures.violations_for("xrefs/incomplete-records.ttl")


@pytest.mark.parametrize(
    ("shape", "needle"),
    [
        ("OneExactMatchPerSchemeShape", "drug:fixture-xref-incomplete"),
        ("XrefMappingShape", "mapping:fixture-xref-incomplete-chebi-2"),
        ("MappedTripleSourcedShape", "https://precision.fda.gov/uniisearch/srs/unii/FIXTUREAAA"),
        ("MappedTripleSourcedShape", "http://purl.obolibrary.org/obo/CHEBI_999999992"),
        ("AbsentIdentifierShape", "mapping:fixture-xref-incomplete-wikidata-absent"),
        ("NctIdSyntaxShape", "trial:FIXTURE-XREF"),
    ],
)
def test_incomplete_cross_reference_records_are_rejected(incomplete: list[str], shape: str, needle: str) -> None:
    lines = [line for line in incomplete if line.endswith(f"[shape shape:{shape}]")]
    assert lines, f"no violation of {shape}; got:\n" + "\n".join(incomplete)
    assert any(needle in line for line in lines), f"{shape} violated, but not on {needle}:\n" + "\n".join(lines)


def test_every_mapping_node_describes_an_asserted_triple(kg) -> None:
    rows = kg.query(
        """
        SELECT ?m WHERE {
          ?m a mmkg:Mapping ; mmkg:subject ?s ; mmkg:predicate ?p ; mmkg:object ?o .
          FILTER NOT EXISTS { ?s ?p ?o }
        }
        """
    )
    assert rows == []


def test_no_identifier_is_both_mapped_and_recorded_absent(kg) -> None:
    rows = kg.query(
        """
        SELECT ?a WHERE {
          ?a a mmkg:AbsentIdentifier ; mmkg:absentFor ?e ; mmkg:scheme ?scheme .
          ?m a mmkg:Mapping ; mmkg:subject ?e ; mmkg:scheme ?scheme ; mmkg:predicate ?p .
          FILTER (?p IN (skos:exactMatch, skos:closeMatch))
        }
        """
    )
    assert rows == []
