"""Load the built graph into an external SPARQL engine, one named graph at a time.

What is published is the built store, which the build validated; the
sources are never read here, so data that fails its shapes cannot reach the
engine. Each named graph is sent whole as N-Triples with the Graph Store
Protocol (``PUT ?graph=<iri>``), which replaces whatever the engine held
under that name; graphs the engine holds under our graph base that the build
no longer has are deleted (``DELETE ?graph=<iri>``), and graphs outside our
base are left alone. The engine's query URL lists its graphs before, and
counts them after, so that a graph the engine took only in part is noticed.

Each graph is replaced atomically, the whole dataset is not: while this runs,
a reader may see some graphs new and some old. Blank nodes are sent graph by
graph, so one shared by two graphs would become two; the sources never share
one (every file's blank nodes are renamed when it is parsed).
"""

from __future__ import annotations

import io
import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

from graph.endpoint import SparqlEndpoint, check_url, failure, request
from graph.errors import EndpointError, SamverkanError
from graph.namespaces import Site
from graph.settings import Settings, setting
from graph.sources import ONTOLOGY_GRAPH
from graph.store import EndpointStore, Store

TIMEOUT = 600.0
"""Seconds one graph may take to load: generous, it only guards against an engine that hangs."""


@dataclass(frozen=True)
class Published:
    """What a publish did: the graphs it replaced (IRI -> triples) and the graphs it deleted."""

    replaced: dict[str, int]
    removed: list[str]


def publish(settings: Settings) -> Published:
    """Replace our named graphs in the engine ``settings`` name with those of the built store."""
    graph_store = _required(settings.endpoint_store, "endpoint_store", "Graph Store Protocol URL")
    query_url = _required(settings.endpoint_query, "endpoint_query", "query URL")
    check_url(graph_store, "Graph Store Protocol URL")
    built = Store.open_read_only(settings.store)
    engine = EndpointStore(SparqlEndpoint(query_url, timeout=TIMEOUT))
    held = _ours(engine.graph_counts(), settings.site)
    replaced = built.graph_counts()
    for graph in replaced:
        _put(graph_store, graph, _ntriples(built, graph))
    removed = sorted(held.keys() - replaced.keys())
    for graph in removed:
        _delete(graph_store, graph)
    now = _ours(engine.graph_counts(), settings.site)
    if now != replaced:
        differing = sorted(
            graph for graph in now.keys() | replaced.keys() if now.get(graph) != replaced.get(graph)
        )
        raise EndpointError(
            f"After publishing, the engine at {query_url} does not hold what was sent; it differs in "
            + ", ".join(
                f"{graph} ({now.get(graph, 0)} triples, sent {replaced.get(graph, 0)})" for graph in differing
            )
            + "."
        )
    return Published(replaced, removed)


def _required(value: str, name: str, what: str) -> str:
    if not value:
        declared = setting(name)
        raise SamverkanError(
            f"Publishing needs the engine's {what}: {declared.option} or {declared.env_var}."
        )
    return value


def _ours(counts: dict[str, int], site: Site) -> dict[str, int]:
    """The ontology's graph and those under our graph base: the only ones a publish may replace or delete."""
    return {
        graph: count
        for graph, count in counts.items()
        if graph.startswith(site.graph_base) or graph == ONTOLOGY_GRAPH
    }


def _ntriples(store: Store, graph: str) -> bytes:
    body = io.BytesIO()
    triples = store.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
    )
    ox.serialize(triples, body, format=ox.RdfFormat.N_TRIPLES)
    return body.getvalue()


def _graph_url(graph_store: str, graph: str) -> str:
    """The Graph Store Protocol address of ``graph`` (indirect identification, ``?graph=``)."""
    separator = "&" if urllib.parse.urlsplit(graph_store).query else "?"
    return f"{graph_store}{separator}graph={urllib.parse.quote(graph, safe='')}"


def _put(graph_store: str, graph: str, body: bytes) -> None:
    url = _graph_url(graph_store, graph)
    answer = request(
        "PUT", url, timeout=TIMEOUT, headers={"Content-Type": "application/n-triples"}, body=body
    )
    if answer.status not in (200, 201, 204):
        raise failure(answer, url)


def _delete(graph_store: str, graph: str) -> None:
    """Delete ``graph``; one already gone (404) is what was wanted."""
    url = _graph_url(graph_store, graph)
    answer = request("DELETE", url, timeout=TIMEOUT, headers={})
    if answer.status not in (200, 204, 404):
        raise failure(answer, url)
