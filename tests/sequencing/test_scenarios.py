"""Clinical scenarios: patients a myeloma specialist would recognise, and what mmkg must answer for them.

Each test states the patient, the region and the day, the expected status of the named
options, and the label sentence or definition the expectation rests on. Statuses:
open, caution (a doubt the reasons name), not-curated (the graph does not record the
decision that would tell), closed (with the reason). Information, not medical advice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mmkg.sequencing import OptionsReport, history_from_shortcuts, options, parse_history

# DaraVRd induction → high-dose melphalan + ASCT → lenalidomide maintenance, progression on
# maintenance: ONE line (IMWG, Rajkumar et al. Blood 2011: "a planned treatment approach of
# induction therapy followed by autologous stem cell transplantation, followed by maintenance
# is considered one line of therapy"), refractory to lenalidomide only.
PLANNED_FIRST_LINE: dict[str, Any] = {
    "phases": [
        {"phase": "induction", "regimen": "DaraVRd", "start": "2021-01-04", "end": "2021-06-20"},
        {"phase": "transplant", "start": "2021-08-02"},
        {"phase": "maintenance", "drugs": ["lenalidomide"], "start": "2021-11-01", "end": "2023-05-10"},
    ],
    "best_response": "CR",
    "progression": "on-therapy",
}


def report(kg, lines: list[dict[str, Any]], region: str, day: str) -> OptionsReport:
    return options(
        kg, parse_history({"id": "scenario", "lines": lines}, kg), region=region, as_of=dt.date.fromisoformat(day)
    )


def status(r: OptionsReport, label: str) -> str | None:
    return r.status_of(label)


def reasons(r: OptionsReport, label: str) -> list[str]:
    return [reason.text for option in r.options if option.label == label for reason in option.reasons]


# --- lines of therapy (IMWG) ---------------------------------------------------------------


def test_induction_transplant_maintenance_with_progression_on_maintenance_is_one_lenalidomide_refractory_line(
    kg,
) -> None:
    r = report(kg, [PLANNED_FIRST_LINE], "EU", "2026-06-01")
    assert r.patient["prior_lines"] == 1
    assert "mmkg:LenalidomideRefractory" in r.patient["states"]
    # refractoriness goes to the phase that progressed: not to bortezomib or daratumumab of induction
    assert r.patient["refractory"] == ["lenalidomide"]
    assert "mmkg:AntiCD38Refractory" not in r.patient["states"]


def test_flat_history_with_a_maintenance_entry_continues_the_line_before_it(kg) -> None:
    flat = [
        {"regimen": "DaraVRd"},
        {"phase": "transplant", "start": "2021-08-02"},
        {"phase": "maintenance", "drugs": ["lenalidomide"], "progression": "on-therapy"},
    ]
    r = report(kg, flat, "EU", "2026-06-01")
    assert r.patient["prior_lines"] == 1
    assert r.patient["refractory"] == ["lenalidomide"]
    assert any("is a phase of line 1" in a for a in r.assumptions)


def test_eu_first_relapse_on_lenalidomide_maintenance_opens_the_len_refractory_options(kg) -> None:
    """EU Carvykti: 'at least one prior therapy, including an IMiD and a PI, have demonstrated disease
    progression on the last therapy and are refractory to lenalidomide'; EU DPd: 'one prior therapy
    containing a proteasome inhibitor and lenalidomide and were lenalidomide-refractory'."""
    r = report(kg, [PLANNED_FIRST_LINE], "EU", "2026-06-01")
    for label in ("ciltacabtagene autoleucel", "Kd", "PVd", "SVd"):
        assert status(r, label) == "open", label
    assert status(r, "DRd") == "closed"  # refractory to lenalidomide
    assert status(r, "Pd") == "closed"  # at least two prior therapies


def test_us_first_relapse_cilta_cel_open_bispecifics_closed(kg) -> None:
    """US Carvykti (2024-04-05): 'after at least 1 prior line of therapy, including a PI and an IMiD, and
    are refractory to lenalidomide'; the BCMA bispecifics need four prior lines in the US."""
    r = report(kg, [PLANNED_FIRST_LINE], "US", "2025-06-01")
    assert status(r, "ciltacabtagene autoleucel") == "open"
    assert status(r, "teclistamab") == "closed"
    assert any("at least 4 prior line(s)" in t for t in reasons(r, "teclistamab"))


def test_legacy_transplant_dates_become_a_phase_of_the_line_they_fall_in(kg) -> None:
    history = parse_history(
        {
            "lines": [
                {"regimen": "VRd", "start": "2020-01-02", "progression": "none"},
                {"regimen": "Kd", "start": "2022-03-01"},
            ],
            "transplants": ["2020-06-01"],
        },
        kg,
    )
    assert history.prior_lines == 2
    assert "https://w3id.org/mmkg/drug/melphalan" in history.lines[0].drugs


# --- refractoriness (IMWG) --------------------------------------------------------------------


def test_best_response_of_stable_disease_makes_the_line_refractory(kg) -> None:
    """IMWG: refractory = non-responsive (less than a minimal response) while on therapy, or progression within 60 days."""
    r = report(kg, [{"regimen": "VRd", "best_response": "SD"}], "US", "2025-06-01")
    assert r.patient["refractory"] == ["bortezomib", "lenalidomide"]
    assert r.patient["last_line_course"] == "non-response"


def test_relapse_more_than_60_days_after_a_line_is_not_refractory(kg) -> None:
    r = report(kg, [{"regimen": "VRd", "progression": "after-60-days"}], "US", "2025-06-01")
    assert r.patient["refractory"] == []
    assert status(r, "DRd") == "open"


def test_dexamethasone_is_never_counted_as_refractory(kg) -> None:
    r = report(kg, [{"regimen": "Kd", "progression": "on-therapy"}], "EU", "2025-06-01")
    assert r.patient["refractory"] == ["carfilzomib"]


# --- label wording of the last therapy ------------------------------------------------------


def test_eu_relapse_after_cilta_cel_keeps_pomalidomide_combinations(kg) -> None:
    """EU Pd/IsaPd/EloPd: 'have demonstrated disease progression on the last therapy'. A relapse more than
    60 days after a single CAR-T infusion leaves the reading open: caution with the sentence, never closed."""
    r = report(
        kg,
        [PLANNED_FIRST_LINE, {"regimen": "cilta-cel", "best_response": "CR", "progression": "after-60-days"}],
        "EU",
        "2026-06-01",
    )
    for label in ("Pd", "IsaPd", "EloPd"):
        assert status(r, label) == "caution", label
        assert any(
            "reading it leaves open" in t and "progression on the last therapy" in t for t in reasons(r, label)
        ), label
    assert status(r, "PVd") == "open"


def test_eu_relapse_after_cilta_cel_closes_cilta_cel_and_cautions_ide_cel(kg) -> None:
    """Re-treatment with the same CAR-T is not a labelled use (one treatment course); ide-cel shares cilta-cel's
    target (BCMA) and modality (CAR-T): caution with the reason and the evidence the graph holds."""
    r = report(
        kg,
        [PLANNED_FIRST_LINE, {"regimen": "cilta-cel", "best_response": "CR", "progression": "after-60-days"}],
        "EU",
        "2026-06-01",
    )
    assert status(r, "ciltacabtagene autoleucel") == "closed"
    assert any("one treatment course" in t for t in reasons(r, "ciltacabtagene autoleucel"))
    assert status(r, "idecabtagene vicleucel") == "caution"
    assert any("same target and modality: ciltacabtagene autoleucel" in t for t in reasons(r, "idecabtagene vicleucel"))


def test_eu_relapse_after_ide_cel_leaves_more_than_svd(kg) -> None:
    r = report(
        kg,
        [
            PLANNED_FIRST_LINE,
            {"regimen": "Kd", "progression": "on-therapy"},
            {"regimen": "ide-cel", "progression": "after-60-days"},
        ],
        "EU",
        "2026-06-01",
    )
    not_closed = {o.label for o in r.options if o.status != "closed"}
    assert {"SVd", "PVd", "Pd", "IsaPd", "teclistamab", "talquetamab", "ciltacabtagene autoleucel"} <= not_closed
    assert status(r, "idecabtagene vicleucel") == "closed"


def test_us_pomalidomide_needs_progression_within_60_days_of_the_last_therapy(kg) -> None:
    """US Pomalyst: 'have demonstrated disease progression on or within 60 days of completion of the last therapy'."""
    lines = [{"regimen": "VRd", "progression": "on-therapy"}, {"regimen": "DKd", "progression": "after-60-days"}]
    r = report(kg, lines, "US", "2025-06-01")
    assert status(r, "Pd") == "closed"
    assert status(r, "EloPd") == "open"  # US EloPd sets no condition on the last therapy
    refractory_last = [lines[0], {"regimen": "DKd", "progression": "within-60-days"}]
    assert status(report(kg, refractory_last, "US", "2025-06-01"), "Pd") == "open"


def test_a_line_stopped_for_toxicity_without_progression_closes_eu_progression_wordings(kg) -> None:
    r = report(
        kg,
        [{"regimen": "VRd", "progression": "on-therapy"}, {"regimen": "DKd", "progression": "none"}],
        "EU",
        "2025-06-01",
    )
    assert status(r, "Pd") == "closed"
    assert any("ended with no progression" in t for t in reasons(r, "Pd"))


def test_unknown_course_of_the_last_line_is_a_caution_not_a_closure(kg) -> None:
    r = report(kg, [{"regimen": "DRd"}, {"regimen": "Kd"}, {"regimen": "PVd"}], "EU", "2025-06-01")
    assert status(r, "teclistamab") == "caution"


# --- requirements structured from the wording ------------------------------------------------

PENTA_REFRACTORY = [
    {"regimen": "VRd", "progression": "on-therapy"},
    {"regimen": "DKd", "progression": "within-60-days"},
    {"regimen": "Pd", "progression": "on-therapy"},
    {"regimen": "Kd", "progression": "on-therapy"},
]


def test_selinexor_dexamethasone_closed_when_refractory_to_one_pi_and_one_imid(kg) -> None:
    """US Xpovio: 'refractory to at least two proteasome inhibitors, at least two immunomodulatory agents, and
    an anti-CD38 monoclonal antibody' after 'at least four prior therapies'."""
    lines = [
        {"regimen": "DRd", "progression": "on-therapy"},
        {"regimen": "Kd", "progression": "on-therapy"},
        {"regimen": "EloPd"},
        {"regimen": "SVd"},
    ]
    lines[2]["progression"] = "after-60-days"
    lines[3]["progression"] = "after-60-days"
    r = report(kg, lines, "US", "2025-06-01")
    assert status(r, "Sd") == "closed"
    assert any("at least 2 distinct" in t for t in reasons(r, "Sd"))


def test_selinexor_dexamethasone_open_for_a_penta_refractory_patient_after_four_lines(kg) -> None:
    r = report(kg, PENTA_REFRACTORY, "US", "2025-06-01")
    assert "mmkg:PentaDrugRefractory" in r.patient["states"]
    assert status(r, "Sd") == "open"


def test_penta_refractory_patient_in_the_us_2025_has_the_bispecifics_and_car_t(kg) -> None:
    r = report(kg, PENTA_REFRACTORY, "US", "2025-06-01")
    for label in ("teclistamab", "elranatamab", "talquetamab", "ciltacabtagene autoleucel", "idecabtagene vicleucel"):
        assert status(r, label) == "open", label


def test_three_lines_open_the_bispecifics_in_the_eu_not_in_the_us(kg) -> None:
    """EU: 'at least three prior therapies ... and have demonstrated disease progression on the last therapy';
    US: 'at least four prior lines of therapy'."""
    lines = PENTA_REFRACTORY[:3]
    assert status(report(kg, lines, "EU", "2025-06-01"), "teclistamab") == "open"
    assert status(report(kg, lines, "US", "2025-06-01"), "teclistamab") == "closed"


# --- after BCMA- and GPRC5D-directed therapy ---------------------------------------------------


def test_bcma_car_t_after_belantamab_is_a_caution_that_cites_evidence_in_bcma_exposed_patients(kg) -> None:
    lines = [*PENTA_REFRACTORY, {"regimen": "belantamab mafodotin monotherapy", "progression": "on-therapy"}]
    r = report(kg, lines, "US", "2024-06-01")
    assert status(r, "ciltacabtagene autoleucel") == "caution"
    text = " ".join(reasons(r, "ciltacabtagene autoleucel"))
    assert "same target by another modality: belantamab mafodotin" in text
    assert "results after such prior exposure" in text and "CARTITUDE-2" in text


def test_gprc5d_bispecific_after_a_bcma_car_t_is_open(kg) -> None:
    lines = [*PENTA_REFRACTORY, {"regimen": "cilta-cel", "progression": "after-60-days"}]
    r = report(kg, lines, "US", "2025-06-01")
    assert status(r, "talquetamab") == "open"
    assert status(r, "teclistamab") == "caution"


def test_talquetamab_refractory_patient_is_closed_to_talquetamab(kg) -> None:
    lines = [*PENTA_REFRACTORY, {"regimen": "talquetamab monotherapy", "progression": "on-therapy"}]
    r = report(kg, lines, "EU", "2025-06-01")
    assert status(r, "talquetamab") == "closed"
    assert status(r, "teclistamab") == "open"


def test_daratumumab_refractory_patient_is_cautioned_for_isatuximab(kg) -> None:
    r = report(kg, [{"regimen": "DRd", "progression": "on-therapy"}], "EU", "2025-06-01")
    assert status(r, "IsaKd") == "caution"
    assert any("same target and modality: daratumumab" in t and "(refractory)" in t for t in reasons(r, "IsaKd"))
    assert status(r, "DKd") == "closed"  # refractory to daratumumab itself


# --- Italy and curation coverage -----------------------------------------------------------


def test_italy_lists_every_eu_option_whose_reimbursement_is_not_curated_as_not_curated(kg) -> None:
    r = report(kg, [PLANNED_FIRST_LINE], "IT", "2025-03-01")
    assert status(r, "Kd") == "not-curated"
    assert status(r, "PVd") == "not-curated"
    assert any("not curated" in t for t in reasons(r, "Kd"))
    not_curated = {o.label for o in r.options if o.status == "not-curated"}
    assert not_curated  # never silently omitted


def test_italy_reimbursed_option_is_open_and_c_nn_listing_is_a_caution(kg) -> None:
    r = report(kg, [PLANNED_FIRST_LINE], "IT", "2025-03-01")
    assert status(r, "SVd") == "open"  # reimbursed from the Gazzetta of 2024-08-03
    assert status(r, "ciltacabtagene autoleucel") == "caution"  # class C(nn) from 2024-10-31
    assert any("class C(nn)" in t for t in reasons(r, "ciltacabtagene autoleucel"))


def test_italy_teclistamab_after_three_lines_is_reimbursed_in_2025(kg) -> None:
    r = report(kg, PENTA_REFRACTORY[:3], "IT", "2025-06-01")
    assert status(r, "teclistamab") == "open"
    assert status(r, "talquetamab") == "caution"  # class C(nn)


# --- dates where an indication changed --------------------------------------------------------


def test_belantamab_is_in_force_nowhere_in_early_2025_and_returns_as_bvd(kg) -> None:
    """EU BVd (2025-07-24): after at least one prior therapy; US BVd (2025-10-23): after at least two prior
    lines including a proteasome inhibitor and an immunomodulatory agent."""
    one = [{"regimen": "DRd", "progression": "on-therapy"}]
    two = [*one, {"regimen": "Kd", "progression": "on-therapy"}]
    assert status(report(kg, one, "EU", "2025-03-01"), "BVd") is None
    assert status(report(kg, one, "EU", "2025-08-01"), "BVd") == "open"
    assert status(report(kg, two, "US", "2025-08-01"), "BVd") is None
    assert status(report(kg, two, "US", "2025-11-01"), "BVd") == "open"
    assert status(report(kg, one, "US", "2025-11-01"), "BVd") == "closed"


def test_cilta_cel_moves_from_four_lines_to_one_in_the_us_in_april_2024(kg) -> None:
    assert status(report(kg, [PLANNED_FIRST_LINE], "US", "2024-04-04"), "ciltacabtagene autoleucel") == "closed"
    assert status(report(kg, [PLANNED_FIRST_LINE], "US", "2024-04-05"), "ciltacabtagene autoleucel") == "open"


def test_eu_ide_cel_has_an_indication_every_day_of_march_2024(kg) -> None:
    lines = PENTA_REFRACTORY[:3]
    for day in ("2024-02-29", "2024-03-01", "2024-03-15", "2024-03-31"):
        assert status(report(kg, lines, "EU", day), "idecabtagene vicleucel") in ("open", "caution"), day


def test_newly_diagnosed_patient_has_newly_diagnosed_options_only(kg) -> None:
    r = report(kg, [], "US", "2025-06-01")
    assert status(r, "DaraVRd") == "open"
    assert status(r, "teclistamab") == "closed"


# --- what the answer says about itself ---------------------------------------------------------


def test_quick_question_without_lines_states_its_assumption(kg) -> None:
    history = history_from_shortcuts(kg, after="belantamab mafodotin")
    r = options(kg, history, region="EU", as_of=dt.date(2025, 9, 1))
    assert any("--lines not given" in a for a in r.assumptions)


def test_lines_started_after_the_day_asked_are_not_prior_lines(kg) -> None:
    r = report(
        kg, [{"regimen": "VRd", "start": "2020-01-01"}, {"regimen": "Kd", "start": "2027-01-01"}], "EU", "2025-06-01"
    )
    assert r.patient["prior_lines"] == 1
    assert any("started after 2025-06-01" in a for a in r.assumptions)


def test_crossover_adjusted_karmma3_overall_survival_is_labelled_as_such(kg) -> None:
    r = report(kg, PENTA_REFRACTORY[:3], "EU", "2025-06-01")
    evidence = [e for o in r.options if o.label == "idecabtagene vicleucel" for e in o.evidence]
    adjusted = [e for e in evidence if "crossover-adjusted" in " ".join(e["analysis"])]
    assert adjusted, [e["text"] for e in evidence]
    assert "crossover-adjusted" in adjusted[0]["text"]


@pytest.mark.parametrize("region", ["US", "EU", "IT"])
def test_every_option_has_a_reason_for_its_status(kg, region: str) -> None:
    r = report(kg, PENTA_REFRACTORY, region, "2025-06-01")
    for option in r.options:
        assert any(reason.status == option.status for reason in option.reasons) or option.status == "open", option.label
