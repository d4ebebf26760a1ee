"""Check the data against the SHACL shapes and say, per problem, where to fix it.

The shapes run as SPARQL on the Oxigraph store the sources were parsed into
(:mod:`graph.shacl_sparql`), which finds exactly what pySHACL, the reference
implementation, finds (with ``advanced=True`` for SHACL-AF targets and the
ontology mixed into the data graph), in seconds rather than minutes at a
million triples; the tests hold the two to the same results.

Each result becomes a :class:`Violation` that names the file(s) where the
focus node is described, found by looking the node up in the named graphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graph.errors import ValidationFailed
from graph.namespaces import shorten
from graph.shacl_sparql import ShaclResult, validate_store
from graph.sources import Sources

BLOCKING = "Violation"
"""Results of this severity stop a build; warnings and infos are only reported."""

LANGUAGE_ORDER = ("sv", "en")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, in terms a data editor can act on."""

    severity: str
    focus: str
    path: str | None
    value: str | None
    source_shape: str | None
    messages: dict[str, str]
    files: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING

    def render(self) -> str:
        """``file: <focus> path: message-sv / message-en`` (severity shown unless Violation)."""
        where = ", ".join(self.files) or "?"
        severity = "" if self.blocking else f"({self.severity.lower()}) "
        path = f" {self.path}" if self.path else ""
        return f"{where}: {severity}<{self.focus}>{path}: {self.message_text()}"

    def message_text(self) -> str:
        """The messages joined Swedish first, then English, then any other."""

        def rank(lang: str) -> tuple[int, str]:
            known = lang in LANGUAGE_ORDER
            return (LANGUAGE_ORDER.index(lang) if known else len(LANGUAGE_ORDER), lang)

        return " / ".join(self.messages[lang] for lang in sorted(self.messages, key=rank))


def validate(sources: Sources, graphs: Iterable[str] | None = None) -> list[Violation]:
    """Validate the data of ``sources``; with ``graphs``, keep only results about nodes described there."""
    violations = [_violation(result, sources) for result in validate_store(sources.store, sources.shapes)]
    if graphs is not None:
        names = set(graphs)
        wanted = {sources.project.relative(f.path) for f in sources.project.graphs if f.graph in names}
        violations = [v for v in violations if wanted.intersection(v.files)]
    return sorted(violations, key=lambda v: (v.files, v.focus, v.path or "", v.message_text()))


def require_valid(sources: Sources) -> list[Violation]:
    """The non-blocking results for ``sources``; :class:`ValidationFailed` if any result blocks publishing."""
    results = validate(sources)
    blocking = sum(result.blocking for result in results)
    if blocking:
        raise ValidationFailed(
            f"{blocking} SHACL violation(s): nothing was published; `samverkan validate` lists them.", results
        )
    return results


def _violation(result: ShaclResult, sources: Sources) -> Violation:
    messages: dict[str, str] = {}
    for message in sorted(result.messages, key=str):
        if isinstance(message, Literal):
            messages.setdefault(message.language or "", str(message))
    return Violation(
        severity=str(result.severity).rsplit("#", 1)[-1],
        focus=str(result.focus),
        path=None if result.path is None else _render_path(sources.shapes, result.path),
        value=None if result.value is None else _render_value(result.value),
        source_shape=_shape_name(sources.shapes, result.source_shape),
        messages=messages,
        files=_files_describing(result.focus, sources),
    )


def _files_describing(node: Node | None, sources: Sources) -> tuple[str, ...]:
    """The source files in whose named graph ``node`` is a subject, in the project's order."""
    if not isinstance(node, URIRef | BNode):
        return ()
    subject = ox.NamedNode(str(node)) if isinstance(node, URIRef) else ox.BlankNode(str(node))
    graphs = {quad.graph_name.value for quad in sources.store.quads_for_pattern(subject, None, None, None)}
    return tuple(
        sources.project.relative(file.path) for file in sources.project.graphs if sources.graph_name(file) in graphs
    )


def _render_path(graph: Graph, path: Node) -> str:
    """A SHACL property path written the way SPARQL writes it (``a/^b``, ``(a|b)``, ``a*``)."""
    if isinstance(path, URIRef):
        return shorten(str(path))
    if (path, RDF.first, None) in graph:
        return "/".join(_render_path(graph, step) for step in Collection(graph, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_render_path(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_render_path(graph, step) for step in Collection(graph, alternatives)) + ")"
    return str(path)


def _render_value(value: Node) -> str:
    """A value as Turtle would write it, with the project's prefixes."""
    if isinstance(value, Literal):
        text = json.dumps(str(value), ensure_ascii=False)
        if value.language:
            return f"{text}@{value.language}"
        return f"{text}^^{shorten(str(value.datatype))}" if value.datatype else text
    if isinstance(value, BNode):
        return f"_:{value}"
    return shorten(str(value))


def _shape_name(shapes: Graph, shape: Node | None) -> str | None:
    """The shape's IRI; for an anonymous property shape, the IRI of the shape holding it."""
    if isinstance(shape, BNode):
        shape = shapes.value(None, SH.property, shape)
    return None if shape is None or isinstance(shape, BNode) else shorten(str(shape))


def render_text(violations: Iterable[Violation]) -> str:
    """One line per result, for terminals and editors."""
    return "".join(v.render() + "\n" for v in violations)


def render_json(violations: Iterable[Violation]) -> str:
    """A JSON list of results, for scripts."""
    return json.dumps([asdict(v) for v in violations], ensure_ascii=False, indent=2) + "\n"
