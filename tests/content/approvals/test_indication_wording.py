"""Every indication's structure says what its label wording says, no more and no less.

For each mmkg:Indication in the graph (products added later included) the wording kept in
mmkg:criteriaText is read with a small table of label phrases, and the reading must equal
the structured requirements:

- prior lines: "at least N prior therapies/lines", "N or more (prior) lines" -> minPriorLines N;
  "one to three"/"1 to 3" -> min 1, max 3; "received one prior therapy" -> min 1, max 1;
  "newly diagnosed"/"smo(u)ldering" -> min 0, max 0; a wording with no number admits no
  minimum or a minimum of 1 (implied by "prior therapy", "refractory"), and no maximum;
- exposures: lenalidomide, bortezomib, a proteasome inhibitor, an immunomodulatory agent, an
  anti-CD38 antibody named outside the combination partners and outside "refractory to ..."
  -> mmkg:requiresPriorExposureTo (a class named after "refractory to" may also be stated as
  an exposure: refractoriness implies exposure);
- refractoriness: the same names after "refractory to" (or "lenalidomide-refractory",
  "double-refractory to") -> mmkg:requiresRefractorinessTo; "at least two X" there -> a
  mmkg:requiresRefractorinessCount of X with mmkg:minimumCount 2;
- last therapy: each phrase of LAST_THERAPY_PHRASES -> its lastline: condition; no phrase ->
  lastline:no-condition; any other mention of the last therapy fails the test, so that a new
  wording is read by a person before it is structured.

A wording with alternatives ("..., or who have received ...") is split; each indication must
match one alternative and the indications sharing a wording must cover every alternative
(indication:daratumumab-DPd-eu-1l / -2l). Sources: the labels each indication cites.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pytest

MMKG = "https://w3id.org/mmkg/ontology/"
DRUG = "https://w3id.org/mmkg/drug/"
LASTLINE = "https://w3id.org/mmkg/last-line/"

PI, IMID, CD38 = MMKG + "ProteasomeInhibitor", MMKG + "ImmunomodulatoryDrug", MMKG + "AntiCD38Antibody"
LENALIDOMIDE, BORTEZOMIB = DRUG + "lenalidomide", DRUG + "bortezomib"

# What a wording names, as the class or drug the structure must carry.
TERMS: list[tuple[str, str]] = [
    (r"anti-cd38(?: monoclonal)? antibod(?:y|ies)|cd38-directed(?: monoclonal)? antibod(?:y|ies)", CD38),
    (r"proteasome inhibitors?|\(pi\)|\bpi\b", PI),
    (r"immunomodulatory (?:agents?|drugs?)", IMID),
    (r"lenalidomide", LENALIDOMIDE),
    (r"bortezomib", BORTEZOMIB),
]
PLURAL_CLASSES = {
    r"proteasome inhibitors": PI,
    r"immunomodulatory agents": IMID,
    r"anti-cd38(?: monoclonal)? antibodies": CD38,
}

# Label phrases about the disease's course on the last therapy -> lastline: condition.
LAST_THERAPY_PHRASES: list[tuple[str, str]] = [
    (r"progression on or within 60 days of completion of the last therapy", "refractory"),
    (r"refractory to the last (?:therapy|line|regimen)", "refractory"),
    (r"progression on or after the last therapy", "progression-on-or-after"),
    (r"progression during or after the (?:last|most recent) therapy", "progression-on-or-after"),
    (r"(?:demonstrated|shown) disease progression on (?:the|their) last therapy", "progression-on"),
]
MENTIONS_LAST_THERAPY = re.compile(r"last (?:therapy|line|regimen|treatment)|most recent (?:therapy|line)")

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
NUMBER = r"(one|two|three|four|five|\d)"
LINES = (
    r"(?:prior |previous )?(?:lines? of (?:therapy|treatment)|therapies|therapy|treatment regimens?|regimens?|lines)"
)


def number(word: str) -> int:
    return NUMBERS.get(word) or int(word)


@dataclass
class Reading:
    """What one alternative of a wording says."""

    min_lines: int | None = None
    max_lines: int | None = None
    implied_min_one: bool = False
    exposures: set[str] = field(default_factory=set)
    refractory: set[str] = field(default_factory=set)
    refractory_counts: set[tuple[str, int]] = field(default_factory=set)
    exposure_counts: set[tuple[str, int]] = field(default_factory=set)
    last_therapy: str = "no-condition"
    excluded_exposures: set[str] = field(default_factory=set)


def named(text: str) -> set[str]:
    found = set()
    for pattern, iri in TERMS:
        if re.search(pattern, text):
            found.add(iri)
    return found


def counts(text: str) -> set[tuple[str, int]]:
    """'at least two proteasome inhibitors, (at least) two immunomodulatory agents' -> counts."""
    found = set()
    for plural, iri in PLURAL_CLASSES.items():
        for m in re.finditer(r"(?:at least )?" + NUMBER + r" " + plural, text):
            if number(m.group(1)) >= 2:
                found.add((iri, number(m.group(1))))
    return found


def read(alternative: str) -> Reading:
    """Read one alternative of a label wording (lower-cased)."""
    text = alternative.lower()
    reading = Reading()

    # last therapy
    conditions = {cond for pattern, cond in LAST_THERAPY_PHRASES if re.search(pattern, text)}
    rest = text
    for pattern, _ in LAST_THERAPY_PHRASES:
        rest = re.sub(pattern, " ", rest)
    assert not MENTIONS_LAST_THERAPY.search(rest), f"unrecognised last-therapy phrase in: {alternative!r}"
    assert len(conditions) <= 1, f"more than one last-therapy phrase in: {alternative!r}"
    if conditions:
        reading.last_therapy = conditions.pop()

    # prior lines
    if re.search(r"newly diagnosed|smou?ldering", text):
        reading.min_lines = reading.max_lines = 0
    elif m := re.search(NUMBER + r" to " + NUMBER + r" " + LINES, text):
        reading.min_lines, reading.max_lines = number(m.group(1)), number(m.group(2))
    elif (m := re.search(r"at least " + NUMBER + r" " + LINES, text)) or (
        m := re.search(NUMBER + r" or more " + LINES, text)
    ):
        reading.min_lines = number(m.group(1))
    elif re.search(r"received one prior (?:therapy|line)", text):
        reading.min_lines = reading.max_lines = 1
    else:
        reading.implied_min_one = bool(re.search(r"prior therap|refractory|relapsed", text))

    # drop the combination partners ("in combination with X and Y for ...")
    text = re.sub(
        r"(?:in combination with|in association with|as combination therapy with) .*?(?= for | in patients| in newly| in adult)",
        " ",
        text,
    )
    text = re.sub(r"^[a-z ]*?and hyaluronidase", " ", text)

    # refractoriness: "refractory to ...", "lenalidomide-refractory", "double-refractory to ..."
    refractory_clauses = re.findall(
        r"refractory to (.*?)(?=, and who|, and have| and have|, have|, or who| and were|$)", text
    )
    for clause in refractory_clauses:
        reading.refractory |= named(clause)
        reading.refractory_counts |= counts(clause)
        text = text.replace(clause, " ")
    for m in re.finditer(r"(lenalidomide|bortezomib)-refractory", text):
        reading.refractory |= named(m.group(1))
    text = re.sub(r"(lenalidomide|bortezomib)-refractory", " ", text)

    # exclusions: "who have not previously received X"
    for m in re.finditer(r"(?:have|has) not (?:previously )?received (.*?)(?= and | or |,|$)", text):
        reading.excluded_exposures |= named(m.group(1))
        text = text.replace(m.group(0), " ")

    # exposures: what is named elsewhere ("including", "containing", "included", "exposed to")
    reading.exposures = named(text)
    reading.exposure_counts = counts(text)
    return reading


def alternatives(wording: str) -> list[str]:
    return re.split(r",? or who (?=have|are|were)", wording)


QUERY = """
SELECT ?ind ?text ?min ?max ?last
       (GROUP_CONCAT(DISTINCT STR(?exp); separator=" ") AS ?exps)
       (GROUP_CONCAT(DISTINCT STR(?ref); separator=" ") AS ?refs)
       (GROUP_CONCAT(DISTINCT CONCAT(STR(?rcClass), "=", STR(?rcN)); separator=" ") AS ?rcounts)
       (GROUP_CONCAT(DISTINCT CONCAT(STR(?ecClass), "=", STR(?ecN)); separator=" ") AS ?ecounts)
       (GROUP_CONCAT(DISTINCT STR(?excluded); separator=" ") AS ?excl)
WHERE {
  ?ind a mmkg:Indication ; mmkg:criteriaText ?text .
  OPTIONAL { ?ind mmkg:minPriorLines ?min }
  OPTIONAL { ?ind mmkg:maxPriorLines ?max }
  OPTIONAL { ?ind mmkg:lastTherapyCondition ?last }
  OPTIONAL { ?ind mmkg:requiresPriorExposureTo ?exp }
  OPTIONAL { ?ind mmkg:requiresRefractorinessTo ?ref }
  OPTIONAL { ?ind mmkg:requiresRefractorinessCount [ mmkg:ofClass ?rcClass ; mmkg:minimumCount ?rcN ] }
  OPTIONAL { ?ind mmkg:requiresExposureCount [ mmkg:ofClass ?ecClass ; mmkg:minimumCount ?ecN ] }
  OPTIONAL { ?ind mmkg:excludesPriorExposureTo ?excluded }
}
GROUP BY ?ind ?text ?min ?max ?last
"""


@dataclass
class Structure:
    iri: str
    text: str
    min_lines: int | None
    max_lines: int | None
    last_therapy: str | None
    exposures: set[str]
    refractory: set[str]
    refractory_counts: set[tuple[str, int]]
    exposure_counts: set[tuple[str, int]]
    excluded_exposures: set[str]


def _pairs(value: str | None) -> set[tuple[str, int]]:
    return {(c, int(n)) for c, n in (p.split("=") for p in (value or "").split())}


def structures(kg) -> list[Structure]:
    out = []
    for r in kg.select(QUERY):
        out.append(
            Structure(
                iri=r["ind"],
                text=r["text"],
                min_lines=r.get("min"),
                max_lines=r.get("max"),
                last_therapy=r["last"].removeprefix(LASTLINE) if r.get("last") else None,
                exposures=set((r.get("exps") or "").split()),
                refractory=set((r.get("refs") or "").split()),
                refractory_counts=_pairs(r.get("rcounts")),
                exposure_counts=_pairs(r.get("ecounts")),
                excluded_exposures=set((r.get("excl") or "").split()),
            )
        )
    return out


def differences(s: Structure, reading: Reading) -> list[str]:
    """How the structure differs from one reading of its wording (empty: they agree)."""
    diffs = []
    if reading.min_lines is not None:
        if (s.min_lines, s.max_lines) != (reading.min_lines, reading.max_lines):
            diffs.append(f"prior lines {s.min_lines}..{s.max_lines}, wording {reading.min_lines}..{reading.max_lines}")
    elif s.max_lines is not None or s.min_lines not in ({None, 1} if reading.implied_min_one else {None}):
        diffs.append(f"prior lines {s.min_lines}..{s.max_lines}, wording states no number")
    if s.refractory != reading.refractory:
        diffs.append(f"refractoriness {sorted(s.refractory)}, wording {sorted(reading.refractory)}")
    if not reading.exposures <= s.exposures <= reading.exposures | reading.refractory:
        diffs.append(f"exposures {sorted(s.exposures)}, wording {sorted(reading.exposures)}")
    if s.refractory_counts != reading.refractory_counts:
        diffs.append(
            f"refractoriness counts {sorted(s.refractory_counts)}, wording {sorted(reading.refractory_counts)}"
        )
    if s.exposure_counts != reading.exposure_counts:
        diffs.append(f"exposure counts {sorted(s.exposure_counts)}, wording {sorted(reading.exposure_counts)}")
    if s.excluded_exposures != reading.excluded_exposures:
        diffs.append(f"excluded exposures {sorted(s.excluded_exposures)}, wording {sorted(reading.excluded_exposures)}")
    if s.last_therapy != reading.last_therapy:
        diffs.append(f"last therapy {s.last_therapy}, wording {reading.last_therapy}")
    return diffs


def test_every_indication_is_structured_as_its_wording_says(kg) -> None:
    problems = []
    matched: dict[str, set[int]] = defaultdict(set)  # wording -> alternatives matched
    for s in structures(kg):
        readings = [read(alt) for alt in alternatives(s.text)]
        diffs = [differences(s, r) for r in readings]
        ok = [i for i, d in enumerate(diffs) if not d]
        if not ok:
            problems.append(f"{s.iri}: " + " | ".join("; ".join(d) for d in diffs))
        matched[s.text] |= set(ok)
    for text, seen in matched.items():
        missing = set(range(len(alternatives(text)))) - seen
        if missing:
            problems.append(f"no indication structures alternative(s) {sorted(missing)} of: {text!r}")
    assert problems == []


def test_the_reader_knows_the_label_phrases() -> None:
    # the table itself, on wordings quoted from the labels
    us_pd = read(
        "In combination with dexamethasone for patients with multiple myeloma who have received at least two "
        "prior therapies including lenalidomide and a proteasome inhibitor and have demonstrated disease "
        "progression on or within 60 days of completion of the last therapy."
    )
    assert (us_pd.min_lines, us_pd.exposures, us_pd.last_therapy) == (2, {LENALIDOMIDE, PI}, "refractory")
    sd = read(
        "in combination with dexamethasone for the treatment of multiple myeloma in adult patients who have "
        "received at least four prior therapies and whose disease is refractory to at least two proteasome "
        "inhibitors, two immunomodulatory agents and an anti-CD38 monoclonal antibody, and who have "
        "demonstrated disease progression on the last therapy."
    )
    assert sd.refractory == {PI, IMID, CD38} and sd.refractory_counts == {(PI, 2), (IMID, 2)}
    assert (sd.min_lines, sd.exposures, sd.last_therapy) == (4, set(), "progression-on")
    with pytest.raises(AssertionError, match="unrecognised last-therapy phrase"):
        read("for adult patients who have relapsed after the last therapy")


# --- the clinical facts the reader protects -------------------------------------------------


def indication(kg, iri: str) -> Structure:
    [s] = [s for s in structures(kg) if s.iri == "https://w3id.org/mmkg/indication/" + iri]
    return s


@pytest.mark.parametrize("iri", ["selinexor-Sd-fda-4l", "selinexor-Sd-eu-4l"])
def test_selinexor_dexamethasone_requires_two_pis_and_two_imids_refractory(kg, iri: str) -> None:
    """USPI Xpovio 1 and SmPC Nexpovio 4.1: refractory to at least two PIs, two IMiDs and an anti-CD38 mAb."""
    s = indication(kg, iri)
    assert s.min_lines == 4
    assert s.refractory == {PI, IMID, CD38}
    assert s.refractory_counts == {(PI, 2), (IMID, 2)}


def test_eu_selinexor_dexamethasone_requires_progression_on_last_therapy(kg) -> None:
    """SmPC Nexpovio 4.1: '... and who have demonstrated disease progression on the last therapy'."""
    assert indication(kg, "selinexor-Sd-eu-4l").last_therapy == "progression-on"
    assert indication(kg, "selinexor-Sd-fda-4l").last_therapy == "no-condition"


def test_eu_pomalidomide_dexamethasone_requires_progression_on_last_therapy(kg) -> None:
    """SmPC Imnovid 4.1 (2013 annex): 'have demonstrated disease progression on the last therapy'."""
    s = indication(kg, "pomalidomide-Pd-eu-2l")
    assert (s.min_lines, s.exposures, s.last_therapy) == (2, {LENALIDOMIDE, BORTEZOMIB}, "progression-on")


@pytest.mark.parametrize("iri", ["pomalidomide-Pd-fda-2l", "pomalidomide-Pd-fda-2l-lenalidomide-bortezomib"])
def test_us_pomalidomide_dexamethasone_requires_refractoriness_to_last_therapy(kg, iri: str) -> None:
    """USPI Pomalyst 1.1: 'progression on or within 60 days of completion of the last therapy' (refractory)."""
    assert indication(kg, iri).last_therapy == "refractory"


def test_us_carfilzomib_2012_monotherapy_required_refractoriness_to_last_therapy(kg) -> None:
    """USPI Kyprolis 2012: '... and have demonstrated disease progression on or within 60 days of completion of the last therapy'."""
    s = indication(kg, "carfilzomib-monotherapy-fda-2l")
    assert (s.min_lines, s.exposures, s.last_therapy) == (2, {BORTEZOMIB, IMID}, "refractory")


def test_eu_dpd_is_one_prior_line_lenalidomide_refractory_or_two_with_progression_on_or_after(kg) -> None:
    """SmPC Darzalex 4.1: one prior therapy with a PI and lenalidomide and lenalidomide-refractory, or at least
    two prior therapies including lenalidomide and a PI with progression on or after the last therapy."""
    one = indication(kg, "daratumumab-DPd-eu-1l")
    two = indication(kg, "daratumumab-DPd-eu-2l")
    assert (one.min_lines, one.max_lines, one.refractory, one.last_therapy) == (1, 1, {LENALIDOMIDE}, "no-condition")
    assert (two.min_lines, two.max_lines, two.refractory, two.last_therapy) == (
        2,
        None,
        set(),
        "progression-on-or-after",
    )


@pytest.mark.parametrize(
    "iri",
    [
        "teclistamab-monotherapy-eu-3l",
        "elranatamab-monotherapy-eu-3l",
        "talquetamab-monotherapy-eu-3l",
        "linvoseltamab-monotherapy-eu-3l",
        "ide-cel-eu-3l",
        "ide-cel-eu-2l",
        "cilta-cel-eu-3l",
        "cilta-cel-eu-1l",
        "belantamab-monotherapy-eu-4l",
        "daratumumab-monotherapy-eu",
        "isatuximab-IsaPd-eu-2l",
        "elotuzumab-EloPd-eu-2l",
    ],
)
def test_eu_later_line_labels_require_progression_on_the_last_therapy(kg, iri: str) -> None:
    """EU SmPCs 4.1: '... and have demonstrated disease progression on the last therapy'."""
    assert indication(kg, iri).last_therapy == "progression-on"


@pytest.mark.parametrize(
    "iri",
    [
        "teclistamab-monotherapy-fda-4l",
        "elranatamab-monotherapy-fda-4l",
        "talquetamab-monotherapy-fda-4l",
        "linvoseltamab-monotherapy-fda-4l",
        "ide-cel-fda-4l",
        "ide-cel-fda-2l",
        "cilta-cel-fda-4l",
        "cilta-cel-fda-1l",
        "isatuximab-IsaPd-fda-2l",
        "elotuzumab-EloPd-fda-2l",
    ],
)
def test_us_labels_of_the_same_products_set_no_last_therapy_condition(kg, iri: str) -> None:
    """USPIs 1: the lines and exposures only, no wording about the last therapy."""
    assert indication(kg, iri).last_therapy == "no-condition"


def test_us_daratumumab_monotherapy_has_a_double_refractory_alternative(kg) -> None:
    """USPI Darzalex 2015: 'at least three prior lines ... including a PI and an IMiD or who are double-refractory to a PI and an IMiD'."""
    three = indication(kg, "daratumumab-monotherapy-fda-3l")
    double = indication(kg, "daratumumab-monotherapy-fda-double-refractory")
    assert (three.min_lines, three.exposures, three.refractory) == (3, {PI, IMID}, set())
    assert double.refractory == {PI, IMID}


def test_cilta_cel_at_first_relapse_requires_lenalidomide_refractory_disease(kg) -> None:
    """USPI Carvykti 1 and SmPC 4.1 (2024): at least one prior line including a PI and an IMiD, refractory to lenalidomide."""
    for iri in ("cilta-cel-fda-1l", "cilta-cel-eu-1l"):
        s = indication(kg, iri)
        assert (s.min_lines, s.exposures, s.refractory) == (1, {PI, IMID}, {LENALIDOMIDE})
