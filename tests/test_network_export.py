"""The network files read back, as network tools and spreadsheets read them: same nodes, labels, weights."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graph.analytics import partnership_graph
from graph.network import read_network
from graph.network_export import EDGE_COLUMNS, NODE_COLUMNS, PARTNERSHIP
from graph.settings import Settings
from graph.store import Store

READERS = {".graphml": nx.read_graphml, ".gexf": nx.read_gexf}


@pytest.fixture(scope="module")
def network(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


def read(path: Path) -> nx.Graph:
    graph: nx.Graph = READERS[path.suffix](path)
    return graph


def assert_same_nodes(exported: nx.Graph, network: nx.MultiDiGraph, nodes: set[str]) -> None:
    assert set(exported) == nodes
    for iri, data in exported.nodes(data=True):
        labels = network.nodes[iri]["labels"]
        assert (data["label"], data["label_sv"], data["label_en"]) == (labels["sv"], labels["sv"], labels["en"])
        assert data["kind"] == network.nodes[iri]["kind"]


@pytest.mark.parametrize("suffix", READERS)
def test_whole_network_reads_back(built: Settings, network: nx.MultiDiGraph, suffix: str) -> None:
    exported = read(built.dist / f"samverkan-network{suffix}")
    assert exported.is_directed() and exported.is_multigraph()
    assert_same_nodes(exported, network, set(network))
    facts = Counter((s, o, data["relation"]) for s, o, data in exported.edges(data=True))
    assert facts == Counter(iter(network.edges(keys=True)))
    assert {data["weight"] for _, _, data in exported.edges(data=True)} == {1}


@pytest.mark.parametrize("suffix", READERS)
def test_partnership_network_reads_back_with_its_weights(
    built: Settings, network: nx.MultiDiGraph, suffix: str
) -> None:
    partnership = partnership_graph(network)
    exported = read(built.dist / f"samverkan-partnerships{suffix}")
    assert not exported.is_directed()
    assert_same_nodes(exported, network, set(partnership))
    weights = {frozenset((a, b)): data["weight"] for a, b, data in exported.edges(data=True)}
    assert weights == {frozenset((a, b)): data["weight"] for a, b, data in partnership.edges(data=True)}
    assert max(weights.values()) > 1
    for a, b, data in exported.edges(data=True):
        assert set(data["via"].split()) == {link["via"] for link in partnership[a][b]["links"]}


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def test_csv_files_read_back_in_a_spreadsheet_reader(built: Settings, network: nx.MultiDiGraph) -> None:
    columns, nodes = read_csv(built.dist / "samverkan-nodes.csv")
    assert columns == list(NODE_COLUMNS)
    assert {row["id"] for row in nodes} == set(network) and len(nodes) == network.number_of_nodes()
    for row in nodes:
        labels = network.nodes[row["id"]]["labels"]
        kind = network.nodes[row["id"]]["kind"]
        assert (row["label_sv"], row["label_en"], row["kind"]) == (labels["sv"], labels["en"], kind)
    assert any("ö" in row["label_sv"] for row in nodes)  # UTF-8 survives

    columns, edges = read_csv(built.dist / "samverkan-edges.csv")
    assert columns == list(EDGE_COLUMNS)
    facts = [row for row in edges if row["type"] == "Directed"]
    read = Counter((row["source"], row["target"], row["relation"]) for row in facts)
    assert read == Counter(iter(network.edges(keys=True)))
    partnership = partnership_graph(network)
    shared = {
        frozenset((row["source"], row["target"])): int(row["weight"]) for row in edges if row["type"] == "Undirected"
    }
    assert shared == {frozenset((a, b)): data["weight"] for a, b, data in partnership.edges(data=True)}
    assert all(row["relation"] == PARTNERSHIP["relation"] for row in edges if row["type"] == "Undirected")
