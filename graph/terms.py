"""Translate RDF terms between pyoxigraph and rdflib.

The sources are parsed by Oxigraph (strict, fast, exact error positions)
but validated by pySHACL, which needs rdflib; the store is Oxigraph again.
These two functions are the only bridge between the two term models.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


class UnsupportedTerm(ValueError):
    """A term with no rdflib counterpart (an RDF 1.2 triple term)."""


def to_rdflib(term: OxTerm | ox.Triple) -> Node:
    """Convert an Oxigraph term; plain strings lose their explicit ``xsd:string``.

    rdflib's own Turtle parser yields ``Literal("x")`` for ``"x"``, while
    Oxigraph always reports ``xsd:string``; dropping it keeps the two equal.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise UnsupportedTerm(f"unsupported RDF term {term}")


def quad_to_oxigraph(subject: Node, predicate: Node, object: Node, graph: Node | None) -> ox.Quad:
    """An rdflib quad as an Oxigraph quad; ``None`` is the default graph.

    rdflib types every position as a plain ``Node``; Oxigraph checks that
    each term may stand where it stands, and raises ``TypeError`` if not.
    """
    graph_name = ox.DefaultGraph() if graph is None else to_oxigraph(graph)
    return ox.Quad(to_oxigraph(subject), to_oxigraph(predicate), to_oxigraph(object), graph_name)  # type: ignore[arg-type]


def to_oxigraph(term: Node) -> OxTerm:
    """Convert an rdflib term; the inverse of :func:`to_rdflib`."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is None:
            return ox.Literal(str(term))
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    raise UnsupportedTerm(f"unsupported RDF term {term!r}")
