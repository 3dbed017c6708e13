"""networkx views: a clinical view without provenance and vocabulary, a provenance view, views for common questions."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from mmkg import network
from mmkg.errors import InputError


@pytest.fixture(scope="module")
def clinical(kg) -> nx.MultiDiGraph:
    return kg.to_networkx()


def test_the_clinical_view_has_no_sources_and_no_vocabulary(clinical) -> None:
    """kg.to_networkx() included dcterms:source and vocabulary edges."""
    predicates = {p for *_, p in clinical.edges(keys=True)}
    assert predicates <= set(network.CLINICAL_PREDICATES)
    assert not any(p.startswith(("dcterms:", "skos:", "owl:")) for p in predicates)
    kinds = {d["kind"] for _, d in clinical.nodes(data=True)}
    assert kinds == {
        "drug",
        "regimen",
        "class",
        "target",
        "modality",
        "trial",
        "result",
        "regulatory event",
        "recommendation",
    }
    assert not any(n.startswith(("ref:", "mapping:", "http")) for n in clinical)


def test_the_shortest_clinical_path_from_talquetamab_to_lenalidomide_runs_through_a_regimen_or_a_class(
    kg, clinical
) -> None:
    steps = network.evidence_path(kg, "talquetamab", "lenalidomide", graph=clinical)
    between = {s for s, _, o in steps} | {o for _, _, o in steps}
    between -= {"drug:talquetamab", "drug:lenalidomide"}
    assert between and all(clinical.nodes[n]["kind"] in ("regimen", "class") for n in between)


def test_the_provenance_view_links_entities_to_their_sources(kg) -> None:
    provenance = kg.to_networkx(view="provenance")
    assert {p for *_, p in provenance.edges(keys=True)} == {"dcterms:source"}
    sources = {v for _, v in provenance.out_edges("trial:IKEMA")}
    assert sources and all(provenance.nodes[s]["kind"] == "reference" for s in sources)


def test_predicates_keep_only_those_edges_and_unknown_ones_are_refused(kg) -> None:
    components = kg.to_networkx(predicates=["mmkg:hasComponent"])
    assert {p for *_, p in components.edges(keys=True)} == {"mmkg:hasComponent"}
    with pytest.raises(InputError, match="unknown predicate 'dcterms:source'"):
        kg.to_networkx(predicates=["dcterms:source"])


def test_neighbours_by_predicate_and_the_subgraph_around_an_entity(kg, clinical) -> None:
    targets = network.neighbours(kg, "Talvey", predicate="mmkg:hasTarget", graph=clinical)
    assert [n["label"] for n in targets] == ["CD3", "GPRC5D"] and {n["direction"] for n in targets} == {"out"}
    near = network.around(kg, "IKEMA", radius=1, graph=clinical)
    assert "regimen:IsaKd" in near and "trial:CANDOR" not in near


def test_views_for_common_questions(kg) -> None:
    targets = network.shared_targets(kg)
    assert targets.edges["drug:daratumumab", "drug:isatuximab"]["targets"] == ["CD38"]
    components = network.shared_components(kg)
    assert "daratumumab" in components.edges["regimen:DaraVRd", "regimen:DRd"]["components"]
    lattice = network.lattice(kg)
    assert lattice.nodes["mmkg:BCMATargetedADC"]["axis"] == "target and modality"
    assert lattice.has_edge("mmkg:BCMATargetedADC", "target:BCMA")
    sequencing = network.sequencing(kg)
    preference = sequencing.get_edge_data("mmkg:BCMATargetedTCellRedirectingTherapy", "mmkg:BCMATargetedADC")
    assert any(d["predicate"] == "mmkg:prefers" for d in preference.values())
    assert any(
        d["predicate"] == "mmkg:requiresPriorExposureTo"
        for _, _, d in sequencing.in_edges("drug:teclistamab", data=True)
    )


def test_export_as_graphml_and_json_from_the_command_line(tmp_path, cli) -> None:
    graphml, node_link = tmp_path / "ikema.graphml", tmp_path / "lattice.json"
    assert cli("network", "export", "--around", "IKEMA", "--output", str(graphml)).exit_code == 0
    read = nx.read_graphml(graphml)
    assert "trial:IKEMA" in read and read.nodes["regimen:IsaKd"]["kind"] == "regimen"
    assert cli("network", "export", "--view", "lattice", "--output", str(node_link)).exit_code == 0
    back = nx.node_link_graph(json.loads(node_link.read_text(encoding="utf-8")), edges="edges")
    assert back.has_edge("drug:belantamab-mafodotin", "mmkg:BCMATargetedADC")
    bad = cli("network", "export", "--output", str(tmp_path / "x.txt"))
    assert isinstance(bad.exception, InputError) and "graphml" in str(bad.exception)
    path = cli("network", "path", "talquetamab", "lenalidomide", "--format", "csv")
    assert path.stdout.splitlines()[1].startswith("regimen:Tal-DaraR,mmkg:hasComponent,drug:talquetamab")
