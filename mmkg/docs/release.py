"""What the build adds to a release about the release itself: the model page and the VoID file.

``release/model.html`` documents the model (:mod:`mmkg.docs.model`) and ``release/void.ttl``
describes the dataset (:mod:`mmkg.docs.void`). Both are generated from the release's own
triples, and both are byte-identical for identical triples.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..store import Store
from .model import model_page
from .void import void_turtle

FILES = ("model.html", "void.ttl")


def files(triples: list[ox.Triple]) -> dict[str, bytes]:
    """``model.html`` and ``void.ttl`` for the release ``triples``, by name."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    described = Store(store)
    return {"model.html": model_page(described).encode("utf-8"), "void.ttl": void_turtle(described)}


__all__ = ["FILES", "files"]
