"""The network page in a real Chromium: drawing each view, filters in place, search, the panel, links.

Every tab is watched (see ``tests/browser.py``): a request off the app's
origin, a script error or a console error fails the test. The number of
nodes vis-network holds is read from the page's ``window.samverkanNetwork``
and compared with what the explorer backend computes for the same state.
Screenshots of the main views go to ``test-artifacts/network-*.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import networkx as nx
import pytest
from browser import Visit, visiting
from conftest import make_app, serving
from explorer_fixtures import HOSTILE, HOSTILE_LABEL, HUDDINGE, KI, SMALL_LIMITS, build_hostile_project
from playwright.sync_api import Browser, Page, expect

from graph.namespaces import CANONICAL
from graph.network import DEFAULT_KINDS, read_network
from graph.settings import Settings
from graph.store import Store
from graph.views import Filters, neighbourhood, partnership, whole
from webapp import create_app
from webapp.i18n import MESSAGES

SV, EN = MESSAGES["sv"], MESSAGES["en"]
KI_AGREEMENT_TEXT = CANONICAL.id_base + "document/huddinge-karolinska-institutet-samverkansavtal"
"""The agreement's text: the source document of Karolinska Institutet's facts."""
STOCKHOLM_UNIVERSITY = CANONICAL.id_base + "org/stockholms-universitet"
HEALTH = CANONICAL.id_base + "area/jamlik-halsa"


@pytest.fixture(scope="module")
def network(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(make_app(build_hostile_project(tmp_path_factory.mktemp("hostile")))) as url:
        yield url


@pytest.fixture(scope="module")
def small_limits_server(built: Settings) -> Iterator[str]:
    """The app on the real data, with views laid out on the server from 10 nodes and summarised above 100."""
    config = {"TESTING": True, "STORE_PATH": str(built.store), "DIST_DIR": str(built.dist)}
    with serving(create_app({**config, "EXPLORER_LIMITS": SMALL_LIMITS})) as url:
        yield url


def settled(page: Page, count: int | None = None) -> None:
    """Wait until the latest view is drawn and has settled (with ``count`` nodes, if given)."""
    page.wait_for_function(
        """(count) => window.samverkanNetwork
             && document.getElementById("network").dataset.state === "ready"
             && (count === null || window.samverkanNetwork.nodes.length === count)""",
        arg=count,
    )


def drawn(page: Page) -> set[str]:
    return set(page.evaluate("() => window.samverkanNetwork.nodes.getIds()"))


def ids(view: dict[str, Any]) -> set[str]:
    return {node["id"] for node in view["nodes"]}


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def node_point(page: Page, iri: str) -> dict[str, float]:
    """Where node ``iri`` is on the screen, from vis-network's own positions."""
    point: dict[str, float] = page.evaluate(
        """(iri) => {
          const network = window.samverkanNetwork.network;
          const at = network.canvasToDOM(network.getPositions([iri])[iri]);
          const box = document.getElementById("network").getBoundingClientRect();
          return { x: box.left + at.x, y: box.top + at.y };
        }""",
        iri,
    )
    return point


def in_view(page: Page, iri: str) -> dict[str, float]:
    """Scroll node ``iri`` to the middle of the window; where it is then."""
    page.evaluate("(y) => window.scrollBy(0, y - innerHeight / 2)", node_point(page, iri)["y"])
    return node_point(page, iri)


def click_node(page: Page, iri: str) -> None:
    point = in_view(page, iri)
    page.mouse.click(point["x"], point["y"])


def mark_the_page(page: Page) -> None:
    """A value that only survives as long as the page is not loaded again."""
    page.evaluate("() => { window.stillTheSamePage = true; }")


def still_the_same_page(page: Page) -> bool:
    return bool(page.evaluate("() => window.stillTheSamePage === true"))


def test_each_view_draws_the_nodes_of_its_view(visit: Visit, network: nx.MultiDiGraph) -> None:
    views = {
        "partnership": ("/network", partnership(network)),
        "whole": ("/network?view=whole", whole(network)),
        "neighbourhood": ("/network?focus=org/karolinska-institutet&depth=2", neighbourhood(network, KI, 2)),
    }
    for name, (path, expected) in views.items():
        page = visit.open(path)
        settled(page, len(expected["nodes"]))
        assert drawn(page) == ids(expected)
        edges = page.evaluate("() => window.samverkanNetwork.edges.length")
        assert edges == len(expected["edges"])
        status = SV["network_status"].format(nodes=len(expected["nodes"]), edges=len(expected["edges"]))
        expect(page.locator("#network-status")).to_contain_text(status)
        legend = page.locator("#network-legend li")
        assert legend.count() == len(expected["legend"])
        visit.screenshot(f"network-{name}")
    assert page.evaluate("() => window.samverkanNetwork.network.getSelectedNodes()") == [KI]


def test_filters_change_the_picture_in_place(visit: Visit, network: nx.MultiDiGraph) -> None:
    page = visit.open("/network?view=whole")
    settled(page, len(whole(network)["nodes"]))
    mark_the_page(page)

    without_meetings = sorted(DEFAULT_KINDS - {"event"})
    page.locator("input[name=kinds][value=event]").uncheck()
    settled(page, len(whole(network, Filters.parse(kinds=without_meetings))["nodes"]))
    assert drawn(page) == ids(whole(network, Filters.parse(kinds=without_meetings)))

    page.locator("input[name=kinds][value=event]").check()
    page.locator("#network-from").fill("2018")
    page.locator("#network-to").fill("2018")
    page.locator("#network-to").press("Enter")
    in_2018 = whole(network, Filters.parse(year_from=2018, year_to=2018))
    settled(page, len(in_2018["nodes"]))
    assert drawn(page) == ids(in_2018)
    assert params(page) == {"view": ["whole"], "from": ["2018"], "to": ["2018"]}

    page.locator("#network-area").select_option("area/jamlik-halsa")
    in_area = whole(network, Filters.parse(year_from=2018, year_to=2018, area=HEALTH))
    settled(page, len(in_area["nodes"]))
    assert drawn(page) == ids(in_area) and params(page)["area"] == ["area/jamlik-halsa"]
    assert still_the_same_page(page)

    switch = page.locator("header.site a.language").get_attribute("href") or ""
    assert parse_qs(urlsplit(switch).query) == {**params(page), "lang": ["en"]}
    visit.screenshot("network-filtered")


def test_the_partnership_view_sets_the_kinds_aside(visit: Visit, network: nx.MultiDiGraph) -> None:
    page = visit.open("/network?view=whole&kinds=organization,agreement")
    settled(page, len(whole(network, Filters.parse(kinds=["organization", "agreement"]))["nodes"]))
    page.get_by_label(SV["network_view_partnership"]).check()
    settled(page, len(partnership(network)["nodes"]))
    expect(page.locator("input[name=kinds][value=organization]")).to_be_disabled()
    expect(page.get_by_text(SV["network_kinds_partnership"])).to_be_visible()
    assert params(page) == {"kinds": ["organization,agreement"]}  # kept for when the kinds count again
    page.go_back()
    settled(page, len(whole(network, Filters.parse(kinds=["organization", "agreement"]))["nodes"]))
    expect(page.get_by_label(SV["network_view_whole"])).to_be_checked()


def test_search_suggests_ki_and_focuses_it(visit: Visit, network: nx.MultiDiGraph) -> None:
    page = visit.open("/network")
    settled(page)
    mark_the_page(page)
    box = page.get_by_role("combobox", name=SV["network_search"])
    box.fill("KI")
    first = page.get_by_role("option").first
    expect(first).to_contain_text("Karolinska Institutet")
    expect(first).to_contain_text("(KI)")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    box.press("Enter")

    settled(page, len(neighbourhood(network, KI, 1)["nodes"]))
    assert params(page) == {"view": ["neighbourhood"], "focus": ["org/karolinska-institutet"]}
    assert page.evaluate("() => window.samverkanNetwork.network.getSelectedNodes()") == [KI]
    expect(page.locator("#network-panel h2")).to_have_text("Karolinska Institutet")
    expect(page.locator("#network-focus-label")).to_have_text("Karolinska Institutet")
    # Centred in the part of the canvas the panel leaves free.
    centre = page.evaluate(
        """() => {
          const frame = document.getElementById("network-frame").getBoundingClientRect();
          const panel = document.getElementById("network-panel").getBoundingClientRect();
          return { x: frame.left + (panel.left - frame.left) / 2, y: frame.top + frame.height / 2 };
        }"""
    )
    point = node_point(page, KI)
    assert abs(point["x"] - centre["x"]) < 3 and abs(point["y"] - centre["y"]) < 3
    assert still_the_same_page(page)
    visit.screenshot("network-search-focus")

    box.fill("hudd")
    expect(page.get_by_role("option").first).to_contain_text("Huddinge")
    box.press("Escape")
    expect(page.locator("#network-suggestions")).to_be_hidden()
    page.go_back()  # the view before the search
    settled(page, len(partnership(network)["nodes"]))
    assert params(page) == {}


def test_clicking_a_node_opens_its_panel(visit: Visit, network: nx.MultiDiGraph) -> None:
    page = visit.open("/network")
    settled(page, len(partnership(network)["nodes"]))
    click_node(page, KI)
    panel = page.locator("#network-panel")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Karolinska Institutet")
    expect(panel).to_contain_text(SV["network_abbreviations"])
    expect(panel.locator(".panel-fact-list li").first).to_contain_text("Karolinska Institutet är part i")
    document = panel.locator(f'.panel-sources a[href="/id/{KI_AGREEMENT_TEXT.removeprefix(CANONICAL.id_base)}"]')
    expect(document).to_have_text(network.nodes[KI_AGREEMENT_TEXT]["labels"]["sv"])
    expect(panel.get_by_role("link", name=SV["network_open_page"])).to_have_attribute(
        "href", "/id/org/karolinska-institutet"
    )
    page.wait_for_function(  # brought out from under the panel
        """(iri) => {
          const network = window.samverkanNetwork.network;
          const x = network.canvasToDOM(network.getPosition(iri)).x;
          const panel = document.getElementById("network-panel");
          return x > 0 && x < panel.offsetLeft - 20;
        }""",
        arg=KI,
    )
    visit.screenshot("network-panel")

    panel.get_by_role("button", name=SV["network_focus_here"]).click()
    settled(page, len(neighbourhood(network, KI, 1)["nodes"]))
    assert params(page)["focus"] == ["org/karolinska-institutet"]
    panel.get_by_role("button", name=SV["network_close"]).press("Escape")
    expect(panel).to_be_hidden()


def test_a_partnership_link_lists_what_joins_the_pair(visit: Visit, network: nx.MultiDiGraph) -> None:
    page = visit.open("/network")
    settled(page)
    middle = page.evaluate(
        """([a, b]) => {
          const network = window.samverkanNetwork.network;
          const edge = network.body.edges[`${a}\u0001${b}`];  // vis-network's own edge, for its curve
          const at = network.canvasToDOM(edge.edgeType.getPoint(0.5));
          document.getElementById("network").scrollIntoView({ block: "center" });
          const box = document.getElementById("network").getBoundingClientRect();
          return { x: box.left + at.x, y: box.top + at.y };
        }""",
        [KI, STOCKHOLM_UNIVERSITY],
    )
    page.mouse.click(middle["x"], middle["y"])
    panel = page.locator("#network-panel")
    expect(panel.get_by_role("heading", level=2)).to_contain_text("Karolinska Institutet")
    expect(panel.locator(".panel-fact-list li").first).to_contain_text("samverkan: ")


def test_the_language_switch_changes_the_texts_and_keeps_the_state(
    visit: Visit, network: nx.MultiDiGraph
) -> None:
    page = visit.open("/network?view=whole&kinds=organization,agreement")
    settled(page)
    page.locator("#network-from").fill("2022")
    page.locator("#network-from").press("Enter")
    chosen = whole(network, Filters.parse(kinds=["organization", "agreement"], year_from=2022))
    settled(page, len(chosen["nodes"]))
    expect(page.locator("h1")).to_have_text(SV["network_title"])

    page.get_by_role("link", name=SV["switch_language"]).click()
    page.wait_for_url("**lang=en**")
    settled(page, len(chosen["nodes"]))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text(EN["network_title"])
    expect(page.get_by_label(EN["network_view_whole"])).to_be_checked()
    assert params(page) == {
        "view": ["whole"], "kinds": ["organization,agreement"], "from": ["2022"], "lang": ["en"]
    }
    assert drawn(page) == ids(chosen)
    labels = set(page.evaluate("() => window.samverkanNetwork.data.edges.map((edge) => edge.label)"))
    assert labels and labels <= {"party to"}
    expect(page.locator("#network-legend")).to_contain_text("organizations")
    expect(page.locator("#network-from")).to_have_value("2022")
    visit.screenshot("network-english")


def test_a_link_reproduces_the_picture(visit: Visit, network: nx.MultiDiGraph) -> None:
    path = (
        "/network?view=neighbourhood&focus=org%2Fhuddinge-kommun&depth=2"
        "&kinds=organization,agreement,body&size=betweenness"
    )
    kinds = ["organization", "agreement", "body"]
    expected = neighbourhood(network, HUDDINGE, 2, Filters.parse(kinds=kinds), size="betweenness")
    pictures = []
    for _ in range(2):
        page = visit.open(path)
        settled(page, len(expected["nodes"]))
        pictures.append(page.evaluate("() => window.samverkanNetwork.network.getPositions()"))
    assert pictures[0] == pictures[1] and set(pictures[0]) == ids(expected)
    expect(page.get_by_label(SV["network_view_neighbourhood"])).to_be_checked()
    expect(page.locator("#network-depth")).to_have_value("2")
    expect(page.locator("#network-size")).to_have_value("betweenness")
    boxes = page.locator("input[name=kinds]:checked")
    checked = boxes.evaluate_all("(boxes) => boxes.map((box) => box.value)")
    assert sorted(checked) == sorted(kinds)
    assert page.evaluate("() => window.samverkanNetwork.network.getSelectedNodes()") == [HUDDINGE]
    sizes = page.evaluate("() => window.samverkanNetwork.nodes.get().map((n) => [n.id, n.value])")
    assert dict(sizes) == {node["id"]: node["value"] for node in expected["nodes"]}


def test_on_a_phone_the_controls_come_before_the_canvas(
    browser: Browser, live_server: str, network: nx.MultiDiGraph
) -> None:
    with visiting(browser, live_server, width=400, height=800) as phone:
        page = phone.open("/network?view=whole")
        settled(page)
        controls = page.locator(".explorer-controls").bounding_box()
        frame = page.locator("#network-frame").bounding_box()
        assert controls and frame and controls["y"] + controls["height"] <= frame["y"]
        assert frame["width"] <= 400 and page.evaluate("() => document.documentElement.scrollWidth") <= 400
        expect(page.locator("#network-filters")).not_to_have_attribute("open", "")
        phone.screenshot("network-phone")
        box = page.get_by_role("combobox", name=SV["network_search"])
        box.fill("KI")
        expect(page.get_by_role("option").first).to_contain_text("Karolinska Institutet")
        box.press("Enter")  # no suggestion chosen: the form's search takes the best match
        settled(page, len(neighbourhood(network, KI, 1)["nodes"]))
        panel = page.locator("#network-panel").bounding_box()
        frame = page.locator("#network-frame").bounding_box()
        assert panel and frame and panel["y"] >= frame["y"] + frame["height"]
        phone.screenshot("network-phone-panel")


def test_labels_that_are_markup_stay_text(browser: Browser, hostile_server: str) -> None:
    with visiting(browser, hostile_server) as visit:
        dialogs: list[str] = []
        visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page = visit.open("/network?view=whole&lang=en")
        settled(page, 5)
        drawn_label = page.evaluate(f"() => window.samverkanNetwork.nodes.get({HOSTILE!r}).label")
        assert drawn_label == f"{HOSTILE_LABEL} [sv]"  # marked as borrowed from Swedish

        point = in_view(page, HOSTILE)
        page.mouse.move(point["x"], point["y"])
        tooltip = page.locator("div.vis-tooltip")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text(HOSTILE_LABEL)
        assert tooltip.locator("img").count() == 0

        box = page.get_by_role("combobox", name=EN["network_search"])
        box.fill("img")
        option = page.get_by_role("option").first
        expect(option).to_contain_text(HOSTILE_LABEL)
        option.click()
        settled(page)
        title = page.locator("#network-panel h2")
        expect(title).to_have_text(HOSTILE_LABEL)
        assert title.get_attribute("lang") == "sv"
        expect(page.locator("#network-panel")).to_contain_text(EN["network_fallback"])
        facts = page.locator("#network-panel .panel-fact-list")
        expect(facts).to_contain_text(f"{HOSTILE_LABEL} is a party to Agreement \"quoted\" & <b>bold</b>")

        page.locator("#network-list summary").click()
        expect(page.locator("#network-list")).to_contain_text(HOSTILE_LABEL)
        markup = "img, b, script:not([src]):not([type])"
        assert page.evaluate("(markup) => document.querySelectorAll(markup).length", markup) == 0
        assert dialogs == []
        visit.screenshot("network-hostile")


def test_without_javascript_the_nodes_are_listed_and_the_filters_work(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server}/network?view=whole")
        expect(page.locator("p.notice", has_text=SV["network_noscript"][:30])).to_be_visible()
        expect(page.locator("#network-frame")).to_be_hidden()
        items = page.locator("#network-list-body li")
        assert items.count() == 137
        page.locator("input[name=kinds][value=event]").uncheck()
        page.get_by_role("button", name=SV["network_apply"]).click()
        page.wait_for_url("**kinds=**")
        assert page.locator("#network-list-body li").count() == 137 - 29
    finally:
        context.close()


def test_large_views_are_drawn_without_physics_or_summarised(
    browser: Browser, small_limits_server: str
) -> None:
    with visiting(browser, small_limits_server) as visit:
        page = visit.open("/network")  # vis-network cuts the positions it reports to whole numbers
        settled(page, 14)
        laid_out = page.evaluate(
            """() => window.samverkanNetwork.data.nodes.every((node) => {
                 const at = window.samverkanNetwork.network.getPosition(node.id);
                 return node.physics === false && Math.abs(at.x - node.x) < 1 && Math.abs(at.y - node.y) < 1;
               })"""
        )
        assert laid_out
        assert page.evaluate("() => window.samverkanNetwork.network.physics.physicsEnabled") is False
        visit.screenshot("network-computed-layout")

        page.get_by_label(SV["network_view_whole"]).check()
        settled(page)
        expect(page.locator("#network-aggregated")).to_be_visible()
        kinds = page.evaluate("() => window.samverkanNetwork.nodes.getIds()")
        assert kinds and all(kind.startswith("kind:") for kind in kinds)
        click_node(page, "kind:organization")
        expect(page.locator("#network-panel h2")).to_contain_text("organisationer (25)")
        visit.screenshot("network-aggregated")
        page.get_by_role("button", name="Visa bara organisationer").click()
        settled(page, 25)  # few enough to draw one by one again, laid out on the server
        expect(page.locator("#network-aggregated")).to_be_hidden()
        assert params(page) == {"view": ["whole"], "kinds": ["organization"]}
