"""Read a SHACL shapes graph into the shapes the engine runs, refusing what it cannot run.

The engine runs the SHACL Core constraints Samverkan's shapes use (and a few
close kin), SHACL-AF SPARQL targets, and nothing else. Any other ``sh:``
term in the shapes graph (``sh:closed``, ``sh:sparql``, ``sh:rule``...) is
refused with :class:`UnsupportedShapes`, naming the shape and the term,
rather than skipped: a skipped constraint would pass data pySHACL rejects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from graph.errors import QueryRefused, SamverkanError
from graph.guard import refuse_service
from graph.namespaces import shorten
from graph.shacl_sparql import focus_checks as focus_kinds
from graph.shacl_sparql import value_checks as value_kinds
from graph.shacl_sparql.checks import FocusCheck, ValueCheck
from graph.shacl_sparql.regex import pattern_check
from graph.shacl_sparql.sparql import path_text

TARGET_PREDICATES = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)

PATH_PREDICATES = (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)

RANGE_PARAMETERS = {
    SH.minInclusive: ("minInclusive", SH.MinInclusiveConstraintComponent),
    SH.minExclusive: ("minExclusive", SH.MinExclusiveConstraintComponent),
    SH.maxInclusive: ("maxInclusive", SH.MaxInclusiveConstraintComponent),
    SH.maxExclusive: ("maxExclusive", SH.MaxExclusiveConstraintComponent),
}

SUPPORTED_PREDICATES = frozenset(
    {
        *TARGET_PREDICATES,
        *PATH_PREDICATES,
        *RANGE_PARAMETERS,
        SH.select, SH.prefixes, SH.declare, SH.prefix, SH.namespace,
        SH.property, SH.path, SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount,
        SH.pattern, SH.flags, SH.languageIn, SH.uniqueLang, SH["in"], SH.hasValue, SH.lessThanOrEquals,
        SH["or"], SH["and"], SH["not"], SH.xone, SH.node,
        SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
        SH.deactivated, SH.severity, SH.message,
        SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
    }
)  # fmt: skip
"""Every ``sh:`` predicate the engine understands; any other in the shapes graph is refused."""

SUPPORTED_TYPES = frozenset(
    {SH.Shape, SH.NodeShape, SH.PropertyShape, SH.SPARQLTarget, SH.PrefixDeclaration, SH.PropertyGroup}
)


class UnsupportedShapes(SamverkanError):
    """The shapes use SHACL the SPARQL engine does not run; each use is named."""


@dataclass(frozen=True)
class SparqlTarget:
    """A SHACL-AF ``sh:SPARQLTarget``: its query, with the prefixes its ``sh:prefixes`` declare."""

    select: str
    prefixes: tuple[tuple[str, str], ...]

    @property
    def query(self) -> str:
        declared = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in self.prefixes)
        return declared + self.select


@dataclass(frozen=True)
class Targets:
    classes: tuple[Node, ...] = ()
    subjects_of: tuple[URIRef, ...] = ()
    objects_of: tuple[URIRef, ...] = ()
    nodes: tuple[Node, ...] = ()
    selects: tuple[SparqlTarget, ...] = ()


@dataclass(eq=False)
class Shape:
    """A node or property shape, its constraints sorted by how the engine runs them."""

    node: Node
    name: str
    path: Node | None = None
    sparql_path: str = ""
    severity: URIRef = SH.Violation
    messages: tuple[Literal, ...] = ()
    deactivated: bool = False
    targets: Targets = field(default_factory=Targets)
    value_checks: tuple[ValueCheck, ...] = ()
    focus_checks: tuple[FocusCheck, ...] = ()
    properties: tuple[Shape, ...] = ()


def read_shapes(graph: Graph) -> tuple[Shape, ...]:
    """The shapes of ``graph`` that have targets, with everything they reach; refuses unsupported SHACL."""
    problems = list(_unsupported_terms(graph))
    if problems:
        raise UnsupportedShapes(
            "The shapes use SHACL that the SPARQL validation engine does not run:\n" + "\n".join(problems)
        )
    reader = _Reader(graph)
    targeted = {subject for predicate in TARGET_PREDICATES for subject in graph.subjects(predicate, None)}
    targeted |= {shape for shape in _shape_nodes(graph) if _is_class(graph, shape)}
    return tuple(reader.shape(node) for node in sorted(targeted, key=str))


def name_of(graph: Graph, node: Node) -> str:
    """How an error names a shape: its IRI, or the named shape a blank node sits in."""
    if isinstance(node, URIRef):
        return shorten(str(node))
    seen = {node}
    current = node
    while isinstance(current, BNode):
        owner = next((s for s in graph.subjects(None, current) if s not in seen), None)
        if owner is None:
            return "a blank-node shape"
        seen.add(owner)
        current = owner
    return f"a blank node in {shorten(str(current))}"


def _unsupported_terms(graph: Graph) -> Iterator[str]:
    namespace = str(SH)
    for subject, predicate, obj in sorted(graph, key=lambda triple: tuple(map(str, triple))):
        if str(predicate).startswith(namespace) and predicate not in SUPPORTED_PREDICATES:
            yield f"  {name_of(graph, subject)} uses {shorten(str(predicate)).replace('<' + namespace, '<sh:')}"
        elif predicate == RDF.type and str(obj).startswith(namespace) and obj not in SUPPORTED_TYPES:
            yield f"  {name_of(graph, subject)} is a {str(obj).replace(namespace, 'sh:')}"


def _shape_nodes(graph: Graph) -> set[Node]:
    return set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))


def _is_class(graph: Graph, node: Node) -> bool:
    """pySHACL's implicit class target: a shape that is also an ``rdfs:Class`` (or a subclass of it)."""
    classes = {RDFS.Class, *graph.subjects(RDFS.subClassOf, RDFS.Class)}
    return any(kind in classes for kind in graph.objects(node, RDF.type))


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.shapes: dict[Node, Shape] = {}
        self.reading: set[Node] = set()

    def fail(self, node: Node, problem: str) -> UnsupportedShapes:
        return UnsupportedShapes(f"Shape {name_of(self.graph, node)}: {problem}")

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = sorted(self.graph.objects(node, predicate), key=str)
        if len(values) > 1:
            raise self.fail(node, f"has {len(values)} values of {shorten(str(predicate))}, at most one is allowed")
        return values[0] if values else None

    def shape(self, node: Node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        if node in self.reading:
            raise self.fail(node, "refers to itself (recursive shapes are not supported)")
        self.reading.add(node)
        shape = self._read(node)
        self.reading.discard(node)
        self.shapes[node] = shape
        return shape

    def _read(self, node: Node) -> Shape:
        graph = self.graph
        shape = Shape(node=node, name=name_of(graph, node))
        path = self.one(node, SH.path)
        if path is not None:
            self._check_path(node, path)
            shape.path, shape.sparql_path = path, path_text(graph, path)
        severity = self.one(node, SH.severity)
        if severity is not None:
            shape.severity = severity  # type: ignore[assignment]
        shape.messages = tuple(
            sorted(
                (m for m in graph.objects(node, SH.message) if isinstance(m, Literal)),
                key=lambda m: (m.language or "", str(m)),
            )
        )
        deactivated = self.one(node, SH.deactivated)
        if deactivated is not None:
            if not isinstance(deactivated, Literal):
                raise self.fail(node, "sh:deactivated must be a literal")
            shape.deactivated = bool(deactivated.value)
        shape.targets = self._targets(node)
        shape.value_checks, shape.focus_checks = self._checks(node, shape)
        children = sorted(graph.objects(node, SH.property), key=str)
        if children and path is not None:
            raise self.fail(node, "sh:property on a property shape is not supported")
        shape.properties = tuple(self._property(child) for child in children)
        return shape

    def _property(self, node: Node) -> Shape:
        shape = self.shape(node)
        if shape.path is None:
            raise self.fail(node, "is used as sh:property but has no sh:path")
        return shape

    def _check_path(self, shape: Node, path: Node) -> None:
        if isinstance(path, URIRef):
            return
        if isinstance(path, Literal):
            raise self.fail(shape, f"sh:path {path!r} is a literal")
        if (path, RDF.first, None) in self.graph:
            for step in Collection(self.graph, path):
                self._check_path(shape, step)
            return
        kinds = [(predicate, value) for predicate, value in self.graph.predicate_objects(path) if predicate in PATH_PREDICATES]
        if len(kinds) != 1:
            raise self.fail(shape, "has an sh:path that is not a SHACL property path")
        predicate, inner = kinds[0]
        if predicate == SH.alternativePath:
            for step in Collection(self.graph, inner):
                self._check_path(shape, step)
        else:
            self._check_path(shape, inner)

    def _targets(self, node: Node) -> Targets:
        graph = self.graph
        classes = list(graph.objects(node, SH.targetClass))
        if _is_class(graph, node):
            classes.append(node)
        nodes = sorted(graph.objects(node, SH.targetNode), key=str)
        if any(isinstance(target, BNode) for target in nodes):
            raise self.fail(node, "sh:targetNode names a blank node, which a SPARQL query cannot name")
        return Targets(
            classes=tuple(sorted(set(classes), key=str)),
            subjects_of=tuple(sorted(graph.objects(node, SH.targetSubjectsOf), key=str)),  # type: ignore[arg-type]
            objects_of=tuple(sorted(graph.objects(node, SH.targetObjectsOf), key=str)),  # type: ignore[arg-type]
            nodes=tuple(nodes),
            selects=tuple(self._sparql_target(node, target) for target in sorted(graph.objects(node, SH.target), key=str)),
        )

    def _sparql_target(self, shape: Node, target: Node) -> SparqlTarget:
        select = self.one(target, SH.select)
        if select is None:
            kinds = ", ".join(shorten(str(kind)) for kind in self.graph.objects(target, RDF.type)) or "no type"
            raise self.fail(shape, f"has an sh:target ({kinds}) that is not an sh:SPARQLTarget with sh:select")
        try:
            refuse_service(str(select))
        except QueryRefused as error:
            raise self.fail(shape, f"its SPARQL target is refused: {error}") from None
        return SparqlTarget(str(select), self._prefixes(shape, target))

    def _prefixes(self, shape: Node, target: Node) -> tuple[tuple[str, str], ...]:
        """The declarations pySHACL reads: those of each ``sh:prefixes`` node, with the ontologies' own."""
        graph = self.graph
        ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
        everywhere = {d for ontology in ontologies for d in graph.objects(ontology, SH.declare)}
        declared: dict[str, str] = {}
        for source in sorted(graph.objects(target, SH.prefixes), key=str):
            own = set(graph.objects(source, SH.declare))
            for declaration in sorted(own if own and source in ontologies else own | everywhere, key=str):
                prefix, namespace = self.one(declaration, SH.prefix), self.one(declaration, SH.namespace)
                if not isinstance(prefix, Literal) or namespace is None:
                    raise self.fail(shape, "has an sh:declare without one sh:prefix and one sh:namespace")
                declared[str(prefix)] = str(namespace)
        return tuple(sorted(declared.items()))

    def _list(self, shape: Node, head: Node, parameter: str) -> list[Node]:
        if head != RDF.nil and (head, RDF.first, None) not in self.graph:
            raise self.fail(shape, f"the value of {parameter} is not an RDF list")
        return list(Collection(self.graph, head))

    def _count(self, node: Node, predicate: URIRef) -> int | None:
        value = self.one(node, predicate)
        if value is None:
            return None
        if not isinstance(value, Literal) or not isinstance(value.value, int) or isinstance(value.value, bool):
            raise self.fail(node, f"{shorten(str(predicate))} must be an integer")
        return value.value

    def _checks(self, node: Node, shape: Shape) -> tuple[tuple[ValueCheck, ...], tuple[FocusCheck, ...]]:
        graph = self.graph
        values: list[ValueCheck] = []
        focus: list[FocusCheck] = []
        on_property = shape.path is not None

        def property_only(parameter: str) -> None:
            if not on_property:
                raise self.fail(node, f"{parameter} is only supported on property shapes")

        values += [value_kinds.ClassCheck(cls) for cls in sorted(graph.objects(node, SH["class"]), key=str)]
        datatype = self.one(node, SH.datatype)
        if datatype is not None:
            if not isinstance(datatype, URIRef):
                raise self.fail(node, "sh:datatype must be an IRI")
            values.append(value_kinds.DatatypeCheck(datatype))
        kind = self.one(node, SH.nodeKind)
        if kind is not None:
            if kind not in value_kinds.NODE_KINDS:
                raise self.fail(node, f"sh:nodeKind {kind} is not a SHACL node kind")
            values.append(value_kinds.NodeKindCheck(kind))  # type: ignore[arg-type]
        values += self._patterns(node)
        languages = self.one(node, SH.languageIn)
        if languages is not None:
            tags = self._list(node, languages, "sh:languageIn")
            if not all(isinstance(tag, Literal) and isinstance(tag.value, str) for tag in tags):
                raise self.fail(node, "sh:languageIn must list strings")
            values.append(value_kinds.LanguageInCheck(tuple(str(tag).lower() for tag in tags)))
        members = self.one(node, SH["in"])
        if members is not None:
            values.append(value_kinds.InCheck(tuple(self._list(node, members, "sh:in"))))
        for parameter, (kind_name, component) in RANGE_PARAMETERS.items():
            for bound in sorted(graph.objects(node, parameter), key=str):
                if not isinstance(bound, Literal):
                    raise self.fail(node, f"{shorten(str(parameter))} must be a literal")
                values.append(value_kinds.RangeCheck(kind_name, bound, component))
        for logical, make in ((SH["or"], value_kinds.OrCheck), (SH["and"], value_kinds.AndCheck), (SH.xone, value_kinds.XoneCheck)):
            for head in sorted(graph.objects(node, logical), key=str):
                members_of = self._list(node, head, shorten(str(logical)))
                if not members_of:
                    raise self.fail(node, f"the list of {shorten(str(logical))} is empty")
                values.append(make(tuple(self.shape(member) for member in members_of)))
        values += [value_kinds.NotCheck(self.shape(inner)) for inner in sorted(graph.objects(node, SH["not"]), key=str)]
        values += [value_kinds.NodeCheck(self.shape(inner)) for inner in sorted(graph.objects(node, SH.node), key=str)]

        minimum, maximum = self._count(node, SH.minCount), self._count(node, SH.maxCount)
        if minimum is not None:
            property_only("sh:minCount")
            focus.append(focus_kinds.MinCount(minimum))
        if maximum is not None:
            property_only("sh:maxCount")
            focus.append(focus_kinds.MaxCount(maximum))
        unique = self.one(node, SH.uniqueLang)
        if unique is not None:
            property_only("sh:uniqueLang")
            if not isinstance(unique, Literal) or not isinstance(unique.value, bool):
                raise self.fail(node, "sh:uniqueLang must be true or false")
            if unique.value:
                focus.append(focus_kinds.UniqueLang())
        focus += [focus_kinds.HasValue(value) for value in sorted(graph.objects(node, SH.hasValue), key=str)]
        for other in sorted(graph.objects(node, SH.lessThanOrEquals), key=str):
            property_only("sh:lessThanOrEquals")
            if not isinstance(other, URIRef):
                raise self.fail(node, "sh:lessThanOrEquals must be an IRI")
            focus.append(focus_kinds.LessThanOrEquals(other))
        qualified = self.one(node, SH.qualifiedValueShape)
        if qualified is not None:
            property_only("sh:qualifiedValueShape")
            disjoint = self.one(node, SH.qualifiedValueShapesDisjoint)
            if isinstance(disjoint, Literal) and disjoint.value is True:
                raise self.fail(node, "sh:qualifiedValueShapesDisjoint true is not supported")
            low, high = self._count(node, SH.qualifiedMinCount), self._count(node, SH.qualifiedMaxCount)
            if low is None and high is None:
                raise self.fail(node, "sh:qualifiedValueShape needs sh:qualifiedMinCount or sh:qualifiedMaxCount")
            focus.append(focus_kinds.Qualified(self.shape(qualified), low, high))
        return tuple(values), tuple(focus)

    def _patterns(self, node: Node) -> list[ValueCheck]:
        flags = self.one(node, SH.flags)
        found: list[ValueCheck] = []
        for pattern in sorted(self.graph.objects(node, SH.pattern), key=str):
            if not isinstance(pattern, Literal):
                raise self.fail(node, "sh:pattern must be a literal")
            try:
                found.append(pattern_check(str(pattern), "" if flags is None else str(flags)))
            except re.error as error:
                raise self.fail(node, f"sh:pattern {str(pattern)!r} is not a valid regular expression ({error})") from None
        return found

