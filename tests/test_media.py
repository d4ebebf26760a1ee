"""Answer formats: negotiation from Accept and ?format=, and writing answers cut at the row limit."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from graph.errors import ProtocolError, QueryRefused
from graph.guard import QueryForm
from graph.media import FORMATS, Format, error_format, for_result, formats, negotiate, prefers_html, write

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def accept(header: str) -> MIMEAccept:
    return parse_accept_header(header, MIMEAccept)


def chosen(header: str, form: QueryForm | None = "SELECT", requested: str | None = None) -> str:
    return negotiate(accept(header), form, requested).media_type


@pytest.mark.parametrize(
    ("header", "form", "media_type"),
    [
        ("text/csv;q=0.5, application/sparql-results+json", "SELECT", "application/sparql-results+json"),
        ("application/sparql-results+json;q=0.2, text/csv", "SELECT", "text/csv"),
        ("text/tab-separated-values, text/csv;q=0.9", "ASK", "text/tab-separated-values"),
        ("application/json", "SELECT", "application/sparql-results+json"),
        ("application/xml", "SELECT", "application/sparql-results+xml"),
        ("application/json", "CONSTRUCT", "application/ld+json"),
        ("application/xml", "DESCRIBE", "application/rdf+xml"),
        ("application/n-triples;q=0.4, text/turtle;q=0.3", "CONSTRUCT", "application/n-triples"),
        ("application/n-quads", "CONSTRUCT", "application/n-quads"),
        ("text/*", "SELECT", "text/csv"),
        # SPARQLWrapper's JSON request for a CONSTRUCT query, and a browser's Accept
        ("application/sparql-results+json,application/json,text/javascript", "CONSTRUCT", "application/ld+json"),
        (BROWSER, "SELECT", "application/sparql-results+xml"),
    ],
)
def test_accept_with_quality_values(header: str, form: QueryForm, media_type: str) -> None:
    assert chosen(header, form) == media_type


@pytest.mark.parametrize("header", ["", "*/*", "image/png", "text/html", "application/sparql-results+json;q=0"])
def test_nothing_that_fits_gets_the_default(header: str) -> None:
    assert chosen(header, "SELECT") == "application/sparql-results+json"
    assert chosen(header, "ASK") == "application/sparql-results+json"
    assert chosen(header, "CONSTRUCT") == "text/turtle"
    assert chosen(header, "DESCRIBE") == "text/turtle"


def test_unknown_form_is_answered_as_results() -> None:
    assert chosen("text/csv, text/turtle", None) == "text/csv"


@pytest.mark.parametrize(
    ("requested", "form", "media_type"),
    [
        ("csv", "SELECT", "text/csv"),
        ("TSV", "SELECT", "text/tab-separated-values"),
        ("text/csv", "ASK", "text/csv"),
        ("application/json", "SELECT", "application/sparql-results+json"),
        ("json", "CONSTRUCT", "application/ld+json"),
        ("xml", "CONSTRUCT", "application/rdf+xml"),
        ("ttl", "DESCRIBE", "text/turtle"),
        ("nt", "CONSTRUCT", "application/n-triples"),
    ],
)
def test_format_parameter_wins_over_accept(requested: str, form: QueryForm, media_type: str) -> None:
    assert chosen("application/sparql-results+xml, application/rdf+xml", form, requested) == media_type


def test_format_of_the_other_kind_is_an_error_naming_the_choices() -> None:
    with pytest.raises(ProtocolError, match="CONSTRUCT query gives a graph, which has no csv form: use turtle"):
        negotiate(accept(""), "CONSTRUCT", "csv")
    with pytest.raises(ProtocolError, match="SELECT query gives a table of results.*use json, xml, csv, tsv"):
        negotiate(accept(""), "SELECT", "turtle")


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ProtocolError, match="Unknown format .pdf."):
        negotiate(accept("*/*"), "SELECT", "pdf")


def test_every_format_is_reachable_by_name_and_media_type() -> None:
    for fmt in FORMATS:
        form: QueryForm = "CONSTRUCT" if fmt.kind == "graph" else "SELECT"
        assert negotiate(accept(""), form, fmt.name) == fmt
        assert negotiate(accept(fmt.media_type), form) == fmt


@pytest.mark.parametrize(
    ("header", "how"),
    [
        ("application/sparql-results+json", "json"),
        ("application/json, text/plain;q=0.5", "json"),
        (BROWSER, "html"),
        ("*/*", "text"),
        ("", "text"),
        ("application/sparql-results+xml", "text"),
        ("text/csv", "text"),
    ],
)
def test_errors_are_worded_for_the_client(header: str, how: str) -> None:
    assert error_format(accept(header)) == how


@pytest.mark.parametrize(("header", "html"), [(BROWSER, True), ("text/html", True), ("*/*", False), ("", False)])
def test_a_browser_is_told_from_a_tool(header: str, html: bool) -> None:
    assert prefers_html(accept(header)) is html


@pytest.fixture(scope="module")
def engine() -> ox.Store:
    """Twelve triples, one with a language tag, a line break and quotes, one with a blank node."""
    store = ox.Store()
    ex = "http://example.org/"
    for n in range(10):
        store.add(ox.Quad(ox.NamedNode(f"{ex}s{n}"), ox.NamedNode(f"{ex}n"), ox.Literal(str(n)), ox.NamedNode(ex)))
    store.add(ox.Quad(ox.NamedNode(f"{ex}s0"), ox.NamedNode(f"{ex}label"), ox.Literal('a "b"\nc', language="sv")))
    store.add(ox.Quad(ox.BlankNode("b"), ox.NamedNode(f"{ex}label"), ox.Literal("x")))
    return store


def parsed_rows(body: bytes, media_type: str) -> int:
    """Rows of a written SELECT answer, read back by a parser that is not the writer."""
    if media_type == "text/csv":
        return len(list(csv.reader(io.StringIO(body.decode("utf-8"))))) - 1
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    solutions = ox.parse_query_results(body, format=results_format)
    assert isinstance(solutions, ox.QuerySolutions)
    return len(list(solutions))


@pytest.mark.parametrize("fmt", formats("results"), ids=lambda fmt: fmt.name)
@pytest.mark.parametrize(("limit", "rows", "truncated"), [(5, 5, True), (12, 12, False), (100, 12, False)])
def test_select_answers_are_cut_at_the_limit(
    engine: ox.Store, fmt: Format, limit: int, rows: int, truncated: bool
) -> None:
    result = engine.query("SELECT ?s ?p ?o { ?s ?p ?o }", use_default_graph_as_union=True)
    body, cut, _ = write(result, fmt, limit)
    assert cut is truncated
    assert parsed_rows(body, fmt.media_type) == rows


def test_select_keeps_every_variable_and_term_kind(engine: ox.Store) -> None:
    result = engine.query("SELECT ?s ?o ?unbound { ?s <http://example.org/label> ?o }", use_default_graph_as_union=True)
    body, _, _ = write(result, formats("results")[0], 10)
    answer = json.loads(body)
    assert answer["head"]["vars"] == ["s", "o", "unbound"]
    bindings = sorted(answer["results"]["bindings"], key=lambda row: row["o"]["value"])
    assert bindings[0]["o"] == {"type": "literal", "value": 'a "b"\nc', "xml:lang": "sv"}
    assert bindings[1]["s"]["type"] == "bnode" and "unbound" not in bindings[1]


@pytest.mark.parametrize("fmt", formats("graph"), ids=lambda fmt: fmt.name)
def test_graph_answers_are_cut_at_the_limit(engine: ox.Store, fmt: Format) -> None:
    result = engine.query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    body, cut, _ = write(result, fmt, 7)
    assert cut
    graph = Graph().parse(data=body, format=fmt.media_type)
    assert len(graph) == 7
    if fmt.comments:
        assert body.startswith(b"# Cut at the result limit")


def test_ask_is_never_cut(engine: ox.Store) -> None:
    for fmt in formats("results"):
        body, cut, _ = write(engine.query("ASK { ?s ?p ?o }"), fmt, 0)
        assert not cut and b"true" in body


def test_triple_terms_in_results_are_refused_not_crashed(engine: ox.Store) -> None:
    result = engine.query("SELECT (TRIPLE(<http://e/a>, <http://e/b>, <http://e/c>) AS ?t) {}")
    with pytest.raises(QueryRefused, match="triple term"):
        write(result, formats("results")[0], 10)


def test_an_answer_takes_the_asked_format_only_if_it_fits(engine: ox.Store) -> None:
    triples = engine.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert for_result(triples, "application/n-triples").media_type == "application/n-triples"
    assert for_result(triples, "text/csv").media_type == "text/turtle"
    assert for_result(engine.query("ASK {}"), None).media_type == "application/sparql-results+json"
