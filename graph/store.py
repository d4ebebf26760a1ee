"""The one interface the rest of the code uses to reach the triple store.

Today it wraps an embedded Oxigraph store (on disk or in memory). Results
are pyoxigraph's own result types (:class:`~pyoxigraph.QuerySolutions`,
:class:`~pyoxigraph.QueryBoolean`, :class:`~pyoxigraph.QueryTriples`), so a
later backend for an external SPARQL endpoint can hand back the same types by
parsing the endpoint's answer with :func:`pyoxigraph.parse_query_results`.

The SPARQL default graph is the union of the named graphs. Oxigraph builds
that union without removing duplicates: a triple stated in two files is
matched twice, so counts of distinct triples ask for ``DISTINCT``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.errors import QuerySyntaxError, StoreNotFound
from graph.guard import refuse_service
from graph.namespaces import PREFIXES
from graph.terms import quad_to_oxigraph

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Result = TypeVar("Result", ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples)


class Store:
    """A read or read-write handle on the graph store."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    @classmethod
    def in_memory(cls) -> Store:
        return cls(ox.Store())

    @classmethod
    def create(cls, path: Path) -> Store:
        """A new read-write store in the directory ``path`` (used by the build only)."""
        return cls(ox.Store(str(path)))

    @classmethod
    def open_read_only(cls, path: Path) -> Store:
        """The built store, read-only, so that readers never lock out a build."""
        if not path.is_dir():
            raise StoreNotFound(f"No store at {path}: run `samverkan build` first.")
        try:
            return cls(ox.Store.read_only(str(path)))
        except OSError as error:
            raise StoreNotFound(f"The store at {path} cannot be opened ({error}).") from None

    def load(self, dataset: Dataset) -> None:
        """Add every quad of ``dataset`` in one bulk load (the default graph stays the default)."""
        self._store.bulk_extend(
            quad_to_oxigraph(s, p, o, None if g == DATASET_DEFAULT_GRAPH_ID else g)
            for s, p, o, g in dataset.quads()
        )

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL 1.1 query; the project's prefixes are predeclared, ``SERVICE`` is refused."""
        refuse_service(sparql)
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QuerySyntaxError(f"The query is not valid SPARQL: {error}") from None

    def select(self, sparql: str) -> ox.QuerySolutions:
        """Run a SELECT query (for code that knows what it asks)."""
        return self._expect(sparql, ox.QuerySolutions)

    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""
        return bool(self._expect(sparql, ox.QueryBoolean))

    def _expect(self, sparql: str, kind: type[Result]) -> Result:
        result = self.query(sparql)
        if not isinstance(result, kind):
            raise TypeError(f"expected {kind.__name__} from {sparql!r}")
        return result

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, named graphs included."""
        return self._store.quads_for_pattern(None, None, None, None)

    def triples(self) -> Iterator[ox.Triple]:
        """The union graph: every distinct triple of any graph."""
        return iter(
            self._expect(
                "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }", ox.QueryTriples
            )
        )

    def quad_count(self) -> int:
        return len(self._store)

    def triple_count(self) -> int:
        """Distinct triples of the union graph."""
        return self._count("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")

    def graph_counts(self) -> dict[str, int]:
        """Named graph IRI -> number of triples in it."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        return {row["g"].value: int(row["n"].value) for row in rows}

    def _count(self, sparql: str) -> int:
        return int(next(iter(self.select(sparql)))["n"].value)
