"""EHA-EMN 2025 recommendations for relapsed/refractory myeloma (ontology/kb/guidelines.ttl).

The deck's text gives the guideline's two groups of regimens for relapsed patients by their
lenalidomide and daratumumab status; the regimens under each group, their ranks, levels of
evidence and grades of recommendation are images in the deck and were not found in a public
source, so the graph holds none of them. These tests pin the groups, the patients they apply
to as structured criteria, and the absence of any level or grade.
"""

from __future__ import annotations

MMKG = "https://w3id.org/mmkg/ontology/"
REC = "https://w3id.org/mmkg/recommendation/"
DRUG = "https://w3id.org/mmkg/drug/"
REF = "https://w3id.org/mmkg/reference/"
RRMM = "https://w3id.org/mmkg/setting/RRMM"
GUIDELINE = REF + "dimopoulos-2025-nat-rev-clin-oncol"
SLIDE = REF + "rrmm-slide-deck-2025-eha-emn-rrmm"

LEN_SENSITIVE = "rec:eha-emn-2025-rrmm-len-sensitive-lenalidomide-containing"
DARA_SENSITIVE = "rec:eha-emn-2025-rrmm-dara-sensitive-anti-cd38-based"

CRITERIA = (
    "diseaseSetting",
    "minPriorLines",
    "maxPriorLines",
    "requiresPriorExposureTo",
    "requiresRefractorinessTo",
    "excludesPriorExposureTo",
    "excludesRefractorinessTo",
    "criteriaText",
)


def values(kg, node: str, prop: str) -> set:
    return {r["o"] for r in kg.select(f"SELECT ?o WHERE {{ ?s mmkg:{prop} ?o }}", s=node)}


def recommendation(kg, node: str) -> dict:
    props = (
        "inGuideline",
        "diseaseSetting",
        "aboutClass",
        "prefers",
        "over",
        "recommendsRegimen",
        "preferenceRank",
        "evidenceLevel",
        "recommendationGrade",
        "recommendationText",
        "confidence",
        "forPatients",
    )
    found = {p: values(kg, node, p) for p in props}
    found["types"] = {r["t"] for r in kg.select("SELECT ?t WHERE { ?s a ?t }", s=node)}
    found["sources"] = {r["o"] for r in kg.select("SELECT ?o WHERE { ?s dcterms:source ?o }", s=node)}
    return found


def criteria(kg, node: str) -> dict:
    found = {p: values(kg, node, p) for p in (*CRITERIA, "confidence")}
    found["types"] = {r["t"] for r in kg.select("SELECT ?t WHERE { ?s a ?t }", s=node)}
    return found


def test_eha_emn_2025_len_sensitive_recommends_lenalidomide_containing_regimens_without_level_or_grade(kg) -> None:
    rec = recommendation(kg, LEN_SENSITIVE)
    assert MMKG + "SequencingRecommendation" in rec["types"]
    assert rec["inGuideline"] == {GUIDELINE}
    assert rec["diseaseSetting"] == {RRMM}
    assert rec["aboutClass"] == {DRUG + "lenalidomide"}
    assert rec["recommendationText"] == {
        "Lenalidomide-Containing Regimens for Naïve or Lenalidomide-Sensitive Patients"
    }
    assert rec["confidence"] == {"medium"}
    assert rec["sources"] == {SLIDE, GUIDELINE}
    # Not readable from the deck's text, not found in a public source: not recorded.
    assert rec["evidenceLevel"] == rec["recommendationGrade"] == rec["preferenceRank"] == set()
    assert rec["recommendsRegimen"] == rec["prefers"] == rec["over"] == set()


def test_eha_emn_2025_len_sensitive_applies_to_rrmm_patients_not_refractory_to_lenalidomide(kg) -> None:
    rec = recommendation(kg, LEN_SENSITIVE)
    assert rec["forPatients"] == {REC + "eha-emn-2025-rrmm-len-sensitive-lenalidomide-containing-patients"}
    patients = criteria(kg, LEN_SENSITIVE + "-patients")
    assert MMKG + "PopulationCriteria" in patients["types"]
    assert patients["diseaseSetting"] == {RRMM}
    assert patients["excludesRefractorinessTo"] == {DRUG + "lenalidomide"}
    assert patients["criteriaText"] == {"Naïve or Lenalidomide-Sensitive Patients"}
    for prop in (
        "minPriorLines",
        "maxPriorLines",
        "requiresPriorExposureTo",
        "requiresRefractorinessTo",
        "excludesPriorExposureTo",
    ):
        assert patients[prop] == set(), prop


def test_eha_emn_2025_dara_sensitive_recommends_anti_cd38_based_regimens_without_level_or_grade(kg) -> None:
    rec = recommendation(kg, DARA_SENSITIVE)
    assert MMKG + "SequencingRecommendation" in rec["types"]
    assert rec["inGuideline"] == {GUIDELINE}
    assert rec["diseaseSetting"] == {RRMM}
    assert rec["aboutClass"] == {MMKG + "AntiCD38Antibody"}
    assert rec["recommendationText"] == {"Anti-CD38–Based Regimens for Daratumumab-Sensitive Patients"}
    assert rec["confidence"] == {"medium"}
    assert rec["sources"] == {SLIDE, GUIDELINE}
    assert rec["evidenceLevel"] == rec["recommendationGrade"] == rec["preferenceRank"] == set()
    assert rec["recommendsRegimen"] == rec["prefers"] == rec["over"] == set()


def test_eha_emn_2025_dara_sensitive_applies_to_rrmm_patients_not_refractory_to_daratumumab(kg) -> None:
    rec = recommendation(kg, DARA_SENSITIVE)
    assert rec["forPatients"] == {REC + "eha-emn-2025-rrmm-dara-sensitive-anti-cd38-based-patients"}
    patients = criteria(kg, DARA_SENSITIVE + "-patients")
    assert MMKG + "PopulationCriteria" in patients["types"]
    assert patients["diseaseSetting"] == {RRMM}
    assert patients["excludesRefractorinessTo"] == {DRUG + "daratumumab"}
    assert patients["criteriaText"] == {"Daratumumab-Sensitive Patients"}
    assert patients["confidence"] == {"medium"}
    for prop in (
        "minPriorLines",
        "maxPriorLines",
        "requiresPriorExposureTo",
        "requiresRefractorinessTo",
        "excludesPriorExposureTo",
    ):
        assert patients[prop] == set(), prop


APPLICABLE = """
SELECT ?rec WHERE {
  ?rec mmkg:inGuideline ref:dimopoulos-2025-nat-rev-clin-oncol ;
       mmkg:diseaseSetting setting:RRMM ;
       mmkg:forPatients ?patients .
  FILTER NOT EXISTS { ?patients mmkg:excludesRefractorinessTo ?drug . FILTER (?drug IN (%s)) }
}
"""


def applicable(kg, refractory: list[str]) -> set[str]:
    listed = ", ".join(refractory) if refractory else "<urn:none>"
    return {r["rec"] for r in kg.select(APPLICABLE % listed)}


def test_eha_emn_2025_rrmm_groups_that_apply_follow_lenalidomide_and_daratumumab_refractoriness(kg) -> None:
    both = {REC + LEN_SENSITIVE.split(":")[1], REC + DARA_SENSITIVE.split(":")[1]}
    assert applicable(kg, []) == both
    assert applicable(kg, ["drug:lenalidomide"]) == {REC + DARA_SENSITIVE.split(":")[1]}
    assert applicable(kg, ["drug:daratumumab"]) == {REC + LEN_SENSITIVE.split(":")[1]}
    assert applicable(kg, ["drug:lenalidomide", "drug:daratumumab"]) == set()


def test_eha_emn_2025_rrmm_recommendations_are_the_two_deck_groups_none_graded(kg) -> None:
    rows = kg.select(
        """SELECT ?rec ?level ?grade WHERE {
             ?rec mmkg:inGuideline ref:dimopoulos-2025-nat-rev-clin-oncol ; mmkg:diseaseSetting setting:RRMM .
             OPTIONAL { ?rec mmkg:evidenceLevel ?level } OPTIONAL { ?rec mmkg:recommendationGrade ?grade } }"""
    )
    assert {r["rec"] for r in rows} == {REC + LEN_SENSITIVE.split(":")[1], REC + DARA_SENSITIVE.split(":")[1]}
    assert all(r.get("level") is None and r.get("grade") is None for r in rows)


def test_eha_emn_2025_rrmm_slide_is_a_slide_of_the_deck(kg) -> None:
    rows = kg.select(
        "SELECT ?deck ?title WHERE { ?s a mmkg:Slide ; dcterms:isPartOf ?deck ; dcterms:title ?title }", s=SLIDE
    )
    assert rows == [
        {
            "deck": REF + "rrmm-slide-deck-2025",
            "title": "EHA-EMN 2025 guidelines: Lenalidomide-Containing Regimens for Naïve or Lenalidomide-Sensitive "
            "Patients; Anti-CD38–Based Regimens for Daratumumab-Sensitive Patients",
        }
    ]


def test_imwg_2025_sequencing_recommendations_carry_no_level_or_grade(kg) -> None:
    # The consensus abstract and a public summary of it give none; the full text was not seen.
    for node in ("rec:imwg-2025-bcma-tcrt-before-bcma-adc", "rec:imwg-2025-bcma-cart-before-bcma-bispecific"):
        rec = recommendation(kg, node)
        assert rec["inGuideline"] == {REF + "costa-2025-leukemia"}
        assert rec["evidenceLevel"] == rec["recommendationGrade"] == set(), node
