"""The ontology namespace and the shapes, published: HTML documentation and RDF, by negotiation, over real HTTP."""

from __future__ import annotations

import html
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib import OWL, RDF, RDFS

from browser import Visit
from conftest import REPO

SV = "https://w3id.org/samverkan/ns#"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def get(url: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={} if accept is None else {"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(REPO / "ontology" / "samverkan.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(REPO / "shapes" / "samverkan.shapes.ttl", format="turtle")


class Sections(HTMLParser):
    """The text of each <section id=...> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self._current: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section":
            if self._current is None and attributes.get("id"):
                self._current = attributes["id"]
                self.sections[self._current] = ""
                self.links[self._current] = []
                self._depth = 0
            self._depth += 1
        if tag == "a" and self._current and attributes.get("href"):
            self.links[self._current].append(attributes["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._current is not None:
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.sections[self._current] += data


def terms(ontology: rdflib.Graph, *types: rdflib.URIRef) -> list[rdflib.URIRef]:
    return sorted({t for kind in types for t in ontology.subjects(RDF.type, kind) if str(t).startswith(SV)})


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_term_is_documented(live_server: str, ontology: rdflib.Graph, lang: str) -> None:
    status, headers, body = get(f"{live_server}/ns?lang={lang}", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Content-Location"] == "/ns.html" and "Accept" in headers["Vary"]
    assert '</ns.ttl>; rel="alternate"; type="text/turtle"' in headers["Link"]
    page = Sections()
    page.feed(body.decode())
    classes = terms(ontology, OWL.Class)
    properties = terms(ontology, OWL.ObjectProperty, OWL.DatatypeProperty)
    assert len(classes) > 30 and len(properties) > 60
    without_examples = []
    for term in (*classes, *properties):
        local = str(term)[len(SV) :]
        assert local in page.sections, local
        text = page.sections[local]
        for label in ontology.objects(term, RDFS.label):
            assert str(label) in text, (local, label)
        for comment in ontology.objects(term, RDFS.comment):
            assert str(comment) in text, (local, comment)
        for domain in ontology.objects(term, RDFS.domain):
            if isinstance(domain, rdflib.URIRef):
                assert ontology.namespace_manager.normalizeUri(domain) in text or str(domain)[len(SV) :] in text
        if not any(href.startswith("/id/") for href in page.links[local]):
            without_examples.append(local)
    # every class the data has instances of shows one (asserted on a few known ones), and most terms do
    for local in ("Municipality", "Agreement", "Seat", "Meeting", "partyTo" if "partyTo" in page.sections else "Decision"):
        assert local not in without_examples, local
    assert len(without_examples) < (len(classes) + len(properties)) / 2, without_examples


def test_sub_class_links_and_reused_terms_as_prefixed_names(live_server: str) -> None:
    _, _, body = get(f"{live_server}/ns?lang=en", "text/html")
    page = Sections()
    page.feed(body.decode())
    assert "cv:PublicOrganisation" in page.sections["Municipality"]
    assert "org:FormalOrganization" in page.sections["Municipality"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_shapes_per_class(live_server: str, ontology: rdflib.Graph, shapes: rdflib.Graph, lang: str) -> None:
    _, _, body = get(f"{live_server}/ns?lang={lang}", "text/html")
    page = Sections()
    page.feed(body.decode())
    for cls in terms(ontology, OWL.Class):
        above = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        applying = {s for s, target in shapes.subject_objects(SH.targetClass) if target in above}
        text = page.sections[str(cls)[len(SV) :]]
        for shape in applying:
            labels = [str(l) for l in shapes.objects(shape, RDFS.label) if l.language == lang]
            assert labels and labels[0] in text, (cls, shape)
            for constraint in shapes.objects(shape, SH.property):
                messages = [str(m) for m in shapes.objects(constraint, SH.message) if m.language == lang]
                if messages:
                    assert messages[0] in text, (cls, shape, constraint)
    assert "LabelledShape" in body.decode()


@pytest.mark.parametrize(("suffix", "accept"), [("", "text/turtle"), (".ttl", None), ("?format=turtle", "text/html")])
def test_ontology_as_turtle(live_server: str, ontology: rdflib.Graph, suffix: str, accept: str | None) -> None:
    status, headers, body = get(f"{live_server}/ns{suffix}", accept)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert headers["Content-Location"] == "/ns.ttl"
    served = rdflib.Graph().parse(data=body, format="turtle")
    assert isomorphic(served, ontology)
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) == len(ontology)


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "rdf", "trig", "nq"])
def test_ontology_and_shapes_in_every_format(live_server: str, ext: str) -> None:
    for path in ("/ns", "/shapes"):
        status, headers, body = get(f"{live_server}{path}.{ext}")
        assert status == 200
        rdf_format = ox.RdfFormat.from_media_type(headers["Content-Type"].split(";")[0])
        assert rdf_format is not None and len(list(ox.parse(body, format=rdf_format))) > 100


def test_shapes_published(live_server: str, shapes: rdflib.Graph) -> None:
    status, headers, body = get(f"{live_server}/shapes", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert isomorphic(rdflib.Graph().parse(data=body, format="turtle"), shapes)
    status, headers, body = get(f"{live_server}/shapes?lang=en", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    text = html.unescape(body.decode())
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for label in shapes.objects(shape, RDFS.label):
            if label.language == "en":
                assert str(label) in text


def test_nav_links_to_the_ontology(live_server: str) -> None:
    _, _, body = get(f"{live_server}/?lang=en", "text/html")
    assert 'href="/ns?lang=en"' in body.decode() and ">Ontology<" in body.decode()
    _, _, body = get(f"{live_server}/", "text/html")
    assert ">Ontologi<" in body.decode()


def test_unknown_extension_is_404(live_server: str) -> None:
    assert get(f"{live_server}/ns.exe")[0] == 404


def test_the_documentation_reads_and_jumps_in_a_browser(visit: Visit) -> None:
    page = visit.open("/ns?lang=en")
    page.click('a[href="#Agreement"]')
    assert page.evaluate("location.hash") == "#Agreement"
    term = page.locator("section.term#Agreement")
    assert term.is_visible()
    assert "sv:Agreement" in term.locator("h3").inner_text()
    visit.screenshot("ontology-en")
    shapes = visit.open("/shapes?lang=sv")
    assert shapes.locator("h1").first.inner_text().strip()
    visit.screenshot("shapes-sv")
    assert visit.errors == [] and visit.elsewhere() == []
