"""The store, opened in one place for the whole app, of the kind the settings name.

The store is opened on first use and kept open. The built store on disk is
reopened when the build has switched its path (a symbolic link) to a new
directory, so a running server follows rebuilds without a restart; a store
in memory is loaded once; an external engine is connected to once, by URL.
A store that cannot be opened is tried again on the next request.
"""

from __future__ import annotations

import os
import threading

from flask import Flask, current_app

from graph.namespaces import Site
from graph.settings import Settings
from graph.store import Store, open_store

EXTENSION = "samverkan_store"


class StoreHandle:
    """The open store of one app, reopened when the build has replaced the one on disk."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._opened: tuple[str, Store] | None = None

    def get(self) -> Store:
        version = self._version()
        with self._lock:
            if self._opened is None or self._opened[0] != version:
                self._opened = (version, open_store(self.settings))
            return self._opened[1]

    def _version(self) -> str:
        """What changes when the store must be reopened: the link's target on disk, else nothing."""
        if self.settings.store_kind == "disk":
            return os.path.realpath(self.settings.store)
        return self.settings.store_kind


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = StoreHandle(app.config["SAMVERKAN_SETTINGS"])


def get_store() -> Store:
    """The store for the current request."""
    handle: StoreHandle = current_app.extensions[EXTENSION]
    return handle.get()


def current_site() -> Site:
    """The IRIs the current app mints and serves (its configured base)."""
    settings: Settings = current_app.config["SAMVERKAN_SETTINGS"]
    return settings.site
