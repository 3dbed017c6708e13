"""CANDOR (DKd vs Kd): the deck's chart is the final analysis (Usmani Blood Adv 2023); the triplets list row
is the 2022 updated analysis."""

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


def test_candor_pfs_hazard_ratio_0_64_is_the_final_analysis(kg) -> None:
    hr = node(kg, "result:CANDOR-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), hr["analysisType"]) == (
        0.64,
        0.49,
        0.83,
        {"analysis:final"},
    )
    assert node(kg, "result:CANDOR-pfs-hr-itt-2022")["analysisType"] == {"analysis:updated"}
    assert node(kg, "result:CANDOR-os-hr-len-refractory")["analysisType"] == {"analysis:final", "analysis:subgroup"}
