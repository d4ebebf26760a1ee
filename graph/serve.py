"""Start the web app: waitress in production, Flask's development server only when asked.

waitress is pure Python and serves with threads, so the query workers
(:mod:`graph.runner`) stay the only other processes and nothing forks the
server. It listens where the settings say (127.0.0.1 unless told
otherwise), refuses bodies far over the app's own limit before buffering
them, believes forwarded headers only from the configured reverse proxy,
and never shows a traceback to a client. The logs are JSON lines
(:mod:`webapp.logs`), set up here because only a server process should
touch the root logger.
"""

from __future__ import annotations

import signal
from types import FrameType

from waitress.server import create_server

from graph.dist import read_manifest
from graph.errors import SamverkanError
from graph.settings import Settings

FORWARDED_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}
"""What a trusted reverse proxy may tell: the client's address, and the scheme, host and port it was reached at."""

BODY_HEADROOM = 4
"""waitress refuses a body over this many times the app's limit itself, unread; smaller ones get the app's 413."""


def run(settings: Settings, *, dev: bool = False) -> None:
    """Serve until stopped; a store that cannot be opened, or an address that cannot be bound, is a clear error."""
    from webapp import create_app, logs
    from webapp.limits import MAX_BODY_BYTES
    from webapp.sparql import get_query_service
    from webapp.store import get_store

    _check_base(settings)
    if not dev:  # the development server keeps its own readable lines
        logs.configure(settings.log_file)
    app = create_app({"SAMVERKAN_SETTINGS": settings})
    with app.app_context():
        get_store()  # open it now, so that a missing store or an unreachable engine fails here, clearly
        queries = get_query_service()
    if dev:
        app.run(host=settings.host, port=settings.port, use_reloader=True, use_debugger=False)
        return
    proxy = {}
    if settings.trusted_proxy:
        proxy = {"trusted_proxy": settings.trusted_proxy, "trusted_proxy_headers": FORWARDED_HEADERS}
    try:
        server = create_server(
            app,
            host=settings.host,
            port=settings.port,
            threads=settings.threads,
            max_request_body_size=BODY_HEADROOM * MAX_BODY_BYTES,
            clear_untrusted_proxy_headers=True,
            expose_tracebacks=False,
            **proxy,
        )
    except OSError as error:
        raise SamverkanError(f"Cannot listen on {settings.host}:{settings.port}: {error.strerror or error}.") from None
    signal.signal(signal.SIGTERM, _stop)
    server.print_listen("Serving on http://{}:{}")
    try:
        server.run()  # returns on Ctrl-C or SIGTERM, having closed its sockets
    finally:
        queries.close()


def _check_base(settings: Settings) -> None:
    """Refuse to serve a build made for another base: every IRI it holds would be foreign to this app."""
    manifest = read_manifest(settings.dist) if settings.store_kind == "disk" else None
    built_for = (manifest or {}).get("base", settings.base)
    if built_for != settings.base:
        raise SamverkanError(
            f"The graph in {settings.store} was built for the base {built_for}, but this app is set to serve"
            f" {settings.base}. Build again with the same --base / SAMVERKAN_BASE as `serve`."
        )


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the server as Ctrl-C does, so that it closes its sockets and query workers on the way out."""
    raise SystemExit(0)
