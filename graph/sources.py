"""Find the project's Turtle sources and read them, one named graph per file.

Files are parsed with Oxigraph rather than rdflib: it is the engine the data
ends up in, so whatever parses here also loads there, and its errors carry an
exact line and column (rdflib's Turtle parser gives only a line, and accepts
invalid IRIs with a warning). Every bad file is reported, not just the first.
The quads go straight into an Oxigraph store, where the shapes are checked
(:mod:`graph.validate`) and which the build then publishes, so a million
triples never pass through Python objects of rdflib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph.errors import SourceError, SourceProblem
from graph.namespaces import CANONICAL, Site
from graph.terms import UnsupportedTerm, to_rdflib

ONTOLOGY_FILE = Path("ontology") / "samverkan.ttl"
ONTOLOGY_GRAPH = CANONICAL.graph_base + "ontology"
DATA_DIR = Path("data")
SHAPES_DIR = Path("shapes")


@dataclass(frozen=True)
class SourceFile:
    """A Turtle file and the named graph it is loaded into."""

    path: Path
    graph: str


@dataclass(frozen=True)
class Project:
    """The source files of one project root."""

    root: Path
    ontology: SourceFile
    data: tuple[SourceFile, ...]
    shapes: tuple[Path, ...]

    @property
    def graphs(self) -> tuple[SourceFile, ...]:
        """Every file that becomes a named graph of the store."""
        return (self.ontology, *self.data)

    def with_data(self, paths: Iterable[Path]) -> Project:
        """This project with ``paths`` as data files, replacing files of the same graph name."""
        extra = {file.graph: file for file in map(data_file, paths)}
        kept = tuple(file for file in self.data if file.graph not in extra)
        return Project(self.root, self.ontology, kept + tuple(extra.values()), self.shapes)

    def relative(self, path: Path) -> str:
        """``path`` as the user sees it: relative to the project root where possible."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def data_file(path: Path) -> SourceFile:
    """``data/NAME.ttl`` goes into the named graph ``{graph base}NAME`` (canonical until published)."""
    return SourceFile(path.absolute(), CANONICAL.graph_base + path.stem)


def source_path(graph: str, site: Site = CANONICAL) -> str | None:
    """The project-relative file a named graph of ``site`` was loaded from (the inverse of the naming rule)."""
    if graph == ONTOLOGY_GRAPH:
        return str(ONTOLOGY_FILE)
    if graph.startswith(site.graph_base):
        return str(DATA_DIR / f"{graph[len(site.graph_base) :]}.ttl")
    return None


def discover(root: Path) -> Project:
    """List the sources under ``root``: the ontology, ``data/*.ttl`` and ``shapes/*.ttl``."""
    if not root.is_dir():
        raise SourceError([SourceProblem(root, "the project root is not a directory")])
    ontology = SourceFile(root / ONTOLOGY_FILE, ONTOLOGY_GRAPH)
    data = tuple(data_file(path) for path in sorted((root / DATA_DIR).glob("*.ttl")))
    shapes = tuple(sorted((root / SHAPES_DIR).glob("*.ttl")))
    return Project(root, ontology, data, shapes)


@dataclass
class Sources:
    """Everything read from a project: its ontology and data in an Oxigraph store, and the shapes.

    The store holds one named graph per file, under ``site``'s base; it may
    be the build's own store, so what was checked is what is published.
    """

    project: Project
    store: ox.Store
    shapes: Graph
    site: Site = CANONICAL

    def graph_name(self, file: SourceFile) -> str:
        """The named graph ``file`` was loaded into."""
        return self.site.rebase(file.graph)

    def file_of(self, graph: str) -> str | None:
        """The project-relative path of the file loaded into the named graph ``graph``."""
        for file in self.project.graphs:
            if self.graph_name(file) == graph:
                return self.project.relative(file.path)
        return None

    def graph(self, name: str) -> Graph:
        """A copy of one named graph in rdflib, for code that reads a small graph that way."""
        graph = Graph()
        graph.addN(_rdflib_quad(q, graph) for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        return graph

    @property
    def ontology(self) -> Graph:
        return self.graph(self.graph_name(self.project.ontology))

    def data_union(self) -> Graph:
        """All data graphs merged into one rdflib graph."""
        union = Graph()
        for file in self.project.data:
            union += self.graph(self.graph_name(file))
        return union


def load(project: Project, store: ox.Store | None = None, site: Site = CANONICAL) -> Sources:
    """Parse every source of ``project`` into ``store`` (a new one in memory if none is given).

    Minted IRIs are moved under ``site``'s base as they are read. Raises one
    :class:`SourceError` listing every bad file; the store then holds what
    was read before, so only a store about to be thrown away should be given.
    """
    problems: list[SourceProblem] = []
    store = ox.Store() if store is None else store
    for file in project.graphs:
        graph = ox.NamedNode(site.rebase(file.graph))

        def into_store(parsed: Iterator[ox.Quad], graph: ox.NamedNode = graph) -> None:
            if site.canonical:
                store.bulk_extend(ox.Quad(q.subject, q.predicate, _plain(q.object), graph) for q in parsed)
            else:
                store.bulk_extend(
                    ox.Quad(_moved(q.subject, site), q.predicate, _moved(_plain(q.object), site), graph)
                    for q in parsed
                )

        before = len(problems)
        _parse(file.path, into_store, project, problems)
        if len(problems) == before and next(store.quads_for_pattern(None, None, None, graph), None) is None:
            problems.append(SourceProblem(Path(project.relative(file.path)), "the file holds no triples"))
    shapes = Graph()
    for path in project.shapes:
        _parse(path, lambda parsed: shapes.addN(_rdflib_quad(q, shapes) for q in parsed), project, problems)
    reserved = [f for f in project.data if f.graph == ONTOLOGY_GRAPH]
    problems += [
        SourceProblem(Path(project.relative(f.path)), f"the name is reserved for {ONTOLOGY_FILE}")
        for f in reserved
    ]
    if problems:
        raise SourceError(problems)
    return Sources(project, store, shapes, site)


def _parse(
    path: Path, consume: Callable[[Iterator[ox.Quad]], None], project: Project, problems: list[SourceProblem]
) -> None:
    """Give the Turtle file's triples to ``consume``, or record why the file can't be read.

    Blank node labels are made unique per file, as two files' ``_:b1`` are two nodes.
    """
    try:
        consume(ox.parse(path=path, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True))
    except SyntaxError as error:
        problems.append(SourceProblem(Path(project.relative(path)), _parser_message(error), error.lineno, error.offset))
    except UnsupportedTerm as error:
        problems.append(SourceProblem(Path(project.relative(path)), str(error)))
    except OSError as error:
        problems.append(SourceProblem(Path(project.relative(path)), error.strerror or str(error)))
    except MemoryError as error:  # Oxigraph's parser holds one token in a buffer of 16 MiB at most
        problems.append(SourceProblem(Path(project.relative(path)), f"a term is too long to read ({error})"))


def _rdflib_quad(quad: ox.Quad, graph: Graph) -> tuple[Node, Node, Node, Graph]:
    return (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(_plain(quad.object)), graph)


def _plain(term: Any) -> Any:
    """``term``, unless it is an RDF 1.2 triple term, which the graph does not use."""
    if isinstance(term, ox.Triple):
        raise UnsupportedTerm(f"triple terms (<<( ... )>>) are not used in this graph: {term}")
    return term


def _moved(term: Any, site: Site) -> Any:
    return ox.NamedNode(site.rebase(term.value)) if isinstance(term, ox.NamedNode) else term


def _parser_message(error: SyntaxError) -> str:
    """Oxigraph's message without its own position prefix, which we print as ``file:line:col``."""
    message = error.msg
    if error.lineno is not None and message.startswith("Parser error") and ": " in message:
        message = message.split(": ", 1)[1]
    return message
