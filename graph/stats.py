"""Figures about the dataset: its size, its graphs and how many of each kind of thing.

Shared by ``samverkan stats`` and the web app's home page.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.sources import ONTOLOGY_GRAPH
from graph.store import Store


@dataclass(frozen=True)
class Stats:
    """Distinct triples of the union graph, quads, triples per named graph, instances per class."""

    triples: int
    quads: int
    graphs: dict[str, int]
    classes: dict[str, int]


def collect(store: Store) -> Stats:
    """The figures of ``store``; classes count the instances described in the data, not the ontology."""
    rows = store.select(
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?n)"
        f" {{ GRAPH ?g {{ ?s a ?class }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"
        " GROUP BY ?class ORDER BY DESC(?n) ?class"
    )
    classes = {row["class"].value: int(row["n"].value) for row in rows}
    return Stats(store.triple_count(), store.quad_count(), store.graph_counts(), classes)
