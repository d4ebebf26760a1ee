"""Answers to GET requests, kept until the graph changes.

Every page and API answer is a function of the request (path, query string,
``Accept``) and of the store's data, which changes only when a rebuild
swaps a new store in. So a finished answer is kept, and given again to the
same request, until the store is another one; then all are dropped at once.
That turns a busy page (the home page counts the graph; analytics runs
centralities) into a dictionary lookup for every reader after the first,
which is what lets one process on two cores serve 50 readers at once.

Kept: successful (200) answers with a body in memory, up to
:data:`MAX_ANSWER` bytes each and :data:`MAX_TOTAL` bytes in all, least
recently used dropped first. Not kept: anything else — the SPARQL
endpoint, whose every query is run and logged; files sent from disk; and
errors. Headers other apps add afterwards (security headers, logs) are
added to a kept answer as to a fresh one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from cachetools import LRUCache
from flask import Flask, Response, current_app, g, request

from graph.store import Store
from webapp.store import get_store

EXTENSION = "samverkan_page_cache"
MAX_ANSWER = 4_000_000
"""Bytes: a larger answer (a huge neighbourhood view) is made anew each time rather than crowd out the rest."""
MAX_TOTAL = 128_000_000
"""Bytes of kept answers in all."""
NOT_KEPT = frozenset({"/sparql", "/query"})
"""Paths whose answers are never kept: every query a user writes runs (with its limits) and is logged."""
CACHE_HEADER = "Samverkan-Cache"
"""``hit`` or ``miss``: whether the answer was kept from an earlier request (for people and benchmarks)."""


Key = tuple[str, str, str | None]
"""Path, query string and ``Accept``: everything an answer depends on besides the store."""


@dataclass(frozen=True)
class KeptAnswer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


class PageCache:
    """The kept answers of one app, for the store they were made from."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._answers: LRUCache[Key, KeptAnswer] = LRUCache(
            maxsize=MAX_TOTAL, getsizeof=lambda answer: len(answer.body) + 512
        )

    def get(self, key: Key, store: Store) -> KeptAnswer | None:
        with self._lock:
            if store is not self._store:  # a rebuild swapped the store: nothing kept is true any more
                self._answers.clear()
                self._store = store
            return self._answers.get(key)

    def keep(self, key: Key, store: Store, answer: KeptAnswer) -> None:
        with self._lock:
            if store is self._store:
                self._answers[key] = answer


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = PageCache()
    app.before_request(_answer_if_kept)
    app.after_request(_keep)


def _key() -> Key:
    # No Accept at all and an empty one negotiate differently (a page, Turtle), so they are told apart.
    return (request.path, request.query_string.decode("latin-1"), request.headers.get("Accept"))


def _cacheable() -> bool:
    return request.method == "GET" and request.path not in NOT_KEPT and not request.path.startswith("/static/")


def _answer_if_kept() -> Response | None:
    if not _cacheable():
        return None
    cache: PageCache = current_app.extensions[EXTENSION]
    g.page_cache_store = store = get_store()
    kept = cache.get(_key(), store)
    if kept is None:
        return None
    g.page_cache_hit = True
    response = Response(kept.body, status=kept.status, headers=list(kept.headers))
    response.headers[CACHE_HEADER] = "hit"
    return response


def _keep(response: Response) -> Response:
    store = g.pop("page_cache_store", None)
    if store is None or g.pop("page_cache_hit", False):
        return response
    response.headers[CACHE_HEADER] = "miss"
    if response.status_code != 200 or response.direct_passthrough or response.is_streamed:
        return response
    body = response.get_data()
    if len(body) > MAX_ANSWER:
        return response
    headers = tuple((name, value) for name, value in response.headers.items() if name != CACHE_HEADER)
    current_app.extensions[EXTENSION].keep(_key(), store, KeptAnswer(response.status_code, headers, body))
    return response
