"""Query results in every format the command line offers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph.errors import SamverkanError
from graph.results import render
from graph.store import Store

VALUES = (
    "SELECT ?thing ?name"
    ' { VALUES (?thing ?name) { (sv:Agreement "avtal, ett") (<https://example.org/x> UNDEF) } }'
)


@pytest.fixture(scope="module")
def memory() -> Store:
    return Store.in_memory()


def test_table_is_aligned_with_prefixed_names(memory: Store) -> None:
    assert render(memory.query(VALUES)).decode() == (
        "thing                    name\n"
        "-----------------------  ----------\n"
        "sv:Agreement             avtal, ett\n"
        "<https://example.org/x>\n"
    )


def test_csv_and_tsv_are_the_sparql_standard_ones(memory: Store) -> None:
    rows = list(csv.reader(io.StringIO(render(memory.query(VALUES), "csv").decode())))
    assert rows == [
        ["thing", "name"],
        ["https://w3id.org/samverkan/ns#Agreement", "avtal, ett"],
        ["https://example.org/x", ""],
    ]
    tsv = render(memory.query(VALUES), "tsv").decode().splitlines()
    assert tsv[0] == "?thing\t?name"


def test_json_is_sparql_results_json(memory: Store) -> None:
    document = json.loads(render(memory.query(VALUES), "json"))
    assert document["head"]["vars"] == ["thing", "name"]
    assert document["results"]["bindings"][0]["name"] == {"type": "literal", "value": "avtal, ett"}


def test_ask(memory: Store) -> None:
    assert render(memory.query("ASK { }")) == b"true\n"
    assert json.loads(render(memory.query("ASK { ?s ?p ?o }"), "json"))["boolean"] is False


def test_construct_is_turtle_or_json_ld(memory: Store) -> None:
    query = "CONSTRUCT { sv:a rdfs:label 'a' } WHERE { }"
    assert 'sv:a rdfs:label "a" .' in render(memory.query(query)).decode()
    assert json.loads(render(memory.query(query), "json"))
    with pytest.raises(SamverkanError, match="no csv form"):
        render(memory.query(query), "csv")
