"""The public SPARQL endpoint over real HTTP, with real clients: SPARQLWrapper, rdflib's SPARQLStore, curl.

Every test reaches the endpoint through the ``sparql_url`` fixture, an app
serving the session's built project with limits small enough to reach in a
test (``sparql_settings``); running the same tests on another store kind
means giving that fixture other settings.
"""

from __future__ import annotations

import csv
import io
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from conftest import Engine, serving, settings_for, snapshot
from http_reply import Reply
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from graph.media import formats
from graph.settings import STORE_KINDS, Settings
from graph.store import Store
from webapp import create_app
from webapp.i18n import MESSAGES
from webapp.sparql import EXTENSION

RESULT_LIMIT = 1000
TIMEOUT = 2.0
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
ORGANIZATIONS = "SELECT DISTINCT ?o { ?o rdf:type/rdfs:subClassOf* org:Organization } ORDER BY ?o"
MUNICIPALITIES = "CONSTRUCT WHERE { ?m a sv:Municipality ; rdfs:label ?label }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FORM = "application/x-www-form-urlencoded"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP SILENT GRAPH <https://w3id.org/samverkan/graph/organizations.ttl>",
    "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>",
    "COPY DEFAULT TO <urn:g>",
    "WITH <urn:g> INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


@pytest.fixture(scope="module", params=STORE_KINDS)
def sparql_settings(request: pytest.FixtureRequest, built: Settings) -> Settings:
    """The endpoint on each kind of store: the same tests, the same answers."""
    settings = built
    if request.param == "endpoint":
        engine: Engine = request.getfixturevalue("oxigraph_server")
        settings = engine.settings(built.root)
    elif request.param == "memory":
        settings = replace(built, store_kind="memory")
    return replace(settings, query_timeout=TIMEOUT, result_limit=RESULT_LIMIT, query_workers=2)


@pytest.fixture(scope="module")
def sparql_url(sparql_settings: Settings) -> Iterator[str]:
    """The endpoint's URL on an app of its own, stopped with its workers at the end of the module."""
    app = create_app({"TESTING": True, "SAMVERKAN_SETTINGS": sparql_settings})
    with serving(app) as base:
        yield f"{base}/sparql"
    app.extensions[EXTENSION].close()



def call(
    url: str,
    params: dict[str, str] | list[tuple[str, str]] | None = None,
    *,
    accept: str | None = None,
    form: dict[str, str] | list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    content_type: str | None = None,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """One HTTP request with the standard library; redirects are not followed."""
    if params:
        url += "?" + urlencode(params)
    if form is not None:
        body, content_type = urlencode(form).encode(), FORM
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if accept is not None:
        request.add_header("Accept", accept)
    if content_type is not None:
        request.add_header("Content-Type", content_type)
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, dict(error.headers), error.read())


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def rows(reply: Reply) -> list[dict[str, dict[str, str]]]:
    assert reply.status == 200, reply.body
    bindings: list[dict[str, dict[str, str]]] = reply.json()["results"]["bindings"]  # type: ignore[index]
    return bindings


def count(url: str, **params: str) -> int:
    return int(rows(call(url, {"query": COUNT, **params}))[0]["n"]["value"])


# --- real clients -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
def test_sparqlwrapper_select_as_json(sparql_url: str, store: Store, method: str) -> None:
    client = SPARQLWrapper(sparql_url, returnFormat=JSON)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method == POST:
        client.setMethod(POST)
    client.setQuery(ORGANIZATIONS)
    answer = client.queryAndConvert()
    expected = [row["o"].value for row in store.select(ORGANIZATIONS)]
    assert [row["o"]["value"] for row in answer["results"]["bindings"]] == expected and expected  # type: ignore[index]


def test_sparqlwrapper_select_as_xml_and_csv(sparql_url: str, store: Store) -> None:
    expected = [row["o"].value for row in store.select(ORGANIZATIONS)]
    client = SPARQLWrapper(sparql_url, returnFormat=XML)
    client.setQuery(ORGANIZATIONS)
    document = client.queryAndConvert()
    assert [uri.firstChild.data for uri in document.getElementsByTagName("uri")] == expected  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    table = list(csv.reader(io.StringIO(client.queryAndConvert().decode("utf-8"))))  # type: ignore[union-attr]
    assert table == [["o"], *([iri] for iri in expected)]


def test_sparqlwrapper_ask(sparql_url: str) -> None:
    client = SPARQLWrapper(sparql_url, returnFormat=JSON)
    client.setQuery("ASK { ?m a sv:Municipality }")
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]


@pytest.mark.parametrize("return_format", [XML, JSONLD, TURTLE])
def test_sparqlwrapper_construct_into_rdflib(sparql_url: str, store: Store, return_format: str) -> None:
    expected = len(set(store.construct(MUNICIPALITIES)))
    client = SPARQLWrapper(sparql_url, returnFormat=return_format)
    client.setQuery(MUNICIPALITIES)
    converted = client.queryAndConvert()
    graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format="turtle")
    assert len(graph) == expected > 0


@pytest.mark.parametrize("return_format", ["xml", "json"])
def test_rdflib_sparqlstore(sparql_url: str, store: Store, return_format: str) -> None:
    remote = Graph(SPARQLStore(sparql_url, returnFormat=return_format))
    got = [str(row[0]) for row in remote.query(ORGANIZATIONS)]  # type: ignore[index]
    assert got == [row["o"].value for row in store.select(ORGANIZATIONS)]
    assert remote.query("ASK { ?m a sv:Municipality }").askAnswer is True
    assert len(remote.query(MUNICIPALITIES).graph) == len(set(store.construct(MUNICIPALITIES)))  # type: ignore[arg-type]


def curl(url: str, *args: str, accept: str | None = None) -> tuple[int, str, bytes]:
    """curl as a user runs it: status, media type and body."""
    headers = ["-H", f"Accept: {accept}"] if accept is not None else []
    command = ["curl", "--silent", "--show-error", "--max-time", "30", *headers, *args]
    done = subprocess.run(
        [*command, "--write-out", "\n%{http_code} %{content_type}", url], capture_output=True, check=True, timeout=60
    )
    body, _, tail = done.stdout.rpartition(b"\n")
    status, _, content_type = tail.decode().partition(" ")
    return int(status), content_type.split(";")[0], body


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("application/xml", "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv, application/sparql-results+json;q=0.5", "text/csv"),
        (None, "application/sparql-results+json"),  # curl sends */*
        ("", "application/sparql-results+json"),  # no Accept header at all
        ("image/png", "application/sparql-results+json"),
    ],
)
def test_curl_select_with_each_accept(sparql_url: str, store: Store, accept: str | None, media_type: str) -> None:
    status, got, body = curl(sparql_url, "--data-urlencode", f"query={ORGANIZATIONS}", accept=accept)
    assert (status, got) == (200, media_type)
    expected = len(list(store.select(ORGANIZATIONS)))
    if media_type == "text/csv":
        assert len(list(csv.reader(io.StringIO(body.decode("utf-8"))))) == expected + 1
    else:
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(media_type))
        assert len(list(parsed)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        *((fmt.media_type, fmt.media_type) for fmt in formats("graph")),
        ("application/json", "application/ld+json"),
        ("application/xml", "application/rdf+xml"),
        ("application/n-triples;q=0.5, application/rdf+xml;q=0.9", "application/rdf+xml"),
        (None, "text/turtle"),
        ("application/sparql-results+json", "text/turtle"),
    ],
)
def test_curl_construct_with_each_accept(sparql_url: str, store: Store, accept: str | None, media_type: str) -> None:
    status, got, body = curl(sparql_url, "--get", "--data-urlencode", f"query={MUNICIPALITIES}", accept=accept)
    assert (status, got) == (200, media_type)
    assert len(Graph().parse(data=body, format=media_type)) == len(set(store.construct(MUNICIPALITIES)))


def test_curl_posts_a_query_body(sparql_url: str) -> None:
    content_type = "Content-Type: application/sparql-query"
    status, media_type, body = curl(
        sparql_url, "-H", content_type, "--data-binary", "ASK { ?s ?p ?o }", accept="text/csv"
    )
    assert (status, media_type, body) == (200, "text/csv", b"true")


def test_format_parameter_wins_for_browsers(sparql_url: str) -> None:
    reply = call(sparql_url, {"query": ORGANIZATIONS, "format": "csv"}, accept=BROWSER)
    assert reply.status == 200 and reply.media_type == "text/csv"
    reply = call(sparql_url, {"query": MUNICIPALITIES, "format": "jsonld"}, accept=BROWSER)
    assert reply.status == 200 and reply.media_type == "application/ld+json"


# --- dataset, limits -------------------------------------------------------------------------


def test_default_and_named_graph_uris_are_honoured(sparql_url: str, store: Store) -> None:
    counts = store.graph_counts()
    (first, first_size), (second, second_size) = list(counts.items())[:2]
    assert count(sparql_url) == sum(counts.values())
    both = [("query", COUNT), ("default-graph-uri", first), ("default-graph-uri", second)]
    assert int(rows(call(sparql_url, both))[0]["n"]["value"]) == first_size + second_size
    named = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    reply = call(sparql_url, form=[("query", named), ("named-graph-uri", second)])
    assert [row["g"]["value"] for row in rows(reply)] == [second]


def test_answers_are_cut_at_the_result_limit_and_say_so(sparql_url: str) -> None:
    cut = call(sparql_url, {"query": "SELECT * { ?s ?p ?o }"})
    assert len(rows(cut)) == RESULT_LIMIT
    assert cut.headers["Samverkan-Result-Limit"] == str(RESULT_LIMIT) and cut.headers["Samverkan-Truncated"] == "true"
    whole = call(sparql_url, {"query": ORGANIZATIONS})
    assert whole.headers["Samverkan-Truncated"] == "false"
    turtle = call(sparql_url, {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, accept="text/turtle")
    assert turtle.headers["Samverkan-Truncated"] == "true" and turtle.text.startswith("# Cut at the result limit")
    assert len(Graph().parse(data=turtle.body, format="turtle")) == RESULT_LIMIT


def test_a_runaway_query_is_stopped_while_others_are_served(sparql_url: str) -> None:
    with ThreadPoolExecutor(1) as pool:
        runaway = pool.submit(call, sparql_url, {"query": RUNAWAY}, accept="application/json")
        time.sleep(0.2)
        assert count(sparql_url) > 0
        assert not runaway.done(), "another client was served while the runaway ran"
        stopped = runaway.result()
    assert stopped.status == 503
    assert str(stopped.json()["error"]).startswith(f"The query ran past the time limit of {TIMEOUT:g} s")
    assert count(sparql_url) > 0


# --- refusals ---------------------------------------------------------------------------------


@contextmanager
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A local port that is listening: a connection to it is queued, whether or not anyone accepts it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        sock.setblocking(False)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/", sock


def connections(sock: socket.socket) -> int:
    arrived = 0
    while True:
        try:
            sock.accept()[0].close()
        except BlockingIOError:
            return arrived
        arrived += 1


def test_no_query_reaches_the_network(sparql_url: str) -> None:
    with listener() as (address, sock):
        for sparql in (
            f"SELECT * {{ SERVICE <{address}sparql> {{ ?s ?p ?o }} }}",
            f"select * {{ ?s ?p ?o . service silent <{address}> {{ ?s ?p ?o }} }}",
            f"PREFIX ex: <{address}>\nASK {{ SERVICE ex:sparql {{ ?s ?p ?o }} }}",
        ):
            reply = call(sparql_url, {"query": sparql}, accept="text/plain")
            assert reply.status == 400 and "SERVICE is not allowed" in reply.text
        reply = call(sparql_url, form={"update": f"LOAD <{address}data.ttl>"})
        assert reply.status == 403
        assert connections(sock) == 0
        with socket.create_connection(sock.getsockname()):
            time.sleep(0.1)
        assert connections(sock) == 1, "the listener does see a connection when one is made"


def test_updates_are_refused_however_sent_and_change_nothing(sparql_url: str, sparql_settings: Settings) -> None:
    before = snapshot(sparql_settings.store)
    triples = count(sparql_url)
    for update in UPDATES:
        for reply in (
            call(sparql_url, form={"update": update}),
            call(sparql_url, {"update": update}),
            call(sparql_url, body=update.encode(), content_type="application/sparql-update"),
            call(sparql_url, {"query": update}),
            call(sparql_url, form={"query": update}),
            call(sparql_url, body=update.encode(), content_type="application/sparql-query"),
        ):
            assert reply.status == 403, (update, reply.body)
            assert "read-only" in reply.text
    assert count(sparql_url) == triples
    assert snapshot(sparql_settings.store) == before


def test_length_and_nesting_are_bounded_before_the_engine(sparql_url: str) -> None:
    long = "ASK {}" + " " * 100_000
    reply = call(sparql_url, body=long.encode(), content_type="application/sparql-query")
    assert reply.status == 413 and "at most 100,000" in reply.text
    reply = call(sparql_url, body=b"#" * 600_000, content_type="application/sparql-query")
    assert reply.status == 413
    deep = "SELECT * " + "{" * 201 + "}" * 201
    reply = call(sparql_url, form={"query": deep}, accept="application/json")
    assert reply.status == 400 and "nest more than 200 deep" in str(reply.json()["error"])
    crashing = "SELECT * " + "{" * 20_000 + "}" * 20_000
    assert call(sparql_url, body=crashing.encode(), content_type="application/sparql-query").status == 400
    assert count(sparql_url) > 0


# --- errors -------------------------------------------------------------------------------------


def test_a_syntax_error_says_where_in_the_client_s_format(sparql_url: str) -> None:
    bad = "SELECT * {\n  ?s ?p }"
    reply = call(sparql_url, {"query": bad}, accept="application/sparql-results+json")
    assert reply.status == 400 and reply.media_type == "application/json"
    error = reply.json()
    assert error.keys() == {"ok", "status", "error"} and error["ok"] is False and error["status"] == 400
    assert "line 2, column 10" in str(error["error"])
    plain = call(sparql_url, {"query": bad}, accept="text/csv")
    assert plain.status == 400 and plain.media_type == "text/plain" and "line 2, column 10" in plain.text
    page = call(sparql_url, form={"query": bad}, accept=BROWSER)
    assert page.status == 400 and page.media_type == "text/html"
    assert MESSAGES["sv"]["error_sparql"] in page.text and "line 2, column 10" in page.text


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        ({"params": [("query", COUNT), ("query", COUNT)]}, 400, "given 2 times"),
        ({"form": {"query": COUNT, "update": "CLEAR ALL"}}, 400, "not both"),
        ({"params": {"query": COUNT, "format": "pdf"}}, 400, "Unknown format 'pdf'"),
        ({"params": {"query": MUNICIPALITIES, "format": "csv"}}, 400, "no csv form"),
        ({"params": [("query", COUNT), ("default-graph-uri", "not an IRI")]}, 400, "not an absolute IRI"),
        ({"body": "ASK { ?s ?p 'å' }".encode("latin-1"), "content_type": "application/sparql-query"}, 400, "UTF-8"),
        ({"body": b"query=ASK%7B%3Fs%20%3Fp%20%27%E5%27%7D", "content_type": FORM}, 400, "UTF-8"),
        ({"body": COUNT.encode(), "content_type": "text/plain"}, 415, "application/sparql-query"),
        ({"body": COUNT.encode(), "content_type": "application/json"}, 415, "application/sparql-query"),
        ({"body": COUNT.encode(), "content_type": "application/sparql-query; charset=latin-1"}, 415, "UTF-8"),
        ({"method": "POST"}, 415, "without a Content-Type"),
        ({}, 400, "No query was given"),
        ({"params": {"query": "  "}}, 400, "No query was given"),
    ],
)
def test_bad_requests_get_a_message_not_a_traceback(
    sparql_url: str, request_args: dict[str, object], status: int, message: str
) -> None:
    reply = call(sparql_url, accept="text/plain", **request_args)  # type: ignore[arg-type]
    assert reply.status == status and reply.media_type == "text/plain"
    assert message in reply.text and "Traceback" not in reply.text


def test_a_query_string_that_is_not_utf8(sparql_url: str) -> None:
    reply = call(sparql_url + "?query=ASK%7B%3Fs%20%3Fp%20%27%E5%27%7D", accept="text/plain")
    assert reply.status == 400 and "not UTF-8" in reply.text


def test_without_a_store_the_message_does_not_show_the_server_s_paths(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "SAMVERKAN_SETTINGS": settings_for(tmp_path)})
    with serving(app) as base:
        reply = call(f"{base}/sparql", {"query": COUNT}, accept="application/json")
    app.extensions[EXTENSION].close()
    assert reply.status == 503 and "samverkan build" in str(reply.json()["error"])
    assert str(tmp_path) not in reply.text


# --- browsers, CORS -------------------------------------------------------------------------------


def test_a_browser_is_sent_to_the_query_page(sparql_url: str) -> None:
    reply = call(sparql_url, accept=BROWSER)
    assert reply.status == 303 and reply.headers["Location"] == "/query"
    reply = call(sparql_url, {"query": COUNT, "lang": "en"}, accept=BROWSER)
    assert reply.status == 303 and reply.headers["Location"] == "/query?" + urlencode({"query": COUNT, "lang": "en"})


def test_pages_on_other_sites_may_query(sparql_url: str) -> None:
    preflight = call(
        sparql_url,
        method="OPTIONS",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()
    origin = {"Origin": "https://example.org"}
    answer = call(sparql_url, body=COUNT.encode(), content_type="application/sparql-query", headers=origin)
    assert answer.status == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "Samverkan-Truncated" in answer.headers["Access-Control-Expose-Headers"]
    error = call(sparql_url, {"query": "nonsense"}, headers=origin)
    assert error.status == 400 and error.headers["Access-Control-Allow-Origin"] == "*"
