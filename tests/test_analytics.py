"""Partnership measures, communities, gaps and chains of facts, against values worked out by hand.

The fixture's partnership network (drawn in tests/fixtures/network/document.ttl)
is two triangles joined by one bridge, plus F, who has no partner:

    A ==3== B
     \\     /
      C --- D
           / \\
          E - G      (every unmarked edge has weight 1)
"""

from __future__ import annotations

import re

import networkx as nx
import pytest
from network_fixtures import PARTNERSHIP_WEIGHTS, A, B, C, D, E, F, G, iri, tiny_network

from graph.analytics import (
    betweenness,
    communities,
    connections,
    gaps,
    organization_measures,
    partnership_graph,
)
from graph.network import ExploreError, UnknownNode, read_network
from graph.store import Store

X1, X2, K, S, R, KF, D1 = (
    iri(p)
    for p in ("agreement/x1", "agreement/x2", "collaboration/k", "body/s", "body/r", "body/kf", "decision/d1")
)
DOC = iri("document/tiny")
HALSA, KLIMAT = iri("area/halsa"), iri("area/klimat")


@pytest.fixture(scope="module")
def tiny() -> nx.MultiDiGraph:
    return tiny_network()


@pytest.fixture(scope="module")
def partners(tiny: nx.MultiDiGraph) -> nx.Graph:
    return partnership_graph(tiny)


def test_partnership_links_count_shared_agreements_bodies_and_collaborations(partners: nx.Graph) -> None:
    assert set(partners) == {A, B, C, D, E, F, G}
    assert {frozenset((a, b)): w for a, b, w in partners.edges(data="weight")} == PARTNERSHIP_WEIGHTS
    assert [(link["via"], link["kind"]) for link in partners[A][B]["links"]] == [
        (X1, "agreement"),
        (S, "body"),
        (K, "collaboration"),
    ]
    assert [link["via"] for link in partners[D][E]["links"]] == [R]  # org:hasMember of a forum


def test_measures_per_organization(tiny: nx.MultiDiGraph, partners: nx.Graph) -> None:
    rows = {row["iri"]: row for row in organization_measures(tiny, partners)}
    # Betweenness, unweighted: every shortest chain between {A, B} and {D, E, G}
    # passes C, and every one between {A, B, C} and {E, G} passes D: 2·3 = 3·2 = 6
    # pairs each. Normalised for 7 organizations by (7-1)(7-2)/2 = 15: 6/15 = 0.4.
    assert {o: round(r["betweenness"], 9) for o, r in rows.items()} == {
        A: 0,
        B: 0,
        C: 0.4,
        D: 0.4,
        E: 0,
        F: 0,
        G: 0,
    }
    assert {o: (r["partners"], r["links"]) for o, r in rows.items()} == {
        A: (2, 4),
        B: (2, 4),
        C: (3, 3),
        D: (3, 3),
        E: (2, 2),
        F: (0, 0),
        G: (2, 2),
    }
    assert {k: rows[A][k] for k in ("agreements", "bodies", "collaborations", "areas")} == {
        "agreements": 1,
        "bodies": 1,
        "collaborations": 1,
        "areas": 2,
    }
    assert {k: rows[D][k] for k in ("agreements", "bodies", "collaborations", "areas")} == {
        "agreements": 1,
        "bodies": 1,
        "collaborations": 0,
        "areas": 1,
    }
    assert [row["iri"] for row in organization_measures(tiny)][:2] == [C, D]  # brokers first


def test_sampled_betweenness_matches_exact_when_every_source_is_sampled(partners: nx.Graph) -> None:
    exact = betweenness(partners)
    sampled = betweenness(partners, exact_limit=2, samples=partners.number_of_nodes())
    assert sampled == pytest.approx(exact)


def test_louvain_finds_the_two_triangles(partners: nx.Graph) -> None:
    assert communities(partners) == [sorted([A, B, C]), sorted([D, E, G])]
    assert communities(nx.Graph([(1, 2)]).subgraph([1])) == []


def test_gaps_are_organizations_without_a_link_to_the_area(tiny: nx.MultiDiGraph) -> None:
    # Hälsa reaches A, B, C through agreement X1, and D through X2 (Jämlik vård, below Hälsa).
    assert gaps(tiny, HALSA) == [E, G]  # sorted by label: Epsilon förening, Gamma Ltd
    assert gaps(tiny, HALSA, only_partners=False) == [E, F, G]
    assert gaps(tiny, KLIMAT) == [C, D, E, G]
    with pytest.raises(ExploreError, match="is not a collaboration area"):
        gaps(tiny, A)


def test_chains_between_two_organizations_in_order(tiny: nx.MultiDiGraph) -> None:
    # A and B share X1, K and S: three chains of two steps, ordered by the Swedish
    # labels along them (Avtal Ett < Samverkan K < Styrgrupp S).
    found = connections(tiny, A, B, max_paths=2)
    assert found["steps"] == 2
    assert [[n["iri"] for n in path["nodes"]] for path in found["paths"]] == [[A, X1, B], [A, K, B]]
    first = found["paths"][0]["steps"]
    assert [f["text"] for step in first for f in step["facts"]] == [
        {"sv": "Alfa kommun är part i Avtal Ett", "en": "Alfa Municipality is a party to Agreement One"},
        {"sv": "Bäckby högskola är part i Avtal Ett", "en": "Backby University is a party to Agreement One"},
    ]
    assert first[0]["facts"][0]["sources"] == [
        {"iri": DOC, "labels": {"sv": "Fixturdokumentet", "en": "The fixture document"}}
    ]


def test_a_chain_may_follow_facts_backwards(tiny: nx.MultiDiGraph) -> None:
    # A -> D: through the council of A, whose decision D1 is sent to D (3 steps),
    # shorter than A -> X1 -> C -> X2 -> D (4 steps).
    found = connections(tiny, A, D)
    assert found["steps"] == 3 and len(found["paths"]) == 1
    steps = found["paths"][0]["steps"]
    assert [(s["from"], s["to"]) for s in steps] == [(A, KF), (KF, D1), (D1, D)]
    assert [step["facts"][0]["text"]["sv"] for step in steps] == [
        "Kommunfullmäktige i Alfa är ett organ i Alfa kommun",
        "Beslut D1 fattades av Kommunfullmäktige i Alfa",
        "Beslut D1 skickas till Delta regionråd",
    ]
    assert (steps[0]["facts"][0]["from"], steps[0]["facts"][0]["to"]) == (KF, A)


def test_a_shared_source_document_is_no_chain(tiny: nx.MultiDiGraph) -> None:
    # The document mentions both A and F, and nothing else links F.
    assert connections(tiny, A, F) == {"from": A, "to": F, "steps": None, "paths": []}
    assert connections(tiny, A, E, max_steps=4)["paths"] == []  # E is 5 steps away
    assert connections(tiny, A, E)["steps"] == 5


def test_connections_refuse_bad_input(tiny: nx.MultiDiGraph) -> None:
    with pytest.raises(ExploreError, match="two different"):
        connections(tiny, A, A)
    with pytest.raises(ExploreError, match=re.escape("max_paths must be between 1 and 50")):
        connections(tiny, A, B, max_paths=0)
    with pytest.raises(UnknownNode):
        connections(tiny, A, iri("org/nobody"))


# --- The real data -------------------------------------------------------------------

ORG = "https://w3id.org/samverkan/id/org/"


def test_real_huddinge_to_kth_is_explained_in_words_with_a_source(store: Store) -> None:
    network = read_network(store)
    found = connections(network, ORG + "huddinge-kommun", ORG + "kth")
    assert found["paths"], "Huddinge kommun and KTH should be connected"
    path = found["paths"][0]
    assert path["nodes"][0]["iri"] == ORG + "huddinge-kommun" and path["nodes"][-1]["iri"] == ORG + "kth"
    assert len(path["steps"]) == found["steps"]
    for step in path["steps"]:
        assert step["facts"]
        for fact in step["facts"]:
            for lang in ("sv", "en"):
                names = {network.nodes[n]["labels"][lang] for n in (fact["from"], fact["to"])}
                assert all(name in fact["text"][lang] for name in names)
            assert fact["sources"] and all(
                s["iri"].startswith("https://w3id.org/samverkan/id/document/") for s in fact["sources"]
            )
    assert path["steps"][0]["facts"][0]["text"]["sv"].startswith("Huddinge kommun ")


def test_real_measures_name_the_brokers(store: Store) -> None:
    network = read_network(store)
    rows = {row["iri"]: row for row in organization_measures(network)}
    huddinge = rows[ORG + "huddinge-kommun"]
    assert huddinge["partners"] >= 9 and huddinge["agreements"] >= 2 and huddinge["bodies"] >= 4
    assert rows[ORG + "karolinska-institutet"]["agreements"] >= 1
    assert max(rows.values(), key=lambda r: r["betweenness"])["betweenness"] > 0
    jamlik = "https://w3id.org/samverkan/id/area/jamlik-halsa"
    missing = gaps(network, jamlik)
    assert ORG + "botkyrka-kommun" in missing and ORG + "huddinge-kommun" not in missing
