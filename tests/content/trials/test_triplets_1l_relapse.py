"""The triplets list's trials: ASPIRE, TOURMALINE-MM1 and ELOQUENT-3 from their primary analyses, POLLUX
from its extended follow-up; ICARIA-MM's row could not be tied to an analysis."""

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


def test_triplet_trials_analysis_types(kg) -> None:
    expected = {
        "result:ASPIRE-pfs-hr-itt": {"analysis:primary"},
        "result:TOURMALINE-MM1-pfs-hr-itt": {"analysis:primary"},
        "result:ELOQUENT-3-pfs-hr-itt": {"analysis:primary"},
        "result:ELOQUENT-2-pfs-hr-itt": {"analysis:primary"},
        "result:POLLUX-pfs-hr-itt": {"analysis:updated"},
    }
    for curie, types in expected.items():
        assert node(kg, curie)["analysisType"] == types, curie
    assert "analysisType" not in node(kg, "result:ICARIA-MM-pfs-hr-itt")
