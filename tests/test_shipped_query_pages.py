"""The shipped queries' pages over real HTTP: the list, each query's page, its answer in every format.

The answers are checked against a fact of the sources: Södertörns rådslag
2019 is hosted by Salems kommun (query 5), whatever format it is read in.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, serving
from flask import Flask
from markupsafe import escape

from graph import media, queries
from graph.settings import Settings
from webapp import create_app, sparql
from webapp.i18n import MESSAGES

Q5 = "05-radslag-participants-and-hosts"
SALEM = "https://w3id.org/samverkan/id/org/salems-kommun"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
CONSTRUCT = """# title@sv: Avtalens parter
# title@en: The agreements' parties
# description@sv: Varje avtal och dess parter, som en graf.
# description@en: Every agreement and its parties, as a graph.
CONSTRUCT { ?agreement sv:party ?party } WHERE { ?agreement a sv:Agreement ; sv:party ?party }
"""


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media_type(self) -> str:
        return self.headers.get_content_type()


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, accept: str = "text/html", data: dict[str, str] | None = None) -> Reply:
    """GET ``url`` (or POST the form ``data``) as a client does; redirects are returned, not followed."""
    body = urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept": accept})
    opener = urllib.request.build_opener(_KeepRedirects)
    try:
        with opener.open(request, timeout=30) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, error.headers, error.read())


@dataclass(frozen=True)
class Value:
    """A table cell as a reader sees it: its text and where its link goes."""

    text: str
    href: str | None = None


class Html(HTMLParser):
    """What the tests read in a page: the result table's rows, links by class, forms' buttons."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.columns: list[str] = []
        self.rows: list[dict[str, Value]] = []
        self.links: list[dict[str, str | None]] = []
        self._table = False
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._row: list[Value] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a":
            self.links.append(attributes)
            self._href = attributes.get("href")
        if tag == "table" and "results" in (attributes.get("class") or ""):
            self._table = True
        elif self._table and tag in ("td", "th"):
            self._cell, self._href = [], None
        elif self._table and tag == "tr":
            self._row = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = False
        elif self._table and tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self._row.append(Value(text, self._href if tag == "td" else None))
            self._cell = None
        elif self._table and tag == "tr":
            if self.columns:
                self.rows.append(dict(zip(self.columns, self._row, strict=True)))
            else:
                self.columns = [value.text for value in self._row]


def row_of_2019(rows: list[dict[str, str]]) -> dict[str, str]:
    """The one row of query 5's answer for the year 2019."""
    (row,) = [row for row in rows if row.get("year") == "2019"]
    return row


def shipped(name: str) -> queries.Query:
    return queries.find(name)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_list_names_every_query_with_its_title_description_and_link(live_server: str, lang: str) -> None:
    suffix = "?lang=en" if lang == "en" else ""
    reply = fetch(f"{live_server}/queries{suffix}")
    assert reply.status == 200
    page = Html(reply.text)
    for query in queries.shipped():
        assert escape(query.titles[lang]) in reply.text
        assert escape(query.descriptions[lang]) in reply.text
        assert any(link["href"] == f"/queries/{query.name}{suffix}" for link in page.links)
    assert any(link["href"] == f"/queries{suffix}" for link in page.links)  # the site header links the list


@pytest.mark.parametrize("name", ["5", "05"])
def test_a_number_redirects_to_the_named_page_keeping_its_parameters(live_server: str, name: str) -> None:
    reply = fetch(f"{live_server}/queries/{name}?lang=en&format=csv")
    assert reply.status == 302
    assert reply.headers["Location"] == f"/queries/{Q5}?lang=en&format=csv"


def test_an_unknown_query_is_the_not_found_page(live_server: str) -> None:
    reply = fetch(f"{live_server}/queries/99-no-such-query")
    assert reply.status == 404 and reply.media_type == "text/html"
    assert MESSAGES["sv"]["error_404"] in reply.text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_query_page_shows_its_text_description_and_live_answer(live_server: str, lang: str) -> None:
    suffix = "?lang=en" if lang == "en" else ""
    query = shipped(Q5)
    reply = fetch(f"{live_server}/queries/{Q5}{suffix}")
    assert reply.status == 200
    assert f"<h1>{escape(query.titles[lang])}</h1>" in reply.text
    assert escape(query.descriptions[lang]) in reply.text
    assert escape(query.sparql) in reply.text
    page = Html(reply.text)
    salem = row_of_2019([{column: value.text for column, value in row.items()} for row in page.rows])
    assert salem["participantLabel"].startswith("Salems kommun")
    (linked,) = [row["participant"] for row in page.rows if row["year"].text == "2019"]
    assert linked.href == f"/id/org/salems-kommun{suffix}" and linked.text == SALEM
    (editor,) = [link["href"] or "" for link in page.links if "query=" in (link["href"] or "")]
    assert urlsplit(editor).path == "/query" and parse_qs(urlsplit(editor).query)["query"] == [query.sparql]


def test_the_page_links_the_answer_in_each_format_of_its_kind(live_server: str) -> None:
    reply = fetch(f"{live_server}/queries/{Q5}")
    page = Html(reply.text)
    offered = {link.get("type"): link["href"] for link in page.links if "format=" in (link["href"] or "")}
    assert offered == {fmt.media_type: f"/queries/{Q5}?format={fmt.name}" for fmt in media.formats("results")}
    for fmt in media.formats("results"):
        alternate = f'</queries/{Q5}?format={fmt.name}>; rel="alternate"; type="{fmt.media_type}"'
        assert alternate in reply.headers["Link"]


def _rows(fmt: str, body: str) -> list[dict[str, str]]:
    """The rows of a SELECT answer in ``fmt``, each value as text (an IRI without its brackets)."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body)))
    if fmt == "tsv":  # N-Triples terms: IRIs in brackets, integers bare
        header, *lines = body.splitlines()
        names = [name.lstrip("?") for name in header.split("\t")]
        return [dict(zip(names, [t.strip("<>") for t in line.split("\t")], strict=True)) for line in lines]
    if fmt == "json":
        bindings = json.loads(body)["results"]["bindings"]
        return [{name: term["value"] for name, term in row.items()} for row in bindings]
    results = ET.fromstring(body).iter(f"{SPARQL_RESULTS}result")
    return [
        {value.attrib["name"]: "".join(value.itertext()) for value in result.iter(f"{SPARQL_RESULTS}binding")}
        for result in results
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_the_answer_in_each_format_says_salem_hosted_2019(live_server: str, fmt: str) -> None:
    reply = fetch(f"{live_server}/queries/{Q5}?format={fmt}")
    assert reply.status == 200
    assert reply.media_type == next(f.media_type for f in media.formats("results") if f.name == fmt)
    assert reply.headers["Samverkan-Truncated"] == "false"
    rows = _rows(fmt, reply.text)
    assert row_of_2019(rows)["participant"] == SALEM
    assert len(rows) == len(Html(fetch(f"{live_server}/queries/{Q5}").text).rows)


def test_a_format_a_select_query_has_not_is_a_clear_error(live_server: str) -> None:
    reply = fetch(f"{live_server}/queries/{Q5}?format=turtle", accept="text/plain")
    assert reply.status == 400 and "csv" in reply.text


# Queries of the other forms, and an answer cut at the row limit, on an app of their own.


def small_app(built: Settings, query_dir: Path, result_limit: int) -> Flask:
    """The app on the built project, with the example queries of ``query_dir`` and a low row limit."""
    settings = replace(built, result_limit=result_limit)
    return create_app({"TESTING": True, "SAMVERKAN_SETTINGS": settings, "QUERY_DIR": str(query_dir)})


@pytest.fixture(scope="module")
def small_server(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture project's SELECT and ASK queries plus a CONSTRUCT, answering at most 3 rows."""
    query_dir = tmp_path_factory.mktemp("queries")
    for path in (FIXTURES / "queries").glob("*.rq"):
        shutil.copy(path, query_dir)
    (query_dir / "03-agreement-parties.rq").write_text(CONSTRUCT, encoding="utf-8")
    app = small_app(built, query_dir, result_limit=3)
    with serving(app) as url:
        yield url
    app.extensions[sparql.EXTENSION].close()


@pytest.mark.parametrize("fmt", [fmt.name for fmt in media.formats("graph")])
def test_a_graph_query_answers_in_each_rdf_format(small_server: str, fmt: str) -> None:
    page = Html(fetch(f"{small_server}/queries/03-agreement-parties").text)
    assert {link.get("type") for link in page.links if "format=" in (link["href"] or "")} == {
        f.media_type for f in media.formats("graph")
    }
    reply = fetch(f"{small_server}/queries/03-agreement-parties?format={fmt}")
    assert reply.status == 200
    triples = list(ox.parse(reply.body, format=ox.RdfFormat.from_media_type(reply.media_type)))
    assert len(triples) == 3 and reply.headers["Samverkan-Truncated"] == "true"  # cut at the limit
    assert {triple.predicate.value for triple in triples} == {"https://w3id.org/samverkan/ns#party"}


def test_a_boolean_query_shows_yes_and_answers_in_each_results_format(small_server: str) -> None:
    page = fetch(f"{small_server}/queries/02-has-agreement")
    assert f'<p class="boolean">{MESSAGES["sv"]["yes"]}</p>' in page.text
    assert fetch(f"{small_server}/queries/2?format=json").status == 302
    assert json.loads(fetch(f"{small_server}/queries/02-has-agreement?format=json").body)["boolean"] is True
    assert fetch(f"{small_server}/queries/02-has-agreement?format=csv").text.strip() == "true"


def test_a_cut_answer_says_so_on_the_page_and_in_the_header(small_server: str) -> None:
    page = fetch(f"{small_server}/queries/01-organizations?lang=en")
    assert MESSAGES["en"]["truncated"] in page.text and len(Html(page.text).rows) == 3
    reply = fetch(f"{small_server}/queries/01-organizations?format=csv")
    assert reply.headers["Samverkan-Truncated"] == "true" and len(_rows("csv", reply.text)) == 3
