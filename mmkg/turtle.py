"""Reading Turtle into triples, with errors that name the file and line.

Used by the build (the curated sources) and by the sequencing engine (histories
given as Turtle).

Blank nodes are relabelled in order of first appearance (files in sorted order,
triples in document order), so the same sources always give the same triples —
the basis of byte-identical builds.

>>> import pyoxigraph as ox
>>> triples = parse_turtle(b'@prefix ex: <http://example.org/> . ex:a ex:b [ ex:c 1 ] .', name="inline")
>>> sorted(str(t) for t in triples)[0]
'<http://example.org/a> <http://example.org/b> _:b0'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError


class BlankNodeLabeller:
    """Gives blank nodes stable labels (``b0``, ``b1``, …) in order of first appearance."""

    def __init__(self) -> None:
        self._labels: dict[str, ox.BlankNode] = {}

    def __call__(self, node: ox.BlankNode) -> ox.BlankNode:
        label = self._labels.get(node.value)
        if label is None:
            label = ox.BlankNode(f"b{len(self._labels)}")
            self._labels[node.value] = label
        return label

    def triple(self, triple: ox.Triple) -> ox.Triple:
        s, p, o = triple.subject, triple.predicate, triple.object
        if isinstance(s, ox.BlankNode):
            s = self(s)
        if isinstance(o, ox.BlankNode):
            o = self(o)
        return ox.Triple(s, p, o)


def parse_turtle(data: bytes, *, name: str, labeller: BlankNodeLabeller | None = None) -> list[ox.Triple]:
    """Parse Turtle ``data``; a syntax error becomes one line naming ``name`` and the line."""
    labeller = labeller or BlankNodeLabeller()
    try:
        return [labeller.triple(q.triple) for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    except SyntaxError as error:
        message = str(error).replace("Parser error ", "").strip()
        raise InputError(f"{name}: broken Turtle: {message}") from None


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_turtle_files(paths: Sequence[Path], *, labeller: BlankNodeLabeller | None = None) -> list[ox.Triple]:
    """All triples of ``paths`` (read in the order given), with stable blank-node labels."""
    labeller = labeller or BlankNodeLabeller()
    triples: list[ox.Triple] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{display_path(path)}: cannot read: {error.strerror}") from None
        triples.extend(parse_turtle(data, name=display_path(path), labeller=labeller))
    return triples


def to_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Canonical N-Triples, one line per distinct triple, sorted."""
    lines = sorted({f"{t} .\n" for t in triples})
    return "".join(lines).encode("utf-8")
