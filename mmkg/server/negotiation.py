"""Content negotiation: the best of the formats a response can take for an ``Accept`` header.

>>> import pyoxigraph as ox
>>> choose("text/csv;q=0.5, application/sparql-results+json", RESULT_FORMATS).media_type
'application/sparql-results+json'
>>> choose("*/*", GRAPH_FORMATS).media_type
'text/turtle'
>>> choose("image/png", GRAPH_FORMATS) is None
True
"""

from __future__ import annotations

from typing import TypeVar

import pyoxigraph as ox

# Each list starts with the format a client gets when it accepts anything.
RESULT_FORMATS = [
    ox.QueryResultsFormat.JSON,
    ox.QueryResultsFormat.XML,
    ox.QueryResultsFormat.CSV,
    ox.QueryResultsFormat.TSV,
]
GRAPH_FORMATS = [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML]

Format = TypeVar("Format", ox.QueryResultsFormat, ox.RdfFormat)


def accepted(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their weights, best first (stable for ties)."""
    ranges = []
    for part in (header or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        weight = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        ranges.append((fields[0].lower(), weight))
    return sorted(ranges, key=lambda item: -item[1])


def _media_type(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    return fmt.media_type.split(";")[0]


def _matches(media_range: str, fmt: ox.QueryResultsFormat | ox.RdfFormat) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return _media_type(fmt).startswith(media_range[:-1])
    if media_range == _media_type(fmt):
        return True
    # pyoxigraph knows the usual aliases (application/json, text/xml, application/x-turtle, …)
    kind = type(fmt)
    try:
        return kind.from_media_type(media_range) == fmt
    except ValueError:
        return False


def choose(header: str | None, offered: list[Format]) -> Format | None:
    """The offered format the header prefers (the first offered one among equals), or None."""
    for media_range, weight in accepted(header):
        if weight <= 0:
            continue
        for fmt in offered:
            if _matches(media_range, fmt):
                return fmt
    return None


def prefers_html(header: str | None) -> bool:
    """Whether a client (a browser) prefers an HTML page to every RDF serialisation."""
    for media_range, weight in accepted(header):
        if weight <= 0:
            continue
        if media_range in ("text/html", "application/xhtml+xml"):
            return True
        if media_range != "*/*" and choose(media_range, GRAPH_FORMATS) is not None:
            return False
    return False


__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "accepted", "choose", "prefers_html"]
