"""Queries that would reach the network are refused before the engine sees them."""

from __future__ import annotations

import pytest

from graph.errors import QueryRefused
from graph.guard import refuse_service
from graph.store import Store


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o .service silent <http://example.org/> { } }",
        "SELECT * { ?s ?p ?o } # harmless\nSELECT * { SERVICE ?endpoint { } }",
    ],
)
def test_service_is_refused_with_its_position(sparql: str) -> None:
    with pytest.raises(QueryRefused, match=r"SERVICE is not allowed \(line \d+, column \d+\)"):
        refuse_service(sparql)


def test_position_is_line_and_column() -> None:
    with pytest.raises(QueryRefused, match=r"line 2, column 3\)"):
        refuse_service("SELECT * {\n  SERVICE <http://example.org/> { } }")


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT ?service { ?service rdfs:label "SERVICE <http://x> {}" } # SERVICE',
        "PREFIX service: <https://example.org/service#> SELECT * { service:a ex:SERVICE <urn:service> }",
        "SELECT * { _:service ?p '''multi\nSERVICE''' }",
    ],
)
def test_the_word_elsewhere_is_fine(sparql: str) -> None:
    refuse_service(sparql)


def test_the_store_refuses_before_running() -> None:
    with pytest.raises(QueryRefused):
        Store.in_memory().query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
