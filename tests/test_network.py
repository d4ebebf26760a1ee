"""The explorer's network and views: the registry, reading the store, filters, the dicts for vis-network.

Most expectations are counted by hand on the network fixture
(``tests/fixtures/network``, drawn in ``document.ttl``); the last tests check
the questions the issue asks of the real data.
"""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from network_fixtures import PARTNERSHIP_WEIGHTS, A, B, C, D, E, F, G, iri, tiny_network

from graph import network as net
from graph.network import KINDS, RELATIONS, ExploreError, UnknownNode, read_network
from graph.store import Store
from graph.views import (
    Filters,
    Limits,
    computed_layout,
    filter_options,
    neighbourhood,
    node_details,
    partnership,
    whole,
)

X1, X2 = iri("agreement/x1"), iri("agreement/x2")
K, S, R, KF = iri("collaboration/k"), iri("body/s"), iri("body/r"), iri("body/kf")
D1, M1, M2, PL = iri("decision/d1"), iri("meeting/m1"), iri("meeting/m2"), iri("plan/pl")
PA, P, DOC = iri("post/pa"), iri("person/p"), iri("document/tiny")
HALSA, JAMLIK, KLIMAT = iri("area/halsa"), iri("area/jamlik"), iri("area/klimat")

LABEL_BELOW_SHAPES = {"dot", "diamond", "star", "triangle", "triangleDown", "square", "hexagon"}


@pytest.fixture(scope="module")
def tiny() -> nx.MultiDiGraph:
    return tiny_network()


@pytest.fixture(scope="module")
def real(store: Store) -> nx.MultiDiGraph:
    return read_network(store)


def ids(view: dict) -> set[str]:
    return {n["id"] for n in view["nodes"]}


# --- The registry --------------------------------------------------------------


def test_every_kind_is_told_apart_by_shape_and_colour_together() -> None:
    assert len({k.key for k in KINDS}) == len(KINDS)
    assert len({k.color for k in KINDS}) == len(KINDS)
    assert len({(k.shape, k.color) for k in KINDS}) == len(KINDS)
    assert {k.shape for k in KINDS} <= LABEL_BELOW_SHAPES  # shapes vis-network sizes by value
    for kind in KINDS:
        assert re.fullmatch(r"#[0-9A-F]{6}", kind.color)
        assert kind.sv and kind.en and kind.plural_sv and kind.plural_en


def test_every_relation_reads_as_a_sentence_in_both_languages() -> None:
    for relation in RELATIONS.values():
        for lang in ("sv", "en"):
            sentence = relation.sentence(lang, "SUBJECT", "OBJECT")
            assert "SUBJECT" in sentence and "OBJECT" in sentence and relation.label(lang)
    assert (
        RELATIONS["party"].sentence("sv", "Huddinge kommun", "Avtalet") == "Huddinge kommun är part i Avtalet"
    )
    used = {rel for rel, _ in net.DIRECT_PROPERTIES.values()} | {rel for rel, _ in net.COMPOSITE_PATTERNS}
    assert used | {rel for rel, _, _ in net.AREA_RULES} <= set(RELATIONS)


# --- Reading the store -----------------------------------------------------------


def test_kinds_follow_the_class_hierarchy_in_the_store(tiny: nx.MultiDiGraph) -> None:
    kinds = dict(tiny.nodes(data="kind"))
    # sv:KnowledgeCentre sits right under org:Organization; bodies and collaborations
    # are org:Organizations too, yet are taken first.
    assert {kinds[n] for n in (A, B, C, D, E, F, G)} == {"organization"}
    assert (kinds[S], kinds[R], kinds[KF], kinds[K]) == ("body", "body", "body", "collaboration")
    assert (kinds[M2], kinds[D1], kinds[PL], kinds[PA], kinds[P], kinds[DOC]) == (
        "event",
        "decision",
        "plan",
        "post",
        "person",
        "document",
    )
    assert {kinds[a] for a in (HALSA, JAMLIK, KLIMAT)} == {"area"}
    assert iri("seat/s-a") not in tiny and iri("scheme/omraden") not in tiny
    assert tiny.number_of_nodes() == 23


def test_labels_in_both_languages_marking_the_borrowed_one(tiny: nx.MultiDiGraph) -> None:
    assert tiny.nodes[G]["labels"] == {"sv": "Gamma Ltd", "en": "Gamma Ltd"}
    assert tiny.nodes[G]["fallback"] == ("sv",)
    assert tiny.nodes[A]["labels"] == {"sv": "Alfa kommun", "en": "Alfa Municipality"}
    assert (tiny.nodes[A]["alt_labels"], tiny.nodes[A]["abbreviations"], tiny.nodes[A]["fallback"]) == (
        ("Alfa",),
        ("AO",),
        (),
    )
    # foaf:name without a language serves both languages and is no fallback
    assert (tiny.nodes[P]["labels"], tiny.nodes[P]["fallback"]) == (
        {"sv": "Per Persson", "en": "Per Persson"},
        (),
    )


def test_years_of_agreements_decisions_meetings_and_plans(tiny: nx.MultiDiGraph) -> None:
    years = dict(tiny.nodes(data="years"))
    assert years[X1] == (2019, None)  # sv:validFrom, open-ended
    assert years[X2] == (2020, None)  # no validFrom: the decision approving it
    assert years[D1] == (2020, 2020)
    assert years[M1] == (2018, 2018)  # an xsd:gYearMonth
    assert years[M2] == (2021, 2021)
    assert years[PL] == (2022, 2022)  # sv:planYear
    assert years[A] is years[S] is None


def test_reified_seats_signatures_and_chairs_become_edges_with_their_source(tiny: nx.MultiDiGraph) -> None:
    assert {s for s, _, key in tiny.in_edges(S, keys=True) if key == "seat"} == {A, B, PA}
    assert {s for s, _, key in tiny.in_edges(S, keys=True) if key == "chair"} == {A, PA}
    assert tiny.has_edge(P, PA, "holds") and tiny.has_edge(D, X2, "party")
    assert tiny.has_edge(A, K, "memberOf") and tiny.has_edge(E, R, "memberOf")
    assert tiny.has_edge(DOC, F, "mentions")
    edge = tiny.edges[A, S, "seat"]
    assert edge["sources"] == (DOC,)
    assert edge["graphs"] == ("https://w3id.org/samverkan/graph/document",)
    # reference data has no source document of its own
    assert tiny.edges[JAMLIK, HALSA, "broader"]["sources"] == ()
    assert tiny.nodes[X1]["sources"] == (DOC,) and tiny.nodes[A]["sources"] == ()


def test_areas_reach_what_takes_part_in_a_tagged_agreement_or_collaboration(tiny: nx.MultiDiGraph) -> None:
    def areas(node: str) -> set[str]:
        return set(tiny.nodes[node]["areas"])

    assert tiny.nodes[X1]["direct_areas"] == {HALSA}
    assert areas(A) == areas(B) == {HALSA, KLIMAT}  # X1; collaboration K and its body S
    assert areas(C) == {HALSA, JAMLIK}
    assert areas(D) == {JAMLIK}  # a decision sent to D passes nothing on
    assert areas(E) == areas(F) == areas(G) == set()
    assert areas(S) == areas(M1) == areas(PA) == areas(P) == areas(PL) == {KLIMAT}
    assert areas(D1) == {JAMLIK}


# --- Views -------------------------------------------------------------------------


def test_whole_view_counted_by_hand(tiny: nx.MultiDiGraph) -> None:
    view = whole(tiny, Filters.parse(kinds=["organization", "agreement"]))
    assert ids(view) == {A, B, C, D, E, F, G, X1, X2}
    assert {(e["from"], e["to"]) for e in view["edges"]} == {(A, X1), (B, X1), (C, X1), (C, X2), (D, X2)}
    values = {n["id"]: n["value"] for n in view["nodes"]}
    assert (values[X1], values[X2], values[C], values[A], values[F]) == (3, 2, 2, 1, 0)
    assert {e["label"] for e in view["edges"]} == {"part i"}
    assert {k["kind"]: k["count"] for k in view["legend"]} == {"organization": 7, "agreement": 2}
    assert view["summary"] | {"limits": None} == {
        "view": "whole",
        "lang": "sv",
        "nodes": 9,
        "edges": 5,
        "facts": 5,
        "layout": "physics",
        "physics": True,
        "aggregated": False,
        "limits": None,
    }
    node = next(n for n in view["nodes"] if n["id"] == X1)
    assert node["label"] == "Avtal Ett" and node["shape"] == "diamond" and node["years"] == [2019, None]
    assert node["title"].splitlines() == ["Avtal Ett", "avtal", "2019–"]
    json.dumps(view)


def test_whole_view_in_english_and_with_documents_on_request(tiny: nx.MultiDiGraph) -> None:
    assert DOC not in ids(whole(tiny))
    view = whole(tiny, Filters.parse(kinds=["document", "organization"]), lang="en")
    assert {(e["from"], e["to"], e["label"]) for e in view["edges"]} == {
        (DOC, A, "mentions"),
        (DOC, F, "mentions"),
    }
    assert next(n for n in view["nodes"] if n["id"] == G)["fallback"] is False  # Gamma's label is English
    assert next(n for n in whole(tiny)["nodes"] if n["id"] == G)["fallback"] is True


def test_edges_between_the_same_pair_are_one_edge_listing_each_fact(tiny: nx.MultiDiGraph) -> None:
    edge = next(e for e in whole(tiny)["edges"] if (e["from"], e["to"]) == (A, S))
    assert edge["relations"] == ["seat", "chair"] and edge["label"] == "sitter i, ordförande i"
    assert edge["title"].splitlines() == [
        "Alfa kommun sitter i Styrgrupp S (Fixturdokumentet)",
        "Alfa kommun är ordförande i Styrgrupp S (Fixturdokumentet)",
    ]


def test_neighbourhood_by_depth_whichever_way_edges_point(tiny: nx.MultiDiGraph) -> None:
    first = {A, X1, K, S, KF, PA}
    assert ids(neighbourhood(tiny, A, 1)) == ids(neighbourhood(tiny, A, "1")) == first
    # X1: B, C, Hälsa; K: B, PL, Klimat; S: B, M1, M2; KF: D1; PA: P
    assert ids(neighbourhood(tiny, A, 2)) == first | {B, C, HALSA, PL, KLIMAT, M1, M2, D1, P}
    focused = neighbourhood(tiny, A, 1, Filters.parse(kinds=["agreement"]))
    assert ids(focused) == {A, X1}  # the focus stays whatever the kinds
    assert focused["summary"]["focus"] == A and focused["summary"]["depth"] == 1


@pytest.mark.parametrize(
    ("years", "kept", "dropped"),
    [
        ((2018, 2018), {M1, A, S}, {M2, D1, PL, X1, X2}),
        ((2021, 2021), {M2, X1, X2}, {M1, D1, PL}),  # open-ended agreements run on
        ((None, 2019), {M1, X1}, {M2, D1, PL, X2}),
    ],
)
def test_year_range_drops_what_falls_outside_and_keeps_what_has_no_year(
    tiny: nx.MultiDiGraph, years: tuple, kept: set[str], dropped: set[str]
) -> None:
    shown = ids(whole(tiny, Filters.parse(year_from=years[0], year_to=years[1])))
    assert kept <= shown and not dropped & shown


def test_area_filter_takes_the_areas_below(tiny: nx.MultiDiGraph) -> None:
    shown = ids(whole(tiny, Filters.parse(area=HALSA)))
    assert {X1, X2, A, B, C, D, D1, HALSA, JAMLIK} <= shown  # X2 and D1 through Jämlik vård, below Hälsa
    assert not {K, S, E, G, KLIMAT} & shown


def test_relation_filter_keeps_the_nodes_it_joins(tiny: nx.MultiDiGraph) -> None:
    view = whole(tiny, Filters.parse(relations=["party"]))
    assert ids(view) == {A, B, C, D, X1, X2} and len(view["edges"]) == 5


def test_partnership_view_counted_by_hand(tiny: nx.MultiDiGraph) -> None:
    view = partnership(tiny)
    widths = {frozenset((e["from"], e["to"])): e["width"] for e in view["edges"]}
    assert widths == PARTNERSHIP_WEIGHTS
    assert ids(view) == {A, B, C, D, E, G}  # F has no partner
    assert F in ids(partnership(tiny, isolated=True))
    edge = next(e for e in view["edges"] if {e["from"], e["to"]} == {A, B})
    assert edge["title"].splitlines() == [
        "Alfa kommun – Bäckby högskola: 3 kopplingar",
        "• avtal: Avtal Ett",
        "• organ: Styrgrupp S",
        "• samverkan: Samverkan K",
    ]
    assert [link["sources"] for link in edge["links"]] == [(DOC,)] * 3
    assert {n["id"]: n["value"] for n in view["nodes"]}[C] == 3
    assert view["summary"]["links"] == 9
    json.dumps(view)


def test_partnership_view_follows_the_filters(tiny: nx.MultiDiGraph) -> None:
    only_agreements = partnership(tiny, Filters.parse(relations=["party"]))
    assert {frozenset((e["from"], e["to"])): e["width"] for e in only_agreements["edges"]} == {
        frozenset((A, B)): 1,
        frozenset((A, C)): 1,
        frozenset((B, C)): 1,
        frozenset((C, D)): 1,
    }
    in_2018 = partnership(tiny, Filters.parse(year_from=2018, year_to=2018))  # X1 and X2 not yet
    assert {frozenset((e["from"], e["to"])): e["width"] for e in in_2018["edges"]} == {
        frozenset((A, B)): 2,
        frozenset((D, E)): 1,
        frozenset((D, G)): 1,
        frozenset((E, G)): 1,
    }
    assert ids(partnership(tiny, Filters.parse(area=KLIMAT))) == {A, B}


def test_large_views_come_laid_out_for_the_browser_to_draw_without_physics(tiny: nx.MultiDiGraph) -> None:
    limits = Limits(layout=5, summary=100)
    view = whole(tiny, limits=limits)
    assert view["summary"]["layout"] == "computed" and view["summary"]["physics"] is False
    positions = {n["id"]: (n["x"], n["y"]) for n in view["nodes"]}
    assert len(set(positions.values())) == len(positions) == view["summary"]["nodes"]
    assert all(n["physics"] is False for n in view["nodes"])
    assert whole(tiny, limits=limits) == view  # deterministic
    assert "x" not in whole(tiny)["nodes"][0]


def test_computed_layout_gives_every_node_room() -> None:
    graph = nx.barbell_graph(30, 5)
    graph.add_nodes_from(["lone-1", "lone-2"])
    positions = computed_layout(graph, spacing=40.0)
    assert set(positions) == set(graph)
    points = list(positions.values())
    closest = min(
        ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5
        for i, (x1, y1) in enumerate(points)
        for x2, y2 in points[i + 1 :]
    )
    assert closest > 10


def test_very_large_views_are_summarised(tiny: nx.MultiDiGraph) -> None:
    view = whole(
        tiny, Filters.parse(kinds=["organization", "agreement", "body"]), limits=Limits(layout=2, summary=5)
    )
    assert view["summary"]["aggregated"] is True
    assert {n["id"]: n["value"] for n in view["nodes"]} == {
        "kind:organization": 7,
        "kind:agreement": 2,
        "kind:body": 3,
    }
    edges = {(e["from"], e["to"]): e for e in view["edges"]}
    assert edges["kind:organization", "kind:agreement"]["title"] == "part i: 5"
    assert edges["kind:organization", "kind:body"]["label"] == "6"  # 2 seats, 1 chair, 3 memberships
    by_community = partnership(tiny, limits=Limits(layout=2, summary=3))
    assert sorted(n["value"] for n in by_community["nodes"]) == [3, 3]
    assert [e["value"] for e in by_community["edges"]] == [1]  # C–D, the one link between them


def test_node_details_tell_the_facts_with_their_documents(tiny: nx.MultiDiGraph) -> None:
    details = node_details(tiny, A, "sv")
    assert (details["label"], details["kind_label"], details["abbreviations"]) == (
        "Alfa kommun",
        "organisation",
        ["AO"],
    )
    assert [a["label"] for a in details["areas"]] == ["Hälsa", "Klimat"]
    texts = {f["text"]: f["sources"] for f in details["facts"]}
    assert texts["Alfa kommun är part i Avtal Ett"] == [{"iri": DOC, "label": "Fixturdokumentet"}]
    assert "Fixturdokumentet nämner Alfa kommun" in texts
    assert "Kommunfullmäktige i Alfa är ett organ i Alfa kommun" in texts
    assert node_details(tiny, X1, "en")["sources"] == [{"iri": DOC, "label": "The fixture document"}]
    json.dumps(details)


def test_filter_options_list_kinds_relations_areas_and_years(tiny: nx.MultiDiGraph) -> None:
    options = filter_options(tiny, "en")
    kinds = {k["key"]: k for k in options["kinds"]}
    assert kinds["organization"]["count"] == 7 and kinds["document"]["default"] is False
    assert {a["label"]: a["broader"] for a in options["areas"]} == {
        "Climate": [],
        "Equal care": [HALSA],
        "Health": [],
    }
    assert options["years"] == [2018, 2022]
    assert {r["key"]: r["count"] for r in options["relations"]}["party"] == 5


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: Filters.parse(kinds=["organisations"]), "Unknown kind 'organisations'"),
        (lambda g: Filters.parse(relations=["friend"]), "Unknown relation 'friend'"),
        (lambda g: Filters.parse(year_from="20x7"), "year_from must be a year"),
        (lambda g: Filters.parse(year_from=2020, year_to=2017), "is empty"),
        (lambda g: whole(g, lang="de"), "Unknown language 'de'"),
        (lambda g: whole(g, size="pagerank"), "Unknown size measure 'pagerank'"),
        (lambda g: whole(g, Filters.parse(area=A)), "is not a collaboration area"),
        (lambda g: neighbourhood(g, A, 4), "depth must be 1, 2 or 3"),
        (lambda g: neighbourhood(g, A, "two"), "depth must be 1, 2 or 3"),
        (lambda g: partnership(g, size="pagerank", limits=Limits(summary=1)), "Unknown size measure"),
    ],
)
def test_bad_input_is_told_clearly(tiny: nx.MultiDiGraph, call, message: str) -> None:
    with pytest.raises(ExploreError, match=re.escape(message)):
        call(tiny)


def test_an_unknown_node_is_a_404(tiny: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownNode) as raised:
        neighbourhood(tiny, iri("org/nobody"))
    assert raised.value.http_status == 404


# --- The real data -------------------------------------------------------------------

ORG = "https://w3id.org/samverkan/id/org/"
HUDDINGE, KI = ORG + "huddinge-kommun", ORG + "karolinska-institutet"
KI_AGREEMENT = "https://w3id.org/samverkan/id/agreement/huddinge-karolinska-institutet-samverkansavtal"
SODERTORN = [
    ORG + m for m in ("botkyrka", "haninge", "nykvarns", "nynashamns", "salems", "sodertalje", "tyreso")
]


def test_real_partnership_links_huddinge_with_ki_and_the_other_municipalities(real: nx.MultiDiGraph) -> None:
    edges = {frozenset((e["from"], e["to"])): e for e in partnership(real)["edges"]}
    via_ki = {link["via"].rsplit("/", 1)[1] for link in edges[frozenset((HUDDINGE, KI))]["links"]}
    assert {
        "huddinge-karolinska-institutet-samverkansavtal",
        "huddinge-karolinska-institutet-styrgrupp",
        "huddinge-karolinska-institutet-strategisk-arbetsgrupp",
    } <= via_ki
    for municipality in SODERTORN:
        via = {
            link["via"].rsplit("/", 1)[1]
            for link in edges[frozenset((HUDDINGE, municipality + "-kommun"))]["links"]
        }
        assert {"sodertornskommunernas-samarbetskommitte", "sodertorns-ledningsgrupp"} <= via, municipality


def test_real_neighbourhood_of_ki_holds_its_agreement(real: nx.MultiDiGraph) -> None:
    assert KI_AGREEMENT in ids(neighbourhood(real, KI, 1))


def test_real_year_2017_keeps_its_meetings_and_drops_later_decisions(real: nx.MultiDiGraph) -> None:
    view = whole(real, Filters.parse(year_from=2017, year_to=2017))
    shown = ids(view)
    decisions = "https://w3id.org/samverkan/id/decision/"
    assert not {decisions + "huddinge-kf-2021-10-04-p13", decisions + "huddinge-ksau-2022-06-08-p6"} & shown
    meetings = "https://w3id.org/samverkan/id/meeting/"
    assert {
        meetings + "sodertornskommunernas-samarbetskommitte-2017-02-02",
        meetings + "sodertorns-radslag-2017",
    } <= shown
    assert meetings + "sodertornskommunernas-samarbetskommitte-2018-01" not in shown
    assert all(n["years"] is None or n["years"][0] <= 2017 for n in view["nodes"])


def test_real_area_filter_keeps_the_ki_agreement(real: nx.MultiDiGraph) -> None:
    shown = ids(whole(real, Filters.parse(area="https://w3id.org/samverkan/id/area/jamlik-halsa")))
    assert {KI_AGREEMENT, HUDDINGE, KI} <= shown
    assert (
        "https://w3id.org/samverkan/id/agreement/huddinge-sodertorns-hogskola-strategiskt-partnerskap"
        not in shown
    )


def test_real_views_are_plain_json(real: nx.MultiDiGraph) -> None:
    for view in (
        whole(real, size="betweenness"),
        partnership(real, lang="en"),
        neighbourhood(real, HUDDINGE, 2),
    ):
        assert json.loads(json.dumps(view))["nodes"]
    json.dumps(filter_options(real))
    json.dumps(node_details(real, HUDDINGE, "en"))
