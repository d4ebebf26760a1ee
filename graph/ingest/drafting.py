"""The draft being written: its RDF graph, the provenance of every fact, and what the report will say.

Every fact drafted from a document's words is added with :meth:`Draft.add`
and the :class:`~graph.ingest.text.Span` it was read from. Besides the
triple itself the draft then records, with established vocabularies only:

- ``?resource prov:wasDerivedFrom <document>`` (what the shapes require);
- ``?resource prov:qualifiedDerivation [ a prov:Derivation ;
  prov:entity <excerpt> ; dcterms:subject <the property> ]``: which property
  of the resource came from which excerpt;
- the excerpt, ``<…/id/excerpt/{document}-{start}-{end}>``, a Web Annotation
  ``oa:SpecificResource`` of the document (``oa:hasSource``, and
  ``prov:wasQuotedFrom``) with three selectors: ``oa:TextPositionSelector``
  (``oa:start``/``oa:end``, characters of the document as read, end
  exclusive), ``oa:TextQuoteSelector`` (``oa:exact``, the words) and an
  ``oa:FragmentSelector`` conforming to RFC 5147 (``line=11,13``: the lines).

So an entity page can show the sentence a fact was taken from, and a query
can find every fact a sentence gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from graph.ingest.catalogue import Catalogue, Match
from graph.ingest.facts import Doubt, Found
from graph.ingest.text import Span
from graph.namespaces import CANONICAL, SV, shorten

OA = Namespace("http://www.w3.org/ns/oa#")
RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")
"""RFC 5147, URI fragment identifiers for text/plain: what ``line=11,13`` conforms to."""

KIND_PREFIXES = {
    "org": "orgs", "body": "body", "seat": "seat", "post": "post", "person": "person",
    "collaboration": "collab", "agreement": "agr", "decision": "dec", "proposal": "prop",
    "intervention": "int", "meeting": "meet", "document": "doc", "signature": "sig",
    "dispute-resolution": "dispute", "area": "area", "form": "form", "role": "role",
    "document-type": "doctype", "excerpt": "excerpt", "scheme": "scheme",
}  # fmt: skip

ID_BASE = CANONICAL.id_base
"""Drafts are data files, and data files are written under the canonical base (the build rebases them)."""

NO_PROVENANCE = (SV.SourceDocument, SKOS.Concept)
"""Resources that are not themselves taken from the document: the document, and shared concepts."""


def compact(resource: object) -> str:
    """An IRI as the drafts write it: ``orgs:huddinge-kommun``, ``sv:Seat``, else ``<…>``."""
    text = str(resource)
    if text.startswith(ID_BASE):
        kind, _, rest = text[len(ID_BASE) :].partition("/")
        if kind in KIND_PREFIXES and rest and "/" not in rest:
            return f"{KIND_PREFIXES[kind]}:{rest}"
    return shorten(text)


def iri(kind: str, slug: str) -> URIRef:
    """The canonical IRI ``https://w3id.org/samverkan/id/{kind}/{slug}``."""
    return URIRef(f"{ID_BASE}{kind}/{slug}")


@dataclass(frozen=True)
class Finding:
    """A fact the report lists under "found": the field, its value, where it stood."""

    field_sv: str
    field_en: str
    value: str
    span: Span | None


@dataclass(frozen=True)
class Resolution:
    """What became of a name in the text: matched to a resource, proposed as new, or neither."""

    text: str
    span: Span | None
    status: str  # "matched", "new", "ambiguous", "left out"
    iri: URIRef | None = None
    kind: str = ""
    how: str = ""
    candidates: tuple[URIRef, ...] = ()


@dataclass
class Draft:
    """One document's draft graph and its record for the report."""

    catalogue: Catalogue
    document: URIRef
    slug: str
    knowledge: Catalogue | None = None
    """The whole graph, data file of this document included: what it knows helps read, never to match."""
    graph: Graph = field(default_factory=Graph)
    findings: list[Finding] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    _derivations: dict[tuple[Node, URIRef], BNode] = field(default_factory=dict)
    _resolved: dict[tuple[str, str], Resolution] = field(default_factory=dict)
    _counter: int = 0

    def __post_init__(self) -> None:
        for prefix, namespace in (
            ("sv", SV), ("org", ORG), ("foaf", FOAF), ("prov", PROV), ("dcterms", DCTERMS), ("rdfs", RDFS),
            ("skos", SKOS), ("xsd", XSD), ("oa", OA),
        ):  # fmt: skip
            self.graph.bind(prefix, namespace, override=True)
        for kind, prefix in KIND_PREFIXES.items():
            self.graph.bind(prefix, Namespace(f"{ID_BASE}{kind}/"), override=True)

    # --- Facts and their provenance ----------------------------------------------------

    def add(self, subject: URIRef, predicate: URIRef, value: Node, span: Span | None = None) -> None:
        """State a fact; with ``span``, record the excerpt it was taken from."""
        self.graph.add((subject, predicate, value))
        if span is None or self._is_unsourced(subject):
            return
        self.graph.add((subject, PROV.wasDerivedFrom, self.document))
        excerpt = self._excerpt(span)
        derivation = self._derivations.get((subject, excerpt))
        if derivation is None:
            derivation = self._node("derivation")
            self._derivations[(subject, excerpt)] = derivation
            self.graph.add((subject, PROV.qualifiedDerivation, derivation))
            self.graph.add((derivation, RDF.type, PROV.Derivation))
            self.graph.add((derivation, PROV.entity, excerpt))
        self.graph.add((derivation, DCTERMS.subject, predicate))

    def text(self, subject: URIRef, predicate: URIRef, value: str, span: Span | None, lang: str | None = "sv") -> None:
        """A text fact, Swedish unless said otherwise (``lang=None`` for a plain string)."""
        self.add(subject, predicate, Literal(value, lang=lang) if lang else Literal(value), span)

    def _is_unsourced(self, subject: URIRef) -> bool:
        types = set(self.graph.objects(subject, RDF.type))
        return subject == self.document or bool(types.intersection(NO_PROVENANCE))

    def _node(self, kind: str) -> BNode:
        """A blank node named by a counter, so the same document drafts to the same Turtle every time."""
        self._counter += 1
        return BNode(f"{kind}{self._counter}")

    def _excerpt(self, span: Span) -> URIRef:
        excerpt = iri("excerpt", f"{self.slug}-{span.start}-{span.end}")
        if (excerpt, RDF.type, OA.SpecificResource) in self.graph:
            return excerpt
        g = self.graph
        g.add((excerpt, RDF.type, OA.SpecificResource))
        g.add((excerpt, RDF.type, PROV.Entity))
        g.add((excerpt, OA.hasSource, self.document))
        g.add((excerpt, PROV.wasQuotedFrom, self.document))
        position, quote, lines = self._node("position"), self._node("quote"), self._node("lines")
        g.add((excerpt, OA.hasSelector, position))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        g.add((excerpt, OA.hasSelector, quote))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(span.quote)))
        g.add((excerpt, OA.hasSelector, lines))
        g.add((lines, RDF.type, OA.FragmentSelector))
        g.add((lines, DCTERMS.conformsTo, RFC5147))
        g.add((lines, RDF.value, Literal(f"line={span.first_line - 1},{span.last_line}")))
        return excerpt

    # --- Resources ------------------------------------------------------------------------

    def exists(self, resource: URIRef) -> bool:
        return (resource, None, None) in self.graph or self.catalogue.exists(resource)

    @property
    def target(self) -> str:
        """The data file this draft becomes when a person moves it in."""
        return f"data/{self.slug}.ttl"

    def defined_elsewhere(self, resource: URIRef) -> bool:
        """Whether another data file than this draft's target already describes ``resource``."""
        return any(file != self.target for file in self.catalogue.files_of(resource))

    def create(self, resource: URIRef, cls: URIRef, label_sv: str, label_en: str, span: Span | None) -> None:
        """A resource of ``cls`` with its two labels; the labels are ours, the span is what named it.

        A resource another data file already describes keeps its type and
        labels there: restating them here would give it two labels per language.
        """
        if self.defined_elsewhere(resource):
            return
        self.graph.add((resource, RDF.type, cls))
        self.graph.add((resource, RDFS.label, Literal(label_sv, lang="sv")))
        self.graph.add((resource, RDFS.label, Literal(label_en, lang="en")))
        if not self._is_unsourced(resource):
            self.graph.add((resource, PROV.wasDerivedFrom, self.document))
            if span is not None:
                self.add(resource, RDF.type, cls, span)

    def stated(
        self,
        subject: URIRef,
        predicate: URIRef,
        value: Node,
        found: Found[Any],
        field: tuple[str, str],
        shown: object = None,
    ) -> None:
        """A fact the document states, with its excerpt, listed in the report under ``field`` (Swedish, English)."""
        self.add(subject, predicate, value, found.span)
        self.found(*field, found.value if shown is None else shown, found.span)

    def found(self, field_sv: str, field_en: str, value: object, span: Span | None) -> None:
        self.findings.append(Finding(field_sv, field_en, str(value), span))

    def doubt(self, sv: str, en: str, span: Span | None = None) -> None:
        self.doubts.append(Doubt(sv, en, span))

    # --- The record of names -------------------------------------------------------------

    def remember(self, key: tuple[str, str]) -> Resolution | None:
        """A name already resolved in this document (each distinct name is reported once)."""
        return self._resolved.get(key)

    def matched(self, key: tuple[str, str], text: str, span: Span | None, match: Match) -> Resolution:
        assert match.iri is not None
        resolution = Resolution(text, span, "matched", match.iri, self._kind(match.iri), match.how)
        return self._record(key, resolution)

    def new(self, key: tuple[str, str], text: str, span: Span | None, resource: URIRef, how: str = "") -> Resolution:
        return self._record(key, Resolution(text, span, "new", resource, self._kind(resource), how))

    def unresolved(self, key: tuple[str, str], text: str, span: Span | None, match: Match, why: str) -> Resolution:
        status = "ambiguous" if match.ambiguous else "left out"
        return self._record(key, Resolution(text, span, status, None, "", why, match.candidates))

    def _record(self, key: tuple[str, str], resolution: Resolution) -> Resolution:
        self._resolved[key] = resolution
        self.resolutions.append(resolution)
        return resolution

    def _kind(self, resource: URIRef) -> str:
        types = [t for t in self.graph.objects(resource, RDF.type) if t != PROV.Entity]
        types = types or list(self.catalogue.data.objects(resource, RDF.type))
        return ", ".join(sorted(shorten(str(t)) for t in types))

    def serialize(self) -> str:
        return self.graph.serialize(format="turtle")
