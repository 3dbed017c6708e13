"""Synthetic patient histories for benchmarks and tests, drawn from the graph (seeded).

Each patient is treated in the US or the EU and diagnosed on a day between ``first`` and
``last``. Line 1 is a regimen approved there and then for newly diagnosed disease:
for a transplant-eligible patient an induction, the transplant and (mostly)
lenalidomide maintenance as *one* line, written as its phases or as flat entries that
continue it; otherwise one regimen. Each later line starts after the previous one
progressed and is a regimen approved for relapsed disease at that line and day, mostly
avoiding drugs the disease is refractory to. Courses (progression, best response) follow
the history model (``mmkg/sequencing/history.py``), sometimes unsaid, sometimes with the
refractory drugs listed; names are the labels and the spellings the graph knows; lines
are sometimes written as their drugs. Follow-up ends on ``follow_up``.

The histories are synthetic: they exercise the engine, they describe no one.

>>> import mmkg
>>> kg = mmkg.load()
>>> first = next(generate_cohort(kg, 1, seed=7))
>>> sorted(first)
['id', 'lines']
>>> mmkg.parse_history(first, kg).id
'patient-0000001'
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..resolve import resolve
from ..store import Store
from .knowledge import Approval, Knowledge, knowledge
from .regions import EC, FDA

SETTING = "https://w3id.org/mmkg/setting/"
TRANSPLANT_ELIGIBLE = {SETTING + "NDMM-TE", SETTING + "NDMM"}
TRANSPLANT_INELIGIBLE = {SETTING + "NDMM-TIE", SETTING + "NDMM"}
RELAPSED = {SETTING + "RRMM"}
MAINTENANCE = "https://w3id.org/mmkg/regimen/lenalidomide-monotherapy"
# median months a line lasts (line 1 transplant-eligible, line 1 otherwise, then lines 2, 3, …)
MEDIAN_MONTHS = {"te": 42.0, "tie": 30.0, 2: 18.0, 3: 12.0, 4: 9.0}
LATER_MONTHS = 7.0
MAX_LINES = 10
RESPONSES = ("sCR", "CR", "VGPR", "PR", "MR", "SD", "PD")
# best-response weights in line 1 and in later lines
FIRST_RESPONSES = (10, 25, 35, 20, 4, 4, 2)
LATER_RESPONSES = (3, 10, 25, 32, 10, 12, 8)
COURSES = (("on-therapy", 55), ("within-60-days", 10), ("after-60-days", 25), (None, 10))


@dataclass(frozen=True)
class _Choice:
    regimen: str
    min_lines: int | None
    max_lines: int | None
    start: dt.date
    until: dt.date | None


class _Pools:
    """What the generator draws from: approvals by agency and setting, names, components."""

    def __init__(self, kg: Store) -> None:
        k = knowledge(kg)
        self.k = k
        self.by_agency: dict[str, dict[str, list[_Choice]]] = {}
        for agency in (FDA, EC):
            self.by_agency[agency] = {
                "te": self._choices(k, agency, TRANSPLANT_ELIGIBLE, induction=True),
                "tie": self._choices(k, agency, TRANSPLANT_INELIGIBLE, induction=True),
                "rr": self._choices(k, agency, RELAPSED, induction=False),
            }
        regimens = {c.regimen for pools in self.by_agency.values() for cs in pools.values() for c in cs}
        regimens.add(MAINTENANCE)
        spellings: dict[str, set[str]] = {r: {k.label(r)} for r in regimens}
        for row in kg.select("SELECT ?r ?name WHERE { ?r a mmkg:Regimen ; skos:altLabel ?name }"):
            if row["r"] in spellings:
                spellings[row["r"]].add(str(row["name"]))
        self.names = {r: sorted(n for n in names if _names(kg, n, r)) for r, names in spellings.items()}
        self.backbone = {d for d in k.drugs if d in k.backbone}

    @staticmethod
    def _choices(k: Knowledge, agency: str, settings: set[str], *, induction: bool) -> list[_Choice]:
        found = []
        for approval in k.approvals:
            criteria = k.criteria.get(approval.indication)
            if approval.agency != agency or criteria is None or not settings & set(criteria.settings):
                continue
            if induction and (approval.regimen == MAINTENANCE or len(k.regimens.get(approval.regimen, ())) < 2):
                continue  # line 1 starts with a combination; maintenance follows it
            found.append(_choice(approval, criteria.min_lines, criteria.max_lines))
        return found


def _choice(approval: Approval, min_lines: int | None, max_lines: int | None) -> _Choice:
    return _Choice(approval.regimen, min_lines, max_lines, approval.in_force_from, approval.in_force_until)


def _names(kg: Store, name: str, regimen: str) -> bool:
    try:
        return resolve(kg, name, kind="mmkg:Regimen") == regimen
    except InputError:
        return False


class _Patient:
    def __init__(self, pools: _Pools, rng: random.Random, number: int, follow_up: dt.date) -> None:
        self.pools, self.rng, self.k = pools, rng, pools.k
        self.id = f"patient-{number:07d}"
        self.follow_up = follow_up
        self.refractory: set[str] = set()
        self.exposed: set[str] = set()
        self.entries: list[dict[str, Any]] = []

    def months(self, median: float) -> dt.timedelta:
        # log-normal around the median: a few lines last much longer than most
        return dt.timedelta(days=max(28, round(30.4 * median * self.rng.lognormvariate(0, 0.6))))

    def name(self, regimen: str) -> str:
        names = self.pools.names.get(regimen) or [self.k.label(regimen)]
        return self.rng.choice(names)

    def course(self, line: int, end: dt.date | None) -> dict[str, Any]:
        """Best response and progression of a line (none when it is still going at the end of follow-up)."""
        out: dict[str, Any] = {}
        if self.rng.random() < 0.85:
            weights = FIRST_RESPONSES if line == 1 else LATER_RESPONSES
            out["best_response"] = self.rng.choices(RESPONSES, weights)[0]
        if end is None:
            if self.rng.random() < 0.5:
                out["progression"] = "none"
            return out
        progression = self.rng.choices([c for c, _ in COURSES], [w for _, w in COURSES])[0]
        if progression is not None:
            out["progression"] = progression
        return out

    def regimen_entry(self, regimen: str) -> dict[str, Any]:
        drugs = self.k.regimens.get(regimen, ())
        if len(drugs) > 1 and self.rng.random() < 0.1:
            return {"drugs": [self.k.label(d) for d in drugs]}
        return {"regimen": self.name(regimen)}

    def note(self, regimen: str, course: dict[str, Any], progressed: bool) -> None:
        """What the patient was exposed and refractory to after a line (to choose the next one)."""
        drugs = set(self.k.regimens.get(regimen, ()))
        self.exposed |= drugs
        refractory = course.get("progression") in ("on-therapy", "within-60-days") or course.get("best_response") in (
            "SD",
            "PD",
        )
        if refractory and progressed:
            self.refractory |= drugs - self.pools.backbone

    def first_line(self, agency: str, start: dt.date) -> tuple[dt.date | None, str] | None:
        """Line 1 from the diagnosis day; returns the day it ended (None: still going) and its last regimen."""
        eligible = self.rng.random() < 0.45
        pool = self.pools.by_agency[agency]["te" if eligible else "tie"]
        regimen = self.pick(pool, start, lines=0)
        if regimen is None:
            return None
        if not eligible:
            end = self.ends(start + self.months(MEDIAN_MONTHS["tie"]))
            course = self.course(1, end)
            entry = {**self.regimen_entry(regimen), "start": start.isoformat(), **_end(end), **course}
            self.entries.append(entry)
            self.note(regimen, course, end is not None)
            return end, regimen
        induction_end = start + dt.timedelta(days=self.rng.randint(110, 180))
        transplant = induction_end + dt.timedelta(days=self.rng.randint(30, 75))
        maintenance_start = transplant + dt.timedelta(days=self.rng.randint(60, 110))
        maintained = self.rng.random() < 0.8
        end = self.ends(start + self.months(MEDIAN_MONTHS["te"]))
        if end is not None and end <= maintenance_start:
            end = maintenance_start + dt.timedelta(days=90)
            end = self.ends(end)
        phases: list[dict[str, Any]] = [
            {"phase": "induction", **self.regimen_entry(regimen), "start": start.isoformat()}
            | {"end": induction_end.isoformat()},
            {"phase": "transplant", "start": transplant.isoformat()},
        ]
        last = regimen
        if maintained:
            phases.append(
                {"phase": "maintenance", "regimen": self.name(MAINTENANCE), "start": maintenance_start.isoformat()}
                | _end(end)
            )
            last = MAINTENANCE
        course = self.course(1, end)
        if self.rng.random() < 0.25:
            # written as flat entries: the transplant and maintenance continue the induction's line
            self.entries.extend(phases[:-1])
            self.entries.append(phases[-1] | course)
        else:
            self.entries.append({"phases": phases, **course})
        self.note(last, course, end is not None)
        self.exposed |= set(self.k.regimens.get(regimen, ()))
        return end, last

    def ends(self, day: dt.date) -> dt.date | None:
        return None if day >= self.follow_up else day

    def pick(self, pool: list[_Choice], day: dt.date, *, lines: int) -> str | None:
        fits = [
            c
            for c in pool
            if c.start <= day
            and (c.until is None or day < c.until)
            and (c.min_lines or 0) <= lines
            and (c.max_lines is None or lines <= c.max_lines)
        ]
        if not fits:
            return None
        weights = []
        for choice in fits:
            drugs = set(self.k.regimens.get(choice.regimen, ()))
            weight = 1.0
            if drugs & self.refractory:
                weight *= 0.1  # clinicians mostly avoid a drug the disease is refractory to
            if drugs - self.exposed - self.pools.backbone:
                weight *= 3.0  # and prefer something new
            weights.append(weight)
        return self.rng.choices(fits, weights)[0].regimen

    def later_line(self, agency: str, number: int, start: dt.date) -> dt.date | bool | None:
        """Line ``number``; returns the day it ended, None when still going, False when nothing fits."""
        regimen = self.pick(self.pools.by_agency[agency]["rr"], start, lines=number - 1)
        if regimen is None:
            return False
        median = MEDIAN_MONTHS.get(number, LATER_MONTHS)
        end = self.ends(start + self.months(median))
        course = self.course(number, end)
        entry = {**self.regimen_entry(regimen), "start": start.isoformat(), **_end(end)}
        drugs = [d for d in self.k.regimens.get(regimen, ()) if d not in self.pools.backbone]
        if end is not None and "progression" not in course and drugs and self.rng.random() < 0.3:
            # the course is unsaid but the record names the drugs the disease was refractory to
            listed = self.rng.sample(drugs, self.rng.randint(1, len(drugs)))
            entry["refractory"] = [self.k.label(d) for d in listed]
            self.refractory |= set(listed)
        entry.update(course)
        self.entries.append(entry)
        self.note(regimen, course, end is not None)
        return end

    def history(self, agency: str, diagnosis: dt.date) -> dict[str, Any]:
        first = self.first_line(agency, diagnosis)
        if first is None:
            return {"id": self.id, "lines": []}
        end, _ = first
        number = 2
        while end is not None and number <= MAX_LINES and self.rng.random() < 0.9 - 0.05 * number:
            start = end + dt.timedelta(days=self.rng.randint(7, 60))
            if start >= self.follow_up:
                break
            ended = self.later_line(agency, number, start)
            if ended is False:
                break
            end = ended if isinstance(ended, dt.date) else None
            number += 1
        return {"id": self.id, "lines": self.entries}


def _end(day: dt.date | None) -> dict[str, str]:
    return {"end": day.isoformat()} if day else {}


def generate_cohort(
    kg: Store,
    n: int,
    *,
    seed: int = 0,
    first: dt.date = dt.date(2009, 1, 1),
    last: dt.date = dt.date(2024, 12, 31),
    follow_up: dt.date = dt.date(2026, 6, 30),
) -> Iterator[dict[str, Any]]:
    """``n`` synthetic histories (mappings in the ``--history`` form, with ``id``), the same for the same seed."""
    if n < 0:
        raise InputError(f"the number of patients must be at least 0, got {n}")
    if not first <= last < follow_up:
        raise InputError("diagnoses must fall between first and last, before the end of follow-up")
    pools = _Pools(kg)
    rng = random.Random(seed)  # noqa: S311 (synthetic histories, not secrets)
    span = (last - first).days
    for number in range(1, n + 1):
        patient = _Patient(pools, rng, number, follow_up)
        agency = rng.choice((FDA, EC))
        diagnosis = first + dt.timedelta(days=rng.randint(0, span))
        yield patient.history(agency, diagnosis)


__all__ = ["generate_cohort"]
