"""The released OWL is what it says: the base is OWL 2 EL, the full release OWL 2 DL, and HermiT classifies it.

Checked with other people's tools, not mmkg's: the OWL API's profile checkers
(``java/ProfileCheck.java``) and HermiT's own command line, both from the HermiT jar
that owlready2 ships, with no flag that ignores unsupported datatypes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import owlready2
import pytest

from mmkg import resources
from mmkg.turtle import read_turtle_files

HERMIT = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
RELEASE = resources.release_dir()
OWL = "http://www.w3.org/2002/07/owl#"

pytestmark = pytest.mark.skipif(
    shutil.which("javac") is None and not os.environ.get("CI"),
    reason="needs a JDK (javac) for the OWL API profile checker",
)


@pytest.fixture(scope="module")
def profile_check(tmp_path_factory: pytest.TempPathFactory):
    classes = tmp_path_factory.mktemp("profile-check")
    source = Path(__file__).parent / "java" / "ProfileCheck.java"
    subprocess.run(["javac", "-cp", str(HERMIT), "-d", str(classes), str(source)], check=True)

    def run(profile: str, owl_file: Path) -> list[str]:
        done = subprocess.run(
            ["java", "-cp", f"{HERMIT}:{classes}", "ProfileCheck", profile, str(owl_file)],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        assert done.stderr.strip().endswith("violations"), done.stderr
        return done.stdout.splitlines()

    return run


@pytest.mark.slow  # compiles and runs the OWL API checker (Java)
def test_base_ontology_is_owl2_el(profile_check) -> None:
    assert profile_check("EL", RELEASE / "mmkg-base.owl") == []


@pytest.mark.slow  # compiles and runs the OWL API checker (Java)
def test_full_release_is_owl2_dl(profile_check) -> None:
    assert profile_check("DL", RELEASE / "mmkg.owl") == []


@pytest.mark.slow  # compiles and runs the OWL API checker (Java)
def test_base_leaves_owl2_rl_only_for_defined_classes(profile_check) -> None:
    # A regimen containing a proteasome inhibitor *is* a PI-containing regimen, a patient
    # refractory to lenalidomide *is* lenalidomide-refractory: existentials on the defining
    # side of an equivalence, which RL cannot state. Every other axiom of the TBox is RL.
    violations = profile_check("RL", RELEASE / "mmkg-base.owl")
    assert violations, "the RL check found nothing: is it still checking?"
    defined = re.compile(
        r"Use of non-equivalent class expression in position that requires an equivalent class expression: "
        r"ObjectIntersectionOf\(<https://w3id.org/mmkg/ontology/(Regimen|Patient|Drug)> ObjectSomeValuesFrom"
    )
    assert [v for v in violations if not defined.match(v)] == []


def test_release_ontology_and_version_iris_follow_obo_naming() -> None:
    full = (RELEASE / "mmkg.owl").read_text(encoding="utf-8")
    base = (RELEASE / "mmkg-base.owl").read_text(encoding="utf-8")
    tbox = read_turtle_files([resources.ontology_dir() / "mmkg.ttl"])
    version = next(t.object.value for t in tbox if t.predicate.value == OWL + "versionInfo")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", version)
    assert 'rdf:about="https://w3id.org/mmkg/mmkg.owl"' in full
    assert f'rdf:resource="https://w3id.org/mmkg/releases/{version}/mmkg.owl"' in full
    assert 'rdf:about="https://w3id.org/mmkg/mmkg-base.owl"' in base
    assert f'rdf:resource="https://w3id.org/mmkg/releases/{version}/mmkg-base.owl"' in base
    # the base carries the TBox only: defined classes name lenalidomide, but no drug, trial,
    # regimen or approval is described there
    described = re.compile(r'rdf:about="https://w3id.org/mmkg/(drug|trial|regimen|approval)/')
    assert not described.search(base)
    assert described.search(full)


@pytest.mark.slow
def test_hermit_classifies_the_full_release_with_no_ignore_flag(tmp_path: Path) -> None:
    out = tmp_path / "classified.txt"
    done = subprocess.run(
        [
            "java",
            "-Xmx2g",
            "-cp",
            str(HERMIT),
            "org.semanticweb.HermiT.cli.CommandLine",
            "-c",
            "-o",
            str(out),
            (RELEASE / "mmkg.owl").resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    hierarchy = out.read_text(encoding="utf-8")
    # penta-drug refractory disease is triple-class refractory, which is PI-refractory
    assert (
        "SubClassOf( <https://w3id.org/mmkg/ontology/PentaDrugRefractory> "
        "<https://w3id.org/mmkg/ontology/TripleClassRefractory> )" in hierarchy
    )
