"""Things named in the address (``?org=``, ``?a=``, ``?area=`` ...), or a 400/404 page saying what was wrong.

The answer to a bad parameter is the app's own error page for its status
(see :mod:`webapp.errors`) with one more sentence naming the parameter and
the value, in the reader's language first and then the other; a client that
asks for JSON gets ``{"ok", "status", "title", "hint"}`` with that sentence
as the hint. The value is echoed escaped and cut short.
"""

from __future__ import annotations

from typing import NoReturn

import networkx as nx
import pyoxigraph as ox
from flask import abort, jsonify, make_response, render_template, request

from webapp.errors import KNOWN_STATUSES
from webapp.i18n import LANGUAGES, current_lang, translate

MAX_ECHO = 120
"""A value longer than this many characters is cut when the error message repeats it."""


def fail(status: int, key: str, **values: str) -> NoReturn:
    """Stop the request with ``status`` and the message ``key`` (an ``error_...`` key of the catalogue)."""
    shown = {name: _short(value) for name, value in values.items()}
    title_key = f"error_{status}" if status in KNOWN_STATUSES else "error_other"
    order = sorted(LANGUAGES, key=lambda lang: lang != current_lang())
    messages = [
        {"lang": lang, "title": translate(title_key, lang), "hint": translate(key, lang).format(**shown)}
        for lang in order
    ]
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        first = messages[0]
        response = make_response(jsonify(ok=False, status=status, title=first["title"], hint=first["hint"]))
    else:
        response = make_response(render_template("error.html", status=status, messages=messages))
    response.status_code = status
    abort(response)


def _short(value: str) -> str:
    return value if len(value) <= MAX_ECHO else value[: MAX_ECHO - 1] + "…"


NOT_FOUND = {"organization": "error_unknown_organization", "area": "error_unknown_area"}
WRONG_KIND = {"organization": "error_not_organization", "area": "error_not_area"}


def node_or_fail(network: nx.MultiDiGraph, param: str, value: str, kind: str) -> str:
    """``value`` if it is the IRI of a node of ``kind`` (``organization`` or ``area``) in ``network``.

    Otherwise the request ends: 400 for what is no IRI at all or a node of
    another kind, 404 for an IRI the network does not hold.
    """
    try:
        ox.NamedNode(value)
    except ValueError:
        fail(400, "error_bad_iri", param=param, value=value)
    if value not in network:
        fail(404, NOT_FOUND[kind], param=param, value=value)
    data = network.nodes[value]
    if data["kind"] != kind:
        fail(400, WRONG_KIND[kind], param=param, value=value, label=data["labels"][current_lang()])
    return value
