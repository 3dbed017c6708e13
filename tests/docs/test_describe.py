"""`mmkg describe`, `mmkg queries NAME` and the warning for mmkg names a query gets wrong."""

from __future__ import annotations

import pytest

from mmkg.docs.describe import describe
from mmkg.docs.vocabulary import unknown_terms
from mmkg.errors import InputError


def test_describe_a_class_by_its_abbreviation(kg) -> None:
    text = describe(kg, "IMiD").text()
    assert text.startswith("mmkg:ImmunomodulatoryDrug — immunomodulatory drug (class)")
    assert "members                    3 (e.g. lenalidomide, pomalidomide, thalidomide)" in text
    assert "mmkg:hasTarget" in text  # a property its members have (domain mmkg:Drug, an ancestor)
    assert "?member a mmkg:ImmunomodulatoryDrug" in text


def test_describe_a_defined_class_gives_its_definition(kg) -> None:
    text = describe(kg, "mmkg:BCMABispecific").text()
    assert "≡ mmkg:Drug and (mmkg:hasTarget value target:BCMA)" in text
    assert "elranatamab, linvoseltamab, teclistamab" in text


def test_describe_a_property(kg) -> None:
    text = describe(kg, "mmkg:hasTarget").text()
    assert text.startswith("mmkg:hasTarget — has target (object property)")
    assert "domain      mmkg:Drug" in text
    assert "range       mmkg:MolecularTarget" in text
    assert "?subject mmkg:hasTarget ?value" in text


def test_describe_an_entity(kg) -> None:
    text = describe(kg, "lenalidomide").text()
    assert text.startswith("drug:lenalidomide — lenalidomide")
    assert "mmkg:ImmunomodulatoryDrug" in text
    assert "drug:lenalidomide ?property ?value" in text


def test_example_queries_run_and_answer(kg) -> None:
    for term in ("IMiD", "mmkg:hasTarget", "lenalidomide"):
        assert kg.select(describe(kg, term).query), term


def test_describe_an_unknown_name_is_one_line_with_close_matches(run_mmkg) -> None:
    result = run_mmkg("describe", "lenalidomid")
    assert result.returncode == 2
    assert result.stderr.startswith("mmkg: error: unknown name 'lenalidomid'")
    assert "lenalidomide" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_class_in_a_query_warns_with_the_class_meant(kg) -> None:
    assert unknown_terms(kg, "SELECT ?d WHERE { ?d a mmkg:IMiD }") == [
        "mmkg:IMiD is not in mmkg; did you mean mmkg:ImmunomodulatoryDrug?"
    ]
    assert unknown_terms(kg, "SELECT * WHERE { ?d <https://w3id.org/mmkg/ontology/hasTargett> ?t }") == [
        "mmkg:hasTargett is not in mmkg; did you mean mmkg:hasTarget?"
    ]
    assert unknown_terms(kg, "SELECT * WHERE { ?d a mmkg:ImmunomodulatoryDrug ; mmkg:hasTarget ?t }") == []


def test_every_named_query_uses_only_names_mmkg_knows(kg) -> None:
    import mmkg

    for query in mmkg.catalogue():
        assert unknown_terms(kg, query.sparql) == [], query.name


def test_mmkg_query_warns_on_stderr_and_still_answers(run_mmkg) -> None:
    result = run_mmkg("query", "SELECT ?d WHERE { ?d a mmkg:IMiD }")
    assert result.returncode == 0
    assert result.stderr == "mmkg: warning: mmkg:IMiD is not in mmkg; did you mean mmkg:ImmunomodulatoryDrug?\n"
    assert "(0 rows)" in result.stdout


def test_queries_name_shows_description_parameters_and_examples(run_mmkg) -> None:
    result = run_mmkg("queries", "drugs-by-target")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "drugs-by-target — Drugs by target and modality"
    assert any(line.startswith("  target (iri[mmkg:MolecularTarget]") for line in lines)
    assert "  mmkg query drugs-by-target --param target=BCMA" in lines
    assert "SPARQL (drugs-by-target.rq):" in lines


def test_queries_unknown_name_is_one_line(run_mmkg) -> None:
    result = run_mmkg("queries", "drugs-by-targets")
    assert result.returncode == 2
    assert result.stderr.startswith("mmkg: error: unknown query 'drugs-by-targets'; did you mean drugs-by-target")
    assert len(result.stderr.splitlines()) == 1


def test_describe_not_in_graph(kg) -> None:
    with pytest.raises(InputError):
        describe(kg, "https://w3id.org/mmkg/drug/nothing")
