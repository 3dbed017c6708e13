"""The foundation's named queries, each with its expected answer."""

from __future__ import annotations

import pytest

from mmkg.errors import InputError


def test_targeted_products_groups_bcma_and_gprc5d_products_by_modality(kg) -> None:
    rows = kg.run("targeted-products")
    got = {(r["target"], r["modality"]): sorted(r["products"].split(", ")) for r in rows}
    assert got == {
        ("BCMA", "CAR-T cell therapy"): ["anitocabtagene autoleucel", "ciltacabtagene autoleucel", "idecabtagene vicleucel"],
        ("BCMA", "antibody-drug conjugate"): ["belantamab mafodotin"],
        ("BCMA", "bispecific T-cell engager"): ["elranatamab", "linvoseltamab", "teclistamab"],
        ("BCMA", "trispecific T-cell engager"): ["JNJ-5322"],
        ("GPRC5D", "CAR-T cell therapy"): ["arlocabtagene autoleucel"],
        ("GPRC5D", "bispecific T-cell engager"): ["talquetamab"],
        ("GPRC5D", "trispecific T-cell engager"): ["JNJ-5322"],
    }


def test_drugs_by_target_cd38_are_daratumumab_and_isatuximab(kg) -> None:
    rows = kg.run("drugs-by-target", target="CD38")
    assert [r["label"] for r in rows] == ["daratumumab", "isatuximab"]
    assert {r["classes"] for r in rows} == {"anti-CD38 monoclonal antibody"}


def test_drugs_by_modality_car_t(kg) -> None:
    rows = kg.run("drugs-by-target", modality="CAR-T")
    assert [r["label"] for r in rows] == [
        "anitocabtagene autoleucel",
        "arlocabtagene autoleucel",
        "ciltacabtagene autoleucel",
        "idecabtagene vicleucel",
    ]


def test_drugs_by_target_and_modality_bcma_adc_is_belantamab(kg) -> None:
    rows = kg.run("drugs-by-target", target="BCMA", modality="ADC")
    assert [r["label"] for r in rows] == ["belantamab mafodotin"]


def test_regimens_containing_a_proteasome_inhibitor_and_an_anti_cd38(kg) -> None:
    pi = {r["label"] for r in kg.run("regimens-containing", **{"class": "mmkg:ProteasomeInhibitor"})}
    cd38 = {r["label"] for r in kg.run("regimens-containing")}  # default: anti-CD38
    assert {"DKd", "IsaKd", "DaraVRd", "DVd", "Kd", "Kd56", "SVd", "PVd", "BVd"} <= pi
    assert "DPd" not in pi and "Tec-R" not in pi
    assert {"DKd", "IsaKd", "DPd", "DVd", "DRd", "DaraVRd", "IsaVRd", "IsaPd"} <= cd38
    assert pi & cd38 >= {"DKd", "IsaKd", "DVd", "DaraVRd"}


def test_regimens_containing_belantamab_are_bvd_bpd_and_monotherapy(kg) -> None:
    rows = kg.run("regimens-containing", **{"class": "belantamab mafodotin"})
    assert sorted((r["label"], r["size"]) for r in rows) == [
        ("BPd", "triplet"),
        ("BVd", "triplet"),
        ("belantamab mafodotin monotherapy", "monotherapy"),
    ]


def test_drug_classes_list_the_imids_and_pis(kg) -> None:
    rows = {r["label"]: r for r in kg.run("drug-classes", axis="pharmacological class")}
    assert sorted(rows["immunomodulatory drug"]["members"].split(", ")) == ["lenalidomide", "pomalidomide", "thalidomide"]
    assert sorted(rows["proteasome inhibitor"]["members"].split(", ")) == ["bortezomib", "carfilzomib", "ixazomib"]
    assert rows["anti-CD38 monoclonal antibody"]["n"] == 2


def test_every_named_query_runs_with_its_defaults(kg) -> None:
    import mmkg

    for query in mmkg.catalogue():
        if query.name.startswith("federated"):
            continue  # needs the network (SERVICE)
        answer = query.run(kg, {})
        assert isinstance(answer, (list, bool)), query.name


def test_every_named_query_has_a_title_and_an_example() -> None:
    import mmkg

    for query in mmkg.catalogue():
        assert query.title != query.name, f"{query.name}: no title"
        assert query.examples, f"{query.name}: no example"


def test_unknown_parameter_is_refused(kg) -> None:
    with pytest.raises(InputError, match="no parameter 'colour'"):
        kg.run("drugs-by-target", colour="blue")


def test_unknown_query_name_suggests_close_ones(kg) -> None:
    with pytest.raises(InputError, match="did you mean drugs-by-target"):
        kg.run("drugs-by-targets")
