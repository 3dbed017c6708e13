"""The build: reproducible, atomic, and failing loudly on broken input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mmkg import resources
from mmkg.build import RELEASE_FILES, build, input_digests, materialise
from mmkg.errors import BuildFailed, InputError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "release"
    build(out=out)
    return out


@pytest.mark.slow
def test_two_builds_are_byte_identical(fresh_release: Path, tmp_path: Path) -> None:
    build(out=tmp_path / "again")
    for name in RELEASE_FILES:
        assert (tmp_path / "again" / name).read_bytes() == (fresh_release / name).read_bytes(), name


def test_shipped_release_was_built_from_todays_sources() -> None:
    recorded = json.loads((resources.release_dir() / "build-report.json").read_text(encoding="utf-8"))["inputs"]
    today = input_digests()
    changed = sorted(name for name in recorded.keys() | today.keys() if recorded.get(name) != today.get(name))
    assert changed == [], f"release/ is stale ({', '.join(changed[:5])} changed): run `mmkg build` and commit release/"


# a full build (the code's part of the release included): CI runs it
@pytest.mark.slow
def test_shipped_release_is_up_to_date(fresh_release: Path) -> None:
    stale = [n for n in RELEASE_FILES if (fresh_release / n).read_bytes() != (resources.release_dir() / n).read_bytes()]
    assert stale == [], "release/ is stale: run `mmkg build` and commit release/"


def _copy_ontology(tmp_path: Path) -> Path:
    copy = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), copy)
    return copy


def test_typo_in_turtle_names_file_and_line(tmp_path: Path) -> None:
    ontology = _copy_ontology(tmp_path)
    drugs = ontology / "kb" / "drugs.ttl"
    lines = drugs.read_text(encoding="utf-8").splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith("drug:lenalidomide"))
    lines[where + 1] = lines[where + 1].replace("rdfs:label", "rdfz:label")
    drugs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        materialise(ontology=ontology)
    message = str(error.value)
    assert "drugs.ttl" in message and f"line {where + 2}" in message
    assert "\n" not in message


@pytest.mark.slow
def test_violating_triple_names_focus_node_and_shape(tmp_path: Path) -> None:
    ontology = _copy_ontology(tmp_path)
    with open(ontology / "kb" / "drugs.ttl", "a", encoding="utf-8") as handle:
        handle.write("\ndrug:teclistamab mmkg:hasModality modality:small-molecule .\n")
    with pytest.raises(BuildFailed) as error:
        materialise(ontology=ontology)
    assert any("drug:teclistamab" in line and "[shape shape:DrugShape]" in line for line in error.value.details)


@pytest.mark.slow
def test_inconsistent_ontology_fails_the_build() -> None:
    with pytest.raises(BuildFailed, match="inconsistent"):
        materialise(extra_files=[FIXTURES / "inconsistent.ttl"])


def test_failed_build_leaves_the_release_untouched(tmp_path: Path) -> None:
    out = tmp_path / "release"
    shutil.copytree(resources.release_dir(), out)
    before = {n: (out / n).read_bytes() for n in RELEASE_FILES}
    ontology = _copy_ontology(tmp_path)
    (ontology / "kb" / "broken.ttl").write_text("drug:x a .\n", encoding="utf-8")
    with pytest.raises(InputError):
        build(out=out, ontology=ontology)
    assert {n: (out / n).read_bytes() for n in RELEASE_FILES} == before
