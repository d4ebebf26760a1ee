"""The analytics, connections and timeline pages in Debian's Chromium (see tests/browser.py).

Every visit fails on a request outside the app, a script error or a broken
asset. Screenshots are saved as test artefacts: analytics, connections,
timeline, and the analytics and timeline pages at a phone's width.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from browser import Visit, visiting
from conftest import make_app, serving
from explorer_fixtures import HOSTILE, build_hostile_project
from playwright.sync_api import Browser, Page, expect

from graph.namespaces import CANONICAL
from graph.network import read_network
from graph.store import Store
from graph.views import partnership
from webapp.i18n import MESSAGES

HUDDINGE, KTH, KI, SCANIA = (CANONICAL.id_base + "org/" + s for s in ("huddinge-kommun", "kth", "karolinska-institutet", "scania"))
SV, EN = MESSAGES["sv"], MESSAGES["en"]


@pytest.fixture(scope="module")
def network(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


@pytest.fixture
def phone(browser: Browser, live_server: str) -> Iterator[Visit]:
    """A watched tab as narrow as a phone."""
    with visiting(browser, live_server, width=390, height=844) as opened:
        yield opened


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the fixture project with labels that are markup (tests/fixtures/explorer/hostile.ttl)."""
    with serving(make_app(build_hostile_project(tmp_path_factory.mktemp("hostile")))) as url:
        yield url


def column(page: Page, name: str) -> list[float]:
    return [float(v) for v in page.eval_on_selector_all(
        f'#measures-table tbody td:nth-child({_index(page, name) + 1})', "cells => cells.map(c => c.dataset.value)"
    )]


def _index(page: Page, name: str) -> int:
    return int(page.eval_on_selector_all(
        "#measures-table thead th", f"ths => ths.findIndex(th => th.dataset.column === {name!r})"
    ))


def test_the_communities_are_drawn_with_every_partnered_organization(visit: Visit, network: nx.MultiDiGraph) -> None:
    page = visit.open("/analytics")
    canvas = page.locator("#community-network")
    expect(canvas).to_have_attribute("data-nodes", str(partnership(network)["summary"]["nodes"]), timeout=15_000)
    assert canvas.get_attribute("data-expected-nodes") == "14"
    assert page.locator("#community-network canvas").count() == 1
    assert page.locator(".communities > li").count() == 2
    visit.screenshot("analytics")


def test_sorting_the_table_by_keyboard(visit: Visit) -> None:
    page = visit.open("/analytics")
    page.evaluate("window.stayedOnPage = true")
    partners = page.locator('th[data-column="partners"] a')
    partners.focus()
    page.keyboard.press("Enter")
    expect(page.locator('th[data-column="partners"]')).to_have_attribute("aria-sort", "descending")
    values = column(page, "partners")
    assert values == sorted(values, reverse=True) and values[0] == 13
    assert page.evaluate("window.stayedOnPage") is True  # sorted in place, no reload
    assert "sort=partners&order=desc" in page.url
    assert page.locator('th[data-column="betweenness"]').get_attribute("aria-sort") is None
    expect(page.locator("#sort-status")).to_have_text(SV["sorted_by"].format(column="Partner", direction="fallande"))
    page.keyboard.press("Enter")  # the focus stays on the heading: again, the other way
    expect(page.locator('th[data-column="partners"]')).to_have_attribute("aria-sort", "ascending")
    values = column(page, "partners")
    assert values == sorted(values)
    page.locator('th[data-column="name"] a').focus()
    page.keyboard.press("Enter")
    names = page.eval_on_selector_all("#measures-table tbody th a", "links => links.map(a => a.textContent)")
    assert names.index("Stockholms universitet") < names.index("Södertälje kommun") < names.index("Tyresö kommun")
    page.reload()  # the address kept the order: the server sorts the same way
    assert page.eval_on_selector_all("#measures-table tbody th a", "links => links.map(a => a.textContent)") == names


def test_the_connections_form(visit: Visit) -> None:
    page = visit.open("/analytics")
    page.select_option("#analytics-from", HUDDINGE)
    page.select_option("#analytics-to", KTH)
    page.locator("#connections button[type=submit]").click()
    page.wait_for_url("**/connections?**")
    expect(page.locator(".chain").first).to_contain_text("Huddinge kommun är medlem i Södertörns Rådslag.")
    source = page.locator(".chain .fact .sources a").first
    assert source.get_attribute("href") == "/id/document/sodertorn-verksamhetsplan-budget-2017"
    assert page.locator("#from").input_value() == HUDDINGE and page.locator("#to").input_value() == KTH
    visit.screenshot("connections")
    page.select_option("#to", SCANIA)
    page.locator(".connection-form button[type=submit]").press("Enter")  # by keyboard this time
    page.wait_for_url("**scania**")
    expect(page.locator("#chains")).to_contain_text("Det finns ingen kedja av fakta mellan Huddinge kommun och Scania")


def test_the_timeline_filter(visit: Visit) -> None:
    page = visit.open("/timeline")
    everything = page.locator(".timeline-item").count()
    assert everything > 30
    expect(page.locator('.timeline-item[data-iri$="sodertorns-radslag-2018"] time')).to_have_text("2018")
    visit.screenshot("timeline")
    page.select_option("#timeline-org", KI)
    page.get_by_role("button", name=SV["timeline_filter"]).click()
    page.wait_for_url("**org=**")
    items = page.locator(".timeline-item")
    expect(items).to_have_count(2)
    assert [items.nth(i).get_attribute("data-kind") for i in range(2)] == ["decision", "agreement"]
    expect(page.locator("#timeline-summary")).to_contain_text("2 händelser där Karolinska Institutet deltar")
    page.get_by_role("link", name=SV["timeline_show_all"]).click()
    expect(page.locator(".timeline-item")).to_have_count(everything)


def test_the_language_switch(visit: Visit) -> None:
    page = visit.open("/timeline?org=" + KI)
    page.get_by_role("link", name=SV["switch_language"]).click()
    expect(page.locator("h1")).to_have_text(EN["timeline_title"])
    expect(page.locator("#timeline-summary")).to_contain_text("2 items that Karolinska Institutet takes part in")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name=EN["nav_analytics"]).click()
    expect(page.locator("h1")).to_have_text(EN["analytics_title"])
    expect(page.locator('th[data-column="betweenness"] a')).to_contain_text("Who brokers")
    expect(page.locator("#community-network")).to_have_attribute("data-nodes", "14", timeout=15_000)
    page.get_by_role("link", name=EN["switch_language"]).click()
    expect(page.locator("h1")).to_have_text(SV["analytics_title"])


def test_pages_fit_a_phone(phone: Visit) -> None:
    for path, name in (("/analytics", "analytics-phone"), ("/timeline", "timeline-phone")):
        page = phone.open(path)
        if path == "/analytics":
            expect(page.locator("#community-network")).to_have_attribute("data-nodes", "14", timeout=15_000)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        phone.screenshot(name)


def test_labels_that_are_markup_stay_text_in_the_browser(browser: Browser, hostile_server: str) -> None:
    dialogs: list[str] = []
    with visiting(browser, hostile_server) as visit:
        visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/analytics?lang=en", f"/timeline?org={HOSTILE}", f"/connections?a={HOSTILE}&b={HUDDINGE}"):
            page = visit.open(path)
            if path.startswith("/analytics"):
                expect(page.locator("#community-network")).to_have_attribute("data-nodes", "3", timeout=15_000)
                box = page.locator("#community-network canvas").bounding_box()
                assert box is not None
                for x in range(40, int(box["width"]), 60):  # hover across the drawing: tooltips are text
                    page.mouse.move(box["x"] + x, box["y"] + box["height"] / 2)
            assert page.locator("main img, main script:not([src]):not([type])").count() == 0
            expect(page.locator("main")).to_contain_text("<img src=x onerror=alert(1)>")
    assert dialogs == []
