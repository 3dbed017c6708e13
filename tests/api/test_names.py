"""One resolution rule wherever a person names something: bindings, parameters, flags, histories, xref.

Protects against the inconsistencies of issue 13: a name that ``kg.run`` resolved and
``kg.query`` silently bound as a string (and answered []), short names the outputs
print rejected as input, a brand name unknown, ``mmkg xref`` answering nothing for a
regimen.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

import mmkg
from mmkg.errors import InputError
from mmkg.prefixes import compact
from mmkg.queries import catalogue
from mmkg.resolve import local_name

EXAMPLE_HISTORY = Path(__file__).parents[2] / "examples" / "patient-history.yaml"
MMKG = "https://w3id.org/mmkg/"


def test_query_bindings_resolve_names(kg) -> None:
    """kg.query(d="belantamab mafodotin") silently returned []."""
    sparql = "SELECT ?r WHERE { ?r mmkg:hasComponent ?d }"
    by_name = {r["r"] for r in kg.query(sparql, d="belantamab mafodotin")}
    by_curie = {r["r"] for r in kg.query(sparql, d="drug:belantamab-mafodotin")}
    assert by_name == by_curie and len(by_name) >= 3
    assert {r["r"] for r in kg.query(sparql, d="Blenrep")} == by_name


def test_an_unknown_name_in_a_binding_raises_with_close_matches(kg) -> None:
    with pytest.raises(InputError, match="did you mean 'belantamab mafodotin'"):
        kg.query("SELECT ?r WHERE { ?r mmkg:hasComponent ?d }", d="belantamab mafodotine")
    with pytest.raises(InputError, match="unknown entity 'drug:belantamab'"):
        kg.select("SELECT ?r WHERE { ?r mmkg:hasComponent ?d }", d="drug:belantamab")


@pytest.mark.parametrize(
    ("brand", "drug"),
    [
        ("Darzalex", "daratumumab"),
        ("Darzalex Faspro", "daratumumab"),
        ("Sarclisa", "isatuximab"),
        ("Kyprolis", "carfilzomib"),
        ("Pomalyst", "pomalidomide"),
        ("Imnovid", "pomalidomide"),
        ("Ninlaro", "ixazomib"),
        ("Empliciti", "elotuzumab"),
        ("Tecvayli", "teclistamab"),
        ("Carvykti", "ciltacabtagene-autoleucel"),
        ("Blenrep", "belantamab-mafodotin"),
    ],
)
def test_brand_names_resolve(kg, brand: str, drug: str) -> None:
    assert kg.resolve(brand) == f"{MMKG}drug/{drug}"


@pytest.mark.parametrize(
    ("printed", "iri"),
    [
        ("NDMM-TIE", "setting/NDMM-TIE"),  # `mmkg query recommendations` prints the setting's code
        ("Tec-Dara", "regimen/Tec-Dara"),  # CURIEs print regimen:Tec-Dara
        ("FDA", "agency/FDA"),  # `mmkg query approvals` prints the agency's code
        ("KarMMa-3-standard-regimens", "arm/KarMMa-3-standard-regimens"),
    ],
)
def test_short_names_that_outputs_print_are_accepted(kg, printed: str, iri: str) -> None:
    assert kg.resolve(printed) == MMKG + iri


def test_every_entity_a_named_query_prints_is_accepted_back(kg) -> None:
    """Every IRI in the answers of the named queries (with their defaults) resolves from its CURIE and its local name."""
    seen: set[str] = set()
    for query in catalogue():
        if query.name.startswith("federated"):
            continue
        table = kg.table(query.name, iris="iri")
        for row in table.rows:
            for value in row.values():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str) and item.startswith(MMKG):
                        seen.add(item)
    assert len(seen) > 300
    for iri in sorted(seen):
        assert kg.resolve(compact(iri)) == iri, iri
        found = kg.resolve(local_name(iri))
        # a local name that is also another entity's label or abbreviation ("cilta-cel" of
        # regimen:cilta-cel is the drug's abbreviation) names that entity; the CURIE names this one
        assert found == iri or local_name(iri) in names_of(kg, found), iri


def names_of(kg, iri: str) -> set[str]:
    rows = kg.select(
        "SELECT ?n WHERE { VALUES ?p { rdfs:label skos:altLabel mmkg:brandName skos:notation } ?e ?p ?n }",
        e=pyoxigraph.NamedNode(iri),
    )
    return {str(r["n"]) for r in rows}


def test_param_on_the_command_line_resolves_names_for_inline_sparql(cli, run_mmkg) -> None:
    ok = cli("query", "SELECT ?r WHERE { ?r mmkg:hasComponent ?d }", "--param", "d=Darzalex", "--format", "csv")
    assert ok.exit_code == 0 and "regimen:DaraVRd" in ok.stdout
    bad = run_mmkg("query", "SELECT ?r WHERE { ?r mmkg:hasComponent ?d }", "--param", "d=Darzalx")
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == [
        "mmkg: error: unknown name 'Darzalx'; did you mean 'Darzalex', 'Dara', 'Darzalex Faspro'?"
    ]


def test_histories_accept_brand_names_and_printed_short_names(kg) -> None:
    history = mmkg.parse_history({"lines": [{"regimen": "D-VRd"}, {"drugs": ["Kyprolis", "dexamethasone"]}]}, kg)
    assert [line.regimen for line in history.lines] == [f"{MMKG}regimen/DaraVRd", None]
    assert f"{MMKG}drug/carfilzomib" in history.lines[1].drugs


def test_options_take_a_history_file_from_the_module_and_the_graph(kg) -> None:
    """mmkg.options(kg, "history.yaml", …) raised AttributeError while kg.options("history.yaml", …) worked."""
    by_module = mmkg.options(kg, EXAMPLE_HISTORY, region="EU", as_of="2025-06-01")
    by_graph = kg.options(str(EXAMPLE_HISTORY), region="EU", as_of="2025-06-01")
    assert [(o.label, o.status) for o in by_module.options] == [(o.label, o.status) for o in by_graph.options]
    assert by_module.patient["prior_lines"] == 3


def test_xref_of_a_regimen_lists_its_components_identifiers(cli) -> None:
    """`mmkg xref DaraVRd` returned 0 rows with exit 0."""
    result = cli("xref", "DaraVRd", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "via,scheme,identifier,match,iri,sources"
    for component, identifier in (
        ("lenalidomide", "DB00480"),
        ("bortezomib", "DB00188"),
        ("daratumumab", "DB09331"),
        ("dexamethasone", "DB01234"),
    ):
        assert any(line.startswith(f"{component},") and identifier in line for line in lines), component


def test_xref_of_a_class_lists_its_own_alignments_and_its_members(kg) -> None:
    found = kg.xrefs("proteasome inhibitor")
    own = [x for x in found if x["via"] is None]
    assert {x["identifier"] for x in own} >= {"L01XG"}
    assert {kg.label(x["via"]) for x in found if x["via"]} == {"bortezomib", "carfilzomib", "ixazomib"}


def test_xref_of_an_entity_without_identifiers_is_an_error(cli) -> None:
    result = cli("xref", "arm:IKEMA-IsaKd")
    assert isinstance(result.exception, InputError) and "has no cross-references" in str(result.exception)
