"""mmkg's look-alike terms are aligned to the standard vocabularies that other tools read.

Each alignment is checked in the release itself (not in the sources), so a tool that loads
only ``release/mmkg.owl`` or ``mmkg.ttl`` sees it.
"""

from __future__ import annotations

import pytest

from mmkg import KnowledgeGraph

OBO = "http://purl.obolibrary.org/obo/"


@pytest.mark.parametrize(
    ("term", "standard"),
    [
        ("mmkg:curationNote", f"<{OBO}IAO_0000116>"),  # editor note
        ("mmkg:unit", "<http://qudt.org/schema/qudt/hasUnit>"),
        ("mmkg:pmid", "<http://purl.org/ontology/bibo/pmid>"),
        ("mmkg:doi", "<http://purl.org/ontology/bibo/doi>"),
        ("mmkg:firstAuthor", "<http://purl.org/dc/terms/creator>"),
        ("mmkg:year", "<http://purl.org/dc/terms/date>"),
        ("mmkg:subject", "<https://w3id.org/sssom/subject_id>"),
        ("mmkg:predicate", "<https://w3id.org/sssom/predicate_id>"),
        ("mmkg:object", "<https://w3id.org/sssom/object_id>"),
        ("mmkg:mappingJustification", "<https://w3id.org/sssom/mapping_justification>"),
        ("<http://purl.org/dc/terms/source>", "<http://www.w3.org/ns/prov#wasDerivedFrom>"),
    ],
)
def test_property_is_a_subproperty_of_its_standard_term(kg: KnowledgeGraph, term: str, standard: str) -> None:
    assert kg.ask(f"ASK {{ {term} rdfs:subPropertyOf {standard} }}")


@pytest.mark.parametrize(
    ("term", "statistic"),
    [
        ("mmkg:ciLower", f"<{OBO}STATO_0000315>"),  # lower confidence limit
        ("mmkg:ciUpper", f"<{OBO}STATO_0000314>"),  # upper confidence limit
        ("mmkg:ciLevel", f"<{OBO}STATO_0000561>"),  # confidence level
        ("mmkg:pValue", f"<{OBO}OBI_0000175>"),  # p-value
    ],
)
def test_result_statistics_name_their_stato_or_obi_class(kg: KnowledgeGraph, term: str, statistic: str) -> None:
    assert kg.ask(f"ASK {{ {term} mmkg:valueKind {statistic} . {statistic} rdfs:label ?label }}")


def test_journal_articles_are_bibo_academic_articles(kg: KnowledgeGraph) -> None:
    assert kg.ask("ASK { mmkg:JournalArticle rdfs:subClassOf bibo:AcademicArticle }")


def test_every_definition_is_also_an_iao_definition(kg: KnowledgeGraph) -> None:
    missing = kg.select(
        f"""SELECT ?term WHERE {{ ?term skos:definition ?d . FILTER (isIRI(?term))
             FILTER NOT EXISTS {{ ?term <{OBO}IAO_0000115> ?d }} }}"""
    )
    assert missing == []
    assert kg.ask(f"ASK {{ mmkg:PentaDrugRefractory <{OBO}IAO_0000115> ?d }}")


def test_every_mapping_is_justified_by_a_semapv_term(kg: KnowledgeGraph) -> None:
    unjustified = kg.select(
        """SELECT ?m WHERE { ?m a mmkg:Mapping .
             FILTER NOT EXISTS { ?m mmkg:mappingJustification ?j . FILTER (STRSTARTS(STR(?j), STR(semapv:))) } }"""
    )
    assert unjustified == []
    assert kg.ask("ASK { ?m a mmkg:Mapping ; mmkg:mappingJustification semapv:ManualMappingCuration }")


@pytest.mark.parametrize(
    "members",
    [
        ("mmkg:ExperimentalArm", "mmkg:ControlArm"),
        ("mmkg:Monotherapy", "mmkg:Doublet", "mmkg:Triplet", "mmkg:Quadruplet"),
        ("mmkg:Approval", "mmkg:Withdrawal"),
        ("mmkg:Drug", "mmkg:Regimen", "mmkg:Measure"),
    ],
)
def test_sibling_classes_are_disjoint(kg: KnowledgeGraph, members: tuple[str, ...]) -> None:
    listed = " ".join(f"?list rdf:rest*/rdf:first {m} ." for m in members)
    assert kg.ask(f"ASK {{ ?d a owl:AllDisjointClasses ; owl:members ?list . {listed} }}")


def test_baseline_characteristics_are_measures_not_endpoints(kg: KnowledgeGraph) -> None:
    assert kg.ask("ASK { mmkg:BaselineCharacteristic rdfs:subClassOf mmkg:Measure }")
    assert not kg.ask("ASK { mmkg:BaselineCharacteristic rdfs:subClassOf+ mmkg:Endpoint }")
