"""Clinical facts of the PI-, anti-CD38- and IMiD-based RRMM trials curated by evidence-a.

Values are those of the deck (CANDOR/IKEMA/APOLLO charts, the PI-naive PFS chart, the
Mancuso 2025 len-refractory table and the triplets list), or of the cited primary source
where the two differ (see each result's curation note).
"""

from __future__ import annotations

from typing import Any

import pytest

RESULT_QUERY = """
SELECT ?trial ?arm ?versus ?population ?endpoint ?statistic ?estimate ?not_reached ?lower ?upper ?upper_nr
       ?level ?p ?relation ?unit ?followup ?extrapolated ?range_min ?range_max ?confidence ?note
WHERE {
  ?r mmkg:ofTrial ?trial ; mmkg:inPopulation ?population ; mmkg:endpoint ?endpoint ; mmkg:statistic ?statistic .
  OPTIONAL { ?r mmkg:forArm ?arm } OPTIONAL { ?r mmkg:versusArm ?versus }
  OPTIONAL { ?r mmkg:estimate ?estimate } OPTIONAL { ?r mmkg:notReached ?not_reached }
  OPTIONAL { ?r mmkg:ciLower ?lower } OPTIONAL { ?r mmkg:ciUpper ?upper } OPTIONAL { ?r mmkg:ciUpperNotReached ?upper_nr }
  OPTIONAL { ?r mmkg:ciLevel ?level } OPTIONAL { ?r mmkg:pValue ?p } OPTIONAL { ?r mmkg:pValueRelation ?relation }
  OPTIONAL { ?r mmkg:unit ?unit } OPTIONAL { ?r mmkg:medianFollowUpMonths ?followup }
  OPTIONAL { ?r mmkg:isExtrapolated ?extrapolated }
  OPTIONAL { ?r mmkg:rangeMin ?range_min } OPTIONAL { ?r mmkg:rangeMax ?range_max }
  OPTIONAL { ?r mmkg:confidence ?confidence } OPTIONAL { ?r mmkg:curationNote ?note }
}"""

MMKG = "https://w3id.org/mmkg/"
MO = "http://qudt.org/vocab/unit/MO"
PERCENT = "http://qudt.org/vocab/unit/PERCENT"


def result(kg, local: str) -> dict[str, Any]:
    rows = kg.select(RESULT_QUERY, r=f"result:{local}")
    assert len(rows) == 1, f"result:{local}: expected one row, got {len(rows)}"
    return rows[0]


def sources(kg, local: str) -> set[str]:
    return {r["s"] for r in kg.select("SELECT ?s WHERE { ?r dcterms:source ?s }", r=f"result:{local}")}


def iri(curie: str) -> str:
    prefix, name = curie.split(":", 1)
    return f"{MMKG}{prefix}/{name}"


def hr(kg, local: str, estimate: float, lower: float | None = None, upper: float | None = None, p: float | None = None) -> dict[str, Any]:
    r = result(kg, local)
    assert r["statistic"] == iri("statistic:hazard-ratio")
    assert r["estimate"] == pytest.approx(estimate)
    if lower is not None:
        assert (r["lower"], r["upper"]) == (pytest.approx(lower), pytest.approx(upper))
    if p is not None:
        assert r["p"] == pytest.approx(p)
    assert "unit" not in r
    return r


def median(kg, local: str, estimate: float | None, *, not_reached: bool = False) -> dict[str, Any]:
    r = result(kg, local)
    assert r["statistic"] == iri("statistic:median")
    assert r["unit"] == MO
    if not_reached:
        assert r.get("not_reached") is True and "estimate" not in r
    else:
        assert r["estimate"] == pytest.approx(estimate) and "not_reached" not in r
    return r


def percent(kg, local: str, estimate: float) -> dict[str, Any]:
    r = result(kg, local)
    assert r["statistic"] == iri("statistic:proportion")
    assert r["unit"] == PERCENT
    assert r["estimate"] == pytest.approx(estimate)
    return r


def design(kg, trial: str) -> dict[str, Any]:
    rows = kg.select(
        """SELECT ?nct ?phase ?ratio ?n ?mfu (GROUP_CONCAT(DISTINCT STR(?arm); separator=" ") AS ?arms)
                  (GROUP_CONCAT(DISTINCT STR(?primary); separator=" ") AS ?primaries)
           WHERE { ?t mmkg:phase ?phase ; mmkg:hasArm ?arm .
                   OPTIONAL { ?t mmkg:nctId ?nct } OPTIONAL { ?t mmkg:randomisationRatio ?ratio }
                   OPTIONAL { ?t mmkg:sampleSize ?n } OPTIONAL { ?t mmkg:medianFollowUpMonths ?mfu }
                   OPTIONAL { ?t mmkg:primaryEndpoint ?primary } }
           GROUP BY ?nct ?phase ?ratio ?n ?mfu""",
        t=f"trial:{trial}",
    )
    assert len(rows) == 1
    row = rows[0]
    row["arms"] = set(row["arms"].split())
    row["primaries"] = set(row.get("primaries", "").split())
    return row


def arm(kg, local: str) -> dict[str, Any]:
    rows = kg.select(
        """SELECT ?kind ?regimen ?n WHERE { ?a a ?kind ; mmkg:armRegimen ?regimen . OPTIONAL { ?a mmkg:sampleSize ?n }
                                             VALUES ?kind { mmkg:ExperimentalArm mmkg:ControlArm } }""",
        a=f"arm:{local}",
    )
    assert len(rows) == 1
    return rows[0]


# ------------------------------------------------------------------ CANDOR

def test_candor_design_kdd_vs_kd_2_to_1(kg) -> None:
    d = design(kg, "CANDOR")
    assert (d["nct"], d["phase"], d["ratio"], d["n"]) == ("NCT03158688", "3", "2:1", 466)
    assert d["arms"] == {iri("arm:CANDOR-KdD"), iri("arm:CANDOR-Kd")}
    assert d["primaries"] == {iri("endpoint:PFS")}
    assert d["mfu"] == pytest.approx(50.6)
    kdd, kd = arm(kg, "CANDOR-KdD"), arm(kg, "CANDOR-Kd")
    assert (kdd["regimen"], kd["regimen"]) == (iri("regimen:DKd"), iri("regimen:Kd"))
    assert (kdd["kind"], kd["kind"]) == (iri("ontology:ExperimentalArm"), iri("ontology:ControlArm"))


def test_candor_kdd_arm_size_follows_primary_source_not_slide(kg) -> None:
    """The slide reads KdD n=313; 312 + 154 = 466 as the CANDOR reports give it."""
    assert arm(kg, "CANDOR-KdD")["n"] == 312
    assert arm(kg, "CANDOR-Kd")["n"] == 154
    note = kg.select("SELECT ?n WHERE { arm:CANDOR-KdD mmkg:curationNote ?n }")[0]["n"]
    assert "313" in note


def test_candor_final_pfs_28_4_vs_15_2_hazard_ratio_0_64(kg) -> None:
    median(kg, "CANDOR-pfs-median-KdD-itt", 28.4)
    median(kg, "CANDOR-pfs-median-Kd-itt", 15.2)
    r = hr(kg, "CANDOR-pfs-hr-itt", 0.64, 0.49, 0.83)
    assert (r["arm"], r["versus"]) == (iri("arm:CANDOR-KdD"), iri("arm:CANDOR-Kd"))
    assert iri("reference:usmani-2023-blood-adv") in sources(kg, "CANDOR-pfs-hr-itt")


def test_candor_os_hazard_ratio_0_78_p_0_0417_read_from_interleaved_chart(kg) -> None:
    """'p=0.041743.6' is p=0.0417 followed by the Kd median OS bar label 43.6."""
    r = hr(kg, "CANDOR-os-hr-itt", 0.78, 0.60, 1.03, p=0.0417)
    assert r["relation"] == "=" and r["confidence"] == "high"
    assert "0.041743.6" in r["note"]
    median(kg, "CANDOR-os-median-KdD-itt", 50.8)
    median(kg, "CANDOR-os-median-Kd-itt", 43.6)


def test_candor_len_refractory_pfs_28_1_vs_11_1_and_os_not_reached_vs_38_2(kg) -> None:
    median(kg, "CANDOR-pfs-median-KdD-len-refractory", 28.1)
    median(kg, "CANDOR-pfs-median-Kd-len-refractory", 11.1)
    median(kg, "CANDOR-os-median-KdD-len-refractory", None, not_reached=True)
    median(kg, "CANDOR-os-median-Kd-len-refractory", 38.2)
    percent(kg, "CANDOR-orr-KdD-len-refractory", 79.8)
    hr(kg, "CANDOR-os-hr-len-refractory", 0.69, 0.43, 1.11)


def test_candor_len_refractory_population_requires_lenalidomide_refractoriness(kg) -> None:
    rows = kg.select(
        "SELECT ?drug ?broader WHERE { population:CANDOR-len-refractory mmkg:requiresRefractorinessTo ?drug ; mmkg:subgroupOf ?broader }"
    )
    assert rows == [{"drug": iri("drug:lenalidomide"), "broader": iri("population:CANDOR-itt")}]


def test_candor_updated_analysis_on_triplets_list_pfs_28_6_hr_0_59(kg) -> None:
    median(kg, "CANDOR-pfs-median-KdD-itt-2022", 28.6)
    hr(kg, "CANDOR-pfs-hr-itt-2022", 0.59, 0.45, 0.78)
    percent(kg, "CANDOR-cr-KdD-itt", 29)


# ------------------------------------------------------------------ IKEMA

def test_ikema_design_isakd_vs_kd_3_to_2(kg) -> None:
    d = design(kg, "IKEMA")
    assert (d["nct"], d["ratio"], d["n"]) == ("NCT03275285", "3:2", 302)
    assert (arm(kg, "IKEMA-IsaKd")["n"], arm(kg, "IKEMA-Kd")["n"]) == (179, 123)
    assert arm(kg, "IKEMA-IsaKd")["regimen"] == iri("regimen:IsaKd")


def test_ikema_population_excludes_prior_carfilzomib_and_anti_cd38_refractoriness(kg) -> None:
    rows = kg.select(
        """SELECT ?min ?max ?noExposure ?noRefractoriness WHERE { population:IKEMA-itt mmkg:minPriorLines ?min ; mmkg:maxPriorLines ?max ;
           mmkg:excludesPriorExposureTo ?noExposure ; mmkg:excludesRefractorinessTo ?noRefractoriness }"""
    )
    assert rows == [{"min": 1, "max": 3, "noExposure": iri("drug:carfilzomib"), "noRefractoriness": iri("ontology:AntiCD38Antibody")}]


def test_ikema_pfs_hazard_ratio(kg) -> None:
    """HR 0.58 (0.42–0.79), median PFS 35.7 vs 19.2 months; Martin 2023 gives a 95.4% CI."""
    r = hr(kg, "IKEMA-pfs-hr-itt", 0.58, 0.42, 0.79)
    assert r["level"] == pytest.approx(0.954)
    assert median(kg, "IKEMA-pfs-median-IsaKd-itt", 35.7)["lower"] == pytest.approx(25.8)
    median(kg, "IKEMA-pfs-median-Kd-itt", 19.2)


def test_ikema_os_not_reached_extrapolated_63_0_vs_50_6_hr_0_86(kg) -> None:
    observed = median(kg, "IKEMA-os-median-IsaKd-itt", None, not_reached=True)
    assert observed["lower"] == pytest.approx(52.17) and observed["upper_nr"] is True
    extrapolated = median(kg, "IKEMA-os-median-IsaKd-itt-extrapolated", 63.0)
    assert extrapolated["extrapolated"] is True
    median(kg, "IKEMA-os-median-Kd-itt", 50.6)
    hr(kg, "IKEMA-os-hr-itt", 0.86, 0.61, 1.20, p=0.184)


def test_ikema_len_refractory_pfs_hazard_ratio_0_60(kg) -> None:
    r = hr(kg, "IKEMA-pfs-hr-len-refractory", 0.60)
    assert r["population"] == iri("population:IKEMA-len-refractory")
    percent(kg, "IKEMA-cr-IsaKd-itt", 44.1)


# ------------------------------------------------------------------ APOLLO

def test_apollo_design_dpd_vs_pd_after_lenalidomide_and_a_pi(kg) -> None:
    d = design(kg, "APOLLO")
    assert (d["nct"], d["ratio"], d["n"]) == ("NCT03180736", "1:1", 304)
    rows = kg.select(
        """SELECT ?ecog ?crcl (GROUP_CONCAT(STR(?e); separator=" ") AS ?exposures) WHERE {
             population:APOLLO-itt mmkg:maxECOG ?ecog ; mmkg:minCreatinineClearance ?crcl ; mmkg:requiresPriorExposureTo ?e }
           GROUP BY ?ecog ?crcl"""
    )
    assert rows[0]["ecog"] == 2 and rows[0]["crcl"] == pytest.approx(30)
    assert set(rows[0]["exposures"].split()) == {iri("drug:lenalidomide"), iri("ontology:ProteasomeInhibitor")}


def test_apollo_pfs_12_4_vs_6_9_hr_0_63_p_0_0018(kg) -> None:
    median(kg, "APOLLO-pfs-median-DPd-itt", 12.4)
    median(kg, "APOLLO-pfs-median-Pd-itt", 6.9)
    hr(kg, "APOLLO-pfs-hr-itt", 0.63, 0.47, 0.85, p=0.0018)


def test_apollo_final_os_34_4_vs_23_7_hr_0_82_p_0_199(kg) -> None:
    median(kg, "APOLLO-os-median-DPd-itt", 34.4)
    median(kg, "APOLLO-os-median-Pd-itt", 23.7)
    hr(kg, "APOLLO-os-hr-itt", 0.82, 0.61, 1.11, p=0.199)
    median(kg, "APOLLO-pfs-median-DPd-len-refractory", 9.9)
    median(kg, "APOLLO-pfs-median-Pd-len-refractory", 6.5)


# ------------------------------------------------------------------ ENDEAVOR

def test_endeavor_kd56_pfs_18_7_vs_9_4_hr_0_53(kg) -> None:
    d = design(kg, "ENDEAVOR")
    assert (d["nct"], d["n"], d["mfu"]) == ("NCT01568866", 929, pytest.approx(44.3))
    assert arm(kg, "ENDEAVOR-Kd56")["regimen"] == iri("regimen:Kd56")
    median(kg, "ENDEAVOR-pfs-median-Kd56-itt", 18.7)
    median(kg, "ENDEAVOR-pfs-median-Vd-itt", 9.4)
    r = hr(kg, "ENDEAVOR-pfs-hr-itt", 0.53, 0.44, 0.65, p=0.0001)
    assert r["relation"] == "<"


def test_endeavor_os_47_8_vs_38_8_and_51_3_vs_43_7_as_second_line(kg) -> None:
    median(kg, "ENDEAVOR-os-median-Kd56-itt", 47.8)
    median(kg, "ENDEAVOR-os-median-Vd-itt", 38.8)
    second = median(kg, "ENDEAVOR-os-median-Kd56-second-line", 51.3)
    assert second["confidence"] == "medium"  # the parenthesis is placed by reading, not by the table's layout
    median(kg, "ENDEAVOR-os-median-Vd-second-line", 43.7)
    rows = kg.select("SELECT ?min ?max WHERE { population:ENDEAVOR-second-line mmkg:minPriorLines ?min ; mmkg:maxPriorLines ?max }")
    assert rows == [{"min": 1, "max": 1}]


def test_endeavor_len_refractory_pfs_8_6_vs_6_6_os_29_2_vs_21_4(kg) -> None:
    median(kg, "ENDEAVOR-pfs-median-Kd56-len-refractory", 8.6)
    median(kg, "ENDEAVOR-pfs-median-Vd-len-refractory", 6.6)
    median(kg, "ENDEAVOR-os-median-Kd56-len-refractory", 29.2)
    median(kg, "ENDEAVOR-os-median-Vd-len-refractory", 21.4)
    assert "forArm" not in result(kg, "ENDEAVOR-len-refractory-itt")
    percent(kg, "ENDEAVOR-len-refractory-itt", 25)


def test_endeavor_bortezomib_naive_pfs_17_7_vs_9_4_hr_0_47_medium_confidence(kg) -> None:
    kd = median(kg, "ENDEAVOR-pfs-median-Kd56-pi-naive", 17.7)
    assert kd["followup"] == pytest.approx(11.9) and kd["confidence"] == "medium"
    assert median(kg, "ENDEAVOR-pfs-median-Vd-pi-naive", 9.4)["followup"] == pytest.approx(11.1)
    r = hr(kg, "ENDEAVOR-pfs-hr-pi-naive", 0.47, 0.25, 0.88, p=0.0084)
    assert r["confidence"] == "medium"
    rows = kg.select("SELECT ?d WHERE { population:ENDEAVOR-pi-naive mmkg:excludesPriorExposureTo ?d }")
    assert rows == [{"d": iri("drug:bortezomib")}]


# ------------------------------------------------------------------ CASTOR

def test_castor_dvd_pfs_16_7_vs_7_1_hazard_ratio_from_primary_source(kg) -> None:
    """The triplets slide prints HR 0.32; Spencer 2018 (cited) reports 0.31 (0.24-0.39)."""
    assert design(kg, "CASTOR")["n"] == 498
    median(kg, "CASTOR-pfs-median-DVd-itt", 16.7)
    median(kg, "CASTOR-pfs-median-Vd-itt", 7.1)
    r = hr(kg, "CASTOR-pfs-hr-itt", 0.31, 0.24, 0.39)
    assert "0.32" in r["note"] and r["confidence"] == "medium"


def test_castor_second_line_pfs_27_0_vs_7_9_and_final_os_49_6_vs_38_5(kg) -> None:
    median(kg, "CASTOR-pfs-median-DVd-second-line", 27.0)
    median(kg, "CASTOR-pfs-median-Vd-second-line", 7.9)
    median(kg, "CASTOR-os-median-DVd-itt", 49.6)
    median(kg, "CASTOR-os-median-Vd-itt", 38.5)
    hr(kg, "CASTOR-os-hr-itt", 0.74, 0.59, 0.92, p=0.0075)
    median(kg, "CASTOR-pfs-median-DVd-len-refractory", 7.8)
    median(kg, "CASTOR-pfs-median-Vd-len-refractory", 4.9)
    r = result(kg, "CASTOR-prior-lines-itt")
    assert (r["estimate"], r["range_min"], r["range_max"]) == (2, 1, 9)


# ------------------------------------------------------------------ OPTIMISMM

def test_optimismm_pvd_primary_pfs_11_2_hr_0_61_and_table_pfs_11_7_vs_6_9(kg) -> None:
    d = design(kg, "OPTIMISMM")
    assert (d["nct"], d["n"]) == ("NCT01734928", 559)
    assert median(kg, "OPTIMISMM-pfs-median-PVd-itt", 11.2)["followup"] == pytest.approx(15.9)
    hr(kg, "OPTIMISMM-pfs-hr-itt", 0.61)
    median(kg, "OPTIMISMM-pfs-median-PVd-itt-update", 11.7)
    median(kg, "OPTIMISMM-pfs-median-Vd-itt-update", 6.9)
    median(kg, "OPTIMISMM-pfs-median-PVd-second-line", 20.73)
    median(kg, "OPTIMISMM-pfs-median-Vd-second-line", 11.63)


def test_optimismm_len_refractory_second_line_pfs_17_8_vs_9_5(kg) -> None:
    r = median(kg, "OPTIMISMM-pfs-median-PVd-len-refractory-second-line", 17.8)
    assert r["population"] == iri("population:OPTIMISMM-len-refractory-second-line")
    median(kg, "OPTIMISMM-pfs-median-Vd-len-refractory-second-line", 9.5)
    rows = kg.select(
        """SELECT ?drug ?max WHERE { population:OPTIMISMM-len-refractory-second-line
             mmkg:requiresRefractorinessTo ?drug ; mmkg:maxPriorLines ?max }"""
    )
    assert rows == [{"drug": iri("drug:lenalidomide"), "max": 1}]


def test_optimismm_len_refractory_os_and_orr_population_is_low_confidence(kg) -> None:
    for local, value in [("OPTIMISMM-os-median-PVd-len-refractory", 29.8), ("OPTIMISMM-os-median-Vd-len-refractory", 24.2)]:
        assert median(kg, local, value)["confidence"] == "low"
    for local, value in [("OPTIMISMM-orr-PVd-len-refractory", 85.9), ("OPTIMISMM-orr-Vd-len-refractory", 50.8)]:
        assert percent(kg, local, value)["confidence"] == "low"


def test_optimismm_pi_naive_pfs_20_7_vs_9_5_hr_0_62(kg) -> None:
    median(kg, "OPTIMISMM-pfs-median-PVd-pi-naive", 20.7)
    median(kg, "OPTIMISMM-pfs-median-Vd-pi-naive", 9.5)
    r = hr(kg, "OPTIMISMM-pfs-hr-pi-naive", 0.62, 0.35, 1.11, p=0.1055)
    assert r["confidence"] == "medium"


# ------------------------------------------------------------------ BOSTON

def test_boston_pi_naive_pfs_29_5_vs_9_7_hazard_ratio_0_29(kg) -> None:
    svd = median(kg, "BOSTON-pfs-median-SVd-pi-naive", 29.5)
    assert svd["followup"] == pytest.approx(28.2) and svd["confidence"] == "high"
    assert median(kg, "BOSTON-pfs-median-Vd-pi-naive", 9.7)["followup"] == pytest.approx(27.1)
    r = hr(kg, "BOSTON-pfs-hr-pi-naive", 0.29, 0.14, 0.63, p=0.001)
    assert r["relation"] == "<"
    rows = kg.select("SELECT ?c WHERE { population:BOSTON-pi-naive mmkg:excludesPriorExposureTo ?c }")
    assert rows == [{"c": iri("ontology:ProteasomeInhibitor")}]


def test_boston_primary_pfs_13_93_vs_9_46_hr_0_70_and_second_line_21_0_vs_10_7(kg) -> None:
    d = design(kg, "BOSTON")
    assert (d["nct"], d["n"], d["ratio"]) == ("NCT03110562", 402, "1:1")
    median(kg, "BOSTON-pfs-median-SVd-itt", 13.93)
    hr(kg, "BOSTON-pfs-hr-itt", 0.70, 0.53, 0.93, p=0.0075)
    median(kg, "BOSTON-pfs-median-SVd-itt-update", 13.2)
    median(kg, "BOSTON-pfs-median-SVd-second-line", 21.0)
    median(kg, "BOSTON-pfs-median-Vd-second-line", 10.7)
    median(kg, "BOSTON-os-median-SVd-second-line", None, not_reached=True)


def test_boston_len_refractory_os_26_7_vs_18_6_orr_67_9_vs_47_2(kg) -> None:
    median(kg, "BOSTON-pfs-median-SVd-len-refractory", 10.2)
    median(kg, "BOSTON-pfs-median-Vd-len-refractory", 7.1)
    median(kg, "BOSTON-os-median-SVd-len-refractory", 26.7)
    median(kg, "BOSTON-os-median-Vd-len-refractory", 18.6)
    percent(kg, "BOSTON-orr-SVd-len-refractory", 67.9)
    percent(kg, "BOSTON-orr-Vd-len-refractory", 47.2)


# ------------------------------------------------------------------ MM-014

def test_mm_014_dpd_cohort_b_os_56_7_months_after_lenalidomide(kg) -> None:
    d = design(kg, "MM-014")
    assert (d["nct"], d["phase"], d["n"], d["mfu"]) == ("NCT01946477", "2", 112, pytest.approx(41.9))
    assert d["arms"] == {iri("arm:MM-014-DPd")} and d["primaries"] == {iri("endpoint:ORR")}
    os_ = median(kg, "MM-014-os-median-DPd-itt", 56.7)
    assert os_["lower"] == pytest.approx(46.5) and os_["upper_nr"] is True
    assert median(kg, "MM-014-pfs-median-DPd-itt", 23.7)["confidence"] == "medium"
    percent(kg, "MM-014-orr-DPd-itt", 78.6)
    percent(kg, "MM-014-len-refractory-itt", 76)
    median(kg, "MM-014-pfs-median-DPd-len-refractory", 23.0)
    median(kg, "MM-014-os-median-DPd-len-refractory", 53.6)
    percent(kg, "MM-014-orr-DPd-len-refractory", 77.6)


# ------------------------------------------------------------------ trials behind the triplets list

@pytest.mark.parametrize(
    ("trial", "nct", "regimen", "pfs", "hazard_ratio", "cr"),
    [
        ("ELOQUENT-2", "NCT01239797", "EloRd", 19.4, 0.70, 5),
        ("ASPIRE", "NCT01080391", "KRd", 26.3, 0.69, 31.8),
        ("POLLUX", "NCT02076009", "DRd", 44.5, 0.44, 56.6),
        ("TOURMALINE-MM1", "NCT01564537", "IxaRd", 20.6, 0.74, 12),
        ("ICARIA-MM", "NCT02990338", "IsaPd", 11.1, 0.60, 10),
        ("ELOQUENT-3", "NCT02654132", "EloPd", 10.3, 0.54, 8),
    ],
)
def test_triplet_list_trials_pfs_hazard_ratio_and_cr(kg, trial, nct, regimen, pfs, hazard_ratio, cr) -> None:
    d = design(kg, trial)
    assert d["nct"] == nct
    experimental = [a for a in d["arms"] if arm(kg, a.rsplit("/", 1)[1])["kind"] == iri("ontology:ExperimentalArm")]
    assert [arm(kg, a.rsplit("/", 1)[1])["regimen"] for a in experimental] == [iri(f"regimen:{regimen}")]
    local = experimental[0].rsplit("/", 1)[1].removeprefix(f"{trial}-")
    median(kg, f"{trial}-pfs-median-{local}-itt", pfs)
    hr(kg, f"{trial}-pfs-hr-itt", hazard_ratio)
    percent(kg, f"{trial}-cr-{local}-itt", cr)


def test_eloquent_2_hazard_ratio_records_primary_0_70_not_slide_0_71(kg) -> None:
    r = hr(kg, "ELOQUENT-2-pfs-hr-itt", 0.70)
    assert "0.71" in r["note"] and r["confidence"] == "medium"


def test_pollux_daratumumab_rd_pfs_44_5_vs_17_5_hr_0_44(kg) -> None:
    median(kg, "POLLUX-pfs-median-DRd-itt", 44.5)
    median(kg, "POLLUX-pfs-median-Rd-itt", 17.5)
    hr(kg, "POLLUX-pfs-hr-itt", 0.44, 0.35, 0.55)


# ------------------------------------------------------------------ whole-area invariants

AREA_TRIALS = ["CANDOR", "IKEMA", "APOLLO", "ENDEAVOR", "CASTOR", "OPTIMISMM", "BOSTON", "MM-014",
               "ELOQUENT-2", "ASPIRE", "POLLUX", "TOURMALINE-MM1", "ICARIA-MM", "ELOQUENT-3"]


def test_every_result_of_the_area_has_confidence_note_and_a_reference(kg) -> None:
    values = " ".join(f"trial:{t}" for t in AREA_TRIALS)
    rows = kg.select(
        f"""SELECT ?r (SAMPLE(?c) AS ?confidence) (SAMPLE(?n) AS ?note) (COUNT(?s) AS ?sources) WHERE {{
              VALUES ?t {{ {values} }} ?r mmkg:ofTrial ?t .
              OPTIONAL {{ ?r mmkg:confidence ?c }} OPTIONAL {{ ?r mmkg:curationNote ?n }} OPTIONAL {{ ?r dcterms:source ?s }}
            }} GROUP BY ?r"""
    )
    assert len(rows) >= 171
    assert all(r.get("confidence") in {"high", "medium", "low"} for r in rows)
    assert all(r.get("note") for r in rows)
    assert all(r["sources"] >= 1 for r in rows)


def test_every_population_of_the_area_is_rrmm_with_a_label(kg) -> None:
    values = " ".join(f"trial:{t}" for t in AREA_TRIALS)
    rows = kg.select(
        f"""SELECT DISTINCT ?p ?setting ?label WHERE {{ VALUES ?t {{ {values} }} ?r mmkg:ofTrial ?t ; mmkg:inPopulation ?p .
              OPTIONAL {{ ?p mmkg:diseaseSetting ?setting }} OPTIONAL {{ ?p rdfs:label ?label }} }}"""
    )
    assert rows and all(r.get("setting") == iri("setting:RRMM") and r.get("label") for r in rows)
