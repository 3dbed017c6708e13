"""The package's import graph: no cycle anywhere, and the layers of ARCHITECTURE.md kept."""

from __future__ import annotations

import grimp
import networkx as nx
from importlinter.api import read_configuration
from importlinter.application.use_cases import lint_imports


def test_no_import_cycle_in_the_package() -> None:
    graph = grimp.build_graph("mmkg")
    edges = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("mmkg"):
                edges.add_edge(module, imported)
    cycles = list(nx.simple_cycles(edges))
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles[:5])


def test_import_contracts_are_kept() -> None:
    """pyproject.toml's [tool.importlinter] contracts (the layers; the build imported only by its entry points)."""
    assert read_configuration()["contracts_options"], "no contracts configured"
    assert lint_imports(cache_dir=None, no_logo=True) is True
