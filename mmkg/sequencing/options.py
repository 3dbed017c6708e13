"""The options engine: a patient's history, a region and a date in; the options that remain, with reasons.

For every product or regimen whose indication is in force in the region on the
date, a status and the reasons for it:

- ``closed``: no indication in force is met (setting, prior lines, required
  exposures and refractoriness with their counts, the condition on the last line as
  the label words it), the patient is refractory to a component, or the product is
  given once (a CAR-T) and the patient has had it;
- ``not-curated``: the graph does not record the decision that would tell (Italy:
  AIFA's decisions on the product are not curated) — never read as a "no";
- ``caution``: prior exposure to a therapy of the same target (by the same or another
  modality), a label wording whose reading is open for this patient, a criterion the
  history does not settle, or (Italy) authorised but not reimbursed;
- ``open`` otherwise, citing the approval whose indication is met.

Each option also carries the sequencing recommendations that apply to the patient
and the key evidence the graph holds for its regimen (with analysis type and data
cut), preferring populations the patient belongs to. What each criterion means is
read from the graph (indications, definitions, courses, conditions, coverage); this
module only applies it.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..prefixes import compact
from ..store import Store
from .knowledge import Approval, Criteria, Knowledge, Result, knowledge
from .regions import AGENCY_OF_REGION, AIFA, REGIONS
from .states import PatientState, derive_state

if TYPE_CHECKING:
    from .history import History, Line

STATUSES = ("open", "caution", "not-curated", "closed")
STATUS_ORDER = {status: rank for rank, status in enumerate(STATUSES)}
RRMM = "https://w3id.org/mmkg/setting/RRMM"
NDMM = "https://w3id.org/mmkg/setting/NDMM"
NO_CONDITION = "https://w3id.org/mmkg/last-line/no-condition"


@dataclass(frozen=True)
class Reason:
    """Why an option has its status; ``node`` is the graph node it rests on (shared between answers: immutable)."""

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
        ordered = sorted(self.reasons, key=lambda r: -STATUS_ORDER[r.status])
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "regimen": self.regimen,
            "targets": self.targets,
            "modality": self.modality,
            "status": self.status,
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
    assumptions: list[str] = field(default_factory=list)
    not_curated: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "patient": self.patient,
            "region": self.region,
            "as_of": self.as_of.isoformat(),
            "disclaimer": "Information with its evidence, not medical advice.",
            "assumptions": self.assumptions,
            "options": [o.to_dict() for o in self.options],
            "not_curated": self.not_curated,
        }

    def by_status(self, status: str) -> list[str]:
        return [o.label for o in self.options if o.status == status]

    def status_of(self, label: str) -> str | None:
        """The status of the option labelled ``label`` (a product or regimen), or None when it is not listed."""
        for option in self.options:
            if option.label == label:
                return option.status
        return None


# --- the criteria ----------------------------------------------------------------------


def criteria_reasons(k: Knowledge, criteria: Criteria, state: PatientState, *, where: str, node: str) -> list[Reason]:
    """Reasons ``criteria`` are not met (closed) or cannot be settled (caution); [] when met."""
    reasons: list[Reason] = []
    lines = state.prior_lines
    for setting in criteria.settings:
        broader = k.setting_ancestors.get(setting, frozenset({setting}))
        if lines >= 1 and RRMM not in broader:
            reasons.append(
                Reason("closed", f"{where} is for {k.label(setting)}; the patient has {lines} prior line(s)", node)
            )
        if lines == 0 and NDMM not in broader:
            reasons.append(
                Reason("closed", f"{where} is for {k.label(setting)}; the patient has had no line of therapy", node)
            )
    if criteria.min_lines is not None and lines < criteria.min_lines:
        reasons.append(
            Reason(
                "closed", f"{where} requires at least {criteria.min_lines} prior line(s); the patient has {lines}", node
            )
        )
    if criteria.max_lines is not None and lines > criteria.max_lines:
        reasons.append(
            Reason(
                "closed", f"{where} admits at most {criteria.max_lines} prior line(s); the patient has {lines}", node
            )
        )
    for cls in criteria.requires_exposure:
        if not state.members_exposed(cls):
            reasons.append(
                Reason(
                    "closed",
                    f"{where} requires prior exposure to {k.label(cls)}, which the history does not show",
                    node,
                )
            )
    for cls in criteria.requires_refractory:
        if not state.members_refractory(cls):
            reasons.append(
                Reason(
                    "closed",
                    f"{where} requires refractoriness to {k.label(cls)}, which the history does not show",
                    node,
                )
            )
    for cls in criteria.excludes_exposure:
        if state.members_exposed(cls):
            reasons.append(Reason("closed", f"{where} excludes patients exposed to {k.label(cls)}", node))
    for cls in criteria.excludes_refractory:
        if state.members_refractory(cls):
            reasons.append(Reason("closed", f"{where} excludes patients refractory to {k.label(cls)}", node))
    for count, refractoriness in [(c, False) for c in criteria.exposure_counts] + [
        (c, True) for c in criteria.refractory_counts
    ]:
        found = state.members_refractory(count.cls) if refractoriness else state.members_exposed(count.cls)
        if len(found) < count.minimum:
            what = "refractoriness" if refractoriness else "prior exposure"
            named = ", ".join(k.label(d) for d in found) or "none"
            reasons.append(
                Reason(
                    "closed",
                    f"{where} requires {what} to at least {count.minimum} distinct {k.label(count.cls)} drugs; the history shows {len(found)} ({named})",
                    node,
                )
            )
    if criteria.last_therapy and criteria.last_therapy != NO_CONDITION and lines > 0:
        reasons += last_therapy_reasons(k, criteria, state, where=where, node=node)
    return reasons


def last_therapy_reasons(
    k: Knowledge, criteria: Criteria, state: PatientState, *, where: str, node: str
) -> list[Reason]:
    """Whether the last line meets the criteria's last-therapy condition, read as the graph defines the condition."""
    condition = k.conditions.get(criteria.last_therapy or "")
    line = f"line {state.last_line}"
    wording = f'"{criteria.text}"' if criteria.text else k.label(criteria.last_therapy)
    if condition is None:
        return [
            Reason(
                "caution",
                f"{where} states a condition on the last therapy the graph does not define ({criteria.last_therapy})",
                node,
            )
        ]
    course = state.last_line_course
    if course is None and state.progression_on_last_line:
        # refractory without the course: met where any refractory course meets it, else open
        if k.refractory_courses <= condition.met:
            return []
        return [
            Reason(
                "caution",
                f"{where} requires {condition.label}; the history says {line} was refractory but not how it ended: {wording}",
                node,
            )
        ]
    if course is None:
        return [
            Reason("caution", f"{where} requires {condition.label}; the history does not say how {line} ended", node)
        ]
    course_label = k.label(f"https://w3id.org/mmkg/course/{course}")
    if course in condition.met:
        return []
    if course in condition.not_met:
        return [Reason("closed", f"{where} requires {condition.label}; {line} ended with {course_label}", node)]
    return [
        Reason(
            "caution",
            f"{where} requires {condition.label} and {line} ended with {course_label}: whether that meets the label is a reading it leaves open: {wording}",
            node,
        )
    ]


# --- what an option is, and what decides its status -----------------------------------


def new_option(k: Knowledge, regimen: str) -> Option:
    """The option a regimen in force gives: its product when it has one component, else the regimen."""
    components = list(k.regimens.get(regimen, ()))
    single = len(components) == 1
    antigens = sorted({t for d in components for t in k.drugs[d].targets} if components else set())
    modalities = sorted(
        {k.label(k.drugs[d].modality) for d in components if k.drugs[d].targets and k.drugs[d].modality}
    )
    return Option(
        id=components[0] if single else regimen,
        label=k.label(components[0]) if single else k.label(regimen),
        kind="product" if single else "regimen",
        regimen=regimen,
        components=components,
        targets=[k.label(t) for t in antigens],
        modality=", ".join(modalities) or None,
    )


def in_force(k: Knowledge, region: str, day: dt.date) -> list[Approval]:
    """The approvals of the region's agency in force on ``day``."""
    agency = AGENCY_OF_REGION[region]
    return [a for a in k.approvals if a.agency == agency and a.in_force(day)]


def italy_status(k: Knowledge, approval: Approval, day: dt.date) -> tuple[str, str]:
    """(status, text) of an EU approval's indication in Italy on ``day``."""
    decisions = [d for d in k.aifa if d.latest <= day]
    applying = [d for d in decisions if approval.iri in d.applies_to]
    reimbursed = [d for d in decisions if d.reimbursement and d.indication == approval.indication]
    unstated = [
        d
        for d in decisions
        if d.reimbursement
        and d.indication is None
        and d.product == approval.product
        and approval.earliest is not None
        and approval.earliest <= d.latest
    ]
    if reimbursed or (applying and unstated):
        chosen = (reimbursed or unstated)[0]
        qualifier = "" if reimbursed else " (the decision does not state which indication)"
        return "reimbursed", f"reimbursed in Italy{qualifier}: {chosen.label}"
    if applying:
        return (
            "listed",
            f"authorised in the EU and listed by AIFA in class C(nn): not reimbursed in Italy ({applying[0].label})",
        )
    coverage = k.coverage.get((approval.product, AIFA))
    if coverage is not None and (coverage.checked_on is None or day <= coverage.checked_on):
        return (
            "none",
            f"authorised in the EU; AIFA had taken no decision on this indication by {day} (AIFA's decisions on {k.label(approval.product)} are curated)",
        )
    return (
        "not-curated",
        f"authorised in the EU; AIFA's decisions on {k.label(approval.product)} are not curated in the graph, so whether it is reimbursed in Italy is not known here",
    )


_ITALY_RANK = {"reimbursed": 0, "listed": 1, "none": 2, "not-curated": 3}


def indication_reasons(
    per_indication: list[tuple[Approval, list[Reason], tuple[str, str] | None]],
) -> list[Reason]:
    """The reasons the option's indications give: the one met with the fewest doubts, or why none is met."""
    met = [(a, rs, it) for a, rs, it in per_indication if not any(r.status == "closed" for r in rs)]
    if not met:
        return [reason for _, reasons, _ in per_indication for reason in reasons]
    # the indication met with the fewest doubts, and in Italy the best reimbursement status
    approval, cautions, italy = min(met, key=lambda m: (_ITALY_RANK[m[2][0]] if m[2] else 0, len(m[1])))
    out = [Reason("open", f"indication in force and met: {approval.label}", approval.iri), *cautions]
    if italy and italy[0] == "listed":
        out.append(Reason("caution", italy[1], approval.iri))
    elif italy and italy[0] == "none":
        out.append(Reason("closed", italy[1], approval.iri))
    elif italy and italy[0] == "not-curated":
        out.append(Reason("not-curated", italy[1], approval.iri))
    return out


def targeted_priors(k: Knowledge, state: PatientState) -> list[str]:
    """The patient's prior drugs that act on a tumour antigen, in order (what same-target cautions look at)."""
    return [d for d in sorted(state.exposed) if d in k.drugs and k.drugs[d].targets]


def component_reasons(
    k: Knowledge,
    regimen: str,
    state: PatientState,
    priors: list[str],
    *,
    line_iri: str,
    line_label: Callable[[int], str],
    evidence: Callable[[str, str, str], str],
) -> list[Reason]:
    """Reasons from the patient's prior therapies: refractoriness, a one-course product given, the same target.

    ``priors``: :func:`targeted_priors`; ``evidence(regimen, prior, target)``: :func:`evidence_after`.
    """
    reasons = []
    components = k.regimens.get(regimen, ())
    for drug in components:
        if drug in state.refractory:
            n = state.refractory[drug]
            reasons.append(
                Reason("closed", f"refractory to {k.label(drug)} (line {n}: {line_label(n)})", line_iri + str(n))
            )
        elif drug in state.exposed and k.drugs[drug].single_course:
            n = state.exposed[drug]
            reasons.append(
                Reason(
                    "closed",
                    f"{k.label(drug)} was given in line {n}; its labelled use is one treatment course, so re-treatment with the same product is not an approved use",
                    drug,
                )
            )
    mine = k.target_modalities.get(regimen, frozenset())
    if not mine:
        return reasons
    for prior in priors:
        if prior in components and (prior in state.refractory or k.drugs[prior].single_course):
            continue  # closed above
        prior_drug = k.drugs[prior]
        n = state.exposed[prior]
        for target, modality in sorted(mine, key=str):
            if target not in prior_drug.targets:
                continue
            same = prior_drug.modality == modality
            what = f"{k.label(prior)} ({k.label(target)}-directed {k.label(prior_drug.modality)}, line {n})"
            if prior in components:
                kind = "the same product"
            else:
                kind = (
                    "a therapy of the same target and modality"
                    if same
                    else "a therapy of the same target by another modality"
                )
            refractory = " (refractory)" if prior in state.refractory else ""
            reasons.append(
                Reason(
                    "caution",
                    f"prior exposure to {kind}: {what}{refractory}; {evidence(regimen, prior, target)}",
                    line_iri + str(n),
                )
            )
    return reasons


def evidence_after(k: Knowledge, regimen: str, prior: str, target: str) -> str:
    """Results in populations previously exposed to what ``prior`` is, for drugs of ``target``.

    It depends on the graph alone, so each store works it out once per (regimen, prior, target).
    """
    key = (regimen, prior, target)
    found = k.evidence_after.get(key)
    if found is None:
        found = k.evidence_after[key] = _evidence_after(k, regimen, prior, target)
    return found


def _evidence_after(k: Knowledge, regimen: str, prior: str, target: str) -> str:
    found: list[Result] = []
    for required, result in k.exposure_results:
        if not k.member(prior, required):
            continue
        drugs = {d for r in result.regimens for d in k.regimens.get(r, ())}
        trial_drugs = drugs or {d for r in k.results for d in k.regimens.get(r, ()) if result in k.results[r]}
        if any(target in k.drugs[d].targets for d in trial_drugs if d in k.drugs) or not trial_drugs:
            found.append(result)
    if not found:
        return f"the graph holds no result on activity after prior {k.label(target)}-targeted therapy of that kind"
    own = [r for r in found if r.regimens & {regimen}]
    ranked = own + [r for r in found if r not in own]
    shown = "; ".join(_result_text(k, r) for r in ranked[:4])
    more = f" (+{len(ranked) - 4} more)" if len(ranked) > 4 else ""
    return f"results after such prior exposure: {shown}{more}"


def line_labeller(k: Knowledge, history: History) -> Callable[[int], str]:
    """How reasons name line ``n`` of ``history``."""

    def label(number: int) -> str:
        line: Line = history.lines[number - 1]
        return line.label or ", ".join(k.label(d) for d in line.drugs)

    return label


# --- the engine ------------------------------------------------------------------------


class _Engine:
    def __init__(self, kg: Store, state: PatientState, history: History, region: str, as_of: dt.date) -> None:
        self.kg = kg
        self.k = knowledge(kg)
        self.state = state
        self.history = history
        self.region = region
        self.as_of = as_of
        self._fits: dict[str, int] = {}  # population → fit (many results share a population)

    def run(self) -> list[Option]:
        k = self.k
        by_regimen: dict[str, list[Approval]] = {}
        for approval in in_force(k, self.region, self.as_of):
            by_regimen.setdefault(approval.regimen, []).append(approval)
        priors = targeted_priors(k, self.state)
        line_label = line_labeller(k, self.history)
        options = []
        for regimen, approvals in sorted(by_regimen.items()):
            option = new_option(k, regimen)
            per_indication = []
            for approval in approvals:
                criteria = k.criteria.get(approval.indication, Criteria(approval.indication))
                where = f"the indication ({approval.label})"
                reasons = criteria_reasons(k, criteria, self.state, where=where, node=approval.iri)
                italy = italy_status(k, approval, self.as_of) if self.region == "IT" else None
                option.approvals.append(
                    {
                        "approval": approval.iri,
                        "label": approval.label,
                        "approval_type": approval.type_label,
                        "approval_date": approval.date,
                        "indication": approval.indication,
                        "criteria": criteria.text,
                    }
                    | ({"reimbursement": italy[1]} if italy else {})
                )
                per_indication.append((approval, reasons, italy))
            option.reasons.extend(indication_reasons(per_indication))
            option.reasons.extend(
                component_reasons(
                    k,
                    regimen,
                    self.state,
                    priors,
                    line_iri=f"{self.history.iri()}/line-",
                    line_label=line_label,
                    evidence=functools.partial(evidence_after, k),
                )
            )
            option.evidence = self.evidence(option)
            options.append(option)
        self.recommendations(options)
        return sorted(options, key=lambda o: (STATUS_ORDER[o.status], o.label.lower()))

    # --- recommendations and evidence -------------------------------------------------

    def belongs(self, option: Option, cls: str) -> bool:
        return any(self.k.member(d, cls) for d in option.components)

    def recommendations(self, options: list[Option]) -> None:
        k = self.k
        available = [o for o in options if o.status != "closed"]
        for rec in k.recommendations:
            if rec.patients is not None:
                criteria = k.criteria.get(rec.patients)
                if criteria is not None and criteria_reasons(
                    k, criteria, self.state, where="the recommendation", node=rec.iri
                ):
                    continue  # the recommendation is for other patients
            entry = {
                "id": rec.iri,
                "text": rec.text,
                "source": rec.guideline,
                "level": rec.level,
                "grade": rec.grade,
            }
            for option in options:
                if rec.about and self.belongs(option, rec.about):
                    option.recommendations.append({**entry, "applies": f"about {k.label(rec.about)}"})
                if rec.prefers and rec.over:
                    if self.belongs(option, rec.over):
                        preferred = [o.label for o in available if o is not option and self.belongs(o, rec.prefers)]
                        if preferred:
                            option.recommendations.append({**entry, "applies": "prefer first: " + ", ".join(preferred)})
                    elif self.belongs(option, rec.prefers):
                        later = [o.label for o in available if o is not option and self.belongs(o, rec.over)]
                        if later:
                            option.recommendations.append({**entry, "applies": "prefer before: " + ", ".join(later)})

    def evidence(self, option: Option) -> list[dict[str, Any]]:
        k = self.k
        ranked = sorted(
            k.results.get(option.regimen, []),
            key=lambda r: (-self.fit(r.population), r.trial_label, r.endpoint_label, r.iri),
        )
        return [_result_dict(k, r) for r in ranked[:6]]

    def fit(self, population: str) -> int:
        """How well a population matches the patient: 2 for criteria the patient meets, 1 for none, 0 otherwise."""
        found = self._fits.get(population)
        if found is None:
            found = self._fits[population] = self._fit(population)
        return found

    def _fit(self, population: str) -> int:
        criteria = self.k.criteria.get(population)
        if criteria is None or not (criteria.requires_exposure or criteria.requires_refractory):
            return 1
        met = all(self.state.members_exposed(c) for c in criteria.requires_exposure) and all(
            self.state.members_refractory(c) for c in criteria.requires_refractory
        )
        return 2 if met else 0


def _result_dict(k: Knowledge, r: Result) -> dict[str, Any]:
    return {
        "result": r.iri,
        "trial": r.trial,
        "trialLabel": r.trial_label,
        "armLabel": r.arm_label,
        "population": r.population,
        "populationLabel": r.population_label,
        "endpointLabel": r.endpoint_label,
        "statLabel": r.statistic_label,
        **r.values,
        "analysis": list(r.analysis),
        "dataCutoff": r.data_cutoff,
        "sources": list(r.sources),
        "text": _result_text(k, r),
    }


def _result_text(k: Knowledge, r: Result) -> str:
    v = r.values
    if v.get("notReached"):
        value = "not reached"
    elif "estimate" in v:
        unit = {"http://qudt.org/vocab/unit/PERCENT": "%", "http://qudt.org/vocab/unit/MO": " months"}.get(
            v.get("unit", ""), ""
        )
        value = f"{v['estimate']:g}{unit}"
    else:
        value = "?"
    if "ciLower" in v and "ciUpper" in v:
        value += f" (95% CI {v['ciLower']:g}-{v['ciUpper']:g})"
    analysis = f", {', '.join(r.analysis)}" if r.analysis else ""
    cutoff = f", data cut {r.data_cutoff}" if r.data_cutoff else ""
    return f"{r.trial_label}, {r.population_label}: {r.endpoint_label} {r.statistic_label} {value}{analysis}{cutoff} [{compact(r.iri)}]"


def answer_day(as_of: Any, *, expected: str = "YYYY-MM-DD") -> dt.date | None:
    """The day a question is asked for: a date or an ISO day ``YYYY-MM-DD``; None (today) stays None.

    >>> answer_day("2025-06-01")
    datetime.date(2025, 6, 1)
    """
    if as_of is None or (isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime)):
        return as_of
    if isinstance(as_of, str):
        try:
            return dt.date.fromisoformat(as_of)
        except ValueError:
            pass
    raise InputError(f"as_of expects {expected}, got {as_of!r}")


def options(
    kg: Store, history: History | Path | str | dict[str, Any], *, region: str, as_of: dt.date | str | None = None
) -> OptionsReport:
    """The options in force for ``history`` in ``region`` on ``as_of`` (default: today), with reasons.

    ``history`` is a :class:`History`, the path of a YAML, JSON or Turtle history, or
    the parsed mapping. Lines that started after ``as_of`` are not prior lines on that
    day (the report's assumptions say so). Information with its evidence; not medical advice.

    >>> import mmkg
    >>> kg = mmkg.load()
    >>> report = options(kg, {"lines": [{"regimen": "DaraVRd", "progression": "on-therapy"}]}, region="US", as_of="2025-06-01")
    >>> report.status_of("ciltacabtagene autoleucel")
    'open'
    """
    from .history import History, parse_history, read_history  # YAML: only when a history is read

    if isinstance(history, (str, Path)):
        history = read_history(Path(history), kg)
    elif not isinstance(history, History):
        history = parse_history(history, kg)
    as_of = answer_day(as_of)
    if not isinstance(region, str) or region.upper() not in REGIONS:
        raise InputError(f"region must be one of {', '.join(REGIONS)}, got {region!r}")
    region = region.upper()
    day = as_of or dt.date.today()
    history = history.until(day)
    state = derive_state(kg, history)
    engine = _Engine(kg, state, history, region, day)
    found = engine.run()
    patient = {"id": history.id, **state.to_dict(kg)}
    return OptionsReport(
        patient=patient,
        region=region,
        as_of=day,
        options=found,
        assumptions=list(history.assumptions),
        not_curated=_not_curated(engine.k, region, day, {o.regimen for o in found}),
    )


def _not_curated(k: Knowledge, region: str, day: dt.date, listed: set[str]) -> list[dict[str, str]]:
    """Products of the graph with no approval in force here whose agency's decisions are not curated."""
    agency = AGENCY_OF_REGION[region]
    in_force = {a.product for a in k.approvals if a.agency == agency and a.in_force(day)}
    products = {a.product for a in k.approvals} | {d for d in k.drugs if k.drugs[d].targets}
    out = []
    for product in sorted(products - in_force):
        coverage = k.coverage.get((product, agency))
        if coverage is None or (coverage.checked_on is not None and day > coverage.checked_on):
            out.append(
                {
                    "product": product,
                    "label": k.label(product),
                    "reason": f"no {k.label(agency)} approval of {k.label(product)} in force on {day} is recorded, and its decisions are not curated completely: not known to be unavailable",
                }
            )
    return out


class _CallableModule(types.ModuleType):
    """The module ``mmkg.sequencing.options`` doubles as the function: calling it calls :func:`options`."""

    def __call__(
        self,
        kg: Store,
        history: History | Path | str | dict[str, Any],
        *,
        region: str,
        as_of: dt.date | str | None = None,
    ) -> OptionsReport:
        return options(kg, history, region=region, as_of=as_of)


sys.modules[__name__].__class__ = _CallableModule

__all__ = [
    "REGIONS",
    "STATUSES",
    "Option",
    "OptionsReport",
    "Reason",
    "component_reasons",
    "criteria_reasons",
    "evidence_after",
    "in_force",
    "indication_reasons",
    "italy_status",
    "last_therapy_reasons",
    "line_labeller",
    "new_option",
    "options",
    "targeted_priors",
]
