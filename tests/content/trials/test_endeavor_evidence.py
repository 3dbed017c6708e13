"""ENDEAVOR (Kd56 vs Vd): PFS and response from the primary analysis, OS from the updated OS analysis."""

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


def test_endeavor_pfs_hazard_ratio_0_53_primary_os_0_76_updated(kg) -> None:
    assert node(kg, "result:ENDEAVOR-pfs-hr-itt")["analysisType"] == {"analysis:primary"}
    assert node(kg, "result:ENDEAVOR-os-hr-itt")["analysisType"] == {"analysis:updated"}
    assert node(kg, "result:ENDEAVOR-pfs-hr-pi-naive")["analysisType"] == {"analysis:subgroup"}
