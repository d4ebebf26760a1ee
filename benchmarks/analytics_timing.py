"""The analytics page's work, step by step: the network read from the store, partnerships, centralities, communities.

These are the steps the app caches until the graph changes
(:mod:`webapp.network_cache`, :mod:`webapp.analytics_page`), so their sum is
what the first reader after a rebuild waits for.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.measure import Timing, side_by_side
from graph.analytics import BETWEENNESS_SAMPLES, EXACT_BETWEENNESS, communities, organization_measures, partnership_graph
from graph.network import read_network
from graph.store import Store


@dataclass(frozen=True)
class AnalyticsFigures:
    organizations: int
    partnerships: int
    sampled: bool
    read_network: Timing
    partnership: Timing
    measures: Timing
    communities: Timing


def measure(store: Store, runs: int) -> AnalyticsFigures:
    network = read_network(store)
    partnership = partnership_graph(network)
    timings = side_by_side(
        {
            "read_network": lambda: read_network(store),
            "partnership": lambda: partnership_graph(network),
            "measures": lambda: organization_measures(network, partnership),
            "communities": lambda: communities(partnership),
        },
        runs,
    )
    linked = sum(1 for node in partnership if partnership.degree(node))
    return AnalyticsFigures(
        organizations=partnership.number_of_nodes(),
        partnerships=partnership.number_of_edges(),
        sampled=linked > EXACT_BETWEENNESS,
        **timings,  # type: ignore[arg-type]
    )


SAMPLES = BETWEENNESS_SAMPLES
