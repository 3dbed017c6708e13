"""Ongoing phase 3 immunotherapy trials and their designs, from the deck's table and footnotes."""

from __future__ import annotations

import pytest

NCT_BY_TRIAL = {
    "MajesTEC-3": "NCT05083169",
    "MajesTEC-4": "NCT05243797",
    "MajesTEC-7": "NCT05552222",
    "MajesTEC-9": "NCT05572515",
    "MagnetisMM-5": "NCT05020236",
    "MagnetisMM-6": "NCT05623020",
    "MagnetisMM-7": "NCT05317416",
    "MagnetisMM-32": "NCT06152575",
    "MonumenTAL-6": "NCT06208150",
}


def _arms(kg, trial):
    rows = kg.select(
        "SELECT ?arm ?kind ?regimen WHERE { ?t mmkg:hasArm ?arm . ?arm a ?kind ; mmkg:armRegimen ?regimen ."
        " VALUES ?kind { mmkg:ExperimentalArm mmkg:ControlArm } }",
        t=f"trial:{trial}",
    )
    arms: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        kind = "control" if r["kind"].endswith("ControlArm") else "experimental"
        arms.setdefault((r["arm"].rsplit("/", 1)[1], kind), set()).add(r["regimen"].rsplit("/", 1)[1])
    return arms


@pytest.mark.parametrize(("trial", "nct"), sorted(NCT_BY_TRIAL.items()))
def test_ongoing_phase3_trial_nct_from_table_footnote(kg, evidence, trial, nct) -> None:
    t = evidence.describe(f"trial:{trial}")
    assert (t["nctId"], t["phase"], t["trialStatus"]) == (nct, "3", "ongoing")
    assert t["confidence"] in {"high", "medium"}


def test_ongoing_nct_confidence_medium_where_only_secondary_sources_were_found(kg, evidence) -> None:
    medium = {name for name in NCT_BY_TRIAL if evidence.describe(f"trial:{name}")["confidence"] == "medium"}
    assert medium == {"MajesTEC-7", "MagnetisMM-6", "MonumenTAL-6"}


def test_majestec3_tec_dara_vs_dara_pd_or_dara_vd_one_control_arm(kg, evidence) -> None:
    assert _arms(kg, "MajesTEC-3") == {
        ("MajesTEC-3-Tec-Dara", "experimental"): {"Tec-Dara"},
        ("MajesTEC-3-DPd-or-DVd", "control"): {"DPd", "DVd"},
    }
    pop = evidence.describe("population:MajesTEC-3-itt")
    assert (pop["minPriorLines"], pop["maxPriorLines"], pop["diseaseSetting"]) == (1, 3, "setting:RRMM")


def test_ongoing_trial_arms_and_settings(kg, evidence) -> None:
    expected = {
        "MajesTEC-4": ("setting:NDMM-TE", {"Tec-R", "teclistamab-monotherapy"}, {"lenalidomide-monotherapy"}),
        "MajesTEC-7": ("setting:NDMM-TIE", {"Tec-DaraR", "Tal-DaraR"}, {"DRd"}),
        "MajesTEC-9": ("setting:RRMM", {"teclistamab-monotherapy"}, {"PVd", "Kd"}),
        "MagnetisMM-5": ("setting:RRMM", {"elranatamab-monotherapy", "Elra-Dara"}, {"DPd"}),
        "MagnetisMM-6": ("setting:NDMM-TIE", {"Elra-DaraR"}, {"DRd"}),
        "MagnetisMM-7": ("setting:NDMM-TE", {"elranatamab-monotherapy"}, {"lenalidomide-monotherapy"}),
        "MagnetisMM-32": ("setting:RRMM", {"elranatamab-monotherapy"}, {"EloPd", "PVd", "Kd"}),
        "MonumenTAL-6": ("setting:RRMM", {"Tal-P", "Tal-Tec"}, {"EloPd", "PVd"}),
    }
    for trial, (setting, experimental, control) in expected.items():
        arms = _arms(kg, trial)
        got_exp = set().union(*(regs for (_, kind), regs in arms.items() if kind == "experimental"))
        got_ctl = set().union(*(regs for (_, kind), regs in arms.items() if kind == "control"))
        assert (got_exp, got_ctl) == (experimental, control), trial
        assert evidence.describe(f"population:{trial}-itt")["diseaseSetting"] == setting, trial


def test_magnetismm32_and_monumental6_enrol_1_to_4_prior_lines(kg, evidence) -> None:
    for trial in ("MagnetisMM-32", "MonumenTAL-6"):
        pop = evidence.describe(f"population:{trial}-itt")
        assert (pop["minPriorLines"], pop["maxPriorLines"]) == (1, 4), trial


def test_immagine3_anito_cel_vs_soc_1_to_1_about_450_patients(kg, evidence) -> None:
    trial = evidence.describe("trial:iMMagine-3")
    assert (trial["phase"], trial["randomisationRatio"], trial["plannedSampleSize"]) == ("3", "1:1", 450)
    assert trial["primaryEndpoint"] == {"endpoint:PFS"}
    assert trial["secondaryEndpoint"] == {
        "endpoint:CR-or-better",
        "endpoint:MRD-negativity-1e-5",
        "endpoint:OS",
        "endpoint:safety",
    }
    assert "nctId" not in trial
    assert _arms(kg, "iMMagine-3") == {
        ("iMMagine-3-anito-cel", "experimental"): {"anito-cel"},
        ("iMMagine-3-standard-of-care", "control"): {"DKd", "PVd", "DPd", "Kd"},
    }
    pop = evidence.describe("population:iMMagine-3-itt")
    assert (pop["minPriorLines"], pop["maxPriorLines"]) == (1, 3)
    assert pop["requiresPriorExposureTo"] == {
        "mmkg:ProteasomeInhibitor",
        "mmkg:AntiCD38Antibody",
        "mmkg:ImmunomodulatoryDrug",
    }


def test_quintessential2_arlo_cel_in_lenalidomide_refractory_rrmm(kg, evidence) -> None:
    trial = evidence.describe("trial:QUINTESSENTIAL-2")
    assert (trial["phase"], trial["trialStatus"]) == ("3", "ongoing")
    assert evidence.describe("arm:QUINTESSENTIAL-2-arlo-cel")["armRegimen"] == {"regimen:arlo-cel"}
    assert evidence.describe("population:QUINTESSENTIAL-2-itt")["requiresRefractorinessTo"] == {"drug:lenalidomide"}


def test_redirectt1_talquetamab_plus_teclistamab_in_emd(kg, evidence) -> None:
    trial = evidence.describe("trial:RedirecTT-1")
    assert (trial["nctId"], trial["phase"]) == ("NCT04586426", "2")
    assert evidence.describe("arm:RedirecTT-1-Tal-Tec")["armRegimen"] == {"regimen:Tal-Tec"}


def test_bispecific_phase3_trials_study_bcma_or_gprc5d_regimens(kg) -> None:
    """Every ongoing bispecific phase 3 trial of the table studies a T-cell redirecting regimen (inferred)."""
    for trial in NCT_BY_TRIAL:
        rows = kg.select(
            "SELECT ?r WHERE { ?t mmkg:studiesRegimen ?r . ?r a mmkg:TCellRedirectingRegimen }", t=f"trial:{trial}"
        )
        assert rows, trial
