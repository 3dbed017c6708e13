"""KarMMa (ide-cel, phase 2): the deck's results are those of the primary analysis (Munshi NEJM 2021,
median follow-up 13.3 months)."""

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


def test_karmma_orr_73_percent_at_the_primary_analysis_13_3_months(kg) -> None:
    orr = node(kg, "result:KarMMa-orr-proportion-ide-cel-itt")
    assert (one(orr, "estimate"), one(orr, "medianFollowUpMonths"), orr["analysisType"]) == (
        73.0,
        13.3,
        {"analysis:primary"},
    )
    in_cr = node(kg, "result:KarMMa-pfs-median-ide-cel-complete-response")
    assert in_cr["analysisType"] == {"analysis:primary", "analysis:subgroup"}
