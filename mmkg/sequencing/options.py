"""The options engine: a patient's history, a region and a date in; the options that remain, with reasons.

For every product or regimen whose indication is in force in the region on the
date (``queries/approved-as-of.rq``), a status and the reasons for it:

- ``closed``: no indication in force is met (setting, prior lines, required
  exposures and refractoriness, progression on the last line), or the patient is
  refractory to a component (the line that made it so is cited);
- ``caution``: the patient was exposed to the same tumour antigen by another
  modality (e.g. a BCMA CAR-T or bispecific after a BCMA ADC), is refractory to a
  drug with the same antigen and modality, a criterion cannot be checked from the
  history, or (Italy) the indication is authorised but not reimbursed;
- ``open`` otherwise, citing the approval whose indication is met.

Each option also carries the sequencing recommendations that apply to it and the
key evidence the graph holds for its regimen, preferring populations the patient
belongs to. What each criterion means is read from the graph (indications,
defined classes, rules, recommendations); this module only applies it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..prefixes import compact
from ..queries import run
from ..store import Store
from .history import History, parse_history, read_history
from .states import PatientState, derive_state

REGIONS = ("US", "EU", "IT")
STATUS_ORDER = {"open": 0, "caution": 1, "closed": 2}
MMKG = "https://w3id.org/mmkg/ontology/"
RRMM = "https://w3id.org/mmkg/setting/RRMM"
NDMM = "https://w3id.org/mmkg/setting/NDMM"


@dataclass
class Reason:
    """Why an option has its status; ``node`` is the graph node it rests on."""

    status: str
    text: str
    node: str

    def to_dict(self) -> dict[str, str]:
        return {"status": self.status, "text": self.text, "node": self.node}


@dataclass
class Option:
    id: str
    label: str
    kind: str
    regimen: str
    components: list[str]
    targets: list[str] = field(default_factory=list)
    modality: str | None = None
    reasons: list[Reason] = field(default_factory=list)
    approvals: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return max((r.status for r in self.reasons), key=STATUS_ORDER.__getitem__, default="open")

    def to_dict(self) -> dict[str, Any]:
        worst = self.status
        ordered = sorted(self.reasons, key=lambda r: -STATUS_ORDER[r.status])
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "regimen": self.regimen,
            "targets": self.targets,
            "modality": self.modality,
            "status": worst,
            "reasons": [r.to_dict() for r in ordered],
            "approvals": self.approvals,
            "recommendations": self.recommendations,
            "evidence": self.evidence,
        }


@dataclass
class OptionsReport:
    patient: dict[str, Any]
    region: str
    as_of: dt.date
    options: list[Option]

    def to_dict(self) -> dict[str, Any]:
        return {
            "patient": self.patient,
            "region": self.region,
            "as_of": self.as_of.isoformat(),
            "disclaimer": "Information with its evidence, not medical advice.",
            "options": [o.to_dict() for o in self.options],
        }

    def by_status(self, status: str) -> list[str]:
        return [o.label for o in self.options if o.status == status]


def _members(kg: Store, cls: str) -> set[str]:
    return {r["d"] for r in kg.select("SELECT ?d WHERE { ?d a ?c }", c=cls)}


class _Engine:
    def __init__(self, kg: Store, state: PatientState, history: History, region: str, as_of: dt.date) -> None:
        self.kg = kg
        self.state = state
        self.history = history
        self.region = region
        self.as_of = as_of

    # --- the candidates ---------------------------------------------------------------

    def in_force(self) -> list[dict[str, Any]]:
        return run(self.kg, "approved-as-of", {"region": self.region, "as_of": self.as_of})  # type: ignore[return-value]

    def regimen_facts(self, regimen: str) -> list[dict[str, Any]]:
        return self.kg.select(
            """SELECT ?drug ?label ?modality ?modalityLabel ?target ?targetLabel ?antigen WHERE {
                 ?regimen mmkg:hasComponent ?drug . ?drug rdfs:label ?label .
                 OPTIONAL { ?drug mmkg:hasModality ?modality . ?modality rdfs:label ?modalityLabel }
                 OPTIONAL { ?drug mmkg:hasTarget ?target . ?target rdfs:label ?targetLabel .
                            BIND (EXISTS { ?target a mmkg:TumourAntigen } AS ?antigen) } }""",
            regimen=regimen,
        )

    # --- the criteria -----------------------------------------------------------------

    def indication_reasons(self, indication: str, approval: str, approval_label: str) -> list[Reason]:
        """Reasons an indication is not met (closed) or cannot be checked (caution); [] if met."""
        kg, state = self.kg, self.state
        facts = kg.select(
            """SELECT ?p ?v WHERE { ?i ?p ?v
                 VALUES ?p { mmkg:diseaseSetting mmkg:minPriorLines mmkg:maxPriorLines mmkg:requiresPriorExposureTo
                             mmkg:requiresRefractorinessTo mmkg:excludesPriorExposureTo mmkg:excludesRefractorinessTo
                             mmkg:lastTherapyCondition } }""",
            i=indication,
        )
        facts += kg.select(
            """SELECT ?p ?v ?n WHERE { ?i ?p ?req . ?req mmkg:ofClass ?v ; mmkg:minimumCount ?n
                 VALUES ?p { mmkg:requiresRefractorinessCount mmkg:requiresExposureCount } }""",
            i=indication,
        )
        reasons: list[Reason] = []
        where = f"({approval_label})"
        for fact in facts:
            prop, value = fact["p"].removeprefix(MMKG), fact["v"]
            if prop == "diseaseSetting":
                broader = {r["b"] for r in kg.select("SELECT ?b WHERE { ?s skos:broader* ?b }", s=value)}
                if state.prior_lines >= 1 and RRMM not in broader:
                    reasons.append(
                        Reason(
                            "closed",
                            f"indication is for {kg.label(value)}; the patient has {state.prior_lines} prior line(s) {where}",
                            approval,
                        )
                    )
                if state.prior_lines == 0 and NDMM not in broader:
                    reasons.append(
                        Reason(
                            "closed",
                            f"indication is for {kg.label(value)}; the patient has had no line of therapy {where}",
                            approval,
                        )
                    )
            elif prop == "minPriorLines" and state.prior_lines < value:
                reasons.append(
                    Reason(
                        "closed",
                        f"indication requires at least {value} prior line(s); the patient has {state.prior_lines} {where}",
                        approval,
                    )
                )
            elif prop == "maxPriorLines" and state.prior_lines > value:
                reasons.append(
                    Reason(
                        "closed",
                        f"indication admits at most {value} prior line(s); the patient has {state.prior_lines} {where}",
                        approval,
                    )
                )
            elif prop == "requiresPriorExposureTo" and not state.members_exposed(value):
                reasons.append(
                    Reason(
                        "closed",
                        f"indication requires prior exposure to {kg.label(value)}, which the history does not show {where}",
                        approval,
                    )
                )
            elif prop == "requiresRefractorinessTo" and not state.members_refractory(value):
                reasons.append(
                    Reason(
                        "closed",
                        f"indication requires refractoriness to {kg.label(value)}, which the history does not show {where}",
                        approval,
                    )
                )
            elif prop == "excludesPriorExposureTo" and state.members_exposed(value):
                reasons.append(
                    Reason("closed", f"indication excludes patients exposed to {kg.label(value)} {where}", approval)
                )
            elif prop == "excludesRefractorinessTo" and state.members_refractory(value):
                reasons.append(
                    Reason("closed", f"indication excludes patients refractory to {kg.label(value)} {where}", approval)
                )
            elif prop in ("requiresRefractorinessCount", "requiresExposureCount"):
                refractoriness = prop == "requiresRefractorinessCount"
                found = state.members_refractory(value) if refractoriness else state.members_exposed(value)
                if len(found) < fact["n"]:
                    what = "refractoriness" if refractoriness else "prior exposure"
                    reasons.append(
                        Reason(
                            "closed",
                            f"indication requires {what} to at least {fact['n']} {kg.label(value)}s; the history shows {len(found)} {where}",
                            approval,
                        )
                    )
            elif prop == "lastTherapyCondition":
                reasons.extend(self.last_therapy_reasons(value, indication, where, approval))
        return reasons

    def last_therapy_reasons(self, condition: str, indication: str, where: str, approval: str) -> list[Reason]:
        """Whether the last line meets the indication's condition, read as its wording states it."""
        state, course = self.state, self.state.last_line_course
        if condition.endswith("/no-condition") or state.last_line == 0:
            return []
        wording = self.kg.label(condition)
        line = f"line {state.last_line}"
        if course is None:
            return [
                Reason(
                    "caution",
                    f"indication requires {wording}; the history does not say how {line} ended {where}",
                    approval,
                )
            ]
        if condition.endswith("/refractory"):
            if course in ("on-therapy", "within-60-days", "non-response"):
                return []
            return [
                Reason(
                    "closed",
                    f"indication requires {wording}; {line} is not refractory (progression {course}) {where}",
                    approval,
                )
            ]
        if condition.endswith("/progression-on"):
            if course in ("on-therapy", "non-response"):
                return []
            if course in ("within-60-days", "after-60-days"):
                return [
                    Reason(
                        "caution",
                        f"indication requires {wording}; {line} progressed after the therapy ended ({course}): whether that meets the label is a reading it leaves open {where}",
                        approval,
                    )
                ]
            return [
                Reason(
                    "closed",
                    f"indication requires {wording}; the history says {line} ended without progression {where}",
                    approval,
                )
            ]
        if condition.endswith("/progression-on-or-after"):
            if course == "none":
                return [
                    Reason(
                        "closed",
                        f"indication requires {wording}; the history says {line} ended without progression {where}",
                        approval,
                    )
                ]
            return []
        return [
            Reason(
                "caution",
                f"indication states a last-therapy condition the engine does not know ({condition}) {where}",
                approval,
            )
        ]

    def component_reasons(self, option: Option, facts: list[dict[str, Any]]) -> list[Reason]:
        state, reasons = self.state, []
        line_iri = f"{self.history.iri()}/line-"
        for drug in option.components:
            if drug in state.refractory:
                n = state.refractory[drug]
                reasons.append(
                    Reason(
                        "closed",
                        f"refractory to {self.kg.label(drug)} (line {n}: {self._line_label(n)})",
                        line_iri + str(n),
                    )
                )
        mine = {(f["target"], f.get("modality")) for f in facts if f.get("antigen")}
        for prior in sorted(state.exposed):
            if prior in option.components:
                continue
            for target, modality in sorted(mine):
                prior_modality = self.kg.select(
                    "SELECT ?m WHERE { ?d mmkg:hasTarget ?t ; mmkg:hasModality ?m }", d=prior, t=target
                )
                if not prior_modality:
                    continue
                n = state.exposed[prior]
                prior_m = prior_modality[0]["m"]
                what = f"{self.kg.label(prior)} ({self.kg.label(target)}-directed {self.kg.label(prior_m)}, line {n})"
                if prior_m != modality:
                    reasons.append(
                        Reason(
                            "caution",
                            f"prior exposure to the same target by another modality: {what}; {self._evidence_after(target, prior)}",
                            line_iri + str(n),
                        )
                    )
                elif prior in state.refractory:
                    reasons.append(
                        Reason(
                            "caution",
                            f"refractory to a drug with the same target and modality: {what}",
                            line_iri + str(state.refractory[prior]),
                        )
                    )
        return reasons

    def _line_label(self, number: int) -> str:
        line = self.history.lines[number - 1]
        return line.label or ", ".join(self.kg.label(d) for d in line.drugs)

    def _evidence_after(self, target: str, prior: str) -> str:
        rows = self.kg.select(
            """SELECT DISTINCT ?result WHERE {
                 ?result mmkg:inPopulation ?population .
                 ?population mmkg:requiresPriorExposureTo ?c .
                 { ?prior a ?c } UNION { FILTER (?prior = ?c) } }""",
            prior=prior,
        )
        if rows:
            return "the graph holds results in patients with such prior exposure: " + ", ".join(
                compact(r["result"]) for r in rows
            )
        return f"the graph holds no result on activity after prior {self.kg.label(target)}-targeted therapy"

    # --- recommendations and evidence -------------------------------------------------

    def recommendations(self, options: list[Option]) -> None:
        recs = self.kg.select(
            """SELECT ?rec ?text ?prefers ?over ?about ?source WHERE {
                 ?rec a mmkg:SequencingRecommendation ; mmkg:recommendationText ?text .
                 OPTIONAL { ?rec mmkg:prefers ?prefers } OPTIONAL { ?rec mmkg:over ?over }
                 OPTIONAL { ?rec mmkg:aboutClass ?about } OPTIONAL { ?rec mmkg:inGuideline ?source } }"""
        )
        members: dict[str, set[str]] = {}

        def belongs(option: Option, cls: str) -> bool:
            if cls not in members:
                members[cls] = _members(self.kg, cls)
            return any(d in members[cls] for d in option.components)

        available = [o for o in options if o.status != "closed"]
        for rec in recs:
            entry = {"id": rec["rec"], "text": rec["text"], "source": rec.get("source")}
            for option in options:
                if rec.get("about") and belongs(option, rec["about"]):
                    option.recommendations.append({**entry, "applies": "about this class of therapy"})
                if rec.get("prefers") and rec.get("over"):
                    if belongs(option, rec["over"]):
                        preferred = [o.label for o in available if o is not option and belongs(o, rec["prefers"])]
                        if preferred:
                            option.recommendations.append({**entry, "applies": "prefer first: " + ", ".join(preferred)})
                    elif belongs(option, rec["prefers"]):
                        later = [o.label for o in available if o is not option and belongs(o, rec["over"])]
                        if later:
                            option.recommendations.append({**entry, "applies": "prefer before: " + ", ".join(later)})

    def evidence(self, option: Option) -> list[dict[str, Any]]:
        rows = self.kg.select(
            """SELECT ?result ?trial ?trialLabel ?armLabel ?population ?populationLabel ?endpointLabel ?statLabel ?estimate ?notReached
                      ?ciLower ?ciUpper ?pValue ?unit ?isExtrapolated ?source ?confidence WHERE {
                 ?arm mmkg:armRegimen ?regimen .
                 ?result mmkg:forArm ?arm ; mmkg:ofTrial ?trial ; mmkg:inPopulation ?population ;
                         mmkg:endpoint ?endpoint ; mmkg:statistic ?stat .
                 VALUES ?endpoint { endpoint:PFS endpoint:ORR endpoint:OS }
                 VALUES ?stat { stat:median stat:proportion stat:hazard-ratio }
                 ?trial rdfs:label ?trialLabel . ?population rdfs:label ?populationLabel . ?arm rdfs:label ?armLabel .
                 ?endpoint rdfs:label ?endpointLabel . ?stat rdfs:label ?statLabel .
                 OPTIONAL { ?result mmkg:estimate ?estimate } OPTIONAL { ?result mmkg:notReached ?notReached }
                 OPTIONAL { ?result mmkg:ciLower ?ciLower } OPTIONAL { ?result mmkg:ciUpper ?ciUpper }
                 OPTIONAL { ?result mmkg:unit ?unit } OPTIONAL { ?result dcterms:source ?source }
                 OPTIONAL { ?result mmkg:pValue ?pValue } OPTIONAL { ?result mmkg:isExtrapolated ?isExtrapolated }
                 OPTIONAL { ?result mmkg:confidence ?confidence } }""",
            regimen=option.regimen,
        )
        seen: dict[str, dict[str, Any]] = {}
        for row in rows:
            entry = seen.setdefault(row["result"], {**{k: v for k, v in row.items() if k != "source"}, "sources": []})
            if "source" in row:
                entry["sources"].append(row["source"])
        ranked = sorted(
            seen.values(), key=lambda r: (-self._fit(r["population"]), r["trialLabel"], r["endpointLabel"], r["result"])
        )
        return ranked[:6]

    def _fit(self, population: str) -> int:
        """How well a population matches the patient: 2 for a subgroup whose criteria the patient meets."""
        criteria = self.kg.select(
            "SELECT ?p ?v WHERE { ?pop ?p ?v VALUES ?p { mmkg:requiresRefractorinessTo mmkg:requiresPriorExposureTo } }",
            pop=population,
        )
        if not criteria:
            return 1
        for row in criteria:
            refractoriness = row["p"] == MMKG + "requiresRefractorinessTo"
            met = self.state.members_refractory(row["v"]) if refractoriness else self.state.members_exposed(row["v"])
            if not met:
                return 0
        return 2

    # --- assembling ---------------------------------------------------------------------

    def run(self) -> list[Option]:
        by_regimen: dict[str, list[dict[str, Any]]] = {}
        for row in self.in_force():
            by_regimen.setdefault(row["regimen"], []).append(row)
        options = []
        for regimen, rows in sorted(by_regimen.items()):
            facts = self.regimen_facts(regimen)
            components = sorted({f["drug"] for f in facts})
            single = len(components) == 1
            option = Option(
                id=components[0] if single else regimen,
                label=self.kg.label(components[0]) if single else self.kg.label(regimen),
                kind="product" if single else "regimen",
                regimen=regimen,
                components=components,
                targets=sorted({f["targetLabel"] for f in facts if f.get("antigen")}),
                modality=", ".join(
                    sorted({f["modalityLabel"] for f in facts if "modalityLabel" in f and f.get("antigen")})
                )
                or None,
            )
            per_indication = []
            for row in rows:
                label = self.kg.label(row["approval"])
                option.approvals.append(
                    {
                        k: (v.isoformat() if isinstance(v, dt.date) else v)
                        for k, v in row.items()
                        if k
                        in ("approval", "approval_type", "approval_date", "indication", "criteria", "reimbursement")
                    }
                    | {"label": label}
                )
                per_indication.append((row, label, self.indication_reasons(row["indication"], row["approval"], label)))
            met = [(row, label, rs) for row, label, rs in per_indication if not any(r.status == "closed" for r in rs)]
            if met:
                row, label, cautions = min(met, key=lambda m: len(m[2]))
                option.reasons.append(Reason("open", f"indication in force and met: {label}", row["approval"]))
                option.reasons.extend(cautions)
                if self.region == "IT" and row.get("reimbursement", "").startswith("authorised, not reimbursed"):
                    option.reasons.append(
                        Reason(
                            "caution",
                            "authorised in the EU and listed by AIFA in class C(nn): not reimbursed in Italy",
                            row["approval"],
                        )
                    )
            else:
                for _, _, rs in per_indication:
                    option.reasons.extend(rs)
            option.reasons.extend(self.component_reasons(option, facts))
            option.evidence = self.evidence(option)
            options.append(option)
        self.recommendations(options)
        return sorted(options, key=lambda o: (STATUS_ORDER[o.status], o.label.lower()))


def options(
    kg: Store, history: History | Path | str | dict[str, Any], *, region: str, as_of: dt.date | str | None = None
) -> OptionsReport:
    """The options in force for ``history`` in ``region`` on ``as_of`` (default: today), with reasons.

    ``history`` is a :class:`History`, the path of a YAML, JSON or Turtle history, or
    the parsed mapping. Information with its evidence; not medical advice.
    """
    if isinstance(history, (str, Path)):
        history = read_history(Path(history), kg)
    elif not isinstance(history, History):
        history = parse_history(history, kg)
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise InputError(f"as_of expects YYYY-MM-DD, got {as_of!r}") from None
    region = region.upper()
    if region not in REGIONS:
        raise InputError(f"region must be one of {', '.join(REGIONS)}, got {region!r}")
    day = as_of or dt.date.today()
    state = derive_state(kg, history)
    found = _Engine(kg, state, history, region, day).run()
    patient = {"id": history.id, **state.to_dict(kg)}
    return OptionsReport(patient=patient, region=region, as_of=day, options=found)
