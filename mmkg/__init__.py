"""mmkg: a knowledge graph of multiple myeloma therapies — ontology, evidence, approvals.

Information with its evidence; not medical advice.

>>> import mmkg
>>> kg = mmkg.load()
>>> kg.resolve("DaraVRd")
'https://w3id.org/mmkg/regimen/DaraVRd'
"""

from __future__ import annotations

from typing import Any

from .errors import BuildFailed, InputError, MmkgError
from .history import History, HistoryError, history_from_shortcuts, parse_history, read_history
from .options import Option, OptionsReport, options
from .queries import NamedQuery, catalogue
from .states import PatientState, derive_state
from .store import KnowledgeGraph, load

_BUILD_NAMES = ("BuildReport", "build")


def __getattr__(name: str) -> Any:
    # The build needs the optional [build] dependencies (rdflib, pyshacl, owlready2);
    # querying the shipped release does not, so they are imported on first use.
    if name in _BUILD_NAMES:
        from . import release

        return getattr(release, name)
    raise AttributeError(f"module 'mmkg' has no attribute {name!r}")


__all__ = [
    "BuildFailed",
    "BuildReport",
    "History",
    "HistoryError",
    "InputError",
    "KnowledgeGraph",
    "MmkgError",
    "NamedQuery",
    "Option",
    "OptionsReport",
    "PatientState",
    "build",
    "catalogue",
    "derive_state",
    "history_from_shortcuts",
    "load",
    "options",
    "parse_history",
    "read_history",
]
