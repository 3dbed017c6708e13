"""The standard relapsed/refractory regimen menu: every regimen exists with its components and the
abbreviations the sources use; off-label regimens (VenDex) never have an approval in force.

Sources: ontology/kb/regimens.ttl (the deck, the PMC6854441 figure legend, PANORAMA-1, GEM-KyCyDex,
Garderet 2018, the FDA and NCI pages cited there) and AlZahrani et al., Hematology 2024 (venetoclax
used off-label in t(11;14) myeloma).
"""

from __future__ import annotations

import pytest

D, R = "https://w3id.org/mmkg/drug/", "https://w3id.org/mmkg/regimen/"

MENU = {
    "Rd": {"lenalidomide", "dexamethasone"},
    "Vd": {"bortezomib", "dexamethasone"},
    "VRd": {"bortezomib", "lenalidomide", "dexamethasone"},
    "KRd": {"carfilzomib", "lenalidomide", "dexamethasone"},
    "Kd": {"carfilzomib", "dexamethasone"},
    "IxaRd": {"ixazomib", "lenalidomide", "dexamethasone"},
    "EloRd": {"elotuzumab", "lenalidomide", "dexamethasone"},
    "DRd": {"daratumumab", "lenalidomide", "dexamethasone"},
    "DVd": {"daratumumab", "bortezomib", "dexamethasone"},
    "DKd": {"daratumumab", "carfilzomib", "dexamethasone"},
    "DPd": {"daratumumab", "pomalidomide", "dexamethasone"},
    "IsaPd": {"isatuximab", "pomalidomide", "dexamethasone"},
    "IsaKd": {"isatuximab", "carfilzomib", "dexamethasone"},
    "PVd": {"pomalidomide", "bortezomib", "dexamethasone"},
    "Pd": {"pomalidomide", "dexamethasone"},
    "SVd": {"selinexor", "bortezomib", "dexamethasone"},
    "EloPd": {"elotuzumab", "pomalidomide", "dexamethasone"},
    "PanVd": {"panobinostat", "bortezomib", "dexamethasone"},
    "melflufen-dex": {"melphalan-flufenamide", "dexamethasone"},
    "VCd": {"bortezomib", "cyclophosphamide", "dexamethasone"},
    "KCd": {"carfilzomib", "cyclophosphamide", "dexamethasone"},
    "PCd": {"pomalidomide", "cyclophosphamide", "dexamethasone"},
    "Td": {"thalidomide", "dexamethasone"},
    "VenDex": {"venetoclax", "dexamethasone"},
    "PLD-V": {"bortezomib", "pegylated-liposomal-doxorubicin"},
    "bortezomib-monotherapy": {"bortezomib"},
    "MPT": {"melphalan", "prednisone", "thalidomide"},
}


@pytest.mark.parametrize(("regimen", "components"), sorted(MENU.items()))
def test_menu_regimen_exists_with_its_components(kg, regimen: str, components: set[str]) -> None:
    rows = kg.select("SELECT ?d WHERE { ?r a mmkg:Regimen ; mmkg:hasComponent ?d }", r=f"regimen:{regimen}")
    assert {r["d"].removeprefix(D) for r in rows} == components


@pytest.mark.parametrize(
    ("name", "regimen"),
    [
        ("CyBorD", "VCd"),  # OncoCalcRx regimen calculator
        ("VCD", "VCd"),  # PMC6854441 figure legend
        ("Pano-VD", "PanVd"),  # PMC6854441 figure legend
        ("PAN-BTZ-Dex", "PanVd"),  # PANORAMA-1 subgroup analysis, Blood 2016
        ("IRd", "IxaRd"),  # PMC6854441 figure legend
        ("Pom-d", "Pd"),  # PMC6854441 figure legend
        ("RVd", "VRd"),  # Celgene, CHMP opinion of 2019-03
        ("Thal/Dex", "Td"),  # NCI summary of the FDA approval of 2006
        ("Ven-Dex", "VenDex"),
        ("melflufen-dex", "melflufen-dex"),
        ("PCD", "PCd"),  # Garderet, Blood 2018
        ("V-PLD", "PLD-V"),
    ],
)
def test_menu_abbreviations_resolve(kg, name: str, regimen: str) -> None:
    assert kg.resolve(name) == R + regimen


def test_menu_drug_classes(kg) -> None:
    rows = kg.select(
        "SELECT ?d ?c WHERE { VALUES ?d { drug:panobinostat drug:venetoclax drug:melphalan-flufenamide "
        "drug:cyclophosphamide drug:pegylated-liposomal-doxorubicin } ?d a ?c . ?c rdfs:subClassOf mmkg:PharmacologicalClass }"
    )
    assert {(r["d"].removeprefix(D), r["c"].rsplit("/", 1)[1]) for r in rows} == {
        ("panobinostat", "HDACInhibitor"),
        ("venetoclax", "BCL2Inhibitor"),
        ("melphalan-flufenamide", "AlkylatingAgent"),
        ("cyclophosphamide", "AlkylatingAgent"),
        ("pegylated-liposomal-doxorubicin", "Anthracycline"),
    }


def test_venetoclax_targets_bcl2(kg) -> None:
    rows = kg.select("SELECT ?t WHERE { drug:venetoclax mmkg:hasTarget ?t }")
    assert rows == [{"t": "https://w3id.org/mmkg/target/BCL2"}]


def test_vendex_is_used_off_label_in_the_us_and_the_eu_with_its_source(kg) -> None:
    rows = kg.select("SELECT ?region WHERE { regimen:VenDex mmkg:usedOffLabelIn ?region }")
    assert {r["region"].rsplit("/", 1)[1] for r in rows} == {"US", "EU"}
    sources = {r["s"] for r in kg.select("SELECT ?s WHERE { regimen:VenDex dcterms:source ?s }")}
    assert "https://w3id.org/mmkg/reference/alzahrani-2024-hematology" in sources


def test_off_label_regimens_have_no_approval_at_all(kg) -> None:
    rows = kg.select(
        "SELECT ?r ?a WHERE { ?r mmkg:usedOffLabelIn ?region . ?a a mmkg:Approval ; mmkg:indication/mmkg:indicationRegimen ?r }"
    )
    assert rows == []


@pytest.mark.parametrize("region", ["US", "EU", "IT"])
@pytest.mark.parametrize("day", ["2016-01-01", "2021-01-01", "2026-12-03"])
def test_off_label_regimens_are_never_in_force(kg, region: str, day: str) -> None:
    off_label = {r["r"] for r in kg.select("SELECT DISTINCT ?r WHERE { ?r mmkg:usedOffLabelIn ?x }")}
    assert R + "VenDex" in off_label
    in_force = {r["regimen"] for r in kg.run("approved-as-of", region=region, as_of=day)}
    assert not (off_label & in_force)


def test_us_menu_on_2021_01_01_includes_panvd_and_rd_but_not_the_cyclophosphamide_triplets(kg) -> None:
    # approved-as-of returns rows with regimen and approval columns
    rows = kg.run("approved-as-of", region="US", as_of="2021-01-01")
    assert rows and all({"regimen", "approval", "product"} <= set(r) for r in rows)
    regimens = {r["regimen"].removeprefix(R) for r in rows}
    assert {"Rd", "PanVd", "Td", "PLD-V", "bortezomib-monotherapy"} <= regimens
    assert not ({"VCd", "KCd", "PCd", "VenDex", "melflufen-dex"} & regimens)  # melflufen: approved 2021-02-26
    panvd = [r for r in rows if r["regimen"] == R + "PanVd"]
    assert [r["approval"].rsplit("/", 1)[1] for r in panvd] == ["panobinostat-fda-2015-02"]
