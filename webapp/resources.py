"""A page for each resource the project names: ``/id/{kind}/{slug}``.

The page's address is the resource's IRI path, so the IRI
``https://w3id.org/samverkan/id/org/huddinge-kommun`` is shown at
``/id/org/huddinge-kommun``. What the page says is gathered by
:func:`graph.describe.describe` (plain data, in the page language); this
module only adds the neighbourhood network and renders the HTML, so another
renderer (RDF for a linked-data client) can be put beside it.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, abort, make_response, redirect, render_template, request

from graph import cbd
from graph.describe import Description, Source, describe
from graph.store import Store
from graph.views import Limits, neighbourhood
from webapp import conneg, display
from webapp.descriptions import dataset_description
from webapp.i18n import current_lang, link, translate
from webapp.network_cache import get_network
from webapp.store import current_site, get_store

bp = Blueprint("resources", __name__, url_prefix="/id")

MAX_PATH = 300
"""Longer paths are no IRI of ours (the longest slug is under 100 characters): 404 without a query."""

NETWORK_LIMITS = Limits(summary=150, label_length=28)
"""Beyond 150 nodes a neighbourhood is summarised by kind, so a hub stays a small picture; labels on the
canvas are cut short (the hover text has them whole)."""


def resource_url(iri: str) -> str | None:
    """The page of ``iri`` in this app, if the project owns it."""
    id_base = current_site().id_base
    if iri.startswith(id_base):
        return link("resources.show", rest=iri[len(id_base) :])
    return None


@bp.app_context_processor
def inject() -> dict[str, object]:
    """Let every template link to resource pages."""
    return {"resource_url": resource_url}


def get_description_or_404(store: Store, rest: str, lang: str) -> Description:
    """The description of ``{id base}{rest}``, if it is a valid IRI the graph mentions."""
    if len(rest) > MAX_PATH:
        abort(404)
    site = current_site()
    description = describe(store, site.id_base + rest, lang, site)
    if description is None:
        abort(404)
    return description


@bp.get("/<path:rest>")
def show(rest: str) -> Response:
    """The resource ``{id base}{rest}`` as HTML or RDF, by negotiation (see :mod:`webapp.conneg`).

    ``rest`` may end in a format's extension (``.ttl``, ``.html`` ...), which
    then chooses the format; a path that is an IRI of ours with its dot kept
    is tried when the one without the extension is unknown.
    """
    stem, from_extension = conneg.split_extension(rest)
    try:
        fmt = conneg.choose(request, from_extension)
    except conneg.UnknownFormat:
        choices = ", ".join(fmt.name for fmt in conneg.VARIANTS)
        return Response(f"Unknown format: use one of {choices}.\n", 400, content_type="text/plain; charset=utf-8")
    if from_extension is not None and not _mentioned(stem) and _mentioned(rest):
        stem, fmt = rest, conneg.choose(request)
    variants = conneg.Variants(link("resources.show", rest=stem).split("?")[0])
    site = current_site()
    if fmt is conneg.HTML and site.id_base + stem == site.dataset:
        return redirect(link("dumps.page"), 303)  # the dataset's human page is its downloads page
    if fmt is conneg.HTML:
        response = make_response(_page(stem, variants))
    else:
        response = _rdf(stem, fmt)
    response.headers.update(variants.headers(fmt))
    return response


def _mentioned(rest: str) -> bool:
    if len(rest) > MAX_PATH:
        return False
    iri = _safe(current_site().id_base + rest)
    return get_store().ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")


def _safe(iri: str) -> str:
    """``iri`` if it may stand in ``<...>`` in SPARQL, else an IRI nothing has."""
    try:
        return ox.NamedNode(iri).value
    except ValueError:
        return "urn:samverkan:invalid"


def _rdf(rest: str, fmt: conneg.Format) -> Response:
    """The concise bounded description of the resource, or a 404 in ``fmt``."""
    site = current_site()
    iri = site.id_base + rest
    if iri == site.dataset:
        # Not in the store: VoID and the record describe the dumps, so they are published beside them.
        body = ox.serialize(dataset_description(), format=ox.RdfFormat.from_media_type(fmt.media_type))
        return Response(body, 200, content_type=conneg.content_type(fmt))
    description = cbd.concise_description(get_store(), iri) if len(rest) <= MAX_PATH else None
    if description is None:
        if fmt.media_type == "application/ld+json" and _asked_plain_json():
            abort(404)  # the app's JSON error ({"ok", "status", "title", "hint"}), as for every other page
        printable = "".join(c if c.isprintable() else "?" for c in iri)
        return Response(conneg.not_found_body(fmt, printable), 404, content_type=conneg.content_type(fmt))
    return Response(cbd.serialize(description, fmt), 200, content_type=conneg.content_type(fmt))


def _asked_plain_json() -> bool:
    """Whether the client asked for ``application/json`` rather than JSON-LD (by ``Accept`` alone)."""
    if request.args.get("format") or conneg.split_extension(request.path)[1] is not None:
        return False
    return request.accept_mimetypes.best_match(["application/ld+json", "application/json"]) == "application/json"


def _page(rest: str, variants: conneg.Variants) -> str:
    lang = current_lang()
    description = get_description_or_404(get_store(), rest, lang)
    network, focus = _neighbourhood(description, lang)
    return render_template(
        "resource.html",
        d=description,
        network=network,
        focus=focus,
        notes={source.number: _note(source, lang) for source in description.sources},
        fmt=display,
        alternates=variants.alternates(),
    )


def _neighbourhood(
    description: Description, lang: str
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The network one step around the resource, or around the nearest thing that is a node of it.

    Seats, signatures, proposals and the like are edges of the network, not
    nodes: their page shows the network of the first linked resource that is
    a node (a seat's body, a signature's agreement). ``focus`` is that node.
    """
    network = get_network()
    iri = next((i for i in chain([description.iri], description.linked()) if i in network), None)
    if iri is None:
        return None, None
    view = neighbourhood(network, iri, 1, lang=lang, limits=NETWORK_LIMITS)
    for node in view["nodes"]:
        node["href"] = resource_url(node["id"])
    focus = next((node for node in view["nodes"] if node["id"] == iri), None)
    return view, focus


def _note(source: Source, lang: str) -> str:
    """A source as one line of text, for a citation's hover title."""
    if source.document is not None:
        return source.document.text.value
    return f"{translate('res_reference_data', lang)} ({source.file or source.graph})"
