"""MagnetisMM-1 (elranatamab, phase 1; Nat Med 2023, PMC10579053): 55 patients at efficacious doses,
13 of them after prior BCMA-directed therapy."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_magnetismm1_orr_53_8_percent_after_prior_bcma(kg) -> None:
    pop = node(kg, "population:MagnetisMM-1-prior-bcma")
    assert pop["requiresPriorExposureTo"] == {"mmkg:BCMATargetedTherapy"}
    assert one(pop, "sampleSize") == 13 and one(pop, "subgroupOf") == "population:MagnetisMM-1-efficacious-doses"
    orr = node(kg, "result:MagnetisMM-1-orr-proportion-elranatamab-prior-bcma")
    assert (one(orr, "estimate"), one(orr, "medianFollowUpMonths")) == (53.8, 12.0)
    assert orr["analysisType"] == {"analysis:subgroup"}


def test_magnetismm1_orr_63_6_percent_median_pfs_11_8_os_21_2_months(kg) -> None:
    got = [
        one(node(kg, f"result:MagnetisMM-1-{n}-elranatamab"), "estimate")
        for n in ("orr-proportion", "cr-proportion", "dor-median", "pfs-median", "os-median")
    ]
    assert got == [63.6, 38.2, 17.1, 11.8, 21.2]
    assert one(node(kg, "trial:MagnetisMM-1"), "nctId") == "NCT03269136"


def test_magnetismm1_results_stay_out_of_the_deck_bispecific_table(kg) -> None:
    """Its results name no arm, so the bispecifics-table query (arms with a response result) ignores them."""
    rows = kg.select("SELECT ?r WHERE { ?r mmkg:ofTrial trial:MagnetisMM-1 ; mmkg:forArm ?arm }")
    assert rows == []


def test_magnetismm1_primary_endpoints_are_dlt_orr_and_dor(kg, evidence) -> None:
    """Nat Med 2023: 'Primary endpoints, including the incidence of dose-limiting toxicities as well as objective
    response rate (ORR) and duration of response (DOR), were met'; the DLT term cites the article."""
    trial = evidence.describe("trial:MagnetisMM-1")
    assert trial["primaryEndpoint"] == {"endpoint:dose-limiting-toxicities", "endpoint:ORR", "endpoint:DOR"}
    assert any("Primary endpoints, including the incidence of dose-limiting" in note for note in trial["curationNote"])
    assert evidence.sources("endpoint:dose-limiting-toxicities") == {"ref:magnetismm-1-2023-nat-med"}
