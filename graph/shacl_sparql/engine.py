"""Run the shapes on an Oxigraph store: one set-oriented query per shape and constraint.

Focus nodes are never listed one by one: each query starts from the
shape's targets written as a graph pattern (``?this rdf:type ?class`` over
the class and its subclasses, ``?this p []``...), so Oxigraph finds every
offender of a constraint in one pass. Only the values those queries cannot
settle (see :mod:`graph.shacl_sparql.sparql`) come back to Python, which
judges them as pySHACL does.

The data is the union of the store's named graphs. Oxigraph's union keeps a
triple stated in two graphs twice, where pySHACL's graph holds it once, so
every count here is of DISTINCT values, and a SPARQL target whose answer
could change with such duplicates (one with aggregates, LIMIT or OFFSET)
runs on a de-duplicated copy of the triples it reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import SH
from rdflib.paths import Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from graph.shacl_sparql.checks import Context, Finding, Focus, OxTerm, ShapeError, ValueCheck
from graph.shacl_sparql.shapes import Shape, SparqlTarget
from graph.shacl_sparql.sparql import TRUE, Names, negate, safe, term
from graph.shacl_sparql.values import rdflib_term

RDFLIB_DEFAULT_PREFIXES = {prefix: str(namespace) for prefix, namespace in Graph().namespaces()}
"""The prefixes an rdflib graph binds by itself; pySHACL's SPARQL targets may use them undeclared."""

ORDER_SENSITIVE = frozenset({"AggregateJoin", "Slice"})
"""Algebra whose answer can change when a triple is matched twice (aggregates, LIMIT/OFFSET)."""


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, with the fields of a pySHACL report's ``sh:ValidationResult``.

    Terms are rdflib terms; ``path`` and ``source_shape`` are nodes of the
    shapes graph (a path given as a blank node is described there).
    """

    focus: Node
    path: Node | None
    value: Node | None
    source_shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]


class Run(Context):
    """One validation of one store: the subclass closure, caches, and the queries."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.subclasses = self._subclasses()
        self.verdicts: dict[tuple[int, OxTerm], bool] = {}
        self.duplicated: dict[URIRef | None, bool] = {}
        self.deduplicated = ox.Store()
        self.copied: set[URIRef] | None = set()
        """Predicates whose triples ``deduplicated`` holds; None once it holds them all."""

    # --- Context -------------------------------------------------------------------------

    def select(self, query: str, focus: Focus) -> list[ox.QuerySolution]:
        return list(self.store.query(query, use_default_graph_as_union=True, substitutions=focus.substitutions))

    def instances_of(self, cls: Node, node: str, names: Names) -> str:
        """True where ``node`` has ``cls`` or one of its subclasses as rdf:type (pySHACL's sh:class)."""
        classes = self.closure(cls)
        if any(isinstance(c, BNode) for c in classes):
            return safe(f"EXISTS {{ {node} {term(RDF.type)}/{term(RDFS.subClassOf)}* {term(cls)} }}")
        if len(classes) == 1:
            return f"EXISTS {{ {node} {term(RDF.type)} {term(classes[0])} }}"
        kind = names.new()
        listed = " ".join(term(c) for c in classes)
        return f"EXISTS {{ VALUES {kind} {{ {listed} }} {node} {term(RDF.type)} {kind} }}"

    def conforms(self, shape: Shape, node: OxTerm) -> bool:
        key = (id(shape), node)
        if key not in self.verdicts:
            self.verdicts[key] = next(self._findings(shape, Focus(node=node)), None) is None
        return self.verdicts[key]

    # --- running shapes ------------------------------------------------------------------

    def results(self, shapes: tuple[Shape, ...]) -> list[ShaclResult]:
        found: list[ShaclResult] = []
        for shape in shapes:
            for focus in () if shape.deactivated else self._focus(shape):
                found.extend(_result(source, finding) for source, finding in self._findings(shape, focus))
        return found

    def _findings(self, shape: Shape, focus: Focus) -> Iterator[tuple[Shape, Finding]]:
        """What ``shape`` and its property shapes find at ``focus``, each with the shape that found it."""
        if shape.deactivated:
            return
        for check in shape.value_checks:
            yield from ((shape, finding) for finding in self._value_findings(shape, check, focus))
        for focus_check in shape.focus_checks:
            yield from ((shape, finding) for finding in focus_check.find(self, shape, focus))
        for child in shape.properties:
            yield from self._findings(child, focus)

    def _value_findings(self, shape: Shape, check: ValueCheck, focus: Focus) -> Iterator[Finding]:
        """The values ``check`` rejects: those SPARQL surely rejects, and those pySHACL's rule rejects."""
        names = Names()
        if shape.path is None:  # a node shape's value node is the focus node itself
            value, step = "?this", ""
        else:
            value, step = "?value", f"?this {shape.sparql_path} ?value ."
        ok = check.sure_ok(self, value, names)
        if ok == TRUE:
            return
        bad = check.sure_bad(self, value, names)
        projected = "?this ?sure" if shape.path is None else "?this ?value ?sure"
        query = f"SELECT DISTINCT {projected} {{ {focus.pattern} {step} FILTER({negate(ok)}) BIND({bad} AS ?sure) }}"
        for row in self.select(query, focus):
            node = row[value[1:]]
            if row["sure"] == ox.Literal(True) or not check.holds(self, node):
                yield Finding(row["this"], node, check.component)

    # --- targets -------------------------------------------------------------------------

    def _focus(self, shape: Shape) -> Iterator[Focus]:
        """The shape's focus nodes: one pattern, plus any blank node a SPARQL target selects, one by one."""
        targets = shape.targets
        patterns = self._class_patterns(targets.classes)
        patterns += [f"{{ ?this {term(p)} [] }}" for p in targets.subjects_of]
        patterns += [f"{{ [] {term(p)} ?this }}" for p in targets.objects_of]
        if targets.nodes:
            patterns.append(f"{{ VALUES ?this {{ {' '.join(term(n) for n in targets.nodes)} }} }}")
        selected: set[OxTerm] = set()
        for target in targets.selects:
            selected |= self._select_target(shape, target)
        named = sorted((n for n in selected if not isinstance(n, ox.BlankNode)), key=str)
        if named:
            patterns.append(f"{{ VALUES ?this {{ {' '.join(str(n) for n in named)} }} }}")
        if patterns:
            yield Focus(pattern=" UNION ".join(patterns))
        for blank in sorted((n for n in selected if isinstance(n, ox.BlankNode)), key=str):
            # A blank node cannot be written into a query; it is validated on its own unless a
            # pattern above already made it a focus node.
            if not patterns or not self.select(f"SELECT * {{ {' UNION '.join(patterns)} }}", Focus(node=blank)):
                yield Focus(node=blank)

    def _class_patterns(self, targets: tuple[Node, ...]) -> list[str]:
        """``?this`` an instance of any of ``targets`` or their subclasses, in one pattern where possible."""
        closures = {cls: self.closure(cls) for cls in targets}
        through_blank = [cls for cls, classes in closures.items() if any(isinstance(c, BNode) for c in classes)]
        patterns = [f"{{ ?this {term(RDF.type)}/{term(RDFS.subClassOf)}* {term(cls)} }}" for cls in through_blank]
        listed = sorted({c for cls, classes in closures.items() if cls not in through_blank for c in classes}, key=str)
        if listed:
            patterns.append(f"{{ VALUES ?_class {{ {' '.join(term(c) for c in listed)} }} ?this {term(RDF.type)} ?_class }}")
        return patterns

    def _subclasses(self) -> dict[Node, set[Node]]:
        direct: dict[Node, set[Node]] = defaultdict(set)
        rows = self.store.query(
            f"SELECT DISTINCT ?sub ?super {{ ?sub {term(RDFS.subClassOf)} ?super }}", use_default_graph_as_union=True
        )
        for row in rows:
            direct[rdflib_term(row["super"])].add(rdflib_term(row["sub"]))
        return direct

    def closure(self, cls: Node) -> list[Node]:
        """``cls`` and all its subclasses, as ``rdf:type/rdfs:subClassOf*`` reaches them."""
        found, todo = {cls}, [cls]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return sorted(found, key=str)

    def _select_target(self, shape: Shape, target: SparqlTarget) -> set[OxTerm]:
        """The ``?this`` a SPARQL target selects, evaluated as pySHACL does: on a graph without duplicates."""
        store, union = self.store, True
        predicates = _duplicate_sensitive_predicates(shape, target)
        if predicates is not None and self._has_duplicates(predicates):
            store, union = self._deduplicated(predicates), False
        try:
            rows = store.query(target.query, prefixes=RDFLIB_DEFAULT_PREFIXES, use_default_graph_as_union=union)
        except SyntaxError as error:
            raise ShapeError(f"Shape {shape.name}: its SPARQL target is not valid SPARQL: {error}") from None
        if not isinstance(rows, ox.QuerySolutions) or "this" not in [v.value for v in rows.variables]:
            raise ShapeError(f"Shape {shape.name}: its SPARQL target must be a SELECT query of ?this")
        return {row["this"] for row in rows if row["this"] is not None}

    def _has_duplicates(self, predicates: frozenset[URIRef]) -> bool:
        """Whether a triple of one of ``predicates`` (any, if empty) is in two graphs, or the default graph is used."""
        if next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
            return True
        for predicate in sorted(predicates) or [None]:
            if predicate not in self.duplicated:
                written = "?p" if predicate is None else term(predicate)
                query = f"ASK {{ GRAPH ?g1 {{ ?s {written} ?o }} GRAPH ?g2 {{ ?s {written} ?o }} FILTER(?g1 != ?g2) }}"
                self.duplicated[predicate] = bool(self.store.query(query))
            if self.duplicated[predicate]:
                return True
        return False

    def _deduplicated(self, predicates: frozenset[URIRef]) -> ox.Store:
        """A store whose default graph holds each triple of the union once (those of ``predicates``, if any).

        Built once per run and grown as targets need more predicates.
        """
        if self.copied is None:
            return self.deduplicated
        if predicates:
            missing = sorted(predicates - self.copied)
            if not missing:
                return self.deduplicated
            restrict = f"VALUES ?p {{ {' '.join(term(p) for p in missing)} }}"
            self.copied |= set(missing)
        else:
            self.deduplicated, self.copied, restrict = ox.Store(), None, ""
        rows = self.store.query(f"SELECT DISTINCT ?s ?p ?o {{ {restrict} ?s ?p ?o }}", use_default_graph_as_union=True)
        self.deduplicated.bulk_extend(ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph()) for row in rows)
        return self.deduplicated


def _duplicate_sensitive_predicates(shape: Shape, target: SparqlTarget) -> frozenset[URIRef] | None:
    """None if the target's answer cannot change when a triple is seen twice; else the predicates it reads.

    An empty set means "it reads any predicate" (a variable or path in predicate position).
    """
    try:
        algebra = prepareQuery(target.query, initNs=RDFLIB_DEFAULT_PREFIXES).algebra
    except Exception as error:  # noqa: BLE001 - rdflib raises pyparsing's errors and bare Exceptions (unknown prefix)
        raise ShapeError(f"Shape {shape.name}: its SPARQL target is not valid SPARQL: {error}") from None
    sensitive = False
    predicates: set[URIRef] = set()
    every_predicate = False
    for node in _parts(algebra):
        if isinstance(node, CompValue):
            if node.name in ORDER_SENSITIVE:
                sensitive = True
            if node.name in ("Graph", "ServiceGraphPattern") or dict.get(node, "datasetClause"):
                raise ShapeError(f"Shape {shape.name}: a SPARQL target may not use GRAPH, FROM or SERVICE")
            for triple in dict.get(node, "triples") or ():
                predicate = triple[1]
                if isinstance(predicate, URIRef):
                    predicates.add(predicate)
                else:
                    every_predicate = every_predicate or isinstance(predicate, (Variable, Path))
    if not sensitive:
        return None
    return frozenset() if every_predicate else frozenset(predicates)


def _parts(node: object) -> Iterator[object]:
    """Every node of rdflib's query algebra, nested ones included."""
    seen: set[int] = set()
    todo = [node]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, dict):
            todo.extend(current.values())
        elif isinstance(current, (list, tuple)):
            todo.extend(current)


GENERIC_MESSAGES = {
    SH.ClassConstraintComponent: "The value is not an instance of the required class.",
    SH.DatatypeConstraintComponent: "The value is not a literal of the required datatype.",
    SH.NodeKindConstraintComponent: "The value is not of the required node kind.",
    SH.MinCountConstraintComponent: "Too few values.",
    SH.MaxCountConstraintComponent: "Too many values.",
    SH.PatternConstraintComponent: "The value does not match the required pattern.",
    SH.LanguageInConstraintComponent: "The value's language is not one of those allowed.",
    SH.UniqueLangConstraintComponent: "More than one value has the same language.",
    SH.InConstraintComponent: "The value is not one of those allowed.",
    SH.HasValueConstraintComponent: "The required value is missing.",
    SH.LessThanOrEqualsConstraintComponent: "The value is greater than the value it is compared with.",
    SH.QualifiedMinCountConstraintComponent: "Too few values conform to the qualified shape.",
    SH.QualifiedMaxCountConstraintComponent: "Too many values conform to the qualified shape.",
    SH.OrConstraintComponent: "The value conforms to none of the alternative shapes.",
    SH.XoneConstraintComponent: "The value does not conform to exactly one of the shapes.",
    SH.AndConstraintComponent: "The value does not conform to all of the shapes.",
    SH.NotConstraintComponent: "The value conforms to a shape it must not conform to.",
    SH.NodeConstraintComponent: "The value does not conform to the required shape.",
}
"""Said when a shape has no sh:message of its own (pySHACL words its own; these are ours)."""


def _result(shape: Shape, finding: Finding) -> ShaclResult:
    messages = shape.messages or (
        Literal(GENERIC_MESSAGES.get(finding.component, "The value breaks a constraint."), lang="en"),
    )
    return ShaclResult(
        focus=rdflib_term(finding.focus),
        path=shape.path,
        value=None if finding.value is None else rdflib_term(finding.value),
        source_shape=shape.node,
        component=finding.component,
        severity=shape.severity,
        messages=messages,
    )


def validate_targets(store: ox.Store, shapes: tuple[Shape, ...]) -> list[ShaclResult]:
    """Run ``shapes`` (read by :func:`~graph.shacl_sparql.shapes.read_shapes`) on ``store``'s union graph."""
    return Run(store).results(shapes)

