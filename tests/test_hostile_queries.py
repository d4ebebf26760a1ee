"""Hostile and broken queries over real HTTP: every one gets a clear 4xx or a 503 at the time limit,
never a 500 or a traceback; none reaches the network; none changes the published data.

The app here serves the session's built project with a short time limit
and three query workers (two runaways at once leave one for everyone else). Requests are written with ``http.client``, so that
paths, methods, bodies and content types go out exactly as given. Both
ways in are tried: the SPARQL endpoint (``/sparql``) and the query page
(``/query``), which runs what it is given through the same service.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from html import unescape
from urllib.parse import quote, urlencode, urlsplit

import pytest
from conftest import serving, snapshot
from http_reply import Reply as HttpReply

from graph import runner
from graph.settings import Settings
from webapp import create_app
from webapp.i18n import MESSAGES
from webapp.sparql import EXTENSION

TIMEOUT = 2.0
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"


class Reply(HttpReply):
    @property
    def problem(self) -> str:
        """What the query page says went wrong, as a reader sees it (its problem box, as text)."""
        found = re.search(r'<div class="problem" role="alert">(.*?)</div>', self.text, re.S)
        assert found is not None, self.text
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def send(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> Reply:
    """One request exactly as given (path, method, body); redirects are not followed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def ask(base: str, sparql: str, accept: str = "application/json") -> Reply:
    return send(f"{base}/sparql?query={quote(sparql, safe='')}", headers={"Accept": accept})


def post(base: str, path: str, body: bytes, content_type: str, accept: str = "application/json") -> Reply:
    return send(base + path, "POST", body, {"Content-Type": content_type, "Accept": accept})


def page(base: str, sparql: str) -> Reply:
    """The query page asked to run ``sparql``, as its form posts it."""
    return post(base, "/query?lang=en", urlencode({"query": sparql}).encode(), FORM, accept="text/html")


def triples(base: str) -> int:
    reply = ask(base, COUNT)
    assert reply.status == 200, reply.body
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index]


def plain(reply: Reply) -> None:
    """An error a person or a program can read: never a 500, never a traceback."""
    assert 400 <= reply.status < 500 or reply.status == 503, reply
    assert "Traceback" not in reply.text and "File \"" not in reply.text


@pytest.fixture(scope="module")
def settings(built: Settings) -> Settings:
    return replace(built, query_timeout=TIMEOUT, query_workers=3, result_limit=1000)


@pytest.fixture(scope="module")
def base(settings: Settings) -> Iterator[str]:
    app = create_app({"TESTING": False, "SAMVERKAN_SETTINGS": settings})  # as in production: no exception escapes
    with serving(app) as url:
        yield url
    app.extensions[EXTENSION].close()


# --- syntax errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sparql", "where"),
    [
        ("SELECT * {\n  ?s ?p }", "line 2"),
        ("SELEKT * { ?s ?p ?o }", "line 1, column 1"),
        ("SELECT * { ?s ?p ?o } LIMIT many", "line 1"),
        ("SELECT * { ?s ?p 'open }", "line 1"),
        ("ASK { <not an iri> ?p ?o }", "line 1"),
        ("PREFIX : <x>\nSELECT * { :a ?p ?o }", "line 1"),
    ],
)
def test_a_syntax_error_is_a_400_saying_where(base: str, sparql: str, where: str) -> None:
    reply = ask(base, sparql)
    plain(reply)
    assert reply.status == 400 and where in str(reply.json()["error"])
    shown = page(base, sparql)
    assert shown.status == 200 and MESSAGES["en"]["query_error_400"] in shown.problem and where in shown.problem


# --- updates and the network -------------------------------------------------------------------------


@contextmanager
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A local port that listens: a connection to it is queued, whether anyone accepts it or not."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
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


def test_nothing_sent_reaches_a_local_listener(base: str) -> None:
    with listener() as (address, sock):
        service = [
            f"SELECT * {{ SERVICE <{address}sparql> {{ ?s ?p ?o }} }}",
            f"select * {{ service silent <{address}> {{ ?s ?p ?o }} }}",
            f"PREFIX ex: <{address}>\nASK {{ SeRvIcE ex:sparql {{ ?s ?p ?o }} }}",
            f"SELECT * {{ SERVICE # a comment between\n <{address}> {{ ?s ?p ?o }} }}",
            f"SELECT * {{ ?s ?p ?o . {{ SERVICE ?endpoint {{ ?s ?p ?o }} VALUES ?endpoint {{ <{address}> }} }} }}",
        ]
        for sparql in service:
            for reply in (
                ask(base, sparql),
                post(base, "/sparql", urlencode({"query": sparql}).encode(), FORM),
                post(base, "/sparql", sparql.encode(), QUERY_BODY),
            ):
                plain(reply)
                assert reply.status == 400 and "SERVICE is not allowed" in str(reply.json()["error"])
            assert "SERVICE is not allowed" in page(base, sparql).problem
        loads = [f"LOAD <{address}data.ttl>", f"LOAD SILENT <{address}> INTO GRAPH <urn:g>"]
        for sparql in loads:
            for reply in (
                post(base, "/sparql", urlencode({"update": sparql}).encode(), FORM),
                post(base, "/sparql", sparql.encode(), "application/sparql-update"),
                ask(base, sparql),
            ):
                plain(reply)
                assert reply.status == 403 and "read-only" in str(reply.json()["error"])
            assert MESSAGES["en"]["query_error_403"] in page(base, sparql).problem
        # The dataset and the terms may name the listener: they are names, never fetched.
        for sparql, params in (
            (f"SELECT * FROM <{address}> {{ ?s ?p ?o }} LIMIT 1", {}),
            (f"SELECT * FROM NAMED <{address}> {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
            (f"DESCRIBE <{address}>", {}),
            (f"SELECT * {{ BIND(IRI('{address}') AS ?x) }}", {}),
            ("ASK { ?s ?p ?o }", {"default-graph-uri": address, "named-graph-uri": address}),
        ):
            reply = send(f"{base}/sparql?{urlencode({'query': sparql, **params})}", headers={"Accept": "text/plain"})
            assert reply.status == 200, reply
        time.sleep(0.2)  # a connection the server made would be queued by now; none may have been made
        assert connections(sock) == 0
        with socket.create_connection(sock.getsockname()):
            time.sleep(0.1)
        assert connections(sock) == 1, "the listener does see a connection when one is made"


ENGINE_PAST_THE_GUARD = """
import sys
import pyoxigraph
from graph.runner import leave_the_network
left = leave_the_network()
store = pyoxigraph.Store()
store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:s"), pyoxigraph.NamedNode("urn:p"), pyoxigraph.NamedNode("urn:o")))
try:
    list(store.query("SELECT * { ?s ?p ?o SERVICE <" + sys.argv[1] + "> { ?a ?b ?c } }"))
    print(left, "answered")
except OSError as error:
    print(left, type(error).__name__, error)
"""
"""The engine asked for SERVICE directly, as a query the guard missed would ask it, after leaving the network."""


def test_a_query_worker_has_no_network_even_past_the_guard(settings: Settings) -> None:
    """The second line of defence: in a worker's place, the engine's own SERVICE call reaches nothing."""
    with listener() as (address, sock):
        reached = subprocess.run(
            [sys.executable, "-c", ENGINE_PAST_THE_GUARD, address], capture_output=True, text=True, timeout=60, check=True
        )
        if reached.stdout.startswith("False"):
            pytest.skip(f"this system lets no process leave the network (not Linux, or namespaces forbidden): {reached.stdout}")
        assert reached.stdout.startswith("True OSError") or "unreachable" in reached.stdout, reached
        time.sleep(0.2)
        assert connections(sock) == 0
    context = multiprocessing.get_context(runner.START_METHOD)
    parent, child = context.Pipe()
    worker = context.Process(target=runner.serve, args=(child, settings), daemon=True)
    worker.start()
    child.close()
    try:
        assert parent.recv() == runner.READY  # it opened the store, after leaving the network
        assert os.readlink(f"/proc/{worker.pid}/ns/net") != os.readlink("/proc/self/ns/net")
    finally:
        parent.close()
        worker.join(timeout=30)
        worker.close()


def test_updates_are_refused_and_nothing_published_changes(base: str, settings: Settings) -> None:
    before = snapshot(settings.store, settings.dist)
    count = triples(base)
    updates = [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/samverkan/graph/organizations>",
        "PREFIX x: <urn:x>\ninsert data { x:a x:b x:c }",
        "ASK {} ; INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ]
    for update in updates:
        for reply in (
            ask(base, update),
            post(base, "/sparql", urlencode({"update": update}).encode(), FORM),
            post(base, "/sparql", update.encode(), "application/sparql-update"),
            post(base, "/sparql", update.encode(), QUERY_BODY),
        ):
            plain(reply)
            assert reply.status in (400, 403), reply
        assert page(base, update).status == 200
    assert triples(base) == count
    assert snapshot(settings.store, settings.dist) == before


# --- runaway queries ---------------------------------------------------------------------------------


def test_a_cartesian_product_stops_at_the_time_limit_while_others_are_served(base: str) -> None:
    with ThreadPoolExecutor(2) as pool:
        runaway = pool.submit(ask, base, CARTESIAN)
        on_page = pool.submit(page, base, CARTESIAN)
        time.sleep(0.2)
        # Meanwhile: pages, the explorer and a query of another client are answered.
        assert send(f"{base}/id/org/huddinge-kommun").status == 200
        assert send(f"{base}/api/search?q=KI").status == 200
        assert triples(base) > 0
        assert not runaway.done() and not on_page.done(), "the others were served while the runaways ran"
        stopped = runaway.result()
        shown = on_page.result()
    plain(stopped)
    assert stopped.status == 503
    assert str(stopped.json()["error"]).startswith(f"The query ran past the time limit of {TIMEOUT:g} s")
    assert shown.status == 200 and "ran past the time limit" in shown.problem
    assert triples(base) > 0  # the workers that were stopped have been replaced


def test_very_long_queries_are_refused_before_they_are_run(base: str) -> None:
    in_address = send(f"{base}/sparql?query=" + "%20" * 12_000 + "ASK%7B%7D", headers={"Accept": "application/json"})
    plain(in_address)
    assert in_address.status == 414 and "POST" in str(in_address.json()["error"])
    long_body = ("ASK {}" + " " * 100_001).encode()
    too_long = post(base, "/sparql", long_body, QUERY_BODY)
    plain(too_long)
    assert too_long.status == 413 and "at most 100,000" in str(too_long.json()["error"])
    too_big = post(base, "/sparql", urlencode({"query": "#" * 600_000}).encode(), FORM)
    assert too_big.status == 413 and "500,000" in str(too_big.json()["error"])
    on_page = post(base, "/query", urlencode({"query": "#" * 600_000}).encode(), FORM, accept="text/html")
    assert on_page.status == 413 and MESSAGES["sv"]["error_413"] in on_page.text
    deep = "SELECT * " + "{" * 20_000 + "}" * 20_000
    nested = post(base, "/sparql", deep.encode(), QUERY_BODY)
    assert nested.status == 400 and "nest more than 200 deep" in str(nested.json()["error"])
    assert "nest more than 200 deep" in page(base, deep).problem
    assert triples(base) > 0


# --- bytes that are not text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/sparql?query=ASK%7B%7D%00", "parameter 'query': a NUL character"),
        ("/sparql?query=ASK%00%7B%7D&format=json", "a NUL character"),
        ("/sparql?query=ASK%ZZ%7B%7D", "a % that is not followed by two hexadecimal digits ('%ZZ')"),
        ("/sparql?query=ASK%7B%7D%", "a % that is not followed by two hexadecimal digits ('%')"),
        ("/sparql?query=ASK%7B%C3%28%7D", "its value is not UTF-8"),
        ("/sparql?query=ASK%7B%7D&%FF=1", "its name is not UTF-8"),
        ("/sparql?query=ASK%252525%7B%7D", "not valid SPARQL"),  # decoded once, as sent: a query with a %
    ],
)
def test_nul_bytes_and_bad_percent_encoding_in_the_address_are_named(base: str, path: str, said: str) -> None:
    reply = send(base + path, headers={"Accept": "text/plain"})
    plain(reply)
    assert reply.status == 400 and said in reply.text and reply.media_type == "text/plain"
    on_page = send(base + path.replace("/sparql", "/query"), headers={"Accept": "text/html"})
    if on_page.status == 200:  # a query the page runs: its problem box says what
        assert said in on_page.problem
    else:  # refused before the page: the error page says what, in the server's words
        plain(on_page)
        assert on_page.status == 400 and said.split("(")[0].strip() in unescape(on_page.text)


@pytest.mark.parametrize(
    ("body", "content_type", "said"),
    [
        (b"query=ASK%7B%7D%00", FORM, "The form, parameter 'query': a NUL character"),
        (b"query=ASK%7", FORM, "The form, parameter 'query': a % that is not followed"),
        (b"query=%FF", FORM, "The form, parameter 'query': its value is not UTF-8"),
        (b"ASK { ?s ?p ?o }\x00", QUERY_BODY, "not valid SPARQL"),
        (b"ASK { ?s ?p '\xe5' }", QUERY_BODY, "The request body is not UTF-8"),
    ],
)
def test_nul_bytes_and_bad_encoding_in_a_body_are_named(base: str, body: bytes, content_type: str, said: str) -> None:
    reply = post(base, "/sparql", body, content_type, accept="text/plain")
    plain(reply)
    assert reply.status == 400 and said in reply.text


# --- methods and content types ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/sparql", {"GET", "POST"}),
        ("/query", {"GET", "POST"}),
        ("/id/org/huddinge-kommun", {"GET"}),
        ("/dumps/manifest.json", {"GET"}),
        ("/api/network", {"GET"}),
        ("/", {"GET"}),
    ],
)
def test_a_method_the_address_does_not_take_is_a_405_with_allow(
    base: str, settings: Settings, method: str, path: str, allowed: set[str]
) -> None:
    before = snapshot(settings.store, settings.dist)
    for accept in ("text/html", "application/json"):
        reply = send(base + path, method, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Accept": accept})
        assert reply.status == 405, reply
        offered = {name.strip() for name in reply.headers["Allow"].split(",")}
        assert allowed <= offered and method not in offered
        if accept == "application/json":
            assert reply.json()["status"] == 405 and "GET" in str(reply.json()["hint"])
        else:
            assert MESSAGES["sv"]["error_405"] in reply.text and "GET" in reply.text
    assert snapshot(settings.store, settings.dist) == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "application/xml", None])
def test_a_body_of_the_wrong_type_is_a_415_saying_what_to_send(base: str, content_type: str | None) -> None:
    headers = {"Accept": "text/plain"} | ({"Content-Type": content_type} if content_type else {})
    body = json.dumps({"query": COUNT}).encode() if content_type == "application/json" else COUNT.encode()
    reply = send(f"{base}/sparql", "POST", body, headers)
    plain(reply)
    assert reply.status == 415 and "application/sparql-query" in reply.text
    assert "application/x-www-form-urlencoded" in reply.text
    for accept in ("text/html", "application/json"):
        on_page = send(f"{base}/query", "POST", body, {**headers, "Accept": accept})
        plain(on_page)
        assert on_page.status == 415, on_page
        if accept == "application/json":
            assert "application/x-www-form-urlencoded" in str(on_page.json()["message"])
        else:
            assert MESSAGES["sv"]["error_415"] in on_page.text
            assert "application/x-www-form-urlencoded" in unescape(on_page.text)
