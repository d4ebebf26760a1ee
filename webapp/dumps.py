"""The dumps, served from the dist directory with their RDF media types."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, send_from_directory

from graph.export import media_types

bp = Blueprint("dumps", __name__, url_prefix="/dumps")


@bp.get("/<name>")
def download(name: str) -> Response:
    """One file a build published; only those names are served."""
    media_type = media_types().get(name)
    if media_type is None:
        abort(404)
    return send_from_directory(current_app.config["DIST_DIR"], name, mimetype=media_type)
