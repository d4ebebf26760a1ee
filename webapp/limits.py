"""Request limits: the size of a body and of an address, well-formed parameters, and a rate for queries.

Each refusal is an error with its status (413, 414, 400, 429) that the
app's handlers word as the client asked, never a 500: on ``/sparql`` in the
endpoint's own format (:func:`webapp.sparql.error_response`), elsewhere as
the error page or its JSON (:mod:`webapp.errors`).

- A body may have at most :data:`MAX_BODY_BYTES`, the endpoint's limit
  (every form of the app carries a query); Flask's ``MAX_CONTENT_LENGTH``
  holds it for bodies sent without a length.
- An address (path and query string) may have at most :data:`MAX_URL_BYTES`;
  longer queries are sent by POST.
- Parameters, in the query string or an URL-encoded form, must be
  well-formed percent-encoding of UTF-8 without NUL characters, which
  werkzeug would otherwise pass on silently changed (bad bytes replaced) or
  as they are (NUL), to fail somewhere further in.
- Queries, through ``/sparql`` or the query page, are limited per client
  address by flask-limiter, in memory (one process serves, with threads):
  the ``sparql_rate`` setting, ``off`` for none; ``sparql_rate_exempt``
  names the addresses it leaves alone (loopback by default, so that local
  use and the tests are not limited; behind a reverse proxy, set
  ``trusted_proxy`` so that clients are told apart).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from ipaddress import IPv4Network, IPv6Network, ip_address
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, current_app, make_response, request
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address

from graph.errors import SamverkanError
from graph.settings import Settings
from webapp import errors, sparql

MAX_BODY_BYTES = sparql.MAX_BODY_BYTES
MAX_URL_BYTES = 32_768
"""Bytes of path and query string; a query of some 10,000 characters still fits, percent-encoded."""

EXTENSION = "samverkan_limiter"
QUERY_PAGE = "query.editor"
"""The query page's endpoint, which runs the query it is given as the endpoint does."""

_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class BodyTooLarge(SamverkanError):
    http_status = 413


class AddressTooLong(SamverkanError):
    http_status = 414


class MalformedParameter(SamverkanError):
    """A parameter that is not well-formed percent-encoded UTF-8, or that holds a NUL character."""


class RateLimited(SamverkanError):
    http_status = 429


def init_app(app: Flask) -> None:
    """Check every request's size and parameters first, then count the queries it runs."""
    app.config.setdefault("MAX_CONTENT_LENGTH", MAX_BODY_BYTES)
    app.before_request(check_request)
    settings: Settings = app.config["SAMVERKAN_SETTINGS"]
    if settings.sparql_rate is None:
        return
    limiter = Limiter(
        get_remote_address,
        application_limits=[
            ApplicationLimit(
                settings.sparql_rate, scope="queries", exempt_when=_not_counted(settings.sparql_rate_exempt)
            )
        ],
        storage_uri="memory://",
        strategy="moving-window",
        headers_enabled=False,  # Retry-After goes on the 429 alone; flask-limiter would put it on every answer
    )
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_queries)


def check_request() -> None:
    """Refuse a body or an address over its limit, and parameters that are not clean text."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise BodyTooLarge(
            f"The request body has {request.content_length:,} bytes; at most {MAX_BODY_BYTES:,} are accepted."
        )
    environ = request.environ
    length = sum(len(environ.get(key, "")) for key in ("SCRIPT_NAME", "PATH_INFO", "QUERY_STRING"))
    if length > MAX_URL_BYTES:
        raise AddressTooLong(
            f"The address has {length:,} bytes; at most {MAX_URL_BYTES:,} are accepted."
            " Send a long SPARQL query by POST, as a form or as application/sparql-query."
        )
    check_parameters(environ.get("QUERY_STRING", ""), "The query string")
    if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
        form = request.get_data(cache=True)  # cached: the form is parsed from it later
        check_parameters(form.decode("latin-1"), "The form")


def check_parameters(encoded: str, where: str) -> None:
    """Each ``name=value`` of ``encoded`` (Latin-1 for its bytes) is percent-encoded UTF-8 without NUL."""
    for pair in encoded.split("&"):
        said = f"{where}, parameter {_shown(pair.split('=', 1)[0])}"
        for part, text in zip(("name", "value"), pair.split("=", 1), strict=False):
            bad = _BAD_PERCENT.search(text)
            if bad is not None:
                shown = text[bad.start() : bad.start() + 3]
                raise MalformedParameter(f"{said}: a % that is not followed by two hexadecimal digits ({shown!r}).")
            try:
                decoded = unquote_to_bytes(text.replace("+", " ").encode("latin-1")).decode("utf-8")
            except UnicodeDecodeError as error:
                raise MalformedParameter(f"{said}: its {part} is not UTF-8 (byte {error.start + 1}).") from None
            if "\0" in decoded:
                raise MalformedParameter(f"{said}: a NUL character (%00), which no parameter may hold.")


def _shown(name: str) -> str:
    """A parameter's name as a message quotes it, decoded where it can be, and kept short."""
    text = unquote_to_bytes(name.replace("+", " ").encode("latin-1")).decode("utf-8", "replace")
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _not_counted(exempt: tuple[IPv4Network | IPv6Network, ...]) -> Callable[[], bool]:
    """Whether the current request is outside the query limit: it runs no query, or comes from an exempt address."""

    def not_counted() -> bool:
        runs_query = (request.blueprint == sparql.bp.name and request.method != "OPTIONS") or (
            request.endpoint == QUERY_PAGE and bool(request.values.get("query"))
        )
        return not runs_query or _among(request.remote_addr, exempt)

    return not_counted


def _among(address: str | None, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        client = ip_address(address or "")
    except ValueError:
        return False
    return any(client in network for network in networks)


def too_many_queries(error: RateLimitExceeded) -> Response:
    """429, saying the limit and when to come back, with that in ``Retry-After``."""
    limiter: Limiter = current_app.extensions[EXTENSION]
    current = limiter.current_limit
    wait = max(1, int(current.reset_at - time.time())) if current is not None else 60
    refusal = RateLimited(
        f"Too many queries from your address: at most {error.description}. Try again in {wait} s."
    )
    if request.blueprint == sparql.bp.name:
        response = make_response(sparql.error_response(refusal))
    else:
        response = make_response(errors.project_error(refusal))
    response.headers["Retry-After"] = str(wait)
    return response
