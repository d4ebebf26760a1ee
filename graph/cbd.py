"""A resource's description in RDF: a concise bounded description with labels, and how it is written.

What a linked-data client gets when it dereferences one of our IRIs:

* the resource's own triples (outgoing), blank nodes followed to their end
  (a few levels at most),
* the triples pointing to it (incoming),
* ``rdfs:label`` and ``skos:prefLabel`` of every IRI those triples mention
  (neighbours, classes, properties), so that a client can show it,

each as a quad in the named graph it is stated in. Dataset formats (TriG,
N-Quads) keep the quads; triple formats (Turtle, N-Triples, JSON-LD,
RDF/XML) drop the graph names and add, for every named graph the
description draws on, the provenance the data states in that graph: the
graph ``prov:wasDerivedFrom`` the source document it holds (the
``sv:SourceDocument`` of the graph; reference data has none).

Writing is pyoxigraph's (:func:`pyoxigraph.serialize`), in the formats of
:mod:`graph.media`; nothing here writes RDF by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from graph.media import Format
from graph.namespaces import PREFIXES
from graph.store import Store

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
LABEL_PROPERTIES = (RDFS_LABEL, SKOS_PREF_LABEL)
DATASET_MEDIA_TYPES = ("application/trig", "application/n-quads")

BLANK_DEPTH = 4
"""How many blank nodes deep the outgoing triples are followed."""


@dataclass(frozen=True)
class Limits:
    outgoing: int = 5000
    incoming: int = 5000
    labels: int = 20000


LIMITS = Limits()


@dataclass(frozen=True)
class RdfDescription:
    """The quads describing ``iri``, and the graph -> source document statements of the graphs they are in."""

    iri: str
    quads: tuple[ox.Quad, ...]
    provenance: tuple[ox.Triple, ...]

    def triples(self) -> list[ox.Triple]:
        """The description as plain triples (each once), the provenance of its graphs added."""
        seen: dict[ox.Triple, None] = {}
        for quad in self.quads:
            seen.setdefault(quad.triple, None)
        for triple in self.provenance:
            seen.setdefault(triple, None)
        return list(seen)


def _values(iris: Iterable[str]) -> str:
    return " ".join(str(ox.NamedNode(i)) for i in iris)


def concise_description(store: Store, iri: str, limits: Limits = LIMITS) -> RdfDescription | None:
    """The concise bounded description of ``iri`` with labels; ``None`` if the graph does not mention it."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    quads: dict[ox.Quad, None] = {}

    def add(s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: ox.NamedNode | ox.BlankNode | ox.Literal, g: ox.NamedNode) -> None:
        quads.setdefault(ox.Quad(s, p, o, g), None)

    for row in store.select(f"SELECT DISTINCT ?p ?o ?g {{ GRAPH ?g {{ {node} ?p ?o }} }} LIMIT {limits.outgoing}"):
        add(node, row["p"], row["o"], row["g"])
    # Blank nodes followed level by level, each chain in one query (blank node ids hold within an answer).
    for depth in range(1, BLANK_DEPTH + 1):
        chain = " ".join(
            f"?p{i} ?b{i + 1} . FILTER(isBlank(?b{i + 1})) ?b{i + 1}" for i in range(depth)
        )
        rows = list(
            store.select(
                f"SELECT DISTINCT ?b{depth} ?p ?o ?g {{ GRAPH ?g {{ {node} {chain} ?p ?o }} }} LIMIT {limits.outgoing}"
            )
        )
        if not rows:
            break
        for row in rows:
            add(row[f"b{depth}"], row["p"], row["o"], row["g"])
    for row in store.select(f"SELECT DISTINCT ?s ?p ?g {{ GRAPH ?g {{ ?s ?p {node} }} }} LIMIT {limits.incoming}"):
        add(row["s"], row["p"], node, row["g"])
    if not quads:
        return None

    mentioned = sorted(
        {t.value for q in quads for t in (q.subject, q.predicate, q.object) if isinstance(t, ox.NamedNode)}
    )
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
    if mentioned:
        pairs = " ".join(f"(<{x}> <{p}>)" for x in mentioned for p in LABEL_PROPERTIES)  # looked up pair by pair
        rows = store.select(
            f"SELECT DISTINCT ?x ?lp ?l ?g {{ VALUES (?x ?lp) {{ {pairs} }} GRAPH ?g {{ ?x ?lp ?l }} }} LIMIT {limits.labels}"
        )
        for row in rows:
            add(row["x"], row["lp"], row["l"], row["g"])
    provenance = tuple(
        ox.Triple(row["g"], ox.NamedNode(PROV_DERIVED), row["doc"])
        for row in store.select(
            f"SELECT DISTINCT ?g ?doc {{ VALUES ?g {{ {_values(graphs)} }}"
            " GRAPH ?g { ?doc a sv:SourceDocument } FILTER(isIRI(?doc)) } ORDER BY ?g ?doc"
        )
    ) if graphs else ()
    return RdfDescription(iri, tuple(quads), provenance)


def is_dataset_format(fmt: Format) -> bool:
    """Whether ``fmt`` carries named graphs (TriG, N-Quads)."""
    return fmt.media_type in DATASET_MEDIA_TYPES


def serialize(description: RdfDescription, fmt: Format) -> bytes:
    """``description`` written in ``fmt`` by pyoxigraph: quads in dataset formats, triples in the others."""
    rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
    if rdf_format is None:
        raise ValueError(f"{fmt.media_type} is no RDF format")
    items: list[ox.Quad] | list[ox.Triple] = (
        list(description.quads) if is_dataset_format(fmt) else description.triples()
    )
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    if prefixes is None:
        return ox.serialize(items, format=rdf_format)
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)
