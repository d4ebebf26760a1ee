"""The dumps: every syntax reads back, with two independent parsers, as exactly the store's graph.

Sets of triples (or quads) are compared, not counts. The manifest's sizes
and checksums are recomputed from the files; the JSON-LD dump is read with
the context the live app publishes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from conftest import samverkan

from graph.dist import ALWAYS_GZIP, GROUPS, GZIP_ABOVE, export, published_files, read_manifest
from graph.export import DUMPS, JSONLD_DUMP, Dump
from graph.jsonld import CONTEXT_FILE, context, dump_beside
from graph.namespaces import SV
from graph.settings import Settings
from graph.sources import ONTOLOGY_GRAPH
from graph.store import Store, open_store
from graph.terms import to_oxigraph

RDFLIB_SYNTAX = {
    ox.RdfFormat.TRIG: "trig",
    ox.RdfFormat.N_QUADS: "nquads",
    ox.RdfFormat.JSON_LD: "json-ld",
    ox.RdfFormat.TURTLE: "turtle",
    ox.RdfFormat.N_TRIPLES: "nt",
    ox.RdfFormat.RDF_XML: "xml",
}


def manifest_of(settings: Settings) -> dict[str, Any]:
    manifest = read_manifest(settings.dist)
    assert manifest is not None
    return manifest


def entries(manifest: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every file entry of the manifest, and every gzip copy's."""
    for group in GROUPS:
        for entry in manifest[group]:
            yield entry
            if "gzip" in entry:
                yield entry["gzip"]


def rdflib_quads(dataset: rdflib.Dataset) -> set[ox.Quad]:
    quads = set()
    for s, p, o, graph in dataset.quads():
        name = graph.identifier if isinstance(graph, rdflib.Graph) else graph
        terms = (to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(name))
        quads.add(ox.Quad(*terms))  # type: ignore[arg-type]
    return quads


def rdflib_triples(graph: rdflib.Graph) -> set[ox.Triple]:
    return {ox.Triple(*map(to_oxigraph, triple)) for triple in graph}  # type: ignore[arg-type]


@pytest.mark.parametrize("dump", DUMPS, ids=lambda dump: dump.file)
def test_dump_parses_back_with_pyoxigraph_to_the_store_graph(built: Settings, store: Store, dump: Dump) -> None:
    parsed = list(ox.parse(path=built.dist / dump.file, format=dump.format))
    if dump.keeps_graphs:
        assert set(parsed) == set(store.quads())
    else:
        assert {quad.triple for quad in parsed} == set(store.triples())


@pytest.mark.parametrize("dump", DUMPS, ids=lambda dump: dump.file)
def test_dump_parses_back_with_rdflib_to_the_store_graph(built: Settings, store: Store, dump: Dump) -> None:
    with (built.dist / dump.file).open("rb") as file:  # rdflib leaves a file it opened itself unclosed
        if dump.keeps_graphs:
            dataset = rdflib.Dataset()
            dataset.parse(file, format=RDFLIB_SYNTAX[dump.format])
            assert rdflib_quads(dataset) == set(store.quads())
        else:
            graph = rdflib.Graph().parse(file, format=RDFLIB_SYNTAX[dump.format])
            assert rdflib_triples(graph) == set(store.triples())


def test_manifest_lists_every_file_with_its_size_and_sha256(built: Settings, store: Store) -> None:
    manifest = manifest_of(built)
    assert set(published_files(manifest)) == {path.name for path in built.dist.iterdir()}
    for entry in entries(manifest):
        content = (built.dist / entry["file"]).read_bytes()
        assert entry["size"] == len(content), entry["file"]
        assert entry["sha256"] == hashlib.sha256(content).hexdigest(), entry["file"]
    for entry in manifest["dumps"]:
        assert entry.get("quads", store.quad_count()) == store.quad_count()
        assert entry.get("triples", store.triple_count()) == store.triple_count()
        assert {"quads", "triples"} & set(entry) and entry["title"].keys() == {"sv", "en"}


def test_gzip_copies_decompress_to_the_same_bytes(built: Settings) -> None:
    manifest = manifest_of(built)
    copied = [entry for group in GROUPS for entry in manifest[group] if "gzip" in entry]
    assert {entry["file"] for entry in copied} >= {"samverkan.nt", "samverkan.nq"}
    for entry in copied:
        compressed = (built.dist / entry["gzip"]["file"]).read_bytes()
        assert gzip.decompress(compressed) == (built.dist / entry["file"]).read_bytes()


def test_copies_follow_the_rule_the_manifest_states(built: Settings) -> None:
    manifest = manifest_of(built)
    assert f"{GZIP_ABOVE:,}" in manifest["gzip"] and "N-Triples" in manifest["gzip"]
    for group in GROUPS:
        for entry in manifest[group]:
            wanted = entry["size"] > GZIP_ABOVE or Path(entry["file"]).suffix in ALWAYS_GZIP
            assert ("gzip" in entry) == wanted, entry["file"]


def get_json(url: str) -> tuple[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], json.loads(response.read())


def test_jsonld_dump_expands_with_the_published_context_to_the_store_graph(
    built: Settings, store: Store, live_server: str
) -> None:
    media_type, published = get_json(f"{live_server}/context.jsonld")
    assert media_type == "application/ld+json"
    document = json.loads((built.dist / "samverkan.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == published["@context"]
    document["@context"] = published["@context"]  # read it with what the app serves, not what the file says
    text = json.dumps(document)
    dataset = rdflib.Dataset()
    dataset.parse(data=text, format="json-ld")
    assert rdflib_quads(dataset) == set(store.quads())
    assert set(ox.parse(text.encode(), format=ox.RdfFormat.JSON_LD)) == set(store.quads())


def test_context_gives_readable_keys(built: Settings) -> None:
    context = json.loads((built.dist / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]
    assert context["label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert context["party"] == {"@id": "sv:party", "@type": "@id"}
    assert context["decidedBy"] == {"@id": "sv:decidedBy", "@type": "@id"}
    assert context["date"] == {"@id": "dcterms:date", "@type": "xsd:date"}
    assert context["Municipality"] == "sv:Municipality"
    dump = (built.dist / "samverkan.jsonld").read_text(encoding="utf-8")
    for key in ('"label": {', '"sv": "Huddinge kommun"', '"party": [', '"decidedBy": ', '"date": "20'):
        assert key in dump


def test_context_has_a_key_for_every_term_of_the_ontology(built: Settings, store: Store) -> None:
    context = json.loads((built.dist / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]
    expanded = set()
    for definition in context.values():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        prefix, _, local = iri.partition(":")
        expanded.add(context[prefix] + local if prefix in context and isinstance(context[prefix], str) else iri)
    terms = {
        row["t"].value
        for row in store.select(
            f"SELECT DISTINCT ?t {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t a ?type }}"
            f' FILTER(STRSTARTS(STR(?t), "{SV}")) }}'
        )
    }
    assert terms and terms <= expanded


def test_export_writes_what_the_build_wrote(built: Settings, tmp_path: Path) -> None:
    target = tmp_path / "exported"
    first = samverkan("--root", str(built.root), "export", "--to", str(target))
    assert first.returncode == 0, first.stderr
    exported = read_manifest(target)
    assert exported is not None and f"to {target}" in first.stdout
    assert set(published_files(exported)) == {path.name for path in target.iterdir()}
    built_dumps = {entry["file"]: entry["sha256"] for entry in manifest_of(built)["dumps"]}
    assert {entry["file"]: entry["sha256"] for entry in exported["dumps"]} == built_dumps
    again = samverkan("--root", str(built.root), "export", "--to", str(target))  # replaces its own export
    assert again.returncode == 0, again.stderr


def test_export_refuses_a_directory_it_did_not_make(built: Settings, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = samverkan("--root", str(built.root), "export", "--to", str(tmp_path))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "Give a new or empty directory" in refused.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_export_reads_every_kind_of_store(store_settings: Settings, built: Settings, tmp_path: Path) -> None:
    exported = export(open_store(store_settings), tmp_path / "exported", date.today())
    assert {entry["file"] for entry in exported["dumps"]} == {dump.file for dump in DUMPS}
    for dump in DUMPS:
        again = set(ox.parse(path=tmp_path / "exported" / dump.file, format=dump.format))
        assert again == set(ox.parse(path=built.dist / dump.file, format=dump.format)), dump.file


def test_the_jsonld_dump_written_in_its_own_process_is_the_same_file(
    built: Settings, store: Store, tmp_path: Path
) -> None:
    target = tmp_path / JSONLD_DUMP.file
    with dump_beside(store, target, context(store), above=0) as finish:
        finish(target)
    assert target.read_bytes() == (built.dist / JSONLD_DUMP.file).read_bytes()
