"""A product's regulatory timeline: every FDA, European Commission, CHMP and AIFA decision in the graph.

One row per event, grouped by agency and in date order, each with its kind and what it
grants (regimen, setting, prior lines) or ends; markers show the kind (approvals,
withdrawals and non-renewals, refusals, CHMP opinions, AIFA decisions), and a bar beside
each approval shows when its indication is in force (``mmkg:inForceFrom`` to
``mmkg:inForceUntil``, as the build computes them), so withdrawals, non-renewals,
re-approvals and indication changes show as bars that end, gaps and new bars.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from matplotlib import dates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from ..errors import InputError
from ..output import at_precision
from ..prefixes import compact
from ..resolve import local_name, resolve
from ..store import Store
from ..views import Approval, approval
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
    fit,
    footer,
    footer_lines,
    new_figure,
    package_version,
    save,
    text_width,
)

ROW = 0.27  # inches per event, plus DETAIL_LINE per line of what it grants
DETAIL_LINE = 0.15
DETAIL_WIDTH = 5.0  # inches: longer lists of indications wrap
INDENT = 0.15  # an event's text under its agency's heading
HEADER = 0.34  # inches per agency heading
TIME_WIDTH = 5.2
AGENCY_ORDER = ("FDA", "EC", "EMA-CHMP", "AIFA")  # the order: US first, then the EU's steps, then Italy
#: How each kind of event is drawn: the classes (most specific first) and the marker.
KINDS = (
    ("withdrawal or non-renewal", ("mmkg:Withdrawal", "mmkg:NonRenewal"), {"marker": "X", "color": "#b2182b"}),
    (
        "refusal (negative opinion, complete response, not approved)",
        ("mmkg:NegativeOpinion", "mmkg:CompleteResponseLetter", "mmkg:ApplicationNotApproved"),
        {"marker": "v", "color": "#c27c0e"},
    ),
    (
        "AIFA decision (reimbursement, class C(nn))",
        ("mmkg:ReimbursementDecision",),
        {"marker": "s", "color": "#2166ac"},
    ),
    (
        "positive CHMP opinion",
        ("mmkg:PositiveOpinion",),
        {"marker": "o", "color": "#1b7837", "markerfacecolor": "white"},
    ),
    ("approval", ("mmkg:Approval",), {"marker": "o", "color": "#1b7837"}),
)
OTHER = ("other event", (), {"marker": ".", "color": GREY})
BAR = "#b8e0b0"


def _kind(kg: Store, event: Approval) -> tuple[str, tuple[str, ...], dict[str, str]]:
    types = {compact(row["t"]) for row in kg.select("SELECT ?t WHERE { ?e a ?t }", e=event.iri)}
    return next((kind for kind in KINDS if types & set(kind[1])), OTHER)


def _day(event: Approval) -> str:
    return "date not recorded" if event.date is None else at_precision(event.date, event.date_precision)


def _lines(low: int | None, high: int | None) -> str:
    """The prior lines an indication admits, kept on one line when wrapped (no-break spaces)."""
    if low == high == 0:
        text = "no prior line"
    elif low is not None and high is not None:
        text = f"{low} prior line" + ("s" if high != 1 else "") if low == high else f"{low}–{high} prior lines"
    elif low is not None:
        text = f"≥{low} prior line" + ("s" if low != 1 else "")
    elif high is not None:
        text = f"≤{high} prior line" + ("s" if high != 1 else "")
    else:
        text = ""
    return text.replace(" ", "\u00a0")


def grants(kg: Store, event: Approval) -> str:
    """What ``event`` grants (regimen, setting, prior lines) or ends, from its links in the graph; else its label."""
    parts = []
    for indication in event.indications:
        bits = [indication.regimen.label if indication.regimen else indication.label]
        if indication.setting is not None:
            bits.append(local_name(indication.setting.iri))
        bits.append(_lines(indication.min_prior_lines, indication.max_prior_lines))
        parts.append(" · ".join(b for b in bits if b))
    for ended in event.ends:
        other = approval(kg, ended.iri)
        parts.append(f"ends the {', '.join(k.label for k in other.kinds)} of {_day(other)}")
    return "; ".join(parts) or event.label


def timeline(kg: Store, product: str, *, as_of: dt.date | None = None, output: Path | str | None = None) -> Figure:
    """The regulatory timeline of ``product`` (any name: INN, brand, CURIE); written to ``output`` if given.

    Bars of indications still in force run to ``as_of`` (default today).
    """
    iri = resolve(kg, product, kind="mmkg:Drug")
    day = as_of or dt.date.today()
    label = kg.label(iri)
    brands = sorted(str(r["b"]) for r in kg.select("SELECT ?b WHERE { ?d mmkg:brandName ?b }", d=iri))
    events = [
        approval(kg, row["e"])
        for row in kg.select("SELECT DISTINCT ?e WHERE { ?e mmkg:product ?d ; a mmkg:RegulatoryEvent }", d=iri)
    ]
    if not events:
        raise InputError(f"the graph records no regulatory event for {label}")
    agencies = {
        local_name(row["a"]): (row["a"], str(row["l"]))
        for row in kg.select("SELECT ?a ?l WHERE { ?a a mmkg:Agency ; rdfs:label ?l }")
    }
    order = [a for a in AGENCY_ORDER if a in agencies] + sorted(set(agencies) - set(AGENCY_ORDER))
    curated = {
        local_name(row["a"]): row.get("checked")
        for row in kg.select(
            """SELECT ?a ?checked WHERE { ?c a mmkg:CurationCoverage ; mmkg:coversProduct ?d ; mmkg:coversAgency ?a
                 OPTIONAL { ?c mmkg:statusCheckedOn ?checked } }""",
            d=iri,
        )
    }
    sections: list[tuple[str, list[Approval]]] = []
    for name in order:
        mine = [e for e in events if e.agency is not None and local_name(e.agency.iri) == name]
        mine.sort(key=lambda e: (e.date or dt.date.min, e.label))
        sections.append((name, mine))

    rows = {
        e.iri: (
            _kind(kg, e)[2],
            f"{_day(e)}  {', '.join(k.label for k in e.kinds)}",
            fit(grants(kg, e), DETAIL_WIDTH, size=SMALL),
        )
        for _, mine in sections
        for e in mine
    }
    headings = [f"{name} — {agencies[name][1]}" for name, _ in sections]
    partial = [name for name in order if name not in curated]
    coverage = (
        f"The decisions of {', '.join(partial)} on {label} are not curated completely in the graph: "
        "a missing event is not evidence that none happened."
        if partial
        else ""
    )
    left = max(
        [text_width(h, bold=True) for h in headings]
        + [INDENT + text_width(headline) for _, headline, _ in rows.values()]
        + [INDENT + text_width(line, size=SMALL) for *_, lines in rows.values() for line in lines]
    )
    width = 0.3 + left + 0.3 + TIME_WIDTH + 0.3
    title = f"Regulatory history of {label}" + (f" ({', '.join(brands)})" if brands else "")
    notes = footer_lines(
        [
            "Bars: the indication an approval grants is in force (from mmkg:inForceFrom to mmkg:inForceUntil, as the "
            f"build computes them; an open end runs to {day.isoformat()}). Dates as precise as their sources: a month "
            "or a year is drawn at its first day and spans the period.",
            coverage,
            f"Source: mmkg {package_version()} knowledge graph, regulatory events of {label} "
            f"(mmkg query approvals --param product={local_name(iri)}), each with its sources.",
        ],
        width,
    )
    body = HEADER * len(sections) + sum(ROW + DETAIL_LINE * len(lines) for *_, lines in rows.values())
    top = 0.85
    height = top + body + 0.45 + 0.45 + LINE * len(notes) + 0.2
    figure = new_figure(width, height)
    place = Inches(figure)
    place.text(0.3, 0.2, title, fontsize=TITLE_SIZE, fontweight="bold")
    place.text(
        0.3, 0.46, "FDA, European Commission, CHMP and AIFA decisions recorded in the graph, per agency", color=GREY
    )

    time_left = 0.3 + left + 0.3
    axes = figure.add_axes((place.x(time_left), place.y(top + body), TIME_WIDTH / width, body / height))
    axes.set_ylim(body, 0)
    days = [e.date for e in events if e.date is not None] + [day]
    start, end = min(days) - dt.timedelta(days=180), max(days) + dt.timedelta(days=180)
    axes.set_xlim(_x(start), _x(end))
    step = 1 if (end - start).days < 12 * 366 else 2
    axes.xaxis.set_major_locator(dates.YearLocator(step))  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(lambda value, _: str(_year(value)))
    bare(axes)
    axes.grid(axis="x", color=LIGHT, linewidth=0.5)
    rows_left = blended_transform_factory(figure.transFigure, axes.transData)
    y = 0.0
    for (_, mine), heading in zip(sections, headings, strict=True):
        figure.text(
            place.x(0.3),
            y + HEADER / 2,
            heading,
            transform=rows_left,
            fontweight="bold",
            fontsize=FONT_SIZE,
            va="center",
            color=INK,
        )
        axes.axhline(y, color=LIGHT, linewidth=0.8)
        y += HEADER
        if not mine:
            continue
        for event in mine:
            style, headline, lines = rows[event.iri]
            centre = y + ROW / 2
            figure.text(
                place.x(0.3 + INDENT), centre, headline, transform=rows_left, fontsize=FONT_SIZE, va="center", color=INK
            )
            for i, line in enumerate(lines):
                below = y + ROW + DETAIL_LINE * (i + 0.4)
                figure.text(
                    place.x(0.3 + INDENT), below, line, transform=rows_left, fontsize=SMALL, va="center", color=GREY
                )
            if event.in_force_from is not None and (event.in_force_until or day) > event.in_force_from:
                until = event.in_force_until or day
                begins = _x(event.in_force_from)
                axes.barh(centre, _x(until) - begins, left=begins, height=0.14, color=BAR, zorder=1)
                if event.in_force_until is None:
                    axes.plot([_x(day)], [centre], marker=">", color=BAR, markersize=6, zorder=1)
            if event.date is not None:
                x = _x(event.date)
                if event.date_precision in ("month", "year"):
                    x_end = _x(_period_end(event.date, event.date_precision))
                    axes.plot([x, x_end], [centre, centre], color=style["color"], linewidth=2.5, zorder=2)
                axes.plot([x], [centre], linestyle="none", markersize=7, zorder=3, **style)  # type: ignore[arg-type]
            y += ROW + DETAIL_LINE * len(lines)
    axes.axvline(_x(day), color=GREY, linewidth=0.6, linestyle=":")
    handles = [Line2D([], [], linestyle="none", markersize=7, **style) for _, _, style in KINDS]  # type: ignore[arg-type]
    handles.append(Line2D([], [], color=BAR, linewidth=6))
    names = [name for name, _, _ in KINDS] + ["indication in force"]
    legend_top = top + body + 0.42
    figure.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(place.x(0.3), place.y(legend_top)),
        ncol=3,
        frameon=False,
        fontsize=SMALL,
        handletextpad=0.7,
        columnspacing=1.5,
    )
    footer(place, notes, top=legend_top + 0.5)
    if output is not None:
        save(figure, output)
    return figure


def _x(day: dt.date) -> float:
    """A day on the time axis (matplotlib's date numbers)."""
    return float(dates.date2num(day))  # type: ignore[no-untyped-call]


def _year(value: float) -> int:
    return int(dates.num2date(value).year)  # type: ignore[no-untyped-call]


def _period_end(start: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(start.year, 12, 31)
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


__all__ = ["grants", "timeline"]
