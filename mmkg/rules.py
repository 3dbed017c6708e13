"""Closed-world rules: SPARQL CONSTRUCT queries in ``ontology/rules/`` run after reasoning.

They hold what OWL cannot say correctly without a unique-name assumption
(counting: doublet/triplet, penta-refractory) or with datatypes HermiT does not
support (date bounds). Rules run in file-name order, repeatedly, until no rule
adds a triple.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import BuildFailed
from .turtle import display_path

MAX_ROUNDS = 10


def rule_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.rq")) if directory.is_dir() else []


def apply_rules(store: ox.Store, rules: list[Path], *, prefixes: str = "") -> list[ox.Triple]:
    """Run ``rules`` over ``store`` to a fixpoint, adding their triples; return what they added."""
    added: list[ox.Triple] = []
    texts = [(path, path.read_text(encoding="utf-8")) for path in rules]
    for _ in range(MAX_ROUNDS):
        new: set[ox.Triple] = set()
        for path, text in texts:
            try:
                result = store.query(prefixes + text)
            except SyntaxError as error:
                raise BuildFailed(f"{display_path(path)}: invalid SPARQL rule: {error}") from None
            if not isinstance(result, ox.QueryTriples):
                raise BuildFailed(f"{display_path(path)}: a rule must be a CONSTRUCT query")
            for triple in result:
                if ox.Quad(triple.subject, triple.predicate, triple.object) not in store:
                    new.add(triple)
        if not new:
            return added
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in sorted(new, key=str))
        added.extend(new)
    raise BuildFailed(f"rules did not reach a fixpoint after {MAX_ROUNDS} rounds")
