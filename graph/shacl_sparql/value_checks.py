"""Checks on each value node by itself: sh:class, sh:datatype, sh:pattern, sh:in, sh:or...

Each says, as SPARQL conditions, where a value surely meets it and where it
surely does not, and gives pySHACL's verdict on any value in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graph.shacl_sparql import sparql
from graph.shacl_sparql.checks import Context, Focus, OxTerm, ValueCheck, shape_conditions
from graph.shacl_sparql.sparql import FALSE, Names, all_of, any_of, negate, safe, term
from graph.shacl_sparql.values import has_datatype, in_range, matches_pattern, rdflib_term

if TYPE_CHECKING:
    from graph.shacl_sparql.shapes import Shape

PRINTABLE_ASCII_ONLY = '!REGEX(STR({0}), "[^ -~]")'
"""Text of printable ASCII only: there Python's and Rust's regular expressions agree on the portable subset."""


@dataclass(frozen=True)
class ClassCheck(ValueCheck):
    cls: Node
    component: URIRef = SH.ClassConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return ctx.instances_of(self.cls, value, names)

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return negate(self.sure_ok(ctx, value, names))

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return bool(ctx.select(f"SELECT ?this {{ FILTER({self.sure_ok(ctx, '?this', Names())}) }}", Focus(node=value)))


@dataclass(frozen=True)
class DatatypeCheck(ValueCheck):
    datatype: URIRef
    component: URIRef = SH.DatatypeConstraintComponent

    def _exact(self, value: str) -> str | None:
        """A condition exactly matching pySHACL's verdict, for the datatypes where SPARQL can say it."""
        if self.datatype == XSD.string:
            return safe(f"isLiteral({value}) && DATATYPE({value}) = {term(XSD.string)}")
        if self.datatype == RDF.langString:
            return safe(f'LANG({value}) != ""')
        if self.datatype == RDFS.Literal:
            return f"isLiteral({value})"
        if self.datatype == RDFS.Datatype:
            return safe(
                f"isLiteral({value}) && DATATYPE({value}) != {term(XSD.string)}"
                f' && LANG({value}) = ""'
            )
        return None

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        exact = self._exact(value)
        return exact if exact is not None else sparql.fast_lexical(value, self.datatype)

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        exact = self._exact(value)
        if exact is not None:
            return negate(exact)
        return negate(safe(f"isLiteral({value}) && DATATYPE({value}) = {term(self.datatype)}"))

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return has_datatype(rdflib_term(value), self.datatype)


NODE_KINDS = {
    SH.IRI: "isIRI({0})",
    SH.BlankNode: "isBlank({0})",
    SH.Literal: "isLiteral({0})",
    SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))",
    SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
    SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))",
}


@dataclass(frozen=True)
class NodeKindCheck(ValueCheck):
    kind: URIRef
    component: URIRef = SH.NodeKindConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return NODE_KINDS[self.kind].format(value)

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return negate(self.sure_ok(ctx, value, names))

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return bool(ctx.select(f"SELECT ?this {{ FILTER({self.sure_ok(ctx, '?this', names=Names())}) }}", Focus(node=value)))


@dataclass(frozen=True)
class PatternCheck(ValueCheck):
    """sh:pattern, matched by Oxigraph's REGEX where Python's ``re`` (pySHACL's) would agree."""

    pattern: str
    flags: str
    portable: bool
    compiled: re.Pattern[str] = field(compare=False)
    component: URIRef = SH.PatternConstraintComponent

    def _matches(self, value: str) -> str:
        return f"REGEX(STR({value}), {sparql.literal_string(self.pattern)}, {sparql.literal_string(self.flags)})"

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        if not self.portable:
            return FALSE
        return safe(all_of([sparql.string_like(value), PRINTABLE_ASCII_ONLY.format(value), self._matches(value)]))

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        unmatched = FALSE
        if self.portable:
            unmatched = safe(
                all_of([sparql.string_like(value), PRINTABLE_ASCII_ONLY.format(value), negate(self._matches(value))])
            )
        return any_of([f"isBlank({value})", unmatched])

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return matches_pattern(rdflib_term(value), self.compiled)


@dataclass(frozen=True)
class LanguageInCheck(ValueCheck):
    """sh:languageIn as pySHACL reads it: the tag, or its first subtag, is listed (case aside)."""

    languages: tuple[str, ...]
    component: URIRef = SH.LanguageInConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        if not self.languages:
            return FALSE
        tagged = f'isLiteral({value}) && LANG({value}) != ""'
        if "*" in self.languages:
            return safe(tagged)
        listed = ", ".join(sparql.literal_string(language) for language in self.languages)
        first = f'LCASE(STRBEFORE(CONCAT(LANG({value}), "-"), "-"))'
        return safe(f"{tagged} && (LCASE(LANG({value})) IN ({listed}) || {first} IN ({listed}))")

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return negate(self.sure_ok(ctx, value, names))

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return bool(ctx.select(f"SELECT ?this {{ FILTER({self.sure_ok(ctx, '?this', Names())}) }}", Focus(node=value)))


@dataclass(frozen=True)
class InCheck(ValueCheck):
    """sh:in: the value is one of the listed terms, compared as terms (not as values)."""

    members: tuple[Node, ...]
    component: URIRef = SH.InConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return any_of(f"sameTerm({value}, {term(member)})" for member in self.members if not isinstance(member, BNode))

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return negate(self.sure_ok(ctx, value, names))

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return rdflib_term(value) in self.members


RANGE_OPERATORS = {"minInclusive": ">=", "minExclusive": ">", "maxInclusive": "<=", "maxExclusive": "<"}


@dataclass(frozen=True)
class RangeCheck(ValueCheck):
    """sh:minInclusive and its kin; SPARQL settles plain integers and decimals against a numeric bound."""

    kind: str
    bound: Literal
    component: URIRef

    def _numeric_bound(self) -> bool:
        return self.bound.datatype in (XSD.integer, XSD.decimal) and not getattr(self.bound, "ill_typed", False)

    def _compares(self, value: str) -> str:
        return safe(f"{value} {RANGE_OPERATORS[self.kind]} {term(self.bound)}")

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        if not self._numeric_bound():
            return FALSE
        return all_of([sparql.fast_number(value), self._compares(value)])

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        parts = [f"isIRI({value})", f"isBlank({value})"]
        if not isinstance(self.bound.value, str):
            parts.append(
                safe(f'isLiteral({value}) && (DATATYPE({value}) = {term(XSD.string)} || LANG({value}) != "")')
            )
        if self._numeric_bound():
            parts.append(all_of([sparql.fast_number(value), negate(self._compares(value))]))
        return any_of(parts)

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return in_range(rdflib_term(value), self.bound, self.kind)


@dataclass(frozen=True)
class NodeCheck(ValueCheck):
    shape: Shape
    component: URIRef = SH.NodeConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return shape_conditions(ctx, self.shape, value, names)[0]

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return shape_conditions(ctx, self.shape, value, names)[1]

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return ctx.conforms(self.shape, value)


@dataclass(frozen=True)
class NotCheck(ValueCheck):
    shape: Shape
    component: URIRef = SH.NotConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return shape_conditions(ctx, self.shape, value, names)[1]

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return shape_conditions(ctx, self.shape, value, names)[0]

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return not ctx.conforms(self.shape, value)


@dataclass(frozen=True)
class AndCheck(ValueCheck):
    shapes: tuple[Shape, ...]
    component: URIRef = SH.AndConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return all_of(shape_conditions(ctx, shape, value, names)[0] for shape in self.shapes)

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return any_of(shape_conditions(ctx, shape, value, names)[1] for shape in self.shapes)

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return all(ctx.conforms(shape, value) for shape in self.shapes)


@dataclass(frozen=True)
class OrCheck(ValueCheck):
    shapes: tuple[Shape, ...]
    component: URIRef = SH.OrConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        return any_of(shape_conditions(ctx, shape, value, names)[0] for shape in self.shapes)

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        return all_of(shape_conditions(ctx, shape, value, names)[1] for shape in self.shapes)

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return any(ctx.conforms(shape, value) for shape in self.shapes)


@dataclass(frozen=True)
class XoneCheck(ValueCheck):
    """sh:xone: exactly one member conforms (a member listed twice counts twice, as in pySHACL)."""

    shapes: tuple[Shape, ...]
    component: URIRef = SH.XoneConstraintComponent

    def sure_ok(self, ctx: Context, value: str, names: Names) -> str:
        conditions = [shape_conditions(ctx, shape, value, names) for shape in self.shapes]
        return any_of(
            all_of([ok, *(bad for j, (_, bad) in enumerate(conditions) if j != i)])
            for i, (ok, _) in enumerate(conditions)
        )

    def sure_bad(self, ctx: Context, value: str, names: Names) -> str:
        conditions = [shape_conditions(ctx, shape, value, names) for shape in self.shapes]
        none = all_of(bad for _, bad in conditions)
        two = any_of(
            all_of([conditions[i][0], conditions[j][0]])
            for i in range(len(conditions))
            for j in range(i + 1, len(conditions))
        )
        return any_of([none, two])

    def holds(self, ctx: Context, value: OxTerm) -> bool:
        return sum(ctx.conforms(shape, value) for shape in self.shapes) == 1
