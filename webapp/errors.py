"""Friendly error pages, in HTML or JSON as the client asked.

Every error ends here: HTTP errors (404, ...), the project's own errors
(each carries its HTTP status, e.g. 503 when no store is built) and, through
Flask's 500 handling, unexpected exceptions, which Flask has already logged.
The answer never shows a traceback or an exception's text.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graph.errors import SamverkanError
from webapp.i18n import LANGUAGES, current_lang, translate

KNOWN_STATUSES = (404, 413, 414, 429, 500, 503)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, lambda error: error_response(error.code or 500))
    app.register_error_handler(SamverkanError, lambda error: error_response(error.http_status))


def error_response(status: int) -> tuple[Response | str, int]:
    """The error page for ``status``; JSON ``{"ok", "status", "title", "hint"}`` if the client prefers it."""
    key = f"error_{status}" if status in KNOWN_STATUSES else "error_other"
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        lang = current_lang()
        return jsonify(
            ok=False, status=status, title=translate(key, lang), hint=translate(f"{key}_hint", lang)
        ), status
    messages = [
        {"lang": lang, "title": translate(key, lang), "hint": translate(f"{key}_hint", lang)}
        for lang in sorted(LANGUAGES, key=lambda lang: lang != current_lang())
    ]
    return render_template("error.html", status=status, messages=messages), status
