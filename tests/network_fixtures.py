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

from graph.namespaces import CANONICAL
from graph.network import read_network
from graph.store import Store

NETWORK_FIXTURE = FIXTURES / "network"


def iri(path: str) -> str:
    """``"org/a"`` -> the instance IRI ``https://w3id.org/samverkan/id/org/a``."""
    return CANONICAL.id_base + path


def load_fixture_store() -> Store:
    dataset = Dataset()
    dataset.graph(URIRef(CANONICAL.graph_base + "ontology")).parse(REPO / "ontology" / "samverkan.ttl", format="turtle")
    for path in sorted(NETWORK_FIXTURE.glob("*.ttl")):
        dataset.graph(URIRef(CANONICAL.graph_base + path.stem)).parse(path, format="turtle")
    store = Store.in_memory()
    store.load(dataset)
    return store


@cache
def tiny_network() -> nx.MultiDiGraph:
    """The fixture's network; treat it as read-only (it is shared between tests)."""
    return read_network(load_fixture_store())


A, B, C, D, E, F, G = (iri(f"org/{x}") for x in "abcdefg")
"""The fixture's organizations: triangles A-B-C and D-E-G joined by the bridge C-D; F has no partner."""

PARTNERSHIP_WEIGHTS = {
    frozenset((A, B)): 3,  # an agreement, a body and a collaboration
    frozenset((A, C)): 1,
    frozenset((B, C)): 1,
    frozenset((C, D)): 1,
    frozenset((D, E)): 1,
    frozenset((D, G)): 1,
    frozenset((E, G)): 1,
}
"""Links per pair of organizations, counted by hand from the fixture's Turtle."""
