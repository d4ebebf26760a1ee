"""Security headers on every answer: pages, JSON, files, redirects and errors alike.

The Content-Security-Policy lets a page load scripts, styles, fonts and
data only from the app's own origin, and no plugins, base URL or form
target elsewhere; so templates must hold no inline script, no inline style
and no ``style`` attribute, which the policy blocks. (vis-network sets element
styles from its script, through the CSSOM, which the policy allows.)
Images may also be ``data:`` URLs, as vis-network's stylesheet draws its
buttons with them. No page may be framed, whether by ``frame-ancestors``
or, for older browsers, ``X-Frame-Options``. Answers are not sniffed into
another type, and other sites are told only the origin a link was
followed from.

The SPARQL endpoint's CORS headers (:mod:`webapp.sparql`) are left as
they are: CORS decides which sites may read an answer, these headers how a
browser treats the app's own pages.
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    app.after_request(add_headers)


def add_headers(response: Response) -> Response:
    """The headers above, unless a view has set one of them itself."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
