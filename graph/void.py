"""The VoID description of the dataset: its size, its classes and properties, where to get it.

Linked-data crawlers and catalogues read VoID to learn what a dataset holds
before they download it. Every figure is counted in the store with SPARQL
over the union graph, with ``DISTINCT``: Oxigraph's union repeats a triple
stated in two source files, and VoID counts triples, not statements.

- ``void:entities`` counts the IRIs in the dataset's URI space
  (``void:uriSpace``) that are the subject of a triple; a class partition's
  ``void:entities`` counts the class's instances, whatever their IRI.
- ``void:vocabulary`` names the namespace of every class and property used.
- ``void:dataDump`` names every uncompressed dump (the gzip copies hold the
  same triples); ``void:feature`` their syntaxes.
- There is no ``void:Linkset``: the graph links to no other dataset yet.

The description is published beside the dumps as ``void.ttl`` and served at
``/.well-known/void``; its dataset IRI is the DCAT record's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

from graph.dcat import LICENCE, static_record
from graph.export import Dump
from graph.namespaces import CANONICAL, PREFIXES, Site
from graph.store import Store

VOID_FILE = "void.ttl"
VOID = Namespace(PREFIXES["void"])
FORMATS = "http://www.w3.org/ns/formats/"
"""W3C's names of RDF syntaxes (Oxigraph names JSON-LD under another path, so only its last part is used)."""

EXAMPLES = (
    CANONICAL.id_base + "org/huddinge-kommun",
    CANONICAL.id_base + "agreement/huddinge-karolinska-institutet-samverkansavtal",
    CANONICAL.id_base + "decision/huddinge-kf-2021-10-04-p13",
)
"""Resources a newcomer can start from (canonical IRIs); only those the store describes are named."""


@dataclass(frozen=True)
class Figures:
    """What VoID says about the graph, as counted in the store."""

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[str, int]
    """Class -> distinct instances."""
    properties: dict[str, int]
    """Property -> distinct triples."""
    examples: list[str]

    @property
    def vocabularies(self) -> list[str]:
        """The namespace of every class and property used, in order."""
        return sorted({_namespace(iri) for iri in [*self.classes, *self.properties]})


def figures(store: Store, site: Site = CANONICAL) -> Figures:
    """Count everything VoID states about the graph in ``store``, published under ``site``."""
    examples = [site.rebase(iri) for iri in EXAMPLES]
    distinct = "{ SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    classes = store.select("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) { ?s a ?class } GROUP BY ?class")
    properties = store.select(f"SELECT ?p (COUNT(*) AS ?n) {distinct} GROUP BY ?p")
    described = {
        row["s"].value
        for row in store.select(
            f"SELECT DISTINCT ?s {{ VALUES ?s {{ {' '.join(f'<{iri}>' for iri in examples)} }} ?s ?p ?o }}"
        )
    }
    return Figures(
        triples=store.triple_count(),
        entities=_count(
            store, f'SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{site.id_base}")) }}'
        ),
        distinct_subjects=_count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }"),
        distinct_objects=_count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }"),
        classes={row["class"].value: int(row["n"].value) for row in classes},
        properties={row["p"].value: int(row["n"].value) for row in properties},
        examples=[iri for iri in examples if iri in described],
    )


def void_description(store: Store, dumps: Sequence[Dump], modified: date, site: Site = CANONICAL) -> Graph:
    """The VoID description of the graph in ``store``, published under ``site`` with ``dumps``."""
    counted = figures(store, site)
    void = Graph()
    void.bind("void", VOID)
    dataset = URIRef(site.dataset)
    void.add((dataset, RDF.type, VOID.Dataset))
    static = static_record(site)
    for predicate in (DCTERMS.title, DCTERMS.description):
        for value in static.objects(dataset, predicate):
            void.add((dataset, predicate, value))
    void.add((dataset, DCTERMS.license, LICENCE))
    void.add((dataset, DCTERMS.modified, Literal(modified)))
    void.add((dataset, FOAF.homepage, URIRef(site.base)))
    void.add((dataset, VOID.sparqlEndpoint, URIRef(site.sparql_endpoint)))
    void.add((dataset, VOID.uriSpace, Literal(site.id_base)))
    for dump in dumps:
        void.add((dataset, VOID.dataDump, URIRef(site.dumps_base + dump.file)))
        void.add((dataset, VOID.feature, URIRef(FORMATS + dump.format.iri.rsplit("/", 1)[1])))
    for name, value in (
        (VOID.triples, counted.triples),
        (VOID.entities, counted.entities),
        (VOID.distinctSubjects, counted.distinct_subjects),
        (VOID.distinctObjects, counted.distinct_objects),
    ):
        void.add((dataset, name, Literal(value)))
    for vocabulary in counted.vocabularies:
        void.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for example in counted.examples:
        void.add((dataset, VOID.exampleResource, URIRef(example)))
    for number, (cls, entities) in enumerate(sorted(counted.classes.items())):
        partition = BNode(f"class{number}")
        void.add((dataset, VOID.classPartition, partition))
        void.add((partition, VOID["class"], URIRef(cls)))
        void.add((partition, VOID.entities, Literal(entities)))
    for number, (prop, triples) in enumerate(sorted(counted.properties.items())):
        partition = BNode(f"property{number}")
        void.add((dataset, VOID.propertyPartition, partition))
        void.add((partition, VOID.property, URIRef(prop)))
        void.add((partition, VOID.triples, Literal(triples)))
    return void


def _count(store: Store, sparql: str) -> int:
    return int(next(iter(store.select(sparql)))["n"].value)


def _namespace(iri: str) -> str:
    """``iri`` up to its last ``#`` or ``/``: the vocabulary it belongs to."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]
