"""Shipped queries: their headers, how users name them, and that each one runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from graph import queries
from graph.errors import SamverkanError, UnknownQuery
from graph.results import render
from graph.store import Store

QUERY_DIR = FIXTURES / "queries"


def test_header_gives_titles_and_descriptions_in_both_languages() -> None:
    query = queries.find("01-organizations", QUERY_DIR)
    assert query.titles == {"sv": "Organisationer", "en": "Organizations"}
    assert query.descriptions["en"] == "Every organization with its name."
    assert query.number == 1


@pytest.mark.parametrize("name", ["02-has-agreement", "02", "2"])
def test_find_by_name_or_number(name: str) -> None:
    assert queries.find(name, QUERY_DIR).name == "02-has-agreement"


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(
        UnknownQuery, match=re.escape("No query called 'nope'. Shipped queries: 01-organizations, 02-has-")
    ):
        queries.find("nope", QUERY_DIR)


def test_resolve_reads_a_file_text_or_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert queries.resolve(str(path), QUERY_DIR) == "ASK {}"
    assert queries.resolve("SELECT * { ?s ?p ?o }", QUERY_DIR) == "SELECT * { ?s ?p ?o }"
    assert queries.resolve("2", QUERY_DIR).endswith("ASK { ?a a sv:Agreement }\n")
    with pytest.raises(SamverkanError, match="No such query file"):
        queries.resolve(str(tmp_path / "missing.rq"), QUERY_DIR)


SHIPPED = queries.shipped()


@pytest.mark.parametrize("query", SHIPPED, ids=[q.name for q in SHIPPED])
def test_every_shipped_query_is_documented_and_runs(query: queries.Query, store: Store) -> None:
    for field in (query.titles, query.descriptions):
        assert field.keys() >= {"sv", "en"}, f"{query.name} needs a title and description in sv and en"
    assert query.number is not None
    assert render(store.query(query.sparql))
