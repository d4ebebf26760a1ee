"""Structured logs: one JSON line per request (access) and per SPARQL query, through :mod:`logging`.

The access record is written by a WSGI middleware when the last byte of the
answer has gone out, so its duration and size are what the client got, for
streamed files too. The query record says how a query ended (``ok``,
``timeout``, ``rejected`` for the client's own errors, ``error`` for the
server's), how long it took and how big the answer was; the query itself
is told by its SHA-256 and length and its first characters, since queries
are public but may be huge.

Neither record holds a header: no cookies, no credentials, no referrer.
A request's two records share its ``request_id``.

Records go to the loggers ``samverkan.access`` and ``samverkan.query``;
:func:`configure` (called by ``samverkan serve``) writes them, and every
other record, as JSON lines to standard error or a file. An app created
elsewhere (tests, another server) logs nothing until its host configures
logging.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, has_request_context, request

from graph.errors import QueryTimeout, SamverkanError

if TYPE_CHECKING:
    from graph.runner import Answer

ACCESS = logging.getLogger("samverkan.access")
QUERIES = logging.getLogger("samverkan.query")

REQUEST_ID = "samverkan.request_id"
"""The WSGI environ key holding the request's id, shared by its access and query records."""

TEXT_CAP = 1000
"""Characters of a path, query string or SPARQL query a record keeps; the rest is cut and marked."""


class JsonLines(logging.Formatter):
    """A record as one JSON object: time (UTC), level, logger, message, then the record's own fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")[:-6] + "Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure(log_file: Path | None = None) -> logging.Handler:
    """Send every log record of this process, as JSON lines, to ``log_file`` (appended) or standard error.

    The access and query records and waitress's own (the address it serves
    on, a full task queue) are kept from INFO up; other libraries' from
    WARNING up. Flask then adds no handler of its own to the app's logger,
    so an unexpected exception is logged here too, with its traceback.
    """
    handler: logging.Handler
    if log_file is None:
        handler = logging.StreamHandler(sys.stderr)
    else:
        handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in ("samverkan", "waitress"):
        logging.getLogger(name).setLevel(logging.INFO)
    return handler


def init_app(app: Flask) -> None:
    """Write an access record for every request the app answers."""
    app.wsgi_app = AccessLog(app.wsgi_app)  # type: ignore[method-assign]


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class AccessLog:
    """WSGI middleware: one ``samverkan.access`` record per request, once its answer is sent (or abandoned)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        environ[REQUEST_ID] = uuid.uuid4().hex[:16]
        status: list[int] = []

        def start(status_line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [int(status_line.split(" ", 1)[0])]
            return start_response(status_line, headers, exc_info)

        try:
            body = self.app(environ, start)
        except BaseException:
            _access(environ, 500, 0, started)  # only when the app lets an exception out (testing mode)
            raise
        return _Counted(body, lambda sent: _access(environ, status[0] if status else 500, sent, started))


class _Counted:
    """A response body passed through as it is, counting its bytes; ``done`` is told the count when it is closed."""

    def __init__(self, body: Iterable[bytes], done: Callable[[int], None]) -> None:
        self._body = body
        self._done = done
        self._sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._body:
            self._sent += len(chunk)
            yield chunk

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._done(self._sent)


def _access(environ: dict[str, Any], status: int, sent: int, started: float) -> None:
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    fields = {
        "event": "access",
        "request_id": environ.get(REQUEST_ID),
        "method": environ.get("REQUEST_METHOD"),
        "path": _cap(_as_text(path)),
        "query_string": _cap(_as_text(environ.get("QUERY_STRING", ""))),
        "status": status,
        "bytes": sent,
        "duration_ms": _milliseconds(started),
        "client": environ.get("REMOTE_ADDR"),
    }
    ACCESS.info("%s %s %s", fields["method"], fields["path"], status, extra={"fields": fields})


@dataclass
class QueryRecord:
    """What the code running a query tells the log: the answer, once it has one."""

    answer: Answer | None = None


@contextmanager
def logged_query(sparql: str) -> Iterator[QueryRecord]:
    """Log the query run inside the ``with`` block: its outcome, duration and answer size; errors pass on."""
    record = QueryRecord()
    started = time.perf_counter()
    try:
        yield record
    except Exception as error:
        _query(sparql, started, record.answer, error)
        raise
    _query(sparql, started, record.answer, None)


def outcome(error: BaseException | None) -> str:
    """``ok``; ``timeout``; ``rejected`` when the query or request was the client's to fix; else ``error``."""
    if error is None:
        return "ok"
    if isinstance(error, QueryTimeout):
        return "timeout"
    if isinstance(error, SamverkanError) and error.http_status < 500:
        return "rejected"
    return "error"


def _query(sparql: str, started: float, answer: Answer | None, error: BaseException | None) -> None:
    fields: dict[str, Any] = {
        "event": "query",
        "request_id": request.environ.get(REQUEST_ID) if has_request_context() else None,
        "endpoint": request.endpoint if has_request_context() else None,
        "outcome": outcome(error),
        "duration_ms": _milliseconds(started),
        "query_sha256": hashlib.sha256(sparql.encode("utf-8", "surrogatepass")).hexdigest(),
        "query_length": len(sparql),
        "query": _cap(sparql),
    }
    if error is not None:
        fields["error"] = type(error).__name__  # its class, not its text, which may name a path
        fields["status"] = error.http_status if isinstance(error, SamverkanError) else 500
    if answer is not None:
        fields["rows"] = answer.rows
        fields["bytes"] = len(answer.body)
        fields["truncated"] = answer.truncated
        fields["media_type"] = answer.media_type
    QUERIES.info("query %s", fields["outcome"], extra={"fields": fields})


def _cap(text: str) -> str:
    """``text``, cut at :data:`TEXT_CAP` characters with a mark saying how much is left out."""
    if len(text) <= TEXT_CAP:
        return text
    return f"{text[:TEXT_CAP]}… [{len(text) - TEXT_CAP} more characters]"


def _as_text(wsgi: str) -> str:
    """A WSGI string (bytes as Latin-1) as the UTF-8 it was sent in, where it is."""
    return wsgi.encode("latin-1", "replace").decode("utf-8", "replace")


def _milliseconds(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
