"""Entity views: a drug, a regimen, a trial and an approval as dataclasses with their links, read from the graph."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from mmkg.errors import InputError
from mmkg.views import Approval, Drug, Link, Regimen, Trial


def test_a_drug_with_its_axes_names_and_links(kg) -> None:
    drug = kg.drug("teclistamab")
    assert isinstance(drug, Drug) and dataclasses.is_dataclass(drug)
    assert drug.brand_names == ("Tecvayli",)
    assert [t.curie for t in drug.targets] == ["target:BCMA", "target:CD3"]
    assert drug.modality == Link(
        "https://w3id.org/mmkg/modality/bispecific-t-cell-engager", "bispecific T-cell engager"
    )
    assert {c.curie for c in drug.classes} >= {"mmkg:BCMABispecific", "mmkg:BCMATargetedTherapy"}
    assert "regimen:Tec-Dara" in {r.curie for r in drug.regimens}
    assert "trial:MajesTEC-1" in {t.curie for t in drug.trials}
    assert all(a.curie.startswith("approval:") for a in drug.approvals) and drug.approvals


def test_a_regimen_with_components_trials_and_approvals(kg) -> None:
    regimen = kg.regimen("Isa-Kd")
    assert isinstance(regimen, Regimen)
    assert [c.label for c in regimen.components] == ["carfilzomib", "dexamethasone", "isatuximab"]
    assert "trial:IKEMA" in {t.curie for t in regimen.trials}
    assert {c.curie for c in regimen.classes} >= {"mmkg:Triplet", "mmkg:AntiCD38ContainingRegimen"}
    assert regimen.approvals


def test_a_trial_with_arms_and_results(kg) -> None:
    trial = kg.trial("KarMMa-3")
    assert isinstance(trial, Trial)
    control = next(arm for arm in trial.arms if not arm.experimental)
    assert len(control.regimens) == 5
    hazard = next(r for r in trial.results if r.iri.endswith("KarMMa-3-pfs-hr-itt"))
    assert hazard.statistic is not None and hazard.statistic.curie == "stat:hazard-ratio"
    assert hazard.estimate is not None and hazard.versus is not None and hazard.versus.iri == control.iri


def test_an_approval_with_its_date_precision_indication_and_history(kg) -> None:
    withdrawal = kg.approval("belantamab-fda-2022-11-22-withdrawal")
    assert isinstance(withdrawal, Approval)
    assert withdrawal.date == dt.date(2022, 11, 22) and withdrawal.date_precision == "day"
    assert [e.curie for e in withdrawal.ends] == ["approval:belantamab-fda-2020-08-05"]
    ended = kg.approval(withdrawal.ends[0].iri)
    assert ended.in_force_until == dt.date(2022, 11, 22)
    assert ended.ended_by[0].iri == withdrawal.iri
    assert ended.indications[0].min_prior_lines == 4 and ended.indications[0].setting is not None
    month = kg.approval("approval:belantamab-chmp-2023-12-reexamination")
    assert month.date == dt.date(2023, 12, 1) and month.date_precision == "month"


def test_a_view_of_the_wrong_kind_is_refused(kg) -> None:
    with pytest.raises(InputError):
        kg.drug("DaraVRd")
    with pytest.raises(InputError, match="did you mean"):
        kg.trial("KarMMa-33")
