"""The four pictures: drawn from the graph's data, labelled with it, as SVG (text kept as text) or PNG.

Each picture's labels are compared with what the graph answers (the named queries, the
options engine), and a fact added to a copy of the graph appears in the picture: nothing
drawn is typed in the code.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import mmkg
from mmkg import plots
from mmkg.errors import InputError

EXAMPLE_HISTORY = Path(__file__).parents[2] / "examples" / "patient-history.yaml"
AS_OF = dt.date(2025, 6, 1)


def texts(path: Path) -> str:
    """The SVG's text, one string (matplotlib writes each label as a <text> element)."""
    found = re.findall(r"<text[^>]*>(.*?)</text>", path.read_text(encoding="utf-8"), flags=re.S)
    return "\n".join(html.unescape(t) for t in found)


@pytest.fixture(scope="module")
def pictures(kg, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pictures")
    out = {name: folder / f"{name}.svg" for name in ("forest", "timeline", "options", "lattice")}
    plots.forest(kg, endpoint="PFS", population="lenalidomide-refractory", output=out["forest"])
    plots.timeline(kg, "Blenrep", as_of=AS_OF, output=out["timeline"])
    plots.options_map(kg, EXAMPLE_HISTORY, region="EU", as_of=AS_OF, output=out["options"])
    plots.lattice(kg, output=out["lattice"])
    return out


def test_forest_plot_shows_every_hazard_ratio_with_trial_comparison_and_population(kg, pictures) -> None:
    text = texts(pictures["forest"])
    rows = kg.run("hazard-ratios", population="lenalidomide-refractory")
    assert len(rows) == 5
    for row in rows:
        assert f"{row['trial_label']}: " in text
        assert row["arm_label"].split(": ", 1)[-1] in text and row["versus_arm_label"].split(": ", 1)[-1] in text
        assert f"{row['estimate']:g}" in text
    assert "lenalidomide-refractory subgroup" in text and "intention-to-treat population" in text
    assert "Progression-free survival: hazard ratio" in text
    assert "1 = no difference between the arms" in text and "log scale" in text
    assert "Source: mmkg" in text and "not head-to-head" in text


def test_timeline_shows_every_regulatory_event_per_agency(kg, pictures) -> None:
    text = texts(pictures["timeline"])
    for agency in ("FDA — ", "EC — ", "EMA-CHMP — ", "AIFA — "):
        assert agency in text
    for row in kg.run("approvals", product="Blenrep"):
        day = str(row["date"])
        assert day in text, row["event"]
    assert "withdrawal" in text and "non-renewal" in text and "negative CHMP opinion" in text
    assert "BVd · RRMM · ≥2\u00a0prior\u00a0lines" in text  # the FDA's BVd indication (re-approval, 2025)
    assert "indication in force" in text and "Source: mmkg" in text


def test_options_map_shows_prior_lines_states_and_every_option_with_its_status(kg, pictures) -> None:
    text = texts(pictures["options"])
    report = mmkg.options(kg, EXAMPLE_HISTORY, region="EU", as_of=AS_OF)
    for option in report.options:
        assert option.label in text
    for status in ("open", "caution", "closed"):
        assert f"{status} ({len(report.by_status(status))})" in text
    assert f"{len(report.not_curated)} more not curated here" in text and report.not_curated
    assert "Line 1 (2020-03-02 – 2022-04-11)" in text and "refractory to lenalidomide" in text
    assert "lenalidomide-refractory" in text  # a derived state, by its label
    assert "not medical advice" in text


def test_lattice_shows_every_drug_by_target_and_modality(kg, pictures) -> None:
    text = texts(pictures["lattice"])
    for row in kg.select("SELECT ?label WHERE { ?d a mmkg:Drug ; rdfs:label ?label }"):
        assert str(row["label"]) in text
    for label in (
        "BCMA-targeted antibody-drug conjugate",
        "anti-CD38 monoclonal antibody",
        "bispecific T-cell engager",
    ):
        assert label in text


def test_a_fact_added_to_the_graph_appears_in_the_forest_plot(tmp_path) -> None:
    kg = mmkg.load()
    m, e = "https://w3id.org/mmkg/ontology/", "https://w3id.org/mmkg/"
    rdf_type, label = (
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    )
    result, trial, arm = (
        ox.NamedNode(e + "result/fixture-hr"),
        ox.NamedNode(e + "trial/fixture"),
        ox.NamedNode(e + "arm/fixture"),
    )
    population = ox.NamedNode(e + "population/fixture")
    for s, p, o in [
        (result, rdf_type, ox.NamedNode(m + "Result")),
        (result, ox.NamedNode(m + "endpoint"), ox.NamedNode(e + "endpoint/PFS")),
        (result, ox.NamedNode(m + "statistic"), ox.NamedNode(e + "statistic/hazard-ratio")),
        (result, ox.NamedNode(m + "ofTrial"), trial),
        (result, ox.NamedNode(m + "forArm"), arm),
        (result, ox.NamedNode(m + "inPopulation"), population),
        (
            result,
            ox.NamedNode(m + "estimate"),
            ox.Literal("0.123", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ),
        (population, ox.NamedNode(m + "requiresRefractorinessTo"), ox.NamedNode(e + "drug/lenalidomide")),
        (trial, label, ox.Literal("FIXTURE-TRIAL")),
        (arm, label, ox.Literal("FIXTURE-TRIAL: fixture arm")),
        (population, label, ox.Literal("fixture population")),
    ]:
        kg.store.add(ox.Quad(s, p, o))
    path = plots.forest(kg, endpoint="PFS", population="lenalidomide-refractory", output=tmp_path / "f.svg")
    assert path is not None
    text = texts(tmp_path / "f.svg")
    assert "FIXTURE-TRIAL: fixture arm vs no control arm recorded" in text and "0.123" in text


def test_forest_plot_says_a_p_values_sidedness_where_the_source_gives_it(kg, tmp_path) -> None:
    plots.forest(kg, endpoint="OS", trial="IKEMA", output=tmp_path / "ikema-os.svg")
    assert "p=0.184 (one-sided)" in texts(tmp_path / "ikema-os.svg")


@pytest.mark.slow  # three figures drawn, one of them twice
def test_png_by_extension_and_svg_reproducible(kg, tmp_path) -> None:
    plots.lattice(kg, output=tmp_path / "a.png")
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plots.forest(kg, trial="IKEMA", output=tmp_path / "b.svg")
    plots.forest(kg, trial="IKEMA", output=tmp_path / "c.svg")
    assert (tmp_path / "b.svg").read_bytes() == (tmp_path / "c.svg").read_bytes()
    with pytest.raises(InputError, match="extension"):
        plots.lattice(kg, output=tmp_path / "a.pdf")
    with pytest.raises(InputError, match="no result with an estimate"):
        plots.forest(kg, population="anti-CD38-refractory")


def test_plot_commands_as_the_issue_words_them(tmp_path, cli, run_mmkg) -> None:
    forest, options = tmp_path / "forest.svg", tmp_path / "options.svg"
    result = cli(
        "plot",
        "forest",
        "--param",
        "endpoint=PFS",
        "--param",
        "population=lenalidomide-refractory",
        "--output",
        str(forest),
    )
    assert result.exit_code == 0, result.output
    assert "CASTOR: DVd vs Vd" in texts(forest)
    result = cli(
        "plot",
        "options",
        "--history",
        str(EXAMPLE_HISTORY),
        "--region",
        "IT",
        "--as-of",
        "2025-06-01",
        "-o",
        str(options),
    )
    assert result.exit_code == 0 and "not-curated (" in texts(options)  # Italy: AIFA's decisions not all curated
    unknown = run_mmkg("plot", "timeline", "Blenrepp", "-o", str(tmp_path / "t.svg"))
    assert (
        unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1 and "did you mean" in unknown.stderr
    )
    assert not (tmp_path / "t.svg").exists()
