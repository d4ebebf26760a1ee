"""The one interface the rest of the code uses to reach the triple store, in three kinds.

:func:`open_store` picks the kind the settings name (``store_kind``):

``disk``
    The built Oxigraph store, embedded and read-only (the default).
``memory``
    The project's sources parsed, validated and loaded into an embedded
    in-memory Oxigraph store (tests, quick experiments); data that fails its
    shapes is refused with :class:`~graph.errors.ValidationFailed`, as a
    build would.
``endpoint``
    An external SPARQL 1.1 engine (Oxigraph server, Jena Fuseki, Virtuoso,
    GraphDB) reached at its query URL; ``samverkan publish`` loads it.

Each kind answers with pyoxigraph's own result types
(:class:`~pyoxigraph.QuerySolutions`, :class:`~pyoxigraph.QueryBoolean`,
:class:`~pyoxigraph.QueryTriples`), predeclares the project's prefixes and
refuses ``SERVICE`` before the engine sees the query. Everything else
(counts, quads, triples) is written once, in SPARQL, on top of
:meth:`Store.query`.

The SPARQL default graph is the union of the named graphs. Oxigraph builds
that union without removing duplicates: a triple stated in two files is
matched twice, so counts of distinct triples ask for ``DISTINCT``. An
external engine must be configured to do the same (Oxigraph server:
``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph
true``); :meth:`EndpointStore.connect` checks that it is.
"""

from __future__ import annotations

import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph import sources
from graph.endpoint import SparqlEndpoint
from graph.errors import EndpointError, QuerySyntaxError, SamverkanError, StoreNotFound
from graph.guard import refuse_service
from graph.namespaces import CANONICAL, PREFIXES, Site
from graph.settings import Settings, setting
from graph.terms import quad_to_oxigraph
from graph.validate import require_valid

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Result = TypeVar("Result", ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples)


@dataclass(frozen=True)
class GraphSelection:
    """The dataset a query runs on when the caller names it, as SPARQL's protocol does.

    ``default`` are merged into the default graph and ``named`` are the
    graphs ``GRAPH`` can see; a list left out is empty
    (``default-graph-uri`` and ``named-graph-uri`` of the SPARQL 1.1 Protocol).
    """

    default: tuple[ox.NamedNode, ...]
    named: tuple[ox.NamedNode, ...]

    @classmethod
    def of(cls, default: Sequence[str] | None, named: Sequence[str] | None) -> GraphSelection | None:
        """The selection the caller asked for; ``None`` (the union of all graphs) if it names no graph.

        Naming no graph at all means the engine's own dataset, as leaving out
        both parameters does in the protocol, which cannot say "no graphs".
        """
        if not default and not named:
            return None
        return cls(_graph_names(default or ()), _graph_names(named or ()))


def _graph_names(iris: Sequence[str]) -> tuple[ox.NamedNode, ...]:
    try:
        return tuple(ox.NamedNode(iri) for iri in iris)
    except ValueError as error:
        raise SamverkanError(f"Not a valid graph IRI: {error}") from None


UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
"""The union graph, each triple once however many graphs state it."""


class Store(ABC):
    """A read handle on the graph, whatever engine holds it.

    The embedded kinds are made by the constructors here (as :class:`pathlib.Path`
    makes the path of its platform), since the build and much of the code
    open a store on disk directly; :func:`open_store` chooses by configuration.
    """

    @staticmethod
    def in_memory() -> EmbeddedStore:
        """An empty embedded store in memory."""
        return EmbeddedStore(ox.Store())

    @staticmethod
    def write_copy(path: Path, source: ox.Store) -> None:
        """Write a new store in the directory ``path`` holding every quad of ``source``.

        Oxigraph writes the quads out as N-Quads and bulk-loads them back,
        both without Python objects per quad; the store is closed on
        return, so readers can open it.
        """
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".nq") as nquads:
            source.dump(nquads.name, format=ox.RdfFormat.N_QUADS)
            store = ox.Store(str(path))
            store.bulk_load(path=nquads.name, format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store

    @staticmethod
    def open_read_only(path: Path) -> EmbeddedStore:
        """The built store, read-only, so that readers never lock out a build."""
        if not path.is_dir():
            raise StoreNotFound(f"No store at {path}: run `samverkan build` first.")
        try:
            return EmbeddedStore(ox.Store.read_only(str(path)), path)
        except OSError as error:
            raise StoreNotFound(f"The store at {path} cannot be opened ({error}).") from None

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query; the project's prefixes are predeclared, ``SERVICE`` is refused.

        Without ``default_graph`` and ``named_graphs`` the default graph is
        the union of the named graphs and ``GRAPH`` sees every one; with
        either, the query sees exactly the graphs they name.
        """
        refuse_service(sparql)
        return self._run(sparql, GraphSelection.of(default_graph, named_graphs))

    @abstractmethod
    def _run(self, sparql: str, graphs: GraphSelection | None) -> QueryResult:
        """Run a query the guard has let through, on ``graphs`` or the union."""

    def select(self, sparql: str) -> list[ox.QuerySolution]:
        """Run a SELECT query (for code that knows what it asks); every row, read at once.

        Reading the rows here frees Oxigraph's result in the thread that made
        it, as Oxigraph requires; a result caught in a reference cycle (an
        exception's traceback) would otherwise be freed by whichever thread
        next collects garbage, and fail there.
        """
        return list(self._expect(sparql, ox.QuerySolutions))

    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""
        return bool(self._expect(sparql, ox.QueryBoolean))

    def construct(self, sparql: str) -> ox.QueryTriples:
        """Run a CONSTRUCT or DESCRIBE query."""
        return self._expect(sparql, ox.QueryTriples)

    def _expect(self, sparql: str, kind: type[Result]) -> Result:
        result = self.query(sparql)
        if not isinstance(result, kind):
            raise TypeError(f"expected {kind.__name__} from {sparql!r}")
        return result

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs."""
        for row in self.select("SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def triples(self) -> Iterator[ox.Triple]:
        """The union graph: every distinct triple of any graph."""
        return iter(self.construct(UNION))

    def quad_count(self) -> int:
        """Triples in the named graphs, a triple stated in two graphs counted twice."""
        return self._count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")

    def triple_count(self) -> int:
        """Distinct triples of the union graph."""
        return self._count("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")

    def graph_counts(self) -> dict[str, int]:
        """Named graph IRI -> number of triples in it."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        return {row["g"].value: int(row["n"].value) for row in rows}

    def _count(self, sparql: str) -> int:
        return int(next(iter(self.select(sparql)))["n"].value)

    def write(self, path: Path, format: ox.RdfFormat) -> None:
        """Write the graph to ``path`` in ``format``: every quad in a dataset syntax, else the union graph."""
        triples = self.quads() if format.supports_datasets else self.triples()
        ox.serialize(triples, str(path), format=format, prefixes=PREFIXES)


class EmbeddedStore(Store):
    """Oxigraph in this process, on disk (``path``) or in memory."""

    def __init__(self, store: ox.Store, path: Path | None = None) -> None:
        self._store = store
        self.path = path

    def write(self, path: Path, format: ox.RdfFormat) -> None:
        """As :meth:`Store.write`, by Oxigraph alone where no prefixes are wanted: no Python object per quad."""
        if format.supports_datasets:
            self._store.dump(str(path), format=format, prefixes=PREFIXES)
        elif format == ox.RdfFormat.N_TRIPLES:
            self._store.query(UNION, use_default_graph_as_union=True).serialize(str(path), format=format)
        else:  # the union's own serializer writes no prefixes, which Turtle and RDF/XML readers want
            super().write(path, format)

    def load(self, dataset: Dataset) -> None:
        """Add every quad of an rdflib ``dataset`` in one bulk load (the default graph stays the default)."""
        self._store.bulk_extend(
            quad_to_oxigraph(s, p, o, None if g == DATASET_DEFAULT_GRAPH_ID else g) for s, p, o, g in dataset.quads()
        )

    def _run(self, sparql: str, graphs: GraphSelection | None) -> QueryResult:
        try:
            if graphs is None:
                return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
            return self._store.query(
                sparql, prefixes=PREFIXES, default_graph=list(graphs.default), named_graphs=list(graphs.named)
            )
        except SyntaxError as error:
            raise _syntax_error(error) from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, read straight from the store (the build puts none in the default graph)."""
        return self._store.quads_for_pattern(None, None, None, None)

    def quad_count(self) -> int:
        return len(self._store)


class EndpointStore(Store):
    """An external SPARQL 1.1 engine, read through its query URL.

    A query is parsed here first, by Oxigraph: a syntax error gets the same
    message and position as on the embedded store without a round trip, and
    the query's form tells which answer format to ask for. The prefixes are
    then declared on the query's first line, so that an engine's own
    messages keep their line numbers.
    """

    def __init__(self, endpoint: SparqlEndpoint) -> None:
        self.endpoint = endpoint

    @classmethod
    def connect(cls, url: str, *, timeout: float) -> EndpointStore:
        """The engine at ``url``, once it has shown a named graph and a default graph that is their union."""
        store = cls(SparqlEndpoint(url, timeout=timeout))
        union = [
            row["union"] == ox.Literal(True)
            for row in store.select(
                "SELECT ?union { { SELECT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } LIMIT 1 }"
                " BIND(EXISTS { ?s ?p ?o } AS ?union) }"
            )
        ]
        if not union:
            raise StoreNotFound(
                f"The SPARQL engine at {url} holds no named graph: run `samverkan publish` first."
            )
        if not union[0]:
            raise EndpointError(
                f"The default graph of the SPARQL engine at {url} is not the union of its named graphs."
                " Start Oxigraph server with `--union-default-graph`, or set `tdb2:unionDefaultGraph true`"
                " on the Fuseki dataset."
            )
        return store

    def _run(self, sparql: str, graphs: GraphSelection | None) -> QueryResult:
        declared = "".join(f"PREFIX {prefix}: <{iri}> " for prefix, iri in PREFIXES.items())
        return self.endpoint.query(
            declared + sparql,
            returns_graph=_returns_graph(sparql),
            default_graph=[graph.value for graph in graphs.default] if graphs else (),
            named_graphs=[graph.value for graph in graphs.named] if graphs else (),
        )


def _returns_graph(sparql: str) -> bool:
    """Whether ``sparql`` is a CONSTRUCT or DESCRIBE query, as Oxigraph's parser finds (or a syntax error).

    Parsed on an empty store, so there is nothing to evaluate; the answer
    is dropped at once, in the thread that made it (pyoxigraph's results may
    not be dropped by another).
    """
    try:
        return isinstance(ox.Store().query(sparql, prefixes=PREFIXES), ox.QueryTriples)
    except SyntaxError as error:
        raise _syntax_error(error) from None


_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_CHARACTER_CLASSES = ", ["
"""Where Oxigraph's list of expected tokens turns into Unicode ranges no reader needs."""


def _syntax_error(error: SyntaxError) -> QuerySyntaxError:
    """Oxigraph's message with its position as "line L, column C" and its token list cut short."""
    message = str(error)
    where = ""
    position = _ENGINE_POSITION.match(message)
    if position:
        where = f" at line {position[1]}, column {position[2]}"
        message = message[position.end():]
    if message.startswith("expected one of") and _CHARACTER_CLASSES in message:
        message = message[: message.index(_CHARACTER_CLASSES)] + ", or a name or number"
    return QuerySyntaxError(f"The query is not valid SPARQL{where}: {message}")


def open_store(settings: Settings) -> Store:
    """The store ``settings`` name; it needs nothing else, so a fresh process can call it."""
    if settings.store_kind == "memory":
        return load_project(settings.root, settings.site)
    if settings.store_kind == "endpoint":
        if not settings.endpoint_query:
            url = setting("endpoint_query")
            raise SamverkanError(
                f"The store kind 'endpoint' needs the engine's query URL: {url.option} or {url.env_var}."
            )
        return EndpointStore.connect(settings.endpoint_query, timeout=settings.query_timeout)
    return Store.open_read_only(settings.store)


def load_project(root: Path, site: Site = CANONICAL) -> EmbeddedStore:
    """The sources under ``root``, parsed, validated and loaded into memory, as a build would publish them."""
    loaded = sources.load(sources.discover(root), site=site)
    require_valid(loaded)
    return EmbeddedStore(loaded.store)
