"""Classification with HermiT (through owlready2): asserted triples in, inferred triples out.

owlready2 reads N-Triples (not Turtle), so the reasoner is given N-Triples. Literal
triples and data property ranges are left out of its input: no class expression
of mmkg uses a data property, and HermiT rejects datatypes outside the OWL 2
datatype map (xsd:date, xsd:gYearMonth), which regulatory dates need.

The inferences kept are the ones a SPARQL user needs: every named class of every
named individual (the full closure, not only the most specific class), the
inferred subsumptions between named classes, and object property values that
follow from property chains and sub-properties.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import shutil
import signal
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import BuildFailed
from ..prefixes import compact
from ..resources import cache_dir, write_cached

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
RANGE = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#range")
XSD = "http://www.w3.org/2001/XMLSchema#"
SUBPROPERTY = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
OWL = "http://www.w3.org/2002/07/owl#"
OWL_CLASS = ox.NamedNode(OWL + "Class")
OWL_THING = OWL + "Thing"
OWL_OBJECT_PROPERTY = ox.NamedNode(OWL + "ObjectProperty")
# Part of the cache key: change it when what classify() keeps of HermiT's answer changes.
CACHE_VERSION = "mmkg-reasoner-2\n"  # 2: unsatisfiable classes fail the build and are never cached


def java_available() -> bool:
    return shutil.which("java") is not None


def _superclass_closure(edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = defaultdict(set)
    for child, parent in edges:
        parents[child].add(parent)
    closure: dict[str, set[str]] = {}

    def ancestors(cls: str, stack: frozenset[str] = frozenset()) -> set[str]:
        if cls in closure:
            return closure[cls]
        found: set[str] = set()
        for parent in parents.get(cls, ()):
            if parent in stack:
                continue
            found.add(parent)
            found |= ancestors(parent, stack | {cls})
        closure[cls] = found
        return found

    for cls in list(parents):
        ancestors(cls)
    return closure


def classify(asserted: list[ox.Triple], *, cache: Path | None = None) -> list[ox.Triple]:
    """Run HermiT over ``asserted``; return the triples it entails that are not asserted.

    The entailments depend only on the reasoner's input (the asserted triples without
    literals), so they are kept in ``cache`` (a folder; default :func:`mmkg.resources.cache_dir`, none
    when ``MMKG_CACHE_DIR`` is empty) under the SHA-256 of that input: a build whose
    changes are all in literals (labels, numbers, dates, notes) does not start Java.
    Raises BuildFailed when the ontology is inconsistent or Java is missing.
    """
    for_reasoner = sorted(
        {f"{t} .\n" for t in asserted if not isinstance(t.object, ox.Literal) and not _datatype_range(t)}
    )
    folder = cache if cache is not None else cache_dir("reasoner")
    key = hashlib.sha256((CACHE_VERSION + "".join(for_reasoner)).encode("utf-8")).hexdigest()
    cached = _read_cache(folder, key)
    if cached is not None:
        return cached
    inferred = _run_hermit(for_reasoner, asserted)
    _write_cache(folder, key, inferred)
    return inferred


def _read_cache(folder: Path | None, key: str) -> list[ox.Triple] | None:
    if folder is None:
        return None
    try:
        data = (folder / f"{key}.nt").read_bytes()
        return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    except (OSError, SyntaxError):
        return None  # absent or damaged: reason again


def _write_cache(folder: Path | None, key: str, inferred: list[ox.Triple]) -> None:
    write_cached(folder, f"{key}.nt", "".join(f"{t} .\n" for t in inferred).encode("utf-8"))


def _die_with_parent() -> None:  # pragma: no cover (runs in the child, between fork and exec)
    """In HermiT's JVM before it starts: be killed when the build's process dies (Linux), whatever kills it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@contextlib.contextmanager
def _hermit_bound_to_build(tmpdir: str) -> Iterator[None]:
    """owlready2 starts HermiT with subprocess and writes its input with tempfile: both are bound to the build.

    The JVM gets its own session (a terminal's Ctrl-C goes to the build, which then
    kills it: subprocess.run kills its child on any exception) and dies with the build's
    process; owlready2's temporary file goes into the build's own folder.
    """
    import owlready2.reasoning

    saved_kargs = dict(owlready2.reasoning._subprocess_kargs)
    saved_tempdir = tempfile.tempdir
    owlready2.reasoning._subprocess_kargs.update(
        {"start_new_session": True, **({"preexec_fn": _die_with_parent} if sys.platform.startswith("linux") else {})}
    )
    tempfile.tempdir = tmpdir
    try:
        yield
    finally:
        owlready2.reasoning._subprocess_kargs.clear()
        owlready2.reasoning._subprocess_kargs.update(saved_kargs)
        tempfile.tempdir = saved_tempdir


REASON_PREFIX = "mmkg-reason-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(parent: Path, prefix: str) -> None:
    """Remove the folders ``<prefix><pid>-…`` in ``parent`` left by builds that were killed (their pid is gone)."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix) or entry.is_symlink() or not entry.is_dir():
            continue
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _run_hermit(for_reasoner: list[str], asserted: list[ox.Triple]) -> list[ox.Triple]:
    if not java_available():
        raise BuildFailed("the reasoner needs Java (HermiT runs on Java 17 or later); install a JRE and retry")
    import owlready2  # imported here: loading it is slow and only the build needs it

    clean_stale(Path(tempfile.gettempdir()), REASON_PREFIX)
    try:
        tmpdir = tempfile.mkdtemp(prefix=f"{REASON_PREFIX}{os.getpid()}-")
    except OSError as error:
        raise BuildFailed(f"cannot make a temporary folder for the reasoner: {error.strerror}") from None
    try:
        path = os.path.join(tmpdir, "input.nt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(for_reasoner)
        world = owlready2.World()
        onto = world.get_ontology("file://" + path).load(format="ntriples")
        try:
            with onto, _hermit_bound_to_build(tmpdir):
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
            unsatisfiable = sorted(
                c.iri for c in world.inconsistent_classes() if getattr(c, "iri", OWL + "Nothing") != OWL + "Nothing"
            )
        except owlready2.OwlReadyInconsistentOntologyError:
            raise BuildFailed("the ontology is inconsistent (HermiT): check disjoint classes and types") from None
        except owlready2.base.OwlReadyJavaError as error:
            first = str(error).strip().splitlines()
            raise BuildFailed(f"the reasoner failed: {first[-1] if first else 'Java error'}") from None
        except OSError as error:
            raise BuildFailed(f"the reasoner could not run: {error.strerror or error}") from None
        if unsatisfiable:
            raise BuildFailed(
                f"{len(unsatisfiable)} unsatisfiable class{'es' * (len(unsatisfiable) != 1)} (HermiT): "
                "no individual can be a member; check disjointness and restrictions",
                details=[
                    f"Violation: {compact(c)}: unsatisfiable class [rule unsatisfiable class]" for c in unsatisfiable
                ],
            )
        return _inferences(world, asserted)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _datatype_range(triple: ox.Triple) -> bool:
    """A data property's range: left out with the literals it would type."""
    return triple.predicate == RANGE and isinstance(triple.object, ox.NamedNode) and triple.object.value.startswith(XSD)


def _named(iri: str) -> bool:
    return iri.startswith(("http://", "https://")) and not iri.startswith(OWL)


def _inferences(world: object, asserted: list[ox.Triple]) -> list[ox.Triple]:
    import owlready2

    asserted_set = set(asserted)
    classes = {
        str(t.subject.value)
        for t in asserted
        if t.predicate == RDF_TYPE and t.object == OWL_CLASS and isinstance(t.subject, ox.NamedNode)
    }
    object_properties = {
        str(t.subject.value)
        for t in asserted
        if t.predicate == RDF_TYPE and t.object == OWL_OBJECT_PROPERTY and isinstance(t.subject, ox.NamedNode)
    }

    subclass_edges: set[tuple[str, str]] = set()
    for t in asserted:
        if t.predicate == SUBCLASS and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            subclass_edges.add((t.subject.value, t.object.value))
    for entity in world.classes():  # type: ignore[attr-defined]
        if entity.iri not in classes:
            continue
        for parent in entity.is_a:
            if isinstance(parent, owlready2.ThingClass) and parent.iri in classes:
                subclass_edges.add((entity.iri, parent.iri))
        for equivalent in entity.equivalent_to:
            if isinstance(equivalent, owlready2.ThingClass) and equivalent.iri in classes:
                subclass_edges.add((entity.iri, equivalent.iri))
                subclass_edges.add((equivalent.iri, entity.iri))
    closure = _superclass_closure(subclass_edges)

    inferred: set[ox.Triple] = set()
    for child, parents in closure.items():
        for parent in parents:
            if parent != child and _named(parent):
                inferred.add(ox.Triple(ox.NamedNode(child), SUBCLASS, ox.NamedNode(parent)))

    # world.individuals() lists only owl:NamedIndividual; mmkg's individuals are typed by
    # classes, or (a drug asserted with only a target and a modality) not typed at all
    subjects = sorted(
        {t.subject.value for t in asserted if isinstance(t.subject, ox.NamedNode)} - classes - object_properties
    )
    for iri in subjects:
        individual = world[iri]  # type: ignore[index]
        if not isinstance(individual, owlready2.Thing):
            continue
        direct = {c.iri for c in individual.is_a if isinstance(c, owlready2.ThingClass) and c.iri in classes}
        for cls in direct | {a for c in direct for a in closure.get(c, ())}:
            if _named(cls):
                inferred.add(ox.Triple(ox.NamedNode(individual.iri), RDF_TYPE, ox.NamedNode(cls)))
        for prop in individual.get_properties():
            if prop.iri not in object_properties:
                continue
            for value in prop[individual]:
                if hasattr(value, "iri") and _named(value.iri):
                    inferred.add(
                        ox.Triple(ox.NamedNode(individual.iri), ox.NamedNode(prop.iri), ox.NamedNode(value.iri))
                    )
    # owlready2 reports a value under the most specific property only; add the super-properties
    super_edges = {
        (t.subject.value, t.object.value)
        for t in asserted
        if t.predicate == SUBPROPERTY
        and isinstance(t.subject, ox.NamedNode)
        and isinstance(t.object, ox.NamedNode)
        and t.subject.value in object_properties
    }
    super_closure = _superclass_closure(super_edges)
    for triple in list(inferred) + [t for t in asserted if t.predicate.value in super_closure]:
        for parent in super_closure.get(triple.predicate.value, ()):
            inferred.add(ox.Triple(triple.subject, ox.NamedNode(parent), triple.object))
    return sorted(inferred - asserted_set, key=str)
