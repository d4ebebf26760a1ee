"""Staged directories replace their targets all at once, or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.staging import Staging


def test_publish_points_the_targets_at_the_new_directories(tmp_path: Path) -> None:
    store, dist = tmp_path / "var" / "store", tmp_path / "dist"
    with Staging() as staging:
        (staging.new(store) / "data").write_text("1")
        (staging.new(dist) / "dump").write_text("1")
        staging.publish()
    assert store.is_symlink() and (store / "data").read_text() == "1"
    assert os.readlink(store).startswith(".store.") and (dist / "dump").read_text() == "1"


def test_an_error_before_publishing_leaves_everything_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    with Staging() as staging:
        (staging.new(target) / "dump").write_text("old")
        staging.publish()
    before = sorted(tmp_path.iterdir())
    with pytest.raises(KeyboardInterrupt), Staging() as staging:
        (staging.new(target) / "dump").write_text("half-writ")
        raise KeyboardInterrupt
    assert sorted(tmp_path.iterdir()) == before
    assert (target / "dump").read_text() == "old"


def test_the_replaced_directory_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    for content in ("first", "second"):
        with Staging() as staging:
            (staging.new(target) / "dump").write_text(content)
            staging.publish()
    assert {path.name for path in tmp_path.iterdir()} == {"dist", os.readlink(target)}
    assert (target / "dump").read_text() == "second"


def test_a_plain_directory_is_replaced_and_a_foreign_link_target_is_kept(tmp_path: Path) -> None:
    plain, elsewhere = tmp_path / "dist", tmp_path / "elsewhere"
    plain.mkdir()
    elsewhere.mkdir()
    linked = tmp_path / "store"
    linked.symlink_to(elsewhere)
    with Staging() as staging:
        staging.new(plain)
        staging.new(linked)
        staging.publish()
    assert plain.is_symlink() and linked.is_symlink() and elsewhere.is_dir()
    assert {path.name for path in tmp_path.iterdir()} == {
        "dist",
        "store",
        "elsewhere",
        os.readlink(plain),
        os.readlink(linked),
    }
