"""Every abbreviation and spelling the deck uses finds its regimen or drug."""

from __future__ import annotations

import pytest

from mmkg.errors import InputError

REGIMEN = "https://w3id.org/mmkg/regimen/"
DRUG = "https://w3id.org/mmkg/drug/"


@pytest.mark.parametrize(
    ("name", "regimen"),
    [
        ("Isa-Kd", "IsaKd"),
        ("isaKd", "IsaKd"),
        ("IsaKD", "IsaKd"),
        ("KdD", "DKd"),
        ("DKd", "DKd"),
        ("DaraKd", "DKd"),
        ("KDd", "DKd"),
        ("Kd56", "Kd56"),
        ("Kd", "Kd"),
        ("Dara-Rd", "DRd"),
        ("DaraRd", "DRd"),
        ("DRd", "DRd"),
        ("DaraVD", "DVd"),
        ("Dara-Vd", "DVd"),
        ("Bela-Vd", "BVd"),
        ("BelaPd", "BPd"),
        ("eloPd", "EloPd"),
        ("EPd", "EloPd"),
        ("isaPd", "IsaPd"),
        ("IsaPD", "IsaPd"),
        ("DaraVRd", "DaraVRd"),
        ("D-VRd", "DaraVRd"),
        ("D-VMP", "DaraVMP"),
    ],
)
def test_regimen_abbreviations_resolve(kg, name: str, regimen: str) -> None:
    assert kg.resolve(name) == REGIMEN + regimen


@pytest.mark.parametrize(
    ("name", "drug"),
    [
        ("lenalidomide", "lenalidomide"),
        ("LEN", "lenalidomide"),
        ("cilta-cel", "ciltacabtagene-autoleucel"),
        ("Ide-cel", "idecabtagene-vicleucel"),
        ("belamaf", "belantamab-mafodotin"),
        ("Carvykti", "ciltacabtagene-autoleucel"),
        ("drug:teclistamab", "teclistamab"),
        (DRUG + "talquetamab", "talquetamab"),
    ],
)
def test_drug_names_resolve(kg, name: str, drug: str) -> None:
    assert kg.resolve(name) == DRUG + drug


def test_unknown_drug_names_close_matches(kg) -> None:
    with pytest.raises(InputError, match="did you mean 'lenalidomide'"):
        kg.resolve("lenalidomid")


def test_ambiguous_name_lists_candidates_and_kind_disambiguates(kg) -> None:
    with pytest.raises(InputError, match="ambiguous name 'CAR-T'"):
        kg.resolve("CAR-T")
    assert kg.resolve("CAR-T", kind="mmkg:Modality") == "https://w3id.org/mmkg/modality/car-t-cell-therapy"


def test_every_drug_is_found_from_each_of_its_exact_identifiers(kg) -> None:
    from mmkg.xrefs import xrefs

    drugs = [
        row["d"]
        for row in kg.select(
            "SELECT ?d WHERE { ?d a mmkg:Drug FILTER STRSTARTS(STR(?d), 'https://w3id.org/mmkg/drug/') }"
        )
    ]
    checked = 0
    for drug in drugs:
        for ref in xrefs(kg, drug):
            if ref["predicate"] == "skos:exactMatch":
                for form in (ref["identifier"], ref["curie"], ref["iri"]):
                    assert kg.resolve(form) == drug, (drug, form)
                checked += 1
    assert checked >= 100


def test_lenalidomide_from_chebi_drugbank_and_atc(kg) -> None:
    for identifier in (
        "CHEBI:63791",
        "DB00480",
        "L04AX04",
        "chebi:63791",
        "http://purl.obolibrary.org/obo/CHEBI_63791",
    ):
        assert kg.resolve(identifier) == DRUG + "lenalidomide"


def test_superseded_atc_code_is_not_resolved(kg) -> None:
    with pytest.raises(InputError):
        kg.resolve("L01XX45")  # carfilzomib's former code


def test_a_cold_store_resolves_an_exact_name_as_the_full_rule_does(kg) -> None:
    """A cold command looks an exact name up without indexing every name; it must find what the index finds."""
    from mmkg.resolve import NAME_PREDICATES, Resolver, _exactly_named

    full = Resolver(kg)
    values = " ".join(NAME_PREDICATES)
    names = sorted(
        {str(r["name"]) for r in kg.select(f"SELECT ?name WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?name }}")}
    )
    sample = [*names[:: max(1, len(names) // 120)], "IKEMA", "Isa-Kd", "Kd", "lenalidomide", "teclistamab"]
    taken = 0
    for name in sample:
        for kind in (None, "mmkg:Drug", "mmkg:Regimen", "mmkg:ClinicalTrial"):
            quick = _exactly_named(kg, name, kind)
            if quick is None:
                continue  # the full rule decides: no exact name, several, or not a plain name
            taken += 1
            assert quick == full.resolve(name, kind=kind), (name, kind)
    assert taken > 100
    assert _exactly_named(kg, "IKEMA", None) == "https://w3id.org/mmkg/trial/IKEMA"


def test_a_cold_store_resolves_an_mmkg_curie_or_iri_as_the_full_rule_does(kg) -> None:
    """`--param class=mmkg:ProteasomeInhibitor`: the IRI is looked up in the store, no name index is built."""
    from mmkg.resolve import Resolver, _mmkg_entity

    full = Resolver(kg)
    for text in ("mmkg:ProteasomeInhibitor", "drug:lenalidomide", "https://w3id.org/mmkg/trial/IKEMA"):
        assert _mmkg_entity(kg, text) == full.resolve(text)
    for text in ("mmkg:NoSuchThing", "https://w3id.org/mmkg/drug/no-such-drug"):
        with pytest.raises(InputError, match="nothing in the graph has that IRI"):
            _mmkg_entity(kg, text)
        with pytest.raises(InputError, match="nothing in the graph has that IRI"):
            full.resolve(text)
    assert _mmkg_entity(kg, "chebi:63791") is None  # an external identifier: the full rule follows the mappings
    assert _mmkg_entity(kg, "Isa-Kd") is None
