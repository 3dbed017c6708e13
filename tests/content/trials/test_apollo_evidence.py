"""APOLLO (DPd vs Pd): PFS from the primary analysis (16.9 months), OS from the final analysis (39.6 months)."""

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


def test_apollo_pfs_hazard_ratio_0_63_primary_and_os_0_82_final(kg) -> None:
    pfs = node(kg, "result:APOLLO-pfs-hr-itt")
    assert (one(pfs, "estimate"), one(pfs, "pValue"), pfs["analysisType"]) == (0.63, 0.0018, {"analysis:primary"})
    os_ = node(kg, "result:APOLLO-os-hr-itt")
    assert (one(os_, "estimate"), os_["analysisType"]) == (0.82, {"analysis:final"})
