"""SPARQL text for the checks: terms, paths, fresh variables and three-valued conditions.

Every condition a check writes comes in two halves, each a SPARQL boolean
expression that is never an error (wrapped in ``COALESCE(..., false)``):

``sure_ok``
    true only where the value surely meets the constraint as pySHACL judges it;
``sure_bad``
    true only where it surely does not.

Where neither is true the engine asks Python, which judges the value exactly
as pySHACL does. That split is what keeps the engine both fast and exact:
the common, well-formed values are settled inside Oxigraph, and the odd ones
(an ill-typed date, a string with a control character) are few.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graph.terms import to_oxigraph

TRUE = "true"
FALSE = "false"

XSD_NS = str(XSD)

SIMPLE_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"
"""Integer or decimal lexical forms both Python's ``Decimal`` and Oxigraph read the same way."""

FAST_LEXICAL_FORMS: dict[URIRef, str] = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: SIMPLE_NUMBER,
    XSD.boolean: r"^(true|false|0|1)$",
    XSD.gYear: r"^[0-9]{4}$",
    XSD.gYearMonth: r"^[0-9]{4}-(0[1-9]|1[0-2])$",
    XSD.date: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    XSD.dateTime: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
}
"""Per datatype, lexical forms that rdflib surely reads as well-typed values of the type pySHACL expects.

Values of other forms are not necessarily ill-typed (rdflib reads ``" 5"``
as an integer); they are merely left to Python to judge.
"""

CALENDAR_TYPES = frozenset({XSD.date, XSD.dateTime})
"""Types whose fast form must also be a real day (Oxigraph's cast checks it) after year 0 (Python has none)."""

INTEGER_DIGITS_LIMIT = 4000
"""Python refuses to read integers of more than 4300 digits, so rdflib calls longer ones ill-typed."""


def term(node: Node) -> str:
    """An IRI or literal as SPARQL writes it; blank nodes cannot be named in a query."""
    if isinstance(node, BNode):
        raise ValueError("a blank node cannot be written in a SPARQL query")
    return str(to_oxigraph(node))


def safe(expression: str) -> str:
    """``expression`` made total: an evaluation error counts as false."""
    if expression in (TRUE, FALSE):
        return expression
    return f"COALESCE({expression}, false)"


def all_of(parts: Iterable[str]) -> str:
    kept = [part for part in parts if part != TRUE]
    if FALSE in kept:
        return FALSE
    if not kept:
        return TRUE
    return kept[0] if len(kept) == 1 else "(" + " && ".join(kept) + ")"


def any_of(parts: Iterable[str]) -> str:
    kept = [part for part in parts if part != FALSE]
    if TRUE in kept:
        return TRUE
    if not kept:
        return FALSE
    return kept[0] if len(kept) == 1 else "(" + " || ".join(kept) + ")"


def negate(expression: str) -> str:
    if expression == TRUE:
        return FALSE
    if expression == FALSE:
        return TRUE
    return f"!{expression}" if expression.startswith(("COALESCE(", "EXISTS", "(")) else f"!({expression})"


def exists(pattern: str, condition: str = TRUE) -> str:
    """``EXISTS { pattern FILTER(condition) }``, simplified where the condition is constant."""
    if condition == FALSE:
        return FALSE
    body = pattern if condition == TRUE else f"{pattern} FILTER({condition})"
    return f"EXISTS {{ {body} }}"


def not_exists(pattern: str, condition: str = TRUE) -> str:
    return negate(exists(pattern, condition))


class Names:
    """Fresh variable names for one query, so nested patterns never capture each other's variables."""

    def __init__(self) -> None:
        self._count = 0

    def new(self) -> str:
        self._count += 1
        return f"?_{self._count}"


def path_text(shapes: Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL property path (the shapes reader has checked its form)."""
    if isinstance(path, URIRef):
        return term(path)
    if (path, RDF.first, None) in shapes:
        return "(" + "/".join(path_text(shapes, step) for step in Collection(shapes, path)) + ")"
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(shapes, step) for step in Collection(shapes, alternatives)) + ")"
    for predicate, template in (
        (SH.inversePath, "^({})"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = shapes.value(path, predicate)
        if inner is not None:
            return template.format(path_text(shapes, inner))
    raise ValueError(f"not a SHACL path: {path!r}")


def fast_lexical(value: str, datatype: URIRef) -> str:
    """True where ``value`` has ``datatype`` in a form rdflib surely reads as a value of the expected kind."""
    form = FAST_LEXICAL_FORMS.get(datatype)
    if form is None:
        return FALSE
    parts = [f"DATATYPE({value}) = {term(datatype)}", f"REGEX(STR({value}), {literal_string(form)})"]
    if datatype == XSD.integer:
        parts.append(f"STRLEN(STR({value})) < {INTEGER_DIGITS_LIMIT}")
    if datatype in CALENDAR_TYPES:
        parts.append(f'!STRSTARTS(STR({value}), "0000")')
        parts.append(f"isLiteral({term(datatype)}(STR({value})))")
    return safe(all_of([f"isLiteral({value})", *parts]))


def fast_number(value: str) -> str:
    """True where ``value`` is an integer or decimal whose value SPARQL and rdflib both read the same way."""
    return safe(
        all_of(
            [
                f"isLiteral({value})",
                f"(DATATYPE({value}) = {term(XSD.integer)} || DATATYPE({value}) = {term(XSD.decimal)})",
                f"REGEX(STR({value}), {literal_string(SIMPLE_NUMBER)})",
            ]
        )
    )


def string_like(value: str) -> str:
    """True where ``value`` is an IRI or a string literal: its text is its STR() for rdflib and Oxigraph alike."""
    return safe(
        f"(isIRI({value}) || DATATYPE({value}) = {term(XSD.string)}"
        f" || DATATYPE({value}) = <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>)"
    )


def variable(name: str) -> ox.Variable:
    return ox.Variable(name.lstrip("?$"))


def literal_string(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return term(Literal(text))
