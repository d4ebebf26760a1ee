"""Hostile addresses and hostile labels: no path leaves the published files, no unknown name or parameter
makes a 500, and markup in the data is text on every page, in every JSON island, and in the browser.

The app serves the small fixture project with ``hostile.ttl`` added (labels
that are markup, see ``tests/explorer_fixtures.py``), over real HTTP: both
Werkzeug's server and waitress, the production server, since each reads a
raw path in its own way. Secrets are planted beside the published files, so
that a path that got out would show one.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from browser import visiting
from conftest import REPO, make_app, serving
from explorer_fixtures import (
    HOSTILE,
    HOSTILE_AGREEMENT,
    HOSTILE_AGREEMENT_LABELS,
    HOSTILE_LABEL,
    HUDDINGE,
    build_hostile_project,
)
from flask import Flask
from json_islands import IslandParser
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as NotShown
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from waitress.server import create_server

from graph.namespaces import CANONICAL
from graph.settings import Settings
from webapp.i18n import MESSAGES
from webapp.vendor import VIS_NETWORK_VERSION

SECRET = "SECRET-7f3a9c-NOT-PUBLISHED"
MARKUP = [HOSTILE_LABEL, "<script>alert(2)</script>", "<b>bold</b>"]
"""The labels' markup exactly as written in the data: it may never reach a page unescaped."""
OUTSIDE = [SECRET, "root:x:0:", "def main(ctx", "import click", "[tool.pytest"]
"""What a file outside the published ones holds: planted secrets, /etc/passwd, graph/cli.py, pyproject.toml."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def media_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0]


def path_of(iri: str) -> str:
    """Where the app serves an instance IRI."""
    return "/id/" + iri.removeprefix(CANONICAL.id_base)


def send(base: str, path: str, accept: str = "text/html", method: str = "GET") -> Reply:
    """GET ``path`` exactly as written: no normalising of ``..`` or of percent-encoding on the way."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.putheader("Accept", accept)
        connection.endheaders()
        response = connection.getresponse()
        return Reply(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = build_hostile_project(tmp_path_factory.mktemp("hostile-urls"))
    for place in (settings.root, settings.root / "var", settings.dist.resolve(), settings.store.resolve().parent):
        (place / "secret.txt").write_text(SECRET, encoding="utf-8")
    (settings.root / "data" / "secret.ttl.bak").write_text(f"# {SECRET}\n", encoding="utf-8")
    return settings


@pytest.fixture(scope="module")
def hostile_app(hostile_settings: Settings) -> Flask:
    app = make_app(hostile_settings)
    app.config["TESTING"] = False  # as in production: an exception would be a 500, not a test error
    return app


@contextmanager
def waitress_serving(app: Flask) -> Iterator[str]:
    """``app`` under waitress, as ``samverkan serve`` runs it, on a free local port."""
    server = create_server(app, host="127.0.0.1", port=0, threads=4, expose_tracebacks=False)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()  # the request threads first, so none writes to a closed server
        server.close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def hostile_url(hostile_app: Flask) -> Iterator[str]:
    """The app under Werkzeug's server alone, for what does not depend on how a path is read."""
    with serving(hostile_app) as url:
        yield url


@pytest.fixture(scope="module", params=["werkzeug", "waitress"])
def base(request: pytest.FixtureRequest, hostile_app: Flask) -> Iterator[str]:
    serve = serving if request.param == "werkzeug" else waitress_serving
    with serve(hostile_app) as url:
        yield url


# --- paths that try to leave ------------------------------------------------------------------------

TRAVERSALS = [
    "/id/../../etc/passwd",
    "/id/%2e%2e/%2e%2e/etc/passwd",
    "/id/..%2f..%2f..%2fetc%2fpasswd",
    "/id/%252e%252e/%252e%252e/etc/passwd",
    "/id/org/hostile/../../../secret.txt",
    "/id/..%5c..%5csecret.txt",
    "/dumps/../../etc/passwd",
    "/dumps/../secret.txt",
    "/dumps/secret.txt",
    "/dumps/%2e%2e%2fsecret.txt",
    "/dumps/..%2fsecret.txt",
    "/dumps/%252e%252e%252fsecret.txt",
    "/dumps/..%5csecret.txt",
    "/dumps/%2fetc%2fpasswd",
    "/dumps/%00secret.txt",
    "/static/../graph/cli.py",
    "/static/%2e%2e/graph/cli.py",
    "/static/..%2fgraph%2fcli.py",
    "/static/%252e%252e%252fgraph%252fcli.py",
    "/static/..%5c..%5cgraph%5ccli.py",
    "/static/../../pyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/style.css%00.py",
    f"/vis-network-{VIS_NETWORK_VERSION}/../../../../etc/passwd",
    f"/vis-network-{VIS_NETWORK_VERSION}/..%2f..%2fpyproject.toml",
    "//etc/passwd",
    "/..",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/ns.%2e%2e%2fpyproject.toml",
    "/queries/..%2f..%2fpyproject.toml",
    "/queries/%2e%2e",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_reaches_a_file_that_is_not_published(base: str, path: str) -> None:
    for accept in ("text/html", "text/turtle", "*/*"):
        reply = send(base, path, accept)
        if reply.status in (301, 308):  # merged slashes: the place it sends to is inside too, and not found
            location = urlsplit(reply.headers["Location"])
            assert location.netloc in ("", urlsplit(base).netloc)
            reply = send(base, location.path, accept)
        assert reply.status in (400, 404), (path, reply.status)
        for held in OUTSIDE:
            assert held not in reply.text, (path, held)


def test_the_planted_secrets_are_really_there(hostile_settings: Settings) -> None:
    """The paths above point at real files: what keeps them out is the app, not their absence."""
    assert (hostile_settings.dist.resolve() / "secret.txt").read_text(encoding="utf-8") == SECRET
    assert SECRET in (hostile_settings.root / "secret.txt").read_text(encoding="utf-8")
    assert "def main(ctx" in (REPO / "graph" / "cli.py").read_text(encoding="utf-8")


# --- unknown names and parameters -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/id/org/no-such-organization",
        "/id/org/no-such-organization.ttl",
        "/id/no-such-kind/hostile",
        "/id/org/hostile.exe",
        "/id/org/" + "x" * 5000,
        "/id/" + quote("<script>alert(1)</script>"),
        "/id/org/hostile%0d%0aX-Injected:%201",
        "/id/%ff%fe",
        "/id/",
        "/id",
        "/queries/no-such-query",
        "/queries/999",
    ],
)
def test_unknown_iris_are_404_in_the_format_asked(base: str, path: str) -> None:
    for accept, media_type in (("text/html", "text/html"), ("application/json", "application/json"), ("text/turtle", None)):
        reply = send(base, path, accept)
        assert reply.status == 404, (path, accept, reply.status)
        assert "X-Injected" not in reply.headers
        if path.endswith(".ttl"):  # the extension chose the format, whatever was asked
            assert reply.media_type == "text/turtle"
            continue
        if media_type is not None:
            assert reply.media_type == media_type
        if media_type == "text/html":
            assert MESSAGES["sv"]["error_404"] in reply.text and "<script>alert(1)" not in reply.text
        if media_type == "application/json":
            assert json.loads(reply.body)["status"] == 404


@pytest.mark.parametrize("lang", ["xx", "EN", "sv-SE", "<script>alert(1)</script>", "", "en\u0000"])
@pytest.mark.parametrize(
    "path", ["/", "/network", "/analytics", "/timeline", path_of(HOSTILE), "/query", "/downloads", "/ns"]
)
def test_an_unknown_language_shows_the_page_in_swedish(hostile_url: str, path: str, lang: str) -> None:
    reply = send(hostile_url, f"{path}?lang={quote(lang, safe='')}")
    if "\u0000" in lang:
        assert reply.status == 400 and "NUL" in reply.text
        return
    assert reply.status == 200, (path, lang)
    assert '<html lang="sv">' in reply.text and "<script>alert(1)" not in reply.text


@pytest.mark.parametrize("lang", ["xx", "<b>x</b>"])
def test_an_unknown_language_is_a_400_in_the_explorer_api(hostile_url: str, lang: str) -> None:
    for path in ("/api/network", "/api/search?q=KI", "/api/node?iri=org/huddinge-kommun"):
        joiner = "&" if "?" in path else "?"
        reply = send(hostile_url, f"{path}{joiner}lang={quote(lang)}", "application/json")
        assert reply.status == 400 and reply.media_type == "application/json"
        assert f"Unknown language {lang!r}" in json.loads(reply.body)["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/id/org/hostile?format=exe",
        "/id/org/hostile?format=%3Cscript%3E",
        "/id/dataset/samverkan?format=exe",
        "/catalog?format=exe",
        "/.well-known/void?format=exe",
        "/ns?format=exe",
        "/shapes?format=exe",
        "/queries/01-huddinge-partners?format=exe",
        "/sparql?query=ASK%7B%7D&format=exe",
    ],
)
def test_an_unknown_format_is_a_400_naming_the_formats(hostile_url: str, path: str) -> None:
    reply = send(hostile_url, path, "text/plain")
    assert reply.status == 400, (path, reply.status)
    assert "<script>" not in reply.text and "Traceback" not in reply.text
    assert re.search(r"\buse\b.*\b(turtle|json)\b", reply.text, re.I), reply.text  # it names what there is


# --- labels that are markup -----------------------------------------------------------------------


class Links(IslandParser):
    """The site's own links of a page, and the JSON of its data islands."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#")[0])
        super().handle_starttag(tag, attrs)


def test_markup_in_labels_is_text_on_every_page(hostile_url: str) -> None:
    """Every page reachable from the pages about the hostile nodes, in both languages: no raw markup,
    and each JSON island parses to the labels as they are (|tojson keeps ``</script>`` inside it)."""
    hostile = HOSTILE.removeprefix(CANONICAL.id_base)
    queue = [
        f"/{suffix}"
        for suffix in (
            "",
            "network?view=whole",
            f"network?focus={hostile}&depth=2",
            "analytics",
            f"timeline?org={quote(HOSTILE)}",
            f"connections?a={quote(HOSTILE)}&b={quote(HUDDINGE)}",
            f"id/{hostile}",
            path_of(HOSTILE_AGREEMENT).lstrip("/"),
            "query?query=" + quote("SELECT ?thing ?label { ?thing rdfs:label ?label }"),
        )
    ]
    queue += [path + ("&" if "?" in path else "?") + "lang=en" for path in queue]
    seen: set[str] = set()
    islands_with_labels = 0
    while queue and len(seen) < 150:
        path = queue.pop(0)
        if path in seen or path.startswith(("/dumps/", "/static/", "/vis-network")):
            continue
        seen.add(path)
        reply = send(hostile_url, path)
        assert reply.status < 500, (path, reply.status)
        if reply.media_type != "text/html":
            continue
        for markup in MARKUP:
            assert markup not in reply.text, (path, markup)
        parsed = Links()
        parsed.feed(reply.text)
        for island in parsed.islands:
            data = json.loads(island)  # the whole island survived the parse: nothing closed it early
            text = json.dumps(data, ensure_ascii=False)
            islands_with_labels += any(json.dumps(m, ensure_ascii=False)[1:-1] in text for m in MARKUP)
        queue += [link for link in parsed.links if link not in seen]
    assert len(seen) > 40 and islands_with_labels > 0


def test_markup_in_labels_is_data_in_the_api_and_in_rdf(hostile_url: str) -> None:
    node = json.loads(send(hostile_url, f"/api/node?iri={quote(HOSTILE)}&lang=en", "application/json").body)
    assert node["label"] == HOSTILE_LABEL
    found = json.loads(send(hostile_url, "/api/search?q=img&lang=en", "application/json").body)
    assert found["results"][0]["label"] == HOSTILE_LABEL
    for extension, syntax in (("rdf", "xml"), ("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")):
        reply = send(hostile_url, f"{path_of(HOSTILE_AGREEMENT)}.{extension}", "*/*")
        assert reply.status == 200
        graph = Graph().parse(data=reply.body, format=syntax)
        labels = {str(o) for o in graph.objects(URIRef(HOSTILE_AGREEMENT), RDFS.label) if isinstance(o, Literal)}
        assert labels == set(HOSTILE_AGREEMENT_LABELS.values()), extension


# --- in the browser ---------------------------------------------------------------------------------


INJECTED = "document.querySelectorAll('img, b, script:not([src]):not([type])').length"
"""Elements the markup in the data would make if it were read as HTML (the pages have none of their own)."""

POINTS = """(box) => {
  const frame = document.getElementById(box);
  const network = frame.visNetwork || window.samverkanNetwork.network;
  const rect = frame.getBoundingClientRect();
  const at = (p) => { const d = network.canvasToDOM(p); return { x: rect.left + d.x, y: rect.top + d.y }; };
  const nodes = Object.entries(network.getPositions()).map(([id, p]) => ({ id, ...at(p) }));
  const edges = Object.values(network.body.edges).map((e) => ({ id: e.id, ...at(e.edgeType.getPoint(0.5)) }));
  return [...nodes, ...edges];
}"""
"""Where each node and the middle of each edge is drawn, in page coordinates."""


def hover_everything(page: Page, box: str) -> list[str]:
    """Hover each node and edge of the network in ``box``; the text of every tooltip that showed."""
    page.locator(f"#{box}").scroll_into_view_if_needed()
    shown = []
    for point in page.evaluate(POINTS, box):
        page.mouse.move(point["x"], point["y"])
        tooltip = page.locator("div.vis-tooltip")
        try:
            tooltip.wait_for(state="visible", timeout=1500)
        except NotShown:  # a point under another node, or under an edge's label: no tooltip there
            continue
        shown.append(tooltip.inner_text())
        assert tooltip.locator("img, b, script").count() == 0
        page.mouse.move(0, 0)
    return shown


def test_hover_titles_and_pages_keep_markup_as_text_in_the_browser(browser: Browser, hostile_url: str) -> None:
    with visiting(browser, hostile_url) as visit:
        dialogs: list[str] = []
        visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page = visit.open("/network?view=whole")  # Swedish: the agreement's label is a script element
        page.wait_for_function(
            "() => window.samverkanNetwork && document.getElementById('network').dataset.state === 'ready'"
        )
        titles = "\n".join(hover_everything(page, "network"))
        assert HOSTILE_LABEL in titles and HOSTILE_AGREEMENT_LABELS["sv"] in titles
        assert page.evaluate(INJECTED) == 0

        page = visit.open(f"{path_of(HOSTILE_AGREEMENT)}?lang=en")
        expect(page.locator("h1")).to_have_text(HOSTILE_AGREEMENT_LABELS["en"])
        page.locator("#resource-network[data-ready='true']").wait_for()
        titles = "\n".join(hover_everything(page, "resource-network"))
        assert HOSTILE_LABEL in titles
        assert page.evaluate(INJECTED) == 0

        sparql = 'SELECT ?label { ?s rdfs:label ?label } # </textarea><img src=x onerror="alert(3)">'
        page = visit.open("/query?query=" + quote(sparql))
        expect(page.locator("table.results")).to_contain_text(HOSTILE_LABEL)
        expect(page.locator("#query-text")).to_have_value(sparql)
        page.get_by_role("button", name=MESSAGES["sv"]["run_query"]).click()  # drawn again by query.js
        expect(page.locator("#results table.results")).to_contain_text(HOSTILE_AGREEMENT_LABELS["sv"])
        assert page.evaluate(INJECTED) == 0
    assert dialogs == []
