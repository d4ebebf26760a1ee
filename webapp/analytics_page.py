"""The analytics page (``/analytics``) and "How are A and B connected?" (``/connections``).

``/analytics`` shows the partnership network's measures per organization as a
table sorted on the server (``?sort=<column>&order=asc|desc``; the page's
script sorts the same way in place), its Louvain communities drawn with
vis-network and listed, and the organizations without a link to a chosen
collaboration area (``?area=<iri>``). ``/connections?a=<iri>&b=<iri>`` tells
the shortest chains of facts between two organizations, each step a sentence
linked to the things it names and to its source documents.

The measures come from :mod:`graph.analytics`. They are computed once per
network (that is, once per build of the store) and kept, since betweenness
and communities take seconds on a national graph.
"""

from __future__ import annotations

import string
import threading
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
from flask import Blueprint, current_app, render_template, request

from graph.analytics import (
    BETWEENNESS_SAMPLES,
    EXACT_BETWEENNESS,
    communities,
    connections,
    gaps,
    organization_measures,
    partnership_graph,
)
from graph.community_view import community_style, community_view
from graph.network import RELATIONS
from graph.views import LIMITS, filter_options
from webapp.i18n import current_lang, translate
from webapp.network_cache import get_network
from webapp.params import fail, node_or_fail
from graph.language import collation_key
from webapp.things import by_label, organizations, thing

bp = Blueprint("analytics", __name__)

COLUMNS = ("name", "partners", "links", "betweenness", "agreements", "bodies", "collaborations", "areas")
"""The table's columns, as ``?sort=`` names them; names sort A to Ö first, numbers largest first."""

DEFAULT_COLUMN = "betweenness"
"""Brokers first: the question the page opens with is "who brokers"."""

TABLE_LIMIT = 500
"""The table shows at most this many organizations, the first in the chosen order; the server sorts them all."""

MEMBERS_SHOWN = 60
"""A community's list names at most this many members, then says how many more there are."""

MAX_CHAINS = 5
"""At most this many shortest chains are told."""

MAX_STEPS = 6
"""Chains longer than this are not looked for: the answer is then that there is none."""

DRAWING_LIMITS = replace(LIMITS, layout=300, summary=1000)
"""The drawing is laid out on the server from 300 organizations, and shows one node per community above 1,000:
the page carries the drawing itself, and the network page is there for the whole partnership network."""

PICKER_LIMIT = 1000
"""With more organizations than this, the page links to ``/connections`` instead of carrying its two pickers."""

EXTENSION = "samverkan_analytics"


@dataclass
class Analysis:
    """The partnership network's measures and communities, for one network."""

    partnership: nx.Graph
    measures: list[dict[str, Any]]
    communities: list[list[str]]
    drawings: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Language -> the community drawing, made on first use."""
    community_of: dict[str, int] = field(init=False, repr=False)
    """Organization IRI -> the index of its community."""

    def __post_init__(self) -> None:
        self.community_of = {iri: index for index, members in enumerate(self.communities) for iri in members}


class AnalysisCache:
    """The analysis of the app's current network; made again when the network is read again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[nx.MultiDiGraph, Analysis] | None = None

    def get(self, network: nx.MultiDiGraph) -> Analysis:
        with self._lock:
            if self._cached is None or self._cached[0] is not network:
                graph = partnership_graph(network)
                self._cached = (network, Analysis(graph, organization_measures(network, graph), communities(graph)))
            return self._cached[1]


def get_analysis(network: nx.MultiDiGraph) -> Analysis:
    cache: AnalysisCache = current_app.extensions.setdefault(EXTENSION, AnalysisCache())
    return cache.get(network)


def community_drawing(network: nx.MultiDiGraph, analysis: Analysis, lang: str) -> dict[str, Any]:
    """The drawing's nodes and edges in ``lang``; each node's hover text names its community."""
    if lang not in analysis.drawings:
        view = community_view(network, analysis.communities, lang, DRAWING_LIMITS)
        for node in view["nodes"]:
            if "community" in node:
                node["title"] += "\n" + translate("community", lang).format(n=node["community"])
            if not node.get("aggregate"):
                node["href"] = thing(network, node["id"], lang)["href"]
        analysis.drawings[lang] = {key: view[key] for key in ("nodes", "edges", "summary")}
    return analysis.drawings[lang]


@bp.get("/analytics")
def index() -> str:
    lang = current_lang()
    network = get_network()
    analysis = get_analysis(network)
    column, order = _sort_or_fail()
    rows = _rows(network, analysis, lang)
    _sort(rows, column, order)
    area = (request.args.get("area") or "").strip() or None
    missing = None
    if area is not None:
        node_or_fail(network, "area", area, "area")
        partnered = [iri for iri in gaps(network, area, only_partners=False) if analysis.partnership.degree(iri)]
        missing = by_label([thing(network, iri, lang) for iri in partnered], lang)
    organizations_linked = analysis.partnership.number_of_nodes()
    return render_template(
        "analytics.html",
        rows=rows[:TABLE_LIMIT],
        total_rows=len(rows),
        columns=COLUMNS,
        sort=column,
        order=order,
        sampled=(
            {"samples": BETWEENNESS_SAMPLES, "nodes": organizations_linked}
            if organizations_linked > EXACT_BETWEENNESS
            else None
        ),
        drawing=community_drawing(network, analysis, lang),
        communities=[_community(network, index, members, lang) for index, members in enumerate(analysis.communities)],
        members_shown=MEMBERS_SHOWN,
        without_partners=sum(1 for _, degree in analysis.partnership.degree() if not degree),
        areas=_areas(network, lang),
        area=area,
        area_label=network.nodes[area]["labels"][lang] if area else None,
        gaps=missing,
        organizations=organizations(network, lang) if len(analysis.partnership) <= PICKER_LIMIT else None,
    )


@bp.get("/connections")
def connections_page() -> str:
    lang = current_lang()
    network = get_network()
    a = (request.args.get("a") or "").strip() or None
    b = (request.args.get("b") or "").strip() or None
    for param, value in (("a", a), ("b", b)):
        if value is not None:
            node_or_fail(network, param, value, "organization")
    found = None
    if a is not None and b is not None:
        if a == b:
            fail(400, "error_same_organization")
        found = connections(network, a, b, max_paths=MAX_CHAINS, max_steps=MAX_STEPS)
    return render_template(
        "connections.html",
        organizations=organizations(network, lang),
        a=a,
        b=b,
        a_thing=thing(network, a, lang) if a else None,
        b_thing=thing(network, b, lang) if b else None,
        found=found,
        chains=[_chain(network, path, lang) for path in found["paths"]] if found else [],
        max_chains=MAX_CHAINS,
        max_steps=MAX_STEPS,
    )


def _sort_or_fail() -> tuple[str, str]:
    column = request.args.get("sort") or DEFAULT_COLUMN
    if column not in COLUMNS:
        fail(400, "error_bad_sort", value=column, choices=", ".join(COLUMNS))
    order = request.args.get("order") or ("asc" if column == "name" else "desc")
    if order not in ("asc", "desc"):
        fail(400, "error_bad_order", value=order)
    return column, order


def _rows(network: nx.MultiDiGraph, analysis: Analysis, lang: str) -> list[dict[str, Any]]:
    rows = []
    for measures in analysis.measures:
        organization = thing(network, measures["iri"], lang)
        index = analysis.community_of.get(measures["iri"])
        rows.append(
            {
                **measures,
                "thing": organization,
                "name": collation_key(organization["label"], lang),
                "betweenness_text": _decimal(measures["betweenness"], lang),
                "community": None if index is None else {"number": index + 1, "style": community_style(index)},
            }
        )
    return rows


def _sort(rows: list[dict[str, Any]], column: str, order: str) -> None:
    """Sort by ``column``; equal values by name, A to Ö, whichever way the column goes (as the script does)."""
    rows.sort(key=lambda row: (row["name"], row["iri"]), reverse=column == "name" and order == "desc")
    if column != "name":
        rows.sort(key=lambda row: row[column], reverse=order == "desc")


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.3f}"
    return text.replace(".", ",") if lang == "sv" else text


def _community(network: nx.MultiDiGraph, index: int, members: list[str], lang: str) -> dict[str, Any]:
    return {
        "number": index + 1,
        "style": community_style(index),
        "size": len(members),
        "members": by_label([thing(network, iri, lang) for iri in members], lang)[:MEMBERS_SHOWN],
    }


def _areas(network: nx.MultiDiGraph, lang: str) -> list[dict[str, Any]]:
    """The collaboration areas to choose from, each with the areas it lies within."""
    options = filter_options(network, lang)["areas"]
    names = {option["iri"]: option["label"] for option in options}
    return [{**option, "within": ", ".join(names.get(b, b) for b in option["broader"])} for option in options]


def _chain(network: nx.MultiDiGraph, path: dict[str, Any], lang: str) -> dict[str, Any]:
    """One chain as the page tells it: its things in order, and each step's facts as linked sentences."""
    return {
        "nodes": [thing(network, node["iri"], lang) for node in path["nodes"]],
        "steps": [
            [
                {
                    "parts": _sentence(network, fact["relation"], fact["from"], fact["to"], lang),
                    "sources": [thing(network, doc["iri"], lang) for doc in fact["sources"]],
                }
                for fact in step["facts"]
            ]
            for step in path["steps"]
        ],
    }


def _sentence(network: nx.MultiDiGraph, relation: str, s: str, o: str, lang: str) -> list[dict[str, Any]]:
    """The relation's sentence in ``lang`` as parts: text, and the two things it names as links."""
    template = RELATIONS[relation].sentence_sv if lang == "sv" else RELATIONS[relation].sentence_en
    ends = {"s": s, "o": o}
    parts: list[dict[str, Any]] = []
    for text, name, _, _ in string.Formatter().parse(template):
        if text:
            parts.append({"text": text})
        if name:
            parts.append({"thing": thing(network, ends[name], lang)})
    return parts
