"""The strategist network and its name search, read from the store once per store version.

Reading the network takes a handful of SPARQL queries (tens of milliseconds
on the source documents, about a second at national scale), and every
explorer page and API call needs it, so it is kept per app and read again
only when the store has changed: a rebuild (the disk store's link moves) or
a new store object. The search index is prepared from that network on first
use and dropped with it.
"""

from __future__ import annotations

import threading

import networkx as nx
from flask import Flask, current_app

from graph.network import read_network
from graph.search import SearchIndex
from graph.store import Store
from webapp.store import get_store

EXTENSION = "samverkan_network"


class NetworkCache:
    """The network of the app's current store and its search index; built on first use, shared read-only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[Store, nx.MultiDiGraph] | None = None
        """The store the network was read from, held (not its ``id``, which a later store may be given)."""
        self._search: tuple[nx.MultiDiGraph, SearchIndex] | None = None

    def get(self) -> nx.MultiDiGraph:
        store = get_store()
        with self._lock:
            if self._cached is None or self._cached[0] is not store:
                self._cached = (store, read_network(store))
            return self._cached[1]

    def search_index(self) -> SearchIndex:
        """The index of the current network, prepared again only when the network was read again."""
        network = self.get()
        with self._lock:
            if self._search is None or self._search[0] is not network:
                self._search = (network, SearchIndex(network))
            return self._search[1]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = NetworkCache()


def _cache() -> NetworkCache:
    cache: NetworkCache = current_app.extensions[EXTENSION]
    return cache


def get_network() -> nx.MultiDiGraph:
    """The network for the current request. Treat it as read-only: it is shared."""
    return _cache().get()


def get_search_index() -> SearchIndex:
    """The name search over :func:`get_network`'s network, built once per network."""
    return _cache().search_index()
