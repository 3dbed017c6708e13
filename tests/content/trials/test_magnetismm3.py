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
