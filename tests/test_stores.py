"""The three kinds of store answer alike: the built store on disk, the sources in memory, an external engine.

Each behaviour test runs once per kind (the ``store_settings`` fixture); the
external engine is a real Oxigraph server, loaded by ``samverkan publish``.
Answers are compared with those of the built store opened directly (the
``store`` fixture). Engine failures that a real server cannot be made to
show on demand (an HTTP 500, a hang, a garbled answer) come from a small
stand-in server that answers what each test tells it to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import (
    FIXTURE_PROJECT,
    Engine,
    StandIn,
    copy_project,
    free_port,
    oxigraph_engine,
    samverkan,
    settings_for,
    stand_in,
)

from graph import queries
from graph.build import build
from graph.endpoint import SparqlEndpoint
from graph.errors import (
    EndpointError,
    EndpointTimeout,
    QueryRefused,
    QuerySyntaxError,
    SamverkanError,
    StoreNotFound,
    ValidationFailed,
)
from graph.namespaces import CANONICAL
from graph.publish import publish
from graph.settings import Settings
from graph.sources import ONTOLOGY_GRAPH
from graph.store import EmbeddedStore, EndpointStore, QueryResult, Store, open_store
from webapp import create_app

ORGANIZATIONS = CANONICAL.graph_base + "organizations"
HUDDINGE = "https://w3id.org/samverkan/id/org/huddinge-kommun"
SHIPPED = queries.shipped()


@pytest.fixture(scope="session")
def opened(store_settings: Settings) -> Store:
    """The store of each kind, opened as the app and the CLI open it."""
    return open_store(store_settings)


def rows(result: QueryResult) -> tuple[list[str], Counter[tuple[str | None, ...]]]:
    """A SELECT answer as its variables and the multiset of its rows, in terms every kind shares.

    Blank node labels are each engine's own, so they all read ``_:``; and
    SPARQL leaves the order of GROUP_CONCAT's values open (the shipped
    queries join them with `` | ``), so the joined values are sorted.
    """
    assert isinstance(result, ox.QuerySolutions)
    variables = [variable.value for variable in result.variables]
    cells = Counter(tuple(_term(row[name]) for name in variables) for row in result)
    return variables, cells


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:"
    if isinstance(term, ox.Literal) and " | " in term.value:
        return " | ".join(sorted(term.value.split(" | "))) + f" {term.language or term.datatype}"
    return str(term)


def count(store: Store, sparql: str, **graphs: list[str]) -> int:
    result = store.query(sparql, **graphs)
    assert isinstance(result, ox.QuerySolutions)
    return int(next(iter(result))["n"].value)


# ---------------------------------------------------------------------------
# Same answers
# ---------------------------------------------------------------------------


def test_open_store_gives_the_kind_asked_for(store_settings: Settings, opened: Store) -> None:
    expected = EndpointStore if store_settings.store_kind == "endpoint" else EmbeddedStore
    assert type(opened) is expected


@pytest.mark.parametrize("query", SHIPPED, ids=[query.name for query in SHIPPED])
def test_shipped_queries_give_the_same_rows(opened: Store, store: Store, query: queries.Query) -> None:
    expected = rows(store.query(query.sparql))
    assert expected[1], "the query should have an answer to compare"
    assert rows(opened.query(query.sparql)) == expected


def test_ask_and_construct_give_pyoxigraph_types(opened: Store) -> None:
    assert opened.ask(f"ASK {{ <{HUDDINGE}> a sv:Municipality }}") is True
    assert opened.ask("ASK { ?s a sv:NoSuchClass }") is False
    graph = opened.query(f"CONSTRUCT {{ <{HUDDINGE}> ?p ?o }} WHERE {{ <{HUDDINGE}> ?p ?o }}")
    assert isinstance(graph, ox.QueryTriples)
    labels = {triple.object for triple in graph if triple.predicate.value.endswith("#label")}
    assert ox.Literal("Huddinge kommun", language="sv") in labels


def test_default_graph_is_the_union_of_the_named_graphs(opened: Store, store: Store) -> None:
    # Every named graph's triples are matched without GRAPH, a triple stated twice twice (as Oxigraph does).
    assert count(opened, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == store.quad_count()
    ontology_only = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?c a owl:Class }} ?c a owl:Class }}"
    data_only = f"ASK {{ GRAPH <{ORGANIZATIONS}> {{ <{HUDDINGE}> ?p ?o }} <{HUDDINGE}> ?p ?o }}"
    assert opened.ask(ontology_only) and opened.ask(data_only)


def test_counts_quads_and_triples_agree(opened: Store, store: Store) -> None:
    assert opened.triple_count() == store.triple_count()
    assert opened.quad_count() == store.quad_count()
    assert opened.graph_counts() == store.graph_counts()

    def without_blank_nodes(items: Iterator[ox.Quad] | Iterator[ox.Triple]) -> tuple[int, set[str]]:
        listed = list(items)
        return len(listed), {str(item) for item in listed if "_:" not in str(item)}

    assert without_blank_nodes(opened.quads()) == without_blank_nodes(store.quads())
    assert without_blank_nodes(opened.triples()) == without_blank_nodes(store.triples())


def test_default_graph_and_named_graphs_choose_the_dataset(opened: Store, store: Store) -> None:
    sizes = store.graph_counts()
    everything = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    assert count(opened, everything, default_graph=[ORGANIZATIONS]) == sizes[ORGANIZATIONS]
    both = [ORGANIZATIONS, ONTOLOGY_GRAPH]
    assert count(opened, everything, default_graph=both) == sizes[ORGANIZATIONS] + sizes[ONTOLOGY_GRAPH]
    assert count(opened, graphs, default_graph=[ORGANIZATIONS]) == 0  # no named graph given: none seen
    named = opened.query("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", named_graphs=[ORGANIZATIONS])
    assert rows(named)[1] == Counter({(f"<{ORGANIZATIONS}>",): 1})
    assert count(opened, everything, named_graphs=[ORGANIZATIONS]) == 0  # no default graph given: empty
    assert count(opened, everything, default_graph=[], named_graphs=[]) == store.quad_count()  # none named
    with pytest.raises(SamverkanError, match="Not a valid graph IRI"):
        opened.query(everything, default_graph=["not an IRI"])


def test_syntax_error_has_its_position(opened: Store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"^The query is not valid SPARQL at line 2, column 16: "):
        opened.query("SELECT *\nWHERE { ?s ?p }")


# ---------------------------------------------------------------------------
# Failures, some from a stand-in engine since a real one does not fail on demand
# ---------------------------------------------------------------------------


def test_service_is_refused_before_reaching_any_engine(opened: Store) -> None:
    watched = StandIn()
    with stand_in(watched) as url:
        with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
            opened.query(f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
        with pytest.raises(QueryRefused):
            EndpointStore(SparqlEndpoint(url, timeout=5)).query("ASK { SERVICE <http://example.org/> { } }")
    assert watched.received == []


@pytest.mark.parametrize(
    ("answer", "error", "message"),
    [
        (
            StandIn(500, body=b"java.lang.NullPointerException"),
            EndpointError,
            r"answered HTTP 500: java\.lang",
        ),
        (
            StandIn(503, body=b"<h1>busy</h1>\n\n<p>later</p>"),
            EndpointError,
            r"HTTP 503: <h1>busy</h1> <p>later",
        ),
        (
            StandIn(400, body=b"Parse error: line 3, column 7"),
            QuerySyntaxError,
            r"rejected the query: Parse error",
        ),
        (StandIn(200, "application/sparql-results+json", b'{"head": '), EndpointError, r"malformed results"),
        (StandIn(200, "text/html", b"<html>login</html>"), EndpointError, r"results in text/html"),
        (StandIn(delay=1.0), EndpointTimeout, r"did not answer within 0\.2 s"),
    ],
    ids=["HTTP 500", "HTTP 503", "HTTP 400", "garbled", "not results", "hangs"],
)
def test_engine_failures_are_clear_errors(answer: StandIn, error: type[EndpointError], message: str) -> None:
    with stand_in(answer) as url:
        store = EndpointStore(SparqlEndpoint(url, timeout=0.2))
        with pytest.raises(error, match=message) as raised:
            store.select("SELECT * { ?s ?p ?o }")
    assert (
        raised.value.http_status == {EndpointTimeout: 504, EndpointError: 502, QuerySyntaxError: 400}[error]
    )
    assert answer.received == ["POST /query"]


def test_a_garbled_graph_is_a_clear_error() -> None:
    garbled = StandIn(200, "application/n-triples", b"<http://a> <http://b> .\n")
    with stand_in(garbled) as url, pytest.raises(EndpointError, match="a malformed graph"):
        EndpointStore(SparqlEndpoint(url, timeout=5)).construct("CONSTRUCT WHERE { ?s ?p ?o }")


def test_an_engine_that_is_down_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(
        EndpointError, match=rf"^Cannot reach the SPARQL engine at {url}: .*refused"
    ) as raised:
        EndpointStore.connect(url, timeout=5)
    assert raised.value.http_status == 502


def test_only_http_urls_are_engines() -> None:
    with pytest.raises(SamverkanError, match="must be an http:// or https:// URL, not 'file:///etc/passwd'"):
        SparqlEndpoint("file:///etc/passwd", timeout=5)


# ---------------------------------------------------------------------------
# Connecting checks the engine's set-up
# ---------------------------------------------------------------------------


def test_an_empty_engine_says_to_publish() -> None:
    expected = pytest.raises(StoreNotFound, match="holds no named graph: run `samverkan publish` first")
    with oxigraph_engine() as engine, expected:
        EndpointStore.connect(engine.query, timeout=5)


def test_an_engine_whose_default_graph_is_not_the_union_is_refused(fixture_built: Settings) -> None:
    with oxigraph_engine(union_default_graph=False) as engine:
        publish(engine.settings(fixture_built.root))
        with pytest.raises(EndpointError, match=r"not the union of its named graphs.*--union-default-graph"):
            EndpointStore.connect(engine.query, timeout=5)


def test_endpoint_kind_needs_its_url(built: Settings) -> None:
    settings = Settings.load({"root": str(built.root), "store_kind": "endpoint"}, environ={})
    with pytest.raises(SamverkanError, match="needs the engine's query URL: --endpoint-query"):
        open_store(settings)


# ---------------------------------------------------------------------------
# The memory kind validates what it loads
# ---------------------------------------------------------------------------


def test_memory_kind_refuses_data_that_fails_its_shapes(tmp_path: Path) -> None:
    root = copy_project(FIXTURE_PROJECT, tmp_path / "project")
    (root / "data" / "bad.ttl").write_text(
        "<https://w3id.org/samverkan/id/org/nameless> a <https://w3id.org/samverkan/ns#Municipality> ;"
        ' <https://w3id.org/samverkan/ns#municipalityCode> "12" .\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed, match=r"SHACL violation.*nothing was published") as raised:
        open_store(Settings.load({"root": str(root), "store_kind": "memory"}, environ={}))
    assert any(violation.blocking for violation in raised.value.violations)
    result = samverkan("--root", str(root), "--store-kind", "memory", "stats")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "`samverkan validate` lists them" in result.stderr


def test_memory_kind_needs_no_build(tmp_path: Path) -> None:
    root = copy_project(FIXTURE_PROJECT, tmp_path / "project")
    memory = open_store(Settings.load({"root": str(root), "store_kind": "memory"}, environ={}))
    settings = settings_for(root)
    build(settings)
    assert memory.graph_counts() == Store.open_read_only(settings.store).graph_counts()


# ---------------------------------------------------------------------------
# The command line and the web app on each kind
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["query", "5"], ["query", "--format", "json", "12"], ["stats"]])
def test_cli_on_the_endpoint_answers_as_on_disk(
    built: Settings, oxigraph_server: Engine, command: list[str]
) -> None:
    on_disk = samverkan("--root", str(built.root), *command)
    remote = samverkan("--store-kind", "endpoint", "--endpoint-query", oxigraph_server.query, *command)
    assert on_disk.returncode == 0 and on_disk.stdout
    assert (remote.returncode, remote.stderr) == (0, "")
    if command[0] == "stats":
        assert remote.stdout == on_disk.stdout
    else:
        assert sorted(remote.stdout.splitlines()) == sorted(on_disk.stdout.splitlines())


def test_cli_on_an_engine_that_is_down(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = samverkan("--store-kind", "endpoint", "--endpoint-query", url, "query", "5", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: Cannot reach the SPARQL engine at {url}: ")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_web_app_on_each_kind(store_settings: Settings, store: Store) -> None:
    client = create_app({"TESTING": True, "SAMVERKAN_SETTINGS": store_settings}).test_client()
    home = client.get("/")
    assert home.status_code == 200
    assert f"<strong>{store.triple_count()}</strong>" in home.text
    page = client.get("/id/org/huddinge-kommun?lang=en")
    assert page.status_code == 200 and "<h1>Huddinge Municipality</h1>" in page.text
