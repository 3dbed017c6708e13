"""Every kind of node mmkg holds has a shape, and every shape states how grave its findings are."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF, SH

from mmkg import resources
from mmkg.build.validation import load_shapes

MMKG = "https://w3id.org/mmkg/ontology/"


def _shapes() -> rdflib.Graph:
    return load_shapes(resources.shape_files())


def test_every_class_with_instances_is_the_target_of_a_shape(kg) -> None:
    shapes = _shapes()
    targeted = {str(c) for c in shapes.objects(None, SH.targetClass)}
    rows = kg.select(
        """SELECT DISTINCT ?class WHERE { ?x a ?class . FILTER (STRSTARTS(STR(?class), STR(mmkg:)))
           FILTER NOT EXISTS { ?class rdfs:subClassOf* ?shaped . VALUES ?shaped { %s } } }"""
        % " ".join(f"<{c}>" for c in sorted(targeted))
    )
    assert rows == []


def test_patients_and_lines_of_therapy_have_shapes() -> None:
    targeted = {str(c) for c in _shapes().objects(None, SH.targetClass)}
    assert {MMKG + "Patient", MMKG + "LineOfTherapy", MMKG + "TherapyPhase"} <= targeted


def test_every_node_shape_states_its_severity() -> None:
    shapes = _shapes()
    missing = [str(s) for s in shapes.subjects(RDF.type, SH.NodeShape) if shapes.value(s, SH.severity) is None]
    assert missing == []


def test_property_shapes_of_a_warning_shape_are_warnings_too() -> None:
    # SHACL does not pass a node shape's severity to its property shapes: each must say it.
    shapes = _shapes()
    for shape in shapes.subjects(SH.severity, SH.Warning):
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.severity) == SH.Warning, f"{shape}: a property shape left at Violation"


def test_both_warning_and_violation_are_used() -> None:
    assert {str(o) for o in _shapes().objects(None, SH.severity)} >= {str(SH.Violation), str(SH.Warning)}


def test_no_shape_file_is_read_as_data() -> None:
    # `pyshacl -s release/mmkg-shapes.ttl release/mmkg.ttl` is the one documented command:
    # the merged shapes graph holds every shape of every file.
    merged = rdflib.Graph().parse(resources.release_dir() / "mmkg-shapes.ttl")
    assert set(merged.subjects(RDF.type, SH.NodeShape)) == set(_shapes().subjects(RDF.type, SH.NodeShape))


