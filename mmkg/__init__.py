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
from .graph import KnowledgeGraph, load
from .queries import NamedQuery, catalogue
from .sequencing import (
    History,
    HistoryError,
    Option,
    OptionsReport,
    PatientState,
    derive_state,
    history_from_shortcuts,
    options,
    parse_history,
    read_history,
)
from .store import Store


def __getattr__(name: str) -> Any:
    # The build needs the optional [build] dependencies (rdflib, pyshacl, owlready2);
    # querying the shipped release does not, so they are imported on first use.
    if name == "BuildReport":
        from .build import BuildReport

        return BuildReport
    if name == "build":
        import importlib

        return importlib.import_module(".build", __name__)
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
    "Store",
    "build",
    "catalogue",
    "derive_state",
    "history_from_shortcuts",
    "load",
    "options",
    "parse_history",
    "read_history",
]
