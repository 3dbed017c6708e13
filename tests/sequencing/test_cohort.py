"""The batch engine gives every patient, at every relapse, exactly the single-patient engine's answer."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from mmkg.errors import InputError
from mmkg.sequencing import (
    EACH_RELAPSE,
    REGIONS,
    History,
    HistoryError,
    generate_cohort,
    history_from_shortcuts,
    options,
    options_for_cohort,
    parse_history,
)
from mmkg.sequencing.cohort import RelapseError

FIXED_DAYS = (dt.date(2016, 3, 1), dt.date(2022, 6, 1), dt.date(2025, 9, 1))


def single_patient_rows(kg, history: History, region: str, *, each_relapse: bool, day: dt.date | None = None):
    """What the single-patient engine says, in the batch engine's row form."""
    if each_relapse:
        points = [
            (relapse, line.start, History(history.id, history.lines[:relapse], history.placeholders))
            for relapse, line in enumerate(history.lines[1:], start=1)
        ]
    else:
        assert day is not None
        points = [(len(history.until(day).lines), day, history)]
    rows = []
    for relapse, when, before in points:
        report = options(kg, before, region=region, as_of=when)
        for option in report.options:
            reasons = [(r["status"], r["text"], r["node"]) for r in option.to_dict()["reasons"]]
            rows.append((history.id, relapse, when, option.id, option.label, option.kind, option.status, reasons))
    return rows


def batch_rows(kg, histories: list[History], region: str, as_of: Any):
    return [
        (
            r.patient,
            r.relapse,
            r.day,
            r.option,
            r.label,
            r.kind,
            r.status,
            [(x.status, x.text, x.node) for x in r.reasons],
        )
        for r in options_for_cohort(kg, histories, region=region, as_of=as_of)
    ]


def assert_same_answers(kg, histories: list[History], regions: tuple[str, ...], days: tuple[dt.date, ...]) -> None:
    for region in regions:
        expected = [row for h in histories for row in single_patient_rows(kg, h, region, each_relapse=True)]
        assert batch_rows(kg, histories, region, EACH_RELAPSE) == expected, region
        for day in days:
            expected = [
                row for h in histories for row in single_patient_rows(kg, h, region, each_relapse=False, day=day)
            ]
            assert batch_rows(kg, histories, region, day) == expected, (region, day)


@pytest.fixture(scope="module")
def sample(kg) -> list[History]:
    return [parse_history(h, kg) for h in generate_cohort(kg, 30, seed=16)]


def test_batch_and_single_patient_engines_agree_on_30_generated_patients(kg, sample) -> None:
    assert sum(len(h.lines) - 1 for h in sample if h.lines) > 50  # enough relapses to mean something
    # every relapse in Italy (the EU's approvals and AIFA's decisions), one day in the US
    assert_same_answers(kg, sample, ("IT",), ())
    assert_same_answers(kg, sample, ("US",), FIXED_DAYS[1:2])


@pytest.mark.slow
def test_batch_and_single_patient_engines_agree_on_1000_generated_patients(kg) -> None:
    assert_same_answers(kg, [parse_history(h, kg) for h in generate_cohort(kg, 1000, seed=1000)], REGIONS, FIXED_DAYS)


def test_answers_stay_the_same_when_what_is_shared_is_forgotten_mid_cohort(kg, sample, monkeypatch) -> None:
    """The bounds that keep memory flat drop shared answers, profiles and a patient's past between patients."""
    from mmkg.sequencing import cohort

    monkeypatch.setattr(cohort, "_MAX_SHARED", 3)
    assert_same_answers(kg, sample, ("EU",), FIXED_DAYS[2:])


def test_answers_that_say_the_same_are_one_object(kg, sample) -> None:
    """Different profiles and prior therapies often come to the same reasons (a third of the answers
    were new objects on 20k generated patients): one object, so a formatter makes its text once."""
    from mmkg.sequencing.cohort import CohortEngine

    engine = CohortEngine(kg, region="EU", as_of=EACH_RELAPSE)
    found: dict[Any, Any] = {}
    for history in sample:
        for _, _, _, answers in engine.relapses(history):
            for answer in answers:
                assert found.setdefault((answer.option, answer.parts), answer) is answer
    assert len(found) > 100


def test_two_workers_give_the_same_rows_in_the_same_order(kg, sample, monkeypatch) -> None:
    """Workers send each answer once and then its number; a worker that forgets what it sent starts anew."""
    from mmkg.sequencing import cohort

    one = list(options_for_cohort(kg, sample, region="IT", as_of=EACH_RELAPSE))
    assert list(kg.options_for_cohort(sample, region="IT", as_of=EACH_RELAPSE, workers=2)) == one
    monkeypatch.setattr(cohort, "_CHUNK", 3)  # ten chunks over the two workers
    monkeypatch.setattr(cohort, "_MAX_SENT", 40)  # and a new generation every chunk or two
    assert list(kg.options_for_cohort(sample, region="IT", as_of=EACH_RELAPSE, workers=2)) == one


def test_with_workers_a_bad_history_still_stops_the_cohort_where_it_is(kg, sample) -> None:
    """The rows of the patients before it come out, then the error naming its place (as in one process)."""
    histories: list[Any] = [*sample, {"id": "bad", "lines": [{"regimen": "no-such"}]}, *sample[:5]]
    got = []
    with pytest.raises(HistoryError, match=f"history {len(sample) + 1}") as raised:
        got.extend(options_for_cohort(kg, histories, region="EU", as_of="2025-01-01", workers=2))
    assert any("no-such" in problem for problem in raised.value.problems)
    assert got == list(options_for_cohort(kg, sample, region="EU", as_of="2025-01-01"))


def test_workers_must_be_a_positive_whole_number(kg) -> None:
    for workers in (0, -1, 1.5, True):
        with pytest.raises(InputError, match="workers"):
            next(options_for_cohort(kg, [], region="EU", workers=workers))


def test_quick_form_patients_whose_drugs_stand_for_classes_agree_too(kg) -> None:
    history = history_from_shortcuts(
        kg, after="belantamab mafodotin", refractory=["anti-CD38"], exposed=["bortezomib", "IMiD"], lines=4
    )
    for region in REGIONS:
        day = dt.date(2026, 11, 1)
        assert batch_rows(kg, [history], region, day) == single_patient_rows(
            kg, history, region, each_relapse=False, day=day
        )


def test_each_relapse_answers_on_the_day_each_later_line_started_with_the_lines_before_it(kg) -> None:
    history = {
        "id": "three-lines",
        "lines": [
            {"regimen": "VRd", "start": "2018-02-05", "progression": "on-therapy"},
            {"regimen": "DKd", "start": "2021-01-11", "progression": "on-therapy"},
            {"regimen": "teclistamab monotherapy", "start": "2024-03-04"},
        ],
    }
    rows = list(options_for_cohort(kg, [history], region="US", as_of="each-relapse"))
    assert sorted({(r.relapse, r.day) for r in rows}) == [(1, dt.date(2021, 1, 11)), (2, dt.date(2024, 3, 4))]
    second = {r.label: r for r in rows if r.relapse == 2}
    assert second["DKd"].status == "closed"  # refractory to it since line 2
    assert any("line 2" in reason.text for reason in second["DKd"].reasons)


def test_a_history_without_relapse_dates_cannot_be_answered_at_each_relapse(kg) -> None:
    history = {"id": "undated", "lines": [{"regimen": "VRd"}, {"regimen": "Kd"}]}
    with pytest.raises(RelapseError, match="line 2 has no start date"):
        list(options_for_cohort(kg, [history], region="EU", as_of=EACH_RELAPSE))


def test_a_bad_history_names_its_place_in_the_cohort(kg) -> None:
    good = {"id": "good", "lines": [{"regimen": "VRd"}]}
    with pytest.raises(HistoryError, match="history 2"):
        list(options_for_cohort(kg, [good, {"id": "bad", "lines": [{"regimen": "no-such"}]}], region="EU"))


def test_bad_region_or_day_is_refused_before_any_patient(kg) -> None:
    with pytest.raises(InputError, match="region"):
        next(options_for_cohort(kg, [], region="UK"))
    with pytest.raises(InputError, match="each relapse"):
        next(options_for_cohort(kg, [], region="EU", as_of="yesterday"))


def test_rows_stream_from_an_endless_cohort(kg) -> None:
    """Constant memory: the engine reads a history only when its rows are asked for."""

    def endless() -> Iterator[dict[str, Any]]:
        for number in itertools.count():
            yield {"id": f"p{number}", "lines": [{"regimen": "VRd", "start": "2019-01-01"}]}

    rows = list(itertools.islice(options_for_cohort(kg, endless(), region="EU", as_of="2025-01-01"), 100))
    assert len({row.patient for row in rows}) >= 2


def test_the_knowledge_graph_answers_cohorts(kg, sample) -> None:
    rows = list(kg.options_for_cohort(sample[:5], region="IT", as_of=EACH_RELAPSE))
    assert rows == list(options_for_cohort(kg, sample[:5], region="IT", as_of=EACH_RELAPSE))
