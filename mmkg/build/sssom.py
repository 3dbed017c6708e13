"""Export mmkg's curated cross-references as an SSSOM mapping set (TSV with a YAML header).

Every ``mmkg:Mapping`` node of the graph becomes one row (subject, SKOS predicate,
external object, ``semapv:ManualMappingCuration``, its sources as ``see_also`` and
its curation note as ``comment``); every ``mmkg:AbsentIdentifier`` becomes a row
whose object is ``sssom:NoTermFound``, with the scheme checked as ``object_source``.
The CURIE map is ``ontology/prefixes.json`` (plus ``sssom``). The shipped file is
``ontology/mappings/mmkg.sssom.tsv``; regenerate it after a build with::

    python -m mmkg.build.sssom

Writing needs only the loaded graph; validating the output needs the ``sssom``
package (a test dependency).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..identifiers import SCHEMES, converter
from ..prefixes import prefix_map
from ..resources import ontology_dir
from ..store import Store

MAPPING_SET_ID = "https://w3id.org/mmkg/mappings/mmkg.sssom.tsv"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
JUSTIFICATION = "semapv:ManualMappingCuration"
NO_TERM_FOUND = "sssom:NoTermFound"
SSSOM_PREFIX = {"sssom": "https://w3id.org/sssom/"}
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_source",
    "mapping_justification",
    "see_also",
    "comment",
)

#: bioregistry's registry page of each scheme, as SSSOM ``object_source`` of absent identifiers.
_SCHEME_SOURCE = {name: f"https://bioregistry.io/registry/{prefix}" for prefix, name in SCHEMES.items()}


def default_path() -> Path:
    """Where the shipped mapping set lives: ``ontology/mappings/mmkg.sssom.tsv``."""
    return ontology_dir() / "mappings" / "mmkg.sssom.tsv"


def _curie(iri: str) -> str:
    curie = converter().compress(iri, passthrough=False)
    if curie is None:
        raise ValueError(f"no prefix in ontology/prefixes.json covers {iri}")
    return curie


def _cell(value: str) -> str:
    """A TSV cell: tabs and line breaks folded to spaces."""
    return " ".join(value.replace("\t", " ").split())


def _rows(kg: Store) -> list[dict[str, str]]:
    mappings = kg.select(
        """
        SELECT ?m ?s ?p ?o ?label ?src ?note ?conf WHERE {
          ?m a mmkg:Mapping ; mmkg:subject ?s ; mmkg:predicate ?p ; mmkg:object ?o .
          OPTIONAL { ?s rdfs:label ?label }
          OPTIONAL { ?m dcterms:source ?src }
          OPTIONAL { ?m mmkg:curationNote ?note }
          OPTIONAL { ?m mmkg:confidence ?conf }
        }
        """
    )
    merged: dict[str, dict[str, Any]] = {}
    for row in mappings:
        item = merged.setdefault(
            str(row["m"]),
            {
                "subject_id": _curie(str(row["s"])),
                "subject_label": str(row.get("label", "")),
                "predicate_id": _curie(str(row["p"])),
                "object_id": _curie(str(row["o"])),
                "object_source": "",
                "mapping_justification": JUSTIFICATION,
                "sources": set(),
                "note": str(row.get("note", "")),
                "confidence": str(row.get("conf", "")),
            },
        )
        if "src" in row:
            item["sources"].add(str(row["src"]))
        if "label" in row and (not item["subject_label"] or str(row["label"]) < item["subject_label"]):
            item["subject_label"] = str(row["label"])
    absent = kg.select(
        """
        SELECT ?a ?s ?scheme ?status ?label ?checked ?note WHERE {
          ?a a mmkg:AbsentIdentifier ; mmkg:absentFor ?s ; mmkg:scheme ?scheme .
          OPTIONAL { ?a mmkg:absenceStatus ?status }
          OPTIONAL { ?s rdfs:label ?label }
          OPTIONAL { ?a mmkg:checkedIn ?checked }
          OPTIONAL { ?a mmkg:curationNote ?note }
        }
        """
    )
    for row in absent:
        scheme = str(row["scheme"])
        item = merged.setdefault(
            str(row["a"]),
            {
                "subject_id": _curie(str(row["s"])),
                "subject_label": str(row.get("label", "")),
                "predicate_id": "skos:exactMatch",
                "object_id": NO_TERM_FOUND,
                "object_source": _SCHEME_SOURCE.get(scheme, ""),
                "mapping_justification": JUSTIFICATION,
                "sources": set(),
                "note": f"{scheme}: {row.get('status', 'absent')}. {row.get('note', '')}".strip(),
                "confidence": "",
            },
        )
        if "checked" in row:
            item["sources"].add(str(row["checked"]))
    rows = []
    for item in merged.values():
        note = item["note"]
        if item["confidence"]:
            note = f"Confidence {item['confidence']}. {note}"
        rows.append(
            {
                "subject_id": item["subject_id"],
                "subject_label": _cell(item["subject_label"]),
                "predicate_id": item["predicate_id"],
                "object_id": item["object_id"],
                "object_source": item["object_source"],
                "mapping_justification": item["mapping_justification"],
                "see_also": "|".join(sorted(item["sources"])),
                "comment": _cell(note),
            }
        )
    rows.sort(
        key=lambda r: (
            r["subject_id"],
            r["object_id"] == NO_TERM_FOUND,
            r["object_source"],
            r["predicate_id"],
            r["object_id"],
        )
    )
    return rows


def _version(kg: Store) -> str | None:
    rows = kg.select("SELECT ?v WHERE { <https://w3id.org/mmkg/mmkg.owl> owl:versionInfo ?v } LIMIT 1")
    return str(rows[0]["v"]) if rows else None


def _used_prefixes(rows: Iterable[dict[str, str]]) -> set[str]:
    used = {JUSTIFICATION.split(":", 1)[0]}
    for row in rows:
        for column in ("subject_id", "predicate_id", "object_id"):
            used.add(row[column].split(":", 1)[0])
    return used


def render(kg: Store) -> str:
    """The mapping set as SSSOM/TSV text (deterministic: rows and prefixes sorted)."""
    rows = _rows(kg)
    prefixes = dict(prefix_map())
    prefixes.update(SSSOM_PREFIX)
    used = _used_prefixes(rows)
    curie_map = {p: prefixes[p] for p in sorted(used) if p in prefixes}
    header: list[str] = ["curie_map:"]
    header += [f"  {p}: {json.dumps(ns)}" for p, ns in curie_map.items()]
    header.append(f"mapping_set_id: {json.dumps(MAPPING_SET_ID)}")
    version = _version(kg)
    if version:
        header.append(f"mapping_set_version: {json.dumps(version)}")
    header.append(f"mapping_set_title: {json.dumps('mmkg cross-references to external vocabularies')}")
    header.append(
        "mapping_set_description: "
        + json.dumps(
            "Mappings of the multiple myeloma knowledge graph's drugs, molecular targets and drug classes to ChEBI, "
            "DrugBank, RxNorm, ATC, NCIt, UNII, MeSH, Wikidata, HGNC, UniProt and GO, each read in the sources given "
            "in see_also (mmkg reference nodes or URLs). Rows with object sssom:NoTermFound record identifiers a "
            "scheme has not assigned, or that were not found."
        )
    )
    header.append(f"license: {json.dumps(LICENSE)}")
    lines = ["# " + line for line in header]
    lines.append("\t".join(COLUMNS))
    lines += ["\t".join(row[c] for c in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def export_sssom(kg: Store, path: str | Path) -> Path:
    r"""Write the graph's mappings to ``path`` as an SSSOM/TSV mapping set; return the path.

    >>> import mmkg, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = export_sssom(mmkg.load(), pathlib.Path(tmp) / "m.sssom.tsv")
    ...     "drug:lenalidomide\tlenalidomide\tskos:exactMatch\tchebi:63791" in out.read_text()
    True
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(kg), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m mmkg.build.sssom [PATH]``: write the mapping set (default: the shipped file)."""
    args = sys.argv[1:] if argv is None else argv
    out = export_sssom(Store.from_release(), Path(args[0]) if args else default_path())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
