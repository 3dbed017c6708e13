"""A forest plot: hazard ratios (or odds ratios) with their confidence intervals, from the graph.

Each row is one result of the named query ``hazard-ratios`` (any of its parameters:
endpoint, statistic, population, regimen_class, trial), labelled with its trial, the
comparison (experimental arm vs control arm), the population, the analysis and data
cut-off; the estimate and interval on a log scale around the line of no effect (1), and
the numbers as the source reports them at the right.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator
from matplotlib.transforms import blended_transform_factory

from ..errors import InputError
from ..frames import Table, table
from ..output import at_precision
from ..queries import catalogue
from ..store import Store
from .figure import (
    FONT_SIZE,
    GREY,
    INK,
    LIGHT,
    LINE,
    SMALL,
    TITLE_SIZE,
    Inches,
    bare,
    footer,
    footer_lines,
    new_figure,
    package_version,
    save,
    text_width,
)

QUERY = "hazard-ratios"
ROW = 0.5  # inches per result
PLOT_WIDTH = 3.4
MARKER = "#1f4e79"
_TICKS = (0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10)


def _without_trial(label: str | None, trial: str) -> str:
    """A label without the trial's name in front ("CASTOR: DVd" → "DVd")."""
    if not label:
        return ""
    for prefix in (f"{trial}: ", f"{trial} "):
        if label.startswith(prefix):
            return label[len(prefix) :]
    return label


def _number(value: float) -> str:
    return f"{value:g}"


def describe(row: dict[str, Any]) -> tuple[str, str, str]:
    """(trial and comparison, population and analysis, the numbers) of a result row, as the graph gives them."""
    trial = str(row["trial_label"])
    experimental = _without_trial(row["arm_label"], trial)
    control = _without_trial(row["versus_arm_label"], trial) or "no control arm recorded"
    details = [_without_trial(row["result_population_label"], trial)]
    details += row["analysis"]
    if isinstance(row["data_cutoff"], dt.date):
        details.append(f"data cut-off {at_precision(row['data_cutoff'], row['data_cutoff_precision'])}")
    if row["confidence"] not in (None, "high"):
        details.append(f"curator's confidence {row['confidence']}")
    numbers = _number(row["estimate"])
    if row["ci_lower"] is not None and row["ci_upper"] is not None:
        level = row["ci_level"]
        shown = "" if level in (None, 0.95) else f"{level * 100:g}% CI "
        numbers += f" ({shown}{_number(row['ci_lower'])}–{_number(row['ci_upper'])})"
    else:
        numbers += " (CI not reported)"
    if row["p_value"] is not None:
        relation = row["p_relation"] if row["p_relation"] not in (None, "=") else "="
        numbers += f"   p{relation}{_number(row['p_value'])}"
        if row["p_sidedness"] is not None:
            numbers += f" ({row['p_sidedness']})"
    return f"{trial}: {experimental} vs {control}", " · ".join(d for d in details if d), numbers


def _filters(kg: Store, params: dict[str, Any]) -> str:
    """The query's parameters as given, each with its label from the graph."""
    query = catalogue().get(QUERY)
    shown = []
    for name, term in query.bindings(kg, params).items():
        if name in params:
            value = kg.label(term.value) if isinstance(term, ox.NamedNode) else term.value
            shown.append(f"{name.replace('_', ' ')}: {value}")
    return "; ".join(shown)


def forest(kg: Store, *, output: Path | str | None = None, **params: Any) -> Figure:
    """A forest plot of the results of the ``hazard-ratios`` query for ``params``; written to ``output`` if given.

    ``params`` are the query's (``endpoint``, ``statistic``, ``population``,
    ``regimen_class``, ``trial``), as names the resolution rule knows. Raises InputError
    when no result with an estimate matches.
    """
    answer = table(kg, QUERY, params)
    assert isinstance(answer, Table)
    rows = [r for r in answer.rows if r["estimate"] is not None and r["estimate"] > 0]
    if not rows:
        raise InputError(f"no result with an estimate in the graph for {_filters(kg, params) or 'the defaults'}")
    texts = [describe(r) for r in rows]
    statistic = str(rows[0]["statistic_label"])
    endpoint = str(rows[0]["endpoint_label"])
    numbers_title = f"{statistic} (95% CI)"

    left = max(
        max(text_width(t, bold=True) for t, _, _ in texts),
        max(text_width(d, size=SMALL) for _, d, _ in texts),
    )
    right = max(text_width(n) for _, _, n in [*texts, ("", "", numbers_title)])
    width = 0.3 + left + 0.3 + PLOT_WIDTH + 0.3 + right + 0.3
    title = f"{endpoint[:1].upper()}{endpoint[1:]}: {statistic} with its confidence interval, by trial"
    subtitle = _filters(kg, params) or "all populations and regimens"
    marks = "Squares: estimates; lines: confidence intervals" + (
        "; an open square: no interval reported." if any(r["ci_lower"] is None for r in rows) else "."
    )
    if "population" in params:
        marks += (
            " Populations: those whose criteria require what the population parameter names"
            " (for a patient state, the exposure or refractoriness it is defined by), and their subgroups."
        )
    notes = footer_lines(
        [
            marks,
            f"Source: mmkg {package_version()} knowledge graph, named query {QUERY} ({subtitle}). "
            "Every result cites its references in the graph (mmkg query results-for-trial).",
            "Estimates and intervals as the sources report them. Cross-trial comparisons are not head-to-head: "
            "populations, comparators and follow-up differ. Information with its evidence; not medical advice.",
        ],
        width,
    )
    top = 0.95  # title, subtitle and column headers
    axis = 0.85  # tick labels, axis label and the direction labels below the plot
    height = top + ROW * len(rows) + axis + 0.2 + LINE * len(notes) + 0.2
    figure = new_figure(width, height)
    place = Inches(figure)
    place.text(0.3, 0.2, title, fontsize=TITLE_SIZE, fontweight="bold")
    place.text(0.3, 0.45, subtitle, fontsize=FONT_SIZE, color=GREY)
    place.text(0.3, 0.72, "Trial: comparison · population, analysis", fontsize=SMALL, color=GREY)
    plot_left = 0.3 + left + 0.3
    place.text(plot_left + PLOT_WIDTH + 0.3, 0.72, numbers_title, fontsize=SMALL, color=GREY)

    axes = figure.add_axes(
        (place.x(plot_left), place.y(top + ROW * len(rows)), PLOT_WIDTH / width, ROW * len(rows) / height)
    )
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.set_xscale("log")
    lows = [r["ci_lower"] or r["estimate"] for r in rows]
    highs = [r["ci_upper"] or r["estimate"] for r in rows]
    low, high = min([*lows, 1.0]) / 1.4, max([*highs, 1.0]) * 1.4
    axes.set_xlim(low, high)
    axes.xaxis.set_major_locator(FixedLocator([t for t in _TICKS if low <= t <= high]))
    axes.xaxis.set_minor_locator(NullLocator())
    axes.xaxis.set_major_formatter(lambda value, _: _number(value))
    bare(axes)
    axes.axvline(1.0, color=GREY, linewidth=0.9, linestyle="--", zorder=1)
    axes.set_xlabel(f"{statistic} (log scale; 1 = no difference between the arms)", fontsize=SMALL, color=INK)
    rows_left = blended_transform_factory(figure.transFigure, axes.transData)
    for i, (row, (headline, details, numbers)) in enumerate(zip(rows, texts, strict=True)):
        if i and row["trial_label"] != rows[i - 1]["trial_label"]:
            axes.axhline(i - 0.5, color=LIGHT, linewidth=0.6)
        estimate, lower, upper = row["estimate"], row["ci_lower"], row["ci_upper"]
        has_ci = lower is not None and upper is not None
        if has_ci:
            axes.plot([lower, upper], [i, i], color=MARKER, linewidth=1.6, solid_capstyle="butt", zorder=2)
        axes.plot(
            [estimate],
            [i],
            marker="s",
            markersize=6.5,
            color=MARKER,
            markerfacecolor=MARKER if has_ci else "white",
            linestyle="none",
            zorder=3,
        )
        figure.text(
            place.x(0.3),
            i - 0.17,
            headline,
            transform=rows_left,
            fontsize=FONT_SIZE,
            fontweight="bold",
            va="center",
            color=INK,
        )
        figure.text(place.x(0.3), i + 0.2, details, transform=rows_left, fontsize=SMALL, va="center", color=GREY)
        figure.text(
            place.x(plot_left + PLOT_WIDTH + 0.3),
            i,
            numbers,
            transform=rows_left,
            fontsize=FONT_SIZE,
            va="center",
            color=INK,
        )
    below = top + ROW * len(rows) + 0.62
    quantity = statistic.removesuffix(" ratio")  # "hazard", "odds": what is lower or higher
    one = plot_left + PLOT_WIDTH * _fraction(low, high, 1.0)
    place.text(one - 0.08, below, f"← lower {quantity} in the experimental arm", fontsize=SMALL, color=GREY, ha="right")
    place.text(one + 0.08, below, f"higher {quantity} in the experimental arm →", fontsize=SMALL, color=GREY)
    footer(place, notes, top=below + 0.35)
    if output is not None:
        save(figure, output)
    return figure


def _fraction(low: float, high: float, value: float) -> float:
    """Where ``value`` falls between ``low`` and ``high`` on a log axis (0 to 1)."""
    return (math.log(value) - math.log(low)) / (math.log(high) - math.log(low))


__all__ = ["QUERY", "describe", "forest"]
