"""mmkg: a knowledge graph of multiple myeloma therapies — ontology, evidence, approvals.

Information with its evidence; not medical advice.

>>> import mmkg
>>> kg = mmkg.load()
>>> kg.resolve("DaraVRd")
'https://w3id.org/mmkg/regimen/DaraVRd'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import BuildFailed, InputError, MmkgError

if TYPE_CHECKING:
    from . import build
    from .build import BuildReport
    from .graph import KnowledgeGraph, load
    from .queries import NamedQuery, catalogue
    from .sequencing import (
        History,
        HistoryError,
        Option,
        OptionsReport,
        PatientState,
        derive_state,
        generate_cohort,
        history_from_shortcuts,
        options_for_cohort,
        parse_history,
        read_history,
    )
    from .sequencing.options import options
    from .store import Store

# The public API, imported on first use: a command that only queries the graph does not
# pay for the sequencing engine, networkx or the build (which needs the [build] extras).
_LAZY = {
    "BuildReport": ".build",
    "History": ".sequencing",
    "HistoryError": ".sequencing",
    "KnowledgeGraph": ".graph",
    "NamedQuery": ".queries",
    "Option": ".sequencing",
    "OptionsReport": ".sequencing",
    "PatientState": ".sequencing",
    "Store": ".store",
    "catalogue": ".queries",
    "derive_state": ".sequencing",
    "generate_cohort": ".sequencing",
    "history_from_shortcuts": ".sequencing",
    "load": ".graph",
    "options": ".sequencing.options",
    "options_for_cohort": ".sequencing",
    "parse_history": ".sequencing",
    "read_history": ".sequencing",
}


def __getattr__(name: str) -> Any:
    if name == "build":
        return importlib.import_module(".build", __name__)
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mmkg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "generate_cohort",
    "history_from_shortcuts",
    "load",
    "options",
    "options_for_cohort",
    "parse_history",
    "read_history",
]
