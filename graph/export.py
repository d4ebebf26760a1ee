"""Write the published dumps and a manifest describing them.

Every dump is written by Oxigraph's own serializers straight from the store,
so the files hold exactly what the store holds: the dataset formats keep one
named graph per source file, the graph formats hold the union graph.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.namespaces import PREFIXES
from graph.store import Store

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Dump:
    """A dump file name and the RDF syntax it is written in."""

    file: str
    format: ox.RdfFormat

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def keeps_graphs(self) -> bool:
        """Whether the syntax keeps named graphs (else it holds the union graph)."""
        return self.format.supports_datasets


DUMPS: tuple[Dump, ...] = (
    Dump("samverkan.trig", ox.RdfFormat.TRIG),
    Dump("samverkan.nq", ox.RdfFormat.N_QUADS),
    Dump("samverkan.jsonld", ox.RdfFormat.JSON_LD),
    Dump("samverkan.ttl", ox.RdfFormat.TURTLE),
    Dump("samverkan.nt", ox.RdfFormat.N_TRIPLES),
)


def media_types() -> dict[str, str]:
    """File name -> media type of every file a build puts in the dist directory."""
    return {MANIFEST: "application/json"} | {dump.file: dump.media_type for dump in DUMPS}


def write_dumps(store: Store, directory: Path) -> list[dict[str, Any]]:
    """Write every dump and ``manifest.json`` into ``directory``; return the manifest entries."""
    entries = []
    for dump in DUMPS:
        path = directory / dump.file
        if dump.keeps_graphs:
            ox.serialize(store.quads(), str(path), format=dump.format, prefixes=PREFIXES)
            count = {"quads": store.quad_count()}
        else:
            ox.serialize(store.triples(), str(path), format=dump.format, prefixes=PREFIXES)
            count = {"triples": store.triple_count()}
        entries.append(
            {"file": dump.file, "media_type": dump.media_type, "size": path.stat().st_size}
            | count
            | {"sha256": _sha256(path)}
        )
    manifest = {"dumps": entries}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return entries


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
