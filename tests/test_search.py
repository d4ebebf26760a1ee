"""Name search: case and accents ignored, whole names and abbreviations first, then organizations."""

from __future__ import annotations

import pytest
from network_fixtures import iri, tiny_network

from graph.network import ExploreError, read_network
from graph.search import SearchIndex, normalize
from graph.store import Store

A, B, G = iri("org/a"), iri("org/b"), iri("org/g")
KF, PA, R = iri("body/kf"), iri("post/pa"), iri("body/r")


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(tiny_network())


def found(index: SearchIndex, query: str, **options) -> list[str]:
    return [hit["iri"] for hit in index.suggest(query, **options)]


def test_normalize_drops_case_accents_and_extra_space() -> None:
    assert normalize("  Södertörns   HÖGSKOLA ") == "sodertorns hogskola"
    assert normalize("Nynäshamn – Å") == "nynashamn – a"


def test_an_abbreviation_is_a_whole_match(index: SearchIndex) -> None:
    hits = index.suggest("ao")
    assert hits[0] == {
        "iri": A,
        "kind": "organization",
        "kind_label": "organisation",
        "label": "Alfa kommun",
        "matched": "AO",
        "rank": 0,
    }


def test_accents_and_case_do_not_matter(index: SearchIndex) -> None:
    assert found(index, "backby") == [B]
    assert found(index, "BÄCKBY HÖG") == [B]


def test_whole_names_then_starts_then_word_starts_then_organizations_first(index: SearchIndex) -> None:
    # "Alfa" is A's other name (rank 0); the council's English name starts with it,
    # "Alfa municipal council" (rank 1); "Direktör i Alfa kommun" has it at a word's start (rank 2).
    assert found(index, "alfa") == [A, KF, PA]
    assert [h["rank"] for h in index.suggest("alfa")] == [0, 1, 2]
    assert [h["rank"] for h in index.suggest("alfa", kinds={"body", "post"}, lang="en")] == [1, 2]
    assert found(index, "lfa") == [A, KF, PA]  # anywhere in a name (rank 3)
    assert found(index, "alfa", kinds={"body"}) == [KF]
    assert found(index, "alfa", limit=1) == [A]


def test_english_names_are_found_and_shown_in_the_asked_language(index: SearchIndex) -> None:
    hit = index.suggest("round table")[0]
    assert (hit["iri"], hit["label"], hit["matched"]) == (R, "Rådslag R", "Round table R")
    assert index.suggest("round table", lang="en")[0]["matched"] is None
    assert index.suggest("gamma")[0]["label"] == "Gamma Ltd"  # no Swedish label: the English one


def test_nothing_to_look_for_finds_nothing(index: SearchIndex) -> None:
    assert index.suggest("   ") == [] and index.suggest("zzz") == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"limit": 0}, "limit must be between"),
        ({"kinds": {"org"}}, "Unknown kind"),
        ({"lang": "fi"}, "Unknown language"),
    ],
)
def test_bad_options_are_told(index: SearchIndex, options: dict, message: str) -> None:
    with pytest.raises(ExploreError, match=message):
        index.suggest("alfa", **options)


# --- The real data -------------------------------------------------------------------

ORG = "https://w3id.org/samverkan/id/org/"


@pytest.fixture(scope="module")
def real_index(store: Store) -> SearchIndex:
    return SearchIndex(read_network(store))


def test_real_ki_finds_karolinska_institutet_first(real_index: SearchIndex) -> None:
    first = real_index.suggest("KI")[0]
    assert (first["iri"], first["label"], first["matched"]) == (
        ORG + "karolinska-institutet",
        "Karolinska Institutet",
        "KI",
    )
    assert found(real_index, "kth")[0] == ORG + "kth"


def test_real_sodert_finds_the_university_and_the_municipality(real_index: SearchIndex) -> None:
    hits = real_index.suggest("sodert")
    assert {ORG + "sodertorns-hogskola", ORG + "sodertalje-kommun"} == {h["iri"] for h in hits[:2]}
    assert all(h["kind"] == "organization" for h in hits[:2]) and len(hits) > 2
