"""Reading the sources: one named graph per file, and exact positions for bad files."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURE_PROJECT, copy_project
from rdflib import URIRef

from graph.errors import SourceError
from graph.namespaces import CANONICAL, Site
from graph.sources import ONTOLOGY_GRAPH, discover, load, source_path


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    return copy_project(FIXTURE_PROJECT, tmp_path / "project")


def test_each_file_becomes_its_own_named_graph(project_root: Path) -> None:
    sources = load(discover(project_root))
    names = {quad.graph_name.value for quad in sources.store.quads_for_pattern(None, None, None, None)}
    assert names == {ONTOLOGY_GRAPH, CANONICAL.graph_base + "organizations", CANONICAL.graph_base + "agreement"}
    assert len(sources.shapes) > 0


def test_graph_names_map_back_to_files() -> None:
    assert source_path(ONTOLOGY_GRAPH) == "ontology/samverkan.ttl"
    assert source_path(CANONICAL.graph_base + "organizations") == "data/organizations.ttl"
    assert source_path("https://example.org/elsewhere") is None


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e ex:f\nex:g ex:h ex:i .\n", 4, 1),
        ("@prefix ex: <http://example.org/> .\n\nex:a ex:b <http://example.org/a b> .\n", 3, 11),
        ("@prefix ex: <http://example.org/> .\nex:a undeclared:b ex:c .\n", 2, 6),
    ],
    ids=["missing dot", "space in IRI", "undeclared prefix"],
)
def test_a_syntax_error_gives_file_line_and_column(
    project_root: Path, text: str, line: int, column: int
) -> None:
    (project_root / "data" / "broken.ttl").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load(discover(project_root))
    [problem] = error.value.problems
    assert (str(problem.path), problem.line, problem.column) == ("data/broken.ttl", line, column)
    assert str(problem).startswith(f"data/broken.ttl:{line}:{column}: ")


def test_every_bad_file_is_reported(project_root: Path) -> None:
    (project_root / "data" / "a.ttl").write_text("<http://a> <http://b> .\n", encoding="utf-8")
    (project_root / "shapes" / "b.ttl").write_text("<http://a> <http://b> <http://c>\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load(discover(project_root))
    assert sorted(str(problem.path) for problem in error.value.problems) == ["data/a.ttl", "shapes/b.ttl"]


def test_missing_ontology_is_reported(project_root: Path) -> None:
    (project_root / "ontology" / "samverkan.ttl").unlink()
    with pytest.raises(SourceError, match=r"ontology/samverkan\.ttl: No such file"):
        load(discover(project_root))


def test_blank_nodes_of_different_files_stay_apart(project_root: Path) -> None:
    for name in ("one", "two"):
        (project_root / "data" / f"{name}.ttl").write_text(
            f'_:b <http://example.org/name> "{name}" .\n', encoding="utf-8"
        )
    sources = load(discover(project_root))
    subjects = set(sources.data_union().subjects(URIRef("http://example.org/name")))
    assert len(subjects) == 2


def test_sources_parse_into_the_given_store_under_the_given_base(project_root: Path) -> None:
    site = Site("https://data.example.org/")
    store = ox.Store()
    sources = load(discover(project_root), store, site)
    assert sources.store is store
    huddinge = ox.NamedNode(site.id_base + "org/huddinge-kommun")
    graphs = {quad.graph_name.value for quad in store.quads_for_pattern(huddinge, None, None, None)}
    assert site.graph_base + "organizations" in graphs
    assert all(graph.startswith(site.graph_base) for graph in graphs)
    assert sources.file_of(site.graph_base + "organizations") == "data/organizations.ttl"
    assert not list(store.quads_for_pattern(ox.NamedNode(CANONICAL.id_base + "org/huddinge-kommun"), None, None, None))


def test_blank_nodes_of_two_files_stay_two_nodes(project_root: Path) -> None:
    for name in ("one", "two"):
        (project_root / "data" / f"{name}.ttl").write_text(
            f"_:b1 <http://www.w3.org/2000/01/rdf-schema#comment> \"{name}\" .\n", encoding="utf-8"
        )
    store = load(discover(project_root)).store
    comments = store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"), None, None)
    assert len({quad.subject for quad in comments}) == 2
