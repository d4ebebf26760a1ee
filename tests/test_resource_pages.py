"""A page for every thing (``/id/{kind}/{slug}``): over real HTTP on the repository's data, then in Chromium.

Each page is read as a reader reads it: the sections by their headings, the
facts by their labels, each value with the sources its footnote numbers
name. The escaping tests run on a small fixture project whose labels are
HTML and script.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from browser import Visit, visiting
from conftest import FIXTURE_PROJECT, copy_project, make_app, serving, settings_for
from playwright.sync_api import Browser

from graph.build import build
from graph.describe import Term, Text, Value, describe
from graph.layouts import GENERIC_SECTIONS, LAYOUTS, XSD
from graph.namespaces import CANONICAL
from graph.settings import Settings
from graph.store import Store
from webapp import display
from webapp.i18n import MESSAGES

NBSP = "\u00a0"
HUDDINGE = "/id/org/huddinge-kommun"
KI_AGREEMENT = "/id/agreement/huddinge-karolinska-institutet-samverkansavtal"
KF_DECISION = "/id/decision/huddinge-kf-2021-10-04-p13"
KI_STEERING_GROUP = "/id/body/huddinge-karolinska-institutet-styrgrupp"
MEETING = "/id/meeting/sodertornskommunernas-samarbetskommitte-2017-02-02"
BUDGET_LINE = "/id/budget-line/sodertorn-2017-personal"
KI_DOCUMENT = "Avtal om samverkan mellan Huddinge kommun och Karolinska Institutet (avtalstext)"
KSAU_DOCUMENT = "Kommunstyrelsens arbetsutskott i Huddinge 2022-06-08 § 6"
KF_DOCUMENT = "Kommunfullmäktige i Huddinge 2021-10-04 § 13"
PLAN_DOCUMENT = "Södertörnskommunernas samarbetskommitté: Verksamhetsplan 2017 och Budget 2017"


# ---------------------------------------------------------------------------
# Reading a page
# ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text inside, whitespace folded."""
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return re.sub(r"[ \t\r\n\f]+", " ", " ".join(parts)).strip()  # a no-break space is kept

    def has(self, cls: str) -> bool:
        return cls in self.attrs.get("class", "").split()

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def all(self, tag: str, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            node
            for node in self.walk()
            if node.tag == tag
            and (cls is None or node.has(cls))
            and all(
                node.attrs.get(name.rstrip("_").replace("_", "-")) == value for name, value in attrs.items()
            )
        ]

    def one(self, tag: str, cls: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, (tag, cls, attrs, len(found))
        return found[0]


class Tree(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self._stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self._stack[-1].children.append(node)
        if tag not in VOID:
            self._stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, 0, -1):
            if self._stack[index].tag == tag:
                del self._stack[index:]
                break

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


@dataclass
class Shown:
    """One value as the page shows it: its text, its link, and the sources its footnotes name."""

    text: str
    href: str | None
    sources: list[str]
    lang: str | None


@dataclass
class ResourcePage:
    status: int
    html: str
    root: Node

    @property
    def lang(self) -> str:
        return self.root.one("html").attrs["lang"]

    @property
    def heading(self) -> str:
        return self.root.one("h1").text

    def section(self, key: str) -> Node:
        return self.root.one("section", id=f"s-{key}")

    def section_titles(self) -> list[str]:
        return [node.text for node in self.root.all("h2")]

    def sources(self) -> dict[str, str]:
        """``#source-N`` -> the source's text in the list of sources."""
        return {f"#{li.attrs['id']}": li.text for li in self.root.one("ol", "sources").all("li")}

    def values(self, node: Node) -> list[Shown]:
        """The values in ``node`` (a dd, a table cell), each with the sources it cites, named by their notes.

        Every note (a citation's hover text) must name the source its number leads to in the list.
        """
        sources = {href: unbracketed(text) for href, text in self.sources().items()}
        found = []
        for part in self._value_parts(node):
            link = next((n for n in part if n.tag == "a" and not n.has("ref")), None)
            refs = [n for n in part if n.has("ref")]
            assert all(unbracketed(ref.attrs["title"]) in sources[ref.attrs["href"]] for ref in refs)
            shown = next(
                (n for n in part if n.tag in ("a", "span") and not n.has("refs") and not n.has("ref")), None
            )
            text = shown.text if shown else ""
            lang = shown.attrs.get("lang") if shown else None
            found.append(
                Shown(text, link.attrs["href"] if link else None, [r.attrs["title"] for r in refs], lang)
            )
        return found

    @staticmethod
    def _value_parts(node: Node) -> list[list[Node]]:
        """A value is an ``li``, a ``p.value``, or (in a table cell) what lies between ``br``s."""
        items = [n for n in node.walk() if n.tag == "li" or (n.tag == "p" and n.has("value"))]
        items = [n for n in items if not any(n in m.walk() for m in node.all("details"))]
        if items:
            return [list(item.walk()) for item in items]
        cell = next((n for n in node.children if isinstance(n, Node) and n.has("cell")), node)
        parts: list[list[Node]] = [[]]
        for child in cell.children:
            if isinstance(child, Node) and child.tag == "br":
                parts.append([])
            elif isinstance(child, Node):
                parts[-1] += [child, *child.walk()]
        return [part for part in parts if part]

    def fact(self, section: str, label: str) -> list[Shown]:
        """The values of the fact labelled ``label`` in ``section``."""
        for fact in self.section(section).all("div", "fact"):
            if fact.one("dt").text.casefold() == label.casefold():
                return self.values(fact.one("dd"))
        raise AssertionError(f"no fact {label!r} in {section}")

    def texts(self, section: str, label: str) -> list[str]:
        return [value.text for value in self.fact(section, label)]

    def table(self, section: str) -> list[dict[str, list[Shown]]]:
        """Rows of the section's tables, column header (lower case) -> values; grouped rows have ``group``."""
        rows = []
        group: list[Shown] = []
        for node in self.section(section).walk():
            if node.tag == "h3" and node.has("group-title"):
                group = self.values(node)
            if node.tag != "table":
                continue
            headers = [th.text.casefold() for th in node.one("thead").all("th")]
            for tr in node.one("tbody").all("tr"):
                cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
                row = {
                    header: self.values(cell) for header, cell in zip(headers, cells, strict=True) if header
                }
                if group:
                    row["group"] = group
                rows.append(row)
        return rows


def unbracketed(text: str) -> str:
    return re.sub("[()]", "", text)


def fetch(url: str, accept: str = "text/html") -> ResourcePage:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            html = response.read().decode("utf-8")
            return ResourcePage(response.status, html, Tree(html).root)
    except urllib.error.HTTPError as error:
        with error:
            html = error.read().decode("utf-8")
            return ResourcePage(error.code, html, Tree(html).root)


def texts(values: list[Shown]) -> list[str]:
    return [value.text for value in values]


# ---------------------------------------------------------------------------
# Pages on the repository's data
# ---------------------------------------------------------------------------


def test_an_organization_shows_its_identifiers_partners_and_seats(live_server: str) -> None:
    page = fetch(live_server + HUDDINGE)
    assert page.status == 200 and page.heading == "Huddinge kommun" and page.lang == "sv"
    assert page.root.one("p", "kinds").text == "kommun"
    code = page.fact("identity", "kommunkod")
    assert texts(code) == ["0126"] and code[0].sources == ["Referensdata (data/organizations.ttl)"]
    assert texts(page.fact("identity", "organisationsnummer")) == ["212000-0068"]
    partners = page.fact("partners", MESSAGES["sv"]["res_field_partners"])
    assert texts(partners) == ["Karolinska Institutet", "Södertörns högskola"]
    assert partners[0].href == "/id/org/karolinska-institutet" and partners[0].sources == [KI_DOCUMENT]
    through = page.section("partners").all("span", "via")[0]
    assert "Avtal om samverkan mellan Huddinge kommun och Karolinska Institutet" in through.text
    seats = page.table("seats")
    steering = [row for row in seats if texts(row["group"])[0].startswith("Styrgruppen för samverkan")]
    assert {texts(row["fylls av"])[0] for row in steering} >= {"Kommundirektör i Huddinge kommun"}


def test_the_ki_agreement_shows_parties_areas_forms_signatures_and_disputes(live_server: str) -> None:
    page = fetch(live_server + KI_AGREEMENT)
    assert page.heading == "Avtal om samverkan mellan Huddinge kommun och Karolinska Institutet"
    parties = page.fact("parties", "part")
    assert texts(parties) == ["Huddinge kommun", "Karolinska Institutet"]
    assert all(party.sources == [KI_DOCUMENT] for party in parties)
    areas = page.fact("areas", "samverkansområde")
    assert texts(areas) == ["Jämlik hälsa", "Prevention för ett hälsosamt liv"]
    assert all(set(area.sources) == {KI_DOCUMENT, KSAU_DOCUMENT} for area in areas)  # both documents say so
    assert texts(page.fact("areas", "samverkansform")) == [
        "Forskningssamverkan",
        "Samverkan inom samhällsutveckling, innovation och nyttiggörande",
        "Utbildningssamverkan",
    ]
    signatures = page.table("signatures")
    assert [(texts(r["undertecknare"]), texts(r["för"])) for r in signatures] == [
        (["Camilla Broo"], ["Huddinge kommun"]),
        (["Ole Petter Ottersen"], ["Karolinska Institutet"]),
    ]
    dispute = page.section("disputes")
    assert "Styrgruppen för samverkan Huddinge kommun – Karolinska Institutet" in dispute.text
    assert "Avgör kvarstående meningsskiljaktigheter: rektor (Karolinska Institutet)" in dispute.text
    assert texts(page.fact("validity", "gäller tills vidare")) == ["Ja"]
    decided = page.fact("decisions_about", MESSAGES["sv"]["res_field_dealt_with_in"])
    assert "Kommunstyrelsens arbetsutskotts beslut 2022-06-08 § 6" in texts(decided)


def test_the_agreement_shows_who_sits_in_its_bodies(live_server: str) -> None:
    page = fetch(live_server + KI_AGREEMENT)
    rows = page.table("organisation")
    groups = {texts(row["group"])[0] for row in rows}
    assert groups == {
        "Styrgruppen för samverkan Huddinge kommun – Karolinska Institutet",
        "Strategiska arbetsgruppen för samverkan Huddinge kommun – Karolinska Institutet",
    }
    assert len(rows) == 14


def test_a_decision_shows_its_body_date_paragraph_speakers_and_recipients(live_server: str) -> None:
    page = fetch(live_server + KF_DECISION)
    assert texts(page.fact("decision", "beslutad av")) == ["Kommunfullmäktige i Huddinge kommun"]
    assert texts(page.fact("decision", "datum")) == ["4 oktober 2021"]
    assert texts(page.fact("decision", "paragraf")) == ["§ 13"]
    diary = page.fact("decision", "diarienummer")
    assert texts(diary) == ["KS-2021/1682.103"] and diary[0].sources == [KF_DOCUMENT]
    speakers = {texts(row["talare"])[0]: texts(row["parti"]) for row in page.table("speakers")}
    assert speakers == {
        "Bo Källström": ["Liberalerna"],
        "Christina Eklund": ["Moderaterna"],
        "Tomas Selin": ["Centerpartiet"],
    }
    assert texts(page.fact("recipients", "skickas till")) == [
        "Samtliga nämnder och bolag i Huddinge kommun",
        "Södertörns högskola",
    ]
    assert (
        "Förvaltningens förslag om strategiskt partnerskap med Södertörns högskola"
        in page.section("proposals").text
    )
    text = page.fact("text", "beslutstext")
    assert len(text) == 1 and text[0].text.startswith("Förslag till avtal om strategiskt partnerskap")
    translation = page.section("text").all("details", "translation")
    assert translation and "The council approves" in translation[0].text


def test_the_ki_steering_group_shows_its_seats_chair_and_substitute_rule(live_server: str) -> None:
    page = fetch(live_server + KI_STEERING_GROUP)
    assert page.root.one("p", "kinds").text == "styrgrupp"
    seats = {texts(row["fylls av"])[0]: row for row in page.table("seats") if row["fylls av"]}
    rektor = seats["Rektor för Karolinska Institutet"]
    assert texts(rektor["för part"]) == ["Karolinska Institutet"] and texts(rektor["ordförande"]) == ["Ja"]
    director = seats["Kommundirektör i Huddinge kommun"]
    assert texts(director["ersättare utses av"]) == ["Kommundirektör i Huddinge kommun"]
    assert texts(director["ordförande"]) == [] and texts(director["roll"]) == ["ledamot"]
    assert texts(seats["Av rektor utsedd representant från verksamheten"]["utses av"]) == [
        "Rektor för Karolinska Institutet"
    ]
    meetings = page.fact("meeting_practice", "möten per år")
    assert texts(meetings) == ["1"] and set(meetings[0].sources) == {KI_DOCUMENT, KSAU_DOCUMENT}


def test_a_person_shows_posts_and_signatures_and_a_speaker_their_interventions(live_server: str) -> None:
    page = fetch(live_server + "/id/person/camilla-broo")
    assert texts(page.fact("roles", "innehar posten")) == ["Kommundirektör i Huddinge kommun"]
    signed = page.table("signatures")
    assert texts(signed[0][MESSAGES["sv"]["res_field_agreement"]]) == [
        "Avtal om samverkan mellan Huddinge kommun och Karolinska Institutet"
    ]
    speaker = fetch(live_server + "/id/person/christina-eklund")
    assert texts(speaker.fact("roles", "medlem i")) == ["Moderaterna"]
    [row] = speaker.table("interventions")
    assert texts(row["beslut"]) == ["Kommunfullmäktiges beslut 2021-10-04 § 13"] and texts(row["parti"]) == [
        "Moderaterna"
    ]


def test_a_meeting_shows_its_date_body_and_host(live_server: str) -> None:
    page = fetch(live_server + MEETING)
    assert texts(page.fact("meeting", "datum")) == ["2 februari 2017"]
    host = page.fact("meeting", "värd")
    assert texts(host) == ["Haninge kommun"] and host[0].sources == [PLAN_DOCUMENT]
    assert texts(page.fact("meeting", "möte i")) == ["Södertörnskommunernas samarbetskommitté"]


def test_a_budget_line_shows_its_amount_in_kronor(live_server: str) -> None:
    page = fetch(live_server + BUDGET_LINE)
    assert texts(page.fact("budget_line", "belopp")) == [f"895{NBSP}000{NBSP}kr"]
    assert texts(page.fact("budget_line", MESSAGES["sv"]["res_field_in_budget"])) == [
        "Budget 2017 för Södertörnskommunernas samarbetskommitté"
    ]
    english = fetch(live_server + BUDGET_LINE + "?lang=en")
    assert texts(english.fact("budget_line", "amount")) == [f"SEK{NBSP}895,000"]
    assert "sv:currency" not in page.html and "valuta" not in page.section("budget_line").text


def test_a_concept_shows_its_definition_and_what_points_to_it(live_server: str) -> None:
    page = fetch(live_server + "/id/area/jamlik-halsa")
    assert page.root.one("p", "kinds").text == "begrepp"
    definition = page.fact("concept", "definition")
    assert definition[0].text.startswith("Arbete för att alla invånare") and definition[0].sources == [
        "Referensdata (data/concepts.ttl)"
    ]
    incoming = page.fact("incoming", "samverkansområde")
    assert texts(incoming) == ["Avtal om samverkan mellan Huddinge kommun och Karolinska Institutet"]
    assert incoming[0].href == KI_AGREEMENT and set(incoming[0].sources) == {KI_DOCUMENT, KSAU_DOCUMENT}


def test_a_committee_shows_its_meeting_practice_and_meetings_in_date_order(live_server: str) -> None:
    page = fetch(live_server + "/id/body/sodertornskommunernas-samarbetskommitte")
    assert texts(page.fact("meeting_practice", "vanlig mötesdag")) == ["torsdag"]
    assert texts(page.fact("meeting_practice", "vanlig starttid")) == ["12:00"]
    assert texts(page.fact("meeting_practice", "minst antal möten per år")) == ["6"]
    meetings = page.table("meetings")
    dates = [texts(row["datum"])[0] for row in meetings]
    assert dates[:2] == ["2 februari 2017", "23 mars 2017"] and dates[-2:] == ["mars 2018", "april 2018"]
    assert texts(meetings[0]["värd"]) == ["Haninge kommun"]
    assert texts(meetings[dates.index("16 augusti 2017")]["slutdatum"]) == ["17 augusti 2017"]
    english = fetch(live_server + "/id/body/sodertornskommunernas-samarbetskommitte?lang=en")
    assert texts(english.fact("meeting_practice", "usual meeting day")) == ["Thursday"]


def test_incoming_links_are_grouped_by_relation(live_server: str) -> None:
    page = fetch(live_server + HUDDINGE)
    hosted = texts(page.fact("incoming", "värd"))
    assert "Samarbetskommitténs möte Januari 2018 (Huddinge)" in hosted
    assert "Sekretariatet för Södertörnskommunernas samarbetskommitté" in hosted
    assert texts(page.fact("incoming", "betalas till")) == [
        "Ersättning till Huddinge kommun för kontorsservice, arbetsrum mm"
    ]


def test_every_value_cites_a_listed_source(live_server: str) -> None:
    for path in (HUDDINGE, KI_AGREEMENT, KF_DECISION, KI_STEERING_GROUP):
        page = fetch(live_server + path)
        listed = set(page.sources())
        cited = {a.attrs["href"] for a in page.root.all("a", "ref")}
        assert cited == listed, path
        for dd in page.root.all("dd"):
            assert all(value.sources for value in page.values(dd)), (path, dd.text)


def test_a_seat_shows_the_network_of_its_body(live_server: str) -> None:
    page = fetch(live_server + "/id/seat/huddinge-karolinska-institutet-styrgrupp-rektor")
    assert texts(page.fact("mandate", "plats i")) == [
        "Styrgruppen för samverkan Huddinge kommun – Karolinska Institutet"
    ]
    assert texts(page.fact("mandate", MESSAGES["sv"]["res_field_chair_of"])) == [
        "Styrgruppen för samverkan Huddinge kommun – Karolinska Institutet"
    ]
    canvas = page.root.one("div", id="resource-network")
    assert canvas.attrs["data-focus"] == CANONICAL.id_base + "body/huddinge-karolinska-institutet-styrgrupp"
    assert MESSAGES["sv"]["res_network_nearest"] in page.root.one("aside").text
    network = json.loads(page.root.one("script", id="resource-network-data").text)
    assert len(network["nodes"]) > 1


def test_the_english_page_speaks_english_and_keeps_the_language_in_links(live_server: str) -> None:
    page = fetch(live_server + KF_DECISION + "?lang=en")
    assert page.lang == "en"
    assert page.heading == "Decision of the Huddinge municipal council, 4 October 2021, § 13"
    assert page.root.one("p", "kinds").text == "minuted decision"
    assert texts(page.fact("decision", "date")) == ["4 October 2021"]
    assert MESSAGES["en"]["res_section_speakers"] in page.section_titles()
    assert MESSAGES["en"]["res_sources"] in page.section_titles()
    links = [
        a.attrs["href"]
        for a in page.root.all("a")
        if a.attrs.get("href", "").startswith("/id/") and not a.has("language")
    ]
    assert links and all(link.endswith("?lang=en") for link in links)
    assert page.root.one("a", "language").attrs["href"] == KF_DECISION
    text = page.fact("text", "decision text")
    assert text[0].text.startswith("The council approves") and text[0].lang is None


def test_text_missing_in_english_is_shown_in_swedish_and_marked(live_server: str) -> None:
    page = fetch(live_server + KI_AGREEMENT + "?lang=en")
    [title] = page.fact("identity", "title")
    assert title.text.startswith("Avtal om samverkan") and title.lang == "sv"
    assert page.section("identity").all("abbr", "lang-tag")


@pytest.mark.parametrize(
    "path",
    [
        "/id/org/no-such-org",
        "/id/nothing",
        "/id/org/huddinge%20kommun",
        "/id/org/%3Cscript%3Ealert(1)%3C/script%3E",
        "/id/org/" + "x" * 5000,
        "/id/org/a%22b%7Bc%7D",
        "/id/",
    ],
)
def test_unknown_or_malformed_addresses_are_a_friendly_404(live_server: str, path: str) -> None:
    page = fetch(live_server + path)
    assert page.status == 404
    assert MESSAGES["sv"]["error_404"] in page.html and MESSAGES["en"]["error_404"] in page.html
    assert "<script>alert" not in page.html


def test_an_unknown_address_answers_json_when_asked(live_server: str) -> None:
    request = urllib.request.Request(
        f"{live_server}/id/org/no-such-org?lang=en", headers={"Accept": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    with raised.value as error:
        assert error.code == 404 and json.loads(error.read())["title"] == MESSAGES["en"]["error_404"]


def test_a_resource_of_every_class_has_a_page_in_both_languages(live_server: str, store: Store) -> None:
    one_of_each = store.select(
        "SELECT ?type (MIN(STR(?s)) AS ?one) { ?s a ?type"
        f' FILTER(STRSTARTS(STR(?s), "{CANONICAL.id_base}")) }} GROUP BY ?type'
    )
    layouts = set()
    for row in one_of_each:
        for lang in ("sv", "en"):
            page = fetch(f"{live_server}/id/{row['one'].value[len(CANONICAL.id_base) :]}?lang={lang}")
            assert page.status == 200 and page.lang == lang, row["one"].value
            ids = [node.attrs["id"] for node in page.root.walk() if "id" in node.attrs]
            assert len(ids) == len(set(ids)), row["one"].value
            layouts.add(page.root.one("article", "resource").attrs["data-layout"])
    assert "generic" not in layouts and len(layouts) >= 15


def test_a_page_is_gathered_in_a_handful_of_queries(store: Store) -> None:
    counted = CountingStore(store)
    description = describe(
        counted, CANONICAL.id_base + "agreement/huddinge-karolinska-institutet-samverkansavtal", "sv"
    )
    assert description is not None and len(description.sections) > 8
    assert counted.queries <= 8


class CountingStore:
    """A store that counts the queries put to it."""

    def __init__(self, store: Store) -> None:
        self.store, self.queries = store, 0

    def select(self, sparql: str):  # type: ignore[no-untyped-def]
        self.queries += 1
        return self.store.select(sparql)


def test_every_section_and_field_of_the_layouts_has_words_in_both_languages() -> None:
    sections = {s.key for layout in LAYOUTS for s in layout.sections} | set(GENERIC_SECTIONS)
    keys = {f"res_section_{key}" for key in sections}
    for layout in LAYOUTS:
        for section in layout.sections:
            keys |= {f"res_field_{f.label_key}" for f in section.fields if f.label_key}
            columns = section.table.columns if section.table else ()
            keys |= {f"res_field_{c.label_key}" for c in columns if c.label_key}
    for lang in ("sv", "en"):
        assert keys <= MESSAGES[lang].keys()
        stale = {k for k in MESSAGES[lang] if k.startswith(("res_section_", "res_field_"))} - keys
        assert stale == set()


def literal(value: str, datatype: str, unit: str | None = None) -> Value:
    return Value(Term(value, Text(value), is_literal=True, datatype=XSD + datatype), (1,), unit=unit)


@pytest.mark.parametrize(
    ("value", "datatype", "unit", "sv", "en"),
    [
        ("2021-10-04", "date", None, "4 oktober 2021", "4 October 2021"),
        ("2018-01", "gYearMonth", None, "januari 2018", "January 2018"),
        ("2018", "gYear", None, "2018", "2018"),
        ("2017-08-16T09:30:00Z", "dateTime", None, "16 augusti 2017 09:30", "16 August 2017 09:30"),
        ("12:00:00", "time", None, "12:00", "12:00"),
        ("true", "boolean", None, "Ja", "Yes"),
        ("0", "boolean", None, "Nej", "No"),
        ("480000", "integer", None, f"480{NBSP}000", "480,000"),
        ("945000.0", "decimal", "SEK", f"945{NBSP}000{NBSP}kr", f"SEK{NBSP}945,000"),
        ("1234.5", "decimal", "SEK", f"1{NBSP}234,50{NBSP}kr", f"SEK{NBSP}1,234.50"),
        ("1234.5", "decimal", "EUR", f"1{NBSP}234,50{NBSP}EUR", f"EUR{NBSP}1,234.50"),
        ("1234.25", "decimal", None, f"1{NBSP}234,25", "1,234.25"),
        ("-5", "integer", None, "−5", "−5"),
        ("2021-13-45", "date", None, "2021-13-45", "2021-13-45"),
        ("2018-00", "gYearMonth", None, "2018-00", "2018-00"),
        ("lots", "decimal", "SEK", "lots", "lots"),
    ],
)
def test_values_are_written_the_way_each_language_writes_them(
    value: str, datatype: str, unit: str | None, sv: str, en: str
) -> None:
    assert display.text(literal(value, datatype, unit), "sv") == sv
    assert display.text(literal(value, datatype, unit), "en") == en


def test_translations_are_tucked_away_only_when_the_page_language_has_text() -> None:
    own = Value(Term("Syfte", Text("Syfte", "sv"), is_literal=True), (1,))
    other = Value(Term("Purpose", Text("Purpose", "en"), is_literal=True), (1,))
    assert display.split_languages([own, other], "sv") == ([own], [other])
    assert display.split_languages([other], "sv") == ([other], [])
    assert display.split_languages([own, other], "en") == ([other], [own])


# ---------------------------------------------------------------------------
# Text from the data is escaped
# ---------------------------------------------------------------------------

EVIL_AGREEMENT = "/id/agreement/evil"
EVIL_DATA = """\
@prefix sv:   <https://w3id.org/samverkan/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://w3id.org/samverkan/id/org/evil> a sv:Municipality ;
    rdfs:label "<script>window.__xss = 1</script> Ond kommun"@sv ,
        "<img src=x onerror=\\"window.__xss = 2\\"> Evil municipality"@en ;
    sv:municipalityCode "0999" .

<https://w3id.org/samverkan/id/agreement/evil> a sv:Agreement ;
    rdfs:label "Avtal </script><script>window.__xss = 3</script>"@sv ;
    rdfs:comment "<b>fet</b> & \\"citat\\" <img src=x onerror=alert(1)>"@sv ;
    sv:party <https://w3id.org/samverkan/id/org/evil> , <https://w3id.org/samverkan/id/org/huddinge-kommun> .
"""


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("evil"))
    (root / "data" / "evil.ttl").write_text(EVIL_DATA, encoding="utf-8")
    settings: Settings = settings_for(root)
    build(settings)
    with serving(make_app(settings)) as url:
        yield url


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_labels_and_text_from_the_data_are_escaped(evil_server: str, lang: str) -> None:
    page = fetch(f"{evil_server}{EVIL_AGREEMENT}?lang={lang}")
    assert page.status == 200
    assert (
        "<script>window" not in page.html and "<img src=x" not in page.html and "<b>fet</b>" not in page.html
    )
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page.html or "&lt;img src=x" in page.html
    assert page.heading == "Avtal </script><script>window.__xss = 3</script>"
    network = page.root.one("script", id="resource-network-data")
    assert "</script>" not in network.text and "<" not in network.text
    labels = [node["label"] for node in json.loads(network.text)["nodes"]]
    assert any(label.startswith("Avtal </script><script>") for label in labels)  # intact once parsed
    scripts = [s for s in page.root.all("script") if "src" not in s.attrs]
    assert len(scripts) == 1  # only the network's JSON: nothing from the data became a script


def test_a_label_missing_in_the_page_language_is_borrowed_and_marked(evil_server: str) -> None:
    page = fetch(f"{evil_server}{EVIL_AGREEMENT}?lang=en")
    assert page.root.one("h1").attrs.get("lang") == "sv"
    assert MESSAGES["en"]["res_label_fallback"] in page.html


# ---------------------------------------------------------------------------
# In a real browser
# ---------------------------------------------------------------------------


NODE_ON_SCREEN = """(id) => {
    const box = document.getElementById('resource-network');
    const network = box.visNetwork;
    const at = network.canvasToDOM(network.getPositions([id])[id]);
    const frame = box.getBoundingClientRect();
    return [frame.left + at.x, frame.top + at.y];
}"""
"""Where the node ``id`` is drawn, in page coordinates."""


def network_drawn(visit: Visit) -> int:
    """Wait until the page's network has settled; the number of nodes it drew."""
    box = visit.page.locator("#resource-network[data-ready='true']")
    box.wait_for(timeout=15000)
    assert box.locator("canvas").count() == 1
    return int(box.get_attribute("data-nodes") or 0)


def test_the_agreement_page_shows_its_facts_and_draws_its_neighbourhood(visit: Visit) -> None:
    page = visit.open(KI_AGREEMENT)
    assert (
        page.locator("h1").inner_text()
        == "Avtal om samverkan mellan Huddinge kommun och Karolinska Institutet"
    )
    assert (
        page.locator("#s-parties").get_by_role("link", name="Karolinska Institutet", exact=True).is_visible()
    )
    assert (
        page.locator("#s-signatures").get_by_role("link", name="Ole Petter Ottersen", exact=True).is_visible()
    )
    assert network_drawn(visit) > 1
    visit.screenshot("entity-agreement")
    assert visit.elsewhere() == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("entity-organization", HUDDINGE),
        ("entity-decision", KF_DECISION + "?lang=en"),
        ("entity-body", KI_STEERING_GROUP),
        ("entity-seat", "/id/seat/huddinge-karolinska-institutet-styrgrupp-kommundirektor"),
    ],
)
def test_entity_pages_draw_their_networks_cleanly(visit: Visit, name: str, path: str) -> None:
    visit.open(path)
    assert network_drawn(visit) > 1
    visit.screenshot(name)


def test_clicking_a_node_opens_its_page(visit: Visit) -> None:
    page = visit.open(MEETING)
    network_drawn(visit)
    target = CANONICAL.id_base + "org/haninge-kommun"
    x, y = page.evaluate(NODE_ON_SCREEN, target)
    page.mouse.click(x, y)
    page.wait_for_url("**/id/org/haninge-kommun")
    assert page.locator("h1").inner_text() == "Haninge kommun"


def test_the_page_reads_well_on_a_phone(browser: Browser, live_server: str) -> None:
    with visiting(browser, live_server, width=390, height=844) as visit:
        page = visit.open(KI_STEERING_GROUP)
        assert network_drawn(visit) > 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        visit.screenshot("entity-body-phone")


def test_hover_text_from_the_data_stays_text(browser: Browser, evil_server: str) -> None:
    with visiting(browser, evil_server) as visit:
        page = visit.open("/id/org/evil?lang=en")
        network_drawn(visit)
        x, y = page.evaluate(NODE_ON_SCREEN, CANONICAL.id_base + "org/evil")
        page.mouse.move(x, y)
        tooltip = page.locator(".vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        assert '<img src=x onerror="window.__xss = 2"> Evil municipality' in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0
        assert page.evaluate("window.__xss") is None
        visit.screenshot("entity-escaped")
