"""MM-014 (DPd after lenalidomide): median OS 56.7 months at the final OS analysis (41.9 months)."""

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


def test_mm014_median_os_56_7_months_final_analysis(kg) -> None:
    os_ = node(kg, "result:MM-014-os-median-DPd-itt")
    assert (one(os_, "estimate"), one(os_, "medianFollowUpMonths"), os_["analysisType"]) == (
        56.7,
        41.9,
        {"analysis:final"},
    )
