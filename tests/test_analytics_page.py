"""The analytics page and "How are A and B connected?" over HTTP, against the backend's own answers."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from conftest import make_app
from explorer_fixtures import HOSTILE, build_hostile_project
from flask.testing import FlaskClient
from html_outline import outline
from network_fixtures import iri, tiny_network

from graph.analytics import communities, gaps, organization_measures, partnership_graph
from graph.community_view import PALETTE, SHAPES, community_style, community_view
from graph.namespaces import CANONICAL
from graph.network import read_network
from graph.settings import Settings
from graph.store import Store
from graph.views import Limits, partnership
from webapp import analytics_page
from webapp.i18n import MESSAGES

ORG, AREA = CANONICAL.id_base + "org/", CANONICAL.id_base + "area/"
HUDDINGE, KTH, KI, SCANIA = (ORG + slug for slug in ("huddinge-kommun", "kth", "karolinska-institutet", "scania"))
HEALTH = AREA + "jamlik-halsa"
PLAN_2017 = "/id/document/sodertorn-verksamhetsplan-budget-2017"
NUMBERS = ("partners", "links", "agreements", "bodies", "collaborations", "areas")


@pytest.fixture(scope="module")
def network(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


def table(html: str) -> list[dict[str, str]]:
    """The measures table's rows: the organization's IRI and each cell's raw value."""
    rows = []
    for row in outline(html, "data-iri"):
        if row.tag != "tr":
            continue
        cells = re.findall(r'<td class="number" data-value="([^"]*)"', _row_html(html, row.attributes["data-iri"]))
        rows.append({"iri": row.attributes["data-iri"], "label": row.links[0][1],
                     **dict(zip(("partners", "links", "betweenness", *NUMBERS[2:]), cells, strict=True))})
    return rows


def _row_html(html: str, iri: str) -> str:
    start = html.index(f'<tr data-iri="{iri}">')
    return html[start : html.index("</tr>", start)]


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="analytics-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_measures_match_the_backend(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    response = client.get("/analytics")
    assert response.status_code == 200
    rows = {row["iri"]: row for row in table(response.get_data(as_text=True))}
    expected = {row["iri"]: row for row in organization_measures(network)}
    assert rows.keys() == expected.keys()
    for iri, row in rows.items():
        for column in NUMBERS:
            assert int(row[column]) == expected[iri][column], (iri, column)
        assert float(row["betweenness"]) == pytest.approx(expected[iri]["betweenness"])
    assert int(rows[HUDDINGE]["partners"]) == partnership_graph(network).degree(HUDDINGE) == 12
    assert rows[HUDDINGE]["label"] == "Huddinge kommun"


def test_brokers_come_first_and_each_measure_is_explained(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    html = client.get("/analytics").get_data(as_text=True)
    assert [row["iri"] for row in table(html)][0] == organization_measures(network)[0]["iri"] == KTH
    assert 'aria-sort="descending"' in html and MESSAGES["sv"]["measure_betweenness"] in html
    for key in ("partners", "links", "betweenness", "agreements", "bodies", "collaborations", "areas"):
        assert MESSAGES["sv"][f"measure_{key}_help"] in html
    english = client.get("/analytics?lang=en").get_data(as_text=True)
    assert "Who brokers" in english and MESSAGES["en"]["measure_betweenness_help"] in english
    assert "0.056" in english and "0,056" in html  # KTH's betweenness, as each language writes it


@pytest.mark.parametrize("column", ["partners", "links", "agreements", "areas"])
def test_sorting_on_the_server(client: FlaskClient, column: str) -> None:
    for order in ("desc", "asc"):
        html = client.get(f"/analytics?sort={column}&order={order}").get_data(as_text=True)
        values = [int(row[column]) for row in table(html)]
        assert values == sorted(values, reverse=order == "desc")
        assert f'data-column="{column}" class="number" aria-sort="{order}ending"' in html
    names = [row["label"] for row in table(client.get("/analytics?sort=name").get_data(as_text=True))]
    assert names.index("Stockholms universitet") < names.index("Södertälje kommun")  # å, ä, ö after z


def test_community_view_colours_the_fixture_triangles() -> None:
    # tests/test_analytics.py: two triangles {A, B, C} and {D, E, G}; F has no partner and is not drawn.
    tiny = tiny_network()
    view = community_view(tiny, communities(partnership_graph(tiny)))
    colours = {node["id"].rsplit("/", 1)[1]: (node["community"], node["color"]["background"]) for node in view["nodes"]}
    assert colours == {
        **{x: (1, PALETTE[0]) for x in "abc"},
        **{x: (2, PALETTE[1]) for x in "deg"},
    }
    assert all("links" not in edge for edge in view["edges"]) and len(view["edges"]) == 7
    assert iri("org/f") not in {node["id"] for node in view["nodes"]}
    assert community_style(7) == {"color": PALETTE[0], "shape": SHAPES[1]}  # the eighth: a new shape


def test_a_large_community_view_draws_one_node_per_community_in_the_same_order() -> None:
    tiny = tiny_network()
    found = communities(partnership_graph(tiny))
    view = community_view(tiny, found, limits=Limits(layout=2, summary=3))
    assert view["summary"]["aggregated"] and [node["id"] for node in view["nodes"]] == ["community:0", "community:1"]
    for index, node in enumerate(view["nodes"]):
        members = {tiny.nodes[m]["labels"]["sv"] for m in found[index]}
        assert set(node["title"].split("\n")) == members  # the backend's group is the page's community
        assert node["color"]["background"] == PALETTE[index] and node["community"] == index + 1


def test_communities_are_drawn_and_listed(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    html = client.get("/analytics").get_data(as_text=True)
    drawing = page_data(html)["drawing"]
    view = partnership(network)
    assert len(drawing["nodes"]) == view["summary"]["nodes"] == 14
    assert len(drawing["edges"]) == len(view["edges"])
    found = communities(partnership_graph(network))
    by_node = {node["id"]: node for node in drawing["nodes"]}
    for index, members in enumerate(found):
        style = community_style(index)
        assert {by_node[m]["color"]["background"] for m in members} == {style["color"]}
        assert {by_node[m]["community"] for m in members} == {index + 1}
    listed = [
        [href for href, _ in element.links]
        for element in outline(html[html.index('<ol class="communities">') :], "class")
        if element.attributes["class"] == "members"
    ]
    assert [sorted(hrefs) for hrefs in listed] == [sorted("/id/org/" + m.rsplit("/", 1)[1] for m in c) for c in found]
    assert MESSAGES["sv"]["without_partners"].format(n=11) in html


def test_gaps_for_an_area(client: FlaskClient, network: nx.MultiDiGraph) -> None:
    html = client.get("/analytics", query_string={"area": HEALTH}).get_data(as_text=True)
    result = html[html.index('<div id="gap-result"') :]
    listed = [href for href, _ in outline(result, "id")[0].links]
    assert sorted(listed) == sorted("/id/org/" + iri.rsplit("/", 1)[1] for iri in gaps(network, HEALTH))
    assert HUDDINGE not in gaps(network, HEALTH) and "/id/org/kth" in listed
    assert MESSAGES["sv"]["gaps_result"].format(n=len(listed), area="Jämlik hälsa") in html
    assert f'<option value="{HEALTH}" selected>' in html


def test_sampled_betweenness_says_so(client: FlaskClient, built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "uppskattning" not in client.get("/analytics").get_data(as_text=True)
    monkeypatch.setattr(analytics_page, "EXACT_BETWEENNESS", 10)
    html = make_app(built).test_client().get("/analytics").get_data(as_text=True)  # a new app keeps no answers
    assert MESSAGES["sv"]["betweenness_sampled"].format(samples=analytics_page.BETWEENNESS_SAMPLES, nodes=25) in html


def chains(html: str) -> list[list[str]]:
    """Each chain's facts as a reader sees them."""
    return [
        [element.words for element in outline(chain_html, "class") if element.attributes["class"] == "fact"]
        for chain_html in html.split('<li class="chain">')[1:]
    ]


def test_connections_are_told_step_by_step_with_sources(client: FlaskClient) -> None:
    response = client.get("/connections", query_string={"a": HUDDINGE, "b": KTH})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert MESSAGES["sv"]["chains_steps"].format(steps=2) in html
    first = chains(html)[0]
    assert first == [
        "Huddinge kommun är medlem i Södertörns Rådslag. Källa: Södertörnskommunernas samarbetskommitté:"
        " Verksamhetsplan 2017 och Budget 2017",
        "Kungliga Tekniska högskolan är medlem i Södertörns Rådslag. Källa: Södertörnskommunernas"
        " samarbetskommitté: Verksamhetsplan 2017 och Budget 2017",
    ]
    fact = next(e for e in outline(html, "class") if e.attributes["class"] == "fact")
    assert [href for href, _ in fact.links] == ["/id/org/huddinge-kommun", "/id/body/sodertorns-radslag", PLAN_2017]
    english = client.get("/connections", query_string={"a": HUDDINGE, "b": KTH, "lang": "en"}).get_data(as_text=True)
    assert chains(english)[0][0].startswith("Huddinge Municipality is a member of The Södertörn round table. Source:")
    assert f'<option value="{KTH}" selected>' in english


def test_no_chain_is_said_plainly(client: FlaskClient) -> None:
    html = client.get("/connections", query_string={"a": HUDDINGE, "b": SCANIA}).get_data(as_text=True)
    assert MESSAGES["sv"]["no_chain"].format(a="Huddinge kommun", b="Scania", steps=6) in html
    assert chains(html) == []


def test_the_form_alone_and_half_filled(client: FlaskClient) -> None:
    html = client.get("/connections").get_data(as_text=True)
    assert 'name="a"' in html and 'name="b"' in html and MESSAGES["sv"]["choose_both"] not in html
    half = client.get("/connections", query_string={"a": KI})
    assert half.status_code == 200 and MESSAGES["sv"]["choose_both"] in half.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "query", "status", "says"),
    [
        ("/connections", {"a": HUDDINGE, "b": HUDDINGE}, 400, "Välj två olika organisationer."),
        ("/connections", {"a": HUDDINGE, "b": ORG + "no-such-org"}, 404, "det finns ingen organisation"),
        ("/connections", {"a": "KTH", "b": HUDDINGE}, 400, "a ska vara en IRI"),
        ("/connections", {"a": HUDDINGE, "b": HEALTH}, 400, "Jämlik hälsa"),
        ("/analytics", {"area": AREA + "no-such-area"}, 404, "det finns inget samverkansområde"),
        ("/analytics", {"area": KTH}, 400, "är inget samverkansområde"),
        ("/analytics", {"area": "hälsa och vård"}, 400, "area ska vara en IRI"),
        ("/analytics", {"sort": "size"}, 400, "sort ska vara en av name, partners"),
        ("/analytics", {"sort": "links", "order": "up"}, 400, "order ska vara asc eller desc"),
    ],
)
def test_bad_parameters_get_the_error_page_with_a_message(
    client: FlaskClient, path: str, query: dict[str, str], status: int, says: str
) -> None:
    response = client.get(path, query_string=query)
    assert response.status_code == status and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert says in html and MESSAGES["en"]["error_404" if status == 404 else "error_other"] in html
    asked = client.get(path, query_string={**query, "lang": "en"}, headers={"Accept": "application/json"})
    body = json.loads(asked.get_data(as_text=True))
    assert asked.status_code == status and set(body) == {"ok", "status", "title", "hint"}


def test_a_hostile_value_is_echoed_as_text(client: FlaskClient) -> None:
    html = client.get("/connections", query_string={"a": '"><img src=x onerror=alert(1)>'}).get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


# ---------------------------------------------------------------------------
# Labels that are markup, and a label only in Swedish (tests/fixtures/explorer/hostile.ttl)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    settings = build_hostile_project(tmp_path_factory.mktemp("hostile"))
    return make_app(settings).test_client()


def test_markup_in_labels_is_shown_as_text(hostile: FlaskClient) -> None:
    pages = [
        hostile.get("/analytics").get_data(as_text=True),
        hostile.get("/connections", query_string={"a": HOSTILE, "b": HUDDINGE}).get_data(as_text=True),
        hostile.get("/timeline").get_data(as_text=True),
        hostile.get("/timeline", query_string={"org": HOSTILE, "lang": "en"}).get_data(as_text=True),
    ]
    for html in pages:
        assert "<img src=x" not in html and "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in pages[0]  # in the drawing's data, too
    assert "Avtal &lt;script&gt;alert(2)&lt;/script&gt;" in pages[1] and "Avtal &lt;script&gt;" in pages[2]
    assert "Agreement &#34;quoted&#34; &amp; &lt;b&gt;bold&lt;/b&gt;" in pages[3]


def test_a_missing_label_falls_back_visibly(hostile: FlaskClient) -> None:
    html = hostile.get("/timeline", query_string={"org": HOSTILE, "lang": "en"}).get_data(as_text=True)
    assert MESSAGES["en"]["timeline_undated"] in html  # the agreement has no date at all
    assert '<a href="/id/org/hostile?lang=en" lang="sv">&lt;img src=x onerror=alert(1)&gt;</a>' in html
    assert f'({MESSAGES["en"]["label_only_other"]})' in html
    swedish = hostile.get("/analytics").get_data(as_text=True)
    assert MESSAGES["sv"]["label_only_other"] not in swedish
    english = hostile.get("/analytics?lang=en").get_data(as_text=True)
    assert f'lang="sv">&lt;img src=x onerror=alert(1)&gt;</a> <span class="borrowed"' in english


def test_a_long_table_is_cut_in_the_chosen_order(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analytics_page, "TABLE_LIMIT", 5)
    html = make_app(built).test_client().get("/analytics?sort=links").get_data(as_text=True)
    assert [int(row["links"]) for row in table(html)] == [46, 39, 39, 39, 39]
    assert MESSAGES["sv"]["measures_cut"].format(shown=5, total=25) in html
    assert 'data-complete="false"' in html  # so the page's script leaves the sorting to the server
