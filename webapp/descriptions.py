"""The dataset's descriptions at their own addresses: the JSON-LD context, VoID and the DCAT record.

``/.well-known/void`` is where VoID's specification tells crawlers to look
(RFC 8615); ``/catalog`` is the catalogue record the Swedish open data portal
harvests; ``/context.jsonld`` is the context the JSON-LD dump is written
with. Each serves the file the last build or export published, so it always
describes the dumps beside it. VoID and the record are Turtle unless
``Accept`` or ``?format=`` asks for another graph syntax of
:data:`graph.media.FORMATS`; all three may be read by scripts on other sites
(CORS), as JSON-LD processors in browsers fetch contexts.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request

from graph.dcat import CATALOG_FILE
from graph.errors import StoreNotFound
from graph.jsonld import CONTEXT_FILE
from graph.media import Format, formats, negotiate
from graph.namespaces import PREFIXES
from graph.void import VOID_FILE
from webapp.dumps import dist_dir

bp = Blueprint("descriptions", __name__)


@bp.get("/context.jsonld")
def context() -> Response:
    return _open(Response(_published(CONTEXT_FILE), mimetype="application/ld+json"))


@bp.get("/.well-known/void")
def void() -> Response:
    return _description(VOID_FILE)


@bp.get("/catalog")
def catalog() -> Response:
    return _description(CATALOG_FILE)


def _description(name: str) -> Response:
    """The published Turtle file ``name``, or the same graph in the syntax the client asked for."""
    fmt = negotiate(request.accept_mimetypes, "CONSTRUCT", request.args.get("format"))
    turtle = _published(name)
    if fmt.media_type == ox.RdfFormat.TURTLE.media_type:
        body = turtle
    else:
        triples = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type), prefixes=PREFIXES)
    response = _open(Response(body, mimetype=fmt.media_type))
    response.vary.add("Accept")
    response.headers["Content-Location"] = _variant(fmt)
    response.headers["Link"] = ", ".join(
        f'<{_variant(other)}>; rel="alternate"; type="{other.media_type}"' for other in formats("graph")
    )
    return response


def _variant(fmt: Format) -> str:
    """The address of this description in ``fmt`` alone, whatever ``Accept`` says."""
    return f"{request.path}?format={fmt.name}"


def dataset_description() -> list[ox.Quad]:
    """What the dataset's own IRI says: its VoID description and its catalogue record, as published."""
    return [
        ox.Quad(triple.subject, triple.predicate, triple.object)
        for name in (VOID_FILE, CATALOG_FILE)
        for triple in ox.parse(_published(name), format=ox.RdfFormat.TURTLE)
    ]


def _published(name: str) -> bytes:
    path = dist_dir() / name
    if not path.is_file():
        raise StoreNotFound(f"Nothing is published at {dist_dir()}: run `samverkan build` or `samverkan export`.")
    return path.read_bytes()


def _open(response: Response) -> Response:
    response.access_control_allow_origin = "*"
    return response
