"""Pick a human label for IRIs, in the reader's language where the data has one.

Labels come from the usual naming properties, best first; a label in the
asked language wins over one without a language, which wins over another
language; with none, the IRI is shown shortened.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from graph.namespaces import PREFIXES, shorten
from graph.store import Store

LABEL_PROPERTIES = tuple(
    PREFIXES[prefix] + local
    for prefix, local in (("skos", "prefLabel"), ("rdfs", "label"), ("foaf", "name"), ("dcterms", "title"))
)


def labels(store: Store, iris: Iterable[str], lang: str) -> dict[str, str]:
    """IRI -> its best label in ``lang``; every IRI asked for gets one."""
    wanted = sorted(set(iris))
    best = best_labels(store, wanted, lang)
    return {iri: best[iri].value if iri in best else shorten(iri) for iri in wanted}


def best_labels(store: Store, iris: Iterable[str], lang: str) -> dict[str, ox.Literal]:
    """IRI -> its best label literal in ``lang``, for the IRIs that have one.

    The literal keeps its language tag, so a page can mark a label borrowed
    from the other language (``lang`` attribute, a note) instead of passing
    it off as the reader's.
    """
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    # One VALUES of (subject, property) pairs: Oxigraph then looks each pair up, where two separate
    # VALUES blocks had it scan every literal of the graph (0.12 s against 5 ms at 100k triples).
    pairs = " ".join(f"({ox.NamedNode(iri)} {ox.NamedNode(p)})" for iri in wanted for p in LABEL_PROPERTIES)
    rows = store.select(f"SELECT ?s ?p ?label {{ VALUES (?s ?p) {{ {pairs} }} ?s ?p ?label FILTER(isLiteral(?label)) }}")
    best: dict[str, tuple[tuple[int, int, str], ox.Literal]] = {}
    for row in rows:
        label: ox.Literal = row["label"]
        language = label.language or ""
        rank = (
            0 if language == lang else 1 if not language else 2,
            LABEL_PROPERTIES.index(row["p"].value),
            label.value,
        )
        iri = row["s"].value
        if iri not in best or rank < best[iri][0]:
            best[iri] = (rank, label)
    return {iri: literal for iri, (_, literal) in best.items()}
