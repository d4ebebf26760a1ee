"""`samverkan publish` loads the built graph into an external engine, replacing what it held of ours.

Each test gets a fresh Oxigraph server and a fresh copy of the small
fixture project, built, so that a test may change the data and publish again.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    FIXTURE_PROJECT,
    Engine,
    StandIn,
    copy_project,
    free_port,
    oxigraph_engine,
    publish_to,
    samverkan,
    settings_for,
    stand_in,
)

from graph.build import build
from graph.namespaces import CANONICAL
from graph.settings import Settings
from graph.store import EndpointStore, Store

AGREEMENT_GRAPH = CANONICAL.graph_base + "agreement"
ORGANIZATIONS_GRAPH = CANONICAL.graph_base + "organizations"
ELSEWHERE = "http://example.org/graph/not-ours"
HUDDINGE = "<https://w3id.org/samverkan/id/org/huddinge-kommun>"


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    settings = settings_for(copy_project(FIXTURE_PROJECT, tmp_path / "project"))
    build(settings)
    return settings


@pytest.fixture
def engine() -> Iterator[Engine]:
    with oxigraph_engine() as running:
        yield running


def engine_store(engine: Engine) -> EndpointStore:
    return EndpointStore.connect(engine.query, timeout=10)


def labels(engine: Engine, iri: str) -> set[str]:
    rows = engine_store(engine).select(f"SELECT ?label {{ {iri} rdfs:label ?label }}")
    return {row["label"].value for row in rows}


def test_publish_loads_every_graph_and_says_so(project: Settings, engine: Engine) -> None:
    result = publish_to(engine, project)
    assert result.returncode == 0, result.stderr
    built = Store.open_read_only(project.store).graph_counts()
    assert engine_store(engine).graph_counts() == built
    triples = sum(built.values())
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Published {len(built)} named graphs ({triples} triples) from {project.store} to {engine.store}:"
    )
    assert lines[1:-1] == [f"  replaced  {graph}  ({count} triples)" for graph, count in built.items()]
    assert lines[-1] == "The engine's default graph is the union of its named graphs, as the app needs."


def test_publish_again_replaces_changed_graphs_and_removes_stale_ones(
    project: Settings, engine: Engine
) -> None:
    assert publish_to(engine, project).returncode == 0
    put = urllib.request.Request(
        f"{engine.store}?graph={ELSEWHERE}",
        data=b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
        headers={"Content-Type": "application/n-triples"},
        method="PUT",
    )
    urllib.request.urlopen(put, timeout=10).close()
    organizations = project.root / "data" / "organizations.ttl"
    organizations.write_text(
        organizations.read_text(encoding="utf-8").replace('"Huddinge kommun"@sv', '"Huddinge"@sv'),
        encoding="utf-8",
    )
    (project.root / "data" / "agreement.ttl").unlink()
    build(project)

    result = publish_to(engine, project)
    assert result.returncode == 0, result.stderr
    assert f"  removed   {AGREEMENT_GRAPH}\n" in result.stdout
    assert labels(engine, HUDDINGE) == {"Huddinge", "Huddinge Municipality"}
    counts = engine_store(engine).graph_counts()
    assert AGREEMENT_GRAPH not in counts
    assert counts == Store.open_read_only(project.store).graph_counts() | {
        ELSEWHERE: 1
    }  # not ours: left alone


def test_publish_reads_the_build_never_the_sources(project: Settings, engine: Engine) -> None:
    (project.root / "data" / "unchecked.ttl").write_text(
        f'{HUDDINGE} <http://www.w3.org/2000/01/rdf-schema#label> "Not built"@sv .\n', encoding="utf-8"
    )
    assert publish_to(engine, project).returncode == 0
    assert CANONICAL.graph_base + "unchecked" not in engine_store(engine).graph_counts()
    assert "Not built" not in labels(engine, HUDDINGE)


def test_publish_without_a_build_says_to_build(tmp_path: Path, engine: Engine) -> None:
    result = publish_to(engine, settings_for(copy_project(FIXTURE_PROJECT, tmp_path / "project")))
    assert result.returncode == 2
    assert result.stderr == f"Error: No store at {tmp_path}/project/var/store: run `samverkan build` first.\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--endpoint-query", "http://127.0.0.1:9/query"],
            "Graph Store Protocol URL: --endpoint-store or SAMVERKAN_ENDPOINT_STORE.",
        ),
        (
            ["--endpoint-store", "http://127.0.0.1:9/store"],
            "query URL: --endpoint-query or SAMVERKAN_ENDPOINT_QUERY.",
        ),
        (
            ["--endpoint-store", "/srv/store", "--endpoint-query", "http://127.0.0.1:9/query"],
            "must be an http://",
        ),
    ],
    ids=["no store URL", "no query URL", "not a URL"],
)
def test_publish_needs_the_engine_urls(project: Settings, options: list[str], message: str) -> None:
    result = samverkan("--root", str(project.root), *options, "publish")
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""


def test_publish_to_an_engine_that_is_down(project: Settings) -> None:
    down = Engine(f"http://127.0.0.1:{free_port()}")
    result = publish_to(down, project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: Cannot reach the SPARQL engine at {down.query}: ")
    assert "Traceback" not in result.stderr


def test_publish_warns_of_an_engine_without_the_union_default_graph(project: Settings) -> None:
    with oxigraph_engine(union_default_graph=False) as engine:
        result = publish_to(engine, project)
    assert result.returncode == 2
    assert (
        f"  replaced  {ORGANIZATIONS_GRAPH}" in result.stdout
    )  # the data went in; the set-up is what is wrong
    assert (
        "is not the union of its named graphs. Start Oxigraph server with `--union-default-graph`"
        in result.stderr
    )


def test_publish_notices_an_engine_that_did_not_keep_what_it_was_sent(project: Settings) -> None:
    no_graphs = b'{"head": {"vars": ["g", "n"]}, "results": {"bindings": []}}'
    forgetful = StandIn(200, "application/sparql-results+json", no_graphs)
    with stand_in(forgetful) as url:
        result = samverkan("--root", str(project.root), "--endpoint-store", url, "--endpoint-query", url, "publish")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: After publishing, the engine at {url} does not hold what was sent")
    built = Store.open_read_only(project.store).graph_counts()
    assert f"{ORGANIZATIONS_GRAPH} (0 triples, sent {built[ORGANIZATIONS_GRAPH]})" in result.stderr
    puts = [request for request in forgetful.received if request.startswith("PUT ")]
    assert len(puts) == len(built)
