"""Judge one value the way pySHACL does, for the few values SPARQL alone cannot settle.

pySHACL sees the data as rdflib terms, so its verdicts follow rdflib's reading
of each literal (``Literal.value``, ``Literal.ill_typed``) and rdflib's
comparisons. The functions here take the same rdflib terms (converted from
Oxigraph by :func:`graph.terms.to_rdflib`, as the sources are) and apply the
same rules, so a value SPARQL leaves undecided gets pySHACL's verdict.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.terms import to_rdflib

VALUE_KINDS: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}
"""The Python type rdflib must have read a literal into for pySHACL to accept its datatype; others pass."""


class BlankNodeComparison(ValueError):
    """pySHACL refuses to order a blank node (``sh:lessThanOrEquals``); so does this engine."""


@contextmanager
def _quietly() -> Iterator[None]:
    """rdflib logs a traceback and may warn for every ill-typed literal it reads; those are data, not news."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def rdflib_term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An Oxigraph term as pySHACL would have it, without rdflib's noise about ill-typed literals."""
    if isinstance(node, ox.Literal):
        with _quietly():
            return to_rdflib(node)
    return to_rdflib(node)


def has_datatype(value: Node, datatype: URIRef) -> bool:
    """sh:datatype: a literal of ``datatype`` that rdflib does not call ill-typed and reads as expected."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        return getattr(value, "ill_typed", None) is not True and _reads_as(value, datatype)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype:
        return value.datatype is not None
    if datatype == XSD.string:
        return value.datatype is None and value.language is None and _reads_as(value, datatype)
    if datatype == RDF.langString:
        return bool(value.language) and _reads_as(value, datatype)
    return False


def _reads_as(value: Literal, datatype: URIRef) -> bool:
    kind = VALUE_KINDS.get(datatype)
    return kind is None or isinstance(value.value, kind)


def text_of(value: Node) -> str:
    """The text sh:pattern matches: a string literal's value, else the term's lexical form or IRI."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        return str(value.value)
    return str(value)


def matches_pattern(value: Node, pattern: re.Pattern[str]) -> bool:
    """sh:pattern: never a blank node; else a regular-expression search in the value's text."""
    return not isinstance(value, BNode) and pattern.search(text_of(value)) is not None


RANGE_TESTS = {
    "minInclusive": lambda order: order >= 0,
    "minExclusive": lambda order: order > 0,
    "maxInclusive": lambda order: order <= 0,
    "maxExclusive": lambda order: order < 0,
}


def in_range(value: Node, bound: Literal, kind: str) -> bool:
    """sh:minInclusive and its kin: a literal of the bound's sort (string or not) that compares right."""
    if not isinstance(value, Literal):
        return False
    if isinstance(value.value, str) != isinstance(bound.value, str):
        return False
    try:
        order = compare_literal(value, bound)
    except (TypeError, NotImplementedError, ArithmeticError):
        # pySHACL gives up on the first two; on the third (NaN against a decimal) it crashes.
        return False
    return RANGE_TESTS[kind](order)


def less_than_or_equal(value: Node, other: Node) -> bool:
    """sh:lessThanOrEquals for one pair: IRIs and strings compare as text, other literals as rdflib orders them."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        raise BlankNodeComparison("sh:lessThanOrEquals cannot compare a blank node")
    left, left_text = _comparable(value)
    right, right_text = _comparable(other)
    if left_text != right_text:
        return False
    try:
        return bool(left <= right)
    except TypeError:
        return False


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False
