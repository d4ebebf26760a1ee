"""The network page (``/network``) and the explorer's JSON API under ``/api/``.

The page is drawn on the server in the state its address names: the
controls are filled in, the nodes are listed as links (all a reader without
JavaScript gets, and an accessible alternative to the canvas for everyone),
and the view's data rides along for ``static/network.js``, which draws it
with vis-network and then asks ``/api/network`` for every change, keeping
the address, and with it the language link, in step. Page and API read the
same parameters through :class:`State`, so the same query string gives the
same picture:

``view``
    ``partnership`` (the default), ``whole`` or ``neighbourhood``.
``focus``
    The node a neighbourhood is centred on: an IRI, or its path under the
    instance base (``org/huddinge-kommun``); a focus alone means the
    neighbourhood view.
``depth``
    1 (the default) to 3 steps from the focus.
``kinds``, ``relations``
    Comma-separated (or repeated) keys. Absent: the defaults (every kind but
    source documents; every relation). Present but empty: none.
``area``
    A collaboration area, named like ``focus``; the areas below it count too.
``from``, ``to``
    A year range: agreements, decisions, meetings and plans outside it go.
``size``
    What node size follows: ``degree`` (the default), ``betweenness``, ``none``.
``lang``
    ``sv`` (the default) or ``en``.

A bad parameter is an :class:`~graph.network.ExploreError`: the API answers
400 (404 for a focus that is not in the network) with JSON naming what was
wrong; the page shows the message above the default picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from graph.errors import SamverkanError
from graph.network import DEFAULT_KINDS, KIND, LANGUAGES, RELATIONS, ExploreError, check_lang, node
from graph.views import (
    LIMITS,
    SIZE_MEASURES,
    Filters,
    Limits,
    filter_options,
    neighbourhood,
    node_details,
    partnership,
    whole,
)
from webapp import errors
from webapp.i18n import DEFAULT, current_lang, translate
from webapp.network_cache import get_network, get_search_index
from webapp.resources import resource_url
from webapp.store import current_site

bp = Blueprint("explorer", __name__)

VIEWS = ("partnership", "whole", "neighbourhood")
DEFAULT_VIEW = "partnership"
DEFAULT_SIZE = "degree"
DEPTHS = ("1", "2", "3")
SEARCH_LIMIT = 8
"""Suggestions offered while typing; ``limit`` asks for up to 100."""


@dataclass(frozen=True)
class State:
    """What the network page shows, read from a query string and written back to one."""

    view: str = DEFAULT_VIEW
    focus: str | None = None
    """The neighbourhood's centre (a full IRI); only the neighbourhood view has one."""
    depth: int = 1
    filters: Filters = field(default_factory=Filters)
    size: str = DEFAULT_SIZE

    @classmethod
    def from_args(cls, args: MultiDict[str, str], network: nx.MultiDiGraph) -> State:
        """The state ``args`` name, checked against ``network``; else an :class:`ExploreError` saying why."""
        focus = _iri(args.get("focus"))
        view = args.get("view") or ("neighbourhood" if focus else DEFAULT_VIEW)
        if view not in VIEWS:
            raise ExploreError(f"Unknown view {view!r}: use one of {', '.join(VIEWS)}.")
        depth = args.get("depth") or "1"
        if depth not in DEPTHS:
            raise ExploreError(f"depth must be 1, 2 or 3, not {depth!r}.")
        if view == "neighbourhood":
            if focus is None:
                raise ExploreError("The neighbourhood view needs focus=, the node to centre on.")
            node(network, focus)
        else:
            focus, depth = None, "1"
        size = args.get("size") or DEFAULT_SIZE
        if size not in SIZE_MEASURES:
            raise ExploreError(f"Unknown size measure {size!r}: use one of {', '.join(SIZE_MEASURES)}.")
        area = _iri(args.get("area"))
        if area is not None and network.nodes.get(area, {}).get("kind") != "area":
            raise ExploreError(f"area {args['area']!r} is not a collaboration area of the graph.")
        filters = Filters.parse(
            _listed(args, "kinds"), _listed(args, "relations"), area, args.get("from"), args.get("to")
        )
        if filters.kinds == DEFAULT_KINDS:
            filters = replace(filters, kinds=None)
        if filters.relations is not None and filters.relations >= offered_relations(network):
            filters = replace(filters, relations=None)
        return cls(view, focus, int(depth), filters, size)

    def params(self) -> dict[str, str]:
        """The query string naming this state, defaults left out, in a fixed order."""
        f = self.filters
        params = {
            "view": self.view if self.view != DEFAULT_VIEW else None,
            "focus": short(self.focus) if self.focus else None,
            "depth": str(self.depth) if self.depth != 1 else None,
            "kinds": ",".join(k for k in KIND if k in f.kinds) if f.kinds is not None else None,
            "relations": (
                ",".join(r for r in RELATIONS if r in f.relations) if f.relations is not None else None
            ),
            "area": short(f.area) if f.area else None,
            "from": str(f.year_from) if f.year_from is not None else None,
            "to": str(f.year_to) if f.year_to is not None else None,
            "size": self.size if self.size != DEFAULT_SIZE else None,
        }
        return {name: value for name, value in params.items() if value is not None}

    def as_json(self) -> dict[str, Any]:
        """The state as ``network.js`` keeps it (IRIs as their paths under the instance base)."""
        f = self.filters
        return {
            "view": self.view,
            "focus": short(self.focus) if self.focus else None,
            "depth": self.depth,
            "kinds": [k for k in KIND if k in f.kinds] if f.kinds is not None else None,
            "relations": [r for r in RELATIONS if r in f.relations] if f.relations is not None else None,
            "area": short(f.area) if f.area else None,
            "from": f.year_from,
            "to": f.year_to,
            "size": self.size,
        }

    def draw(self, network: nx.MultiDiGraph, lang: str) -> dict[str, Any]:
        """The view as vis-network data, each node with its whole name and its page, the links with theirs.

        The app's ``EXPLORER_LIMITS`` (a :class:`~graph.views.Limits`), if set, say from how many nodes
        a view is laid out on the server or summarised; tests set them low.
        """
        limits: Limits = current_app.config.get("EXPLORER_LIMITS") or LIMITS
        options = {"lang": lang, "size": self.size, "limits": limits}
        if self.view == "partnership":
            drawn = partnership(network, self.filters, **options)
        elif self.view == "whole":
            drawn = whole(network, self.filters, **options)
        else:
            assert self.focus is not None
            drawn = neighbourhood(network, self.focus, self.depth, self.filters, **options)
        for item in drawn["nodes"]:
            if not item.get("aggregate"):
                item["name"] = network.nodes[item["id"]]["labels"][lang]
                item["href"] = resource_url(item["id"])
        for edge in drawn["edges"]:
            for link in edge.get("links", ()):
                link["kind_label"] = KIND[link["kind"]].label(lang)
                link["href"] = resource_url(link["via"])
        drawn["state"] = self.as_json()
        return drawn


def _iri(value: str | None) -> str | None:
    """An IRI from a parameter: a full ``http(s)`` IRI, or a path under the instance base."""
    value = (value or "").strip()
    if not value:
        return None
    return value if value.startswith(("http://", "https://")) else current_site().id_base + value.lstrip("/")


def short(iri: str) -> str:
    """``iri`` as a parameter: its path under the instance base, else whole."""
    id_base = current_site().id_base
    return iri[len(id_base) :] if iri.startswith(id_base) else iri


def _listed(args: MultiDict[str, str], name: str) -> list[str] | None:
    """A list parameter, comma-separated or repeated; ``None`` when absent, ``[]`` when present but empty."""
    if name not in args:
        return None
    return [part for value in args.getlist(name) for part in value.split(",") if part.strip()]


def offered_relations(network: nx.MultiDiGraph) -> frozenset[str]:
    """The relations the network has edges of: choosing all of them is no relation filter."""
    return frozenset(key for _, _, key in network.edges(keys=True))


def page_url(state: State, lang: str) -> str:
    """The network page showing ``state`` in ``lang``; commas and slashes stay readable in its query."""
    params = state.params()
    if lang != DEFAULT:
        params["lang"] = lang
    return url_for("explorer.page") + (f"?{urlencode(params, safe=',/')}" if params else "")


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


@bp.get("/network")
def page() -> Response | tuple[str, int]:
    network = get_network()
    lang = current_lang()
    wanted = request.args.get("q", "").strip()
    if wanted:  # the search form, sent without JavaScript
        found = get_search_index().suggest(wanted, lang, 1)
        if found:
            return redirect(page_url(State("neighbourhood", found[0]["iri"]), lang))
    problem, status = None, 200
    try:
        state = State.from_args(request.args, network)
    except ExploreError as error:
        state, problem, status = State(), str(error), error.http_status
    drawn = state.draw(network, lang)
    html = render_template(
        "network.html",
        state=state,
        drawn=drawn,
        problem=problem,
        no_match=wanted or None,
        controls=_controls(network, state, lang),
        groups=_groups(drawn),
        focus_label=network.nodes[state.focus]["labels"][lang] if state.focus else None,
        focus_url=lambda iri: page_url(replace(state, view="neighbourhood", focus=iri), lang),
        swatches=SWATCHES,
        id_base=current_site().id_base,
    )
    return html, status


def _controls(network: nx.MultiDiGraph, state: State, lang: str) -> dict[str, Any]:
    """What the page's controls offer, and which are chosen."""
    options = filter_options(network, lang)
    chosen = state.filters
    kinds = sorted(options["kinds"], key=lambda kind: kind["key"] == "document")
    for kind in kinds:
        kind["checked"] = kind["key"] in (DEFAULT_KINDS if chosen.kinds is None else chosen.kinds)
    relations = [relation for relation in options["relations"] if relation["count"]]
    for relation in relations:
        relation["checked"] = chosen.relations is None or relation["key"] in chosen.relations
    return {
        "kinds": kinds,
        "relations": relations,
        "areas": _area_tree(options["areas"]),
        "years": options["years"],
    }


def _area_tree(areas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Areas in reading order, each followed by the ones below it; ``level`` says how far down."""
    known = {area["iri"] for area in areas}
    below: dict[str | None, list[dict[str, Any]]] = {}
    for area in areas:
        parents = [iri for iri in area["broader"] if iri in known] or [None]
        below.setdefault(parents[0], []).append(area)
    ordered: list[dict[str, Any]] = []
    placed: set[str] = set()

    def place(area: dict[str, Any], level: int) -> None:
        if area["iri"] not in placed:
            placed.add(area["iri"])
            ordered.append({**area, "value": short(area["iri"]), "level": level})
            for narrower in below.get(area["iri"], ()):
                place(narrower, level + 1)

    for area in below.get(None, ()):
        place(area, 0)
    for area in areas:  # areas only reached through a loop of broader areas
        place(area, 0)
    return ordered


def _groups(drawn: dict[str, Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The view's nodes by kind, in the legend's order, each kind's by name: the list without JavaScript."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for item in drawn["nodes"]:
        by_kind.setdefault(item["kind"], []).append(item)
    return [
        (entry, sorted(by_kind[entry["kind"]], key=lambda n: (n.get("name", n["label"]).casefold(), n["id"])))
        for entry in drawn["legend"]
        if entry["kind"] in by_kind
    ]


def _polygon(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _regular(corners: int, radius: float, start: float, inner: float | None = None) -> str:
    """A regular polygon (or a star, with ``inner``) around the middle of a 16 by 16 box."""
    steps = corners * (2 if inner else 1)
    points = []
    for step in range(steps):
        r = inner if inner and step % 2 else radius
        angle = start + 2 * math.pi * step / steps
        points.append((8 + r * math.cos(angle), 8 + r * math.sin(angle)))
    return _polygon(points)


SWATCHES: dict[str, str] = {
    "dot": _regular(24, 6.5, 0),
    "square": _polygon([(2, 2), (14, 2), (14, 14), (2, 14)]),
    "diamond": _polygon([(8, 0.8), (15.2, 8), (8, 15.2), (0.8, 8)]),
    "triangle": _polygon([(8, 1.5), (15, 14), (1, 14)]),
    "triangleDown": _polygon([(1, 2), (15, 2), (8, 14.5)]),
    "hexagon": _regular(6, 7, 0),
    "star": _regular(5, 7.5, -math.pi / 2, inner=3.2),
}
"""Each vis-network shape the kinds use, as SVG polygon points for the legend (page and script share them)."""


# ---------------------------------------------------------------------------
# The JSON API
# ---------------------------------------------------------------------------


def _api_lang() -> str:
    """The API's language: like the pages' ``lang``, but a wrong one is an error, not Swedish."""
    return check_lang(request.args.get("lang") or DEFAULT)


@bp.get("/api/network")
def api_network() -> Response:
    """The view the parameters name (see the module's docstring).

    ``{nodes, edges, legend, summary}`` as :mod:`graph.views` draws them, with ``state`` (the parameters
    as the page's script keeps them) and ``url`` (the page showing this view).
    """
    lang = _api_lang()
    network = get_network()
    state = State.from_args(request.args, network)
    drawn = state.draw(network, lang)
    drawn["url"] = page_url(state, lang)
    return jsonify(drawn)


@bp.get("/api/search")
def api_search() -> Response:
    """Up to ``limit`` (8) suggestions for ``q``: ``{query, results: [{iri, kind, label, matched, ...}]}``."""
    lang = _api_lang()
    wanted = request.args.get("q", "")
    limit = request.args.get("limit") or str(SEARCH_LIMIT)
    if not limit.isdigit():
        raise ExploreError(f"limit must be a whole number from 1 to 100, not {limit!r}.")
    network = get_network()
    results = get_search_index().suggest(wanted, lang, int(limit))
    for hit in results:
        hit["fallback"] = lang in network.nodes[hit["iri"]]["fallback"]
        hit["href"] = resource_url(hit["iri"])
    return jsonify(query=wanted, results=results)


@bp.get("/api/node")
def api_node() -> Response:
    """What the side panel shows of node ``iri``: label, kind, years, areas, facts, and in ``documents``
    the source documents of the node and of each of its facts."""
    lang = _api_lang()
    iri = _iri(request.args.get("iri"))
    if iri is None:
        raise ExploreError("iri is required: the node to describe, such as iri=org/huddinge-kommun.")
    details = node_details(get_network(), iri, lang)
    details["href"] = resource_url(iri)
    details["focus"] = short(iri)
    documents = {source["iri"]: source for source in details["sources"]}
    for fact in details["facts"]:
        documents.update((source["iri"], source) for source in fact["sources"])
    details["documents"] = sorted(documents.values(), key=lambda d: (d["label"].casefold(), d["iri"]))
    for item in (*documents.values(), *details["areas"]):
        item["href"] = resource_url(item["iri"])
    return jsonify(details)


@bp.errorhandler(SamverkanError)
def explain(error: SamverkanError) -> errors.ErrorAnswer:
    """An API error as JSON with its message; on the page, the app's error page (a store not built, ...)."""
    if not request.path.startswith("/api/"):
        return errors.project_error(error)
    status = error.http_status
    key = "error_404" if status == 404 else "error_503" if status == 503 else "error_other"
    lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else DEFAULT
    body = jsonify(
        ok=False,
        status=status,
        title=translate(key, lang),
        hint=translate(f"{key}_hint", lang),
        message=str(error),
    )
    return body, status
