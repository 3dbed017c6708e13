"""A patient's treatment history: read from YAML, JSON, Turtle or the CLI's quick form, checked, and given as triples.

A line of therapy is a planned course (IMWG, Rajkumar et al. 2011): induction, transplant,
consolidation and maintenance given as planned are *one* line, written as its phases::

    id: example                      # optional: letters, digits, '.', '_' and '-'
    lines:                           # in order, first line first
      - phases:                      # a planned course with several phases ...
          - {phase: induction, regimen: DaraVRd, start: 2021-01-04, end: 2021-06-20}
          - {phase: transplant, start: 2021-08-02}
          - {phase: maintenance, drugs: [lenalidomide], start: 2021-11-01, end: 2023-05-10}
        best_response: CR            # sCR, CR, VGPR, PR, MR, SD, PD
        progression: on-therapy      # on-therapy | within-60-days | after-60-days | none
      - regimen: Kd                  # ... or one regimen (any label or abbreviation the graph knows)
        progression: after-60-days
      - drugs: [carfilzomib, dexamethasone]   # ... or the drugs one by one
        refractory: [carfilzomib]    # true, false, or the drugs refractory to

A flat entry with ``phase: transplant``, ``consolidation`` or ``maintenance`` continues the
line before it (it is a phase of that line, not a new line). Progression and refractoriness
attach to the phase in which the disease progressed: the last phase, unless
``progressed_in`` names another (``progressed_in: maintenance``). Which courses make a
line refractory (progression on therapy or within 60 days; best response SD or PD, i.e.
less than a minimal response) and which drugs are backbone agents whose refractoriness is
not attributed (corticosteroids) are read from the graph (``ontology/kb/sequencing.ttl``).
Every problem in the input is reported, one line each.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import reprlib
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from ..errors import InputError
from ..resolve import resolve
from ..store import Store, bind_values, solutions
from ..turtle import parse_turtle
from .knowledge import Knowledge, knowledge

MMKG = "https://w3id.org/mmkg/ontology/"
PATIENT = "https://w3id.org/mmkg/patient/"
PHASE = "https://w3id.org/mmkg/phase/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
LINE_KEYS = {
    "regimen",
    "drugs",
    "start",
    "end",
    "best_response",
    "progression",
    "refractory",
    "phases",
    "phase",
    "progressed_in",
}
PHASE_KEYS = {"phase", "regimen", "drugs", "start", "end", "best_response"}
TOP_KEYS = {"id", "lines", "transplants"}
# phases that continue a line when written as flat entries
CONTINUING_PHASES = ("high-dose-therapy-asct", "consolidation", "maintenance")
TRANSPLANT_PHASE = PHASE + "high-dose-therapy-asct"
TRANSPLANT_REGIMEN = "https://w3id.org/mmkg/regimen/high-dose-melphalan-asct"
MAX_HISTORY_BYTES = 1_000_000
MAX_LINES = 50
MAX_PHASES = 10
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML: dates stay text (a bad date is a problem of its line), no aliases, no duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not accepted in a history", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(None, None, "a key must be a name", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class HistoryError(InputError):
    """A history with problems; ``problems`` has one line per problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: {len(problems)} problem{'s' * (len(problems) != 1)} in the patient history")
        self.source = source
        self.problems = problems


@dataclass
class Phase:
    """One phase of a line: its kind (a phase:… IRI, None for the therapy of a relapse line), drugs and dates."""

    number: int
    drugs: list[str]
    kind: str | None = None
    regimen: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    best_response: str | None = None
    label: str = ""


@dataclass
class Line:
    """One line of therapy with its phases, course and the drugs it made the disease refractory to."""

    number: int
    phases: list[Phase]
    refractory_to: list[str] = field(default_factory=list)
    best_response: str | None = None
    progression: str | None = None  # a course notation (ontology/kb/sequencing.ttl)
    progressed_in: int | None = None  # phase number; default: the last phase
    label: str = ""

    @property
    def drugs(self) -> list[str]:
        if len(self.phases) == 1:  # most lines
            return list(dict.fromkeys(self.phases[0].drugs))
        return list(dict.fromkeys(d for phase in self.phases for d in phase.drugs))

    @property
    def regimen(self) -> str | None:
        regimens = [p.regimen for p in self.phases if p.regimen]
        return regimens[0] if len(regimens) == 1 and len(self.phases) == 1 else None

    @property
    def start(self) -> dt.date | None:
        dates = [p.start for p in self.phases if p.start]
        return min(dates) if dates else None

    @property
    def end(self) -> dt.date | None:
        dates = [day for p in self.phases for day in (p.end or p.start,) if day is not None]
        return max(dates) if dates else None

    @property
    def refractory(self) -> bool:
        return bool(self.refractory_to)

    def course(self, k: Knowledge) -> str | None:
        """How the disease behaved on the line (a course notation), or None when the history does not say."""
        if self.progression is not None:
            return self.progression
        if self.best_response in k.non_response or any(p.best_response in k.non_response for p in self.phases):
            return "non-response"
        return None


@dataclass
class History:
    """A patient's lines of therapy in order, with what was assumed to read it."""

    id: str
    lines: list[Line]
    # Drugs the patient is known to be exposed to or refractory to without knowing the
    # line (from the CLI's --exposed/--refractory), as IRIs; placeholders for classes.
    placeholders: dict[str, str] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)

    @property
    def prior_lines(self) -> int:
        return len(self.lines)

    def iri(self) -> str:
        return PATIENT + self.id

    def until(self, day: dt.date) -> History:
        """The history as it stood on ``day``: lines that started after it are left out (and say so)."""
        kept = [line for line in self.lines if line.start is None or line.start <= day]
        if len(kept) == len(self.lines):
            return self
        dropped = ", ".join(str(line.number) for line in self.lines[len(kept) :])
        note = f"line(s) {dropped} started after {day.isoformat()} and are not prior lines on that day"
        return History(self.id, kept, self.placeholders, [*self.assumptions, note])

    def triples(self) -> list[ox.Triple]:
        """The history as mmkg RDF (patient, lines, phases, drugs, refractoriness)."""
        patient = ox.NamedNode(self.iri())
        out = [ox.Triple(patient, RDF_TYPE, ox.NamedNode(MMKG + "Patient"))]
        for placeholder, cls in sorted(self.placeholders.items()):
            out.append(ox.Triple(ox.NamedNode(placeholder), RDF_TYPE, ox.NamedNode(cls)))

        def p(name: str) -> ox.NamedNode:
            return ox.NamedNode(MMKG + name)

        def date(value: dt.date) -> ox.Literal:
            return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))

        for line in self.lines:
            node = ox.NamedNode(f"{self.iri()}/line-{line.number}")
            out += [
                ox.Triple(patient, p("hasLineOfTherapy"), node),
                ox.Triple(node, RDF_TYPE, p("LineOfTherapy")),
                ox.Triple(node, p("lineNumber"), ox.Literal(str(line.number), datatype=ox.NamedNode(XSD + "integer"))),
            ]
            if line.regimen:
                out.append(ox.Triple(node, p("lineRegimen"), ox.NamedNode(line.regimen)))
            out += [ox.Triple(node, p("lineDrug"), ox.NamedNode(d)) for d in line.drugs]
            out += [ox.Triple(node, p("lineRefractoryTo"), ox.NamedNode(d)) for d in line.refractory_to]
            for prop, value in (("startDate", line.start), ("endDate", line.end)):
                if value:
                    out.append(ox.Triple(node, p(prop), date(value)))
            for prop, text in (("bestResponse", line.best_response), ("progression", line.progression)):
                if text:
                    out.append(ox.Triple(node, p(prop), ox.Literal(text)))
            if len(line.phases) > 1 or any(phase.kind for phase in line.phases):
                for phase in line.phases:
                    phase_node = ox.NamedNode(f"{self.iri()}/line-{line.number}/phase-{phase.number}")
                    out += [
                        ox.Triple(node, p("hasPhase"), phase_node),
                        ox.Triple(phase_node, RDF_TYPE, p("TherapyPhase")),
                        ox.Triple(
                            phase_node,
                            p("phaseNumber"),
                            ox.Literal(str(phase.number), datatype=ox.NamedNode(XSD + "integer")),
                        ),
                    ]
                    if phase.kind:
                        out.append(ox.Triple(phase_node, p("phaseKind"), ox.NamedNode(phase.kind)))
                    if phase.regimen:
                        out.append(ox.Triple(phase_node, p("phaseRegimen"), ox.NamedNode(phase.regimen)))
                    out += [ox.Triple(phase_node, p("phaseDrug"), ox.NamedNode(d)) for d in phase.drugs]
                    for prop, value in (("startDate", phase.start), ("endDate", phase.end)):
                        if value:
                            out.append(ox.Triple(phase_node, p(prop), date(value)))
                    if phase.best_response:
                        out.append(ox.Triple(phase_node, p("bestResponse"), ox.Literal(phase.best_response)))
                    if line.progressed_in == phase.number:
                        out.append(ox.Triple(node, p("progressedIn"), phase_node))
        return out


# --- reading ------------------------------------------------------------------------------


# A cohort names the same regimens and drugs over and over; resolving a name costs a
# query, so each store keeps its answers (IRI, or the error's text), at most _MAX_NAMES.
_NAMES: weakref.WeakKeyDictionary[Store, dict[tuple[str, str], str | InputError]] = weakref.WeakKeyDictionary()
_MAX_NAMES = 4096


def _resolve(kg: Store, value: str, kind: str) -> str:
    """``resolve(kg, value, kind=kind)``, remembered per store."""
    names = _NAMES.get(kg)
    if names is None:
        names = _NAMES[kg] = {}
    found = names.get((value, kind))
    if found is None:
        try:
            found = resolve(kg, value, kind=kind)
        except InputError as error:
            found = error
        if len(names) >= _MAX_NAMES:
            names.clear()
        names[(value, kind)] = found
    if isinstance(found, InputError):
        raise InputError(str(found))
    return found


# Lines without phases, as read before, by what they say but their dates (_line_key), per store.
_LINES: weakref.WeakKeyDictionary[Store, dict[tuple[Any, ...], Line]] = weakref.WeakKeyDictionary()
_MAX_LINES = 1 << 16
_DATES = ("start", "end")


def _line_key(raw: Any) -> tuple[Any, ...] | None:
    """What a line without phases says but for its dates, hashable; None for any other line."""
    if type(raw) is not dict or "phases" in raw:
        return None
    key = []
    for name, value in raw.items():
        if name in _DATES:
            continue
        if type(value) is list:
            if not all(type(item) is str for item in value):
                return None
            value = (list, *value)  # not the same as a text value
        elif type(value) not in (str, int, bool, type(None)):
            return None
        key.append((name, type(value), value))  # True == 1, but `refractory: 1` is a problem
    return (*key,)


def _undated(line: Line) -> Line:
    """A copy of ``line`` without its dates (none of its lists shared with the history it came from)."""
    phase = line.phases[0]
    return Line(
        line.number,
        [
            Phase(
                phase.number, list(phase.drugs), phase.kind, phase.regimen, None, None, phase.best_response, phase.label
            )
        ],
        list(line.refractory_to),
        line.best_response,
        line.progression,
        line.progressed_in,
        line.label,
    )


class _Reader:
    """Checks a parsed history against the graph, collecting every problem."""

    def __init__(self, kg: Store) -> None:
        self.kg = kg
        self.k = knowledge(kg)
        self.problems: list[str] = []
        self.assumptions: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def date(self, value: Any, where: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(f"{where}: {_shown(value)} is not a date (YYYY-MM-DD)")
        return None

    def name(self, value: Any, kind: str, where: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}: expected a name, got {_shown(value)}")
            return None
        try:
            return _resolve(self.kg, value, kind)
        except InputError as error:
            self.problem(f"{where}: {error}")
            return None

    def regimen(self, value: Any, where: str) -> str | None:
        """A regimen by name; a drug's name stands for its monotherapy ("cilta-cel")."""
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}: expected a regimen name, got {_shown(value)}")
            return None
        try:
            return _resolve(self.kg, value, "mmkg:Regimen")
        except InputError as error:
            try:
                drug = _resolve(self.kg, value, "mmkg:Drug")
            except InputError:
                self.problem(f"{where}: {error}")
                return None
        found = self.k.monotherapy.get(drug)
        if found is None:
            self.problem(f"{where}: {value!r} is a drug with no single monotherapy regimen; list it under 'drugs'")
        return found

    def phase_kind(self, value: Any, where: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(
                f"{where}: expected a phase (induction, transplant, consolidation, maintenance), got {_shown(value)}"
            )
            return None
        text = value.strip().lower()
        if text in ("therapy", "relapse"):
            return None
        try:
            return _resolve(self.kg, value, "mmkg:TreatmentPhase")
        except InputError:
            known = ", ".join(sorted({"induction", "transplant", "consolidation", "maintenance"}))
            self.problem(f"{where}: unknown phase {value!r} (phases: {known})")
            return None

    def drugs_of(self, raw: dict[str, Any], where: str) -> tuple[str | None, list[str], str]:
        """(regimen, drugs, label) of a line or phase; a transplant phase means high-dose melphalan."""
        if "regimen" in raw and "drugs" in raw:
            self.problem(f"{where}: give either 'regimen' or 'drugs', not both")
        regimen = None
        drugs: list[str] = []
        if "regimen" in raw:
            regimen = self.regimen(raw["regimen"], f"{where}: regimen")
            if regimen:
                drugs = list(self.k.regimens.get(regimen, ()))
        elif "drugs" in raw:
            listed = raw["drugs"] if isinstance(raw["drugs"], list) else [raw["drugs"]]
            if not listed:
                self.problem(f"{where}: 'drugs' is empty")
            for name in listed:
                drug = self.name(name, "mmkg:Drug", f"{where}: drug")
                if drug and drug not in drugs:
                    drugs.append(drug)
        named = raw.get("regimen") or " + ".join(
            d if isinstance(d, str) else _shown(d) for d in _as_list(raw.get("drugs"))
        )
        label = named if isinstance(named, str) else _shown(named)
        return regimen, drugs, label

    def response(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if str(value) not in self.k.responses:
            self.problem(f"{where}: best_response {_shown(value)} must be one of {', '.join(sorted(self.k.responses))}")
            return None
        return str(value)

    def progression(self, value: Any, where: str) -> str | None:
        """A course notation of the graph (on-therapy, within-60-days, after-60-days, none), or None with a problem."""
        if value is None:
            return None
        if not isinstance(value, str) or value not in self.k.courses - {"non-response"}:
            courses = ", ".join(sorted(self.k.courses - {"non-response"}))
            self.problem(f"{where}: progression {_shown(value)} must be one of {courses}")
            return None
        return value

    def phase(self, raw: Any, number: int, where: str) -> Phase | None:
        if not isinstance(raw, dict):
            self.problem(f"{where}: expected a mapping with 'phase' and 'regimen' or 'drugs'")
            return None
        for key in sorted(set(map(str, raw)) - PHASE_KEYS):
            self.problem(f"{where}: unknown field {key!r} (fields: {', '.join(sorted(PHASE_KEYS))})")
        kind = self.phase_kind(raw["phase"], f"{where}: phase") if "phase" in raw else None
        if "regimen" not in raw and "drugs" not in raw:
            if kind == TRANSPLANT_PHASE:
                raw = {**raw, "regimen": TRANSPLANT_REGIMEN}
            else:
                self.problem(f"{where}: give a 'regimen' or the 'drugs'")
        regimen, drugs, label = self.drugs_of(raw, where)
        if kind == TRANSPLANT_PHASE and regimen == TRANSPLANT_REGIMEN:
            label = "high-dose melphalan with ASCT"
        start = self.date(raw.get("start"), f"{where}: start")
        end = self.date(raw.get("end"), f"{where}: end")
        if start and end and end < start:
            self.problem(f"{where}: end {end} is before start {start}")
        response = self.response(raw.get("best_response"), where)
        return Phase(number, drugs, kind, regimen, start, end, response, label or self.k.phases.get(kind or "", ""))

    def line(self, raw: Any, number: int, where: str) -> Line | None:
        """The line ``raw`` describes; a line without phases read like one read before, but for its dates.

        A cohort's lines repeat but for their dates (the same regimen, response, course and
        refractoriness): what they say is checked against the graph once, the dates every time.
        """
        key = _line_key(raw)
        if key is None:
            return self._line(raw, number, where)
        lines = _LINES.get(self.kg)
        if lines is None:
            lines = _LINES[self.kg] = {}
        template = lines.get(key)
        if template is None:
            known = len(self.problems)
            line = self._line(raw, number, where)
            if line is not None and len(self.problems) == known:
                if len(lines) >= _MAX_LINES:
                    lines.clear()
                lines[key] = _undated(line)
            return line
        start = self.date(raw.get("start"), f"{where}: start")
        end = self.date(raw.get("end"), f"{where}: end")
        if start and end and end < start:
            self.problem(f"{where}: end {end} is before start {start}")
        phase = template.phases[0]
        dated = Phase(
            phase.number, list(phase.drugs), phase.kind, phase.regimen, start, end, phase.best_response, phase.label
        )
        return Line(
            number,
            [dated],
            list(template.refractory_to),
            template.best_response,
            template.progression,
            template.progressed_in,
            template.label,
        )

    def _line(self, raw: Any, number: int, where: str) -> Line | None:
        if not isinstance(raw, dict):
            self.problem(f"{where}: expected a mapping with 'regimen', 'drugs' or 'phases'")
            return None
        for key in sorted(set(map(str, raw)) - LINE_KEYS):
            self.problem(f"{where}: unknown field {key!r} (fields: {', '.join(sorted(LINE_KEYS))})")
        phases: list[Phase] = []
        if "phases" in raw:
            if any(key in raw for key in ("regimen", "drugs", "phase", "start", "end")):
                self.problem(f"{where}: a line with 'phases' gives its regimen, drugs, phase and dates in the phases")
            listed = raw["phases"]
            if not isinstance(listed, list) or not listed:
                self.problem(f"{where}: 'phases' must be a non-empty list")
                listed = []
            if len(listed) > MAX_PHASES:
                self.problem(f"{where}: more than {MAX_PHASES} phases")
                listed = listed[:MAX_PHASES]
            for index, item in enumerate(listed, start=1):
                phase = self.phase(item, index, f"{where}, phase {index}")
                if phase:
                    phases.append(phase)
        else:
            phase = self.phase({k: v for k, v in raw.items() if k in PHASE_KEYS}, 1, where)
            if phase:
                phases.append(phase)
        response = self.response(raw.get("best_response"), where)
        progression = self.progression(raw.get("progression"), where)
        progressed_in = None
        if "progressed_in" in raw:
            progressed_in = self.progressed_in(raw["progressed_in"], phases, where)
        line = Line(number, phases, [], response, progression, progressed_in)
        line.label = " → ".join(p.label for p in phases if p.label)
        self.refractoriness(line, raw.get("refractory"), raw, where)
        return line

    def progressed_in(self, value: Any, phases: list[Phase], where: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(phases):
            return value
        kind = self.phase_kind(value, f"{where}: progressed_in") if isinstance(value, str) else None
        matching = [p.number for p in phases if kind and p.kind == kind]
        if len(matching) == 1:
            return matching[0]
        if not isinstance(value, str) or kind:
            self.problem(f"{where}: progressed_in {_shown(value)} names no phase of the line")
        return None

    def refractoriness(self, line: Line, flag: Any, raw: dict[str, Any], where: str) -> None:
        """Which drugs the line made the disease refractory to (IMWG, with the graph's courses and backbone classes)."""
        k = self.k
        course = line.course(k)
        refractory_course = course in k.refractory_courses
        progressing = _phase(line, line.progressed_in) if line.phases else None
        if flag is True:
            line.refractory_to = self.attributable(progressing.drugs if progressing else line.drugs)
        elif flag is False:
            if refractory_course:
                self.problem(
                    f"{where}: 'refractory: false' contradicts the course of the line ({course}), which is refractory"
                )
        elif isinstance(flag, list):
            if not flag:
                self.problem(f"{where}: 'refractory' lists no drug")
            for name in flag:
                drug = self.name(name, "mmkg:Drug", f"{where}: refractory")
                if drug and drug not in line.drugs:
                    self.problem(f"{where}: refractory to {name!r}, which the line does not contain")
                elif drug and drug not in line.refractory_to:
                    line.refractory_to.append(drug)
        elif flag is not None:
            self.problem(f"{where}: refractory must be true, false or a list of drugs")
        elif refractory_course:
            if course == "non-response":
                # non-response: to the phases whose best response was below a minimal response, else the whole line
                phases = [p for p in line.phases if p.best_response in k.non_response] or line.phases
                line.refractory_to = self.attributable([d for p in phases for d in p.drugs])
            else:
                line.refractory_to = self.attributable(progressing.drugs if progressing else line.drugs)
        if line.refractory_to and isinstance(flag, list) and course is not None and not refractory_course:
            self.problem(f"{where}: refractory to drugs, but the course of the line ({course}) is not refractory")

    def attributable(self, drugs: list[str]) -> list[str]:
        """The drugs refractoriness is attributed to: backbone agents (corticosteroids) are left out."""
        backbone = self.k.backbone
        return [d for d in dict.fromkeys(drugs) if d not in backbone]


def _phase(line: Line, number: int | None) -> Phase:
    if number is not None:
        for phase in line.phases:
            if phase.number == number:
                return phase
    return line.phases[-1]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 3, 50, 50, 4, 4


def _shown(value: Any) -> str:
    """A short, bounded rendering of a value for a message (no deep recursion, no huge strings)."""
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


MAX_DEPTH = 8  # history → lines → line → phases → phase → drugs → name
MAX_ITEMS = 20_000


def _check_bounds(data: Any, source: str) -> None:
    """Refuse data nested deeper than a history can be, or larger than one can be, before anything reads it."""
    # every value counts (keys, scalars and containers); only containers are visited
    if not isinstance(data, _CONTAINERS):
        return
    stack = [(data, 1)]
    seen = 1
    while stack:
        value, depth = stack.pop()
        if not value:
            continue
        if depth >= MAX_DEPTH:
            raise HistoryError(source, [f"nested deeper than {MAX_DEPTH} levels: not a history"])
        if isinstance(value, dict):
            seen += 2 * len(value)
            inner = [child for child in value.values() if isinstance(child, _CONTAINERS)]
            inner += [key for key in value if type(key) is not str and isinstance(key, _CONTAINERS)]
        else:
            seen += len(value)
            inner = [child for child in value if isinstance(child, _CONTAINERS)]
        if seen > MAX_ITEMS:
            raise HistoryError(source, [f"more than {MAX_ITEMS} values: a history is much smaller"])
        stack += [(child, depth + 1) for child in inner]


_CONTAINERS = (dict, list, tuple, set, frozenset)


def parse_history(data: Any, kg: Store, *, source: str = "history") -> History:
    """Check ``data`` (the parsed YAML/JSON) against the graph; raise HistoryError listing every problem."""
    _check_bounds(data, source)
    reader = _Reader(kg)
    if not isinstance(data, dict):
        raise HistoryError(source, ["the history must be a mapping with a 'lines' list"])
    if any(not isinstance(key, str) for key in data):
        raise HistoryError(source, ["every field name must be text"])
    for key in sorted(set(data) - TOP_KEYS):
        reader.problem(f"unknown field {key!r} (fields: {', '.join(sorted(TOP_KEYS))})")
    identifier = data.get("id", "patient")
    if not isinstance(identifier, (str, int)) or isinstance(identifier, bool) or not _IDENTIFIER.match(str(identifier)):
        reader.problem(f"id {_shown(identifier)} must be letters, digits, '.', '_' or '-' (at most 100)")
        identifier = "patient"
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list):
        reader.problem("'lines' must be a list of lines of therapy (it may be empty)")
        raw_lines = []
    if len(raw_lines) > MAX_LINES:
        raise HistoryError(source, [f"more than {MAX_LINES} lines of therapy"])
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines, start=1):
        where = f"line {index}" if not lines or len(lines) + 1 == index else f"entry {index}"
        continuing = isinstance(raw, dict) and "phases" not in raw and _continues(reader, raw.get("phase"))
        if continuing and lines:
            phase = reader.phase(
                {k: v for k, v in raw.items() if k in PHASE_KEYS}, len(lines[-1].phases) + 1, f"entry {index}"
            )
            for key in sorted(set(map(str, raw)) - PHASE_KEYS - {"progression", "refractory", "progressed_in"}):
                reader.problem(f"entry {index}: unknown field {key!r} for a phase")
            if phase:
                previous = lines[-1]
                previous.phases.append(phase)
                previous.label = " → ".join(p.label for p in previous.phases if p.label)
                reader.assumptions.append(
                    f"entry {index} ({phase.label or 'phase'}) is a phase of line {previous.number}, not a new line (IMWG)"
                )
                if "best_response" in raw:
                    previous.best_response = reader.response(raw["best_response"], f"entry {index}")
                if "progression" in raw:
                    previous.progression = reader.progression(raw["progression"], f"entry {index}")
                previous.refractory_to = []
                reader.refractoriness(previous, raw.get("refractory"), raw, f"entry {index}")
            continue
        line = reader.line(raw, len(lines) + 1, where)
        if line:
            lines.append(line)
    for (earlier, begun), (later, begins) in itertools.pairwise([(line, line.start) for line in lines]):
        if begun and begins and begins < begun:
            reader.problem(f"line {later.number}: starts before line {earlier.number}")
    _place_transplants(reader, data.get("transplants"), lines)
    if reader.problems:
        raise HistoryError(source, reader.problems)
    return History(str(identifier), lines, assumptions=reader.assumptions)


def _continues(reader: _Reader, value: Any) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    return text in ("transplant", "asct", "consolidation", "maintenance") or any(
        reader.k.phases.get(PHASE + kind, "").lower() == text for kind in CONTINUING_PHASES
    )


def _place_transplants(reader: _Reader, value: Any, lines: list[Line]) -> None:
    """The legacy ``transplants: [dates]``: each becomes a transplant phase of the line it falls in."""
    if value is None:
        return
    if not isinstance(value, list):
        reader.problem("transplants must be a list of dates")
        return
    for raw in value:
        day = reader.date(raw, "transplants")
        if day is None:
            continue
        if not lines:
            reader.problem(f"transplants: {day} but the history has no line of therapy")
            continue
        started = [line for line in lines if line.start and line.start <= day]
        line = started[-1] if started else lines[0]
        if not started:
            reader.assumptions.append(
                f"the transplant of {day} is placed in line 1 (the lines have no dates before it)"
            )
        phase = Phase(
            len(line.phases) + 1,
            list(reader.k.regimens.get(TRANSPLANT_REGIMEN, ())),
            TRANSPLANT_PHASE,
            TRANSPLANT_REGIMEN,
            day,
            day,
        )
        phase.label = "high-dose melphalan with ASCT"
        line.phases.append(phase)
        line.phases.sort(key=lambda p: (p.start or dt.date.max, p.number))
        for number, ordered in enumerate(line.phases, start=1):
            ordered.number = number
        line.label = " → ".join(p.label for p in line.phases if p.label)


def read_history(path: Path, kg: Store) -> History:
    """Read a history from a YAML, JSON or Turtle file (a regular file of at most 1 MB)."""
    name = str(path)
    try:
        if not path.is_file():
            raise InputError(f"{name}: not a regular file")
        if path.stat().st_size > MAX_HISTORY_BYTES:
            raise InputError(f"{name}: larger than {MAX_HISTORY_BYTES // 1_000_000} MB; a history is a few kilobytes")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror}") from None
    if path.suffix in (".ttl", ".turtle", ".nt"):
        return history_from_rdf(data, kg, source=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    try:
        parsed = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_YamlLoader)  # noqa: S506 (a safe loader)
    except (json.JSONDecodeError, yaml.YAMLError, RecursionError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(f"{name}: not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {first}") from None
    return parse_history(parsed, kg, source=name)


_LINE_QUERY = """
SELECT ?line ?n ?regimen ?start ?end ?response ?progression ?progressedIn WHERE {
  ?p mmkg:hasLineOfTherapy ?line .
  OPTIONAL { ?line mmkg:lineNumber ?n } OPTIONAL { ?line mmkg:lineRegimen ?regimen }
  OPTIONAL { ?line mmkg:startDate ?start } OPTIONAL { ?line mmkg:endDate ?end }
  OPTIONAL { ?line mmkg:bestResponse ?response } OPTIONAL { ?line mmkg:progression ?progression }
  OPTIONAL { ?line mmkg:progressedIn ?progressedIn } }"""
_PHASE_QUERY = """
SELECT ?phase ?n ?kind ?regimen ?start ?end ?response WHERE {
  ?l mmkg:hasPhase ?phase .
  OPTIONAL { ?phase mmkg:phaseNumber ?n } OPTIONAL { ?phase mmkg:phaseKind ?kind } OPTIONAL { ?phase mmkg:phaseRegimen ?regimen }
  OPTIONAL { ?phase mmkg:startDate ?start } OPTIONAL { ?phase mmkg:endDate ?end } OPTIONAL { ?phase mmkg:bestResponse ?response } }"""


def _skolem(triple: ox.Triple) -> tuple[Any, Any, Any]:
    """The triple with its blank nodes as IRIs (``urn:mmkg:blank:…``), so that they can be bound in queries."""

    def named(term: Any) -> Any:
        return ox.NamedNode(f"urn:mmkg:blank:{term.value}") if isinstance(term, ox.BlankNode) else term

    return named(triple.subject), triple.predicate, named(triple.object)


def _order(term: Any) -> tuple[int, str]:
    """Sort key of a line or phase number: integers in order, anything else after them."""
    text = term.value if isinstance(term, (ox.Literal, ox.NamedNode)) else ""
    return (int(text), "") if re.fullmatch(r"[0-9]{1,6}", text) else (1_000_000, text)


def history_from_rdf(data: bytes, kg: Store, *, source: str = "history") -> History:
    """Read one mmkg:Patient with its lines (and their phases) from Turtle; blank nodes are accepted."""
    store = ox.Store()
    store.extend(ox.Quad(*_skolem(t)) for t in parse_turtle(data, name=source))
    prefixes = {"mmkg": MMKG}
    patients = [s["p"] for s in solutions(store, "SELECT ?p WHERE { ?p a mmkg:Patient }", prefixes=prefixes)]
    if len(patients) != 1:
        raise HistoryError(source, [f"expected one mmkg:Patient, found {len(patients)}"])
    patient = patients[0]
    problems: list[str] = []

    def values(node: Any, prop: str) -> list[Any]:
        query = bind_values(f"SELECT ?v WHERE {{ ?s mmkg:{prop} ?v }}", {"s": node})
        return [row["v"] for row in solutions(store, query, prefixes=prefixes)]

    def single(rows: list[dict[str, Any]], where: str) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for row in rows:
            for key, value in row.items():
                if value is None:
                    continue
                if key in merged and merged[key] != value:
                    problems.append(f"{where}: two values for {key}")
                merged[key] = value
        return merged

    def text(term: Any) -> Any:
        if isinstance(term, ox.Literal):
            return term.value
        return term.value if isinstance(term, ox.NamedNode) else None

    raw_lines = []
    lines: dict[Any, list[dict[str, Any]]] = {}
    for row in solutions(store, bind_values(_LINE_QUERY, {"p": patient}), prefixes=prefixes):
        lines.setdefault(row["line"], []).append(
            {name: row[name] for name in ("n", "regimen", "start", "end", "response", "progression", "progressedIn")}
        )
    ordered = sorted(lines.items(), key=lambda item: (_order(single(item[1], "line").get("n")), str(item[0])))
    for index, (node, rows) in enumerate(ordered, start=1):
        where = f"line {index}"
        row = single(rows, where)
        entry: dict[str, Any] = {}
        phase_rows: dict[Any, list[dict[str, Any]]] = {}
        for phase_row in solutions(store, bind_values(_PHASE_QUERY, {"l": node}), prefixes=prefixes):
            phase_rows.setdefault(phase_row["phase"], []).append(
                {n: phase_row[n] for n in ("n", "kind", "regimen", "start", "end", "response")}
            )
        if phase_rows:
            phases = []
            phase_order = sorted(
                phase_rows.items(), key=lambda item: (_order(single(item[1], where).get("n")), str(item[0]))
            )
            for phase_node, prow in phase_order:
                merged = single(prow, f"{where} phase")
                phase: dict[str, Any] = {}
                if merged.get("kind") is not None:
                    phase["phase"] = text(merged["kind"])
                if merged.get("regimen") is not None:
                    phase["regimen"] = text(merged["regimen"])
                else:
                    drugs = [text(d) for d in values(phase_node, "phaseDrug")]
                    if drugs:
                        phase["drugs"] = drugs
                for key, name in (("start", "start"), ("end", "end"), ("best_response", "response")):
                    if merged.get(name) is not None:
                        phase[key] = text(merged[name])
                phases.append(phase)
                if row.get("progressedIn") == phase_node:
                    entry["progressed_in"] = len(phases)
            entry["phases"] = phases
        else:
            if row.get("regimen") is not None:
                entry["regimen"] = text(row["regimen"])
            else:
                drugs = [text(d) for d in values(node, "lineDrug")]
                if drugs:
                    entry["drugs"] = drugs
            for key, name in (("start", "start"), ("end", "end")):
                if row.get(name) is not None:
                    entry[key] = text(row[name])
        refractory = [text(d) for d in values(node, "lineRefractoryTo")]
        if refractory:
            entry["refractory"] = refractory
        for key, name in (("best_response", "response"), ("progression", "progression")):
            if row.get(name) is not None:
                entry[key] = text(row[name])
        raw_lines.append(entry)
    if problems:
        raise HistoryError(source, problems)
    identifier = patient.value.rsplit("/", 1)[-1] if isinstance(patient, ox.NamedNode) else "patient"
    if not _IDENTIFIER.match(identifier):
        identifier = "patient"
    return parse_history({"id": identifier, "lines": raw_lines}, kg, source=source)


def history_from_shortcuts(
    kg: Store,
    *,
    after: str | None = None,
    exposed: list[str] | tuple[str, ...] = (),
    refractory: list[str] | tuple[str, ...] = (),
    lines: int | None = None,
) -> History:
    """A history from the CLI's quick-question options.

    ``after``: the last line contained this drug and the disease is refractory to it.
    ``exposed`` / ``refractory``: drugs or drug classes from earlier lines (a class stands
    for an unnamed member of it). ``lines``: the number of prior lines; when it is not
    given, as few as the other options need, and the report says so.
    """
    problems: list[str] = []
    assumptions: list[str] = []
    placeholders: dict[str, str] = {}
    identifier = "quick-question"

    if isinstance(exposed, str):
        exposed = [exposed]
    if isinstance(refractory, str):
        refractory = [refractory]

    def lookup(name: Any, option: str) -> str | None:
        if not isinstance(name, str):
            problems.append(f"{option}: expected a name, got {_shown(name)}")
            return None
        if not name or not name.strip():
            problems.append(f"{option}: empty name")
            return None
        try:
            iri = resolve(kg, name)
        except InputError as error:
            problems.append(f"{option}: {error}")
            return None
        if iri in (MMKG + "Drug", MMKG + "PharmacologicalClass"):
            problems.append(f"{option}: {name!r} is too general: name a drug or a drug class")
            return None
        if kg.ask(
            "ASK { ?x a owl:Class . FILTER EXISTS { ?x rdfs:subClassOf* ?top . VALUES ?top { mmkg:Drug mmkg:PharmacologicalClass } } }",
            x=iri,
        ):
            placeholder = f"{PATIENT}{identifier}/unnamed-{iri.rsplit('/', 1)[-1]}"
            placeholders[placeholder] = iri
            return placeholder
        if not kg.ask("ASK { ?x a mmkg:Drug }", x=iri):
            problems.append(f"{option}: {name!r} is neither a drug nor a drug class")
            return None
        return iri

    last = lookup(after, "--after") if after is not None else None
    earlier_exposed = [d for d in (lookup(n, "--exposed") for n in exposed) if d]
    earlier_refractory = [d for d in (lookup(n, "--refractory") for n in refractory) if d]
    needed = 1 if (after is not None or exposed or refractory) else 0
    if lines is None:
        count = needed
        if needed:
            assumptions.append(
                f"--lines not given: assumed {needed} prior line (the fewest the other options need); give --lines for more"
            )
    else:
        count = lines
    if count < 0 or count > MAX_LINES:
        problems.append(f"--lines must be between 0 and {MAX_LINES}, got {count}")
    elif count < needed:
        problems.append(f"--lines {count}: --after, --exposed and --refractory need at least one prior line")
    if problems:
        raise HistoryError("options", problems)
    built = [Line(number=n, phases=[Phase(1, [])], label="unspecified line") for n in range(1, count + 1)]
    if built:
        # what is known without its line goes to the first line; the --after drug to the last
        first = built[0]
        first.phases[0].drugs.extend(d for d in dict.fromkeys(earlier_exposed + earlier_refractory))
        first.refractory_to.extend(dict.fromkeys(earlier_refractory))
        if earlier_exposed or earlier_refractory:
            assumptions.append("drugs given with --exposed/--refractory are placed in line 1")
        if last:
            built[-1].phases[0].drugs.append(last)
            built[-1].refractory_to.append(last)
            built[-1].progression = "on-therapy"
            built[-1].label = f"line containing {kg.label(placeholders.get(last, last))}"
            assumptions.append(
                f"--after: the disease progressed on line {count}, refractory to {kg.label(placeholders.get(last, last))}"
            )
    return History(identifier, built, placeholders=placeholders, assumptions=assumptions)
