"""The query service: answers from worker processes, under a time limit that holds and a row limit that says so.

Every test runs real worker processes on a real built store. A "runaway"
query is a cartesian product of the whole graph with itself, three times:
some 2.7e10 rows to count, which the engine would take the best part of an
hour over.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURE_PROJECT, Engine, copy_project, settings_for
from rdflib import Graph

from graph.build import build
from graph.errors import (
    ProtocolError,
    QueryCrashed,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ServiceBusy,
    StoreNotFound,
    UpdateRefused,
)
from graph.media import Format, formats
from graph.runner import QueryService
from graph.settings import Settings
from graph.store import Store

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
LIMIT = 50


@contextmanager
def running(settings: Settings, **changes: object) -> Iterator[QueryService]:
    service = QueryService(replace(settings, **changes))  # type: ignore[arg-type]
    try:
        yield service
    finally:
        service.close()


@pytest.fixture(scope="module")
def service(built: Settings) -> Iterator[QueryService]:
    with running(built, result_limit=LIMIT, query_timeout=10) as started:
        yield started


def number(service: QueryService, sparql: str, **dataset: list[str]) -> int:
    """The one number a ``SELECT (... AS ?n)`` query answers."""
    answer = json.loads(service.run(sparql, **dataset).body)  # type: ignore[arg-type]
    return int(answer["results"]["bindings"][0]["n"]["value"])


def worker_pids() -> set[int]:
    return {process.pid for process in multiprocessing.active_children() if process.pid is not None}


def test_answers_are_the_store_s_answers(service: QueryService, store: Store) -> None:
    sparql = "SELECT DISTINCT ?o { ?o rdf:type/rdfs:subClassOf* org:Organization } ORDER BY ?o"
    expected = [row["o"].value for row in store.select(sparql)]
    answer = service.run(sparql)
    assert answer.media_type == "application/sparql-results+json" and not answer.truncated
    rows = json.loads(answer.body)["results"]["bindings"]
    assert [row["o"]["value"] for row in rows] == expected and expected


@pytest.mark.parametrize("fmt", formats("results"), ids=lambda fmt: fmt.name)
def test_select_in_each_results_format(service: QueryService, fmt: Format) -> None:
    media_type = fmt.media_type
    answer = service.run("SELECT ?s ?p ?o { ?s ?p ?o } LIMIT 7", media_type)
    assert answer.media_type == media_type
    if media_type == "text/csv":
        assert answer.body.count(b"\r\n") == 8
    else:
        solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.from_media_type(media_type))
        assert len(list(solutions)) == 7  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", formats("graph"), ids=lambda fmt: fmt.name)
def test_construct_in_each_graph_format(service: QueryService, fmt: Format) -> None:
    media_type = fmt.media_type
    answer = service.run("CONSTRUCT WHERE { ?s a sv:Municipality } LIMIT 5", media_type)
    assert answer.media_type == media_type and not answer.truncated
    assert len(Graph().parse(data=answer.body, format=media_type)) == 5


def test_without_a_media_type_the_default_for_the_form(service: QueryService) -> None:
    assert service.run("ASK { ?s ?p ?o }").body == b'{"head":{},"boolean":true}'
    assert service.run("DESCRIBE ?s { ?s a sv:Municipality } LIMIT 1").media_type == "text/turtle"


def test_rows_are_cut_at_the_limit_and_the_answer_says_so(service: QueryService) -> None:
    cut = service.run("SELECT * { ?s ?p ?o }")
    assert cut.truncated and len(json.loads(cut.body)["results"]["bindings"]) == LIMIT
    whole = service.run(f"SELECT * {{ ?s ?p ?o }} LIMIT {LIMIT}")
    assert not whole.truncated and len(json.loads(whole.body)["results"]["bindings"]) == LIMIT
    triples = service.run("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert triples.truncated and len(Graph().parse(data=triples.body, format="nt")) == LIMIT


def test_the_dataset_can_be_named(service: QueryService, store: Store) -> None:
    counts = store.graph_counts()
    graph, size = next(iter(counts.items()))
    assert number(service, COUNT, default_graphs=[graph]) == size
    assert number(service, COUNT) == sum(counts.values())  # the union of all named graphs
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    assert number(service, named) == len(counts)
    assert number(service, named, named_graphs=[graph]) == 1
    assert number(service, COUNT, named_graphs=[graph]) == 0  # named graphs only: the default graph is empty


def test_a_bad_graph_iri_is_the_client_s_error(service: QueryService) -> None:
    with pytest.raises(ProtocolError, match="default-graph-uri 'not an iri' is not an absolute IRI"):
        service.run(COUNT, default_graphs=["not an iri"])


def test_a_syntax_error_says_where(service: QueryService) -> None:
    with pytest.raises(QuerySyntaxError, match=r"line 2, column 9"):
        service.run("SELECT * {\n ?s ?p }")


@pytest.mark.parametrize(
    ("sparql", "error"),
    [
        ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", QueryRefused),
        ("DROP ALL", UpdateRefused),
        ("SELECT * " + "{" * 20_000 + "}" * 20_000, QueryRefused),  # measured: it kills the engine's process
    ],
)
def test_guarded_queries_never_reach_a_worker(service: QueryService, sparql: str, error: type[Exception]) -> None:
    before = worker_pids()
    with pytest.raises(error):
        service.run(sparql)
    assert number(service, COUNT) > 0 and worker_pids() >= before


def test_a_runaway_query_is_stopped_and_others_are_served_meanwhile(built: Settings) -> None:
    with running(built, query_timeout=1.5, query_workers=2) as service, ThreadPoolExecutor(2) as pool:
        runaway = pool.submit(service.run, RUNAWAY)
        assert number(service, COUNT) > 0
        assert not runaway.done(), "the other query was answered while the runaway ran"
        both = worker_pids()
        with pytest.raises(QueryTimeout, match=r"time limit of 1\.5 s"):
            runaway.result()
        after = worker_pids()
        assert len(both - after) == 1 and after < both, "its worker was killed"
        # Its place is free again: two queries at once get two workers, one of them new.
        answered = list(pool.map(lambda _: number(service, COUNT), range(2)))
        assert all(n > 0 for n in answered)


def test_a_request_waits_for_a_worker_up_to_the_time_limit(built: Settings) -> None:
    """One worker, a 2 s limit: A runs away; B waits and gets the replacement; C waits in vain."""
    with running(built, query_timeout=2, query_workers=1) as service, ThreadPoolExecutor(3) as pool:
        a = pool.submit(service.run, RUNAWAY)
        time.sleep(0.8)
        b = pool.submit(service.run, RUNAWAY)  # waits until 2.8 s; A's worker is replaced at about 2 s
        time.sleep(0.4)
        c = pool.submit(service.run, COUNT)  # waits until 3.2 s; B holds the worker until about 4 s
        assert outcome(a) == "QueryTimeout" and outcome(b) == "QueryTimeout"
        assert outcome(c) == "ServiceBusy"
        assert number(service, COUNT) > 0


def outcome(future: Future[object]) -> str:
    error = future.exception(timeout=20)
    return type(error).__name__ if error else "answered"


def test_a_worker_that_dies_is_replaced(built: Settings) -> None:
    with running(built, query_timeout=20, query_workers=1) as service, ThreadPoolExecutor(1) as pool:
        before = worker_pids()
        runaway = pool.submit(service.run, RUNAWAY)
        deadline = time.monotonic() + 10
        while not (worker_pids() - before) and time.monotonic() < deadline:
            time.sleep(0.05)
        (worker,) = worker_pids() - before
        time.sleep(0.2)
        os.kill(worker, signal.SIGKILL)
        with pytest.raises(QueryCrashed):
            runaway.result(timeout=10)
        assert number(service, COUNT) > 0


def test_close_stops_every_worker(built: Settings) -> None:
    before = worker_pids()
    with running(built) as service:
        number(service, COUNT)
        started = worker_pids() - before
        assert started
    assert not (worker_pids() & started)
    with pytest.raises(ServiceBusy, match="shutting down"):
        service.run(COUNT)


def test_workers_follow_a_rebuild(tmp_path: Path) -> None:
    settings = settings_for(copy_project(FIXTURE_PROJECT, tmp_path / "project"))
    build(settings)
    with running(settings) as service:
        before = number(service, COUNT)
        (settings.root / "data" / "more.ttl").write_text(
            '<https://w3id.org/samverkan/id/org/x> <http://www.w3.org/2000/01/rdf-schema#label> "X"@sv .\n',
            encoding="utf-8",
        )
        build(settings)
        assert number(service, COUNT) == before + 1


def test_without_a_store_the_client_is_told_to_build(tmp_path: Path) -> None:
    with running(settings_for(tmp_path)) as service, pytest.raises(StoreNotFound, match="samverkan build"):
        service.run(COUNT)


def test_an_external_engine_answers_without_workers(oxigraph_server: Engine, built: Settings) -> None:
    with running(built) as on_disk:
        expected = number(on_disk, COUNT)
    before = worker_pids()
    with running(oxigraph_server.settings(built.root), result_limit=LIMIT) as external:
        assert number(external, COUNT) == expected
        answer = external.run("SELECT * { ?s ?p ?o }", "text/csv")
        assert answer.truncated and answer.body.count(b"\r\n") == LIMIT + 1
        with pytest.raises(QueryRefused):
            external.run("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        assert worker_pids() == before
