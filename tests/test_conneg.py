"""Dereferencing /id/... IRIs as a linked-data client does, over real HTTP: HTML or RDF by negotiation."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, Graph, URIRef

from graph.namespaces import CANONICAL
from graph.store import Store

SV = "https://w3id.org/samverkan/ns#"
KINDS = {
    "organization": SV + "Municipality",
    "agreement": SV + "Agreement",
    "decision": SV + "MinutedDecision",
    "body": SV + "SteeringGroup",
    "seat": SV + "Seat",
    "post": "http://www.w3.org/ns/org#Post",
    "person": "http://xmlns.com/foaf/0.1/Person",
    "concept": "http://www.w3.org/2004/02/skos/core#Concept",
    "document": SV + "SourceDocument",
    "meeting": SV + "Meeting",
    "budget line": SV + "CostLine",
}
# extension, media type, pyoxigraph format, rdflib format, carries named graphs
FORMATS = [
    ("ttl", "text/turtle", ox.RdfFormat.TURTLE, "turtle", False),
    ("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES, "nt", False),
    ("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, "json-ld", False),
    ("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML, "xml", False),
    ("trig", "application/trig", ox.RdfFormat.TRIG, "trig", True),
    ("nq", "application/n-quads", ox.RdfFormat.N_QUADS, "nquads", True),
]
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def get(url: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {} if accept is None else {"Accept": accept}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def examples(store: Store) -> dict[str, str]:
    found = {}
    for kind, cls in KINDS.items():
        rows = list(
            store.select(
                f"SELECT ?s {{ ?s a <{cls}> FILTER(STRSTARTS(STR(?s), '{CANONICAL.id_base}')) }} ORDER BY ?s LIMIT 1"
            )
        )
        assert rows, f"no {kind} in the data"
        found[kind] = rows[0]["s"].value
    return found


def own_quads(store: Store, iri: str) -> set[tuple[str, str, str, str]]:
    """The resource's outgoing triples (no blank nodes), with their graphs, as N-Triples strings."""
    return {
        (f"<{iri}>", str(row["p"]), str(row["o"]), str(row["g"]))
        for row in store.select(f"SELECT DISTINCT ?p ?o ?g {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
        if not isinstance(row["o"], ox.BlankNode)
    }


def a_neighbour_label(store: Store, iri: str) -> tuple[str, str] | None:
    rows = list(
        store.select(
            f"SELECT ?n ?l {{ {{ <{iri}> ?p ?n }} UNION {{ ?n ?p <{iri}> }} FILTER(isIRI(?n) && ?n != <{iri}>)"
            f" ?n <{LABEL}> ?l }} ORDER BY ?n ?l LIMIT 1"
        )
    )
    return (rows[0]["n"].value, rows[0]["l"].value) if rows else None


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_in_every_format(live_server: str, store: Store, examples: dict[str, str], kind: str) -> None:
    iri = examples[kind]
    path = "/id/" + iri[len(CANONICAL.id_base) :]
    own = own_quads(store, iri)
    neighbour = a_neighbour_label(store, iri)
    assert own
    for ext, media_type, ox_format, rdflib_format, datasets in FORMATS:
        status, headers, body = get(live_server + path, media_type)
        assert status == 200, (path, media_type)
        assert headers["Content-Type"].split(";")[0] == media_type
        assert "Accept" in headers["Vary"]
        assert headers["Content-Location"] == f"{path}.{ext}"
        for other_ext, other_type, *_ in FORMATS:
            assert f'<{path}.{other_ext}>; rel="alternate"; type="{other_type}"' in headers["Link"]
        assert f'<{path}.html>; rel="alternate"; type="text/html"' in headers["Link"]

        parsed = list(ox.parse(body, format=ox_format))
        if datasets:
            found = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in parsed}
            assert own <= found, (kind, ext)
            rdflib_graph: rdflib.Graph = rdflib.Dataset()
            rdflib_graph.parse(data=body, format=rdflib_format)
            graphs = {str(g.identifier) for g in rdflib_graph.graphs()}  # type: ignore[attr-defined]
            assert {quad[3].strip("<>") for quad in own} <= graphs
        else:
            found_triples = {(str(t.subject), str(t.predicate), str(t.object)) for t in parsed}
            assert {quad[:3] for quad in own} <= found_triples, (kind, ext)
            rdflib_graph = rdflib.Graph().parse(data=body, format=rdflib_format)
            assert (rdflib.URIRef(iri), None, None) in rdflib_graph
            assert len(rdflib_graph) == len(found_triples)
        if neighbour is not None:
            n, label = neighbour
            assert any(str(t.subject) == f"<{n}>" and str(t.predicate) == f"<{LABEL}>" and t.object.value == label for t in parsed)


def test_triple_formats_state_the_source_document_of_each_graph(live_server: str, examples: dict[str, str]) -> None:
    iri = examples["decision"]
    _, _, body = get(live_server + "/id/" + iri[len(CANONICAL.id_base) :], "text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    prov = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    documents = set(graph.objects(rdflib.URIRef(iri), prov))
    assert documents
    stated = {(g, d) for g, d in graph.subject_objects(prov) if str(g).startswith("https://w3id.org/samverkan/graph/")}
    assert {d for _, d in stated} >= documents


def test_browsers_get_html_with_alternates(live_server: str, examples: dict[str, str]) -> None:
    path = "/id/" + examples["organization"][len(CANONICAL.id_base) :]
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = get(live_server + path, browser)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Content-Location"] == f"{path}.html" and "Accept" in headers["Vary"]
    assert f'<{path}.ttl>; rel="alternate"; type="text/turtle"' in headers["Link"]
    assert f'<link rel="alternate" type="text/turtle" href="{path}.ttl">' in body.decode()


@pytest.mark.parametrize(
    ("suffix", "accept", "media_type"),
    [
        (".ttl", "text/html", "text/turtle"),
        (".jsonld", "text/turtle", "application/ld+json"),
        (".nt", "text/html", "application/n-triples"),
        (".rdf", "text/turtle", "application/rdf+xml"),
        (".trig", "text/html", "application/trig"),
        (".nq", "text/html", "application/n-quads"),
        (".html", "text/turtle", "text/html"),
        ("?format=jsonld", "text/html", "application/ld+json"),
        ("?format=turtle", "application/ld+json", "text/turtle"),
        ("?format=html", "text/turtle", "text/html"),
        ("?format=application/n-quads", "text/turtle", "application/n-quads"),
    ],
)
def test_extension_and_format_override_accept(
    live_server: str, examples: dict[str, str], suffix: str, accept: str, media_type: str
) -> None:
    path = "/id/" + examples["organization"][len(CANONICAL.id_base) :]
    status, headers, _ = get(live_server + path + suffix, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media_type


def test_unknown_format_is_a_client_error(live_server: str, examples: dict[str, str]) -> None:
    path = "/id/" + examples["organization"][len(CANONICAL.id_base) :]
    assert get(live_server + path + "?format=png")[0] == 400


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/trig", "application/trig"),
        ("application/n-quads", "application/n-quads"),
        ("text/html", "text/html"),
    ],
)
def test_unknown_iris_are_404_in_the_negotiated_format(live_server: str, accept: str, media_type: str) -> None:
    status, headers, body = get(live_server + "/id/org/no-such-organization", accept)
    assert status == 404
    assert headers["Content-Type"].split(";")[0] == media_type
    if media_type != "text/html":
        assert len(list(ox.parse(body, format=ox.RdfFormat.from_media_type(media_type)))) == 0


def test_unknown_iri_as_json_ld_is_json(live_server: str) -> None:
    status, headers, body = get(live_server + "/id/org/no-such-organization.jsonld")
    assert status == 404 and headers["Content-Type"].startswith("application/ld+json")
    assert json.loads(body)["status"] == 404


ODD_ACCEPTS = [
    "",
    "*/*",
    "image/png",
    ";;;q=x",
    "text/turtle;q=abc",
    ",,,",
    "text/*",
    "application/*",
    "*/*;q=0",
    "text/html;q=0, */*;q=0.1",
    "application/json",
    "application/xml",
    "text/plain",
    "x" * 5000,
    "text/turtle; charset=latin1; q=0.5, text/html; q=0.5",
]


@pytest.mark.parametrize("accept", ODD_ACCEPTS)
def test_odd_accept_headers_never_fail(live_server: str, examples: dict[str, str], accept: str) -> None:
    path = "/id/" + examples["organization"][len(CANONICAL.id_base) :]
    for url in (live_server + path, live_server + "/id/org/no-such-organization", live_server + "/ns", live_server + "/shapes"):
        status, headers, _ = get(url, accept)
        assert status in (200, 404), (url, accept, status)
        assert headers["Content-Type"]


def test_no_preference_gets_turtle(live_server: str, examples: dict[str, str]) -> None:
    path = "/id/" + examples["organization"][len(CANONICAL.id_base) :]
    for accept in ("*/*", "", "image/png", ";;;q=x"):
        status, headers, body = get(live_server + path, accept)
        assert status == 200 and headers["Content-Type"].startswith("text/turtle")
        rdflib.Graph().parse(data=body, format="turtle")


def test_no_accept_header_gets_the_page(live_server: str, examples: dict[str, str]) -> None:
    path = "/id/" + examples["organization"][len(CANONICAL.id_base) :]
    status, headers, _ = get(live_server + path)
    assert status == 200 and headers["Content-Type"].startswith("text/html")


def test_odd_paths_never_fail(live_server: str) -> None:
    for path in ("/id/org/%00", "/id/org/%3E%3C", "/id/" + "a" * 400, "/id/org/x.ttl.ttl", "/id/org/huddinge-kommun.exe"):
        for accept in ("text/turtle", "text/html", "application/rdf+xml"):
            assert get(live_server + path, accept)[0] == 404, (path, accept)


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"])
def test_the_dataset_iri_gives_its_void_and_catalogue_record(live_server: str, accept: str) -> None:
    request = urllib.request.Request(f"{live_server}/id/dataset/samverkan", headers={"Accept": accept})
    with urllib.request.urlopen(request) as reply:
        assert reply.status == 200 and reply.headers.get_content_type() == accept
        graph = Graph().parse(data=reply.read(), format=accept)
    dataset = URIRef("https://w3id.org/samverkan/id/dataset/samverkan")
    kinds = set(graph.objects(dataset, RDF.type))
    assert URIRef("http://rdfs.org/ns/void#Dataset") in kinds and URIRef("http://www.w3.org/ns/dcat#Dataset") in kinds


def test_a_browser_asking_for_the_dataset_is_sent_to_the_downloads(live_server: str) -> None:
    request = urllib.request.Request(f"{live_server}/id/dataset/samverkan", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request) as reply:
        assert reply.url.endswith("/downloads") and reply.status == 200
