"""The SSSOM export of the cross-references is valid, and the shipped file is up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mmkg.build.sssom import MAPPING_SET_ID, default_path, export_sssom, render
from mmkg.resources import ontology_dir


@pytest.mark.slow  # sssom-py and pandas: another tool reads the file
def test_sssom_export_validates_with_the_sssom_package(kg, tmp_path: Path) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import DEFAULT_VALIDATION_TYPES, validate

    path = export_sssom(kg, tmp_path / "mmkg.sssom.tsv")
    msdf = parse_sssom_table(path)
    reports = validate(msdf, validation_types=DEFAULT_VALIDATION_TYPES, fail_on_error=False)
    for kind, report in reports.items():
        assert not report.results, f"{kind}: {report.results}"
    assert msdf.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert msdf.metadata["mapping_set_id"] == MAPPING_SET_ID
    rows = msdf.df
    assert set(rows["mapping_justification"]) == {"semapv:ManualMappingCuration"}
    lenalidomide = rows[(rows["subject_id"] == "drug:lenalidomide") & (rows["object_id"] == "chebi:63791")]
    assert list(lenalidomide["predicate_id"]) == ["skos:exactMatch"]
    assert "https://w3id.org/mmkg/reference/everycure-matrix-drug-list" in str(lenalidomide["see_also"].iloc[0])


def test_sssom_curie_map_comes_from_the_project_prefix_map(kg) -> None:
    with open(ontology_dir() / "prefixes.json", encoding="utf-8") as handle:
        prefixes = json.load(handle)
    header = [line[2:] for line in render(kg).splitlines() if line.startswith("#   ")]
    for line in header:
        prefix, namespace = line.strip().split(": ", 1)
        if prefix != "sssom":
            assert prefixes[prefix] == json.loads(namespace), prefix


def test_absent_identifiers_are_exported_as_no_term_found(kg) -> None:
    lines = render(kg).splitlines()
    iberdomide_atc = [
        line
        for line in lines
        if line.startswith("drug:iberdomide\t") and "sssom:NoTermFound" in line and "/registry/atc\t" in line
    ]
    assert len(iberdomide_atc) == 1
    assert "not assigned" in iberdomide_atc[0]


def test_shipped_sssom_file_matches_the_graph(kg) -> None:
    shipped = default_path().read_text(encoding="utf-8")
    assert shipped == render(kg), (
        "ontology/mappings/mmkg.sssom.tsv is stale: run `python -m mmkg.build.sssom` after `mmkg build`"
    )
