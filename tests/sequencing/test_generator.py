"""The synthetic cohort: seeded, valid, and as varied as the history model."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from mmkg.errors import InputError
from mmkg.sequencing import generate_cohort, parse_history
from mmkg.sequencing.history import TRANSPLANT_PHASE
from mmkg.sequencing.knowledge import knowledge

N = 300


@pytest.fixture(scope="module")
def raw(kg):
    return list(generate_cohort(kg, N, seed=3))


@pytest.fixture(scope="module")
def histories(kg, raw):
    return [parse_history(h, kg) for h in raw]


def test_the_same_seed_gives_the_same_cohort_and_another_seed_another(kg, raw) -> None:
    assert list(generate_cohort(kg, N, seed=3)) == raw
    assert list(generate_cohort(kg, N, seed=4)) != raw


def test_every_generated_history_is_valid_and_identified(histories) -> None:
    assert len({h.id for h in histories}) == N


def test_lines_are_dated_in_order_and_every_later_line_has_a_start(histories) -> None:
    for history in histories:
        starts = [line.start for line in history.lines]
        assert all(day is not None for day in starts[1:]), history.id
        assert starts == sorted(day for day in starts if day is not None), history.id


def test_transplant_eligible_patients_have_induction_transplant_and_maintenance_as_one_line(histories) -> None:
    first_lines = [h.lines[0] for h in histories if h.lines]
    transplanted = [line for line in first_lines if any(p.kind == TRANSPLANT_PHASE for p in line.phases)]
    assert len(transplanted) > N // 5
    assert any(len(line.phases) == 3 for line in transplanted)


def test_the_cohort_covers_the_courses_refractoriness_and_depths_the_model_knows(kg, histories) -> None:
    k = knowledge(kg)
    courses = Counter(line.course(k) for h in histories for line in h.lines)
    assert {"on-therapy", "within-60-days", "after-60-days", "non-response", None} <= set(courses)
    assert any(line.refractory_to for h in histories for line in h.lines)
    depths = Counter(len(h.lines) for h in histories)
    assert max(depths) >= 5 and depths[1] > 0


def test_lines_are_regimens_approved_in_the_graph(kg, histories) -> None:
    approved = {a.regimen for a in knowledge(kg).approvals}
    used = {line.phases[0].regimen for h in histories for line in h.lines if line.phases[0].regimen}
    assert used <= approved


def test_a_negative_size_or_bad_dates_are_refused(kg) -> None:
    with pytest.raises(InputError):
        next(generate_cohort(kg, -1))
    with pytest.raises(InputError):
        next(generate_cohort(kg, 1, first=dt.date(2020, 1, 1), last=dt.date(2019, 1, 1)))
