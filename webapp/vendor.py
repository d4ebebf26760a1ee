"""vis-network, served from the pyvis package installed with the app.

The page must work offline and the project ships only code it wrote, so the
browser gets vis-network from this app, read from pyvis's own bundled copy
(``pyvis/lib/vis-9.1.2``), never from a CDN and never copied into the repo.
"""

from __future__ import annotations

from pathlib import Path

import pyvis
from flask import Blueprint, Response, abort, send_from_directory

VIS_NETWORK_VERSION = "9.1.2"
VIS_NETWORK_DIR = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_NETWORK_VERSION}"
FILES = ("vis-network.min.js", "vis-network.css")

bp = Blueprint("vendor", __name__, url_prefix="/vendor")


@bp.get(f"/vis-network-{VIS_NETWORK_VERSION}/<name>")
def vis_network(name: str) -> Response:
    """One of vis-network's two files, cached long: the version is in the path."""
    if name not in FILES:
        abort(404)
    return send_from_directory(VIS_NETWORK_DIR, name, max_age=365 * 24 * 3600)
