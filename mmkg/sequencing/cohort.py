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
  so each indication is checked once per distinct profile of that kind — and profiles
  that differ only in which drugs of a class the patient had share one answer (the
  option's *signature*: which classes, and the drugs of a count not reached) — and the
  answers of all the options of an epoch are kept per combination of profiles;
- what the patient's prior therapies add (refractoriness to a component, a one-course
  product given, an earlier therapy of the same target) depends on which of those drugs
  the patient had in which line: an inverted index says which options a drug touches,
  and the finished answers are kept per combination of profiles and such a past;
- at each relapse the exposures grow from the previous relapse's; the full state is
  derived only when an answer is not shared yet.

An answer (:class:`Answer`) is one object for every patient it holds for, and for every
answer that says the same, so that a formatter makes its text once (``mmkg cohort``). Rows are streamed: memory does not grow
with the number of patients (what is shared is bounded). ``workers=N`` answers chunks
of patients in forked processes. ``tests/sequencing/test_cohort.py`` checks that every row
is the single-patient engine's answer. Information with its evidence; not medical advice.

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
import itertools
import multiprocessing
import operator
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import InputError
from ..store import Store
from .history import History, HistoryError, Line, parse_history
from .knowledge import Approval, Criteria, Knowledge, knowledge
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
from .regions import AGENCY_OF_REGION, AIFA
from .states import PatientState, exposure_state, progressed_on

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
    components: tuple[str, ...]
    single_course: tuple[str, ...]  # components given once (a CAR-T)
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


_Part = tuple[str, str, "str | int"]  # (status, text, node); an int node is a line number of the patient


class Answer:
    """What one option says for a patient at one relapse, shared by every patient the same answer holds for.

    ``parts``: the reasons worst first, as (status, text, node); a node that is an ``int`` is
    line ``node`` of the patient (``{patient}/line-{node}``), so that one answer serves every
    patient whose lines say the same. Answers are compared by identity: a formatter may keep
    what it made of one (:mod:`mmkg.cli.cohort` formats each answer once).
    """

    __slots__ = ("_reasons", "_shared", "kind", "label", "local", "option", "parts", "rank", "status", "unsorted")

    def __init__(
        self,
        planned: _Planned,
        unsorted: tuple[_Part, ...],
        reasons: dict[_Part, Reason],
        *,
        local: bool | None = None,
        parts: tuple[_Part, ...] | None = None,
    ) -> None:
        self.option, self.label, self.kind = planned.id, planned.label, planned.kind
        self.unsorted = unsorted  # as found: indications first (what the patient's therapies add is sorted in after)
        self.parts = tuple(sorted(unsorted, key=_worst_first)) if parts is None else parts
        self.status = self.parts[0][0] if self.parts else "open"
        self.rank = STATUS_ORDER[self.status]
        self.local = any(type(part[2]) is int for part in unsorted) if local is None else local
        self._shared = reasons
        self._reasons: tuple[Reason | None, ...] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # to another process without the engine's table of shared reasons (it makes its own)
        state = {name: getattr(self, name) for name in self.__slots__ if name not in ("_reasons", "_shared")}
        return (_unpickled_answer, (state,))

    @property
    def reasons(self) -> tuple[Reason | None, ...]:
        """The reasons that are the same for every patient (None: one made per patient), shared between answers."""
        if self._reasons is None:
            shared = self._shared
            found: list[Reason | None] = []
            for part in self.parts:
                if type(part[2]) is int:
                    found.append(None)
                else:
                    reason = shared.get(part)
                    if reason is None:
                        reason = shared[part] = Reason(*part)  # type: ignore[arg-type]
                    found.append(reason)
            self._reasons = tuple(found)
        return self._reasons

    def reasons_of(self, line_iri: str, made: dict[_Part, Reason]) -> tuple[Reason, ...]:
        """The reasons for the patient whose lines are ``{line_iri}{n}`` (``made``: those already made for them)."""
        if not self.local:
            return self.reasons  # type: ignore[return-value]
        out = []
        for reason, part in zip(self.reasons, self.parts, strict=True):
            if reason is None:
                reason = made.get(part)
                if reason is None:
                    reason = made[part] = Reason(part[0], part[1], f"{line_iri}{part[2]}")
            out.append(reason)
        return tuple(out)


def _unpickled_answer(state: dict[str, Any]) -> Answer:
    answer = Answer.__new__(Answer)
    for name, value in state.items():
        setattr(answer, name, value)
    answer._shared, answer._reasons = {}, None
    return answer


class _Parts:
    """The reasons a patient's prior therapies add to an option (interned: compared by identity)."""

    __slots__ = ("combined", "local", "parts")

    def __init__(self, parts: tuple[_Part, ...]) -> None:
        self.parts = parts
        self.local = any(type(part[2]) is int for part in parts)
        self.combined: dict[Answer, Answer] = {}  # an option's answer from its indications → with these parts


@dataclass(frozen=True)
class _Epoch:
    """The options in force between two boundaries, and which of them a patient's past can change."""

    number: int
    planned: tuple[_Planned, ...]  # in label order
    drug_sets: tuple[frozenset[str], ...]  # the distinct drug sets the shared options' indications look at
    drug_set_of: tuple[int, ...]  # per option: its index in drug_sets, -1 when its answer is not shared
    by_day: bool  # an answer depends on the day itself (Italy: a decision not taken by that day)
    # drug → the options whose answer refractoriness / exposure to it can change (component_reasons)
    when_refractory: dict[str, tuple[int, ...]]
    when_exposed: dict[str, tuple[int, ...]]


class _Vector:
    """The indications' answers of every option of an epoch for one profile, and in row order."""

    __slots__ = ("answers", "ordered")

    def __init__(self, answers: list[Answer]) -> None:
        self.answers = answers
        self.ordered = tuple(sorted(answers, key=_rank))  # stable: label order within each status


class _Relapse:
    """A patient at one relapse: what the shared answers are keyed by, and the full state when one is new."""

    __slots__ = (
        "_by_targets",
        "_refractory_lines",
        "_state",
        "base",
        "carried",
        "day",
        "engine",
        "exposed",
        "first",
        "history",
        "line_iri",
        "refractory",
        "relapse",
    )

    def __init__(
        self,
        engine: CohortEngine,
        history: History,
        relapse: int,
        day: dt.date,
        exposed: dict[str, int],
        refractory: dict[str, int],
        carried: dict[str, _Parts] | None = None,
    ) -> None:
        k = engine.k
        last = history.lines[-1] if history.lines else None
        self.engine, self.history, self.relapse, self.day = engine, history, relapse, day
        self.exposed, self.refractory = exposed, refractory
        # what the patient's prior therapies add to each regimen, from the patient's earlier relapses
        self.first = carried is None
        self.carried: dict[str, _Parts] = {} if carried is None else carried
        # what the indications look at besides exposures (as exposure_state derives it)
        self.base = (len(history.lines), last.course(k) if last else None, progressed_on(last, k))
        self.line_iri = f"{history.iri()}/line-"
        self._state: PatientState | None = None
        # what component_facts reads, worked out once per relapse
        self._refractory_lines: dict[str, tuple[str, int, str]] | None = None
        self._by_targets: dict[frozenset[str], tuple[tuple[str, int, bool], ...]] | None = None

    def state(self) -> PatientState:
        if self._state is None:
            self._state = exposure_state(self.engine.k, self.history)
        return self._state

    def component_context(self) -> tuple[Any, ...]:
        """All that :func:`component_reasons` reads of the patient, for any option."""
        label = line_labeller(self.engine.k, self.history)
        watched, refractory = self.engine.watched, self.refractory
        return (
            tuple((d, n, label(n)) for d, n in refractory.items()),
            tuple((d, n, d in refractory) for d, n in self.exposed.items() if d in watched),
        )

    def component_facts(self, planned: _Planned) -> tuple[Any, ...]:
        """All that :func:`component_reasons` reads of the patient for ``planned``'s regimen."""
        if self._refractory_lines is None:
            label = line_labeller(self.engine.k, self.history)
            self._refractory_lines = {d: (d, n, label(n)) for d, n in self.refractory.items()}
            self._by_targets = {}
        refractory_lines = self._refractory_lines
        by_targets = self._by_targets
        assert by_targets is not None
        priors = by_targets.get(planned.targets)
        if priors is None:
            exposed, refractory, drugs = self.exposed, self.refractory, self.engine.k.drugs
            priors = by_targets[planned.targets] = tuple(
                [
                    (p, exposed[p], p in refractory)
                    for p in sorted(exposed)
                    if p in drugs and not planned.targets.isdisjoint(drugs[p].targets)
                ]
            )
        exposed = self.exposed
        return (
            planned.regimen,
            tuple([refractory_lines[d] for d in planned.components if d in refractory_lines]),
            tuple([(d, exposed[d]) for d in planned.single_course if d in exposed]) if planned.single_course else (),
            priors,
        )


def _first_lines(lines: list[Line]) -> tuple[dict[str, int], dict[str, int]]:
    """The first line that gave each drug and that made the disease refractory to it (as exposure_state reads them)."""
    exposed: dict[str, int] = {}
    refractory: dict[str, int] = {}
    for line in lines:
        for drug in line.drugs:
            exposed.setdefault(drug, line.number)
        for drug in line.refractory_to:
            refractory.setdefault(drug, line.number)
    return exposed, refractory


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
        self._epochs: dict[int, _Epoch] = {}
        self._uids: dict[Any, int] = {}
        self._drug_sets: dict[frozenset[str], frozenset[str]] = {}
        # what is shared between patients (bounded: see _bound)
        self._profile_ids: dict[Any, int] = {}
        self._vectors: dict[Any, _Vector] = {}
        self._by_past: dict[Any, _Vector] = {}
        self._shared: dict[tuple[int, int], Answer] = {}
        self._contexts: dict[tuple[Any, ...], int] = {}
        self._component_parts: dict[tuple[Any, ...], _Parts] = {}
        self._combined = 0  # answers kept by the parts of _component_parts (_Parts.combined)
        self._reasons: dict[_Part, Reason] = {}
        self._alike: dict[tuple[Any, ...], Answer] = {}
        self._signed: dict[tuple[Any, ...], Answer] = {}  # an option's indications' answer by _signature
        self._members: dict[str, frozenset[str]] = {}
        self._touched: dict[str, frozenset[str]] = {}
        self._finished: dict[tuple[_Vector, int], tuple[tuple[Answer, ...], dict[str, _Parts]]] = {}
        # the drugs whose exposure can add a reason of its own (component_reasons): targeted or given once
        self.watched = frozenset(d for d, drug in self.k.drugs.items() if drug.targets or drug.single_course)

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

    def _epoch(self, day: dt.date) -> _Epoch:
        number = bisect.bisect_right(self.boundaries, day)
        found = self._epochs.get(number)
        if found is None:
            found = self._epochs[number] = self._compile_epoch(number, day)
        return found

    def _compile_epoch(self, number: int, day: dt.date) -> _Epoch:
        planned = self._compile_plan(day)
        drug_sets = list(dict.fromkeys(p.drugs for p in planned if p.shared))
        when_refractory: dict[str, set[int]] = {}
        when_exposed: dict[str, set[int]] = {}
        targeted = {d: drug.targets for d, drug in self.k.drugs.items() if drug.targets}
        for position, option in enumerate(planned):
            for drug in option.components:
                when_refractory.setdefault(drug, set()).add(position)
            for drug in option.single_course:
                when_exposed.setdefault(drug, set()).add(position)
            for drug, targets in targeted.items():
                if not option.targets.isdisjoint(targets):
                    when_exposed.setdefault(drug, set()).add(position)
        return _Epoch(
            number=number,
            planned=planned,
            drug_sets=tuple(drug_sets),
            drug_set_of=tuple(drug_sets.index(p.drugs) if p.shared else -1 for p in planned),
            by_day=not all(p.shared for p in planned),
            when_refractory={d: tuple(sorted(found)) for d, found in when_refractory.items()},
            when_exposed={d: tuple(sorted(found)) for d, found in when_exposed.items()},
        )

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
            components = tuple(option.components)
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
                    single_course=tuple(d for d in components if k.drugs[d].single_course),
                    targets=frozenset(t for d in components for t in k.drugs[d].targets),
                )
            )
        # mmkg.options orders options by status, then label (then regimen, the order they are found in)
        return tuple(sorted(planned, key=lambda p: (p.sort_label, p.regimen)))

    # --- the patient ---------------------------------------------------------------------

    def _indications(self, planned: _Planned, relapse: _Relapse) -> Answer:
        """What the option's indications say for this patient."""
        k, state, day = self.k, relapse.state(), relapse.day
        per_indication = []
        for indication in planned.indications:
            italy = italy_status(k, indication.approval, day) if indication.italy_by_day else indication.italy
            reasons = criteria_reasons(
                k, indication.criteria, state, where=indication.where, node=indication.approval.iri
            )
            per_indication.append((indication.approval, reasons, italy))
        return self._answer(planned, tuple((r.status, r.text, r.node) for r in indication_reasons(per_indication)))

    def _answer(self, planned: _Planned, unsorted: tuple[_Part, ...], *, local: bool | None = None) -> Answer:
        """The answer that says ``unsorted`` of ``planned``: one object for every answer that says the same.

        Different profiles and prior therapies often come to the same reasons (a third of the
        answers of 20k generated patients were new objects): one object lets a formatter
        make its text once, and relapses alike have equal tuples of answers.
        """
        parts = tuple(sorted(unsorted, key=_worst_first))
        key = (planned.id, planned.label, planned.kind, parts)
        found = self._alike.get(key)
        if found is None:
            found = self._alike[key] = Answer(planned, unsorted, self._reasons, local=local, parts=parts)
        return found

    def _vector(self, epoch: _Epoch, relapse: _Relapse, profiles: tuple[int, ...] | None) -> _Vector:
        """The indications' answers of the epoch's options; shared by profile when ``profiles`` are given."""
        answers = []
        for planned, index in zip(epoch.planned, epoch.drug_set_of, strict=True):
            if profiles is None or index < 0:
                answers.append(self._indications(planned, relapse))
                continue
            key = (planned.uid, profiles[index])
            found = self._shared.get(key)
            if found is None:
                signature = self._signature(planned, relapse)
                found = self._signed.get(signature)
                if found is None:
                    found = self._signed[signature] = self._indications(planned, relapse)
                self._shared[key] = found
            answers.append(found)
        return _Vector(answers)

    def _signature(self, planned: _Planned, relapse: _Relapse) -> tuple[Any, ...]:
        """All that ``planned``'s indications read of the patient (:func:`criteria_reasons`).

        Not which drugs the patient had, but whether any of each class the criteria name, and
        the drugs of a count not reached (its reason names them); with the lines and how the
        last ended (``base``). Profiles alike in this get the same answer.
        """
        exposed, refractory, members = relapse.exposed.keys(), relapse.refractory.keys(), self._class_members
        signature: list[Any] = [planned.uid, relapse.base]
        for indication in planned.indications:
            c = indication.criteria
            signature += [
                tuple(members(cls).isdisjoint(exposed) for cls in c.requires_exposure),
                tuple(members(cls).isdisjoint(refractory) for cls in c.requires_refractory),
                tuple(members(cls).isdisjoint(exposed) for cls in c.excludes_exposure),
                tuple(members(cls).isdisjoint(refractory) for cls in c.excludes_refractory),
                tuple(_short(members(n.cls).intersection(exposed), n.minimum) for n in c.exposure_counts),
                tuple(_short(members(n.cls).intersection(refractory), n.minimum) for n in c.refractory_counts),
            ]
        return (*signature,)

    def _class_members(self, cls: str) -> frozenset[str]:
        """``cls`` and the drugs of the graph that are members of it (what PatientState.members_* count)."""
        found = self._members.get(cls)
        if found is None:
            k = self.k
            found = self._members[cls] = frozenset({d for d in k.drugs if k.member(d, cls)} | {cls})
        return found

    def _parts(self, planned: _Planned, relapse: _Relapse) -> _Parts:
        """The reasons the patient's prior therapies give ``planned``'s regimen (:func:`component_reasons`).

        They depend on the regimen and on which of its drugs, and of the earlier drugs of the
        same target, the patient had in which line (labelled how): patients alike in that share them.
        """
        facts = relapse.component_facts(planned)
        parts = self._component_parts.get(facts)
        if parts is None:
            line_iri = relapse.line_iri
            reasons = component_reasons(
                self.k,
                planned.regimen,
                relapse.state(),
                targeted_priors(self.k, relapse.state()),
                line_iri=line_iri,
                line_label=line_labeller(self.k, relapse.history),
                evidence=functools.partial(evidence_after, self.k),
            )
            parts = self._component_parts[facts] = _Parts(
                tuple(
                    (r.status, r.text, int(r.node[len(line_iri) :]) if r.node.startswith(line_iri) else r.node)
                    for r in reasons
                )
            )
        return parts

    def _combine(self, planned: _Planned, answer: Answer, parts: _Parts) -> Answer:
        """``answer`` with the reasons ``parts`` of the patient's prior therapies, if any."""
        if not parts.parts:
            return answer
        found = parts.combined.get(answer)
        if found is None:
            found = parts.combined[answer] = self._answer(
                planned, answer.unsorted + parts.parts, local=answer.local or parts.local
            )
            self._combined += 1
        return found

    def _answers(self, relapse: _Relapse) -> tuple[Answer, ...]:
        """The answers of every option in force for the patient at ``relapse``, in row order.

        Relapses alike get the same tuple: a formatter may keep what it made of one.
        """
        self._bound()
        epoch = self._epoch(relapse.day)
        exposed, refractory = relapse.exposed, relapse.refractory
        if relapse.history.placeholders:
            # drugs standing for classes (the CLI's quick form) make the patient's profile their own
            vector = self._vector(epoch, relapse, None)
        else:
            base, day = relapse.base, relapse.day if epoch.by_day else None
            exposed_set, refractory_set = frozenset(exposed), frozenset(refractory)
            # the same past (half the relapses of a generated cohort) needs no profiles worked out
            past = (epoch.number, day, base, exposed_set, refractory_set)
            found = self._by_past.get(past)
            if found is None:
                ids = self._profile_ids
                profiles = tuple(
                    ids.setdefault((base, exposed_set & drugs, refractory_set & drugs), len(ids))
                    for drugs in epoch.drug_sets
                )
                key = (epoch.number, day, profiles)
                found = self._vectors.get(key)
                if found is None:
                    found = self._vectors[key] = self._vector(epoch, relapse, profiles)
                self._by_past[past] = found
            vector = found
        affected: set[int] = set()
        for drug in refractory:
            affected.update(epoch.when_refractory.get(drug, ()))
        for drug in exposed:
            affected.update(epoch.when_exposed.get(drug, ()))
        if not affected:
            return vector.ordered
        carried = relapse.carried
        if relapse.first:
            # a patient's first relapse: patients whose prior therapies are alike (refractory to
            # which drugs in which line, exposed to which targeted drugs) get the same answers
            contexts = self._contexts
            context = contexts.setdefault(relapse.component_context(), len(contexts))
            finished = self._finished.get((vector, context))
            if finished is None:
                parts: dict[str, _Parts] = {}
                for position in affected:
                    planned = epoch.planned[position]
                    parts[planned.regimen] = self._parts(planned, relapse)
                finished = self._finished[(vector, context)] = (self._finish(epoch, vector, affected, parts), parts)
            carried.update(finished[1])
            return finished[0]
        # a later relapse: what the patient's therapies add to an option is as at the previous
        # relapse unless the line since then touched the option's drugs or their targets
        for position in affected:
            planned = epoch.planned[position]
            if planned.regimen not in carried:
                carried[planned.regimen] = self._parts(planned, relapse)
        return self._finish(epoch, vector, affected, carried)

    def _finish(
        self, epoch: _Epoch, vector: _Vector, affected: set[int], parts: dict[str, _Parts]
    ) -> tuple[Answer, ...]:
        """The vector's answers, those at ``affected`` with the reasons ``parts`` of the patient's prior therapies, in row order."""
        answers = list(vector.answers)
        for position in affected:
            planned = epoch.planned[position]
            answers[position] = self._combine(planned, answers[position], parts[planned.regimen])
        return tuple(sorted(answers, key=_rank))  # stable: label order within each status

    def _bound(self) -> None:
        """Forget what is shared once it reaches _MAX_SHARED: memory stays flat however long the cohort.

        What is keyed by the numbers of profiles or contexts goes with them.
        """
        if max(len(self._profile_ids), len(self._vectors), len(self._shared), len(self._by_past)) >= _MAX_SHARED:
            self._profile_ids.clear()
            self._vectors.clear()
            self._by_past.clear()
            self._shared.clear()
            self._finished.clear()
        if len(self._contexts) >= _MAX_SHARED or len(self._finished) >= _MAX_SHARED:
            self._contexts.clear()
            self._finished.clear()
        if len(self._component_parts) >= _MAX_SHARED or self._combined >= _MAX_SHARED:
            self._component_parts.clear()  # and with them the answers they keep
            self._finished.clear()
            self._combined = 0
        if len(self._reasons) >= _MAX_SHARED:
            self._reasons.clear()
        if len(self._alike) >= _MAX_SHARED:
            self._alike.clear()
        if len(self._signed) >= _MAX_SHARED:
            self._signed.clear()

    def relapses(self, history: History) -> Iterator[tuple[int, dt.date, str, tuple[Answer, ...]]]:
        """(relapse, day, the patient's line IRI without its number, answers in row order) of one patient.

        What :meth:`answer` gives as rows, for formatters that make the rows' text themselves.
        """
        if not self.each_relapse:
            day = self.as_of or dt.date.today()
            before = history.until(day)
            relapse = _Relapse(self, before, len(before.lines), day, *_first_lines(before.lines))
            yield relapse.relapse, day, relapse.line_iri, self._answers(relapse)
            return
        starts = [line.start for line in history.lines]
        for line, start in zip(history.lines[1:], starts[1:], strict=True):
            if start is None:
                raise RelapseError(
                    f"patient {history.id}: line {line.number} has no start date; answering at each relapse needs the start of every line after the first"
                )
        exposed: dict[str, int] = {}
        refractory: dict[str, int] = {}
        carried: dict[str, _Parts] | None = None
        latest: dt.date | None = None  # the latest start of the lines before
        for number in range(1, len(history.lines)):
            begins = starts[number]
            assert begins is not None
            previous = history.lines[number - 1]
            earlier = starts[number - 1]
            if earlier is not None and (latest is None or latest < earlier):
                latest = earlier
            # what component_reasons reads of the patient: the first line that gave each drug and
            # that made the disease refractory to it; a drug new to either changes the reasons of
            # the regimens it touches (a given drug only when given once or targeted)
            for drug in previous.drugs:
                if drug not in exposed:
                    exposed[drug] = previous.number
                    if carried and drug in self.watched:
                        for regimen in self._touching(drug):
                            carried.pop(regimen, None)
            for drug in previous.refractory_to:
                if drug not in refractory:
                    refractory[drug] = previous.number
                    if carried:
                        for regimen in self._touching(drug):
                            carried.pop(regimen, None)
            before = History(history.id, history.lines[:number], history.placeholders, history.assumptions)
            if latest is None or latest <= begins:  # every line before started by then: as before.until(begins)
                relapse = _Relapse(self, before, number, begins, dict(exposed), dict(refractory), carried)
                carried = relapse.carried
            else:  # a history built by hand whose earlier lines start later
                kept = before.until(begins)
                relapse = _Relapse(self, kept, number, begins, *_first_lines(kept.lines))
                carried = None
            yield number, begins, relapse.line_iri, self._answers(relapse)

    def _touching(self, drug: str) -> frozenset[str]:
        """The regimens whose reasons from prior therapies (:func:`component_reasons`) a line with ``drug`` can change.

        Those with ``drug`` as a component, and those acting on one of its targets.
        """
        found = self._touched.get(drug)
        if found is None:
            k = self.k
            targets = frozenset(k.drugs[drug].targets) if drug in k.drugs else frozenset()
            found = self._touched[drug] = frozenset(
                regimen
                for regimen, components in k.regimens.items()
                if drug in components
                or any(not targets.isdisjoint(k.drugs[d].targets) for d in components if d in k.drugs)
            )
        return found

    def answer(self, history: History) -> Iterator[CohortRow]:
        """The rows of one patient: at ``as_of``, or at the start of every line after the first."""
        return _rows(history.id, self.relapses(history))


_Relapses = Iterable[tuple[int, dt.date, str, tuple[Answer, ...]]]


def _rows(patient: str, relapses: _Relapses) -> Iterator[CohortRow]:
    """A patient's rows from :meth:`CohortEngine.relapses`."""
    made: dict[_Part, Reason] = {}  # a reason on one of the patient's lines recurs option after option
    own: dict[Answer, tuple[Reason, ...]] = {}  # and an answer relapse after relapse
    for relapse, day, line_iri, answers in relapses:
        for a in answers:
            reasons = own.get(a) if a.local else a.reasons
            if reasons is None:
                reasons = own[a] = a.reasons_of(line_iri, made)
            yield CohortRow(patient, relapse, day, a.option, a.label, a.kind, a.status, reasons)  # type: ignore[arg-type]


def _short(found: frozenset[str], minimum: int) -> tuple[str, ...] | bool:
    """A count's part of a signature: met, or the drugs found (the reason names them)."""
    return True if len(found) >= minimum else tuple(sorted(found))


def _worst_first(part: _Part) -> int:
    return -STATUS_ORDER[part[0]]


_rank = operator.attrgetter("rank")


def _is_each_relapse(as_of: Any) -> bool:
    return isinstance(as_of, str) and as_of.strip().lower().replace("-", " ") == EACH_RELAPSE


def options_for_cohort(
    kg: Store,
    histories: Iterable[History | dict[str, Any]],
    *,
    region: str,
    as_of: dt.date | str | None = None,
    workers: int = 1,
) -> Iterator[CohortRow]:
    """Every patient's options in ``region``, one row per patient (per relapse) and option, streamed.

    ``histories``: :class:`History` objects or parsed mappings in the ``--history`` form
    (with their ``id``). ``as_of``: a day (default today) or ``"each relapse"``: the day
    each line after the first started, answered with the lines before it. A history
    with problems raises :class:`~mmkg.sequencing.HistoryError` (``mmkg cohort`` reports
    and skips it instead). The rows are those :func:`mmkg.options` gives each patient.
    ``workers``: processes answering chunks of patients (forked from this one, where the
    system forks; elsewhere one process answers); the rows come in the same order. Each
    worker sends an answer once and then its number; the rows are made in this process
    (on 2 cores, two workers take ≈ 0.85 of one process's time: bench/run.py, cohort;
    ``mmkg cohort -j`` also makes the rows' text in the workers).
    Information with its evidence; not medical advice.
    """
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise InputError(f"workers must be a whole number of at least 1, got {workers!r}")
    engine = CohortEngine(kg, region=region, as_of=as_of)
    numbered = enumerate(histories, start=1)
    if workers == 1 or not _FORKS:
        for number, history in numbered:
            yield from engine.answer(_history(engine, number, history))
        return
    _FORKED["engine"] = engine
    received: dict[int, tuple[int, list[Answer]]] = {}  # worker → (generation, the answers it sent, by number)
    try:
        for (worker, generation), sent, answered, problem in in_processes(
            _answer_chunk, _chunked(numbered), workers=workers
        ):
            kept = received.get(worker)
            if kept is None or kept[0] != generation:
                kept = received[worker] = (generation, [])
            answers = kept[1]
            answers += sent
            for patient, relapses in answered:
                yield from _rows(
                    patient,
                    [(r, day, line, tuple([answers[n] for n in numbers])) for r, day, line, numbers in relapses],
                )
            if problem is not None:
                raise problem.error()
    finally:
        _FORKED.pop("engine", None)


def _history(engine: CohortEngine, number: int, history: History | dict[str, Any]) -> History:
    return history if isinstance(history, History) else parse_history(history, engine.kg, source=f"history {number}")


_FORKS = "fork" in multiprocessing.get_all_start_methods()
_FORKED: dict[str, CohortEngine] = {}  # the engine forked workers inherit
_CHUNK = 500  # patients per task: enough to amortise a task, few enough to stream


def _chunked(numbered: Iterator[tuple[int, Any]]) -> Iterator[list[tuple[int, Any]]]:
    while chunk := list(itertools.islice(numbered, _CHUNK)):
        yield chunk


@dataclass(frozen=True)
class _Problem:
    """An input error raised in a worker, carried back (HistoryError's arguments are not its message)."""

    kind: type[InputError]
    message: str
    source: str | None
    problems: list[str] | None

    def error(self) -> InputError:
        if self.kind is HistoryError and self.source is not None and self.problems is not None:
            return HistoryError(self.source, self.problems)
        return self.kind(self.message)


# In a worker: the answers it has sent, numbered in the order sent, so that each is pickled
# once per worker and a relapse's answers go as numbers. Bounded: when full, a new generation.
_SENT: dict[Answer, int] = {}
_GENERATION = [0]
_MAX_SENT = 1 << 17


def _answer_chunk(chunk: list[tuple[int, Any]]) -> tuple[tuple[int, int], list[Answer], list[Any], _Problem | None]:
    """The answers of a chunk of patients, up to the first that cannot be answered (and why).

    ((worker, generation), the answers this worker sends for the first time, each patient's
    relapses with the numbers of their answers, problem): rows are made where they are read,
    and an answer shared by many chunks crosses once.
    """
    engine = _FORKED["engine"]
    if len(_SENT) >= _MAX_SENT:
        _SENT.clear()
        _GENERATION[0] += 1
    sent: list[Answer] = []
    answered: list[Any] = []
    problem = None
    for number, history in chunk:
        try:
            parsed = _history(engine, number, history)
            relapses = []
            for relapse, day, line_iri, answers in engine.relapses(parsed):
                numbers = []
                for answer in answers:
                    found = _SENT.get(answer)
                    if found is None:
                        found = _SENT[answer] = len(_SENT)
                        sent.append(answer)
                    numbers.append(found)
                relapses.append((relapse, day, line_iri, tuple(numbers)))
            answered.append((parsed.id, relapses))
        except InputError as error:
            problem = _Problem(
                type(error), str(error), getattr(error, "source", None), getattr(error, "problems", None)
            )
            break
    return (os.getpid(), _GENERATION[0]), sent, answered, problem


def in_processes(
    function: Callable[[Any], Any],
    tasks: Iterator[Any],
    *,
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Any]:
    """``function`` of every task, in the order of the tasks, over ``workers`` processes.

    Forked where the system forks (the workers inherit this process's state, ``initializer``
    is not called), else started afresh with ``initializer(*initargs)``. A bounded window of
    tasks is in flight: memory stays flat however many tasks there are.
    """
    context = multiprocessing.get_context("fork" if _FORKS else None)
    options: dict[str, Any] = {} if _FORKS else {"initializer": initializer, "initargs": initargs}
    with ProcessPoolExecutor(workers, mp_context=context, **options) as pool:
        pending: deque[Future[Any]] = deque()
        for task in tasks:
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
            pending.append(pool.submit(function, task))
        while pending:
            yield pending.popleft().result()


__all__ = [
    "COLUMNS",
    "EACH_RELAPSE",
    "Answer",
    "CohortEngine",
    "CohortRow",
    "RelapseError",
    "in_processes",
    "options_for_cohort",
]
