"""KarMMa: idecabtagene vicleucel in triple-class exposed RRMM (single arm)."""

from __future__ import annotations


def test_karmma_orr_73_cr_33_mrd_26_median_pfs_8_8_and_20_2_in_cr(kg, evidence) -> None:
    trial = evidence.describe("trial:KarMMa")
    assert (trial["phase"], trial["sampleSize"], trial["nctId"]) == ("2", 128, "NCT03361748")
    assert evidence.describe("result:KarMMa-orr-proportion-ide-cel-itt")["estimate"] == 73.0
    assert evidence.describe("result:KarMMa-cr-proportion-ide-cel-itt")["estimate"] == 33.0
    mrd = evidence.describe("result:KarMMa-mrd-negativity-proportion-ide-cel-itt")
    assert mrd["estimate"] == 26.0 and mrd["confidence"] == "medium"
    assert evidence.describe("result:KarMMa-pfs-median-ide-cel-itt")["estimate"] == 8.8
    in_cr = evidence.describe("result:KarMMa-pfs-median-ide-cel-complete-response")
    assert (in_cr["estimate"], in_cr["inPopulation"]) == (20.2, "population:KarMMa-complete-response")
    assert evidence.describe("result:KarMMa-prior-lines-median-ide-cel-itt")["estimate"] == 6.0
    assert evidence.describe("result:KarMMa-triple-class-refractory-proportion-ide-cel-itt")["estimate"] == 84.0


def test_karmma_primary_endpoint_is_orr(kg, evidence) -> None:
    """Munshi NEJM 2021: 'The primary end point was an overall response (partial response or better)'."""
    trial = evidence.describe("trial:KarMMa")
    assert trial["primaryEndpoint"] == {"endpoint:ORR"}
    assert any("The primary end point was an overall response" in note for note in trial["curationNote"])
    assert {"ref:munshi-2021-nejm", "https://lirias.kuleuven.be/3408834"} <= evidence.sources("trial:KarMMa")
    assert evidence.describe("result:KarMMa-orr-proportion-ide-cel-itt")["endpoint"] == "endpoint:ORR"
