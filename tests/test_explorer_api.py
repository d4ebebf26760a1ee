"""The network page's JSON API and its server-drawn page, over Flask's test client.

Expected figures come from the explorer backend (:mod:`graph.views`), which
has its own tests on a hand-built network; here they show that the API asks
it the right question for each parameter, and says clearly what is wrong
with a bad one.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlsplit

import networkx as nx
import pytest
from conftest import make_app
from explorer_fixtures import (
    HOSTILE,
    HOSTILE_AGREEMENT_LABELS,
    HOSTILE_LABEL,
    HUDDINGE,
    KI,
    SMALL_LIMITS,
    build_hostile_project,
)
from flask.testing import FlaskClient
from markupsafe import escape

from graph.network import DEFAULT_KINDS, KIND, read_network
from graph.store import Store
from graph.settings import Settings
from graph.views import Filters, neighbourhood, partnership, whole
from webapp import create_app
from webapp.i18n import MESSAGES

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def network(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return make_app(build_hostile_project(tmp_path_factory.mktemp("hostile"))).test_client()


@pytest.fixture(scope="module")
def small_limits_client(built: Settings) -> FlaskClient:
    config = {"TESTING": True, "STORE_PATH": str(built.store), "DIST_DIR": str(built.dist)}
    return create_app({**config, "EXPLORER_LIMITS": SMALL_LIMITS}).test_client()


def api(client: FlaskClient, path: str, status: int = 200) -> dict[str, Any]:
    reply = client.get(path, headers=JSON)
    assert reply.status_code == status, reply.get_data(as_text=True)
    assert reply.content_type == "application/json"
    body: dict[str, Any] = reply.get_json()
    return body


def ids(view: dict[str, Any]) -> set[str]:
    return {node["id"] for node in view["nodes"]}


# Each view on the real data.


def test_the_partnership_view_is_the_default_and_has_organizations_only(
    client: FlaskClient, network: nx.MultiDiGraph
) -> None:
    view = api(client, "/api/network")
    expected = partnership(network)
    assert ids(view) == ids(expected) and view["summary"]["nodes"] == len(view["nodes"]) == 14
    assert {node["kind"] for node in view["nodes"]} == {"organization"}
    assert {KI, HUDDINGE} <= ids(view)
    assert view["state"]["view"] == "partnership" and view["url"] == "/network"
    pair = next(edge for edge in view["edges"] if {edge["from"], edge["to"]} == {KI, HUDDINGE})
    assert pair["width"] == len(pair["links"])
    assert all(link["href"].startswith("/id/") for link in pair["links"])


def test_the_whole_view_has_every_default_kind(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    view = api(client, "/api/network?view=whole")
    assert ids(view) == ids(whole(network)) and len(view["nodes"]) == 137
    assert "document" not in {node["kind"] for node in view["nodes"]}
    assert {edge["label"] for edge in view["edges"]} >= {"part i", "sitter i", "beslutad av"}
    english = api(client, "/api/network?view=whole&lang=en")
    assert {edge["label"] for edge in english["edges"]} >= {"party to", "sits in", "decided by"}


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_neighbourhood_at_each_depth(client: FlaskClient, network: nx.MultiDiGraph, depth: int) -> None:
    view = api(client, f"/api/network?view=neighbourhood&focus=org/karolinska-institutet&depth={depth}")
    assert ids(view) == ids(neighbourhood(network, KI, depth)) and KI in ids(view)
    assert len(view["nodes"]) == {1: 13, 2: 33, 3: 53}[depth]
    assert view["state"]["focus"] == "org/karolinska-institutet" and view["state"]["depth"] == depth


def test_a_focus_alone_means_its_neighbourhood_and_takes_a_whole_iri(client: FlaskClient) -> None:
    short = api(client, "/api/network?focus=org/karolinska-institutet")
    whole_iri = api(client, f"/api/network?focus={KI}")
    assert short["state"]["view"] == whole_iri["state"]["view"] == "neighbourhood"
    assert ids(short) == ids(whole_iri)


def test_nodes_carry_their_whole_name_and_page(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    view = api(client, "/api/network?view=whole&lang=en")
    ki = next(node for node in view["nodes"] if node["id"] == KI)
    assert ki["name"] == "Karolinska Institutet" and ki["href"] == "/id/org/karolinska-institutet?lang=en"
    long = max(view["nodes"], key=lambda node: len(node["name"]))
    assert len(long["label"]) < len(long["name"]) == len(network.nodes[long["id"]]["labels"]["en"])


# Filters.


def test_a_kind_filter(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    view = api(client, "/api/network?view=whole&kinds=organization,agreement")
    assert {node["kind"] for node in view["nodes"]} == {"organization", "agreement"}
    assert ids(view) == ids(whole(network, Filters.parse(kinds=["organization", "agreement"])))
    repeated = api(client, "/api/network?view=whole&kinds=organization&kinds=agreement")
    assert ids(repeated) == ids(view) and view["state"]["kinds"] == ["organization", "agreement"]
    assert api(client, "/api/network?view=whole&kinds=")["nodes"] == []


def test_the_default_kinds_and_every_relation_are_no_filter(
    client: FlaskClient, network: nx.MultiDiGraph
) -> None:
    relations = sorted({key for _, _, key in network.edges(keys=True)})
    kinds = sorted(DEFAULT_KINDS)
    view = api(client, f"/api/network?view=whole&kinds={','.join(kinds)}&relations={','.join(relations)}")
    assert view["state"]["kinds"] is None and view["state"]["relations"] is None
    assert view["url"] == "/network?view=whole" and ids(view) == ids(whole(network))


def test_a_year_range_drops_what_falls_outside(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    everything = api(client, "/api/network?view=whole")
    view = api(client, "/api/network?view=whole&from=2018&to=2018")
    assert ids(view) == ids(whole(network, Filters.parse(year_from=2018, year_to=2018)))
    years = {node["id"]: node["years"] for node in view["nodes"]}
    assert all(span is None or span[0] <= 2018 <= (span[1] or 9999) for span in years.values())
    dropped = Counter(node["kind"] for node in everything["nodes"] if node["id"] not in years)
    assert dropped["event"] == 25 and set(dropped) <= {"event", "decision", "plan", "agreement"}
    assert view["url"] == "/network?view=whole&from=2018&to=2018"
    chosen = api(client, "/api/network?view=whole&kinds=organization,agreement&focus=org/huddinge-kommun")
    assert chosen["url"] == "/network?view=whole&kinds=organization,agreement"  # focus: neighbourhoods only


def test_an_area_keeps_what_is_linked_to_it(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    area = "https://w3id.org/samverkan/id/area/jamlik-halsa"
    view = api(client, "/api/network?view=whole&area=area/jamlik-halsa")
    assert ids(view) == ids(whole(network, Filters.parse(area=area))) and KI in ids(view)
    assert 0 < len(view["nodes"]) < 137 and view["state"]["area"] == "area/jamlik-halsa"


def test_a_relation_filter_keeps_only_those_edges(client: FlaskClient) -> None:
    view = api(client, "/api/network?view=whole&relations=party,signed")
    assert {key for edge in view["edges"] for key in edge["relations"]} == {"party", "signed"}
    partners = api(client, "/api/network?relations=party")
    assert {link["kind"] for edge in partners["edges"] for link in edge["links"]} == {"agreement"}


@pytest.mark.parametrize("size", ["degree", "betweenness", "none"])
def test_node_size_follows_the_chosen_measure(
    client: FlaskClient, network: nx.MultiDiGraph, size: str
) -> None:
    values = {node["id"]: node["value"] for node in api(client, f"/api/network?size={size}")["nodes"]}
    assert values == {node["id"]: node["value"] for node in partnership(network, size=size)["nodes"]}
    if size == "none":
        assert set(values.values()) == {1.0}
    elif size == "degree":
        assert values[KI] == 3  # Huddinge, Stockholms universitet and KTH
    else:
        assert 0 <= min(values.values()) < max(values.values()) <= 1


# Large views: laid out on the server, or summarised.


def test_a_large_view_comes_laid_out_with_physics_off(small_limits_client: FlaskClient) -> None:
    view = api(small_limits_client, "/api/network")
    assert view["summary"]["layout"] == "computed" and view["summary"]["physics"] is False
    assert len(view["nodes"]) == 14
    assert all(isinstance(node["x"], float) and node["physics"] is False for node in view["nodes"])


def test_a_very_large_view_is_summarised_by_kind(small_limits_client: FlaskClient) -> None:
    view = api(small_limits_client, "/api/network?view=whole")
    assert view["summary"]["aggregated"] is True and view["summary"]["nodes"] == 137
    assert {node["id"] for node in view["nodes"]} == {f"kind:{entry['kind']}" for entry in view["legend"]}
    assert all(node["aggregate"] and "href" not in node for node in view["nodes"])
    html = small_limits_client.get("/network?view=whole").get_data(as_text=True)
    assert MESSAGES["sv"]["network_aggregated"] in html and 'id="network-aggregated" hidden' not in html


# Bad parameters: 400 (404 for what is not there) with a message saying what was wrong.


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("view=bogus", 400, "Unknown view 'bogus'"),
        ("view=neighbourhood", 400, "needs focus="),
        ("focus=org/karolinska-institutet&depth=7", 400, "depth must be 1, 2 or 3"),
        ("kinds=organization,unicorn", 400, "Unknown kind 'unicorn'"),
        ("relations=likes", 400, "Unknown relation 'likes'"),
        ("from=soon", 400, "year_from must be a year"),
        ("from=2020&to=2010", 400, "is empty"),
        ("size=huge", 400, "Unknown size measure 'huge'"),
        ("area=org/huddinge-kommun", 400, "is not a collaboration area"),
        ("lang=de", 400, "Unknown language 'de'"),
        ("focus=org/nobody", 404, "is not in the network"),
    ],
)
def test_bad_parameters_are_told_in_json(client: FlaskClient, query: str, status: int, words: str) -> None:
    body = api(client, f"/api/network?{query}", status)
    assert body["ok"] is False and body["status"] == status and words in body["message"]
    assert set(body) == {"ok", "status", "title", "hint", "message"}
    assert body["title"] == MESSAGES["sv"]["error_404" if status == 404 else "error_other"]


def test_the_error_title_follows_the_language(client: FlaskClient) -> None:
    body = api(client, "/api/network?view=bogus&lang=en", 400)
    assert body["title"] == MESSAGES["en"]["error_other"]


def test_node_and_search_errors(client: FlaskClient) -> None:
    assert "iri is required" in api(client, "/api/node", 400)["message"]
    assert api(client, "/api/node?iri=org/nobody", 404)["status"] == 404
    assert "limit" in api(client, "/api/search?q=a&limit=many", 400)["message"]
    assert "limit" in api(client, "/api/search?q=a&limit=500", 400)["message"]


# Search and the side panel's data.


def test_search_suggests_by_abbreviation_first(client: FlaskClient) -> None:
    body = api(client, "/api/search?q=KI")
    first = body["results"][0]
    assert (first["iri"], first["label"], first["matched"]) == (KI, "Karolinska Institutet", "KI")
    assert first["href"] == "/id/org/karolinska-institutet" and first["fallback"] is False
    assert 1 < len(body["results"]) <= 8 and body["query"] == "KI"
    assert api(client, "/api/search?q=")["results"] == []


def test_search_finds_english_names_and_answers_in_the_asked_language(client: FlaskClient) -> None:
    hits = api(client, "/api/search?q=Huddinge+Municipality&lang=sv")["results"]
    assert hits[0]["iri"] == HUDDINGE and hits[0]["label"] == "Huddinge kommun"
    assert hits[0]["matched"] == "Huddinge Municipality"


def test_a_node_is_described_with_facts_and_sources(client: FlaskClient) -> None:
    body = api(client, "/api/node?iri=org/karolinska-institutet&lang=en")
    assert body["label"] == "Karolinska Institutet" and body["kind_label"] == "organization"
    assert body["abbreviations"] == ["KI"] and body["href"] == "/id/org/karolinska-institutet?lang=en"
    assert any(fact["text"].startswith("Karolinska Institutet is a party to") for fact in body["facts"])
    documents = {document["iri"] for document in body["documents"]}
    assert documents == {source["iri"] for fact in body["facts"] for source in fact["sources"]} | {
        source["iri"] for source in body["sources"]
    }
    assert documents and all(document["href"].startswith("/id/document/") for document in body["documents"])
    assert body["focus"] == "org/karolinska-institutet"


# The page: drawn on the server in the state its address names.


def test_the_page_fills_its_controls_from_the_address(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    reply = client.get("/network?view=whole&kinds=organization,agreement&from=2020&size=none&lang=en")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200 and '<html lang="en">' in html
    assert '<input type="radio" name="view" value="whole" checked>' in html
    assert 'value="organization" checked' in html and 'value="agreement" checked' in html
    assert 'value="event" checked' not in html and 'value="event" data-default' in html
    assert 'name="from" id="network-from"' in html and 'value="2020"' in html
    assert '<option value="none" selected>' in html
    for iri in ids(whole(network, Filters.parse(kinds=["organization", "agreement"], year_from=2020))):
        assert f'href="/id/{iri.split("/id/", 1)[1]}?lang=en"' in html  # the list of nodes
    switch = html.split('class="language" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(switch).query) == {
        "view": ["whole"], "kinds": ["organization,agreement"], "from": ["2020"], "size": ["none"]
    }


def test_the_page_names_its_focus_and_links_each_node_to_a_focus(client: FlaskClient) -> None:
    html = client.get("/network?focus=org/karolinska-institutet&depth=2").get_data(as_text=True)
    assert 'value="neighbourhood" checked' in html and '<option value="2" selected>' in html
    assert 'id="network-focus-label">Karolinska Institutet</strong>' in html
    assert 'href="/network?view=neighbourhood&amp;focus=org/huddinge-kommun&amp;depth=2"' in html


def test_a_bad_address_shows_the_problem_over_the_default_picture(client: FlaskClient) -> None:
    reply = client.get("/network?view=bogus&lang=en")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 400 and MESSAGES["en"]["network_error"] in html and "Unknown view" in html
    assert '<input type="radio" name="view" value="partnership" checked>' in html
    assert client.get("/network?focus=org/nobody").status_code == 404


def test_the_search_form_works_without_javascript(client: FlaskClient) -> None:
    reply = client.get("/network?q=KI&lang=en")
    assert reply.status_code == 302
    location = "/network?view=neighbourhood&focus=org/karolinska-institutet&lang=en"
    assert reply.headers["Location"] == location
    missing = client.get("/network?q=zzzz").get_data(as_text=True)
    assert MESSAGES["sv"]["network_no_match"].format(q="zzzz") in missing


def test_every_page_links_to_the_network(client: FlaskClient) -> None:
    for path in ("/", "/query", "/network?lang=en"):
        html = client.get(path).get_data(as_text=True)
        assert 'href="/network' in html
    assert MESSAGES["en"]["nav_network"] in client.get("/?lang=en").get_data(as_text=True)


# Escaping: text from the data is text, wherever it goes.


def test_markup_in_labels_stays_text_on_the_page(hostile_client: FlaskClient) -> None:
    for lang in ("sv", "en"):
        html = hostile_client.get(f"/network?view=whole&lang={lang}").get_data(as_text=True)
        assert str(escape(HOSTILE_LABEL)) in html  # in the list of nodes
        assert str(escape(HOSTILE_AGREEMENT_LABELS[lang])) in html
        assert "<img" not in html and "<script>alert" not in html and "<b>bold" not in html
    english = hostile_client.get("/network?view=whole&lang=en").get_data(as_text=True)
    assert f'lang="sv">{escape(HOSTILE_LABEL)}</a>' in english
    assert MESSAGES["en"]["network_fallback"] in english  # the borrowed label is marked


def test_markup_in_labels_is_data_in_the_api(hostile_client: FlaskClient) -> None:
    view = api(hostile_client, "/api/network?view=whole&lang=en")
    hostile = next(node for node in view["nodes"] if node["id"] == HOSTILE)
    assert hostile["name"] == HOSTILE_LABEL and hostile["fallback"] is True
    assert hostile["title"].startswith(HOSTILE_LABEL)
    hit = api(hostile_client, "/api/search?q=img")["results"][0]
    assert hit["label"] == HOSTILE_LABEL
    assert api(hostile_client, "/api/search?q=hostile")["results"][0]["matched"] == "HOSTILE"
    panel = api(hostile_client, f"/api/node?iri={HOSTILE}&lang=en")
    assert panel["label"] == HOSTILE_LABEL and panel["fallback"] is True
    assert KIND["organization"].en == panel["kind_label"]
