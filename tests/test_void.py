"""The VoID description: its figures are what the graph holds, counted apart from the SPARQL that made them."""

from __future__ import annotations

import urllib.request
from collections import Counter

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from graph.export import DUMPS
from graph.namespaces import CANONICAL
from graph.settings import Settings
from graph.store import Store
from graph.void import EXAMPLES, VOID, VOID_FILE, figures

DATASET_IRI = rdflib.URIRef(CANONICAL.dataset)
RDF_TYPE = ox.NamedNode(str(RDF.type))


def described(settings: Settings) -> rdflib.Graph:
    return rdflib.Graph().parse(settings.dist / VOID_FILE, format="turtle")


def value(void: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.URIRef) -> int:
    found = void.value(subject, predicate)
    assert isinstance(found, rdflib.Literal), predicate
    return int(found)


def union_of_dump(settings: Settings) -> set[ox.Triple]:
    """The union graph, read from the N-Quads dump in Python: every triple once."""
    return {quad.triple for quad in ox.parse(path=settings.dist / "samverkan.nq", format=ox.RdfFormat.N_QUADS)}


def test_figures_are_what_the_graph_holds(built: Settings) -> None:
    void, triples = described(built), union_of_dump(built)
    subjects = {triple.subject for triple in triples}
    assert value(void, DATASET_IRI, VOID.triples) == len(triples)
    assert value(void, DATASET_IRI, VOID.distinctSubjects) == len(subjects)
    assert value(void, DATASET_IRI, VOID.distinctObjects) == len({triple.object for triple in triples})
    entities = {s for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(CANONICAL.id_base)}
    assert value(void, DATASET_IRI, VOID.entities) == len(entities)

    instances = Counter(t.object.value for t in {t for t in triples if t.predicate == RDF_TYPE})
    partitions = {
        str(void.value(part, VOID["class"])): value(void, part, VOID.entities)
        for part in void.objects(DATASET_IRI, VOID.classPartition)
    }
    assert partitions == dict(instances)
    per_property = {
        str(void.value(part, VOID.property)): value(void, part, VOID.triples)
        for part in void.objects(DATASET_IRI, VOID.propertyPartition)
    }
    assert per_property == dict(Counter(triple.predicate.value for triple in triples))


def test_a_triple_stated_in_two_files_is_counted_once(fixture_built: Settings) -> None:
    store = Store.open_read_only(fixture_built.store)
    counted = figures(store)
    assert counted.triples == store.triple_count() == store.quad_count() - 1
    assert sum(counted.properties.values()) == counted.triples


def test_access_dumps_vocabularies_and_examples(built: Settings, store: Store) -> None:
    void = described(built)
    assert set(void.objects(DATASET_IRI, VOID.dataDump)) == {rdflib.URIRef(CANONICAL.dumps_base + d.file) for d in DUMPS}
    assert void.value(DATASET_IRI, VOID.sparqlEndpoint) == rdflib.URIRef(CANONICAL.sparql_endpoint)
    assert str(void.value(DATASET_IRI, VOID.uriSpace)) == CANONICAL.id_base
    used = {triple.predicate.value for triple in union_of_dump(built)}
    vocabularies = {str(v) for v in void.objects(DATASET_IRI, VOID.vocabulary)}
    assert all(any(iri.startswith(vocabulary) for vocabulary in vocabularies) for iri in used)
    assert {"http://www.w3.org/ns/org#", "https://w3id.org/samverkan/ns#"} <= vocabularies
    examples = {str(e) for e in void.objects(DATASET_IRI, VOID.exampleResource)}
    assert examples == set(EXAMPLES)
    assert all(store.ask(f"ASK {{ <{iri}> ?p ?o }}") for iri in examples)
    assert not list(void.subjects(RDF.type, VOID.Linkset))  # the graph links to no other dataset yet


@pytest.mark.parametrize(
    ("query", "accept", "media_type"),
    [
        ("", "text/html,*/*;q=0.8", "text/turtle"),
        ("", "application/ld+json", "application/ld+json"),
        ("?format=rdfxml", "text/turtle", "application/rdf+xml"),
        ("?format=ntriples", "", "application/n-triples"),
    ],
)
def test_void_is_served_at_the_well_known_address(
    built: Settings, live_server: str, query: str, accept: str, media_type: str
) -> None:
    request = urllib.request.Request(f"{live_server}/.well-known/void{query}", headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].split(";")[0] == media_type
        assert "Accept" in response.headers["Vary"]
        body = response.read()
    syntax = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}
    served = rdflib.Graph().parse(data=body, format=syntax.get(media_type, "nt"))
    assert isomorphic(served, described(built))


@pytest.mark.parametrize("path", ["/.well-known/void", "/catalog"])
def test_descriptions_name_their_variants(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["Content-Location"] == f"{path}?format=ntriples"
    assert "Accept" in response.headers["Vary"]
    alternates = response.headers["Link"].split(", ")
    assert f'<{path}?format=turtle>; rel="alternate"; type="text/turtle"' in alternates
    same = client.get(response.headers["Content-Location"])
    assert isomorphic(
        rdflib.Graph().parse(data=same.get_data(), format="nt"),
        rdflib.Graph().parse(data=response.get_data(), format="nt"),
    )
