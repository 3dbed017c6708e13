"""Pegylated liposomal doxorubicin (Doxil) with bortezomib: FDA approval 2007-05-17 for patients who have
not received bortezomib and have received at least one prior therapy.

Source: FDA Office of Oncology Drug Products page of 2007 (ontology/kb/approvals/pegylated-liposomal-doxorubicin.ttl).
"""

from __future__ import annotations

import datetime as dt


def test_pld_with_bortezomib_fda_approval_date_and_bortezomib_naive_criterion(kg) -> None:
    # FDA: "On May 17, 2007, ... for use in combination with bortezomib in patients with multiple myeloma who
    # have not previously received bortezomib and have received at least one prior therapy"
    rows = kg.select(
        "SELECT ?d ?regimen ?min ?excl WHERE { approval:pegylated-liposomal-doxorubicin-fda-2007-05-17 mmkg:eventDate ?d ; "
        "mmkg:indication ?i . ?i mmkg:indicationRegimen ?regimen ; mmkg:minPriorLines ?min ; mmkg:excludesPriorExposureTo ?excl }"
    )
    assert rows == [
        {
            "d": dt.date(2007, 5, 17),
            "regimen": "https://w3id.org/mmkg/regimen/PLD-V",
            "min": 1,
            "excl": "https://w3id.org/mmkg/drug/bortezomib",
        }
    ]
