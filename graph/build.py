"""Build the published graph: parse, validate, then write dumps and store all at once.

The sources are parsed into an Oxigraph store in memory and checked there
against the shapes; then the store on disk is written from it, and the
dumps from the store on disk, as ``samverkan export`` writes them, so the
two give the same bytes. Nothing is written unless every source parses and no
result of severity Violation remains; the store and the dumps are written
into fresh directories and switched into place together (see
:mod:`graph.staging`), so the previous ones stay untouched until the new
ones are complete.

The steps are named (:data:`PHASES`) and each runs inside ``phase(name)``,
a context manager the caller may give, so a benchmark can time them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph import sources
from graph.dist import write_dist
from graph.settings import Settings
from graph.staging import Staging
from graph.store import Store
from graph.validate import Violation, require_valid

PHASES = ("parse", "validate", "store", "dumps")
"""The build's steps, in order: parse the sources into memory, check them, write the store, write the dumps."""

Phase = Callable[[str], AbstractContextManager[Any]]


def _untimed(name: str) -> AbstractContextManager[Any]:
    return nullcontext()


@dataclass(frozen=True)
class BuildResult:
    """What a successful build published, and the non-blocking results it found."""

    store: Path
    dist: Path
    triples: int
    quads: int
    graphs: int
    manifest: dict[str, Any]
    warnings: list[Violation]


def build(settings: Settings, phase: Phase = _untimed) -> BuildResult:
    """Build from ``settings.root`` into ``settings.store`` and ``settings.dist``."""
    project = sources.discover(settings.root)
    with phase("parse"):
        loaded = sources.load(project, site=settings.site)
    with phase("validate"):
        results = require_valid(loaded)
    with Staging() as staging:
        store_dir = staging.new(settings.store)
        dist_dir = staging.new(settings.dist)
        with phase("store"):
            Store.write_copy(store_dir, loaded.store)
        store = Store.open_read_only(store_dir)
        with phase("dumps"):
            manifest = write_dist(store, dist_dir, datetime.now(UTC).date(), settings.site)
        staging.publish()
    return BuildResult(
        settings.store,
        settings.dist,
        store.triple_count(),
        store.quad_count(),
        len(store.graph_counts()),
        manifest,
        warnings=results,
    )
