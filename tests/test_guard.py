"""Queries the engine must not see are refused before it does: SERVICE, updates, too long, too deep."""

from __future__ import annotations

import pytest

from graph.errors import QueryRefused, QueryTooLarge, UpdateRefused
from graph.guard import MAX_NESTING, MAX_QUERY_LENGTH, check_query, refuse_service
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
        "PREFIX svc: <https://example.org/service#> SELECT * { svc:service ex:service_x <urn:service> }",
        "SELECT * { _:service ?p '''multi\nSERVICE''' }",
    ],
)
def test_the_word_elsewhere_is_fine(sparql: str) -> None:
    refuse_service(sparql)


def test_the_store_refuses_before_running() -> None:
    with pytest.raises(QueryRefused):
        Store.in_memory().query("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


@pytest.mark.parametrize(
    ("sparql", "form"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("# a comment naming CONSTRUCT\nPREFIX ex: <http://example.org/>\nBASE <http://b/>\nask { ?s ex:p ?o }", "ASK"),
        ("PREFIX select: <http://example.org/> CONSTRUCT WHERE { ?s select:p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
        ("hello world", None),
        ("", None),
    ],
)
def test_the_query_form_is_read_past_the_prologue(sparql: str, form: str | None) -> None:
    assert check_query(sparql) == form


@pytest.mark.parametrize(
    ("sparql", "word"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("PREFIX ex: <http://example.org/>\ndelete where { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <http://example.org/g>", "DROP"),
        ("CREATE GRAPH <http://example.org/g>", "CREATE"),
        ("ADD DEFAULT TO <http://example.org/g>", "ADD"),
        ("MOVE <http://example.org/a> TO <http://example.org/b>", "MOVE"),
        ("COPY DEFAULT TO <http://example.org/g>", "COPY"),
        ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
        ("SELECT * { ?s ?p ?o } ;\nINSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
    ],
)
def test_updates_are_refused_by_their_keyword(sparql: str, word: str) -> None:
    with pytest.raises(UpdateRefused, match=rf"read-only: {word} \(line \d+, column \d+\)"):
        check_query(sparql)


def test_update_words_elsewhere_are_fine() -> None:
    sparql = (
        "PREFIX insert: <http://example.org/>\n"
        'SELECT ?delete ?load { ?delete insert:drop ?load ; <urn:clear> "CLEAR ALL"@en . _:copy ?p 1.5e3 }'
    )
    assert check_query(sparql) == "SELECT"


def test_length_is_bounded() -> None:
    padding = " " * (MAX_QUERY_LENGTH - len("ASK {}"))
    assert check_query("ASK {}" + padding) == "ASK"
    with pytest.raises(QueryTooLarge, match="100,001 characters; at most 100,000"):
        check_query("ASK {}" + padding + " ")


def test_nesting_is_bounded_with_its_position() -> None:
    def nested(depth: int) -> str:
        return "SELECT * {" + "{" * (depth - 1) + "}" * depth

    assert check_query(nested(MAX_NESTING)) == "SELECT"
    where = rf"\(line 1, column {len('SELECT * {') + MAX_NESTING}\)"
    with pytest.raises(QueryRefused, match=rf"nest more than {MAX_NESTING} deep {where}"):
        check_query(nested(MAX_NESTING + 1))
    with pytest.raises(QueryRefused, match="nest more than"):
        check_query("ASK { FILTER(" + "(" * 20_000 + "1" + ")" * 20_001 + " }")
    assert check_query("ASK { " + "{ } " * 20_000 + "}") == "ASK"  # many brackets, none deep


def test_brackets_in_strings_and_iris_do_not_count() -> None:
    deep = "{[(" * MAX_NESTING
    iri = "(" * (MAX_NESTING + 1)  # IRIs may hold parentheses and brackets, not braces
    assert check_query(f'SELECT * {{ ?s ?p "{deep}" . ?s ?p <urn:{iri}> }} # {deep}') == "SELECT"

