"""CARTITUDE-2 cohort C: cilta-cel after a non-cellular BCMA-targeted therapy (Blood 2023;141(3):219),
median follow-up 11.3 months."""

from __future__ import annotations

W3ID = "https://w3id.org/mmkg/"
PREFIXES = {
    "ontology/": "mmkg:",
    "reference/": "ref:",
    "analysis/": "analysis:",
    "population/": "population:",
    "endpoint/": "endpoint:",
    "statistic/": "stat:",
    "arm/": "arm:",
    "trial/": "trial:",
    "result/": "result:",
}


def short(value):
    if isinstance(value, str) and value.startswith(W3ID):
        rest = value[len(W3ID) :]
        for path, prefix in PREFIXES.items():
            if rest.startswith(path):
                return prefix + rest[len(path) :]
    return value


def node(kg, curie: str) -> dict:
    """The node's properties by local name, each a set of values (IRIs under w3id.org/mmkg as CURIEs)."""
    found: dict = {}
    for row in kg.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=curie):
        name = row["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        found.setdefault(name, set()).add(short(row["o"]))
    assert found, f"{curie} is not in the release"
    return found


def one(props: dict, name: str):
    values = props.get(name, set())
    assert len(values) == 1, (name, values)
    return next(iter(values))


def test_cartitude2_cohort_c_requires_prior_bcma_targeted_therapy(kg) -> None:
    pop = node(kg, "population:CARTITUDE-2-cohort-C")
    assert "mmkg:BCMATargetedTherapy" in pop["requiresPriorExposureTo"]
    assert {"mmkg:ProteasomeInhibitor", "mmkg:ImmunomodulatoryDrug", "mmkg:AntiCD38Antibody"} <= pop[
        "requiresPriorExposureTo"
    ]
    assert one(pop, "sampleSize") == 20
    assert "13 ADC exposed; 7 BsAb exposed" in one(pop, "criteriaText")
    trial = node(kg, "trial:CARTITUDE-2")
    assert one(trial, "primaryEndpoint") == "endpoint:MRD-negativity-1e-5"


def test_cartitude2_cohort_c_orr_60_percent_after_prior_bcma(kg) -> None:
    orr = node(kg, "result:CARTITUDE-2-cohort-C-orr-proportion-cilta-cel")
    assert (one(orr, "estimate"), one(orr, "ciLower"), one(orr, "ciUpper"), one(orr, "medianFollowUpMonths")) == (
        60.0,
        36.1,
        80.9,
        11.3,
    )
    assert one(orr, "forArm") == "arm:CARTITUDE-2-cohort-C-cilta-cel"


def test_cartitude2_cohort_c_median_pfs_9_1_and_dor_11_5_months(kg) -> None:
    pfs = node(kg, "result:CARTITUDE-2-cohort-C-pfs-median-cilta-cel")
    assert (one(pfs, "estimate"), one(pfs, "ciLower"), one(pfs, "ciUpperNotReached")) == (9.1, 1.5, True)
    dor = node(kg, "result:CARTITUDE-2-cohort-C-dor-median-cilta-cel")
    assert (one(dor, "estimate"), one(dor, "ciLower")) == (11.5, 7.9)


def test_cartitude2_cohort_c_mrd_negativity_35_percent_70_in_evaluable(kg) -> None:
    itt = node(kg, "result:CARTITUDE-2-cohort-C-mrd-negativity-1e-5-proportion-cilta-cel")
    evaluable = node(kg, "result:CARTITUDE-2-cohort-C-mrd-negativity-1e-5-proportion-cilta-cel-mrd-evaluable")
    assert (one(itt, "estimate"), one(itt, "numberOfPatients")) == (35.0, 7)
    assert (one(evaluable, "estimate"), one(evaluable, "numberOfPatients")) == (70.0, 7)
    assert one(node(kg, "population:CARTITUDE-2-cohort-C-mrd-evaluable"), "sampleSize") == 10
