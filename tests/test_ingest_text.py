"""The ingest's reading of text: cleaning that keeps positions, Swedish dates, numbers and names."""

from __future__ import annotations

from datetime import date

import pytest

from graph.ingest.swedish import (
    DATE,
    body_abbreviation,
    body_base,
    luhn_check_digit,
    luhn_valid,
    normalise,
    parse_date,
    post_word,
    slug,
)
from graph.ingest.text import Text


def test_a_span_points_at_the_original_characters_and_lines() -> None:
    original = "Rubrik\r\n\r\nDiarienummer\u00a0KS-2021/1682.103\r\n"
    text = Text(original)
    at = text.value.index("KS-2021")
    span = text.span(at, at + len("KS-2021/1682.103"))
    assert original[span.start : span.end] == span.quote == "KS-2021/1682.103"
    assert (span.first_line, span.last_line) == (3, 3)


def test_hyphenation_is_joined_but_the_span_keeps_the_broken_word() -> None:
    original = "kommunstyrelsens förvalt-\nnings tjänsteutlåtande"
    text = Text(original)
    assert "förvaltnings tjänsteutlåtande" in text.value
    at = text.value.index("förvaltnings")
    span = text.span(at, at + len("förvaltnings"))
    assert span.quote == "förvalt-\nnings"
    assert span.lines == "1–2"


def test_a_shared_ending_dash_is_not_hyphenation() -> None:
    assert "kultur- och fritidsdirektör" in Text("kultur-\noch fritidsdirektör").value.replace("\n", " ")


def test_page_numbers_footers_and_repeated_running_heads_are_removed() -> None:
    original = (
        "TYRESÖ KOMMUN   PROTOKOLL\nSocialnämnden\n\nText som fortsätter på nästa\n"
        "Justerandes signatur   Utdragsbestyrkande\nSida 1 av 2\n\fTYRESÖ KOMMUN   PROTOKOLL\n\nsida utan avbrott.\n"
    )
    text = Text(original)
    assert text.value.count("TYRESÖ KOMMUN") == 1  # the first stays: it names the municipality
    assert "Sida 1" not in text.value and "Justerandes" not in text.value
    assert "Text som fortsätter på nästa\nsida utan avbrott." in text.value


def test_markdown_emphasis_and_rules_from_a_converter_are_removed() -> None:
    text = Text("---\n## **Titel på ärendet**\n### ***Kommunfullmäktiges beslut***\n")
    assert [line.text for line in text.lines if line.text] == ["Titel på ärendet", "Kommunfullmäktiges beslut"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("4 oktober 2021", date(2021, 10, 4)),
        ("2021-10-04", date(2021, 10, 4)),
        ("12 dec. 2022", date(2022, 12, 12)),
        ("1 januari\n2024", date(2024, 1, 1)),
    ],
)
def test_swedish_dates(written: str, expected: date) -> None:
    match = DATE.search(written)
    assert match is not None and parse_date(match) == expected


def test_an_impossible_date_is_no_date() -> None:
    match = DATE.search("2021-02-30")
    assert match is not None and parse_date(match) is None


def test_organization_numbers_are_checked_by_their_luhn_digit() -> None:
    assert luhn_valid("212000-0068") and luhn_valid("202100-2973")
    assert not luhn_valid("212000-0067")
    assert luhn_check_digit("212000006") == 8


def test_names_compare_without_case_dashes_or_spacing() -> None:
    assert normalise("Kungliga  Tekniska Högskolan.") == normalise("kungliga tekniska högskolan")
    assert normalise("212000–0068") == "212000-0068"
    assert normalise("Södertörn") != normalise("Sodertorn")  # no folding of letters: exact names only


def test_slugs_abbreviations_and_base_forms() -> None:
    assert slug("Kultur- och fritidsnämnden") == "kultur-och-fritidsnamnden"
    assert slug("北京").startswith("x-") and slug("北京") == slug("北京")  # no letters to keep: a stable digest
    assert body_abbreviation("Kommunfullmäktige") == "kf"
    assert body_abbreviation("Kommunstyrelsens arbetsutskott") == "ksau"
    assert body_abbreviation("Kommunstyrelsens förvaltning") == "ksf"
    assert body_abbreviation("Barn- och utbildningsnämnden") == "bun"
    assert body_base("kommunstyrelsens förvaltnings") == "Kommunstyrelsens förvaltning"
    assert body_base("Kommunfullmäktiges") == "Kommunfullmäktige"
    assert post_word("kommundirektören") == "kommundirektör"
    assert post_word("Avdelningschefer") == "avdelningschef"
    assert post_word("Representanter") is None
