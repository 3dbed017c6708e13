"""Every abbreviation and spelling the deck uses finds its regimen or drug."""

from __future__ import annotations

import pytest

from mmkg.errors import InputError

REGIMEN = "https://w3id.org/mmkg/regimen/"
DRUG = "https://w3id.org/mmkg/drug/"


@pytest.mark.parametrize(
    ("name", "regimen"),
    [
        ("Isa-Kd", "IsaKd"), ("isaKd", "IsaKd"), ("IsaKD", "IsaKd"),
        ("KdD", "DKd"), ("DKd", "DKd"), ("DaraKd", "DKd"), ("KDd", "DKd"),
        ("Kd56", "Kd56"), ("Kd", "Kd"),
        ("Dara-Rd", "DRd"), ("DaraRd", "DRd"), ("DRd", "DRd"),
        ("DaraVD", "DVd"), ("Dara-Vd", "DVd"),
        ("Bela-Vd", "BVd"), ("BelaPd", "BPd"),
        ("eloPd", "EloPd"), ("EPd", "EloPd"), ("isaPd", "IsaPd"), ("IsaPD", "IsaPd"),
        ("DaraVRd", "DaraVRd"), ("D-VRd", "DaraVRd"), ("D-VMP", "DaraVMP"),
    ],
)
def test_regimen_abbreviations_resolve(kg, name: str, regimen: str) -> None:
    assert kg.resolve(name) == REGIMEN + regimen


@pytest.mark.parametrize(
    ("name", "drug"),
    [
        ("lenalidomide", "lenalidomide"), ("LEN", "lenalidomide"), ("cilta-cel", "ciltacabtagene-autoleucel"),
        ("Ide-cel", "idecabtagene-vicleucel"), ("belamaf", "belantamab-mafodotin"), ("Carvykti", "ciltacabtagene-autoleucel"),
        ("drug:teclistamab", "teclistamab"), (DRUG + "talquetamab", "talquetamab"),
    ],
)
def test_drug_names_resolve(kg, name: str, drug: str) -> None:
    assert kg.resolve(name) == DRUG + drug


def test_unknown_drug_names_close_matches(kg) -> None:
    with pytest.raises(InputError, match="did you mean 'lenalidomide'"):
        kg.resolve("lenalidomid")


def test_ambiguous_name_lists_candidates_and_kind_disambiguates(kg) -> None:
    with pytest.raises(InputError, match="ambiguous name 'CAR-T'"):
        kg.resolve("CAR-T")
    assert kg.resolve("CAR-T", kind="mmkg:Modality") == "https://w3id.org/mmkg/modality/car-t-cell-therapy"
