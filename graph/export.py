"""Write the whole graph as dumps, one file per RDF syntax.

Every dump is written by a library serializer straight from the store, so
the files hold exactly what the store holds: the dataset syntaxes (TriG,
N-Quads, JSON-LD) keep one named graph per source file, the graph syntaxes
(Turtle, N-Triples, RDF/XML) hold the union graph, each triple once.
Oxigraph writes all of them but JSON-LD, which rdflib writes, because only
its writer compacts with a context (see :mod:`graph.jsonld`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.store import Store


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

    @property
    def title(self) -> dict[str, str]:
        """What the file holds, in Swedish and English (for the manifest, the downloads page and DCAT)."""
        return NAMED_GRAPHS_TITLE if self.keeps_graphs else UNION_TITLE


JSONLD_DUMP = Dump("samverkan.jsonld", ox.RdfFormat.JSON_LD)

DUMPS: tuple[Dump, ...] = (
    Dump("samverkan.trig", ox.RdfFormat.TRIG),
    Dump("samverkan.nq", ox.RdfFormat.N_QUADS),
    JSONLD_DUMP,
    Dump("samverkan.ttl", ox.RdfFormat.TURTLE),
    Dump("samverkan.nt", ox.RdfFormat.N_TRIPLES),
    Dump("samverkan.rdf", ox.RdfFormat.RDF_XML),
)

NAMED_GRAPHS_TITLE = {
    "sv": "Hela grafen med en namngiven graf per källfil",
    "en": "The whole graph, a named graph per source file",
}
UNION_TITLE = {
    "sv": "Hela grafen (unionen av de namngivna graferna)",
    "en": "The whole graph (the union of the named graphs)",
}


def write_dumps(store: Store, directory: Path, write_jsonld: Callable[[Path], None]) -> list[dict[str, Any]]:
    """Write every dump into ``directory``; return their manifest entries (without checksums of copies).

    ``write_jsonld`` writes (or waits for) the JSON-LD dump (see :func:`graph.jsonld.dump_beside`).
    """
    counts = {"quads": store.quad_count()}, {"triples": store.triple_count()}
    entries = []
    for dump in DUMPS:
        path = directory / dump.file
        if dump.format == ox.RdfFormat.JSON_LD:
            write_jsonld(path)
        else:
            store.write(path, dump.format)
        count = counts[0] if dump.keeps_graphs else counts[1]
        entries.append(describe(path, dump.format.name, dump.media_type, dump.title) | count)
    return entries


def describe(path: Path, format_name: str, media_type: str, title: dict[str, str]) -> dict[str, Any]:
    """The manifest entry of one written file: what it is, its size and its SHA-256."""
    return {
        "file": path.name,
        "title": title,
        "format": format_name,
        "media_type": media_type,
        "size": path.stat().st_size,
        "sha256": digest(path, "sha256"),
    }


def digest(path: Path, algorithm: str) -> str:
    """The hexadecimal digest of the file at ``path``."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, algorithm).hexdigest()
