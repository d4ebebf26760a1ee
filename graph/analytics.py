"""Network analysis for strategists: who partners with whom, who brokers, what is missing, how A reaches B.

Everything here is a pure function of the network read by
:func:`graph.network.read_network`.

- The **partnership network** (:func:`partnership_graph`) has organizations
  only. Two organizations are linked once for every agreement both are party
  to, every body both sit in (through seats, or as ``org:hasMember`` of a
  forum, conference or committee) and every collaboration both are members
  of; ``weight`` is the number of such links and ``links`` lists them.
- **Measures** (:func:`organization_measures`): degree is the number of
  partner organizations, ``links`` the weighted degree (sum of link counts).
  Betweenness is *unweighted* (hops in the partnership network), normalised
  to 0..1: a broker sits on the shortest chains between others whatever the
  strength of each tie, and turning tie counts into distances would be a
  modelling choice nobody could explain on a page. Above
  :data:`EXACT_BETWEENNESS` nodes it is estimated from
  :data:`BETWEENNESS_SAMPLES` sources chosen with a fixed seed (pure-Python
  betweenness costs one breadth-first search per source: about 15 ms each on
  a partnership network of 4,500 organizations and 22,000 pairs).
- **Communities** (:func:`communities`): Louvain on the partnership network,
  weighted by link counts, fixed seed; organizations without partners are left
  out (each would be its own community).
- **Gaps** (:func:`gaps`): organizations with no link to an area (see
  :func:`graph.network._propagate_areas` for what counts as a link).
- **Connections** (:func:`connections`): the shortest chains of facts between
  two nodes in the whole network, each step told in Swedish and English with
  its source documents. Only relations with ``traverse`` set are steps:
  sharing a source document or a topic is no link.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import networkx as nx

from graph.network import (
    LANGUAGES,
    RELATIONS,
    ExploreError,
    area_and_narrower,
    node,
)

COMMUNITY_SEED = 20
"""Seed for Louvain, so that the same data always gives the same communities."""

EXACT_BETWEENNESS = 300
"""Up to this many nodes betweenness is exact; above, it is estimated from a sample of sources."""

BETWEENNESS_SAMPLES = 100
"""How many sources the estimate of betweenness starts from on graphs above :data:`EXACT_BETWEENNESS`."""

LINK_RELATIONS: dict[str, frozenset[str]] = {
    "agreement": frozenset({"party"}),
    "body": frozenset({"seat", "chair", "memberOf"}),
    "collaboration": frozenset({"memberOf"}),
}
"""Kind of the shared thing -> the relations by which an organization takes part in it."""

MAX_PATHS_ENUMERATED = 1000
"""At most this many shortest chains are looked at before the best ``max_paths`` are kept."""


def partnership_graph(network: nx.MultiDiGraph) -> nx.Graph:
    """Organizations linked by what they share; ``weight`` = links, ``links`` = [{via, kind, sources}]."""
    partnership = nx.Graph()
    kinds = network.nodes(data="kind")
    partnership.add_nodes_from(n for n, kind in kinds if kind == "organization")
    taking_part: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, o, data in network.edges(data=True):
        if kinds[s] == "organization" and data["relation"] in LINK_RELATIONS.get(kinds[o], ()):
            taking_part[o][s].update(data["sources"])
    for thing in sorted(taking_part):
        members = taking_part[thing]
        for a, b in itertools.combinations(sorted(members), 2):
            link = {"via": thing, "kind": kinds[thing], "sources": tuple(sorted(members[a] | members[b]))}
            if partnership.has_edge(a, b):
                partnership[a][b]["weight"] += 1
                partnership[a][b]["links"].append(link)
            else:
                partnership.add_edge(a, b, weight=1, links=[link])
    return partnership


def betweenness(
    graph: nx.Graph, exact_limit: int = EXACT_BETWEENNESS, samples: int = BETWEENNESS_SAMPLES
) -> dict[str, float]:
    """Unweighted betweenness in 0..1, estimated from ``samples`` sources above ``exact_limit``."""
    if graph.number_of_nodes() > exact_limit:
        return nx.betweenness_centrality(graph, k=samples, normalized=True, seed=COMMUNITY_SEED)
    return nx.betweenness_centrality(graph, normalized=True)


def organization_measures(
    network: nx.MultiDiGraph,
    partnership: nx.Graph | None = None,
    exact_limit: int = EXACT_BETWEENNESS,
    samples: int = BETWEENNESS_SAMPLES,
) -> list[dict[str, Any]]:
    """Per organization: partners, links, betweenness, agreements, bodies, collaborations, areas.

    Sorted brokers first (betweenness, then partners, then IRI).
    """
    partnership = partnership_graph(network) if partnership is None else partnership
    brokers = betweenness(partnership, exact_limit, samples)
    rows = []
    for org in partnership:
        taken_part: dict[str, set[str]] = defaultdict(set)
        for _, thing, relation in network.out_edges(org, keys=True):
            kind = network.nodes[thing]["kind"]
            if relation in LINK_RELATIONS.get(kind, ()):
                taken_part[kind].add(thing)
        rows.append(
            {
                "iri": org,
                "partners": partnership.degree(org),
                "links": partnership.degree(org, weight="weight"),
                "betweenness": brokers[org],
                "agreements": len(taken_part["agreement"]),
                "bodies": len(taken_part["body"]),
                "collaborations": len(taken_part["collaboration"]),
                "areas": len(network.nodes[org]["areas"]),
            }
        )
    rows.sort(key=lambda row: (-row["betweenness"], -row["partners"], row["iri"]))
    return rows


def communities(partnership: nx.Graph, seed: int = COMMUNITY_SEED) -> list[list[str]]:
    """Louvain communities of the organizations that have partners, largest first, members sorted."""
    linked = partnership.subgraph(n for n in partnership if partnership.degree(n))
    if not linked.number_of_edges():
        return []
    found = nx.community.louvain_communities(linked, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda members: (-len(members), members[0]))


def gaps(network: nx.MultiDiGraph, area: str, only_partners: bool = True) -> list[str]:
    """Organizations with no link to ``area`` (nor to an area below it), sorted by Swedish label.

    With ``only_partners`` (the default), only organizations that have at
    least one partner in the partnership network are listed: the gaps a
    strategist can act on, not every organization a document names.
    """
    wanted = area_and_narrower(network, area)
    partnership = partnership_graph(network) if only_partners else None
    missing = [
        n
        for n, data in network.nodes(data=True)
        if data["kind"] == "organization"
        and not data["areas"] & wanted
        and (partnership is None or partnership.degree(n) > 0)
    ]
    return sorted(missing, key=lambda n: (network.nodes[n]["labels"]["sv"].casefold(), n))


def traversal_graph(network: nx.MultiDiGraph) -> nx.Graph:
    """The undirected graph of facts that may be steps in a chain (relations with ``traverse``)."""
    graph = nx.Graph()
    graph.add_nodes_from(network)
    graph.add_edges_from((s, o) for s, o, key in network.edges(keys=True) if RELATIONS[key].traverse)
    return graph


def connections(
    network: nx.MultiDiGraph, a: str, b: str, max_paths: int = 5, max_steps: int = 6
) -> dict[str, Any]:
    """The shortest chains of facts from ``a`` to ``b``, at most ``max_paths`` of them and ``max_steps`` long.

    Returns ``{"from", "to", "steps", "paths"}``; ``steps`` is the chains'
    length (``None`` when there is no chain within ``max_steps``). Each path is
    ``{"nodes": [...], "steps": [{"from", "to", "facts": [fact, ...]}]}`` and
    each fact ``{"relation", "from", "to", "text": {"sv", "en"}, "sources", "graphs"}``,
    in the fact's own direction (a step may follow a fact backwards).
    Chains are ordered by the Swedish labels along them, so the answer is stable.
    """
    node(network, a), node(network, b)
    if a == b:
        raise ExploreError("Choose two different organizations.")
    if not 1 <= max_paths <= 50:
        raise ExploreError("max_paths must be between 1 and 50.")
    graph = traversal_graph(network)
    try:
        length = nx.shortest_path_length(graph, a, b)
    except nx.NetworkXNoPath:
        length = None
    if length is None or length > max_steps:
        return {"from": a, "to": b, "steps": None, "paths": []}
    found = list(itertools.islice(nx.all_shortest_paths(graph, a, b), MAX_PATHS_ENUMERATED))
    found.sort(key=lambda path: [(network.nodes[n]["labels"]["sv"].casefold(), n) for n in path])
    paths = []
    for path in found[:max_paths]:
        paths.append(
            {
                "nodes": [_node_summary(network, n) for n in path],
                "steps": [
                    {"from": u, "to": v, "facts": facts_between(network, u, v)}
                    for u, v in itertools.pairwise(path)
                ],
            }
        )
    return {"from": a, "to": b, "steps": length, "paths": paths}


def facts_between(
    network: nx.MultiDiGraph, u: str, v: str, traverse_only: bool = True
) -> list[dict[str, Any]]:
    """Every fact joining ``u`` and ``v`` in either direction, as sentences in both languages."""
    facts = []
    for s, o in ((u, v), (v, u)):
        for key, data in sorted((network.get_edge_data(s, o) or {}).items()):
            relation = RELATIONS[key]
            if traverse_only and not relation.traverse:
                continue
            facts.append(fact(network, s, o, key, data))
    return facts


def fact(network: nx.MultiDiGraph, s: str, o: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    """One edge as a fact: its relation, a sentence in each language, its documents with their labels."""
    relation = RELATIONS[key]
    text = {
        lang: relation.sentence(lang, network.nodes[s]["labels"][lang], network.nodes[o]["labels"][lang])
        for lang in LANGUAGES
    }
    return {
        "relation": key,
        "from": s,
        "to": o,
        "text": text,
        "sources": [_document(network, doc) for doc in data["sources"]],
        "graphs": list(data["graphs"]),
    }


def _document(network: nx.MultiDiGraph, iri: str) -> dict[str, Any]:
    labels = network.nodes[iri]["labels"] if iri in network else {lang: iri for lang in LANGUAGES}
    return {"iri": iri, "labels": dict(labels)}


def _node_summary(network: nx.MultiDiGraph, iri: str) -> dict[str, Any]:
    data = network.nodes[iri]
    return {"iri": iri, "kind": data["kind"], "labels": dict(data["labels"])}
