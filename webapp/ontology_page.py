"""The ontology namespace and the SHACL shapes, published: ``/ns`` and ``/shapes``.

``https://w3id.org/samverkan/ns`` (and every ``ns#Term`` in it) resolves to
``/ns``: HTML documentation for people, generated at request time from
``ontology/samverkan.ttl`` (and cached until the file changes), or the
ontology itself in RDF for machines, by the same negotiation as the
resource pages (:mod:`webapp.conneg`: ``Accept``, ``?format=``, ``/ns.ttl``
...). ``/shapes`` does the same for the SHACL shapes (``shapes/*.ttl``).

The documentation lists every class and property of the ontology with its
labels and definitions (the page language first), domains, ranges, super-
and sub-terms (terms of reused vocabularies as prefixed names), up to three
examples from the data (a SPARQL query each, ``LIMIT 3``) and, for each
class, the shapes that apply to it (``sh:targetClass`` the class or one of
its super-classes) with their constraints' messages.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, make_response, render_template, request
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from graph.cbd import RdfDescription, serialize
from graph.labels import best_labels
from graph.namespaces import SV, shorten
from graph.sources import ONTOLOGY_FILE, SHAPES_DIR
from webapp import conneg
from webapp.i18n import current_lang, link
from webapp.resources import resource_url
from webapp.store import get_store

bp = Blueprint("ontology", __name__)

SH = Namespace("http://www.w3.org/ns/shacl#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY_IRI = URIRef(str(SV).rstrip("#"))
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
EXAMPLES = 3


# ---------------------------------------------------------------------------
# Reading the files (cached until they change)
# ---------------------------------------------------------------------------


class _FileGraphs:
    """rdflib graphs of files, re-read when a file's modification time changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple[Path, ...], tuple[tuple[float, ...], Graph]] = {}

    def get(self, paths: tuple[Path, ...]) -> Graph:
        stamp = tuple(path.stat().st_mtime for path in paths)
        with self._lock:
            cached = self._cache.get(paths)
            if cached is None or cached[0] != stamp:
                graph = Graph()
                for path in paths:
                    graph.parse(path, format="turtle")
                self._cache[paths] = (stamp, graph)
            return self._cache[paths][1]


FILES = _FileGraphs()
_DOCS: dict[tuple[int, int, int, str], Documentation] = {}
_DOCS_LOCK = threading.Lock()


def _root() -> Path:
    return Path(current_app.config["SAMVERKAN_SETTINGS"].root)


def ontology_graph() -> Graph:
    return FILES.get((_root() / ONTOLOGY_FILE,))


def shapes_graph() -> Graph:
    paths = tuple(sorted((_root() / SHAPES_DIR).glob("*.ttl")))
    if not paths:
        abort(404)
    return FILES.get(paths)


# ---------------------------------------------------------------------------
# The documentation, as plain data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A term a page names: its text (a label or a prefixed name) and where it links, if anywhere."""

    text: str
    href: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Texts:
    """A text in both languages, the page language first: (lang, text) pairs."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ShapeDoc:
    iri: str
    anchor: str
    name: str
    label: str
    targets: tuple[Ref, ...]
    messages: tuple[tuple[str, str], ...]
    """(path as a prefixed name or '', message in the page language)."""


@dataclass(frozen=True)
class TermDoc:
    iri: str
    local: str
    kind: str
    labels: Texts
    definitions: Texts
    supers: tuple[Ref, ...]
    subs: tuple[Ref, ...]
    domains: tuple[Ref, ...] = ()
    ranges: tuple[Ref, ...] = ()
    examples: tuple[tuple[Ref, ...], ...] = ()
    shapes: tuple[ShapeDoc, ...] = ()


@dataclass
class Documentation:
    title: str
    description: str
    version: str
    license: str
    creators: tuple[str, ...]
    issued: str
    namespace: str
    prefix: str
    classes: list[TermDoc] = field(default_factory=list)
    properties: list[TermDoc] = field(default_factory=list)


def _in_lang(graph: Graph, subject: object, predicate: URIRef, lang: str) -> list[str]:
    found = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    found.sort(key=lambda o: (o.language != lang, o.language or "", str(o)))
    return [str(o) for o in found]


def _texts(graph: Graph, subject: object, predicates: tuple[URIRef, ...], lang: str) -> Texts:
    items = [
        (o.language or "", str(o))
        for p in predicates
        for o in graph.objects(subject, p)
        if isinstance(o, Literal)
    ]
    items.sort(key=lambda item: (item[0] != lang, item[0], item[1]))
    return Texts(tuple(items))


def _ref(graph: Graph, term: object, lang: str) -> list[Ref]:
    """How a page names ``term``: our terms by label with an anchor, others as prefixed names; unions unfolded."""
    if isinstance(term, BNode):
        members = graph.value(term, OWL.unionOf)
        if members is not None:
            return [ref for member in Collection(graph, members) for ref in _ref(graph, member, lang)]
        return []
    iri = str(term)
    if iri.startswith(str(SV)):
        labels = _in_lang(graph, term, RDFS.label, lang)
        local = iri[len(str(SV)) :]
        return [Ref(f"sv:{local}", f"#{local}", labels[0] if labels else None)]
    return [Ref(shorten(iri).strip("<>"), iri if iri.startswith("http") else None)]


def _refs(graph: Graph, terms: object, lang: str) -> tuple[Ref, ...]:
    found: list[Ref] = []
    for term in sorted(terms, key=str):  # type: ignore[call-overload]
        found.extend(_ref(graph, term, lang))
    return tuple(found)


def _shapes(shapes: Graph, lang: str) -> list[tuple[ShapeDoc, set[str]]]:
    """Every node shape with the classes it targets."""
    found = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(shape, URIRef):
            continue
        messages: list[tuple[str, str]] = []
        own = _in_lang(shapes, shape, SH.message, lang)
        if own:
            messages.append(("", own[0]))
        for constraint in (*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)):
            path = shapes.value(constraint, SH.path)
            texts = _in_lang(shapes, constraint, SH.message, lang)
            if texts:
                path_text = shorten(str(path)) if isinstance(path, URIRef) else ""
                messages.append((path_text, texts[0]))
        targets = {str(t) for t in shapes.objects(shape, SH.targetClass)}
        labels = _in_lang(shapes, shape, RDFS.label, lang)
        name = shorten(str(shape))
        doc = ShapeDoc(
            str(shape),
            name.split(":", 1)[-1],
            name,
            labels[0] if labels else name,
            tuple(Ref(shorten(t)) for t in sorted(targets)),
            tuple(messages),
        )
        found.append((doc, targets))
    return found


def _examples(iri: str, is_class: bool, lang: str) -> tuple[tuple[Ref, ...], ...]:
    """Up to three uses of the term in the data, linked to their pages."""
    node = ox.NamedNode(iri)
    store = get_store()
    if is_class:
        query = f"SELECT DISTINCT ?s {{ ?s a {node} FILTER(isIRI(?s)) }} ORDER BY ?s LIMIT {EXAMPLES}"
    else:
        query = f"SELECT DISTINCT ?s ?o {{ ?s {node} ?o FILTER(isIRI(?s)) }} ORDER BY ?s LIMIT {EXAMPLES}"
    rows = list(store.select(query))
    iris = {t.value for row in rows for t in (row["s"], row["o"] if not is_class else None) if isinstance(t, ox.NamedNode)}
    labels = best_labels(store, iris, lang)

    def ref(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Ref:
        if isinstance(term, ox.NamedNode):
            label = labels.get(term.value)
            return Ref(label.value if label is not None else shorten(term.value), resource_url(term.value), term.value)
        if isinstance(term, ox.Literal):
            return Ref(term.value)
        return Ref("[]")

    return tuple(
        (ref(row["s"]),) if is_class else (ref(row["s"]), ref(row["o"])) for row in rows
    )


def documentation(lang: str) -> Documentation:
    """The ontology's documentation in ``lang`` (cached with the files it is read from)."""
    graph = ontology_graph()
    shapes = shapes_graph()
    key = (id(graph), id(shapes), id(get_store()), lang)  # the examples come from the store, which a rebuild replaces
    with _DOCS_LOCK:
        cached = _DOCS.get(key)  # type: ignore[call-overload]
    if cached is not None:
        return cached
    o = ONTOLOGY_IRI

    def first(predicate: URIRef) -> str:
        values = _in_lang(graph, o, predicate, lang)
        return values[0] if values else ""

    license_ = graph.value(o, DCTERMS.license)
    doc = Documentation(
        title=first(DCTERMS.title),
        description=first(DCTERMS.description),
        version=str(graph.value(o, OWL.versionInfo) or ""),
        license=str(license_ or ""),
        creators=tuple(_in_lang(graph, o, DCTERMS.creator, lang)[:1]),
        issued=str(graph.value(o, DCTERMS.issued) or ""),
        namespace=str(graph.value(o, VANN.preferredNamespaceUri) or SV),
        prefix=str(graph.value(o, VANN.preferredNamespacePrefix) or "sv"),
    )
    shape_docs = _shapes(shapes, lang)
    ours = lambda t: isinstance(t, URIRef) and str(t).startswith(str(SV))  # noqa: E731
    classes = sorted({c for c in graph.subjects(RDF.type, OWL.Class) if ours(c)}, key=str)
    properties = sorted({p for t in PROPERTY_TYPES for p in graph.subjects(RDF.type, t) if ours(p)}, key=str)
    for c in classes:
        above = {str(x) for x in graph.transitive_objects(c, RDFS.subClassOf)}
        doc.classes.append(
            TermDoc(
                iri=str(c),
                local=str(c)[len(str(SV)) :],
                kind="class",
                labels=_texts(graph, c, (RDFS.label,), lang),
                definitions=_texts(graph, c, (RDFS.comment, SKOS.definition), lang),
                supers=_refs(graph, graph.objects(c, RDFS.subClassOf), lang),
                subs=_refs(graph, graph.subjects(RDFS.subClassOf, c), lang),
                examples=_examples(str(c), True, lang),
                shapes=tuple(shape for shape, targets in shape_docs if targets & above),
            )
        )
    for p in properties:
        kinds = [shorten(str(t)) for t in graph.objects(p, RDF.type) if t in PROPERTY_TYPES]
        doc.properties.append(
            TermDoc(
                iri=str(p),
                local=str(p)[len(str(SV)) :],
                kind=kinds[0] if kinds else "rdf:Property",
                labels=_texts(graph, p, (RDFS.label,), lang),
                definitions=_texts(graph, p, (RDFS.comment, SKOS.definition), lang),
                supers=_refs(graph, graph.objects(p, RDFS.subPropertyOf), lang),
                subs=_refs(graph, graph.subjects(RDFS.subPropertyOf, p), lang),
                domains=_refs(graph, graph.objects(p, RDFS.domain), lang),
                ranges=_refs(graph, graph.objects(p, RDFS.range), lang),
                examples=_examples(str(p), False, lang),
            )
        )
    with _DOCS_LOCK:
        _DOCS.clear() if len(_DOCS) > 8 else None
        _DOCS[key] = doc  # type: ignore[index]
    return doc


# ---------------------------------------------------------------------------
# Routes
# ---------------------------------------------------------------------------


def _rdf_of(graph: Graph, fmt: conneg.Format) -> Response:
    """A whole file graph in ``fmt``, written by pyoxigraph (TriG and N-Quads: in the default graph)."""
    parsed = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    quads = tuple(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in parsed)
    body = serialize(RdfDescription("", quads, ()), fmt)
    return Response(body, 200, content_type=conneg.content_type(fmt))


def _negotiated(endpoint: str, ext: str | None, graph_of, page) -> Response:  # type: ignore[no-untyped-def]
    from_extension = None
    if ext is not None:
        from_extension = conneg.EXTENSIONS.get(ext.lower())
        if from_extension is None:
            abort(404)
    try:
        fmt = conneg.choose(request, from_extension)
    except conneg.UnknownFormat:
        choices = ", ".join(f.name for f in conneg.VARIANTS)
        return Response(f"Unknown format: use one of {choices}.\n", 400, content_type="text/plain; charset=utf-8")
    variants = conneg.Variants(link(endpoint).split("?")[0])
    response = make_response(page(variants)) if fmt is conneg.HTML else _rdf_of(graph_of(), fmt)
    response.headers.update(variants.headers(fmt))
    return response


@bp.get("/ns", defaults={"ext": None})
@bp.get("/ns.<ext>")
def namespace(ext: str | None) -> Response:
    def page(variants: conneg.Variants) -> str:
        return render_template(
            "ontology.html", doc=documentation(current_lang()), alternates=variants.alternates()
        )

    return _negotiated("ontology.namespace", ext, ontology_graph, page)


@bp.get("/shapes", defaults={"ext": None})
@bp.get("/shapes.<ext>")
def shapes(ext: str | None) -> Response:
    def page(variants: conneg.Variants) -> str:
        lang = current_lang()
        graph = shapes_graph()
        shape_list = [shape for shape, _ in _shapes(graph, lang)]
        title = _in_lang(graph, URIRef("https://w3id.org/samverkan/shapes"), RDFS.label, lang)
        return render_template(
            "shapes.html", shapes=shape_list, title=title[0] if title else "SHACL", alternates=variants.alternates()
        )

    return _negotiated("ontology.shapes", ext, shapes_graph, page)
