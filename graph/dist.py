"""The dumps directory as a whole: every published file, gzip copies, and a manifest listing them.

The build writes it into its staged directory, beside the new store;
``samverkan export`` writes it again from whichever store is configured. In
both cases everything is written into a fresh directory that replaces the
old one in one step (:mod:`graph.staging`), so readers never see half of it.

What is written, in order (each step needs the ones before):

1. the JSON-LD ``@context`` (:mod:`graph.jsonld`), which the JSON-LD dump uses;
2. the RDF dumps (:mod:`graph.export`);
3. the network files (:mod:`graph.network_export`);
4. gzip copies, by :data:`GZIP_RULE`;
5. the VoID description and the DCAT catalogue record, each a Turtle file of
   its own, not added to the dumps: they describe the dumps (sizes,
   checksums), so they cannot be part of them;
6. ``manifest.json``: every file with its title, format, media type, size,
   SHA-256, triple, quad, node, edge or row count, and its gzip copy.
"""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from graph.dcat import CATALOG_FILE, catalog_record
from graph.errors import SamverkanError
from graph.export import DUMPS, JSONLD_DUMP, describe, write_dumps
from graph.jsonld import CONTEXT_FILE, context, dump_beside, write_context
from graph.namespaces import CANONICAL, Site
from graph.network_export import write_network_files
from graph.staging import Staging
from graph.store import Store
from graph.void import VOID_FILE, void_description

MANIFEST = "manifest.json"
GZIP_ABOVE = 1_000_000
"""Files larger than this many bytes get a gzip copy."""
GZIP_LEVEL = 6
"""gzip's usual level: files nearly as small as at 9, made several times faster."""
ALWAYS_GZIP = (".nt", ".nq")
"""Line-based syntaxes, which bulk loaders read compressed: these always get a copy."""
GZIP_RULE = (
    f"A gzip copy (its 'gzip' entry) of every file over {GZIP_ABOVE:,} bytes"
    " and of every N-Triples and N-Quads file."
)
GROUPS = ("dumps", "network", "descriptions")
"""The manifest's lists of files."""

DESCRIPTION_TITLES = {
    CONTEXT_FILE: {"sv": "JSON-LD-kontext med läsbara nycklar", "en": "JSON-LD context with readable keys"},
    VOID_FILE: {"sv": "VoID-beskrivning av datamängden", "en": "VoID description of the dataset"},
    CATALOG_FILE: {"sv": "DCAT-AP-SE-katalogpost", "en": "DCAT-AP-SE catalogue record"},
}


def export(store: Store, target: Path, modified: date, site: Site = CANONICAL) -> dict[str, Any]:
    """Write every published file from ``store`` to ``target``, replacing what was there in one step.

    ``target`` becomes a link to a fresh directory, as the build's dumps
    directory is. A directory with files in it that no export made is
    refused: replacing it would delete them.
    """
    if target.is_dir() and not target.is_symlink() and any(target.iterdir()):
        raise SamverkanError(
            f"{target} is a directory with files in it; the export replaces its target as a whole."
            " Give a new or empty directory."
        )
    with Staging() as staging:
        manifest = write_dist(store, staging.new(target), modified, site)
        staging.publish()
    return manifest


def write_dist(store: Store, directory: Path, modified: date, site: Site = CANONICAL) -> dict[str, Any]:
    """Write every published file of ``store`` (published under ``site``) and the manifest into ``directory``."""
    context_object = context(store)
    write_context(directory / CONTEXT_FILE, context_object)
    with dump_beside(store, directory / JSONLD_DUMP.file, context_object) as write_jsonld:  # the slowest file, written meanwhile if it can be
        network = [_with_copy(directory, entry) for entry in write_network_files(store, directory)]
        dumps = [_with_copy(directory, entry) for entry in write_dumps(store, directory, write_jsonld)]
    void = void_description(store, DUMPS, modified, site)
    void.serialize(directory / VOID_FILE, format="turtle", encoding="utf-8")
    catalog = catalog_record(store, dumps + network, directory, modified, site)
    catalog.serialize(directory / CATALOG_FILE, format="turtle", encoding="utf-8")
    titles = DESCRIPTION_TITLES
    descriptions = [
        describe(directory / CONTEXT_FILE, "JSON-LD", "application/ld+json", titles[CONTEXT_FILE]),
        describe(directory / VOID_FILE, "Turtle", "text/turtle", titles[VOID_FILE]) | {"triples": len(void)},
        describe(directory / CATALOG_FILE, "Turtle", "text/turtle", titles[CATALOG_FILE]) | {"triples": len(catalog)},
    ]
    manifest = {
        "modified": modified.isoformat(),
        "base": site.base,
        "gzip": GZIP_RULE,
        "dumps": dumps,
        "network": network,
        "descriptions": [_with_copy(directory, entry) for entry in descriptions],
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (directory / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def read_manifest(directory: Path) -> dict[str, Any] | None:
    """The manifest of the files in ``directory``; ``None`` if nothing was published there."""
    path = directory / MANIFEST
    if not path.is_file():
        return None
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def published_files(manifest: dict[str, Any]) -> dict[str, str]:
    """File name -> media type of every file the manifest lists, itself included."""
    files = {MANIFEST: "application/json"}
    for group in GROUPS:
        for entry in manifest.get(group, []):
            files[entry["file"]] = entry["media_type"]
            if "gzip" in entry:
                files[entry["gzip"]["file"]] = "application/gzip"
    return files


def _with_copy(directory: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` with a ``gzip`` entry of its own if :data:`GZIP_RULE` calls for a copy, written now."""
    path = directory / entry["file"]
    if entry["size"] <= GZIP_ABOVE and path.suffix not in ALWAYS_GZIP:
        return entry
    copy = path.with_name(path.name + ".gz")
    with path.open("rb") as source, copy.open("wb") as raw:
        with gzip.GzipFile(filename=path.name, mode="wb", fileobj=raw, mtime=0, compresslevel=GZIP_LEVEL) as compressed:
            shutil.copyfileobj(source, compressed)
    copied = describe(copy, entry["format"], "application/gzip", entry["title"])
    return entry | {"gzip": {key: copied[key] for key in ("file", "media_type", "size", "sha256")}}
