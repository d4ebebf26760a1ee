"""The public SPARQL 1.1 Protocol endpoint, ``/sparql``: read-only, bounded, open to pages on other sites.

A query comes as ``GET ?query=``, as a form ``POST`` or as a ``POST`` of
``application/sparql-query``, with ``default-graph-uri`` and
``named-graph-uri`` naming its dataset, as the W3C recommendation says. The
answer's format is negotiated from ``Accept``, or named by ``?format=``
(:mod:`graph.media`); the app's :class:`~graph.runner.QueryService` runs the
query under the time and row limits. A browser asking for HTML is sent to
the query page instead.

Whatever goes wrong is a :class:`~graph.errors.SamverkanError`, answered by
one handler in the form the client reads: JSON, plain text or the HTML
error page. Its message is the client's to read when it is about the request
or the endpoint's limits; a fault of the server's set-up (no store, an
engine unreachable) gets the generic message instead, so that no path or
internal address leaks.
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urlencode

from flask import Blueprint, Flask, Response, current_app, jsonify, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from graph.errors import (
    ProtocolError,
    QueryCrashed,
    QueryTimeout,
    QueryTooLarge,
    SamverkanError,
    ServiceBusy,
    UnsupportedMediaType,
    UpdateRefused,
)
from graph.guard import check_query
from graph.media import error_format, negotiate, prefers_html
from graph.runner import QueryService
from webapp.errors import KNOWN_STATUSES
from webapp.i18n import LANGUAGES, current_lang, translate
from webapp.logs import logged_query

bp = Blueprint("sparql", __name__)

EXTENSION = "samverkan_query_service"
QUERY_PAGE = "/query"
MAX_BODY_BYTES = 500_000
"""Werkzeug's limit for form data, applied to every body, so that a long body is refused before it is read."""

LIMIT_HEADER = "Samverkan-Result-Limit"
TRUNCATED_HEADER = "Samverkan-Truncated"
"""Response headers: the most rows an answer holds, and ``true`` when this answer was cut there."""
READ_ONLY = "This endpoint is read-only: it answers SPARQL queries, never updates."
NO_QUERY = (
    "No query was given. Send a SPARQL query as the query parameter (GET /sparql?query=...),"
    " as the query field of a form POST, or as the body of a POST with Content-Type"
    " application/sparql-query."
)
PUBLIC_SERVER_ERRORS = (QueryTimeout, ServiceBusy, QueryCrashed)
"""Errors with a 5xx status whose message is still the client's to read: they tell the endpoint's limits."""


@dataclass(frozen=True)
class ProtocolRequest:
    """What a SPARQL Protocol request asks, read from whichever way it was sent."""

    query: str | None
    default_graphs: list[str]
    named_graphs: list[str]
    format: str | None


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> ResponseReturnValue:
    asked = read_request()
    if request.method == "GET" and asked.format is None and prefers_html(request.accept_mimetypes):
        return redirect(_query_page(asked.query), 303)
    if asked.query is None:
        raise ProtocolError(NO_QUERY)
    with logged_query(asked.query) as logged:
        fmt = negotiate(request.accept_mimetypes, check_query(asked.query), asked.format)
        logged.answer = answer = get_query_service().run(
            asked.query,
            fmt.media_type,
            default_graphs=asked.default_graphs or None,
            named_graphs=asked.named_graphs or None,
        )
    response = Response(answer.body, mimetype=answer.media_type)
    response.headers[LIMIT_HEADER] = str(get_query_service().settings.result_limit)
    response.headers[TRUNCATED_HEADER] = "true" if answer.truncated else "false"
    return response


def read_request() -> ProtocolRequest:
    """The request's query and parameters, or the protocol error it makes."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise QueryTooLarge(f"The request body is over {MAX_BODY_BYTES:,} bytes.")
    _check_utf8(unquote_to_bytes(request.query_string), "The query string")
    params: MultiDict[str, str] = request.args
    queries = params.getlist("query")
    if request.method == "POST":
        if request.mimetype == "application/sparql-update":
            raise UpdateRefused(READ_ONLY)
        if request.mimetype == "application/sparql-query":
            if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
                raise UnsupportedMediaType("A query body must be UTF-8.")
            queries = [*queries, _check_utf8(request.get_data(), "The request body")]
        elif request.mimetype == "application/x-www-form-urlencoded":
            _check_utf8(unquote_to_bytes(request.get_data(cache=True)), "The form")  # cached: parsed next
            params = request.values
            queries = params.getlist("query")
        else:
            raise UnsupportedMediaType(
                f"A POST to /sparql must be application/x-www-form-urlencoded or application/sparql-query,"
                f" not {request.mimetype or 'without a Content-Type'}."
            )
    if "update" in params:
        if queries:
            raise ProtocolError("A request may hold a query or an update, not both.")
        raise UpdateRefused(READ_ONLY)
    if len(queries) > 1:
        raise ProtocolError(f"The query is given {len(queries)} times; give it once.")
    query = queries[0] if queries and queries[0].strip() else None
    # Clients repeat format= (SPARQLWrapper sends a name and media types): negotiate takes the first that fits.
    requested = ",".join(params.getlist("format")) or None
    return ProtocolRequest(query, params.getlist("default-graph-uri"), params.getlist("named-graph-uri"), requested)


def _check_utf8(data: bytes, what: str) -> str:
    """``data`` decoded; werkzeug would quietly replace bytes that are not UTF-8, changing the query."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(f"{what} is not UTF-8 (byte {error.start + 1}).") from None


def _query_page(query: str | None) -> str:
    """The query page, carrying the query and the reader's language."""
    args = {key: value for key, value in (("query", query), ("lang", request.args.get("lang"))) if value}
    return request.script_root + QUERY_PAGE + (f"?{urlencode(args)}" if args else "")


@bp.errorhandler(SamverkanError)
def error_response(error: SamverkanError) -> ResponseReturnValue:
    """The one answer to anything that goes wrong at /sparql, worded as the client reads."""
    status = error.http_status
    how = error_format(request.accept_mimetypes)
    if how == "html":
        messages = [
            {
                "lang": lang,
                "title": translate("error_sparql", lang),
                "hint": translate("error_sparql_hint", lang).format(message=_explain(error, lang)),
            }
            for lang in sorted(LANGUAGES, key=lambda lang: lang != current_lang())
        ]
        return render_template("error.html", status=status, messages=messages), status
    if how == "json":
        return jsonify(ok=False, status=status, error=_explain(error, "en")), status
    return Response(_explain(error, "en") + "\n", status, mimetype="text/plain")


def _explain(error: SamverkanError, lang: str) -> str:
    """The error's own message when it is about the request or the endpoint's limits (those are in English).

    A fault of the server's set-up gets the generic words for its status
    instead, as on every other page, since its message may name a path or an
    internal address.
    """
    if error.http_status < 500 or isinstance(error, PUBLIC_SERVER_ERRORS):
        return str(error)
    key = f"error_{error.http_status}" if error.http_status in KNOWN_STATUSES else "error_other"
    return f"{translate(key, lang)} {translate(f'{key}_hint', lang)}"


@bp.after_request
def allow_other_origins(response: Response) -> Response:
    """Let pages on any site query the endpoint and read its limit headers (CORS, preflight included).

    A few headers, not flask-cors: the endpoint is public and read-only and
    takes no cookies or credentials, so any origin may read it and nothing
    needs configuring.
    """
    response.vary.add("Accept")  # answers and errors alike are worded as Accept asks
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = f"{LIMIT_HEADER}, {TRUNCATED_HEADER}, Retry-After"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    """Start the app's query service (its workers start on first use) and register the endpoint."""
    service = QueryService(app.config["SAMVERKAN_SETTINGS"])
    app.extensions[EXTENSION] = service
    atexit.register(service.close)
    app.register_blueprint(bp)


def get_query_service() -> QueryService:
    """The query service of the current app."""
    service: QueryService = current_app.extensions[EXTENSION]
    return service
