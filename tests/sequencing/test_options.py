"""Sequencing scenarios built from the deck and the approval history: statuses and their reasons."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mmkg.errors import InputError
from mmkg.sequencing import HistoryError, history_from_shortcuts, options, parse_history, read_history

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "patient-history.yaml"


def statuses(report) -> dict[str, str]:
    return {o.label: o.status for o in report.options}


def reasons(report, label: str) -> list[str]:
    return [r.text for o in report.options if o.label == label for r in o.reasons]


@pytest.fixture(scope="module")
def after_belamaf(kg):
    """Four prior lines; len-refractory; bortezomib and daratumumab exposed; last line belamaf, refractory."""
    history = history_from_shortcuts(
        kg, after="belantamab mafodotin", refractory=["lenalidomide"], exposed=["bortezomib", "daratumumab"], lines=4
    )
    return options(kg, history, region="EU", as_of=dt.date(2026, 11, 1))


def test_after_a_bcma_adc_bcma_car_t_and_bispecifics_need_caution(after_belamaf) -> None:
    got = statuses(after_belamaf)
    for product in (
        "ciltacabtagene autoleucel",
        "idecabtagene vicleucel",
        "teclistamab",
        "elranatamab",
        "linvoseltamab",
    ):
        assert got[product] == "caution", product
        assert any("belantamab mafodotin" in r and "another modality" in r for r in reasons(after_belamaf, product))


def test_after_a_bcma_adc_talquetamab_stays_open(after_belamaf) -> None:
    assert statuses(after_belamaf)["talquetamab"] == "open"


def test_after_refractoriness_to_belamaf_its_regimens_are_closed(after_belamaf) -> None:
    got = statuses(after_belamaf)
    assert got["BVd"] == got["BPd"] == "closed"
    assert any("refractory to belantamab mafodotin (line 4" in r for r in reasons(after_belamaf, "BVd"))


def test_lenalidomide_regimens_are_closed_for_a_lenalidomide_refractory_patient(after_belamaf) -> None:
    got = statuses(after_belamaf)
    for regimen in ("DRd", "KRd", "IxaRd", "EloRd"):
        assert got[regimen] == "closed", regimen


def test_every_status_has_a_reason_pointing_to_a_graph_node(after_belamaf) -> None:
    for option in after_belamaf.options:
        worst = [r for r in option.reasons if r.status == option.status]
        assert worst, option.label
        assert all(r.node.startswith("https://w3id.org/mmkg/") for r in option.reasons), option.label


def test_imwg_recommends_car_t_before_bcma_bispecifics(after_belamaf) -> None:
    teclistamab = next(o for o in after_belamaf.options if o.label == "teclistamab")
    texts = [r["applies"] for r in teclistamab.recommendations]
    assert any(t.startswith("prefer first:") and "ciltacabtagene autoleucel" in t for t in texts)
    cilta = next(o for o in after_belamaf.options if o.label == "ciltacabtagene autoleucel")
    assert any("refer" in r["text"].lower() for r in cilta.recommendations)


def test_len_refractory_after_one_line_can_receive_cilta_cel_in_june_2024_not_march(kg) -> None:
    history = parse_history({"lines": [{"regimen": "VRd", "refractory": ["lenalidomide"]}]}, kg)
    march = options(kg, history, region="US", as_of=dt.date(2024, 3, 1))
    june = options(kg, history, region="US", as_of=dt.date(2024, 6, 1))
    assert statuses(march)["ciltacabtagene autoleucel"] == "closed"
    assert any("at least 4 prior line" in r for r in reasons(march, "ciltacabtagene autoleucel"))
    assert statuses(june)["ciltacabtagene autoleucel"] == "open"


def test_belantamab_history_in_the_options(kg) -> None:
    history = parse_history(
        {"lines": [{"regimen": "DRd", "progression": "on-therapy"}, {"regimen": "Kd", "progression": "on-therapy"}]}, kg
    )

    def belamaf(region: str, day: str) -> dict[str, str]:
        report = options(kg, history, region=region, as_of=dt.date.fromisoformat(day))
        return {
            o.label: o.status
            for o in report.options
            if "https://w3id.org/mmkg/drug/belantamab-mafodotin" in o.components
        }

    assert belamaf("EU", "2025-03-01") == {}
    assert belamaf("EU", "2025-08-15") == {"BPd": "open", "BVd": "open"}
    assert belamaf("US", "2025-11-01") == {"BVd": "open"}


def test_bispecifics_need_four_prior_lines_in_the_us_three_in_the_eu(kg) -> None:
    history = parse_history(
        {"lines": [{"regimen": "DRd"}, {"regimen": "Kd"}, {"regimen": "PVd", "progression": "on-therapy"}]}, kg
    )
    us = options(kg, history, region="US", as_of=dt.date(2025, 6, 1))
    eu = options(kg, history, region="EU", as_of=dt.date(2025, 6, 1))
    for product in ("teclistamab", "elranatamab", "talquetamab"):
        assert statuses(us)[product] == "closed"
        assert any("at least 4 prior line" in r for r in reasons(us, product))
        assert statuses(eu)[product] == "open"


def test_italy_marks_class_cnn_products_as_not_reimbursed(kg) -> None:
    history = parse_history(
        {"lines": [{"regimen": "DRd"}, {"regimen": "Kd"}, {"regimen": "PVd", "progression": "on-therapy"}]}, kg
    )
    italy = options(kg, history, region="IT", as_of=dt.date(2025, 6, 1))
    assert statuses(italy)["talquetamab"] == "caution"
    assert any("not reimbursed in Italy" in r for r in reasons(italy, "talquetamab"))


def test_unknown_progression_on_the_last_line_is_a_caution_not_a_closure(kg) -> None:
    history = parse_history({"lines": [{"regimen": "DRd"}, {"regimen": "Kd"}, {"regimen": "PVd"}]}, kg)
    eu = options(kg, history, region="EU", as_of=dt.date(2025, 6, 1))
    assert statuses(eu)["teclistamab"] == "caution"
    assert any("does not say how line 3 ended" in r for r in reasons(eu, "teclistamab"))


def test_example_history_file_and_its_turtle_form_agree(kg, tmp_path: Path) -> None:
    from mmkg.turtle import to_ntriples

    history = read_history(EXAMPLE, kg)
    # DaraVRd (4) + high-dose melphalan + lenalidomide maintenance: one line of three phases
    assert [len(line.drugs) for line in history.lines] == [5, 2, 3]
    assert [len(line.phases) for line in history.lines] == [3, 1, 1]
    turtle = tmp_path / "history.ttl"
    turtle.write_bytes(to_ntriples(history.triples()))
    again = read_history(turtle, kg)
    assert [sorted(line.drugs) for line in again.lines] == [sorted(line.drugs) for line in history.lines]
    assert [sorted(line.refractory_to) for line in again.lines] == [
        sorted(line.refractory_to) for line in history.lines
    ]


def test_bad_history_lists_every_problem(kg) -> None:
    with pytest.raises(HistoryError) as error:
        parse_history(
            {
                "lines": [
                    {"regimen": "Dara-Kx"},
                    {"drugs": ["lenalidomid"], "progression": "sometimes"},
                    {"start": "2020-13-01"},
                ],
                "colour": 1,
            },
            kg,
        )
    problems = error.value.problems
    assert len(problems) == 6
    assert any("did you mean 'DaraKd'" in p for p in problems)
    assert any("line 3: start: '2020-13-01' is not a date" in p for p in problems)


def test_a_line_read_before_is_read_again_for_its_dates_and_problems(kg) -> None:
    """Lines that say the same but for their dates are checked against the graph once: their dates every time."""
    line = {"regimen": "VRd", "best_response": "VGPR", "progression": "on-therapy"}
    first = parse_history({"lines": [{**line, "start": "2020-01-01", "end": "2020-09-01"}]}, kg)
    again = parse_history({"lines": [{**line, "start": "2021-02-01"}]}, kg)
    assert (first.lines[0].start, first.lines[0].end) == (dt.date(2020, 1, 1), dt.date(2020, 9, 1))
    assert (again.lines[0].start, again.lines[0].end) == (dt.date(2021, 2, 1), dt.date(2021, 2, 1))
    assert again.lines[0].refractory_to == first.lines[0].refractory_to != []
    again.lines[0].refractory_to.clear()  # each history has its own lines
    first.lines[0].phases[0].drugs.clear()
    third = parse_history({"lines": [{**line, "start": "2022-03-01"}]}, kg)
    assert third.lines[0].refractory_to == first.lines[0].refractory_to != []
    assert third.lines[0].drugs == again.lines[0].drugs != []
    for dates, problem in (
        ({"start": "2021-02-01", "end": "2020-01-01"}, "line 1: end 2020-01-01 is before start 2021-02-01"),
        ({"start": "2021-02-30"}, "line 1: start: '2021-02-30' is not a date (YYYY-MM-DD)"),
    ):
        with pytest.raises(HistoryError) as error:
            parse_history({"lines": [{**line, **dates}]}, kg)
        assert problem in error.value.problems
    for _ in range(2):  # a line with a problem is read in full every time
        with pytest.raises(HistoryError, match="1 problem"):
            parse_history({"lines": [{"regimen": "VRd", "progression": "sometimes"}]}, kg)
    parse_history({"lines": [{"regimen": "VRd", "refractory": True}]}, kg)
    with pytest.raises(HistoryError) as error:  # 1 == True, but not a flag
        parse_history({"lines": [{"regimen": "VRd", "refractory": 1}]}, kg)
    assert error.value.problems == ["line 1: refractory must be true, false or a list of drugs"]


def test_region_must_be_us_eu_or_it(kg) -> None:
    with pytest.raises(InputError, match="region must be one of"):
        options(kg, parse_history({"lines": []}, kg), region="UK")


def test_options_cli_json_shape(run_mmkg) -> None:
    result = run_mmkg(
        "options",
        "--after",
        "belantamab mafodotin",
        "--refractory",
        "lenalidomide",
        "--exposed",
        "bortezomib",
        "--exposed",
        "daratumumab",
        "--lines",
        "4",
        "--region",
        "EU",
        "--as-of",
        "2026-11-01",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"patient", "region", "as_of", "options"}
    option = next(o for o in data["options"] if o["label"] == "talquetamab")
    assert set(option) >= {
        "id",
        "label",
        "kind",
        "targets",
        "modality",
        "status",
        "reasons",
        "approvals",
        "recommendations",
        "evidence",
    }
    assert (
        option["id"] == "https://w3id.org/mmkg/drug/talquetamab"
        and option["kind"] == "product"
        and option["status"] == "open"
    )
    assert option["targets"] == ["GPRC5D"]


def test_options_cli_bad_history_exits_2_with_one_line_per_problem(run_mmkg, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("lines:\n  - regimen: Dara-Kx\n  - drugs: [lenalidomid]\n", encoding="utf-8")
    result = run_mmkg("options", "--history", str(bad), "--region", "EU")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(f"mmkg: error: {bad}: line ") for line in lines)
    broken = tmp_path / "broken.yaml"
    broken.write_text("lines: [\n", encoding="utf-8")
    result = run_mmkg("options", "--history", str(broken), "--region", "EU")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
