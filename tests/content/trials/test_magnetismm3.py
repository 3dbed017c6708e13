"""MagnetisMM-3: elranatamab in triple-class refractory RRMM."""

from __future__ import annotations


def test_magnetismm3_elranatamab_dor_71_5_percent_at_15_months_and_median_pfs_17_2(kg, evidence) -> None:
    assert evidence.describe("population:MagnetisMM-3-cohort-A")["excludesPriorExposureTo"] == {
        "mmkg:BCMATargetedTherapy"
    }
    dor = evidence.describe("result:MagnetisMM-3-dor-15mo-landmark-elranatamab")
    assert (dor["statistic"], dor["estimate"], dor["timepointMonths"]) == ("stat:landmark-rate", 71.5, 15.0)
    assert evidence.describe("result:MagnetisMM-3-pfs-median-elranatamab")["estimate"] == 17.2
    assert evidence.describe("result:MagnetisMM-3-infections-grade3-proportion-elranatamab")["estimate"] == 46.0


def test_magnetismm3_primary_endpoint_is_orr(kg, evidence) -> None:
    """Lesokhin Nat Med 2023: 'The primary endpoint of confirmed objective response rate (ORR) by blinded
    independent central review was met'."""
    trial = evidence.describe("trial:MagnetisMM-3")
    assert trial["primaryEndpoint"] == {"endpoint:ORR"}
    assert any("The primary endpoint of confirmed objective response rate" in note for note in trial["curationNote"])
    assert "ref:lesokhin-2023-nat-med" in evidence.sources("trial:MagnetisMM-3")
    assert evidence.describe("result:MagnetisMM-3-orr-proportion-elranatamab")["estimate"] == 61.0
