"""Kept answers: the same request gets the same answer from memory until a rebuild changes the graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_PROJECT, copy_project, make_app, settings_for
from flask import Flask

from graph.build import build
from graph.settings import Settings
from webapp.page_cache import CACHE_HEADER

HUDDINGE = "/id/org/huddinge-kommun"


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    settings = settings_for(copy_project(FIXTURE_PROJECT, tmp_path / "project"))
    build(settings)
    return settings


@pytest.fixture
def fixture_app(project: Settings) -> Flask:
    return make_app(project)


def test_a_page_asked_again_is_the_kept_answer_with_fresh_security_headers(fixture_app: Flask) -> None:
    client = fixture_app.test_client()
    first = client.get("/?lang=en")
    again = client.get("/?lang=en")
    assert (first.headers[CACHE_HEADER], again.headers[CACHE_HEADER]) == ("miss", "hit")
    assert again.get_data() == first.get_data()
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert "default-src 'self'" in again.headers["Content-Security-Policy"]
    assert again.headers["X-Content-Type-Options"] == "nosniff"


def test_the_answer_depends_on_the_query_string_and_accept(fixture_app: Flask) -> None:
    client = fixture_app.test_client()
    html = client.get(HUDDINGE, headers={"Accept": "text/html"})
    turtle = client.get(HUDDINGE, headers={"Accept": "text/turtle"})
    assert html.mimetype == "text/html" and turtle.mimetype == "text/turtle"
    assert turtle.headers[CACHE_HEADER] == "miss"
    swedish, english = client.get(HUDDINGE + "?lang=sv"), client.get(HUDDINGE + "?lang=en")
    assert swedish.get_data() != english.get_data()


def test_errors_and_sparql_are_never_kept(fixture_app: Flask) -> None:
    client = fixture_app.test_client()
    for _ in range(2):
        missing = client.get("/id/org/no-such-thing")
        assert missing.status_code == 404 and missing.headers.get(CACHE_HEADER) != "hit"
        answered = client.get("/sparql?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
        assert answered.status_code == 200 and CACHE_HEADER not in answered.headers


def test_a_rebuild_drops_every_kept_answer(project: Settings, fixture_app: Flask) -> None:
    client = fixture_app.test_client()
    assert "Huddinge Municipality" in client.get(HUDDINGE + "?lang=en").get_data(as_text=True)
    assert client.get(HUDDINGE + "?lang=en").headers[CACHE_HEADER] == "hit"
    organizations = project.root / "data" / "organizations.ttl"
    text = organizations.read_text(encoding="utf-8")
    organizations.write_text(text.replace('"Huddinge Municipality"@en', '"Municipality of Huddinge"@en'), "utf-8")
    build(project)
    after = client.get(HUDDINGE + "?lang=en")
    assert after.headers[CACHE_HEADER] == "miss"
    page = after.get_data(as_text=True)
    assert "Municipality of Huddinge" in page and "Huddinge Municipality" not in page


def test_no_accept_and_an_empty_accept_are_different_requests(fixture_app: Flask) -> None:
    client = fixture_app.test_client()
    assert client.get(HUDDINGE).mimetype == "text/html"
    assert client.get(HUDDINGE, headers={"Accept": ""}).mimetype == "text/turtle"
    assert client.get(HUDDINGE).mimetype == "text/html"
