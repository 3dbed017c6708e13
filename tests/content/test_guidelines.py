"""Guideline recommendations: EHA-EMN 2025 for NDMM and the IMWG sequencing
recommendations, with the named queries ``recommendations`` and ``sequencing-recommendations``."""

from __future__ import annotations


def _regimens(row) -> set[str]:
    return set(row["regimens"].split(" / "))


def test_recommendations_transplant_eligible_induction_daravrd_isavrd_first_then_daravtd_vrd(kg) -> None:
    rows = kg.run("recommendations", setting="setting:NDMM-TE", phase="phase:induction")
    got = sorted((r["rank"], r["regimens"], r["evidence"]) for r in rows)
    assert got == [
        (1, "DaraVRd", "[I, A]"),
        (1, "IsaVRd", "[I, A]"),
        (2, "DaraVTd", "[I, A]"),
        (2, "VRd", "[II, B]"),
    ]
    assert {r["guidelineLabel"] for r in rows} == {"Dimopoulos MA, Terpos E, et al. Nat Rev Clin Oncol. 2025"}


def test_recommendations_transplant_eligible_asct_consolidation_and_maintenance(kg) -> None:
    asct = kg.run("recommendations", setting="setting:NDMM-TE", phase="phase:high-dose-therapy-asct")
    assert [(r["rank"], r["regimens"], r["evidence"], r["text"]) for r in asct] == [
        (1, "high-dose melphalan with ASCT", "[I, A]", "200 mg/m2 melphalan [I, A] followed by ASCT [I, A]"),
    ]
    consolidation = kg.run("recommendations", setting="setting:NDMM-TE", phase="phase:consolidation")
    got = {(r["evidence"], r.get("subgroup")): _regimens(r) for r in consolidation}
    assert got == {
        ("[I, B]", None): {"DaraVRd", "IsaVRd", "DaraVTd", "VRd"},
        ("[II, B]", "high-risk disease"): {"high-dose melphalan with ASCT"},
    }
    maintenance = kg.run("recommendations", setting="setting:NDMM-TE", phase="phase:maintenance")
    assert sorted((r["rank"], r["regimens"], r["evidence"]) for r in maintenance) == [
        (1, "DaraR", "[I, A]"),
        (1, "lenalidomide monotherapy", "[I, A]"),
    ]


def test_recommendations_transplant_ineligible_first_options_and_alternatives(kg) -> None:
    rows = kg.run("recommendations", setting="setting:NDMM-TIE")
    got = sorted((r["rank"], r["regimens"], r["evidence"], r.get("subgroup")) for r in rows)
    assert got == [
        (1, "DRd", "[I, A]", None),
        (1, "DaraR", "[I, B]", "frail patients"),
        (1, "DaraVRd", "[I, A]", None),
        (1, "IsaVRd", "[I, A]", None),
        (2, "DaraVMP", "[I, A]", None),
        (2, "VRd", "[I, A]", None),
    ]
    assert {r["phaseLabel"] for r in rows} == {"induction"}


def test_recommendations_without_parameters_list_all_15_ndmm_recommendations(kg) -> None:
    rows = kg.run("recommendations")
    assert len(rows) == 15
    assert {r["settingCode"] for r in rows} == {"NDMM-TE", "NDMM-TIE"}


def test_eha_emn_2025_recommendation_nodes_carry_guideline_source_and_text(kg, evidence) -> None:
    rec = evidence.describe("rec:eha-emn-2025-ndmm-te-induction-VRd")
    assert (rec["preferenceRank"], rec["evidenceLevel"], rec["recommendationGrade"]) == (2, "II", "B")
    assert rec["inGuideline"] == "ref:dimopoulos-2025-nat-rev-clin-oncol"
    assert rec["diseaseSetting"] == "setting:NDMM-TE" and rec["treatmentPhase"] == "phase:induction"
    assert rec["recommendsRegimen"] == {"regimen:VRd"}
    assert evidence.sources("rec:eha-emn-2025-ndmm-te-induction-VRd") == {
        "ref:dimopoulos-2025-nat-rev-clin-oncol",
        "ref:rrmm-slide-deck-2025",
    }
    guideline = evidence.describe("ref:dimopoulos-2025-nat-rev-clin-oncol")
    assert (guideline["pmid"], guideline["doi"], guideline["year"]) == (
        {"40624367"},
        {"10.1038/s41571-025-01041-x"},
        {2025},
    )


def test_sequencing_recommendations_imwg_orders_bcma_therapies_and_eha_emn_groups_relapse_regimens(kg) -> None:
    rows = kg.run("sequencing-recommendations")
    got = {(r.get("prefersLabel"), r.get("overLabel"), r.get("aboutLabel"), r["guidelineLabel"]) for r in rows}
    assert got == {
        (
            "BCMA-targeted T-cell redirecting therapy",
            "BCMA-targeted antibody-drug conjugate",
            None,
            "Costa LJ, et al. Leukemia. 2025;39:543–554",
        ),
        (
            "BCMA-directed CAR-T cell therapy",
            "BCMA bispecific T-cell engager",
            None,
            "Costa LJ, et al. Leukemia. 2025;39:543–554",
        ),
        (None, None, "CAR-T cell therapy product", "Lin Y, et al. Lancet Oncol. 2024;25:e374–e387"),
        (None, None, "anti-CD38 monoclonal antibody", "Dimopoulos MA, Terpos E, et al. Nat Rev Clin Oncol. 2025"),
        (None, None, "lenalidomide", "Dimopoulos MA, Terpos E, et al. Nat Rev Clin Oncol. 2025"),
    }
    for row in rows:
        # the deck itself, or one of its slides
        assert any(
            source.startswith(("Slide deck on relapsed/refractory", "Slide: ")) for source in row["sources"].split("; ")
        )


def test_sequencing_recommendations_about_bcma_adc(kg) -> None:
    rows = kg.run("sequencing-recommendations", **{"class": "mmkg:BCMATargetedADC"})
    assert [r["text"] for r in rows] == [
        "BCMA-targeted T cell-redirecting therapies should be pursued before BCMA-targeted ADC, where the patient is eligible for both"
    ]


def test_bcma_targeted_t_cell_redirecting_therapy_is_inferred_for_car_t_and_bispecifics(kg) -> None:
    rows = kg.select("SELECT ?d WHERE { ?d a mmkg:BCMATargetedTCellRedirectingTherapy }")
    names = {r["d"].rsplit("/", 1)[1] for r in rows}
    assert {
        "ciltacabtagene-autoleucel",
        "idecabtagene-vicleucel",
        "anitocabtagene-autoleucel",
        "teclistamab",
        "elranatamab",
        "linvoseltamab",
    } <= names
    assert "belantamab-mafodotin" not in names and "talquetamab" not in names


def test_deck_note_cilta_cel_only_car_t_approved_from_first_relapse(kg, evidence) -> None:
    note = evidence.describe("guideline:note-cilta-cel-only-car-t-from-first-relapse")
    assert note["aboutClass"] == "mmkg:BCMADirectedCART"
    assert evidence.sources("guideline:note-cilta-cel-only-car-t-from-first-relapse") == {
        "ref:rrmm-slide-deck-2025",
        "ref:carvykti-smpc-2025-05",
        "ref:abecma-smpc-2024-11",
    }
    rows = kg.select("SELECT ?t WHERE { ?n skos:note ?t }", n="guideline:note-cilta-cel-only-car-t-from-first-relapse")
    assert [r["t"] for r in rows] == [
        "Cilta-cel can be used from first relapse onwards, and is the only CAR-T to be approved in this setting"
    ]
