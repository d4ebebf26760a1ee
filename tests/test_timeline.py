"""The timeline on the source documents' data: its order, its honest dates, its organization filter."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from flask.testing import FlaskClient
from html_outline import outline

from graph.namespaces import CANONICAL, PREFIXES
from graph.network import read_network
from graph.store import Store
from graph.timeline import Timeline, When, parse_date, read_timeline
from webapp.i18n import MESSAGES

XSD = PREFIXES["xsd"]
ORG, MEETING, DECISION, AGREEMENT = (CANONICAL.id_base + kind for kind in ("org/", "meeting/", "decision/", "agreement/"))
KI, HUDDINGE, KTH = ORG + "karolinska-institutet", ORG + "huddinge-kommun", ORG + "kth"
COMMITTEE_DECISION = DECISION + "sodertornskommunernas-samarbetskommitte-2016-12-08"
HANINGE_MEETING = MEETING + "sodertornskommunernas-samarbetskommitte-2017-02-02"
KF_DECISION, KSAU_DECISION = DECISION + "huddinge-kf-2021-10-04-p13", DECISION + "huddinge-ksau-2022-06-08-p6"
KI_AGREEMENT = AGREEMENT + "huddinge-karolinska-institutet-samverkansavtal"
RADSLAG_HOSTS = {
    2017: "nykvarns-kommun",
    2018: "huddinge-kommun",
    2019: "salems-kommun",
    2020: "nynashamns-kommun",
    2021: "botkyrka-kommun",
    2022: "tyreso-kommun",
    2023: "sodertalje-kommun",
    2024: "haninge-kommun",
}


@pytest.fixture(scope="module")
def network(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


@pytest.fixture(scope="module")
def timeline(store: Store, network: nx.MultiDiGraph) -> Timeline:
    return read_timeline(store, network)


# ---------------------------------------------------------------------------
# graph.timeline on the real data
# ---------------------------------------------------------------------------


def test_items_come_in_time_order_with_the_known_milestones(timeline: Timeline) -> None:
    dated = [item for item in timeline.items if item.when is not None]
    assert [item.when.value for item in dated] == sorted(item.when.value for item in dated)  # type: ignore[union-attr]
    iris = [item.iri for item in timeline.items]
    assert iris[0] == COMMITTEE_DECISION and timeline.items[0].when == When("2016-12-08", "day")
    milestones = [COMMITTEE_DECISION, HANINGE_MEETING, KF_DECISION, KSAU_DECISION]
    assert [iri for iri in iris if iri in milestones] == milestones
    first_2017 = next(item for item in timeline.items if item.iri == HANINGE_MEETING)
    assert first_2017.kind == "meeting" and [host.iri for host in first_2017.hosts] == [ORG + "haninge-kommun"]
    assert first_2017.body is not None and first_2017.body.label("sv") == "Södertörnskommunernas samarbetskommitté"
    assert first_2017.when is not None and first_2017.when.text("en") == "2 February 2017"


def test_every_radslag_year_is_a_forum_with_its_host(timeline: Timeline) -> None:
    forums = [item for item in timeline.items if item.kind == "forum"]
    found = {item.when.year: [host.iri for host in item.hosts] for item in forums if item.when}
    assert found == {year: [ORG + slug] for year, slug in RADSLAG_HOSTS.items()}
    salem = next(item for item in forums if item.when and item.when.year == 2019)
    assert salem.when == When("2019", "year") and salem.when.text("sv") == "2019"
    assert salem.thing.label("sv") == "Södertörns rådslag 2019 (värd: Salem)"
    assert salem.roles[ORG + "salems-kommun"] >= {"host", "member"}
    assert salem.roles[KTH] == {"member"}  # a member of the forum, not its host


def test_dates_keep_the_precision_of_their_source(timeline: Timeline) -> None:
    by_iri = {item.iri: item.when for item in timeline.items}
    assert by_iri[MEETING + "sodertorns-radslag-2018"] == When("2018", "year")
    assert by_iri[MEETING + "sodertornskommunernas-samarbetskommitte-2018-01"] == When("2018-01", "month")
    conference = by_iri[MEETING + "sodertornskommunernas-samarbetskommitte-planeringskonferens-2017"]
    assert conference == When("2017-08-16", "day", "2017-08-17")
    assert conference.text("sv") == "16–17 augusti 2017" and conference.text("en") == "16–17 August 2017"
    assert When("2018-01", "month").text("sv") == "januari 2018"
    assert When("2017-06-30", "day", "2017-07-02").text("en") == "30 June 2017 – 2 July 2017"
    # A year sorts before its months, a month before its days.
    assert sorted([When("2018-01-05", "day"), When("2018-01", "month"), When("2018", "year")])[0].value == "2018"


def test_parse_date_reads_the_datatype_and_refuses_what_is_no_date() -> None:
    assert parse_date("2018", XSD + "gYear") == When("2018", "year")
    assert parse_date("2018-03", XSD + "gYearMonth") == When("2018-03", "month")
    assert parse_date("2017-02-02T12:00:00", XSD + "dateTime") == When("2017-02-02", "day")
    assert parse_date("2018-13", XSD + "gYearMonth") is None
    assert parse_date("2017-02-30", XSD + "date") is None
    assert parse_date("early 2018", XSD + "gYear") is None
    assert parse_date("2018", XSD + "string") is None


def test_an_agreement_without_a_date_is_shown_at_the_decision_on_it(timeline: Timeline) -> None:
    agreement = next(item for item in timeline.items if item.iri == KI_AGREEMENT)
    assert agreement.when == When("2022-06-08", "day")
    assert agreement.dated_by is not None and agreement.dated_by.iri == KSAU_DECISION
    assert {party.iri for party in agreement.parties} == {HUDDINGE, KI}
    assert {source.iri.rsplit("/", 1)[1] for source in agreement.sources} == {
        "huddinge-karolinska-institutet-samverkansavtal",
        "huddinge-ksau-2022-06-08-p6",
    }


def test_the_organization_filter_keeps_what_it_takes_part_in(timeline: Timeline) -> None:
    ki = timeline.for_organization(KI)
    assert [item.iri for item in ki] == [KSAU_DECISION, KI_AGREEMENT]
    assert ki[0].roles[KI] == {"recipient", "concerned"} and ki[1].roles[KI] == {"party"}
    assert timeline.counts[KI] == 2
    huddinge = timeline.for_organization(HUDDINGE)
    kinds = {item.kind for item in huddinge}
    assert kinds == {"agreement", "decision", "meeting", "forum"}
    assert next(i for i in huddinge if i.iri == COMMITTEE_DECISION).roles[HUDDINGE] >= {"seat"}
    assert next(i for i in huddinge if i.iri == KF_DECISION).roles[HUDDINGE] >= {"own_body"}
    assert timeline.for_organization(ORG + "scania") == []


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def items_on(html: str) -> list[tuple[str, str]]:
    return [(element.attributes["data-iri"], element.words) for element in outline(html, "data-iri")
            if element.tag == "li"]


def test_the_page_lists_items_by_year_with_honest_dates(client: FlaskClient) -> None:
    response = client.get("/timeline")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    items = items_on(html)
    iris = [iri for iri, _ in items]
    assert iris[0] == COMMITTEE_DECISION and iris.index(HANINGE_MEETING) < iris.index(KF_DECISION)
    text = dict(items)
    assert '<time datetime="2016-12-08">8 december 2016</time>' in html
    assert "2 februari 2017" in text[HANINGE_MEETING] and "Haninge kommun" in text[HANINGE_MEETING]
    radslag_2018 = text[MEETING + "sodertorns-radslag-2018"]
    assert radslag_2018.startswith("2018 " + MESSAGES["sv"]["only_year"]) and "Huddinge kommun" in radslag_2018
    assert "2018-01-01" not in html and '<time datetime="2018">2018</time>' in html
    assert "januari 2018 " + MESSAGES["sv"]["only_month"] in text[MEETING + "sodertornskommunernas-samarbetskommitte-2018-01"]
    assert "Kommunfullmäktiges beslut 2021-10-04 § 13" in text[KF_DECISION]
    assert "Kommunstyrelsens arbetsutskotts beslut 2022-06-08 § 6" in text[KSAU_DECISION]
    years = [element.words for element in outline(html, "aria-labelledby") if element.tag == "section"]
    assert [y.split(" ", 1)[0] for y in years] == [str(y) for y in range(2016, 2025)]
    # Each item links to its page and its source document.
    links = dict((iri, element.links) for iri, element in
                 ((e.attributes["data-iri"], e) for e in outline(html, "data-iri") if e.tag == "li"))
    assert ("/id/decision/huddinge-kf-2021-10-04-p13", "Kommunfullmäktiges beslut 2021-10-04 § 13") in links[KF_DECISION]
    assert ("/id/document/huddinge-kf-2021-10-04-p13", "Kommunfullmäktige i Huddinge 2021-10-04 § 13") in links[KF_DECISION]
    for year, slug in RADSLAG_HOSTS.items():  # every rådslag year, hosted by its municipality
        radslag = MEETING + f"sodertorns-radslag-{year}"
        assert "Forum Södertörns rådslag" in text[radslag] and f"{MESSAGES['sv']['host_label']} " in text[radslag]
        assert links[radslag][0][0] == f"/id/meeting/sodertorns-radslag-{year}"
        assert f"/id/org/{slug}" in [href for href, _ in links[radslag]]


def test_the_page_in_english(client: FlaskClient) -> None:
    html = client.get("/timeline?lang=en").get_data(as_text=True)
    text = dict(items_on(html))
    assert "<h1>Timeline</h1>" in html and '<html lang="en">' in html
    assert "2 February 2017" in text[HANINGE_MEETING] and "Haninge Municipality" in text[HANINGE_MEETING]
    assert "2019 only the year is known" in text[MEETING + "sodertorns-radslag-2019"]
    assert "The Södertörn round table 2019 (host: Salem)" in text[MEETING + "sodertorns-radslag-2019"]


def test_the_organization_filter_on_the_page(client: FlaskClient) -> None:
    html = client.get("/timeline", query_string={"org": KI}).get_data(as_text=True)
    assert [iri for iri, _ in items_on(html)] == [KSAU_DECISION, KI_AGREEMENT]
    assert f'<option value="{KI}" selected>Karolinska Institutet (2)</option>' in html
    assert "2 händelser där Karolinska Institutet deltar" in " ".join(html.split())
    assert "mottagare, berörs av beslutet" in html
    year = client.get("/timeline", query_string={"org": HUDDINGE, "year": "2018"}).get_data(as_text=True)
    assert {iri.rsplit("/", 1)[1] for iri, _ in items_on(year)} == {
        "sodertorns-radslag-2018",
        "sodertornskommunernas-samarbetskommitte-2018-01",
        "sodertornskommunernas-samarbetskommitte-2018-03",
        "sodertornskommunernas-samarbetskommitte-2018-04",
    }


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ({"org": ORG + "no-such-org"}, 404, "det finns ingen organisation med IRI:n"),
        ({"org": "Huddinge kommun"}, 400, "ska vara en IRI"),
        ({"org": CANONICAL.id_base + "body/sodertorns-radslag"}, 400, "är ingen organisation"),
        ({"year": "tjugohundra"}, 400, "ska vara ett årtal"),
    ],
)
def test_bad_parameters_get_the_error_page_with_a_message(
    client: FlaskClient, query: dict[str, str], status: int, says: str
) -> None:
    response = client.get("/timeline", query_string=query)
    assert response.status_code == status and response.mimetype == "text/html"
    assert says in response.get_data(as_text=True)
    asked = client.get("/timeline", query_string={**query, "lang": "en"}, headers={"Accept": "application/json"})
    body = json.loads(asked.get_data(as_text=True))
    assert asked.status_code == status and body["ok"] is False and body["status"] == status
    assert set(body) == {"ok", "status", "title", "hint"}


def test_data_text_is_escaped(client: FlaskClient) -> None:
    html = client.get("/timeline", query_string={"org": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
