"""OPTIMISMM (PVd vs Vd): PFS from the primary analysis (Richardson Lancet Oncol 2019, PMID 31097405)."""

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


def test_optimismm_pfs_hazard_ratio_0_61_primary_analysis(kg) -> None:
    hr = node(kg, "result:OPTIMISMM-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "medianFollowUpMonths"), hr["analysisType"]) == (
        0.61,
        15.9,
        {"analysis:primary"},
    )
    assert node(kg, "result:OPTIMISMM-pfs-hr-pi-naive")["analysisType"] == {"analysis:subgroup"}
    assert one(node(kg, "ref:richardson-2019-lancet-oncol"), "pmid") == "31097405"
