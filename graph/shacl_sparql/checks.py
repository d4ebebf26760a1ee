"""What every constraint check is: SPARQL conditions plus pySHACL's exact verdict.

A :class:`ValueCheck` (:mod:`~graph.shacl_sparql.value_checks`) judges each
value node on its own (``sh:class``, ``sh:datatype``, ``sh:or``...): the
engine finds the values it cannot clear in one query per check and shape. A
:class:`FocusCheck` (:mod:`~graph.shacl_sparql.focus_checks`) judges a focus
node's values together (``sh:minCount``, ``sh:uniqueLang``, qualified
counts...) and writes its own query. Both also say, as SPARQL conditions,
whether a node surely conforms or surely fails, so that shapes nested in
``sh:or``, ``sh:xone`` or ``sh:qualifiedValueShape`` are judged inside the
same query; the rare node neither condition settles is judged exactly,
node by node, by the :class:`Context`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from graph.errors import SamverkanError
from graph.shacl_sparql.sparql import FALSE, TRUE, Names, all_of, any_of, exists, negate, not_exists

if TYPE_CHECKING:
    from graph.shacl_sparql.shapes import Shape

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Focus:
    """The focus nodes of a query: a pattern binding ``?this``, or one node put in for ``?this``."""

    pattern: str = ""
    node: OxTerm | None = None

    @property
    def substitutions(self) -> dict[ox.Variable, OxTerm] | None:
        return None if self.node is None else {ox.Variable("this"): self.node}


@dataclass(frozen=True)
class Finding:
    """A constraint a focus node breaks: the value at fault (if one is) and the component."""

    focus: OxTerm
    value: OxTerm | None
    component: URIRef


class Context(Protocol):
    """What checks need from the engine running them."""

    def select(self, query: str, focus: Focus) -> list[ox.QuerySolution]: ...

    def instances_of(self, cls: Node, node: str, names: Names) -> str: ...

    def conforms(self, shape: Shape, node: OxTerm) -> bool: ...


class ShapeError(SamverkanError):
    """The data cannot be judged as pySHACL would judge it; the message says where."""


class ValueCheck(ABC):
    """A condition each value node must meet by itself."""

    component: URIRef

    @abstractmethod
    def sure_ok(self, ctx: Context, value: str, names: Names) -> str: ...

    @abstractmethod
    def sure_bad(self, ctx: Context, value: str, names: Names) -> str: ...

    @abstractmethod
    def holds(self, ctx: Context, value: OxTerm) -> bool:
        """pySHACL's verdict on one value the SPARQL conditions left open."""


class FocusCheck(ABC):
    """A condition on all values of a focus node at once."""

    @abstractmethod
    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]: ...

    def sure_ok(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return FALSE

    def sure_bad(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return FALSE


def shape_conditions(ctx: Context, shape: Shape, node: str, names: Names) -> tuple[str, str]:
    """(surely conforms, surely fails) for ``node`` against ``shape``, as SPARQL conditions."""
    if shape.deactivated:
        return TRUE, FALSE
    oks: list[str] = []
    bads: list[str] = []
    for check in shape.value_checks:
        if shape.path is None:
            oks.append(check.sure_ok(ctx, node, names))
            bads.append(check.sure_bad(ctx, node, names))
        else:
            value = names.new()
            step = f"{node} {shape.sparql_path} {value} ."
            oks.append(not_exists(step, negate(check.sure_ok(ctx, value, names))))
            bads.append(exists(step, check.sure_bad(ctx, value, names)))
    for focus_check in shape.focus_checks:
        oks.append(focus_check.sure_ok(ctx, node, shape, names))
        bads.append(focus_check.sure_bad(ctx, node, shape, names))
    for child in shape.properties:
        ok, bad = shape_conditions(ctx, child, node, names)
        oks.append(ok)
        bads.append(bad)
    return all_of(oks), any_of(bads)
