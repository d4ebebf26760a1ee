"""The web app over real HTTP: home page in both languages, resource pages, dumps, errors."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURE_PROJECT, copy_project, make_app, serving

from graph.build import build
from graph.dist import MANIFEST, published_files, read_manifest
from graph.labels import labels
from graph.namespaces import CANONICAL
from graph.settings import Settings
from graph.store import Store
from webapp.i18n import MESSAGES

HUDDINGE = "/id/org/huddinge-kommun"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def get(url: str, accept: str = "text/html") -> Response:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Response(response.status, response.headers["Content-Type"], response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, error.headers["Content-Type"], error.read())


class Page(HTMLParser):
    """The parts of a page the tests look at: its language, links (with their text) and loaded resources."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.links: list[str] = []
        self.link_texts: dict[str, str] = {}
        self.loads: list[str] = []
        self._in_link: str | None = None
        self.feed(html)

    def handle_data(self, data: str) -> None:
        if self._in_link is not None:
            self.link_texts[self._in_link] = self.link_texts.get(self._in_link, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
            self._in_link = attributes["href"]
        for name in ("src", "href"):
            if tag != "a" and attributes.get(name):
                self.loads.append(attributes[name] or "")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_home_page_in_each_language(live_server: str, store: Store, lang: str) -> None:
    response = get(f"{live_server}/" + ("?lang=en" if lang == "en" else ""))
    assert response.status == 200 and response.content_type.startswith("text/html")
    page = Page(response.text)
    assert page.lang == lang
    assert MESSAGES[lang]["figures"] in response.text
    assert f"<strong>{store.triple_count()}</strong>" in response.text
    switch = "/?lang=en" if lang == "sv" else "/"
    assert switch in page.links


def test_home_page_lists_every_organization_with_a_working_link(live_server: str, store: Store) -> None:
    query = "SELECT DISTINCT ?o { ?o rdf:type/rdfs:subClassOf* org:Organization }"
    organizations = [row["o"].value for row in store.select(query)]
    page = Page(get(f"{live_server}/?lang=en").text)
    names = labels(store, organizations, "en")
    for iri in organizations:
        assert iri.startswith(CANONICAL.id_base)
        assert page.link_texts["/id/" + iri[len(CANONICAL.id_base) :] + "?lang=en"] == names[iri]
    for path in {link for link in page.links if link.startswith("/id/")}:
        assert get(live_server + path).status == 200


def test_class_counts_use_ontology_labels(live_server: str, store: Store) -> None:
    html = get(f"{live_server}/").text
    municipalities = store.select("SELECT (COUNT(DISTINCT ?m) AS ?n) { ?m a sv:Municipality }")
    count = next(iter(municipalities))["n"].value
    assert re.search(rf">kommun</td><td class=\"number\">{count}<", html)


def test_page_loads_nothing_from_elsewhere(live_server: str) -> None:
    for path in ("/", "/?lang=en", HUDDINGE, "/no/such/page"):
        page = Page(get(live_server + path).text)
        assert page.loads and all(url.startswith("/") for url in page.loads), page.loads


def test_stylesheet_is_served(live_server: str) -> None:
    response = get(f"{live_server}/static/style.css")
    assert response.status == 200 and response.content_type.startswith("text/css")


def test_dumps_are_served_with_their_media_types(live_server: str, built: Settings) -> None:
    manifest = read_manifest(built.dist)
    assert manifest is not None
    for name, media_type in published_files(manifest).items():
        response = get(f"{live_server}/dumps/{name}")
        assert response.status == 200
        assert response.content_type.split(";")[0] == media_type
        assert response.body == (built.dist / name).read_bytes()
    manifest = json.loads(get(f"{live_server}/dumps/{MANIFEST}").body)
    assert f'href="/dumps/{manifest["dumps"][0]["file"]}"' in get(f"{live_server}/").text


@pytest.mark.parametrize("path", ["/dumps/secret.txt", "/dumps/..%2Fdata", "/id/org/no-such-org", "/nowhere"])
def test_not_found_is_a_friendly_bilingual_page(live_server: str, path: str) -> None:
    response = get(live_server + path)
    assert response.status == 404 and response.content_type.startswith("text/html")
    assert MESSAGES["sv"]["error_404"] in response.text and MESSAGES["en"]["error_404"] in response.text
    assert Page(response.text).lang == "sv"


def test_errors_answer_json_when_asked(live_server: str) -> None:
    response = get(f"{live_server}/id/org/no-such-org?lang=en", accept="application/json")
    assert response.status == 404 and response.content_type == "application/json"
    assert json.loads(response.body) == {
        "ok": False,
        "status": 404,
        "title": MESSAGES["en"]["error_404"],
        "hint": MESSAGES["en"]["error_404_hint"],
    }


def test_resource_page_shows_labels_kinds_and_sources(fixture_server: str) -> None:
    agreement = get(f"{fixture_server}/id/agreement/huddinge-ki").text
    assert "<h1>Samverkansavtal Huddinge kommun – Karolinska Institutet</h1>" in agreement
    assert f'<a href="{HUDDINGE}">Huddinge kommun</a>' in agreement  # an object's label, linked
    assert "<dt><span>part</span></dt>" in agreement and "Kinds" not in agreement and "avtal" in agreement
    assert "<code>data/agreement.ttl</code>" in agreement
    english = get(f"{fixture_server}{HUDDINGE}?lang=en")
    assert english.status == 200
    assert "<h1>Huddinge Municipality</h1>" in english.text
    assert '<span class="kind">municipality</span>' in english.text
    assert "<dt><span>municipality code</span></dt>" in english.text
    assert Page(english.text).lang == "en" and f'href="{HUDDINGE}"' in english.text


def test_without_a_store_the_page_says_to_build(tmp_path: Path) -> None:
    missing = Settings.load({"root": str(tmp_path)}, environ={})
    with serving(make_app(missing)) as base:
        response = get(base + "/")
        assert response.status == 503
        assert "samverkan build" in response.text and str(tmp_path) not in response.text


def test_an_unexpected_error_is_a_friendly_page_without_internals(built: Settings) -> None:
    app = make_app(built)
    app.config["TESTING"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("internal detail that must not leak")

    with serving(app) as base:
        response = get(base + "/boom")
        assert response.status == 500
        assert MESSAGES["sv"]["error_500"] in response.text and "internal detail" not in response.text


def test_a_running_server_follows_a_rebuild(tmp_path: Path) -> None:
    settings = Settings.load({"root": str(copy_project(FIXTURE_PROJECT, tmp_path / "project"))}, environ={})
    build(settings)
    with serving(make_app(settings)) as base:
        assert "Södertörns högskola" not in get(base + "/").text
        (settings.root / "data" / "sh.ttl").write_text(
            "<https://w3id.org/samverkan/id/org/sodertorns-hogskola>"
            " a <https://w3id.org/samverkan/ns#HigherEducationInstitution> ;"
            ' <http://www.w3.org/2000/01/rdf-schema#label> "Södertörns högskola"@sv .\n',
            encoding="utf-8",
        )
        build(settings)
        assert "Södertörns högskola" in get(base + "/").text


def test_message_catalogue_is_complete_and_used() -> None:
    assert MESSAGES["sv"].keys() == MESSAGES["en"].keys()
    webapp = Path(__file__).resolve().parent.parent / "webapp"
    sources = "".join(path.read_text(encoding="utf-8") for path in webapp.rglob("*.html"))
    sources += (webapp / "errors.py").read_text(encoding="utf-8")
    looked_up = ("error_", "res_section_", "res_field_")  # by status; by the layouts of graph/describe.py
    unused = [key for key in MESSAGES["sv"] if f"'{key}'" not in sources and not key.startswith(looked_up)]
    assert unused == []
