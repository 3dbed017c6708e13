"""A patient's sequencing map: the prior lines, the states derived from them, and the options with their status.

Left, the history as the engine read it (each line with its therapy, dates, response,
how it ended and what the disease became refractory to) and the patient's states
(exposure and refractoriness, derived closed-world from the ontology's definitions).
Right, every option whose indication is in force in the region on the day, grouped and
coloured by status (open, caution, not-curated, closed; see
:mod:`mmkg.sequencing.options`) with the reason for its status beside it. Information
with its evidence; not medical advice.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from ..prefixes import expand
from ..sequencing import History, OptionsReport, options, parse_history, read_history
from ..sequencing.options import STATUSES, Option
from ..store import Store
from .figure import (
    DISCLAIMER,
    GREY,
    INK,
    LIGHT,
    LINE,
    SMALL,
    STATUS_COLOURS,
    TITLE_SIZE,
    Canvas,
    fit,
    footer_lines,
    new_figure,
    package_version,
    save,
    text_width,
)

LEFT_WIDTH = 3.6  # the history column, inches
REASON_WIDTH = 6.2  # the reasons, inches
PILL = 0.85  # the status mark, inches
TEXT_LINE = 0.16  # inches per line of FONT_SIZE text
SMALL_LINE = 0.14  # inches per line of SMALL text
COURSE = "https://w3id.org/mmkg/course/"
ROW_GAP = 0.14  # inches between options
MAX_REASON_LINES = 3  # the rest is in `mmkg options`
_CITATION = re.compile(r" \[[a-z]+:[^\]\s]+\]")


def _history(kg: Store, history: History | Path | str | dict[str, Any]) -> History:
    if isinstance(history, History):
        return history
    if isinstance(history, (str, Path)):
        return read_history(Path(history), kg)
    return parse_history(history, kg)


def _line_text(kg: Store, line: Any) -> tuple[str, list[str]]:
    """(heading, details) of a line of therapy, as the history gives it."""
    start, end = line.start, line.end
    when = f" ({start or '?'} – {end or '?'})" if start or end else ""
    details = [line.label or ", ".join(kg.label(d) for d in line.drugs)]
    facts = []
    if line.best_response:
        facts.append(f"best response {line.best_response}")
    if line.progression:  # a course notation; the graph labels the course (ontology/kb/sequencing.ttl)
        facts.append(kg.label(f"{COURSE}{line.progression}"))
    if line.refractory_to:
        facts.append("refractory to " + ", ".join(kg.label(d) for d in line.refractory_to))
    if facts:
        details.append("; ".join(facts))
    return f"Line {line.number}{when}", details


def reason(option: Option) -> str:
    """The first reason for the option's status, without the bracketed node names it cites."""
    worst = [r.text for r in option.reasons if r.status == option.status]
    return _CITATION.sub("", worst[0]) if worst else ""


def _reason_lines(option: Option) -> list[str]:
    """The reason in at most MAX_REASON_LINES lines, the last ending with "…" when cut."""
    lines = fit(reason(option), REASON_WIDTH, size=SMALL)
    if len(lines) > MAX_REASON_LINES:
        lines = lines[:MAX_REASON_LINES]
        lines[-1] += " …"
    return lines


def options_map(
    kg: Store,
    history: History | Path | str | dict[str, Any],
    *,
    region: str,
    as_of: dt.date | str | None = None,
    output: Path | str | None = None,
) -> Figure:
    """The sequencing map of ``history`` in ``region`` on ``as_of`` (default today); written to ``output`` if given."""
    patient = _history(kg, history)
    report: OptionsReport = options(kg, patient, region=region, as_of=as_of)
    shown = patient.until(report.as_of)
    lines = [_line_text(kg, line) for line in shown.lines]
    states = [kg.label(expand(s) or s) for s in report.patient["states"]]
    by_status = {status: [o for o in report.options if o.status == status] for status in STATUSES}
    reasons = {o.id + o.regimen: _reason_lines(o) for o in report.options}
    label_width = max([text_width(o.label, bold=True) for o in report.options] + [1.5]) + 0.2

    # The history column, measured first.
    left_items: list[tuple[str, list[str]]] = [
        (heading, [w for d in details for w in fit(d, LEFT_WIDTH - 0.25, size=SMALL)]) for heading, details in lines
    ]
    states_text = fit(", ".join(states) or "none", LEFT_WIDTH - 0.25, size=SMALL)
    not_curated = fit(", ".join(e["label"] for e in report.not_curated), LEFT_WIDTH - 0.25, size=SMALL)
    assumptions = [w for a in report.assumptions for w in fit(a, LEFT_WIDTH - 0.25, size=SMALL)]

    width = 0.3 + LEFT_WIDTH + 0.4 + PILL + 0.15 + label_width + REASON_WIDTH + 0.3
    right_x = 0.3 + LEFT_WIDTH + 0.4
    rows_height = sum(
        ROW_GAP + max(TEXT_LINE + SMALL_LINE, SMALL_LINE * len(reasons[o.id + o.regimen])) for o in report.options
    ) + 0.45 * sum(1 for s in STATUSES if by_status[s])
    left_height = (
        sum(0.5 + SMALL_LINE * len(d) for _, d in left_items)
        + 0.8
        + SMALL_LINE * len(states_text)
        + (0.5 + SMALL_LINE * len(not_curated) if not_curated else 0)
        + (0.5 + SMALL_LINE * len(assumptions) if assumptions else 0)
    )
    region_label = kg.label(f"https://w3id.org/mmkg/region/{report.region}")
    title = f"Sequencing map: patient {report.patient['id']} — {region_label}, as of {report.as_of}"
    notes = footer_lines(
        [
            "Each option is a product or regimen whose indication is in force in the region on the day; its colour is "
            "its status and the text its reason (the first reason for that status, cut at three lines; `mmkg options` "
            "gives them all, with the approvals, recommendations and evidence behind each and the graph nodes they cite).",
            f"Source: mmkg {package_version()} knowledge graph (indications, approvals, AIFA decisions, "
            "recommendations, results and the ontology's definitions of the patient states), each with its sources.",
            DISCLAIMER,
        ],
        width,
    )
    top = 1.05
    body = max(rows_height, left_height)
    height = top + body + 0.3 + LINE * len(notes) + 0.25
    figure = new_figure(width, height)
    canvas = Canvas(figure)
    canvas.text(0.3, 0.2, title, fontsize=TITLE_SIZE, fontweight="bold")
    counts = " · ".join(f"{s} {len(by_status[s])}" for s in STATUSES if by_status[s])
    # The products listed as "not curated here" have no option row, so they are counted apart.
    unknown = f"; {len(report.not_curated)} more not curated here" if report.not_curated else ""
    canvas.text(0.3, 0.48, f"Options in force: {counts}{unknown}. Not medical advice.", color=GREY)

    # Left: the history, then the states.
    y = top
    canvas.text(0.3, y - 0.05, "Prior lines (as read from the history)", fontweight="bold")
    y += 0.22
    for i, (heading, details) in enumerate(left_items):
        box_height = 0.28 + SMALL_LINE * len(details)
        canvas.box(0.3, y, LEFT_WIDTH, box_height, facecolor="#f4f4f4", edgecolor=LIGHT)
        canvas.text(0.4, y + 0.06, heading, fontweight="bold")
        for j, detail in enumerate(details):
            canvas.text(0.4, y + 0.25 + SMALL_LINE * j, detail, fontsize=SMALL, color=INK)
        y += box_height
        if i < len(left_items) - 1:
            canvas.axes.annotate(
                "",
                xy=(0.3 + LEFT_WIDTH / 2, y + 0.2),
                xytext=(0.3 + LEFT_WIDTH / 2, y + 0.02),
                arrowprops={"arrowstyle": "-|>", "color": GREY, "linewidth": 0.8},
            )
            y += 0.22
    y += 0.3
    canvas.text(0.3, y, "Patient states", fontweight="bold")
    canvas.text(0.3, y + 0.2, "derived closed-world from the ontology's definitions", fontsize=SMALL, color=GREY)
    for j, line in enumerate(states_text):
        canvas.text(0.3, y + 0.4 + SMALL_LINE * j, line, fontsize=SMALL)
    y += 0.5 + SMALL_LINE * len(states_text) + 0.2
    if not_curated:
        canvas.text(
            0.3, y, "Not curated here (availability unknown)", fontweight="bold", color=STATUS_COLOURS["not-curated"]
        )
        for j, line in enumerate(not_curated):
            canvas.text(0.3, y + 0.22 + SMALL_LINE * j, line, fontsize=SMALL)
        y += 0.3 + SMALL_LINE * len(not_curated) + 0.2
    if assumptions:
        canvas.text(0.3, y, "Assumed", fontweight="bold")
        for j, line in enumerate(assumptions):
            canvas.text(0.3, y + 0.22 + SMALL_LINE * j, line, fontsize=SMALL)

    # Right: the options by status, each with its reason.
    y = top
    for status in STATUSES:
        group = by_status[status]
        if not group:
            continue
        colour = STATUS_COLOURS[status]
        canvas.text(right_x, y - 0.05, f"{status} ({len(group)})", fontweight="bold", color=colour)
        canvas.axes.plot([right_x, width - 0.3], [y + 0.17, y + 0.17], color=colour, linewidth=0.8)
        y += 0.35
        for option in group:
            lines_of_reason = reasons[option.id + option.regimen]
            row_height = max(TEXT_LINE + SMALL_LINE, SMALL_LINE * len(lines_of_reason))
            canvas.box(right_x, y, PILL, 0.18, facecolor=colour, edgecolor=colour)
            canvas.text(
                right_x + PILL / 2,
                y + 0.09,
                status,
                fontsize=SMALL,
                color="white",
                ha="center",
                va="center",
                fontweight="bold",
            )
            name_x = right_x + PILL + 0.15
            canvas.text(name_x, y + 0.02, option.label, fontweight="bold")
            kind = option.kind + (f" · {', '.join(option.targets)}" if option.targets else "")
            canvas.text(name_x, y + 0.02 + TEXT_LINE, kind, fontsize=SMALL, color=GREY)
            for j, line in enumerate(lines_of_reason):
                canvas.text(name_x + label_width, y + 0.02 + SMALL_LINE * j, line, fontsize=SMALL)
            y += row_height + ROW_GAP
        y += 0.1
    if y < top + body:
        y = top + body
    for i, line in enumerate(notes):
        canvas.text(0.3, top + body + 0.3 + LINE * i, line, fontsize=SMALL, color=GREY)
    if output is not None:
        save(figure, output)
    return figure


__all__ = ["options_map"]
