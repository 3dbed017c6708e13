"""Standard-of-care teclistamab after prior BCMA-directed therapy: the US Multiple Myeloma Immunotherapy
Consortium retrospective series (Blood Cancer J 2025;15(1):111, PMID 40562770)."""

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


def test_usmic_teclistamab_is_a_real_world_study(kg) -> None:
    trial = node(kg, "trial:USMIC-teclistamab")
    assert "mmkg:RealWorldStudy" in trial["type"] and one(trial, "sampleSize") == 385
    ref = node(kg, "ref:dima-2025-blood-cancer-j")
    assert (one(ref, "pmid"), one(ref, "doi")) == ("40562770", "10.1038/s41408-025-01314-9")


def test_usmic_teclistamab_orr_48_7_and_median_pfs_4_6_months_after_prior_bcma(kg) -> None:
    pop = node(kg, "population:USMIC-teclistamab-prior-bcma")
    assert pop["requiresPriorExposureTo"] == {"mmkg:BCMATargetedTherapy"} and one(pop, "sampleSize") == 193
    assert one(node(kg, "result:USMIC-teclistamab-orr-proportion-prior-bcma"), "estimate") == 48.7
    assert one(node(kg, "result:USMIC-teclistamab-pfs-median-prior-bcma"), "estimate") == 4.6


def test_usmic_teclistamab_orr_61_5_and_median_pfs_8_2_months_without_prior_bcma(kg) -> None:
    pop = node(kg, "population:USMIC-teclistamab-no-prior-bcma")
    assert pop["excludesPriorExposureTo"] == {"mmkg:BCMATargetedTherapy"} and one(pop, "sampleSize") == 192
    assert one(node(kg, "result:USMIC-teclistamab-orr-proportion-no-prior-bcma"), "estimate") == 61.5
    assert one(node(kg, "result:USMIC-teclistamab-pfs-median-no-prior-bcma"), "estimate") == 8.2
