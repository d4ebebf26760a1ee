"""Find the project's Turtle sources and read them, one named graph per file.

Files are parsed with Oxigraph rather than rdflib: it is the engine the data
ends up in, so whatever parses here also loads there, and its errors carry an
exact line and column (rdflib's Turtle parser gives only a line, and accepts
invalid IRIs with a warning). Every bad file is reported, not just the first.
The parsed triples become an rdflib :class:`~rdflib.Dataset`, which pySHACL
needs and the store loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

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
    """Everything read from a project: the dataset to publish and the shapes to check it with."""

    project: Project
    dataset: Dataset
    shapes: Graph

    def graph(self, name: str) -> Graph:
        return self.dataset.graph(URIRef(name))

    @property
    def ontology(self) -> Graph:
        return self.graph(self.project.ontology.graph)

    def data_union(self) -> Graph:
        """All data graphs merged into one graph (what the shapes are checked against)."""
        union = Graph()
        for file in self.project.data:
            union += self.graph(file.graph)
        return union


def load(project: Project) -> Sources:
    """Parse every source of ``project``; raise one :class:`SourceError` listing all bad files."""
    problems: list[SourceProblem] = []
    dataset = Dataset()
    for file in project.graphs:
        graph = dataset.graph(URIRef(file.graph))
        _parse_into(graph, file.path, project, problems)
    shapes = Graph()
    for path in project.shapes:
        _parse_into(shapes, path, project, problems)
    reserved = [f for f in project.data if f.graph == ONTOLOGY_GRAPH]
    problems += [
        SourceProblem(Path(project.relative(f.path)), f"the name is reserved for {ONTOLOGY_FILE}")
        for f in reserved
    ]
    if problems:
        raise SourceError(problems)
    return Sources(project, dataset, shapes)


def _parse_into(graph: Graph, path: Path, project: Project, problems: list[SourceProblem]) -> None:
    """Add the triples of the Turtle file ``path`` to ``graph``, or record why it can't be read."""
    shown = Path(project.relative(path))
    try:
        triples = [
            (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object), graph)
            for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
        ]
    except SyntaxError as error:
        problems.append(SourceProblem(shown, _parser_message(error), error.lineno, error.offset))
    except UnsupportedTerm as error:
        problems.append(SourceProblem(shown, str(error)))
    except OSError as error:
        problems.append(SourceProblem(shown, error.strerror or str(error)))
    else:
        graph.addN(triples)


def _parser_message(error: SyntaxError) -> str:
    """Oxigraph's message without its own position prefix, which we print as ``file:line:col``."""
    message = error.msg
    if error.lineno is not None and message.startswith("Parser error") and ": " in message:
        message = message.split(": ", 1)[1]
    return message
