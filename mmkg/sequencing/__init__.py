"""The sequencing engine: a patient's history in, the options that remain open out, with reasons.

- :mod:`.history` reads and checks a history (YAML, JSON, Turtle or the CLI's quick form);
- :mod:`.states` derives the patient's exposure and refractoriness states closed-world from
  the ontology's own definitions and rules;
- :mod:`.options` reads the graph's indications, approvals, recommendations and evidence
  and gives every option in force a status with its reasons;
- :mod:`.cohort` answers whole cohorts (every patient, at every relapse) with the same rules;
- :mod:`.generator` makes seeded synthetic histories for benchmarks and tests.

Information with its evidence; not medical advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .cohort import EACH_RELAPSE, CohortRow, options_for_cohort
    from .generator import generate_cohort
    from .history import (
        History,
        HistoryError,
        Line,
        history_from_rdf,
        history_from_shortcuts,
        parse_history,
        read_history,
    )
    from .options import REGIONS, Option, OptionsReport, Reason, options
    from .states import PatientState, derive_state

# imported on first use, so that `mmkg query` does not pay for the engine (its knowledge, YAML, the rules).
# `options` is both a submodule and its function: the module is callable (see .options), so
# `from mmkg.sequencing import options` works whichever of the two Python binds first.
_LAZY = {
    "REGIONS": ".options",
    "Option": ".options",
    "OptionsReport": ".options",
    "Reason": ".options",
    "options": ".options",
    "PatientState": ".states",
    "derive_state": ".states",
    "EACH_RELAPSE": ".cohort",
    "CohortRow": ".cohort",
    "options_for_cohort": ".cohort",
    "generate_cohort": ".generator",
    "History": ".history",
    "HistoryError": ".history",
    "Line": ".history",
    "history_from_rdf": ".history",
    "history_from_shortcuts": ".history",
    "parse_history": ".history",
    "read_history": ".history",
}


__getattr__ = lazy_attributes(__name__, globals(), _LAZY)


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "EACH_RELAPSE",
    "REGIONS",
    "CohortRow",
    "History",
    "HistoryError",
    "Line",
    "Option",
    "OptionsReport",
    "PatientState",
    "Reason",
    "derive_state",
    "generate_cohort",
    "history_from_rdf",
    "history_from_shortcuts",
    "options",
    "options_for_cohort",
    "parse_history",
    "read_history",
]
