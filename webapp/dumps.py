"""The downloads page and the published files, served from the dumps directory.

Only files the manifest lists (and the manifest itself) are served, each
with the media type the manifest gives it, so nothing else in the directory
is ever reachable by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, send_from_directory

from graph.dist import GZIP_ABOVE, MANIFEST, published_files, read_manifest

bp = Blueprint("dumps", __name__)


def dist_dir() -> Path:
    return Path(current_app.config["DIST_DIR"])


def get_manifest() -> dict[str, Any] | None:
    """The manifest of the published files; ``None`` when nothing is built."""
    return read_manifest(dist_dir())


@bp.get("/downloads")
def page() -> str:
    """Every published file with its format, size, count and checksum; the descriptions; the endpoint."""
    return render_template(
        "downloads.html", manifest=get_manifest(), manifest_file=MANIFEST, gzip_above=GZIP_ABOVE
    )


@bp.get("/dumps/<name>")
def download(name: str) -> Response:
    """One published file; only the names the manifest lists are served."""
    manifest = get_manifest()
    media_type = published_files(manifest).get(name) if manifest else None
    if media_type is None:
        abort(404)
    return send_from_directory(dist_dir(), name, mimetype=media_type)
