"""The formats query answers are written in: a registry kept as data, negotiation, and writing.

A SELECT or ASK query answers with a table of results (SPARQL results in
JSON, XML, CSV or TSV); a CONSTRUCT or DESCRIBE query with a graph (Turtle,
N-Triples, JSON-LD, RDF/XML, N-Quads). Each format is found by the name a
browser gives in ``?format=``, by its media type, or by a looser alias that
clients send (``application/json``), and the client's ``Accept`` header is
read by werkzeug, never by hand. Whatever is asked, an answer has a format:
the kind's default when nothing offered fits.

Answers are cut at a row limit. Oxigraph's results serializers write a
whole result or nothing, so the rows kept are written by rdflib's SPARQL
results serializers (TSV, which rdflib lacks, by reading rdflib's JSON back
with Oxigraph), and graphs by :func:`pyoxigraph.serialize`, which takes any
list of triples. A cut answer says so in its headers (the caller's job) and,
in syntaxes with comments, in its first line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import islice
from typing import Literal

import pyoxigraph as ox
from rdflib import Variable
from rdflib.query import Result
from werkzeug.datastructures import MIMEAccept

from graph.errors import ProtocolError, QueryRefused
from graph.guard import QueryForm
from graph.namespaces import PREFIXES
from graph.store import QueryResult
from graph.terms import UnsupportedTerm, to_rdflib

Kind = Literal["results", "graph"]


@dataclass(frozen=True)
class Format:
    """One answer format; ``names[0]`` is what ``?format=`` calls it."""

    names: tuple[str, ...]
    media_type: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    rdflib_name: str | None = None
    """rdflib's name for its SPARQL results serializer of this format, if it has one."""
    comments: bool = False
    """Whether the syntax has ``#`` comments, so that a cut answer can say so in its body too."""

    @property
    def name(self) -> str:
        return self.names[0]


FORMATS: tuple[Format, ...] = (
    # The first format of each kind is its default.
    Format(("json",), "application/sparql-results+json", "results", ("application/json",), "json"),
    Format(("xml",), "application/sparql-results+xml", "results", ("application/xml",), "xml"),
    Format(("csv",), "text/csv", "results", (), "csv"),
    Format(("tsv",), "text/tab-separated-values", "results"),
    Format(("turtle", "ttl", "n3"), "text/turtle", "graph", ("application/x-turtle",), comments=True),
    Format(("ntriples", "nt"), "application/n-triples", "graph", ("text/plain",), comments=True),
    Format(("jsonld", "json-ld", "json"), "application/ld+json", "graph", ("application/json",)),
    Format(("rdfxml", "rdf+xml", "rdf", "xml"), "application/rdf+xml", "graph", ("application/xml",)),
    Format(("nquads", "nq"), "application/n-quads", "graph", comments=True),
    Format(("trig",), "application/trig", "graph", comments=True),
)


def kind_of(form: QueryForm | None) -> Kind:
    """What a query form answers with; a text of unknown form is treated as a SELECT."""
    return "graph" if form in ("CONSTRUCT", "DESCRIBE") else "results"


def formats(kind: Kind) -> list[Format]:
    return [fmt for fmt in FORMATS if fmt.kind == kind]


def negotiate(accept: MIMEAccept, form: QueryForm | None, requested: str | None = None) -> Format:
    """The format to answer a query of ``form`` in.

    ``requested`` (the ``?format=`` parameter) wins over ``accept``: a name
    or a media type, or several separated by commas, the first that fits
    chosen (SPARQLWrapper sends ``json-ld,application/ld+json``). Among what
    ``accept`` allows, werkzeug picks the highest quality, and the kind's
    default answers when nothing fits.
    """
    kind = kind_of(form)
    candidates = formats(kind)
    wanted = [name.strip().lower() for name in (requested or "").split(",") if name.strip()]
    if wanted:
        return _by_name(wanted, kind, form)
    offered = {media_type: fmt for fmt in candidates for media_type in (fmt.media_type, *fmt.aliases)}
    best = accept.best_match(list(offered))
    return offered[best] if best else candidates[0]


def by_media_type(media_type: str) -> Format:
    """The registered format whose own media type is ``media_type``."""
    for fmt in FORMATS:
        if fmt.media_type == media_type:
            return fmt
    raise ProtocolError(f"No answer format has the media type {media_type!r}.")


def for_result(result: QueryResult, media_type: str | None) -> Format:
    """The format to write ``result`` in: ``media_type`` if it fits what the query gave, else the default.

    The query form was read from the text before the query ran; should the
    engine disagree, the answer is still written, and its media type says how.
    """
    kind: Kind = "graph" if isinstance(result, ox.QueryTriples) else "results"
    if media_type is not None:
        fmt = by_media_type(media_type)
        if fmt.kind == kind:
            return fmt
    return formats(kind)[0]


def _by_name(wanted: list[str], kind: Kind, form: QueryForm | None) -> Format:
    for name in wanted:
        for fmt in formats(kind):
            if name in fmt.names or name == fmt.media_type or name in fmt.aliases:
                return fmt
    choices = ", ".join(fmt.name for fmt in formats(kind))
    asked = ", ".join(wanted)
    if any(name in fmt.names or name == fmt.media_type for fmt in FORMATS for name in wanted):
        gives = "a graph" if kind == "graph" else "a table of results"
        raise ProtocolError(f"A {form or 'SELECT'} query gives {gives}, which has no {asked} form: use {choices}.")
    raise ProtocolError(f"Unknown format {asked!r}: use {choices}.")


def error_format(accept: MIMEAccept) -> Literal["text", "json", "html"]:
    """How to word an error for this client: plain text unless it prefers JSON or HTML."""
    best = accept.best_match(["text/plain", "application/json", "application/sparql-results+json", "text/html"])
    if best == "text/html":
        return "html"
    return "json" if best in ("application/json", "application/sparql-results+json") else "text"


def prefers_html(accept: MIMEAccept) -> bool:
    """Whether the client is a browser (it ranks HTML above plain data), not a tool sending ``*/*``."""
    return accept.best_match(["text/plain", "text/html"]) == "text/html"


def write(result: QueryResult, fmt: Format, limit: int) -> tuple[bytes, bool, int | None]:
    """``result`` written in ``fmt``, at most ``limit`` rows or triples of it; whether it was cut; how many it holds.

    The count is ``None`` for an ASK answer, which has no rows.
    """
    if isinstance(result, ox.QueryBoolean):
        return _results_by_oxigraph(result, fmt), False, None
    if isinstance(result, ox.QuerySolutions):
        variables = [Variable(variable.value) for variable in result.variables]
        rows = list(islice(result, limit + 1))
        return _solutions(variables, rows[:limit], fmt), len(rows) > limit, len(rows[:limit])
    triples = list(islice(result, limit + 1))
    body = ox.serialize(triples[:limit], format=ox.RdfFormat.from_media_type(fmt.media_type), prefixes=PREFIXES)
    truncated = len(triples) > limit
    if truncated and fmt.comments:
        body = f"# Cut at the result limit: the first {limit:,} triples only.\n".encode() + body
    return body, truncated, len(triples[:limit])


def _solutions(variables: list[Variable], rows: list[ox.QuerySolution], fmt: Format) -> bytes:
    """SELECT rows written by rdflib; TSV, which rdflib cannot write, goes through Oxigraph's parser and writer."""
    result = Result("SELECT")
    result.vars = variables
    try:
        result.bindings = [
            {variable: to_rdflib(row[str(variable)]) for variable in variables if row[str(variable)] is not None}
            for row in rows
        ]
    except UnsupportedTerm:
        raise QueryRefused("The results hold an RDF 1.2 triple term, which this endpoint cannot write yet.") from None
    if fmt.rdflib_name is not None:
        return result.serialize(format=fmt.rdflib_name)
    as_json = result.serialize(format="json")
    return _results_by_oxigraph(ox.parse_query_results(as_json, format=ox.QueryResultsFormat.JSON), fmt)


def _results_by_oxigraph(result: ox.QuerySolutions | ox.QueryBoolean, fmt: Format) -> bytes:
    buffer = io.BytesIO()
    result.serialize(buffer, format=ox.QueryResultsFormat.from_media_type(fmt.media_type))
    return buffer.getvalue()
