"""The evidence named queries (results, the deck's tables), each with its expected answer."""

from __future__ import annotations

import pytest

MMKG = "https://w3id.org/mmkg/"
AREA_TRIALS = {"CANDOR", "IKEMA", "APOLLO", "ENDEAVOR", "CASTOR", "OPTIMISMM", "BOSTON", "MM-014",
               "ELOQUENT-2", "ASPIRE", "POLLUX", "TOURMALINE-MM1", "ICARIA-MM", "ELOQUENT-3"}


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


# ------------------------------------------------------------------ results-for-trial

def test_results_for_trial_ikema_lists_its_15_results(kg) -> None:
    rows = kg.run("results-for-trial", trial="IKEMA")
    assert {local(r["result"]) for r in rows} == {
        "IKEMA-pfs-median-IsaKd-itt", "IKEMA-pfs-median-Kd-itt", "IKEMA-pfs-hr-itt",
        "IKEMA-os-median-IsaKd-itt", "IKEMA-os-median-IsaKd-itt-extrapolated", "IKEMA-os-median-Kd-itt", "IKEMA-os-hr-itt",
        "IKEMA-orr-IsaKd-itt", "IKEMA-orr-Kd-itt", "IKEMA-prior-lines-itt",
        "IKEMA-len-refractory-IsaKd-itt", "IKEMA-len-refractory-Kd-itt", "IKEMA-pfs-hr-len-refractory",
        "IKEMA-cr-IsaKd-itt", "IKEMA-cr-Kd-itt",
    }
    by_id = {local(r["result"]): r for r in rows}
    pfs_hr = by_id["IKEMA-pfs-hr-itt"]
    assert (pfs_hr["estimate"], pfs_hr["ci_lower"], pfs_hr["ci_upper"], pfs_hr["ci_level"]) == (0.58, 0.42, 0.79, 0.954)
    assert local(pfs_hr["versus_arm"]) == "IKEMA-Kd" and pfs_hr["regimen_label"] == "IsaKd"
    assert "https://w3id.org/mmkg/reference/martin-2023-blood-cancer-j" in pfs_hr["sources"].split()
    os_isakd = by_id["IKEMA-os-median-IsaKd-itt"]
    assert os_isakd["not_reached"] is True and "estimate" not in os_isakd and os_isakd["ci_upper_not_reached"] is True
    assert by_id["IKEMA-os-median-IsaKd-itt-extrapolated"]["extrapolated"] is True
    lines = by_id["IKEMA-prior-lines-itt"]
    assert (lines["estimate"], lines["range_min"], lines["range_max"]) == (2, 1, 4)


def test_results_for_trial_default_is_ikema(kg) -> None:
    assert {local(r["result"]) for r in kg.run("results-for-trial")} == {local(r["result"]) for r in kg.run("results-for-trial", trial="trial:IKEMA")}


# ------------------------------------------------------------------ results-for-regimen

def test_results_for_regimen_isakd_are_the_ikema_isakd_arm_results(kg) -> None:
    rows = kg.run("results-for-regimen", regimen="Isa-Kd")
    assert {(local(r["result"]), r["role"]) for r in rows} == {
        ("IKEMA-pfs-median-IsaKd-itt", "arm"), ("IKEMA-pfs-hr-itt", "arm"), ("IKEMA-pfs-hr-len-refractory", "arm"),
        ("IKEMA-os-median-IsaKd-itt", "arm"), ("IKEMA-os-median-IsaKd-itt-extrapolated", "arm"), ("IKEMA-os-hr-itt", "arm"),
        ("IKEMA-orr-IsaKd-itt", "arm"), ("IKEMA-cr-IsaKd-itt", "arm"), ("IKEMA-len-refractory-IsaKd-itt", "arm"),
    }
    assert {r["trial_label"] for r in rows} == {"IKEMA"}
    assert {r.get("other_regimen_label") for r in rows if local(r["result"]).startswith("IKEMA-pfs-hr")} == {"Kd"}


def test_results_for_regimen_kd_is_the_comparator_of_candor_and_ikema(kg) -> None:
    rows = kg.run("results-for-regimen", regimen="Kd")
    comparisons = {(local(r["result"]), r["other_regimen_label"]) for r in rows
                   if r["role"] == "comparator" and local(r["trial"]) in AREA_TRIALS}
    assert comparisons == {
        ("CANDOR-pfs-hr-itt", "DKd"), ("CANDOR-os-hr-itt", "DKd"), ("CANDOR-pfs-hr-itt-2022", "DKd"), ("CANDOR-os-hr-len-refractory", "DKd"),
        ("IKEMA-pfs-hr-itt", "IsaKd"), ("IKEMA-os-hr-itt", "IsaKd"), ("IKEMA-pfs-hr-len-refractory", "IsaKd"),
    }
    arm_rows = {local(r["result"]) for r in rows if r["role"] == "arm"}
    assert {"CANDOR-pfs-median-Kd-itt", "IKEMA-pfs-median-Kd-itt", "CANDOR-os-median-Kd-len-refractory"} <= arm_rows
    # Kd56 (ENDEAVOR) is a regimen of its own.
    assert not any(r["trial_label"] == "ENDEAVOR" for r in rows)


# ------------------------------------------------------------------ endpoint-across-regimens

def test_median_pfs_in_len_refractory_patients_for_anti_cd38_regimens_ranked(kg) -> None:
    """Default: median PFS, len-refractory populations, anti-CD38-containing regimens, best first."""
    rows = [r for r in kg.run("endpoint-across-regimens") if local(r["trial"]) in AREA_TRIALS]
    assert [(r["trial_label"], r["regimen_label"], r["estimate"]) for r in rows] == [
        ("CANDOR", "DKd", 28.1),
        ("MM-014", "DPd", 23.0),
        ("APOLLO", "DPd", 9.9),
        ("CASTOR", "DVd", 7.8),
    ]
    all_rows = kg.run("endpoint-across-regimens")
    estimates = [r["estimate"] for r in all_rows if "estimate" in r]
    assert estimates == sorted(estimates, reverse=True)


def test_median_os_in_len_refractory_patients_puts_not_reached_first(kg) -> None:
    rows = [r for r in kg.run("endpoint-across-regimens", endpoint="OS", regimen_class="mmkg:PIContainingRegimen")
            if local(r["trial"]) in AREA_TRIALS]
    got = [(r["trial_label"], r["regimen_label"], r.get("estimate", "NR")) for r in rows]
    assert got[0] == ("CANDOR", "DKd", "NR")
    numeric = [e for _, _, e in got[1:]]
    assert numeric == sorted(numeric, reverse=True)
    assert set(got) == {
        ("CANDOR", "DKd", "NR"), ("CANDOR", "Kd", 38.2), ("ENDEAVOR", "Kd56", 29.2), ("OPTIMISMM", "PVd", 29.8),
        ("BOSTON", "SVd", 26.7), ("OPTIMISMM", "Vd", 24.2), ("ENDEAVOR", "Vd", 21.4), ("BOSTON", "Vd", 18.6),
    }


def test_pfs_hazard_ratios_in_pi_naive_patients_ranked_lowest_first(kg) -> None:
    rows = kg.run("endpoint-across-regimens", statistic="stat:hazard-ratio", population_kind="pi-naive",
                  regimen_class="mmkg:ProteasomeInhibitor")
    assert [(r["trial_label"], r["regimen_label"], r["estimate"]) for r in rows if local(r["trial"]) in AREA_TRIALS] == [
        ("BOSTON", "SVd", 0.29),
        ("ENDEAVOR", "Kd56", 0.47),
        ("OPTIMISMM", "PVd", 0.62),
    ]


def test_median_pfs_at_second_line_and_len_refractory_second_line(kg) -> None:
    second = {(r["trial_label"], r["regimen_label"], r["estimate"])
              for r in kg.run("endpoint-across-regimens", population_kind="second-line", regimen_class="mmkg:Regimen")
              if local(r["trial"]) in AREA_TRIALS}
    assert second == {("CASTOR", "DVd", 27.0), ("CASTOR", "Vd", 7.9), ("OPTIMISMM", "PVd", 20.73), ("OPTIMISMM", "Vd", 11.63),
                      ("BOSTON", "SVd", 21.0), ("BOSTON", "Vd", 10.7)}
    both = [(r["trial_label"], r["regimen_label"], r["estimate"])
            for r in kg.run("endpoint-across-regimens", population_kind="len-refractory-second-line", regimen_class="mmkg:Regimen")
            if local(r["trial"]) in AREA_TRIALS]
    assert both == [("OPTIMISMM", "PVd", 17.8), ("OPTIMISMM", "Vd", 9.5)]


# ------------------------------------------------------------------ len-refractory-table

NR = "NR"
LEN_REF_TABLE = {
    # study: (group, regimens, prior median, min, max, mFU, pfs exp/ctl, pfs 2L exp/ctl, os exp/ctl, os 2L exp/ctl, orr exp/ctl,
    #         len-ref % exp/ctl/all, len-ref pfs exp/ctl, len-ref pfs HR, len-ref 2L pfs exp/ctl, len-ref os exp/ctl, len-ref orr exp/ctl)
    "ENDEAVOR": ("PI-based regimens", "Kd56 vs. Vd", 2, 1, 3, 44.3, 18.7, 9.4, None, None, 47.8, 38.8, 51.3, 43.7, 77, 63,
                 None, None, 25, 8.6, 6.6, None, None, None, 29.2, 21.4, None, None),
    "CASTOR": ("PI-based regimens", "DVd vs. Vd", 2, 1, 9, 72.6, 16.7, 7.1, 27.0, 7.9, 49.6, 38.5, None, None, 84, 63,
               None, None, 24, 7.8, 4.9, None, None, None, None, None, None, None),
    "CANDOR": ("PI-based regimens", "DKd vs. Kd", 2, 1, 5, 50.6, 28.4, 15.2, None, None, 50.8, 43.6, None, None, 84, 73,
               32, 36, None, 28.1, 11.1, None, None, None, NR, 38.2, 79.8, None),
    "IKEMA": ("PI-based regimens", "IsaKd vs. Kd", 2, 1, 4, 56.6, 35.7, 19.2, None, None, NR, 50.6, None, None, 87, 84,
              32, 34, None, None, None, 0.60, None, None, None, None, None, None),
    "BOSTON": ("PI-based regimens", "SVd vs. Vd", 2, 1, 3, 28, 13.2, 9.5, 21.0, 10.7, 36.7, 32.8, NR, 32.8, 76, 62,
               37, 39, None, 10.2, 7.1, None, None, None, 26.7, 18.6, 67.9, 47.2),
    "OPTIMISMM": ("IMiD-based regimens", "PVd vs. Vd", 2, 1, 3, 64.5, 11.7, 6.9, 20.73, 11.63, 35.6, 31.6, None, None, 82, 50,
                  71, 69, None, None, None, None, 17.8, 9.5, 29.8, 24.2, 85.9, 50.8),
    "APOLLO": ("IMiD-based regimens", "DPd vs. Pd", 2, 1, 5, 39.6, 12.4, 6.9, None, None, 34.4, 23.7, None, None, 69, 46,
               63, 73, None, 9.9, 6.5, None, None, None, None, None, None, None),
    "MM-014": ("IMiD-based regimens", "DPd", 2, 1, 2, 41.9, 23.7, None, None, None, 56.7, None, None, None, 78.6, None,
               None, None, 76, 23.0, None, None, None, None, 53.6, None, 77.6, None),
}
COLUMNS = ["group", "regimens", "prior_lines_median", "prior_lines_min", "prior_lines_max", "mfu_months",
           "pfs_exp", "pfs_ctl", "pfs_2l_exp", "pfs_2l_ctl", "os_exp", "os_ctl", "os_2l_exp", "os_2l_ctl", "orr_exp", "orr_ctl",
           "len_ref_pct_exp", "len_ref_pct_ctl", "len_ref_pct_all", "len_ref_pfs_exp", "len_ref_pfs_ctl", "len_ref_pfs_hr",
           "len_ref_2l_pfs_exp", "len_ref_2l_pfs_ctl", "len_ref_os_exp", "len_ref_os_ctl", "len_ref_orr_exp", "len_ref_orr_ctl"]


def test_len_refractory_table_reproduces_the_mancuso_2025_rows(kg) -> None:
    rows = kg.run("len-refractory-table")
    assert [r["study"] for r in rows] == ["BOSTON", "CANDOR", "CASTOR", "ENDEAVOR", "IKEMA", "APOLLO", "MM-014", "OPTIMISMM"]
    for row in rows:
        expected = dict(zip(COLUMNS, LEN_REF_TABLE[row["study"]], strict=True))
        got = {c: row.get(c) for c in COLUMNS}
        assert got == pytest.approx(expected), row["study"]


# ------------------------------------------------------------------ triplets-table

TRIPLETS = {
    # regimen: (trial, PFS median, HR, CR %, confidence)
    "EloRd": ("ELOQUENT-2", 19.4, 0.70, 5, "medium"),
    "KRd": ("ASPIRE", 26.3, 0.69, 31.8, "high"),
    "DRd": ("POLLUX", 44.5, 0.44, 56.6, "high"),
    "IxaRd": ("TOURMALINE-MM1", 20.6, 0.74, 12, "high"),
    "Kd56": ("ENDEAVOR", 18.7, 0.53, 12.5, "high"),
    "DVd": ("CASTOR", 16.7, 0.31, 30, "medium"),
    "PVd": ("OPTIMISMM", 11.2, 0.61, 15, "high"),
    "DKd": ("CANDOR", 28.6, 0.59, 29, "high"),
    "IsaPd": ("ICARIA-MM", 11.1, 0.60, 10, "medium"),
    "EloPd": ("ELOQUENT-3", 10.3, 0.54, 8, "high"),
    "DPd": ("APOLLO", 12.4, 0.63, 25, "high"),
    "IsaKd": ("IKEMA", 35.7, 0.58, 44.1, "high"),
    "SVd": ("BOSTON", 13.93, 0.70, 17, "high"),
}


def test_triplets_table_reproduces_the_13_triplets_with_their_trials(kg) -> None:
    rows = kg.run("triplets-table")
    got = {r["regimen_label"]: (r["trial_label"], r["pfs_median"], r["hazard_ratio"], r["cr_rate"], r["confidence"]) for r in rows}
    assert len(rows) == 13
    assert got == TRIPLETS


def test_triplets_table_combination_types_are_derived_from_components(kg) -> None:
    types = {r["regimen_label"]: r["combination_type"] for r in kg.run("triplets-table")}
    assert {k for k, v in types.items() if v == "IMiDs + PIs based"} == {"KRd", "IxaRd", "PVd"}
    assert {k for k, v in types.items() if v == "PIs based"} == {"Kd56", "DVd", "DKd", "IsaKd", "SVd"}
    assert {k for k, v in types.items() if v == "IMiDs based"} == {"EloRd", "DRd", "IsaPd", "EloPd", "DPd"}
