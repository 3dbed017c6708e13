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

from typing import TYPE_CHECKING

from ._lazy import lazy_attributes
from .errors import BuildFailed, InputError, MmkgError

if TYPE_CHECKING:
    from . import build
    from .build import BuildReport
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
        generate_cohort,
        history_from_shortcuts,
        options_for_cohort,
        parse_history,
        read_history,
    )
    from .sequencing.options import options
    from .store import Store
    from .views import Approval, Drug, Link, Regimen, Trial

# The public API, imported on first use: a command that only queries the graph does not
# pay for the sequencing engine, networkx or the build (which needs the [build] extras).
_LAZY = {
    "Approval": ".views",
    "Drug": ".views",
    "Link": ".views",
    "Regimen": ".views",
    "Table": ".frames",
    "Trial": ".views",
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


# the [build] and [plots] extras, imported on first use
__getattr__ = lazy_attributes(__name__, globals(), _LAZY, submodules=("build", "plots"))


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "generate_cohort",
    "history_from_shortcuts",
    "load",
    "options",
    "options_for_cohort",
    "parse_history",
    "plots",
    "read_history",
]
