"""The query page (``/query``) and the shipped example queries (``/queries``).

Every query here runs through the same query service as the public
``/sparql`` endpoint, with its guard, time limit and row limit, so these
pages can never do more than the endpoint does. They work without
JavaScript: the editor's form posts here and the answer is drawn on the
server; ``static/query.js`` runs the query in place against ``/sparql``
and draws the same markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for

from graph import media, queries
from graph.errors import SamverkanError, UnknownQuery, UnsupportedMediaType
from graph.guard import check_query
from graph.namespaces import PREFIXES, shorten
from webapp.i18n import current_lang
from webapp.resources import resource_url
from webapp import sparql
from webapp.sparql import PUBLIC_SERVER_ERRORS, TRUNCATED_HEADER, get_query_service
from webapp.logs import logged_query
from webapp.store import current_site

bp = Blueprint("query", __name__)

STARTER = """SELECT ?organization ?name WHERE {{
  ?organization a/rdfs:subClassOf* org:Organization ;
                rdfs:label ?name .
  FILTER(lang(?name) = "{lang}")
}}
ORDER BY ?name
LIMIT 25
"""
"""The editor's first query: short, and with an answer worth seeing."""

FORMAT_NAMES = {"ntriples": "N-Triples", "jsonld": "JSON-LD", "rdfxml": "RDF/XML", "nquads": "N-Quads"}
"""How people write the names of the formats in :data:`graph.media.FORMATS`, where upper case won't do."""

PROBLEMS = {400: "query_error_400", 403: "query_error_403", 413: "query_error_413", 503: "query_error_503"}
FORM = "application/x-www-form-urlencoded"
"""What the editor's form posts, as browsers send it; the only body the page reads."""
POSITION = re.compile(r"line (\d+), column (\d+)|at (\d+):(\d+)")
"""Where the engine's message puts the error, in either of the two ways it is worded."""


@dataclass(frozen=True)
class Cell:
    """One value of a result table as shown: text, a link (``external`` if it leaves the site), language."""

    text: str
    href: str | None = None
    iri: str | None = None
    external: bool = False
    lang: str | None = None
    datatype: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A query's answer ready for a page: a table, a yes or no, a graph as Turtle, or a problem."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: str | None = None
    truncated: bool = False
    problem: str | None = None
    """The message key saying what went wrong, in the page's language."""
    detail: str | None = None
    """The service's own words, naming the position in the query where it has one."""
    position: tuple[int, int] | None = None


def run(sparql: str) -> Outcome:
    """Run ``sparql`` as the endpoint would; a query the user got wrong becomes a problem to show."""
    try:
        with logged_query(sparql) as logged:
            logged.answer = answer = get_query_service().run(sparql)
    except SamverkanError as error:
        if error.http_status >= 500 and not isinstance(error, PUBLIC_SERVER_ERRORS):
            raise  # the server's set-up, not the query: the app's error page says what to do
        return Outcome(
            problem=PROBLEMS.get(error.http_status, "query_error_other"),
            detail=str(error),
            position=_position(str(error)),
        )
    if answer.media_type != "application/sparql-results+json":
        return Outcome(graph=answer.body.decode("utf-8"), truncated=answer.truncated)
    results: dict[str, Any] = json.loads(answer.body)
    if "boolean" in results:
        return Outcome(boolean=results["boolean"])
    columns: list[str] = results["head"]["vars"]
    rows = [[_cell(row.get(name)) for name in columns] for row in results["results"]["bindings"]]
    return Outcome(columns=columns, rows=rows, truncated=answer.truncated)


def _position(message: str) -> tuple[int, int] | None:
    match = POSITION.search(message)
    if match is None:
        return None
    line, column = (int(number) for number in match.groups() if number is not None)
    return line, column


def _cell(term: dict[str, str] | None) -> Cell | None:
    """A value of the SPARQL JSON results as the page shows it (``query.js`` does the same in the browser)."""
    if term is None:
        return None
    value = term["value"]
    if term["type"] == "uri":
        text = shorten(value).strip("<>")
        if (href := resource_url(value)) is not None:
            return Cell(text, href, value)
        if value.startswith(("http://", "https://")):
            return Cell(text, value, value, external=True)
        return Cell(text, iri=value)
    if term["type"] == "bnode":
        return Cell(f"_:{value}")
    datatype = shorten(term["datatype"]).strip("<>") if "datatype" in term else None
    return Cell(value, lang=term.get("xml:lang"), datatype=datatype)


def _query_dir() -> Path:
    """Where the example queries are: the package's own, unless the app is configured with a ``QUERY_DIR``."""
    return Path(current_app.config.get("QUERY_DIR", queries.QUERY_DIR))


def _shipped() -> list[queries.Query]:
    """The example queries, naming this deployment's IRIs."""
    return [query.for_site(current_site()) for query in queries.shipped(_query_dir())]


def _localized(query: queries.Query, lang: str) -> dict[str, str]:
    """A shipped query's name, title, description and text in ``lang`` (Swedish where it lacks one)."""
    return {
        "name": query.name,
        "number": str(query.number or ""),
        "title": query.titles.get(lang) or query.titles.get("sv") or query.name,
        "description": query.descriptions.get(lang) or query.descriptions.get("sv", ""),
        "sparql": query.sparql,
    }


@bp.route("/query", methods=["GET", "POST"])
def editor() -> str:
    """The editor; with ``query`` (in the address or the posted form) also its answer."""
    if request.method == "POST" and request.mimetype != FORM:
        # Any other body would be read as no query at all, and the editor shown as if nothing was sent.
        raise UnsupportedMediaType(
            f"A POST to /query must be a form ({FORM}), not {request.mimetype or 'a body without a Content-Type'}."
            " Send a SPARQL query body (application/sparql-query) to /sparql."
        )
    lang = current_lang()
    examples = [_localized(query, lang) for query in _shipped()]
    chosen = next((example for example in examples if example["name"] == request.args.get("example")), None)
    sparql = request.values.get("query") or (chosen["sparql"] if chosen else STARTER.format(lang=lang))
    return render_template(
        "query.html",
        sparql=sparql,
        examples=examples,
        examples_by_name={example["name"]: example for example in examples},
        chosen=chosen,
        outcome=run(sparql) if request.values.get("query") else None,
        sparql_endpoint=url_for("sparql.endpoint"),
        id_base=current_site().id_base,
        prefixes=PREFIXES,
    )


@bp.get("/queries")
def shipped_list() -> str:
    lang = current_lang()
    examples = [_localized(query, lang) for query in _shipped()]
    return render_template("queries.html", queries=examples)


def get_shipped_or_404(name: str) -> queries.Query:
    try:
        return queries.find(name, _query_dir()).for_site(current_site())
    except UnknownQuery:
        abort(404)


@bp.get("/queries/<name>")
def shipped_query(name: str) -> Response | str:
    """A shipped query with its live answer; ``?format=`` gives the answer itself in that format."""
    query = get_shipped_or_404(name)
    if name != query.name:  # a number (5, 05) names the query too, but the page has one address
        return redirect(url_for(".shipped_query", name=query.name, **request.args))
    form = check_query(query.sparql)
    requested = request.args.get("format")
    if requested is not None:
        try:
            fmt = media.negotiate(request.accept_mimetypes, form, requested)
            answer = get_query_service().run(query.sparql, fmt.media_type)
        except SamverkanError as error:
            return sparql.error_response(error)  # worded as /sparql words it, e.g. the formats that fit
        return Response(
            answer.body,
            mimetype=answer.media_type,
            headers={TRUNCATED_HEADER: "true" if answer.truncated else "false"},
        )
    formats = media.formats(media.kind_of(form))
    html = render_template(
        "query_detail.html",
        query=_localized(query, current_lang()),
        outcome=run(query.sparql),
        formats=[(fmt, FORMAT_NAMES.get(fmt.name, fmt.name.upper())) for fmt in formats],
    )
    alternates = ", ".join(
        f'<{url_for(".shipped_query", name=query.name, format=fmt.name)}>; rel="alternate"; '
        f'type="{fmt.media_type}"'
        for fmt in formats
    )
    return Response(html, headers={"Link": alternates})
