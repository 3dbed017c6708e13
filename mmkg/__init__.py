"""mmkg: a knowledge graph of multiple myeloma therapies — ontology, evidence, approvals.

Information with its evidence; not medical advice.

>>> import mmkg
>>> kg = mmkg.load()
>>> kg.resolve("DaraVRd")
'https://w3id.org/mmkg/regimen/DaraVRd'
>>> kg.frame("hazard-ratios", population="lenalidomide-refractory")[["trial_label", "estimate"]].head(2)
   trial_label  estimate
0  CARTITUDE-4      0.26
1  CARTITUDE-4      0.29
>>> kg.drug("Darzalex").targets
(Link('target:CD38', 'CD38'),)

Tables as DataFrames need the ``[frames]`` extra, pictures (:mod:`mmkg.plots`, imported on
first use) the ``[plots]`` extra; importing mmkg imports neither pandas nor matplotlib.
"""

from __future__ import annotations

from typing import Any

from .errors import BuildFailed, InputError, MmkgError
from .frames import Table
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
from .views import Approval, Drug, Link, Regimen, Trial


def __getattr__(name: str) -> Any:
    # The build needs the optional [build] dependencies (rdflib, pyshacl, owlready2);
    # querying the shipped release does not, so they are imported on first use.
    if name == "BuildReport":
        from .build import BuildReport

        return BuildReport
    if name in ("build", "plots"):  # the [build] and [plots] extras, imported on first use
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'mmkg' has no attribute {name!r}")


__all__ = [
    "Approval",
    "BuildFailed",
    "BuildReport",
    "Drug",
    "History",
    "HistoryError",
    "InputError",
    "KnowledgeGraph",
    "Link",
    "MmkgError",
    "NamedQuery",
    "Option",
    "OptionsReport",
    "PatientState",
    "Regimen",
    "Store",
    "Table",
    "Trial",
    "build",
    "catalogue",
    "derive_state",
    "history_from_shortcuts",
    "load",
    "options",
    "parse_history",
    "plots",
    "read_history",
]
