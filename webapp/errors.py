"""Friendly error pages, in HTML or JSON as the client asked.

Every error ends here: HTTP errors (404, 405 ...), the project's own errors
(each carries its HTTP status, e.g. 503 when no store is built) and, through
Flask's 500 handling, unexpected exceptions, which Flask has already logged.
The answer never shows a traceback or an exception's text, with one
exception: a project error about the request itself (status below 500: a
malformed parameter, a body too large) says what was wrong in its own
words, below the general explanation, since the client can act on it; a
fault of the server's set-up may name paths, so it gets the general words
only. A 405 keeps its ``Allow`` header and names the methods the address takes.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graph.errors import SamverkanError
from webapp.i18n import LANGUAGES, current_lang, translate

KNOWN_STATUSES = (404, 405, 413, 414, 415, 429, 500, 503)

ErrorAnswer = tuple[Response | str, int] | tuple[Response | str, int, dict[str, str]]


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(SamverkanError, project_error)


def http_error(error: HTTPException) -> ErrorAnswer:
    """An HTTP error, with the headers it carries that the client needs (``Allow`` on a 405)."""
    status = error.code or 500
    allow = dict(error.get_headers()).get("Allow")
    if status == 405 and allow:
        body, code = error_response(status, allowed=allow)
        return body, code, {"Allow": allow}
    return error_response(status)


def project_error(error: SamverkanError) -> ErrorAnswer:
    """One of the project's errors: its status, and its own message when it is about the request."""
    detail = str(error) if error.http_status < 500 else None
    return error_response(error.http_status, detail=detail)


def error_response(status: int, *, detail: str | None = None, allowed: str | None = None) -> tuple[Response | str, int]:
    """The error page for ``status``; JSON ``{"ok", "status", "title", "hint"}`` if the client prefers it.

    ``detail`` (the request's own problem, in English) is added as ``message``
    in JSON and below the explanation on the page; ``allowed`` (the methods of
    a 405) is named in the explanation.
    """
    key = f"error_{status}" if status in KNOWN_STATUSES else "error_other"

    def hint(lang: str) -> str:
        text = translate(f"{key}_hint", lang)
        return text.format(allowed=allowed or "GET") if status == 405 else text

    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        lang = current_lang()
        body = {"ok": False, "status": status, "title": translate(key, lang), "hint": hint(lang)}
        if detail:
            body["message"] = detail
        return jsonify(body), status
    messages = [
        {
            "lang": lang,
            "title": translate(key, lang),
            "hint": hint(lang),
            "detail": translate("error_detail", lang).format(detail=detail) if detail else None,
        }
        for lang in sorted(LANGUAGES, key=lambda lang: lang != current_lang())
    ]
    return render_template("error.html", status=status, messages=messages), status
