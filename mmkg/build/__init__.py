"""The build: curated Turtle → reason (HermiT) → closed-world rules → SHACL → release.

Imported only by the build's entry points (``mmkg build``, :func:`mmkg.build`): it needs
the optional ``[build]`` dependencies (rdflib, pyshacl, owlready2) and Java, which
answering questions from the shipped release does not.

- :mod:`.reasoning` classifies with HermiT through owlready2;
- :mod:`.validation` and :mod:`.sparql_constraints` validate with SHACL;
- :mod:`.release` merges, reasons, applies the rules, validates and writes the release
  atomically;
- :mod:`.sssom` exports the cross-references as an SSSOM mapping set.
"""

import sys
import types
import warnings
from typing import Any

from .release import ARTIFACTS, RELEASE_FILES, BuildReport, build, check, infer, input_digests, materialise

__all__ = ["ARTIFACTS", "RELEASE_FILES", "BuildReport", "build", "check", "infer", "input_digests", "materialise"]


class _CallableModule(types.ModuleType):
    """``mmkg.build(...)`` was a function before the build became this package; it still works."""

    def __call__(self, **options: Any) -> BuildReport:
        warnings.warn("mmkg.build(...) is deprecated: use mmkg.build.build(...)", DeprecationWarning, stacklevel=2)
        return build(**options)


sys.modules[__name__].__class__ = _CallableModule
