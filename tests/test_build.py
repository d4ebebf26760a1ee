"""The build publishes store and dumps together, or nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_PROJECT, REPO, copy_project, samverkan, settings_for, snapshot

from graph.build import build
from graph.dist import published_files, read_manifest
from graph.errors import ValidationFailed
from graph.export import DUMPS
from graph.settings import Settings
from graph.sources import discover
from graph.store import Store


def test_build_writes_store_and_every_dump(built: Settings, store: Store) -> None:
    assert built.store.is_symlink() and built.dist.is_symlink()
    assert store.quad_count() > 0
    manifest = read_manifest(built.dist)
    assert manifest is not None
    names = {path.name for path in built.dist.iterdir()}
    assert names == set(published_files(manifest))
    assert {dump.file for dump in DUMPS} <= names


def test_store_has_one_named_graph_per_source_file(built: Settings, store: Store) -> None:
    project = discover(built.root)
    assert set(store.graph_counts()) == {file.graph for file in project.graphs}


def test_triple_stated_in_two_files_counts_once_in_the_union(fixture_built: Settings) -> None:
    store = Store.open_read_only(fixture_built.store)
    assert store.quad_count() == store.triple_count() + 1  # the fixture states one triple twice


def test_malformed_turtle_stops_the_build_and_keeps_the_previous_one(tmp_path: Path) -> None:
    root = copy_project(REPO, tmp_path / "project")
    first = samverkan("--root", str(root), "build")
    assert first.returncode == 0, first.stderr
    settings = settings_for(root)
    before = snapshot(settings.store, settings.dist)
    links = (settings.store.resolve(), settings.dist.resolve())

    broken = sorted((root / "data").glob("*.ttl"))[0]
    text = broken.read_text(encoding="utf-8").rstrip("\n") + "\n"
    bad_line = text.count("\n") + 1
    broken.write_text(text + "<https://example.org/broken> <https://example.org/p> .\n", encoding="utf-8")
    also_broken = root / "data" / "zz-also-broken.ttl"
    also_broken.write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b "unterminated .\n', encoding="utf-8"
    )

    second = samverkan("--root", str(root), "build")
    assert second.returncode == 2
    assert "Traceback" not in second.stderr
    assert f"data/{broken.name}:{bad_line}:" in second.stderr, second.stderr
    assert "data/zz-also-broken.ttl:2:" in second.stderr  # every bad file is reported
    assert snapshot(settings.store, settings.dist) == before
    assert (settings.store.resolve(), settings.dist.resolve()) == links
    assert {p.name for p in (root / "var").iterdir()} == {"store", links[0].name}


def test_violations_stop_the_build_and_nothing_is_written(tmp_path: Path) -> None:
    root = copy_project(FIXTURE_PROJECT, tmp_path / "project")
    (root / "data" / "bad.ttl").write_text(
        "@prefix sv: <https://w3id.org/samverkan/ns#> .\n"
        "<https://w3id.org/samverkan/id/org/nameless> a sv:Municipality .\n",
        encoding="utf-8",
    )
    settings = settings_for(root)
    with pytest.raises(ValidationFailed) as failure:
        build(settings)
    assert [v.files for v in failure.value.violations] == [("data/bad.ttl",)]
    assert sorted(p.name for p in root.iterdir()) == ["data", "ontology", "shapes"]


def test_a_rebuild_replaces_store_and_dumps_and_removes_the_old_ones(tmp_path: Path) -> None:
    settings = settings_for(copy_project(FIXTURE_PROJECT, tmp_path / "project"))
    build(settings)
    old_store, old_dist = settings.store.resolve(), settings.dist.resolve()
    build(settings)
    assert settings.store.resolve() != old_store and not old_store.exists()
    assert settings.dist.resolve() != old_dist and not old_dist.exists()
    assert Store.open_read_only(settings.store).quad_count() > 0
