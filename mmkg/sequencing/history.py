"""A patient's treatment history: read from YAML, JSON or RDF, checked, and given as triples.

The YAML/JSON form (``examples/patient-history.yaml`` is a complete example)::

    id: example                      # optional
    lines:                           # in order, first line first
      - regimen: DaraVRd             # any label or abbreviation the graph knows
        start: 2021-02-01            # optional dates (YYYY-MM-DD)
        end: 2022-09-30
        best_response: VGPR          # optional: sCR, CR, VGPR, PR, MR, SD, PD
        progression: after-60-days   # optional: on-therapy | within-60-days | after-60-days | none
      - drugs: [carfilzomib, dexamethasone]   # or the drugs one by one
        refractory: true             # true, or the drugs refractory to: [carfilzomib]
    transplants: [2021-08-01]        # optional autologous transplant dates

A line is refractory (IMWG) when the disease progressed on it or within 60 days of
its last dose, or when ``refractory`` says so. Refractoriness of a line is not
attributed to its backbone drugs (classes marked ``mmkg:refractorinessNotAttributed``
in the graph, i.e. corticosteroids) unless they are named. Every problem in the
input is reported, one line each.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from ..errors import InputError
from ..resolve import resolve
from ..store import Store, bind_values, solutions
from ..turtle import parse_turtle

MMKG = "https://w3id.org/mmkg/ontology/"
PATIENT = "https://w3id.org/mmkg/patient/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
PROGRESSION = ("on-therapy", "within-60-days", "after-60-days", "none")
REFRACTORY_PROGRESSION = ("on-therapy", "within-60-days")
RESPONSES = ("sCR", "CR", "VGPR", "PR", "MR", "SD", "PD")
LINE_KEYS = {"regimen", "drugs", "start", "end", "best_response", "progression", "refractory"}
TOP_KEYS = {"id", "lines", "transplants"}


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is reported as a problem of its line."""


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
class Line:
    """One line of therapy, with drugs and refractoriness resolved to IRIs."""

    number: int
    drugs: list[str]
    regimen: str | None = None
    refractory_to: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    best_response: str | None = None
    progression: str | None = None
    label: str = ""

    @property
    def refractory(self) -> bool:
        return bool(self.refractory_to) or self.progression in REFRACTORY_PROGRESSION


@dataclass
class History:
    """A patient's lines of therapy in order."""

    id: str
    lines: list[Line]
    transplants: list[dt.date] = field(default_factory=list)
    # Drugs the patient is known to be exposed to or refractory to without knowing the
    # line (from the CLI's --exposed/--refractory), as IRIs; placeholders for classes.
    placeholders: dict[str, str] = field(default_factory=dict)

    @property
    def prior_lines(self) -> int:
        return len(self.lines)

    def iri(self) -> str:
        return PATIENT + self.id

    def triples(self) -> list[ox.Triple]:
        """The history as mmkg RDF (patient, lines, drugs, refractoriness)."""
        patient = ox.NamedNode(self.iri())
        out = [ox.Triple(patient, RDF_TYPE, ox.NamedNode(MMKG + "Patient"))]
        for placeholder, cls in sorted(self.placeholders.items()):
            out.append(ox.Triple(ox.NamedNode(placeholder), RDF_TYPE, ox.NamedNode(cls)))
        for line in self.lines:
            node = ox.NamedNode(f"{self.iri()}/line-{line.number}")
            out += [
                ox.Triple(patient, ox.NamedNode(MMKG + "hasLineOfTherapy"), node),
                ox.Triple(node, RDF_TYPE, ox.NamedNode(MMKG + "LineOfTherapy")),
                ox.Triple(
                    node,
                    ox.NamedNode(MMKG + "lineNumber"),
                    ox.Literal(str(line.number), datatype=ox.NamedNode(XSD + "integer")),
                ),
            ]
            if line.regimen:
                out.append(ox.Triple(node, ox.NamedNode(MMKG + "lineRegimen"), ox.NamedNode(line.regimen)))
            out += [ox.Triple(node, ox.NamedNode(MMKG + "lineDrug"), ox.NamedNode(d)) for d in line.drugs]
            out += [
                ox.Triple(node, ox.NamedNode(MMKG + "lineRefractoryTo"), ox.NamedNode(d)) for d in line.refractory_to
            ]
            for prop, value in (("startDate", line.start), ("endDate", line.end)):
                if value:
                    out.append(
                        ox.Triple(
                            node,
                            ox.NamedNode(MMKG + prop),
                            ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date")),
                        )
                    )
            for prop, text in (("bestResponse", line.best_response), ("progression", line.progression)):
                if text:
                    out.append(ox.Triple(node, ox.NamedNode(MMKG + prop), ox.Literal(text)))
        return out


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _resolve(kg: Store, name: Any, kind: str, where: str, problems: list[str]) -> str | None:
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}: expected a name, got {name!r}")
        return None
    try:
        return resolve(kg, name, kind=kind)
    except InputError as error:
        problems.append(f"{where}: {error}")
        return None


def _regimen_or_drug(kg: Store, name: Any, where: str, problems: list[str]) -> str | None:
    """A regimen by name; a drug's name stands for its monotherapy ("cilta-cel")."""
    try:
        return resolve(kg, str(name), kind="mmkg:Regimen")
    except InputError as error:
        try:
            drug = resolve(kg, str(name), kind="mmkg:Drug")
        except InputError:
            problems.append(f"{where}: {error}")
            return None
    rows = kg.select(
        "SELECT ?r WHERE { ?r mmkg:hasComponent ?d . FILTER NOT EXISTS { ?r mmkg:hasComponent ?other FILTER (?other != ?d) } }",
        d=drug,
    )
    if len(rows) != 1:
        problems.append(f"{where}: {name!r} is a drug with no single monotherapy regimen; list it under 'drugs'")
        return None
    return str(rows[0]["r"])


def _backbone_drugs(kg: Store, drugs: list[str]) -> set[str]:
    if not drugs:
        return set()
    values = " ".join(f"<{d}>" for d in drugs)
    rows = kg.select(
        f"SELECT DISTINCT ?d WHERE {{ VALUES ?d {{ {values} }} ?d a ?c . ?c mmkg:refractorinessNotAttributed true }}"
    )
    return {r["d"] for r in rows}


def _components(kg: Store, regimen: str) -> list[str]:
    return sorted(r["d"] for r in kg.select("SELECT ?d WHERE { ?r mmkg:hasComponent ?d }", r=regimen))


def parse_history(data: Any, kg: Store, *, source: str = "history") -> History:
    """Check ``data`` (the parsed YAML/JSON) against the graph; raise HistoryError listing every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise HistoryError(source, ["the history must be a mapping with a 'lines' list"])
    for key in sorted(set(data) - TOP_KEYS):
        problems.append(f"unknown field {key!r} (fields: {', '.join(sorted(TOP_KEYS))})")
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list):
        problems.append("'lines' must be a list of lines of therapy (it may be empty)")
        raw_lines = []
    lines: list[Line] = []
    for number, raw in enumerate(raw_lines, start=1):
        where = f"line {number}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping with 'regimen' or 'drugs'")
            continue
        for key in sorted(set(raw) - LINE_KEYS):
            problems.append(f"{where}: unknown field {key!r} (fields: {', '.join(sorted(LINE_KEYS))})")
        regimen = None
        drugs: list[str] = []
        if "regimen" in raw:
            regimen = _regimen_or_drug(kg, raw["regimen"], f"{where}: regimen", problems)
            if regimen:
                drugs = _components(kg, regimen)
        if "drugs" in raw:
            listed = raw["drugs"] if isinstance(raw["drugs"], list) else [raw["drugs"]]
            for name in listed:
                drug = _resolve(kg, name, "mmkg:Drug", f"{where}: drug", problems)
                if drug and drug not in drugs:
                    drugs.append(drug)
        if "regimen" not in raw and "drugs" not in raw:
            problems.append(f"{where}: give a 'regimen' or the 'drugs'")
        progression = raw.get("progression")
        if progression is not None and progression not in PROGRESSION:
            problems.append(f"{where}: progression {progression!r} must be one of {', '.join(PROGRESSION)}")
            progression = None
        response = raw.get("best_response")
        if response is not None and str(response) not in RESPONSES:
            problems.append(f"{where}: best_response {response!r} must be one of {', '.join(RESPONSES)}")
            response = None
        start = _date(raw.get("start"), f"{where}: start", problems)
        end = _date(raw.get("end"), f"{where}: end", problems)
        if start and end and end < start:
            problems.append(f"{where}: end {end} is before start {start}")
        refractory_to: list[str] = []
        flag = raw.get("refractory")
        if flag is True or (flag is None and progression in REFRACTORY_PROGRESSION):
            backbone = _backbone_drugs(kg, drugs)
            refractory_to = [d for d in drugs if d not in backbone]
        elif isinstance(flag, list):
            for name in flag:
                drug = _resolve(kg, name, "mmkg:Drug", f"{where}: refractory", problems)
                if drug and drug not in drugs:
                    problems.append(f"{where}: refractory to {name!r}, which the line does not contain")
                elif drug:
                    refractory_to.append(drug)
        elif flag not in (None, False):
            problems.append(f"{where}: refractory must be true, false or a list of drugs")
        label = str(raw.get("regimen") or " + ".join(str(d) for d in raw.get("drugs") or []))
        lines.append(Line(number, drugs, regimen, refractory_to, start, end, response, progression, label))
    for earlier, later in itertools.pairwise(lines):
        if earlier.start and later.start and later.start < earlier.start:
            problems.append(f"line {later.number}: starts before line {earlier.number}")
    transplants = [d for d in (_date(v, "transplants", problems) for v in data.get("transplants") or []) if d]
    if problems:
        raise HistoryError(source, problems)
    identifier = str(data.get("id") or "patient")
    return History(identifier, lines, transplants)


def read_history(path: Path, kg: Store) -> History:
    """Read a history from a YAML, JSON or Turtle file."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror}") from None
    if path.suffix in (".ttl", ".turtle"):
        return history_from_rdf(text.encode("utf-8"), kg, source=name)
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_YamlLoader)  # noqa: S506 (a safe loader)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        first = str(error).strip().splitlines()[0]
        raise InputError(f"{name}: not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {first}") from None
    return parse_history(data, kg, source=name)


def history_from_rdf(data: bytes, kg: Store, *, source: str = "history") -> History:
    """Read one mmkg:Patient with its mmkg:LineOfTherapy nodes from Turtle."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in parse_turtle(data, name=source))
    prefixes = {"mmkg": MMKG}
    patients = [s["p"] for s in solutions(store, "SELECT ?p WHERE { ?p a mmkg:Patient }", prefixes=prefixes)]
    if len(patients) != 1:
        raise HistoryError(source, [f"expected one mmkg:Patient, found {len(patients)}"])
    patient = patients[0]
    query = """
        SELECT ?line ?n ?regimen ?start ?end ?response ?progression
        WHERE { ?p mmkg:hasLineOfTherapy ?line .
                OPTIONAL { ?line mmkg:lineNumber ?n } OPTIONAL { ?line mmkg:lineRegimen ?regimen }
                OPTIONAL { ?line mmkg:startDate ?start } OPTIONAL { ?line mmkg:endDate ?end }
                OPTIONAL { ?line mmkg:bestResponse ?response } OPTIONAL { ?line mmkg:progression ?progression } }
        ORDER BY ?n ?start"""
    raw_lines = []
    for row in solutions(store, bind_values(query, {"p": patient}), prefixes=prefixes):
        line = row["line"]
        drugs = [
            r["d"].value
            for r in solutions(
                store, bind_values("SELECT ?d WHERE { ?l mmkg:lineDrug ?d }", {"l": line}), prefixes=prefixes
            )
        ]
        refractory = [
            r["d"].value
            for r in solutions(
                store, bind_values("SELECT ?d WHERE { ?l mmkg:lineRefractoryTo ?d }", {"l": line}), prefixes=prefixes
            )
        ]
        entry: dict[str, Any] = {}
        if row["regimen"] is not None:
            entry["regimen"] = row["regimen"].value
        if drugs:
            entry["drugs"] = drugs
        if refractory:
            entry["refractory"] = refractory
        for key, var in (
            ("start", "start"),
            ("end", "end"),
            ("best_response", "response"),
            ("progression", "progression"),
        ):
            if row[var] is not None:
                entry[key] = row[var].value
        raw_lines.append(entry)
    identifier = patient.value.rsplit("/", 1)[-1] if isinstance(patient, ox.NamedNode) else "patient"
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
    for an unnamed member of it). ``lines``: the number of prior lines (default: as few
    as the other options need).
    """
    problems: list[str] = []
    placeholders: dict[str, str] = {}
    identifier = "quick-question"

    def lookup(name: str, option: str) -> str | None:
        try:
            iri = resolve(kg, name)
        except InputError as error:
            problems.append(f"{option}: {error}")
            return None
        if kg.query("ASK { ?x a owl:Class }", x=iri):
            placeholder = f"{PATIENT}{identifier}/unnamed-{iri.rsplit('/', 1)[-1]}"
            placeholders[placeholder] = iri
            return placeholder
        if not kg.query("ASK { ?x a mmkg:Drug }", x=iri):
            problems.append(f"{option}: {name!r} is neither a drug nor a drug class")
            return None
        return iri

    last = lookup(after, "--after") if after else None
    earlier_exposed = [d for d in (lookup(n, "--exposed") for n in exposed) if d]
    earlier_refractory = [d for d in (lookup(n, "--refractory") for n in refractory) if d]
    needed = 1 if (after or earlier_exposed or earlier_refractory) else 0
    count = needed if lines is None else lines
    if count < needed:
        problems.append(f"--lines {count}: --after, --exposed and --refractory need at least one prior line")
    if problems:
        raise HistoryError("options", problems)
    built = [Line(number=n, drugs=[], label="unspecified line") for n in range(1, count + 1)]
    if built:
        # what is known without its line goes to the first line; the --after drug to the last
        first = built[0]
        first.drugs.extend(d for d in dict.fromkeys(earlier_exposed + earlier_refractory))
        first.refractory_to.extend(dict.fromkeys(earlier_refractory))
        if last:
            built[-1].drugs.append(last)
            built[-1].refractory_to.append(last)
            built[-1].label = f"line containing {kg.label(placeholders.get(last, last))}"
    return History(identifier, built, placeholders=placeholders)
