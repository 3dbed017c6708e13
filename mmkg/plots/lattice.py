"""The drug classification lattice, drawn as a grid: molecular target × modality, coloured by pharmacological class.

Each drug sits in the cell of each of its targets and its modality, marked with the
colour of its pharmacological class. A class the ontology defines by a target and a
modality (e.g. "BCMA-targeted antibody-drug conjugate", "anti-CD38 monoclonal
antibody") is written in its cell; a class defined by a target (or a modality) alone
heads its row (or column); classes defined over several modalities are listed below.
All of it is read from :func:`mmkg.network.lattice` (the graph's classes, definitions and
the reasoner's classification).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from matplotlib.figure import Figure

from ..network import lattice as lattice_graph
from ..prefixes import compact, expand
from ..store import Store
from .figure import (
    GREY,
    LIGHT,
    LINE,
    SMALL,
    TITLE_SIZE,
    Canvas,
    footer_lines,
    new_figure,
    package_version,
    save,
    text_width,
)

NO_TARGET = "no target in the graph"
NO_CLASS = "no pharmacological class in the graph"
# Distinct colours for the pharmacological classes (tab10 without its grey, then two more);
# light grey is kept for drugs with no class.
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#e6ab02",
    "#637939",
)
ITEM = 0.16  # inches per drug in a cell
PAD = 0.12


def _definitions(graph: nx.DiGraph[str], node: str) -> dict[str, tuple[str, str]]:
    """A class's defining restrictions: property → (how, value)."""
    return {
        data["predicate"]: (data["definition"], target)
        for _, target, data in graph.out_edges(node, data=True)
        if "definition" in data
    }


def lattice(kg: Store, *, output: Path | str | None = None) -> Figure:
    """The classification of every drug in the graph as a target × modality grid; written to ``output`` if given."""
    graph = lattice_graph(kg)
    kind = nx.get_node_attributes(graph, "kind")
    label = nx.get_node_attributes(graph, "label")
    axis = nx.get_node_attributes(graph, "axis")
    drugs = sorted((n for n in graph if kind.get(n) == "drug"), key=lambda n: label[n].casefold())
    targets: dict[str, list[str]] = defaultdict(list)
    modality: dict[str, str] = {}
    pharmacological: dict[str, str] = {}
    for drug in drugs:
        for _, value, data in graph.out_edges(drug, data=True):
            if data["predicate"] == "mmkg:hasTarget":
                targets[drug].append(value)
            elif data["predicate"] == "mmkg:hasModality":
                modality[drug] = value
        found = sorted(c for c in nx.descendants(graph, drug) if axis.get(c) == "pharmacological class")
        pharmacological[drug] = label[found[0]] if found else NO_CLASS
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for drug in drugs:
        for target in targets[drug] or [NO_TARGET]:
            cells[(target, modality.get(drug, ""))].append(drug)
    rows = sorted(
        {t for t, _ in cells},
        key=lambda t: (t == NO_TARGET, -sum(len(v) for (r, _), v in cells.items() if r == t), label.get(t, t)),
    )
    columns = sorted(
        {m for _, m in cells}, key=lambda m: (-sum(len(v) for (_, c), v in cells.items() if c == m), label.get(m, m))
    )

    # What each class is defined by: a cell, a row, a column, or several modalities.
    in_cell: dict[tuple[str, str], list[str]] = defaultdict(list)
    heads: dict[str, list[str]] = defaultdict(list)
    spanning: list[str] = []
    for cls in sorted((n for n in graph if kind.get(n) == "class" and n in axis), key=lambda n: label[n].casefold()):
        definition = _definitions(graph, cls)
        by_target, target = definition.get("mmkg:hasTarget", ("", ""))
        how, value = definition.get("mmkg:hasModality", ("", ""))
        if by_target == "value" and how == "value":
            in_cell[(target, value)].append(label[cls])
        elif by_target == "value" and not how:
            heads[target].append(label[cls])
        elif how == "value" and not by_target:
            heads[value].append(label[cls])
        elif how == "some":
            members = sorted(label[m] for m in _members(kg, value) if m in columns)
            where = f"{label[target]} × " if by_target == "value" else ""
            spanning.append(f"{label[cls]}: {where}{' or '.join(members)} ({label[value]})")

    classes = [*sorted({pharmacological[d] for d in drugs} - {NO_CLASS}, key=str.casefold), NO_CLASS]
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(classes[:-1])} | {NO_CLASS: "#bbbbbb"}
    column_width = {
        m: max(
            [text_width(label.get(m, m), bold=True)]
            + [0.18 + text_width(label[d], size=SMALL) for t in rows for d in cells.get((t, m), [])]
            + [
                text_width(
                    c,
                    size=SMALL,
                )
                for t in rows
                for c in in_cell.get((t, m), [])
            ]
            + [1.1]
        )
        + PAD * 2
        for m in columns
    }
    header_width = (
        max(
            [text_width(label.get(t, t), bold=True) for t in rows]
            + [text_width(h, size=SMALL) for t in rows for h in heads.get(t, [])]
        )
        + PAD * 2
    )
    row_height = {
        t: max(
            [0.42 + ITEM * len(heads.get(t, []))]
            + [PAD * 2 + ITEM * (len(cells.get((t, m), [])) + len(in_cell.get((t, m), []))) for m in columns]
        )
        for t in rows
    }
    column_heads = {m: heads.get(m, []) for m in columns}
    header_height = 0.3 + ITEM * max(len(h) for h in column_heads.values()) + 0.1
    width = 0.3 + header_width + sum(column_width.values()) + 0.3
    notes = footer_lines(
        [
            "Each drug is in the row of each of its molecular targets and the column of its modality; its colour is its "
            "pharmacological class. Italic: a class the ontology defines by that target and modality (the reasoner "
            "classifies drugs into it); under a row's or column's name, a class defined by that target or modality alone.",
            *(f"Defined over several modalities — {s}." for s in spanning),
            f"Source: mmkg {package_version()} knowledge graph: drugs with their asserted targets and modalities, the "
            "ontology's class definitions and the reasoner's classification (mmkg query drug-classes).",
        ],
        width,
    )
    legend_lines = 1 + (len(classes) + 2) // 3
    top = 0.85
    grid_height = header_height + sum(row_height.values())
    height = top + grid_height + 0.3 + ITEM * legend_lines + 0.3 + LINE * len(notes) + 0.2
    figure = new_figure(width, height)
    canvas = Canvas(figure)
    canvas.text(
        0.3,
        0.2,
        "Drug classification: molecular target × modality, by pharmacological class",
        fontsize=TITLE_SIZE,
        fontweight="bold",
    )
    canvas.text(0.3, 0.48, f"{len(drugs)} drugs in the graph, each with its classes on the three axes", color=GREY)

    x0 = 0.3 + header_width
    x = x0
    for m in columns:
        canvas.text(x + PAD, top + 0.05, label.get(m, m), fontweight="bold")
        for i, head in enumerate(column_heads[m]):
            canvas.text(x + PAD, top + 0.25 + ITEM * i, head, fontsize=SMALL, color=GREY)
        x += column_width[m]
    y = top + header_height
    for t in rows:
        canvas.axes.plot([0.3, width - 0.3], [y, y], color=LIGHT, linewidth=0.8)
        canvas.text(0.3 + PAD, y + PAD, label.get(t, t), fontweight="bold")
        for i, head in enumerate(heads.get(t, [])):
            canvas.text(0.3 + PAD, y + PAD + 0.2 + ITEM * i, head, fontsize=SMALL, color=GREY)
        x = x0
        for m in columns:
            line = y + PAD
            for name in in_cell.get((t, m), []):
                canvas.text(x + PAD, line, name, fontsize=SMALL, fontstyle="italic", color=GREY)
                line += ITEM
            for drug in cells.get((t, m), []):
                canvas.box(x + PAD, line + 0.03, 0.1, 0.1, facecolor=colours[pharmacological[drug]], edgecolor="none")
                canvas.text(x + PAD + 0.16, line, label[drug], fontsize=SMALL)
                line += ITEM
            x += column_width[m]
        y += row_height[t]
    canvas.axes.plot([0.3, width - 0.3], [y, y], color=LIGHT, linewidth=0.8)
    x = x0
    for _ in columns:
        canvas.axes.plot([x, x], [top + header_height, y], color=LIGHT, linewidth=0.6)
        x += column_width[_]

    # The legend: pharmacological classes, three to a line.
    y += 0.3
    canvas.text(0.3, y, "Pharmacological class:", fontsize=SMALL, fontweight="bold")
    slot = (width - 0.6) / 3
    for i, cls in enumerate(classes):
        lx, ly = 0.3 + slot * (i % 3), y + ITEM * (1 + i // 3)
        canvas.box(lx, ly + 0.03, 0.1, 0.1, facecolor=colours[cls], edgecolor="none")
        canvas.text(lx + 0.16, ly, cls, fontsize=SMALL)
    y += ITEM * legend_lines + 0.3
    for i, note in enumerate(notes):
        canvas.text(0.3, y + LINE * i, note, fontsize=SMALL, color=GREY)
    if output is not None:
        save(figure, output)
    return figure


def _members(kg: Store, cls: str) -> list[str]:
    return [compact(r["m"]) for r in kg.select("SELECT ?m WHERE { ?m a ?c }", c=expand(cls) or cls)]


__all__ = ["lattice"]
