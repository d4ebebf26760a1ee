"""The built store, opened read-only in one place for the whole app.

The store is opened on first use and kept open. A build switches the store
path (a symbolic link) to a new directory; when the link's target changes,
the next request opens the new store, so a running server follows rebuilds
without a restart.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from flask import Flask, current_app

from graph.store import Store

EXTENSION = "samverkan_store"


class StoreHandle:
    """The open read-only store of one app, reopened when the build has replaced it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._opened: tuple[str, Store] | None = None

    def get(self) -> Store:
        target = os.path.realpath(self.path)
        with self._lock:
            if self._opened is None or self._opened[0] != target:
                self._opened = (target, Store.open_read_only(Path(target)))
            return self._opened[1]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = StoreHandle(Path(app.config["STORE_PATH"]))


def get_store() -> Store:
    """The store for the current request."""
    handle: StoreHandle = current_app.extensions[EXTENSION]
    return handle.get()
