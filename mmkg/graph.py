"""The knowledge graph as Python users meet it: one object for queries, tables, names, entities, patients and networks.

:class:`KnowledgeGraph` is a thin facade: it is a :class:`mmkg.store.Store` (SPARQL
with bindings and typed rows) and adds the answering layers above the store —
named queries (:mod:`mmkg.queries`), typed tables (:mod:`mmkg.frames`), name
resolution (:mod:`mmkg.resolve`), cross-references (:mod:`mmkg.xrefs`), entity views
(:mod:`mmkg.views`), the sequencing engine (:mod:`mmkg.sequencing`) and networkx views
(:mod:`mmkg.network`). Nothing below imports it.

Every name a person gives — a query binding, a named query's parameter, an entity —
goes through the one resolution rule (:func:`mmkg.resolve.binding`): an unknown name is
an error with close matches, never an empty answer.

>>> import mmkg
>>> kg = mmkg.load()
>>> kg.resolve("KdD")
'https://w3id.org/mmkg/regimen/DKd'
>>> kg.query("ASK { drug:teclistamab a mmkg:BCMABispecific }")
True
>>> kg.query("SELECT ?r WHERE { ?r mmkg:hasComponent ?d ; a mmkg:Monotherapy }", d="belantamab mafodotin")
[{'r': 'https://w3id.org/mmkg/regimen/belantamab-mafodotin-monotherapy'}]
>>> [r["label"] for r in kg.run("regimens-containing", bindings={"class": "Blenrep"})]
['BPd', 'BVd', 'belantamab mafodotin monotherapy']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import frames, queries, resolve, views, xrefs
from .errors import InputError
from .frames import Table
from .store import LIMIT_OPTIONS, Row, Store

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from .sequencing import CohortRow, History, OptionsReport


def _merged(bindings: Mapping[str, Any] | None, named: dict[str, Any]) -> dict[str, Any]:
    both = dict(bindings or {})
    clash = sorted(set(both) & set(named))
    if clash:
        raise InputError(f"{clash[0]!r} is bound twice: as a keyword and in bindings")
    return both | named


class KnowledgeGraph(Store):
    """mmkg's graph in an embedded pyoxigraph store, with named queries, tables, names, views, options and networks."""

    def answer(
        self, sparql: str, *, bindings: Mapping[str, Any] | None = None, **named: Any
    ) -> tuple[list[str], list[Row]] | bool:
        """Like :meth:`Store.answer`, binding variables by the one resolution rule (:func:`mmkg.resolve.binding`)."""
        limits = {name: named.pop(name) for name in LIMIT_OPTIONS if name in named}
        terms: dict[str, Any] = dict(resolve.bindings(self, _merged(bindings, named)))
        return super().answer(sparql, **limits, **terms)

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None, **named: Any) -> list[Row] | bool:
        """SELECT → rows (dicts; unbound variables absent); ASK → bool; CONSTRUCT → triple rows.

        Keyword arguments, or the ``bindings`` mapping (for a variable such as ``class``
        that is a Python keyword), bind query variables by the one resolution rule: a plain
        string names an entity (label, abbreviation, brand name, CURIE, identifier) and
        an unknown name raises InputError with close matches; IRIs, numbers, dates,
        booleans and pyoxigraph terms are bound as they are.
        """
        return super().query(sparql, **_merged(bindings, named))

    def resolve(self, name: str, *, kind: str | None = None) -> str:
        """The IRI of the entity called ``name`` (label, abbreviation, brand name, CURIE, IRI or identifier).

        ``kind`` (a class IRI or CURIE) restricts the candidates to its members.
        Raises InputError naming close matches when nothing fits.

        >>> import mmkg
        >>> mmkg.load().resolve("Isa-Kd")
        'https://w3id.org/mmkg/regimen/IsaKd'
        """
        return resolve.resolve(self, name, kind=kind)

    def run(self, name: str, *, bindings: Mapping[str, Any] | None = None, **params: Any) -> list[Row] | bool:
        """Run the named query ``name`` (see ``mmkg queries``) with its parameters as keywords or ``bindings``."""
        return queries.run(self, name, _merged(bindings, params))

    def table(
        self, query: str, *, bindings: Mapping[str, Any] | None = None, iris: str = "curie", **params: Any
    ) -> Table | bool:
        """A named query, ``.rq`` file or inline SPARQL as a typed :class:`mmkg.frames.Table` (see :mod:`mmkg.frames`)."""
        return frames.table(self, query, _merged(bindings, params), iris=iris)

    def frame(
        self, query: str, *, bindings: Mapping[str, Any] | None = None, iris: str = "curie", **params: Any
    ) -> pd.DataFrame:
        """:meth:`table` as a pandas DataFrame: stable columns, typed values, lists, one row per result.

        ``iris`` is ``"curie"`` (default) or ``"iri"``. Needs the ``[frames]`` extra.
        """
        return frames.frame(self, query, _merged(bindings, params), iris=iris)

    def xrefs(self, entity: str) -> list[dict[str, Any]]:
        """The cross-references of ``entity`` (a name, CURIE, IRI or external identifier), with sources.

        A regimen's are its components', a class's its own and its members' (``via``).
        """
        return xrefs.xrefs(self, entity)

    def drug(self, name: str) -> views.Drug:
        """The drug called ``name`` as a :class:`mmkg.views.Drug`."""
        return views.drug(self, name)

    def regimen(self, name: str) -> views.Regimen:
        """The regimen called ``name`` as a :class:`mmkg.views.Regimen`."""
        return views.regimen(self, name)

    def trial(self, name: str) -> views.Trial:
        """The trial called ``name`` as a :class:`mmkg.views.Trial`."""
        return views.trial(self, name)

    def approval(self, name: str) -> views.Approval:
        """The regulatory event called ``name`` as a :class:`mmkg.views.Approval`."""
        return views.approval(self, name)

    def options(
        self, history: History | Path | str | dict[str, Any], *, region: str, as_of: Any = None
    ) -> OptionsReport:
        """Options for a patient in ``region`` on ``as_of`` (default today), with reasons.

        ``history`` is a :class:`mmkg.sequencing.History`, a path to a YAML/JSON/Turtle
        history, or the parsed mapping. Information with its evidence; not medical advice.
        """
        from .sequencing import options  # on first use: a query does not pay for the engine's imports

        return options(self, history, region=region, as_of=as_of)

    def options_for_cohort(
        self, histories: Iterable[History | dict[str, Any]], *, region: str, as_of: Any = None, workers: int = 1
    ) -> Iterator[CohortRow]:
        """Every patient's options, one row per patient (per relapse with ``as_of="each relapse"``) and option.

        See :func:`mmkg.sequencing.options_for_cohort`. Information with its evidence; not medical advice.
        """
        from .sequencing import options_for_cohort

        return options_for_cohort(self, histories, region=region, as_of=as_of, workers=workers)

    def to_networkx(self, *, view: str = "clinical", predicates: list[str] | None = None) -> nx.MultiDiGraph[str]:
        """The ``"clinical"`` (default) or ``"provenance"`` view as a networkx MultiDiGraph (see :mod:`mmkg.network`).

        ``predicates`` keeps only the edges of those predicates (:data:`mmkg.network.CLINICAL_PREDICATES`).
        """
        from . import network  # on first use: networkx is a slow import

        return network.to_networkx(self, view=view, predicates=predicates)


def load(release: Path | None = None) -> KnowledgeGraph:
    """Load the built release into an embedded store (the shipped release by default)."""
    return KnowledgeGraph.from_release(release)


__all__ = ["KnowledgeGraph", "load"]
