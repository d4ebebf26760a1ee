"""Build the published graph: parse, validate, then write store and dumps all at once.

Nothing is written unless every source parses and no result of severity
Violation remains; then the store and the dumps are written into fresh
directories and switched into place together (see :mod:`graph.staging`), so
the previous store and dumps stay untouched until the new ones are complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph import sources
from graph.dist import write_dist
from graph.namespaces import Site
from graph.settings import Settings
from graph.staging import Staging
from graph.store import Store
from graph.validate import Violation, require_valid


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


def build(settings: Settings) -> BuildResult:
    """Build from ``settings.root`` into ``settings.store`` and ``settings.dist``."""
    loaded = sources.load(sources.discover(settings.root))
    results = require_valid(loaded)
    with Staging() as staging:
        store_dir = staging.new(settings.store)
        dist_dir = staging.new(settings.dist)
        result = _write(loaded, store_dir, dist_dir, settings.site)
        staging.publish()
    return BuildResult(settings.store, settings.dist, *result, warnings=results)


def _write(
    loaded: sources.Sources, store_dir: Path, dist_dir: Path, site: Site
) -> tuple[int, int, int, dict[str, Any]]:
    """Fill the staged directories; the store is closed when this returns, before the switch."""
    store = Store.create(store_dir)
    store.load(loaded.dataset, site)
    manifest = write_dist(store, dist_dir, datetime.now(UTC).date(), site)
    return store.triple_count(), store.quad_count(), len(store.graph_counts()), manifest
