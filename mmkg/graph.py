"""The knowledge graph as Python users meet it: one object for queries, names, patients and networks.

:class:`KnowledgeGraph` is a thin facade: it is a :class:`mmkg.store.Store` (SPARQL
with bindings and typed rows) and adds the answering layers above the store —
named queries (:mod:`mmkg.queries`), name resolution (:mod:`mmkg.resolve`),
cross-references (:mod:`mmkg.xrefs`), the sequencing engine
(:mod:`mmkg.sequencing`) and networkx views (:mod:`mmkg.network`). Nothing below
imports it.

>>> import mmkg
>>> kg = mmkg.load()
>>> kg.resolve("KdD")
'https://w3id.org/mmkg/regimen/DKd'
>>> kg.query("ASK { drug:teclistamab a mmkg:BCMABispecific }")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import queries, resolve, xrefs
from .store import Row, Store

if TYPE_CHECKING:
    import networkx as nx

    from .sequencing import CohortRow, History, OptionsReport


class KnowledgeGraph(Store):
    """mmkg's graph in an embedded pyoxigraph store, with named queries, names, options and networks."""

    def resolve(self, name: str, *, kind: str | None = None) -> str:
        """The IRI of the entity called ``name`` (label, abbreviation, CURIE, IRI or identifier).

        ``kind`` (a class IRI or CURIE) restricts the candidates to its members.
        Raises InputError naming close matches when nothing fits.

        >>> import mmkg
        >>> mmkg.load().resolve("Isa-Kd")
        'https://w3id.org/mmkg/regimen/IsaKd'
        """
        return resolve.resolve(self, name, kind=kind)

    def run(self, name: str, **params: Any) -> list[Row] | bool:
        """Run the named query ``name`` (see ``mmkg queries``) with ``params`` as strings or values."""
        return queries.run(self, name, params)

    def xrefs(self, entity: str) -> list[dict[str, Any]]:
        """The cross-references of ``entity`` (a name, CURIE, IRI or external identifier), with sources."""
        return xrefs.xrefs(self, entity)

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
        self, histories: Iterable[History | dict[str, Any]], *, region: str, as_of: Any = None
    ) -> Iterator[CohortRow]:
        """Every patient's options, one row per patient (per relapse with ``as_of="each relapse"``) and option.

        See :func:`mmkg.sequencing.options_for_cohort`. Information with its evidence; not medical advice.
        """
        from .sequencing import options_for_cohort

        return options_for_cohort(self, histories, region=region, as_of=as_of)

    def to_networkx(self, *, predicates: list[str] | None = None) -> nx.MultiDiGraph[str]:
        """The links between entities as a networkx MultiDiGraph (see :mod:`mmkg.network`)."""
        from . import network  # on first use: networkx is a slow import

        return network.to_networkx(self, predicates=predicates)


def load(release: Path | None = None) -> KnowledgeGraph:
    """Load the built release into an embedded store (the shipped release by default)."""
    return KnowledgeGraph.from_release(release)


__all__ = ["KnowledgeGraph", "load"]
