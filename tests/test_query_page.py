"""The query page: first over plain HTTP (the form works without JavaScript), then in a real Chromium.

The browser tests drive Debian's Chromium through Playwright (never a
browser Playwright downloads). Without Chromium they are skipped with the
reason, except in CI (``CI=true``), where a missing browser fails them.
Every page they open is watched: a request to anywhere but the app fails
the test, since the page must work offline.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import serving
from markupsafe import escape
from browser import Visit, visiting
from playwright.sync_api import Browser, Locator, Page
from test_shipped_query_pages import SALEM, Html, fetch, row_of_2019, small_app

from graph import queries
from graph.settings import Settings
from webapp import sparql
from webapp.i18n import MESSAGES

Q5 = queries.find("05-radslag-participants-and-hosts")
BAD = "SELECT * WHERE {\n  ?s ?p ?o\n  FILTR(?o)\n}"
"""Not SPARQL: the engine stops on line 3, in the misspelt FILTER."""
ASK = "ASK { ?m a sv:Municipality }"
POSITION = re.compile(r"line (\d+), column (\d+)|at (\d+):(\d+)")


def position(message: str) -> tuple[int, int]:
    """The line and column of the engine's message: which column it names is the engine's choice, so it is read."""
    match = POSITION.search(message)
    assert match is not None, message
    line, column = (int(number) for number in match.groups() if number is not None)
    return line, column


def values(page: Html) -> list[dict[str, str]]:
    return [{column: value.text for column, value in row.items()} for row in page.rows]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_offers_the_editor_and_every_example_in_each_language(live_server: str, lang: str) -> None:
    reply = fetch(f"{live_server}/query" + ("?lang=en" if lang == "en" else ""))
    assert reply.status == 200
    assert f'<label for="query-text">{MESSAGES[lang]["editor_label"]}</label>' in reply.text
    for query in queries.shipped():
        assert f'<option value="{query.name}">{escape(query.titles[lang])}</option>' in reply.text
    assert f'<html lang="{lang}">' in reply.text and MESSAGES[lang]["no_result_yet"] in reply.text


def test_an_example_fills_the_editor_without_javascript(live_server: str) -> None:
    reply = fetch(f"{live_server}/query?lang=en&example={Q5.name}")
    assert f'{escape(Q5.sparql)}</textarea>' in reply.text
    assert f'<option value="{Q5.name}" selected>' in reply.text
    assert escape(Q5.descriptions["en"]) in reply.text


def test_a_posted_query_is_answered_on_the_page(live_server: str) -> None:
    reply = fetch(f"{live_server}/query?lang=en", data={"query": Q5.sparql})
    assert reply.status == 200
    page = Html(reply.text)
    assert row_of_2019(values(page))["participantLabel"].startswith("Salems kommun")
    assert {row["participant"].href for row in page.rows} >= {"/id/org/salems-kommun?lang=en"}
    assert MESSAGES["en"]["rows"].replace("{n}", str(len(page.rows))) in reply.text


def test_the_address_carries_the_query(live_server: str) -> None:
    reply = fetch(f"{live_server}/query?query={ASK.replace(' ', '+')}")
    assert f'<p class="boolean">{MESSAGES["sv"]["yes"]}</p>' in reply.text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_syntax_error_is_told_with_its_position_in_the_page_language(live_server: str, lang: str) -> None:
    reply = fetch(f"{live_server}/query?lang={lang}", data={"query": BAD})
    assert reply.status == 200
    assert MESSAGES[lang]["query_error_400"] in reply.text
    assert "not valid SPARQL" in reply.text  # the engine's own words, below
    line, column = position(reply.text.split('class="problem-detail">')[1])
    assert line == 3 and MESSAGES[lang]["query_error_position"].format(line=line, column=column) in reply.text


def test_an_update_is_refused_in_words(live_server: str) -> None:
    reply = fetch(f"{live_server}/query", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert MESSAGES["sv"]["query_error_403"] in reply.text


def test_the_download_buttons_post_the_query_to_the_endpoint(live_server: str) -> None:
    actions = re.findall(r'formaction="([^"]+)" formmethod="post"', fetch(f"{live_server}/query").text)
    assert actions == ["/sparql?format=csv", "/sparql?format=json"]
    as_csv = fetch(live_server + actions[0], data={"query": Q5.sparql})
    assert row_of_2019(list(csv.DictReader(io.StringIO(as_csv.text))))["participant"] == SALEM
    as_json = fetch(live_server + actions[1], data={"query": Q5.sparql})
    assert as_json.media_type == "application/sparql-results+json"
    assert json.loads(as_json.body)["head"]["vars"][:2] == ["year", "participant"]


# In the browser.


def run_button(page: Page, lang: str = "sv") -> Locator:
    return page.get_by_role("button", name=MESSAGES[lang]["run_query"])


def answer_rows(page: Page) -> list[dict[str, dict[str, str | None]]]:
    """The answer table the script drew: per row, per column, the cell's text and link."""
    page.locator("#results table.results").wait_for()
    rows: list[dict[str, dict[str, str | None]]] = page.evaluate(
        """() => {
          const table = document.querySelector("#results table.results");
          const columns = [...table.tHead.rows[0].cells].map((cell) => cell.textContent);
          const link = (cell) => cell.querySelector("a")?.getAttribute("href") ?? null;
          const value = (cell) => ({ text: cell.textContent, href: link(cell) });
          return [...table.tBodies[0].rows].map((row) =>
            Object.fromEntries([...row.cells].map((cell, i) => [columns[i], value(cell)])));
        }"""
    )
    return rows


def write(page: Page, sparql: str) -> None:
    """Put ``sparql`` in the editor as typing would (the editor hears an input event)."""
    page.locator("#query-text").fill(sparql)


def test_choosing_an_example_by_title_fills_the_editor_and_shows_its_description(visit: Visit) -> None:
    page = visit.open("/query")
    page.get_by_label(MESSAGES["sv"]["example_label"]).select_option(label=Q5.titles["sv"])
    assert page.locator("#query-text").input_value() == Q5.sparql
    assert page.locator("#example-description").text_content() == Q5.descriptions["sv"]
    assert page.locator(".editor-highlight code").text_content() == Q5.sparql + "\n"  # the colours line up
    assert page.locator(".editor-highlight .tok-keyword", has_text="SELECT").count() == 1
    assert page.locator(".editor-highlight .tok-variable", has_text="?participant").count() > 1


TRICKY = (
    'SELECT ?x { ?x a <urn:x> FILTER(?x < 5 && STR(?y) = "a\\"b"@sv-SE) } # <not an IRI>',
    "'''two\nlines''' 1.5e3 -2 _:b0 :local ex:a.b. $v <&>",
    'an unterminated "string\n\tand a tab',
)


def test_the_colours_keep_every_character_typed(visit: Visit) -> None:
    page = visit.open("/query")
    for text in TRICKY:
        write(page, text)
        assert page.locator(".editor-highlight code").text_content() == text + "\n"
    assert page.locator(".editor-highlight .tok-string").text_content() == '"string'


def test_running_an_example_draws_its_answer_with_iris_linked_to_their_pages(visit: Visit) -> None:
    page = visit.open("/query")
    page.get_by_label(MESSAGES["sv"]["example_label"]).select_option(label=Q5.titles["sv"])
    run_button(page).click()
    rows = answer_rows(page)
    assert visit.posted_to("/sparql")
    (salem,) = [row for row in rows if row["year"]["text"] == "2019"]
    assert (salem["participantLabel"]["text"] or "").startswith("Salems kommun")
    assert salem["participant"] == {"text": SALEM, "href": "/id/org/salems-kommun"}
    assert parse_qs(urlsplit(page.url).query)["query"] == [Q5.sparql]  # the address reproduces it
    page.get_by_role("link", name=SALEM).first.click()
    assert page.locator("h1").text_content() == "Salems kommun"


def test_ctrl_enter_runs_the_query(visit: Visit) -> None:
    page = visit.open("/query")
    write(page, ASK)
    page.locator("#query-text").press("Control+Enter")
    assert page.locator("#results .boolean").text_content() == MESSAGES["sv"]["yes"]
    assert visit.posted_to("/sparql")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_syntax_error_shows_where_it_is_and_leads_there(visit: Visit, lang: str) -> None:
    page = visit.open(f"/query?lang={lang}")
    write(page, BAD)
    run_button(page, lang).click()
    problem = page.locator("#results .problem")
    line, column = position(problem.locator(".problem-detail").text_content() or "")
    assert line == 3 and MESSAGES[lang]["query_error_400"] in (problem.text_content() or "")
    where = MESSAGES[lang]["query_error_position"].format(line=line, column=column)
    assert where in (problem.text_content() or "")
    problem.get_by_role("button", name=MESSAGES[lang]["go_to_error"]).click()
    offset = sum(len(text) + 1 for text in BAD.split("\n")[: line - 1]) + column - 1
    focused = page.evaluate("[document.activeElement.id, document.activeElement.selectionStart]")
    assert focused == ["query-text", offset]


def test_switching_to_english_keeps_the_query(visit: Visit) -> None:
    page = visit.open("/query")
    write(page, ASK)
    page.get_by_role("link", name=MESSAGES["sv"]["switch_language"]).click()
    page.wait_for_url("**lang=en**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#query-text").input_value() == ASK
    assert page.locator("#results .boolean").text_content() == MESSAGES["en"]["yes"]


def test_tab_indents_and_escape_then_tab_leaves_the_editor(visit: Visit) -> None:
    page = visit.open("/query")
    editor = page.locator("#query-text")
    write(page, "SELECT * {\n?s ?p ?o\n}")
    editor.evaluate("(node) => node.setSelectionRange(11, 11)")
    editor.press("Tab")
    assert editor.input_value() == "SELECT * {\n  ?s ?p ?o\n}"
    editor.press("Shift+Tab")
    assert editor.input_value() == "SELECT * {\n?s ?p ?o\n}"
    editor.press("Escape")
    editor.press("Tab")
    assert page.evaluate("document.activeElement.id") != "query-text"
    assert editor.input_value() == "SELECT * {\n?s ?p ?o\n}"


def test_a_graph_query_shows_turtle(visit: Visit) -> None:
    page = visit.open("/query")
    write(page, "CONSTRUCT { ?m a sv:Municipality } WHERE { ?m a sv:Municipality }")
    run_button(page).click()
    turtle = page.locator("#results pre.graph-result").text_content() or ""
    assert "salems-kommun>" in turtle and "sv:Municipality" in turtle


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_download_buttons_save_the_answer_without_leaving_the_page(visit: Visit, fmt: str) -> None:
    page = visit.open(f"/query?example={Q5.name}")
    with page.expect_download() as download:
        page.get_by_role("button", name=fmt.upper(), exact=True).click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"samverkan.{fmt}"
    if fmt == "csv":
        assert row_of_2019(list(csv.DictReader(io.StringIO(saved))))["participant"] == SALEM
    else:
        bindings = json.loads(saved)["results"]["bindings"]
        rows = [{name: term["value"] for name, term in row.items()} for row in bindings]
        assert row_of_2019(rows)["participant"] == SALEM
    assert urlsplit(page.url).path == "/query"


def test_every_query_page_stays_on_its_own_server(visit: Visit) -> None:
    for path in ("/query", "/queries", f"/queries/{Q5.name}", "/query?lang=en"):
        visit.open(path).wait_for_load_state("networkidle")
    run_button(visit.page, "en").click()
    answer_rows(visit.page)
    assert visit.requests and visit.elsewhere() == []


@pytest.fixture(scope="module")
def small_server(built: Settings) -> Iterator[str]:
    app = small_app(built, queries.QUERY_DIR, result_limit=3)
    with serving(app) as url:
        yield url
    app.extensions[sparql.EXTENSION].close()


def test_a_cut_answer_says_so(browser: Browser, small_server: str) -> None:
    with visiting(browser, small_server) as visit:
        page = visit.open("/query")
        write(page, "SELECT * { ?s ?p ?o }")
        run_button(page).click()
        assert len(answer_rows(page)) == 3
        assert page.locator("#results .notice").text_content() == MESSAGES["sv"]["truncated"]
