"""Checks on a focus node's values together: counts, sh:uniqueLang, sh:hasValue, qualified counts...

Each writes its own query over all focus nodes at once, and says, as SPARQL
conditions, where a node surely meets it and where it surely does not (for
shapes nested in sh:or, sh:xone or a qualified value shape).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graph.shacl_sparql import sparql
from graph.shacl_sparql.checks import Context, Finding, Focus, FocusCheck, OxTerm, ShapeError, shape_conditions
from graph.shacl_sparql.sparql import FALSE, TRUE, Names, all_of, any_of, exists, negate, not_exists, safe, term
from graph.shacl_sparql.values import BlankNodeComparison, less_than_or_equal, rdflib_term

if TYPE_CHECKING:
    from graph.shacl_sparql.shapes import Shape


EXACT_COUNT_LIMIT = 4
"""Counts up to this are written as distinct values in one pattern; larger nested counts are judged exactly."""


def _at_least(node: str, path: str, count: int, names: Names) -> str | None:
    """True where ``node`` has at least ``count`` distinct values on ``path``; None if too many to write."""
    if count <= 0:
        return TRUE
    if count > EXACT_COUNT_LIMIT:
        return None
    values = [names.new() for _ in range(count)]
    pattern = " ".join(f"{node} {path} {value} ." for value in values)
    distinct = all_of(
        f"!sameTerm({values[i]}, {values[j]})" for i in range(count) for j in range(i + 1, count)
    )
    return exists(pattern, distinct)


@dataclass(frozen=True)
class MinCount(FocusCheck):
    count: int

    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]:
        if self.count <= 0:
            return
        if self.count == 1:
            query = f"SELECT DISTINCT ?this {{ {focus.pattern} FILTER NOT EXISTS {{ ?this {shape.sparql_path} ?_v }} }}"
        else:
            query = (
                f"SELECT ?this {{ {focus.pattern} OPTIONAL {{ ?this {shape.sparql_path} ?_v }} }}"
                f" GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {self.count})"
            )
        for row in ctx.select(query, focus):
            yield Finding(row["this"], None, SH.MinCountConstraintComponent)

    def sure_ok(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return _at_least(node, shape.sparql_path, self.count, names) or FALSE

    def sure_bad(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        at_least = _at_least(node, shape.sparql_path, self.count, names)
        return FALSE if at_least is None else negate(at_least)


@dataclass(frozen=True)
class MaxCount(FocusCheck):
    count: int

    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]:
        query = (
            f"SELECT ?this {{ {focus.pattern} ?this {shape.sparql_path} ?_v }}"
            f" GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {self.count})"
        )
        for row in ctx.select(query, focus):
            yield Finding(row["this"], None, SH.MaxCountConstraintComponent)

    def sure_ok(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        too_many = _at_least(node, shape.sparql_path, self.count + 1, names)
        return FALSE if too_many is None else negate(too_many)

    def sure_bad(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return _at_least(node, shape.sparql_path, self.count + 1, names) or FALSE


@dataclass(frozen=True)
class UniqueLang(FocusCheck):
    """sh:uniqueLang true: one result per language tag (case aside) that two distinct values share."""

    @staticmethod
    def _pair(node: str, path: str, first: str, second: str) -> tuple[str, str]:
        pattern = f"{node} {path} {first} . {node} {path} {second} ."
        same = f'!sameTerm({first}, {second}) && LANG({first}) != "" && LCASE(LANG({first})) = LCASE(LANG({second}))'
        return pattern, safe(same)

    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]:
        pattern, same = self._pair("?this", shape.sparql_path, "?_a", "?_b")
        query = f"SELECT DISTINCT ?this ?lang {{ {focus.pattern} {pattern} FILTER({same}) BIND(LCASE(LANG(?_a)) AS ?lang) }}"
        for row in ctx.select(query, focus):
            yield Finding(row["this"], None, SH.UniqueLangConstraintComponent)

    def sure_ok(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return not_exists(*self._pair(node, shape.sparql_path, names.new(), names.new()))

    def sure_bad(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return exists(*self._pair(node, shape.sparql_path, names.new(), names.new()))


@dataclass(frozen=True)
class HasValue(FocusCheck):
    """sh:hasValue: the term is among the values (for a node shape: is the focus node)."""

    value: Node

    def _present(self, node: str, shape: Shape) -> str:
        if isinstance(self.value, BNode):
            return FALSE
        if shape.path is None:
            return f"sameTerm({node}, {term(self.value)})"
        return exists(f"{node} {shape.sparql_path} {term(self.value)} .")

    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]:
        missing = negate(self._present("?this", shape))
        query = f"SELECT DISTINCT ?this {{ {focus.pattern} FILTER({missing}) }}"
        for row in ctx.select(query, focus):
            yield Finding(row["this"], None, SH.HasValueConstraintComponent)

    def sure_ok(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return self._present(node, shape)

    def sure_bad(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        return negate(self._present(node, shape))


@dataclass(frozen=True)
class LessThanOrEquals(FocusCheck):
    """sh:lessThanOrEquals: one result per pair of value and compared value out of order."""

    other: URIRef

    @staticmethod
    def _orders(first: str, second: str, operator: str) -> str:
        dates = all_of(
            [sparql.fast_lexical(first, XSD.date), sparql.fast_lexical(second, XSD.date), safe(f"{first} {operator} {second}")]
        )
        numbers = all_of([sparql.fast_number(first), sparql.fast_number(second), safe(f"{first} {operator} {second}")])
        texts = all_of(
            [sparql.string_like(first), sparql.string_like(second), safe(f"STR({first}) {operator} STR({second})")]
        )
        return any_of([dates, numbers, texts])

    def _pattern(self, node: str, shape: Shape, value: str, other: str) -> str:
        return f"{node} {shape.sparql_path} {value} . {node} {term(self.other)} {other} ."

    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]:
        query = (
            f"SELECT DISTINCT ?this ?value ?other ?sure {{ {focus.pattern} "
            f"{self._pattern('?this', shape, '?value', '?other')} "
            f"FILTER({negate(self._orders('?value', '?other', '<='))}) "
            f"BIND({self._orders('?value', '?other', '>')} AS ?sure) }}"
        )
        for row in ctx.select(query, focus):
            if row["sure"] != ox.Literal(True):
                try:
                    if less_than_or_equal(rdflib_term(row["value"]), rdflib_term(row["other"])):
                        continue
                except BlankNodeComparison as error:
                    raise ShapeError(f"{error} (focus node {row['this']})") from None
            yield Finding(row["this"], row["value"], SH.LessThanOrEqualsConstraintComponent)

    def sure_ok(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        value, other = names.new(), names.new()
        return not_exists(self._pattern(node, shape, value, other), negate(self._orders(value, other, "<=")))

    def sure_bad(self, ctx: Context, node: str, shape: Shape, names: Names) -> str:
        value, other = names.new(), names.new()
        return exists(self._pattern(node, shape, value, other), self._orders(value, other, ">"))


@dataclass(frozen=True)
class Qualified(FocusCheck):
    """sh:qualifiedValueShape with sh:qualifiedMinCount and/or sh:qualifiedMaxCount."""

    shape: Shape
    min_count: int | None
    max_count: int | None

    def find(self, ctx: Context, shape: Shape, focus: Focus) -> Iterator[Finding]:
        path = shape.sparql_path
        names = Names()
        ok, _ = shape_conditions(ctx, self.shape, "?_v", names)
        _, bad = shape_conditions(ctx, self.shape, "?_w", names)
        if self.max_count is None and self.min_count == 1:
            query = (
                f"SELECT DISTINCT ?this ?sure {{ {focus.pattern} "
                f"FILTER NOT EXISTS {{ ?this {path} ?_v FILTER({ok}) }} "
                f"BIND(NOT EXISTS {{ ?this {path} ?_w FILTER({negate(bad)}) }} AS ?sure) }}"
            )
            for row in ctx.select(query, focus):
                if row["sure"] == ox.Literal(True) or self._exact_count(ctx, shape, row["this"]) < 1:
                    yield Finding(row["this"], None, SH.QualifiedMinCountConstraintComponent)
            return
        low = self.min_count if self.min_count is not None else 0
        high = self.max_count if self.max_count is not None else -1
        conditions = []
        if self.min_count is not None:
            conditions.append(f"COUNT(DISTINCT ?_lo) < {low}")
        if self.max_count is not None:
            conditions.append(f"COUNT(DISTINCT ?_hi) > {high}")
        if not conditions:
            return
        query = (
            f"SELECT ?this (COUNT(DISTINCT ?_lo) AS ?low) (COUNT(DISTINCT ?_hi) AS ?high) {{ {focus.pattern} "
            f"OPTIONAL {{ ?this {path} ?_v . BIND(?_v AS ?_w) "
            f"BIND(IF({ok}, ?_v, ?_none) AS ?_lo) BIND(IF({negate(bad)}, ?_v, ?_none) AS ?_hi) }} }} "
            f"GROUP BY ?this HAVING ({' || '.join(conditions)})"
        )
        for row in ctx.select(query, focus):
            lower, upper = int(row["low"].value), int(row["high"].value)
            exact: int | None = None
            if lower != upper:
                exact = self._exact_count(ctx, shape, row["this"])
            if self.max_count is not None and (exact if exact is not None else lower) > self.max_count:
                yield Finding(row["this"], None, SH.QualifiedMaxCountConstraintComponent)
            if self.min_count is not None and (exact if exact is not None else upper) < self.min_count:
                yield Finding(row["this"], None, SH.QualifiedMinCountConstraintComponent)

    def _exact_count(self, ctx: Context, shape: Shape, node: OxTerm) -> int:
        values = ctx.select(f"SELECT DISTINCT ?this ?v {{ ?this {shape.sparql_path} ?v }}", Focus(node=node))
        return sum(ctx.conforms(self.shape, row["v"]) for row in values)
