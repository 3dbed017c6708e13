"""Drugs, targets and classes reach their external identifiers, and identifiers lead back."""

from __future__ import annotations

import json

import pytest

from mmkg.identifiers import candidate_iris, resolve_identifier
from mmkg.resources import ontology_dir
from mmkg.xrefs import absent_identifiers, xrefs

DECK_DRUGS = [
    "anitocabtagene-autoleucel",
    "arlocabtagene-autoleucel",
    "belantamab-mafodotin",
    "bortezomib",
    "carfilzomib",
    "ciltacabtagene-autoleucel",
    "daratumumab",
    "dexamethasone",
    "elotuzumab",
    "elranatamab",
    "iberdomide",
    "idecabtagene-vicleucel",
    "isatuximab",
    "ixazomib",
    "jnj-5322",
    "lenalidomide",
    "linvoseltamab",
    "melphalan",
    "mezigdomide",
    "pomalidomide",
    "prednisone",
    "selinexor",
    "talquetamab",
    "teclistamab",
    "thalidomide",
]
DRUG_SCHEMES = ["ChEBI", "DrugBank", "RxNorm", "ATC", "NCIt", "UNII", "MeSH", "Wikidata"]
DRUG = "https://w3id.org/mmkg/drug/"
TARGET = "https://w3id.org/mmkg/target/"


def exact(kg, entity: str) -> dict[str, str]:
    return {x["scheme"]: x["identifier"] for x in xrefs(kg, entity) if x["predicate"] == "skos:exactMatch"}


def test_lenalidomide_identifiers_in_every_drug_vocabulary(kg) -> None:
    assert exact(kg, "drug:lenalidomide") == {
        "ChEBI": "CHEBI:63791",
        "DrugBank": "DB00480",
        "RxNorm": "342369",
        "ATC": "L04AX04",
        "NCIt": "C2668",
        "UNII": "F0P408N6V4",
        "MeSH": "D000077269",
        "Wikidata": "Q425681",
    }


def test_lenalidomide_iris_use_the_project_prefix_map(kg) -> None:
    iris = {x["scheme"]: x["iri"] for x in xrefs(kg, "lenalidomide")}
    assert iris["ChEBI"] == "http://purl.obolibrary.org/obo/CHEBI_63791"
    assert iris["NCIt"] == "http://purl.obolibrary.org/obo/NCIT_C2668"
    assert iris["Wikidata"] == "http://www.wikidata.org/entity/Q425681"
    assert iris["ATC"] == "http://www.whocc.no/atc_ddd_index/?code=L04AX04"


def test_every_mapping_has_sources(kg) -> None:
    for drug in DECK_DRUGS:
        for x in xrefs(kg, "drug:" + drug):
            assert x["sources"], f"{drug} {x['identifier']} has no source"
            assert x["mapping"], f"{drug} {x['identifier']} has no mapping node"


@pytest.mark.parametrize(
    "text",
    [
        "CHEBI:63791",
        "chebi:63791",
        "http://purl.obolibrary.org/obo/CHEBI_63791",
        "http://identifiers.org/CHEBI:63791",
        "DB00480",
        "drugbank:DB00480",
        "https://go.drugbank.com/drugs/DB00480",
        "L04AX04",
        "ATC:L04AX04",
        "342369",
        "RXCUI:342369",
        "C2668",
        "NCIT:C2668",
        "F0P408N6V4",
        "D000077269",
        "MESH:D000077269",
        "Q425681",
        "wikidata:Q425681",
        "https://www.wikidata.org/wiki/Q425681",
        " db00480 ",
    ],
)
def test_lenalidomide_is_found_from_its_identifiers_in_any_form(kg, text: str) -> None:
    assert resolve_identifier(kg, text) == DRUG + "lenalidomide"


def test_every_drug_and_target_is_found_from_each_of_its_identifiers(kg) -> None:
    rows = kg.query(
        """
        SELECT ?s ?o ?id WHERE {
          ?m a mmkg:Mapping ; mmkg:subject ?s ; mmkg:object ?o ; mmkg:identifier ?id ; mmkg:predicate ?p .
          FILTER (?p IN (skos:exactMatch, skos:closeMatch))
        }
        """
    )
    assert len(rows) > 140
    for row in rows:
        for text in (row["id"], row["o"]):
            assert resolve_identifier(kg, text) == row["s"], f"{text} should resolve to {row['s']}"


def test_superseded_atc_codes_are_not_mapped(kg) -> None:
    assert exact(kg, "drug:carfilzomib")["ATC"] == "L01XG02"
    assert exact(kg, "drug:isatuximab")["ATC"] == "L01FC02"
    assert resolve_identifier(kg, "L01XX45") is None  # carfilzomib, before 2021
    assert resolve_identifier(kg, "L01XC38") is None  # isatuximab, before 2021


def test_thalidomide_racemate_is_exact_and_the_unspecified_structure_close(kg) -> None:
    chebi = {x["identifier"]: x["predicate"] for x in xrefs(kg, "drug:thalidomide") if x["scheme"] == "ChEBI"}
    assert chebi == {"CHEBI:9513": "skos:exactMatch", "CHEBI:74947": "skos:closeMatch"}
    assert resolve_identifier(kg, "CHEBI:74947") == DRUG + "thalidomide"


def test_ixazomib_free_compound_is_exact_and_its_citrate_close(kg) -> None:
    got = {
        (x["scheme"], x["identifier"]): x["predicate"]
        for x in xrefs(kg, "drug:ixazomib")
        if x["scheme"] in ("ChEBI", "UNII")
    }
    assert got == {
        ("ChEBI", "CHEBI:90942"): "skos:exactMatch",
        ("ChEBI", "CHEBI:90939"): "skos:closeMatch",
        ("UNII", "71050168A2"): "skos:exactMatch",
        ("UNII", "46CWK97Z3K"): "skos:closeMatch",
    }


def test_each_deck_drug_has_every_drug_scheme_mapped_or_recorded_absent(kg) -> None:
    for drug in DECK_DRUGS:
        mapped = {
            x["scheme"] for x in xrefs(kg, "drug:" + drug) if x["predicate"] in ("skos:exactMatch", "skos:closeMatch")
        }
        absent = {a["scheme"] for a in absent_identifiers(kg, "drug:" + drug)}
        assert not mapped & absent, drug
        assert mapped | absent >= set(DRUG_SCHEMES), f"{drug}: {set(DRUG_SCHEMES) - mapped - absent}"


def test_investigational_agents_have_no_atc_code_yet(kg) -> None:
    for drug in ["iberdomide", "mezigdomide", "anitocabtagene-autoleucel", "arlocabtagene-autoleucel", "jnj-5322"]:
        atc = [a for a in absent_identifiers(kg, "drug:" + drug) if a["scheme"] == "ATC"]
        assert [a["status"] for a in atc] == ["not assigned"], drug
        assert atc[0]["checked_in"] == ["https://w3id.org/mmkg/reference/who-atc-ddd-2026-04-25"]


def test_antibodies_without_a_chebi_entry_are_recorded_not_found(kg) -> None:
    for drug in ["daratumumab", "isatuximab", "elotuzumab", "teclistamab"]:
        chebi = [a for a in absent_identifiers(kg, "drug:" + drug) if a["scheme"] == "ChEBI"]
        assert [a["status"] for a in chebi] == ["not found"], drug


def test_targets_map_exactly_to_uniprot_and_closely_to_hgnc(kg) -> None:
    expected = {
        "BCMA": ("Q02223", "HGNC:11913"),
        "GPRC5D": ("Q9NZD1", "HGNC:13310"),
        "CD38": ("P28907", "HGNC:1667"),
        "SLAMF7": ("Q9NQ25", "HGNC:21394"),
        "XPO1": ("O14980", "HGNC:12825"),
        "cereblon": ("Q96SW2", "HGNC:30185"),
        "CD3": ("P07766", "HGNC:1674"),
        "glucocorticoid-receptor": ("P04150", "HGNC:7978"),
    }
    for target, (uniprot, hgnc) in expected.items():
        got = {(x["scheme"], x["predicate"]): x["identifier"] for x in xrefs(kg, "target:" + target)}
        assert got[("UniProt", "skos:exactMatch")] == uniprot, target
        assert got[("HGNC", "skos:closeMatch")] == hgnc, target
        assert resolve_identifier(kg, uniprot) == TARGET + target
        assert resolve_identifier(kg, hgnc) == TARGET + target


def test_proteasome_is_broader_than_its_psmb5_subunit(kg) -> None:
    got = {(x["scheme"], x["identifier"]): x["predicate"] for x in xrefs(kg, "target:proteasome")}
    assert got[("UniProt", "P28074")] == "skos:narrowMatch"
    assert got[("HGNC", "HGNC:9542")] == "skos:narrowMatch"
    assert got[("GO", "GO:0000502")] == "skos:closeMatch"
    assert resolve_identifier(kg, "P28074") is None  # a part is not the whole


def test_drug_classes_align_with_atc_groups_and_chebi_roles(kg) -> None:
    def links(cls: str) -> set[tuple[str, str]]:
        # the class's own alignments (its members' identifiers come after, marked with via)
        return {(x["predicate"], x["identifier"]) for x in xrefs(kg, cls) if x["via"] is None}

    assert links("mmkg:ProteasomeInhibitor") == {("skos:closeMatch", "L01XG"), ("skos:closeMatch", "CHEBI:52726")}
    assert links("mmkg:AntiCD38Antibody") == {("skos:closeMatch", "L01FC")}
    assert links("mmkg:ImmunomodulatoryDrug") == {("skos:broadMatch", "L04AX")}
    assert links("mmkg:CARTCellTherapy") == {("skos:broadMatch", "L01XL")}
    assert resolve_identifier(kg, "L01XG") == "https://w3id.org/mmkg/ontology/ProteasomeInhibitor"
    assert resolve_identifier(kg, "L01FX") is None  # broader groups do not resolve


def test_trials_and_references_get_registry_iris_from_their_identifiers(kg) -> None:
    rows = kg.query("SELECT ?t ?n WHERE { ?t mmkg:nctId ?n } ORDER BY ?t LIMIT 1")
    if not rows:
        pytest.skip("no trial with an NCT number in the graph")
    trial, nct = rows[0]["t"], rows[0]["n"]
    got = [x for x in xrefs(kg, trial) if x["scheme"] == "ClinicalTrials.gov"]
    assert [x["iri"] for x in got] == [f"https://www.clinicaltrials.gov/study/{nct}"]
    assert resolve_identifier(kg, nct) == trial


def test_unknown_or_empty_identifiers_resolve_to_nothing(kg) -> None:
    for text in ["", "   ", "CHEBI:1", "DB99999", "not an identifier", "https://example.org/x"]:
        assert resolve_identifier(kg, text) is None, text


def test_candidate_iris_of_a_bare_atc_code() -> None:
    assert candidate_iris("l04ax04") == ["http://www.whocc.no/atc_ddd_index/?code=L04AX04"]


def test_prefix_map_is_sorted_and_has_the_vocabularies_bioregistry_prefers() -> None:
    with open(ontology_dir() / "prefixes.json", encoding="utf-8") as handle:
        prefixes = json.load(handle)
    assert list(prefixes) == sorted(prefixes)
    assert prefixes["chebi"] == "http://purl.obolibrary.org/obo/CHEBI_"
    assert prefixes["ncit"] == "http://purl.obolibrary.org/obo/NCIT_"
    assert prefixes["wikidata"] == "http://www.wikidata.org/entity/"
    assert prefixes["uniprot"] == "http://purl.uniprot.org/uniprot/"
    for prefix in [
        "drugbank",
        "rxnorm",
        "atc",
        "unii",
        "mesh",
        "hgnc",
        "clinicaltrials",
        "pubmed",
        "doi",
        "mmkg",
        "drug",
        "target",
        "ref",
        "trial",
        "rec",
        "mapping",
        "semapv",
    ]:
        assert prefix in prefixes, prefix
