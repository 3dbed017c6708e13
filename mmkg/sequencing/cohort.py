"""Whole cohorts: the options of every patient, on one day or at every relapse, as rows.

The single-patient engine (:mod:`.options`) answers one history at a time. A cohort
repeats the same work for every patient — the same approvals in force, the same
indications checked against the same few exposure profiles — so this engine does it
once and shares it:

- the days on which anything a region's answer depends on changes (an approval comes
  into or out of force, an AIFA decision, a curation record's check) cut time into
  *epochs*; the options in force, their indications and their Italian status are
  compiled once per epoch;
- whether a patient meets an indication depends only on the prior lines, how the last
  line ended and the exposures and refractoriness to the drugs the indication names,
  so each indication is checked once per distinct profile of that kind;
- what is left per patient — refractoriness to a component, a one-course product
  given, an earlier therapy of the same target — is a few set look-ups.

Rows are streamed: memory does not grow with the number of patients (the shared
answers are bounded). ``tests/sequencing/test_cohort.py`` checks that every row is the
single-patient engine's answer. Information with its evidence; not medical advice.

>>> import mmkg
>>> kg = mmkg.load()
>>> history = {"id": "p1", "lines": [{"regimen": "VRd", "start": "2019-01-07", "progression": "on-therapy"},
...                                  {"regimen": "Kd", "start": "2021-03-01"}]}
>>> rows = list(options_for_cohort(kg, [history], region="EU", as_of=EACH_RELAPSE))
>>> {(row.relapse, str(row.day)) for row in rows}
{(1, '2021-03-01')}
>>> next(row.status for row in rows if row.label == "Kd")
'open'
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import InputError
from ..store import Store
from .history import History, parse_history
from .knowledge import AGENCY_OF_REGION, AIFA, Approval, Criteria, Knowledge, knowledge
from .options import (
    REGIONS,
    STATUS_ORDER,
    Reason,
    answer_day,
    component_reasons,
    criteria_reasons,
    evidence_after,
    in_force,
    indication_reasons,
    italy_status,
    line_labeller,
    new_option,
    targeted_priors,
)
from .states import PatientState, exposure_state

EACH_RELAPSE = "each relapse"
COLUMNS = ("patient", "relapse", "day", "option", "label", "kind", "status", "reasons")
# bounds on what is shared between patients, so that memory stays flat however long the cohort
_MAX_SHARED = 200_000


class CohortRow(NamedTuple):
    """One option of one patient at one relapse (``relapse``: the prior lines the answer counts).

    ``reasons`` are ordered worst first, as ``mmkg options --format json`` gives them.
    """

    patient: str
    relapse: int
    day: dt.date
    option: str
    label: str
    kind: str
    status: str
    reasons: tuple[Reason, ...]


class RelapseError(InputError):
    """A history that cannot be answered at each relapse: a line after the first has no start date."""


@dataclass(frozen=True)
class _Indication:
    approval: Approval
    criteria: Criteria
    where: str
    italy: tuple[str, str] | None  # fixed over the epoch, or None outside Italy
    italy_by_day: bool  # the Italian text names the day


@dataclass(frozen=True)
class _Planned:
    """An option in force during an epoch, with its indications and what of a patient's past they look at."""

    uid: int  # the same option with the same indications (and Italian status) in every epoch it is in
    id: str
    label: str
    sort_label: str
    kind: str
    regimen: str
    indications: tuple[_Indication, ...]
    drugs: frozenset[str]  # the drugs whose exposure or refractoriness the indications look at
    shared: bool  # the answer for one patient holds for every patient with the same profile
    components: frozenset[str]
    single_course: frozenset[str]  # components given once (a CAR-T)
    targets: frozenset[str]  # tumour antigens of the components


def _criteria_drugs(k: Knowledge, criteria: Criteria) -> set[str]:
    classes = {
        *criteria.requires_exposure,
        *criteria.requires_refractory,
        *criteria.excludes_exposure,
        *criteria.excludes_refractory,
        *(c.cls for c in criteria.exposure_counts),
        *(c.cls for c in criteria.refractory_counts),
    }
    return {d for d in k.drugs for c in classes if k.member(d, c)} | classes


_Answer = tuple[list[Reason], tuple[Reason, ...], str]  # reasons, worst first, status


class CohortEngine:
    """Answers many histories for one region; build it once, then call :meth:`answer` per history."""

    def __init__(self, kg: Store, *, region: str, as_of: dt.date | str | None = None) -> None:
        if not isinstance(region, str) or region.upper() not in REGIONS:
            raise InputError(f"region must be one of {', '.join(REGIONS)}, got {region!r}")
        self.kg = kg
        self.k = knowledge(kg)
        self.region = region.upper()
        self.each_relapse = _is_each_relapse(as_of)
        self.as_of = None if self.each_relapse else answer_day(as_of, expected=f"YYYY-MM-DD or {EACH_RELAPSE!r}")
        self.boundaries = self._boundaries()
        self._epochs: dict[int, tuple[_Planned, ...]] = {}
        self._uids: dict[Any, int] = {}
        self._drug_sets: dict[frozenset[str], frozenset[str]] = {}
        self._answers: dict[tuple[int, int], _Answer] = {}
        self._profile_ids: dict[Any, int] = {}
        self._component_texts: dict[Any, list[tuple[str, str, int | str]]] = {}

    # --- what does not depend on the patient ---------------------------------------------

    def _boundaries(self) -> list[dt.date]:
        """The days on which the region's options in force, or their status in Italy, may change."""
        k, agency = self.k, AGENCY_OF_REGION[self.region]
        days = set()
        for approval in k.approvals:
            if approval.agency == agency:
                days.add(approval.in_force_from)
                if approval.in_force_until is not None:
                    days.add(approval.in_force_until)
        if self.region == "IT":
            days |= {d.latest for d in k.aifa}
            days |= {
                c.checked_on + dt.timedelta(days=1)
                for (_, agency), c in k.coverage.items()
                if agency == AIFA and c.checked_on
            }
        return sorted(days)

    def _plan(self, day: dt.date) -> tuple[_Planned, ...]:
        epoch = bisect.bisect_right(self.boundaries, day)
        found = self._epochs.get(epoch)
        if found is None:
            found = self._epochs[epoch] = self._compile_plan(day)
        return found

    def _compile_plan(self, day: dt.date) -> tuple[_Planned, ...]:
        k = self.k
        by_regimen: dict[str, list[Approval]] = {}
        for approval in in_force(k, self.region, day):
            by_regimen.setdefault(approval.regimen, []).append(approval)
        planned = []
        for regimen, approvals in sorted(by_regimen.items()):
            option = new_option(k, regimen)
            indications = []
            drugs: set[str] = set()
            for approval in approvals:
                criteria = k.criteria.get(approval.indication, Criteria(approval.indication))
                italy = italy_status(k, approval, day) if self.region == "IT" else None
                by_day = italy is not None and italy[0] == "none"
                indications.append(_Indication(approval, criteria, f"the indication ({approval.label})", italy, by_day))
                drugs |= _criteria_drugs(k, criteria)
            components = frozenset(option.components)
            uid_key = (regimen, tuple((i.approval.iri, i.approval.indication, i.italy) for i in indications))
            planned.append(
                _Planned(
                    uid=self._uids.setdefault(uid_key, len(self._uids)),
                    id=option.id,
                    label=option.label,
                    sort_label=option.label.lower(),
                    kind=option.kind,
                    regimen=regimen,
                    indications=tuple(indications),
                    drugs=self._drug_sets.setdefault(frozenset(drugs), frozenset(drugs)),
                    shared=not any(i.italy_by_day for i in indications),
                    components=components,
                    single_course=frozenset(d for d in components if k.drugs[d].single_course),
                    targets=frozenset(t for d in components for t in k.drugs[d].targets),
                )
            )
        # mmkg.options orders options by status, then label (then regimen, the order they are found in)
        return tuple(sorted(planned, key=lambda p: (p.sort_label, p.regimen)))

    # --- the patient ---------------------------------------------------------------------

    def _indications(self, planned: _Planned, state: PatientState, day: dt.date) -> _Answer:
        """What the option's indications say for this patient."""
        k = self.k
        per_indication = []
        for indication in planned.indications:
            italy = italy_status(k, indication.approval, day) if indication.italy_by_day else indication.italy
            reasons = criteria_reasons(
                k, indication.criteria, state, where=indication.where, node=indication.approval.iri
            )
            per_indication.append((indication.approval, reasons, italy))
        reasons = indication_reasons(per_indication)
        ordered = tuple(sorted(reasons, key=_worst_first))
        return reasons, ordered, ordered[0].status if ordered else "open"

    def _components(
        self,
        planned: _Planned,
        state: PatientState,
        priors: list[str],
        line_iri: str,
        line_label: Callable[[int], str],
    ) -> list[Reason]:
        """The reasons the patient's prior therapies give (:func:`component_reasons`), their texts shared.

        The texts depend on the regimen and on which of its drugs, and of the earlier drugs of
        the same target, the patient had in which line (labelled how); the patient's own
        part is the line's IRI.
        """
        exposed, refractory, drugs = state.exposed, state.refractory, self.k.drugs
        facts = (
            planned.regimen,
            tuple((d, refractory[d], line_label(refractory[d])) for d in planned.components if d in refractory),
            tuple((d, exposed[d]) for d in planned.single_course if d in exposed),
            tuple((p, exposed[p], p in refractory) for p in priors if not planned.targets.isdisjoint(drugs[p].targets)),
        )
        found = self._component_texts.get(facts)
        if found is None:
            if len(self._component_texts) >= _MAX_SHARED:
                self._component_texts.clear()
            reasons = component_reasons(
                self.k,
                planned.regimen,
                state,
                priors,
                line_iri=line_iri,
                line_label=line_label,
                evidence=functools.partial(evidence_after, self.k),
            )
            found = self._component_texts[facts] = [
                (r.status, r.text, int(r.node[len(line_iri) :]) if r.node.startswith(line_iri) else r.node)
                for r in reasons
            ]
        return [
            Reason(status, text, line_iri + str(node) if isinstance(node, int) else node)
            for status, text, node in found
        ]

    def _rows(self, history: History, relapse: int, day: dt.date) -> list[CohortRow]:
        k = self.k
        history = history.until(day)
        state = exposure_state(k, history)
        # drugs standing for classes (the CLI's quick form) make the patient's profile their own
        shared = not history.placeholders
        exposed, refractory = frozenset(state.exposed), frozenset(state.refractory)
        base = (state.prior_lines, state.last_line_course, state.progression_on_last_line)
        priors = targeted_priors(k, state)
        prior_targets = frozenset(t for d in priors for t in k.drugs[d].targets)
        line_iri = f"{history.iri()}/line-"
        line_label = line_labeller(k, history)
        profiles: dict[frozenset[str], int] = {}
        answers, profile_ids = self._answers, self._profile_ids
        patient = history.id
        # the plan is in label order, so rows need only be grouped by status (as mmkg.options sorts them)
        by_status: tuple[list[CohortRow], ...] = ([], [], [], [])
        for planned in self._plan(day):
            if shared and planned.shared:
                profile = profiles.get(planned.drugs)
                if profile is None:
                    drugs = planned.drugs
                    if len(answers) >= _MAX_SHARED:
                        answers.clear()
                        profile_ids.clear()
                    found = (base, exposed & drugs, refractory & drugs)
                    profile = profiles[drugs] = profile_ids.setdefault(found, len(profile_ids))
                key = (planned.uid, profile)
                answer = answers.get(key)
                if answer is None:
                    answer = answers[key] = self._indications(planned, state, day)
            else:
                answer = self._indications(planned, state, day)
            reasons, ordered, status = answer
            if not (
                planned.components.isdisjoint(refractory)
                and planned.single_course.isdisjoint(exposed)
                and planned.targets.isdisjoint(prior_targets)
            ):
                more = self._components(planned, state, priors, line_iri, line_label)
                if more:
                    ordered = tuple(sorted(reasons + more, key=_worst_first))
                    status = ordered[0].status
            by_status[STATUS_ORDER[status]].append(
                CohortRow(patient, relapse, day, planned.id, planned.label, planned.kind, status, ordered)
            )
        return [row for rows in by_status for row in rows]

    def answer(self, history: History) -> Iterator[CohortRow]:
        """The rows of one patient: at ``as_of``, or at the start of every line after the first."""
        if not self.each_relapse:
            day = self.as_of or dt.date.today()
            yield from self._rows(history, len(history.until(day).lines), day)
            return
        for line in history.lines[1:]:
            if line.start is None:
                raise RelapseError(
                    f"patient {history.id}: line {line.number} has no start date; answering at each relapse needs the start of every line after the first"
                )
        for relapse, line in enumerate(history.lines[1:], start=1):
            assert line.start is not None
            before = History(history.id, history.lines[:relapse], history.placeholders, history.assumptions)
            yield from self._rows(before, relapse, line.start)


def _worst_first(reason: Reason) -> int:
    return -STATUS_ORDER[reason.status]


def _is_each_relapse(as_of: Any) -> bool:
    return isinstance(as_of, str) and as_of.strip().lower().replace("-", " ") == EACH_RELAPSE


def options_for_cohort(
    kg: Store,
    histories: Iterable[History | dict[str, Any]],
    *,
    region: str,
    as_of: dt.date | str | None = None,
) -> Iterator[CohortRow]:
    """Every patient's options in ``region``, one row per patient (per relapse) and option, streamed.

    ``histories``: :class:`History` objects or parsed mappings in the ``--history`` form
    (with their ``id``). ``as_of``: a day (default today) or ``"each relapse"``: the day
    each line after the first started, answered with the lines before it. A history
    with problems raises :class:`~mmkg.sequencing.HistoryError` (``mmkg cohort`` reports
    and skips it instead). The rows are those :func:`mmkg.options` gives each patient.
    Information with its evidence; not medical advice.
    """
    engine = CohortEngine(kg, region=region, as_of=as_of)
    for number, history in enumerate(histories, start=1):
        if not isinstance(history, History):
            history = parse_history(history, kg, source=f"history {number}")
        yield from engine.answer(history)


__all__ = ["COLUMNS", "EACH_RELAPSE", "CohortEngine", "CohortRow", "RelapseError", "options_for_cohort"]
