"""The sequencing engine: a patient's history in, the options that remain open out, with reasons.

- :mod:`.history` reads and checks a history (YAML, JSON, Turtle or the CLI's quick form);
- :mod:`.states` derives the patient's exposure and refractoriness states closed-world from
  the ontology's own definitions and rules;
- :mod:`.options` reads the graph's indications, approvals, recommendations and evidence
  and gives every option in force a status with its reasons.

Information with its evidence; not medical advice.
"""

from .history import History, HistoryError, Line, history_from_rdf, history_from_shortcuts, parse_history, read_history
from .options import REGIONS, Option, OptionsReport, Reason, options
from .states import PatientState, derive_state

__all__ = [
    "REGIONS",
    "History",
    "HistoryError",
    "Line",
    "Option",
    "OptionsReport",
    "PatientState",
    "Reason",
    "derive_state",
    "history_from_rdf",
    "history_from_shortcuts",
    "options",
    "parse_history",
    "read_history",
]
