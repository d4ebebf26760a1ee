"""The strategist's network as files that network tools and spreadsheets open.

Two networks, each as GraphML and GEXF (written by networkx; Gephi, Cytoscape
and yEd open them):

- the whole network of :func:`graph.network.read_network`: every node with
  its kind, every fact an edge with its relation (``weight`` 1);
- the partnership network of :func:`graph.analytics.partnership_graph`:
  organizations joined by what they share, ``weight`` the number of links.

Both formats hold only scalar attributes, so lists are joined into strings
(IRIs by spaces, labels by "; "), and an attribute without a value is left
out rather than written empty. Gephi takes a node's name from ``label``
(the Swedish label); ``label_sv`` and ``label_en`` carry both, ``kind`` the
kind of node, ``relation`` the kind of edge.

For spreadsheets, two CSV files (UTF-8, a header row): the nodes of the whole
network, and its edges followed by the partnerships (``relation`` =
``partnership``, ``type`` = ``Undirected``). The column names are those
Gephi's spreadsheet import looks for (``id``, ``label``, ``source``,
``target``, ``type``, ``weight``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analytics import partnership_graph
from graph.export import describe
from graph.network import KIND, RELATIONS, read_network
from graph.store import Store

PARTNERSHIP = {
    "relation": "partnership",
    "label": "samverkar med",
    "label_sv": "samverkar med",
    "label_en": "partners with",
}
"""What a partnership row of the edges file says it is."""

# fmt: off
NODE_COLUMNS = (
    "id", "label", "label_sv", "label_en", "kind", "kind_sv", "kind_en", "start_year", "end_year", "sources",
)
EDGE_COLUMNS = (
    "source", "target", "type", "weight", "relation", "label", "label_sv", "label_en",
    "via", "via_sv", "via_en", "sources",
)
# fmt: on

NETWORKS = {
    "samverkan-network": {
        "sv": "Hela nätverket: noder av alla slag och uppgifterna mellan dem",
        "en": "The whole network: nodes of every kind and the facts between them",
    },
    "samverkan-partnerships": {
        "sv": "Partnerskapen: organisationer och hur mycket de delar",
        "en": "The partnerships: organizations and how much they share",
    },
}
"""File stem -> title of the network written as GraphML and as GEXF."""
CSV_TITLES = {
    "samverkan-nodes.csv": {
        "sv": "Nätverkets noder, för kalkylprogram",
        "en": "The network's nodes, for spreadsheets",
    },
    "samverkan-edges.csv": {
        "sv": "Nätverkets kanter och partnerskap, för kalkylprogram",
        "en": "The network's edges and partnerships, for spreadsheets",
    },
}
XML_MEDIA_TYPE = "application/xml"
"""Neither GraphML nor GEXF has a registered media type; both are XML."""


def write_network_files(store: Store, directory: Path) -> list[dict[str, Any]]:
    """Write both networks as GraphML and GEXF, and the CSV pair; return their manifest entries."""
    network = read_network(store)
    partnership = partnership_graph(network)
    graphs = {
        "samverkan-network": whole_network(network),
        "samverkan-partnerships": partnerships(network, partnership),
    }
    entries = []
    for stem, graph in graphs.items():
        counts = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
        nx.write_graphml(graph, directory / f"{stem}.graphml", encoding="utf-8")
        nx.write_gexf(graph, directory / f"{stem}.gexf", encoding="utf-8")
        for suffix, format_name in ((".graphml", "GraphML"), (".gexf", "GEXF")):
            path = directory / f"{stem}{suffix}"
            entries.append(describe(path, format_name, XML_MEDIA_TYPE, NETWORKS[stem]) | counts)
    rows = {
        "samverkan-nodes.csv": (NODE_COLUMNS, node_rows(network)),
        "samverkan-edges.csv": (EDGE_COLUMNS, edge_rows(network, partnership)),
    }
    for name, (columns, table) in rows.items():
        count = _write_csv(directory / name, columns, table)
        entries.append(describe(directory / name, "CSV", "text/csv", CSV_TITLES[name]) | {"rows": count})
    return entries


def whole_network(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every node and fact of ``network`` with flat attributes; edge keys ``e0``, ``e1``... are their ids."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((iri, node_attributes(data)) for iri, data in sorted(network.nodes(data=True)))
    for number, (s, o, key, data) in enumerate(sorted(network.edges(keys=True, data=True), key=_edge_order)):
        graph.add_edge(s, o, key=f"e{number}", **_fact(key, data))
    return graph


def partnerships(network: nx.MultiDiGraph, partnership: nx.Graph) -> nx.Graph:
    """The partnership network with flat attributes; ``via`` lists the things each pair shares."""
    graph = nx.Graph()
    graph.add_nodes_from((iri, node_attributes(network.nodes[iri])) for iri in sorted(partnership))
    for a, b, data in sorted(partnership.edges(data=True)):
        graph.add_edge(a, b, **_partnership(network, data))
    return graph


def node_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """A network node's attributes as the scalars GraphML and GEXF hold; missing values left out."""
    kind = KIND[data["kind"]]
    start, end = data["years"] or (None, None)
    attributes = {
        "label": data["labels"]["sv"],
        "label_sv": data["labels"]["sv"],
        "label_en": data["labels"]["en"],
        "kind": kind.key,
        "kind_sv": kind.sv,
        "kind_en": kind.en,
        "start_year": start,
        "end_year": end,
        "sources": " ".join(data["sources"]),
    }
    return {name: value for name, value in attributes.items() if value not in (None, "")}


def node_rows(network: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [{"id": iri, **node_attributes(data)} for iri, data in sorted(network.nodes(data=True))]


def edge_rows(network: nx.MultiDiGraph, partnership: nx.Graph) -> list[dict[str, Any]]:
    """Every fact (directed), then every partnership (undirected, weighted)."""
    facts = sorted(network.edges(keys=True, data=True), key=_edge_order)
    rows = [{"source": s, "target": o, "type": "Directed", **_fact(key, data)} for s, o, key, data in facts]
    for a, b, data in sorted(partnership.edges(data=True)):
        rows.append({"source": a, "target": b, "type": "Undirected", **_partnership(network, data)})
    return rows


def _fact(relation_key: str, data: dict[str, Any]) -> dict[str, Any]:
    relation = RELATIONS[relation_key]
    fact = {
        "relation": relation.key,
        "label": relation.sv,
        "label_sv": relation.sv,
        "label_en": relation.en,
        "weight": 1,
        "sources": " ".join(data["sources"]),
    }
    return {name: value for name, value in fact.items() if value != ""}


def _partnership(network: nx.MultiDiGraph, data: dict[str, Any]) -> dict[str, Any]:
    things = sorted({link["via"] for link in data["links"]})
    sources = sorted({source for link in data["links"] for source in link["sources"]})
    return {
        **PARTNERSHIP,
        "weight": data["weight"],
        "via": " ".join(things),
        "via_sv": "; ".join(network.nodes[thing]["labels"]["sv"] for thing in things),
        "via_en": "; ".join(network.nodes[thing]["labels"]["en"] for thing in things),
        "sources": " ".join(sources),
    }


def _edge_order(edge: tuple[str, str, str, dict[str, Any]]) -> tuple[str, str, str]:
    return edge[0], edge[1], edge[2]


def _write_csv(path: Path, columns: Iterable[str], rows: list[dict[str, Any]]) -> int:
    """Write ``rows`` under a header of ``columns`` (other keys dropped); return how many rows."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
