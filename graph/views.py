"""Views of the network for the explorer page, as plain dicts ready for vis-network DataSets.

Three views: :func:`whole` (every node of the chosen kinds), :func:`partnership`
(organizations linked by what they share) and :func:`neighbourhood` (one
node's surroundings, 1 to 3 steps out). Each takes :class:`Filters` (node
kinds, relations, a collaboration area, a year range) and answers in the
asked language with ``{"nodes", "edges", "legend", "summary"}``. Nodes and
edges are built here as dicts, never through pyvis, whose ``add_node`` is
quadratic. Titles (hover text) are plain text: escape them before use as HTML.

Size, measured in nodes of the view (:class:`Limits`):

- below ``layout`` (1,500) nodes the browser lays the view out with physics;
- from ``layout`` up to ``summary`` (5,000) nodes every node gets ``x``/``y``
  from :func:`computed_layout` and ``summary["physics"]`` is false, so the
  browser draws without simulating;
- above ``summary`` nodes the view is summarised: one node per kind (per
  community in the partnership view), edges counting what joins them.

networkx's own layouts need numpy, which the project does not install, so
:func:`computed_layout` is a pure-Python one: Louvain communities as discs,
each a sunflower with its best-connected nodes in the middle.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from graph.analytics import (
    BETWEENNESS_SAMPLES,
    COMMUNITY_SEED,
    EXACT_BETWEENNESS,
    betweenness,
    fact,
    partnership_graph,
)
from graph.network import (
    DEFAULT_KINDS,
    KIND,
    RELATIONS,
    ExploreError,
    area_and_narrower,
    check_lang,
    in_years,
    node,
)

SIZE_MEASURES = ("degree", "betweenness", "none")


@dataclass(frozen=True)
class Limits:
    """When a view is laid out on the server, summarised, or sized by an estimate; all counts are nodes.

    vis-network's physics took minutes on 1,500 nodes in a user's report, so
    from ``layout`` nodes on the positions come computed; above ``summary``
    nodes one node per kind (or community) is all a browser can usefully show.
    """

    layout: int = 1500
    """From this many nodes, every node gets ``x``/``y`` and physics is off."""
    summary: int = 5000
    """Above this many nodes, the view is summarised by kind (by community for partnerships)."""
    exact_betweenness: int = EXACT_BETWEENNESS
    """Above this many nodes, betweenness (as a size measure) is estimated..."""
    betweenness_samples: int = BETWEENNESS_SAMPLES
    """...from this many sources."""
    label_length: int = 48
    """Labels drawn on the canvas are cut to this many characters; the hover text has them whole."""
    max_edge_width: int = 20
    """A partnership edge is as wide as its number of links, up to this."""


LIMITS = Limits()


@dataclass(frozen=True)
class Filters:
    """What to show: node kinds, relations, one area (and those below it), a year range.

    ``kinds`` ``None`` means :data:`graph.network.DEFAULT_KINDS`. A node with
    ``years`` outside the range goes; one without years stays. With
    ``relations``, only nodes touching a kept edge stay. With ``area``, only
    nodes linked to the area stay.
    """

    kinds: frozenset[str] | None = None
    relations: frozenset[str] | None = None
    area: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def parse(
        cls,
        kinds: Iterable[str] | None = None,
        relations: Iterable[str] | None = None,
        area: str | None = None,
        year_from: int | str | None = None,
        year_to: int | str | None = None,
    ) -> Filters:
        """Filters from user input (strings allowed), or an :class:`ExploreError` naming what is wrong."""
        chosen_kinds = _names(kinds, KIND, "kind")
        chosen_relations = _names(relations, RELATIONS, "relation")
        start, end = _year(year_from, "year_from"), _year(year_to, "year_to")
        if start is not None and end is not None and start > end:
            raise ExploreError(f"The year range {start}–{end} is empty: the first year comes after the last.")
        return cls(chosen_kinds, chosen_relations, area or None, start, end)


def _names(values: Iterable[str] | None, known: dict[str, Any], what: str) -> frozenset[str] | None:
    if values is None:
        return None
    chosen = frozenset(v.strip() for v in values if v and v.strip())
    unknown = sorted(chosen - set(known))
    if unknown:
        raise ExploreError(f"Unknown {what} {', '.join(map(repr, unknown))}: use one of {', '.join(known)}.")
    return chosen


def _year(value: int | str | None, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ExploreError(f"{name} must be a year such as 2017, not {value!r}.") from None
    if not 1000 <= year <= 9999:
        raise ExploreError(f"{name} must be a four-digit year, not {year}.")
    return year


def apply_filters(network: nx.MultiDiGraph, filters: Filters, keep: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The subgraph ``filters`` select (a read-only view); nodes in ``keep`` always stay."""
    keep = set(keep)
    kinds = DEFAULT_KINDS if filters.kinds is None else filters.kinds
    wanted_areas = area_and_narrower(network, filters.area) if filters.area else None
    chosen = set()
    for iri, data in network.nodes(data=True):
        if iri in keep or (
            data["kind"] in kinds
            and in_years(data["years"], filters.year_from, filters.year_to)
            and (wanted_areas is None or data["areas"] & wanted_areas)
        ):
            chosen.add(iri)
    view = network.subgraph(chosen)
    if filters.relations is None:
        return view
    relations = filters.relations
    view = nx.subgraph_view(view, filter_edge=lambda s, o, key: key in relations)
    touched = {n for edge in view.edges() for n in edge} | keep
    return view.subgraph(n for n in view if n in touched)


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------


def whole(
    network: nx.MultiDiGraph,
    filters: Filters | None = None,
    *,
    lang: str = "sv",
    size: str = "degree",
    limits: Limits = LIMITS,
) -> dict[str, Any]:
    """Every node of the chosen kinds, with the relations between them."""
    view = apply_filters(network, filters or Filters())
    return _render(network, view, "whole", lang, size, limits)


def neighbourhood(
    network: nx.MultiDiGraph,
    iri: str,
    depth: int = 1,
    filters: Filters | None = None,
    *,
    lang: str = "sv",
    size: str = "degree",
    limits: Limits = LIMITS,
) -> dict[str, Any]:
    """``iri`` and what lies within ``depth`` (1–3) steps of it, whichever way the edges point."""
    node(network, iri)
    if str(depth) not in ("1", "2", "3"):
        raise ExploreError(f"depth must be 1, 2 or 3, not {depth!r}.")
    depth = int(depth)
    view = apply_filters(network, filters or Filters(), keep=[iri])
    reached, frontier = {iri}, [iri]
    for _ in range(depth):
        following = []
        for current in frontier:
            for other in (*view.successors(current), *view.predecessors(current)):
                if other not in reached:
                    reached.add(other)
                    following.append(other)
        frontier = following
    result = _render(network, view.subgraph(reached), "neighbourhood", lang, size, limits)
    result["summary"].update(focus=iri, depth=depth)
    return result


def partnership(
    network: nx.MultiDiGraph,
    filters: Filters | None = None,
    *,
    lang: str = "sv",
    size: str = "degree",
    isolated: bool = False,
    limits: Limits = LIMITS,
) -> dict[str, Any]:
    """Organizations only, one edge per pair that shares agreements, bodies or collaborations.

    The filters apply to the network first (so a year range drops the
    agreements outside it, and a relation filter of ``party`` keeps only
    agreement links); their ``kinds`` are ignored. Edge ``width`` is the number
    of links (capped at ``limits.max_edge_width``); hover lists them.
    Organizations without partners are left out unless ``isolated``.
    """
    check_lang(lang)
    _check_size(size)
    chosen = filters or Filters()
    view = apply_filters(
        network, Filters(frozenset(KIND), chosen.relations, chosen.area, chosen.year_from, chosen.year_to)
    )
    graph = partnership_graph(view)
    if not isolated:
        graph = graph.subgraph(n for n in graph if graph.degree(n)).copy()
    summary = _summary("partnership", lang, graph, limits)
    summary["links"] = int(graph.size(weight="weight"))
    if graph.number_of_nodes() > limits.summary:
        return _aggregate_communities(network, graph, lang, summary)
    values = _measure(graph, size, limits)
    positions = computed_layout(graph) if summary["layout"] == "computed" else {}
    nodes = [_vis_node(network, n, lang, values[n], positions.get(n), limits) for n in sorted(graph)]
    edges = []
    pairs = sorted((min(a, b), max(a, b), data) for a, b, data in graph.edges(data=True))
    for index, (a, b, data) in enumerate(pairs):
        edges.append(
            {
                "id": f"p{index}",
                "from": a,
                "to": b,
                "width": min(data["weight"], limits.max_edge_width),
                "value": data["weight"],
                "title": _partnership_title(network, a, b, data, lang),
                "links": [
                    {**link, "label": network.nodes[link["via"]]["labels"][lang]} for link in data["links"]
                ],
            }
        )
    return {"nodes": nodes, "edges": edges, "legend": _legend(network, graph, lang), "summary": summary}


def node_details(network: nx.MultiDiGraph, iri: str, lang: str = "sv") -> dict[str, Any]:
    """What a click on a node shows: label, kind, years, areas, facts in sentences, source documents."""
    check_lang(lang)
    data = node(network, iri)
    facts = []
    edges = [
        (s, o, key, d) for s, o, key, d in network.out_edges(iri, keys=True, data=True) if key != "source"
    ]
    edges += [
        (s, o, key, d) for s, o, key, d in network.in_edges(iri, keys=True, data=True) if key != "source"
    ]
    for s, o, key, edge in edges:
        told = fact(network, s, o, key, edge)
        other = o if s == iri else s
        facts.append(
            {
                "relation": key,
                "relation_label": RELATIONS[key].label(lang),
                "other": other,
                "other_kind": network.nodes[other]["kind"],
                "text": told["text"][lang],
                "sources": [{"iri": d["iri"], "label": d["labels"][lang]} for d in told["sources"]],
            }
        )
    order = {key: index for index, key in enumerate(RELATIONS)}
    facts.sort(key=lambda f: (order[f["relation"]], f["text"].casefold()))
    kind = KIND[data["kind"]]
    return {
        "iri": iri,
        "kind": kind.key,
        "kind_label": kind.label(lang),
        "label": data["labels"][lang],
        "labels": dict(data["labels"]),
        "fallback": lang in data["fallback"],
        "alt_labels": list(data["alt_labels"]),
        "abbreviations": list(data["abbreviations"]),
        "years": list(data["years"]) if data["years"] else None,
        "areas": _labelled(network, data["areas"] - {iri}, lang),
        "facts": facts,
        "sources": _labelled(network, data["sources"], lang),
    }


def filter_options(network: nx.MultiDiGraph, lang: str = "sv") -> dict[str, Any]:
    """What a filter form offers: kinds, relations, areas (with the area above each), the data's years."""
    check_lang(lang)
    kinds = Counter(kind for _, kind in network.nodes(data="kind"))
    relations = Counter(key for _, _, key in network.edges(keys=True))
    areas = []
    for iri, data in network.nodes(data=True):
        if data["kind"] == "area":
            broader = sorted(o for _, o, key in network.out_edges(iri, keys=True) if key == "broader")
            areas.append({"iri": iri, "label": data["labels"][lang], "broader": broader})
    areas.sort(key=lambda a: a["label"].casefold())
    years = [y for _, span in network.nodes(data="years") if span for y in span if y is not None]
    return {
        "kinds": [
            {
                "key": k.key,
                "label": k.label(lang),
                "plural": k.plural(lang),
                "color": k.color,
                "shape": k.shape,
                "count": kinds[k.key],
                "default": k.key in DEFAULT_KINDS,
            }
            for k in KIND.values()
        ],
        "relations": [
            {"key": r.key, "label": r.label(lang), "count": relations[r.key]} for r in RELATIONS.values()
        ],
        "areas": areas,
        "years": [min(years), max(years)] if years else None,
    }


# ---------------------------------------------------------------------------
# Building the dicts
# ---------------------------------------------------------------------------


def _render(
    network: nx.MultiDiGraph, view: nx.MultiDiGraph, name: str, lang: str, size: str, limits: Limits
) -> dict[str, Any]:
    check_lang(lang)
    _check_size(size)
    simple = nx.Graph()
    simple.add_nodes_from(view)
    simple.add_edges_from(view.edges())
    summary = _summary(name, lang, view, limits)
    if view.number_of_nodes() > limits.summary:
        return _aggregate_kinds(network, view, lang, summary)
    values = _measure(simple, size, limits)
    positions = computed_layout(simple) if summary["layout"] == "computed" else {}
    nodes = [_vis_node(network, n, lang, values[n], positions.get(n), limits) for n in sorted(view)]
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, o, key in view.edges(keys=True):
        pairs[s, o].append(key)
    order = {key: index for index, key in enumerate(RELATIONS)}
    edges = []
    for index, ((s, o), keys) in enumerate(sorted(pairs.items())):
        keys.sort(key=order.__getitem__)
        told = [fact(network, s, o, key, network.edges[s, o, key]) for key in keys]
        edges.append(
            {
                "id": f"e{index}",
                "from": s,
                "to": o,
                "label": ", ".join(RELATIONS[key].label(lang) for key in keys),
                "title": "\n".join(_fact_line(f, lang) for f in told),
                "relations": keys,
                "arrows": "to",
                "width": len(keys),
            }
        )
    summary.update(edges=len(edges), facts=view.number_of_edges())
    return {"nodes": nodes, "edges": edges, "legend": _legend(network, view, lang), "summary": summary}


def _summary(name: str, lang: str, graph: nx.Graph, limits: Limits) -> dict[str, Any]:
    n = graph.number_of_nodes()
    layout = "aggregated" if n > limits.summary else "computed" if n >= limits.layout else "physics"
    return {
        "view": name,
        "lang": lang,
        "nodes": n,
        "edges": graph.number_of_edges(),
        "layout": layout,
        "physics": layout != "computed",
        "aggregated": layout == "aggregated",
        "limits": asdict(limits),
    }


def _check_size(size: str) -> None:
    if size not in SIZE_MEASURES:
        raise ExploreError(f"Unknown size measure {size!r}: use one of {', '.join(SIZE_MEASURES)}.")


def _measure(graph: nx.Graph, size: str, limits: Limits) -> dict[str, float]:
    if size == "betweenness":
        return betweenness(graph, limits.exact_betweenness, limits.betweenness_samples)
    if size == "degree":
        return {n: float(d) for n, d in graph.degree()}
    return {n: 1.0 for n in graph}


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _vis_node(
    network: nx.MultiDiGraph,
    iri: str,
    lang: str,
    value: float,
    position: tuple[float, float] | None,
    limits: Limits,
) -> dict[str, Any]:
    data = network.nodes[iri]
    kind = KIND[data["kind"]]
    label = data["labels"][lang]
    lines = [label, kind.label(lang)]
    if data["years"]:
        start, end = data["years"]
        lines.append(str(start) if start == end else f"{start}–{end or ''}")
    if data["abbreviations"]:
        lines.append(", ".join(data["abbreviations"]))
    result: dict[str, Any] = {
        "id": iri,
        "label": _short(label, limits.label_length),
        "title": "\n".join(lines),
        "group": kind.key,
        "kind": kind.key,
        "color": {"background": kind.color, "border": "#222222"},
        "shape": kind.shape,
        "value": value,
        "fallback": lang in data["fallback"],
        "years": list(data["years"]) if data["years"] else None,
    }
    if position is not None:
        result["x"], result["y"] = position
        result["physics"] = False
    return result


def _fact_line(told: dict[str, Any], lang: str) -> str:
    documents = "; ".join(d["labels"][lang] for d in told["sources"])
    return f"{told['text'][lang]}" + (f" ({documents})" if documents else "")


def _partnership_title(network: nx.MultiDiGraph, a: str, b: str, data: dict[str, Any], lang: str) -> str:
    names = f"{network.nodes[a]['labels'][lang]} – {network.nodes[b]['labels'][lang]}"
    count = data["weight"]
    head = f"{names}: {count} " + (
        ("koppling" if count == 1 else "kopplingar") if lang == "sv" else ("link" if count == 1 else "links")
    )
    lines = [head]
    for link in data["links"]:
        lines.append(f"• {KIND[link['kind']].label(lang)}: {network.nodes[link['via']]['labels'][lang]}")
    return "\n".join(lines)


def _legend(network: nx.MultiDiGraph, graph: nx.Graph, lang: str) -> list[dict[str, Any]]:
    counts = Counter(network.nodes[n]["kind"] for n in graph)
    return [
        {
            "kind": k.key,
            "label": k.label(lang),
            "plural": k.plural(lang),
            "color": k.color,
            "shape": k.shape,
            "count": counts[k.key],
        }
        for k in KIND.values()
        if counts[k.key]
    ]


def _labelled(network: nx.MultiDiGraph, iris: Iterable[str], lang: str) -> list[dict[str, str]]:
    found = [{"iri": i, "label": network.nodes[i]["labels"][lang] if i in network else i} for i in iris]
    return sorted(found, key=lambda item: (item["label"].casefold(), item["iri"]))


# ---------------------------------------------------------------------------
# Large views: a computed layout, or a summary
# ---------------------------------------------------------------------------

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def computed_layout(
    graph: nx.Graph, spacing: float = 40.0, seed: int = COMMUNITY_SEED
) -> dict[str, tuple[float, float]]:
    """Positions for every node, deterministic and about linear in the graph's size.

    Louvain communities (isolated nodes together) become discs placed on a
    golden-angle spiral, largest first; inside a disc the nodes lie on a
    sunflower, best connected in the middle. Each node gets about
    ``spacing``² of room, so vis-network can draw it with physics off.
    """
    linked = graph.subgraph(n for n in graph if graph.degree(n))
    groups = (
        [sorted(c) for c in nx.community.louvain_communities(linked, seed=seed)]
        if linked.number_of_edges()
        else []
    )
    isolated = sorted(n for n in graph if not graph.degree(n))
    if isolated:
        groups.append(isolated)
    groups.sort(key=lambda members: (-len(members), members[0]))
    positions: dict[str, tuple[float, float]] = {}
    placed = 0
    for index, members in enumerate(groups):
        if index == 0:
            cx = cy = 0.0
        else:
            distance = spacing * 1.15 * (math.sqrt(placed) + math.sqrt(len(members)))
            cx, cy = distance * math.cos(index * GOLDEN_ANGLE), distance * math.sin(index * GOLDEN_ANGLE)
        members.sort(key=lambda n: (-graph.degree(n), n))
        for k, member in enumerate(members):
            r = spacing * math.sqrt(k + 0.5)
            positions[member] = (
                round(cx + r * math.cos(k * GOLDEN_ANGLE), 1),
                round(cy + r * math.sin(k * GOLDEN_ANGLE), 1),
            )
        placed += len(members)
    return positions


def _aggregate_kinds(
    network: nx.MultiDiGraph, view: nx.MultiDiGraph, lang: str, summary: dict[str, Any]
) -> dict[str, Any]:
    """One node per kind, one edge per pair of kinds with the relations counted."""
    members = Counter(network.nodes[n]["kind"] for n in view)
    between: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for s, o, key in view.edges(keys=True):
        between[network.nodes[s]["kind"], network.nodes[o]["kind"]][key] += 1
    nodes = [
        {
            "id": f"kind:{k.key}",
            "label": f"{k.plural(lang)} ({members[k.key]})",
            "title": f"{k.plural(lang)}: {members[k.key]}",
            "group": k.key,
            "kind": k.key,
            "color": {"background": k.color, "border": "#222222"},
            "shape": k.shape,
            "value": members[k.key],
            "aggregate": True,
        }
        for k in KIND.values()
        if members[k.key]
    ]
    edges = []
    for index, ((a, b), counts) in enumerate(sorted(between.items())):
        if a == b:
            continue
        total = sum(counts.values())
        edges.append(
            {
                "id": f"k{index}",
                "from": f"kind:{a}",
                "to": f"kind:{b}",
                "label": str(total),
                "arrows": "to",
                "width": 1 + math.log2(total),
                "title": "\n".join(f"{RELATIONS[key].label(lang)}: {n}" for key, n in counts.most_common()),
            }
        )
    return {"nodes": nodes, "edges": edges, "legend": _legend(network, view, lang), "summary": summary}


def _aggregate_communities(
    network: nx.MultiDiGraph, graph: nx.Graph, lang: str, summary: dict[str, Any]
) -> dict[str, Any]:
    """One node per partnership community (named after its best-connected member), edges summing links."""
    linked = graph.subgraph(n for n in graph if graph.degree(n))
    groups = [
        sorted(c) for c in nx.community.louvain_communities(linked, weight="weight", seed=COMMUNITY_SEED)
    ]
    groups += [[n] for n in sorted(graph) if not graph.degree(n)]
    groups.sort(key=lambda m: (-len(m), m[0]))
    group_of = {n: index for index, members in enumerate(groups) for n in members}
    organization = KIND["organization"]
    nodes = []
    for index, members in enumerate(groups):
        hub = min(members, key=lambda n: (-graph.degree(n, weight="weight"), n))
        name = network.nodes[hub]["labels"][lang]
        more = "m.fl." if lang == "sv" else "and others"
        nodes.append(
            {
                "id": f"community:{index}",
                "label": f"{name} {more} ({len(members)})" if len(members) > 1 else name,
                "title": "\n".join(network.nodes[n]["labels"][lang] for n in members[:30]),
                "group": "organization",
                "kind": "organization",
                "color": {"background": organization.color, "border": "#222222"},
                "shape": organization.shape,
                "value": len(members),
                "aggregate": True,
            }
        )
    weights: Counter[tuple[int, int]] = Counter()
    for a, b, data in graph.edges(data=True):
        ga, gb = sorted((group_of[a], group_of[b]))
        if ga != gb:
            weights[ga, gb] += data["weight"]
    edges = [
        {
            "id": f"c{i}",
            "from": f"community:{a}",
            "to": f"community:{b}",
            "value": w,
            "width": 1 + math.log2(w),
            "title": str(w),
        }
        for i, ((a, b), w) in enumerate(sorted(weights.items()))
    ]
    return {"nodes": nodes, "edges": edges, "legend": _legend(network, graph, lang), "summary": summary}
