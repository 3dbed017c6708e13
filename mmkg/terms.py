"""RDF terms and Python values, both ways: what a query returns and what a binding takes.

>>> python_value(to_term(3))
3
>>> to_term("drug:lenalidomide")
<NamedNode value=https://w3id.org/mmkg/drug/lenalidomide>
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from .errors import InputError
from .prefixes import expand

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "byte",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    """IRIs as strings; literals as int, float, bool or date where their datatype says so."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
            if datatype == XSD + "date":
                return dt.date.fromisoformat(term.value)
        except ValueError:
            return term.value
        return term.value
    return str(term)


def to_term(value: Any) -> Term:
    """A Python value as an RDF term: IRIs and known CURIEs become IRIs, the rest literals."""
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, (float, Decimal)):
        return ox.Literal(str(Decimal(str(value))), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, str):
        if re.match(r"^https?://\S+$", value):
            return iri(value)
        expanded = expand(value)
        if expanded is not None:
            return iri(expanded)
        return ox.Literal(value)
    raise InputError(f"cannot use {value!r} as a query binding")


def iri(value: str) -> ox.NamedNode:
    """An IRI term, or InputError naming the value when it is not a valid IRI."""
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise InputError(f"not a valid IRI: {value!r}") from None
