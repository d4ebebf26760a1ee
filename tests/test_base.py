"""A deployment at another domain mints and serves its own IRIs.

The data files are written under the canonical base; built with another
``base``, every IRI the project mints (instances, named graphs, the dataset,
the catalogue) lives under that base, in the store, the dumps, the
descriptions and what the app serves, while the shared vocabulary keeps its
canonical IRIs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
from conftest import REPO, copy_project, samverkan, serving
from flask import Flask

from graph.build import build
from graph.dist import read_manifest
from graph.errors import SamverkanError
from graph.namespaces import CANONICAL, SV, Site
from graph.queries import find
from graph.settings import Settings
from graph.sources import ONTOLOGY_GRAPH
from graph.store import Store
from graph.void import VOID_FILE
from webapp import create_app

BASE = "https://data.example.org/samverkan/"
SITE = Site(BASE)
HUDDINGE = SITE.id_base + "org/huddinge-kommun"


@pytest.fixture(scope="module")
def rebased(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = copy_project(REPO, tmp_path_factory.mktemp("rebased"))
    settings = Settings.load({"root": str(root), "base": BASE}, environ={})
    build(settings)
    return settings


@pytest.fixture(scope="module")
def rebased_store(rebased: Settings) -> Store:
    return Store.open_read_only(rebased.store)


@pytest.fixture(scope="module")
def rebased_app(rebased: Settings) -> Flask:
    return create_app({"TESTING": True, "SAMVERKAN_SETTINGS": rebased})


@pytest.fixture(scope="module")
def rebased_server(rebased_app: Flask) -> Iterator[str]:
    with serving(rebased_app) as url:
        yield url


def iris_in(store: Store) -> set[str]:
    return {
        term.value
        for quad in store.quads()
        for term in (quad.subject, quad.object, quad.graph_name)
        if isinstance(term, ox.NamedNode)
    }


def test_the_store_holds_no_minted_iri_under_the_canonical_base(rebased_store: Store) -> None:
    iris = iris_in(rebased_store)
    assert HUDDINGE in iris
    left = {iri for iri in iris if iri.startswith(CANONICAL.base) and SITE.rebase(iri) != iri}
    assert left == set()


def test_the_vocabulary_and_its_graph_keep_their_canonical_iris(rebased_store: Store) -> None:
    graphs = set(rebased_store.graph_counts())
    assert ONTOLOGY_GRAPH in graphs
    assert {graph for graph in graphs if graph != ONTOLOGY_GRAPH} == {
        SITE.rebase(graph) for graph in graphs if graph != ONTOLOGY_GRAPH
    }
    assert all(graph.startswith(SITE.graph_base) for graph in graphs - {ONTOLOGY_GRAPH})
    assert rebased_store.ask(f"ASK {{ <{HUDDINGE}> a <{SV}Municipality> }}")


def test_the_published_counts_equal_the_canonical_build(rebased_store: Store, store: Store) -> None:
    assert rebased_store.quad_count() == store.quad_count()
    assert rebased_store.triple_count() == store.triple_count()


def test_void_and_manifest_name_the_deployments_iris(rebased: Settings) -> None:
    void = rdflib.Graph().parse(rebased.dist / VOID_FILE, format="turtle")
    dataset = rdflib.URIRef(SITE.dataset)
    void_ns = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert void.value(dataset, void_ns.uriSpace) == rdflib.Literal(SITE.id_base)
    assert void.value(dataset, void_ns.sparqlEndpoint) == rdflib.URIRef(SITE.sparql_endpoint)
    assert all(str(dump).startswith(SITE.dumps_base) for dump in void.objects(dataset, void_ns.dataDump))
    assert read_manifest(rebased.dist)["base"] == BASE


def test_a_shipped_query_finds_the_same_answers_under_the_new_base(rebased_store: Store, store: Store) -> None:
    query = find("01")
    canonical_rows = {tuple(sorted(str(v) for v in row)) for row in store.select(query.sparql)}
    rebased_rows = {tuple(sorted(str(v) for v in row)) for row in rebased_store.select(query.for_site(SITE).sparql)}
    assert canonical_rows
    assert rebased_rows == {tuple(sorted(SITE.rebase_text(v) for v in row)) for row in canonical_rows}


def test_the_app_serves_the_deployments_iris(rebased_server: str) -> None:
    graph = rdflib.Graph().parse(f"{rebased_server}/id/org/huddinge-kommun", format="turtle")
    assert (rdflib.URIRef(HUDDINGE), rdflib.RDF.type, SV.Municipality) in graph
    canonical = rdflib.URIRef(CANONICAL.id_base + "org/huddinge-kommun")
    assert not any(canonical in triple for triple in graph)


def test_pages_link_to_resources_under_the_new_base(rebased_app: Flask) -> None:
    client = rebased_app.test_client()
    page = client.get("/id/org/huddinge-kommun?lang=en")
    assert page.status_code == 200
    assert HUDDINGE in page.get_data(as_text=True)
    network = client.get("/network?view=neighbourhood&focus=org/huddinge-kommun")
    assert network.status_code == 200
    assert f'"idBase": "{SITE.id_base}"' in network.get_data(as_text=True).replace("&#34;", '"')


def test_a_base_that_is_no_http_iri_is_refused() -> None:
    for bad in ("ftp://example.org/", "example.org/samverkan/", "https://example.org/x?y=1"):
        with pytest.raises(SamverkanError, match="SAMVERKAN_BASE"):
            Settings.load({"base": bad}, environ={})
    assert Settings.load({"base": "https://example.org/x"}, environ={}).base == "https://example.org/x/"


def test_serve_refuses_a_build_made_for_another_base(rebased: Settings) -> None:
    served = samverkan("--root", str(rebased.root), "serve", "--port", "1")
    assert served.returncode != 0
    assert f"built for the base {BASE}" in served.stderr and "Traceback" not in served.stderr
