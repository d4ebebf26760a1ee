"""The network fixture (``tests/fixtures/network``) read into the explorer's network, once.

Its two files are loaded as a build would load them, one named graph each,
beside the project's ontology (whose ``rdfs:subClassOf`` axioms decide each
node's kind). ``tests/fixtures/network/document.ttl`` draws the partnership
network the hand-computed expectations in the tests come from.
"""

from __future__ import annotations

from functools import cache

import networkx as nx
from conftest import FIXTURES, REPO
from rdflib import Dataset, URIRef

from graph.namespaces import GRAPH_BASE, ID_BASE
from graph.network import read_network
from graph.store import Store

NETWORK_FIXTURE = FIXTURES / "network"


def iri(path: str) -> str:
    """``"org/a"`` -> the instance IRI ``https://w3id.org/samverkan/id/org/a``."""
    return ID_BASE + path


def load_fixture_store() -> Store:
    dataset = Dataset()
    dataset.graph(URIRef(GRAPH_BASE + "ontology")).parse(REPO / "ontology" / "samverkan.ttl", format="turtle")
    for path in sorted(NETWORK_FIXTURE.glob("*.ttl")):
        dataset.graph(URIRef(GRAPH_BASE + path.stem)).parse(path, format="turtle")
    store = Store.in_memory()
    store.load(dataset)
    return store


@cache
def tiny_network() -> nx.MultiDiGraph:
    """The fixture's network; treat it as read-only (it is shared between tests)."""
    return read_network(load_fixture_store())
