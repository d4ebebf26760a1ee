"""Minute extracts: every field read from our own fixtures, and the draft the command writes for them.

The fixtures in tests/fixtures/ingest/ are written for these tests in the
layout of the seed documents, with variations and noise: columns in the
header, a Markdown export with Windows line ends, page breaks with running
heads and footers, hyphenation, odd spaces, a Windows-1252 file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, XSD

from graph.ingest import minutes
from graph.ingest.command import ingest
from graph.ingest.drafting import OA
from graph.ingest.facts import Minute
from graph.ingest.reading import read
from graph.ingest.text import Span, Text
from graph.namespaces import SV
from graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
ID = "https://w3id.org/samverkan/id/"


def parsed(name: str) -> tuple[Minute, str]:
    document = read(FIXTURES / name)
    return minutes.parse(Text(document.text)), document.text


def quoted(span: Span, original: str) -> str:
    """The words a span points at, checked against the document: what the provenance promises."""
    assert original[span.start : span.end] == span.quote
    return span.quote


def node(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{slug}")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The command run once over every minute fixture, drafts in a temporary directory."""
    out = tmp_path_factory.mktemp("drafts")
    files = sorted(str(p) for p in FIXTURES.glob("minute-*.txt"))
    settings = Settings.load({"root": str(REPO)}, environ={})
    result = CliRunner().invoke(ingest, [*files, "--out", str(out), "--seeds", str(out / "no-seeds")], obj=settings)
    assert result.exit_code == 0, result.output
    return out


def draft(out: Path, slug: str) -> Graph:
    return Graph().parse(out / f"{slug}.ttl", format="turtle")


# --- The parser, field by field ------------------------------------------------------------


def test_tyreso_board_with_columns_points_and_a_page_break() -> None:
    minute, original = parsed("minute-tyreso-socialnamnden.txt")
    assert minute.body and minute.body.value == "Socialnämnden"
    assert minute.municipality and minute.municipality.value == "Tyresö kommun"
    assert minute.day and minute.day.value == date(2023, 3, 15)
    assert minute.paragraph and minute.paragraph.value == 27 and quoted(minute.paragraph.span, original) == "§ 27"
    assert minute.diary_number and quoted(minute.diary_number.span, original) == "SN-2023/0457"
    assert minute.title and minute.title.value == "Samverkan med Södertörns högskola om praktik i socialtjänsten"
    assert quoted(minute.title.span, original).endswith("social-\ntjänsten")  # the span keeps the hyphenation
    assert [p.number for p in minute.points] == [1, 2]
    assert minute.points[1].text.value.endswith("redovisa hur modellen har tagits emot av studenter och handledare.")
    assert [(s.name.value, s.party.value if s.party else None) for s in minute.speakers] == [
        ("Anna Berg", "S"),
        ("Lars Holm", "SD"),
        ("Maria Ek", "V"),
    ]
    motions = {s.name.value: s.motion.value if s.motion else None for s in minute.speakers}
    assert motions == {
        "Anna Berg": "bifall till förvaltningens förslag",
        "Lars Holm": "avslag på förslaget",
        "Maria Ek": None,
    }
    assert [r.value for r in minute.recipients] == ["Södertörns högskola", "Kommunstyrelsen"]
    assert any("Akten" in d.sv for d in minute.doubts)  # a file, not an organization
    assert minute.on_proposal_of and minute.on_proposal_of.value == "Förvaltningen"
    assert "Justerandes" not in (minute.decision_text.value if minute.decision_text else "")


def test_botkyrka_council_in_markdown_with_windows_line_ends() -> None:
    minute, original = parsed("minute-botkyrka-kommunfullmaktige.txt")
    assert minute.body and minute.body.value == "Kommunfullmäktige"
    assert minute.municipality and minute.municipality.value == "Botkyrka kommun"
    assert minute.day and minute.day.value == date(2022, 12, 12) and quoted(minute.day.span, original) == "12 dec. 2022"
    assert minute.paragraph and minute.paragraph.value == 145
    assert minute.diary_number and minute.diary_number.value == "KS-2022/1031.109"
    title = "Avsiktsförklaring om samverkan mellan Botkyrka kommun och Södertörns högskola"
    assert minute.title and minute.title.value == title
    assert minute.decision_heading and minute.decision_heading.value == "Kommunfullmäktiges beslut"
    assert minute.decision_text and minute.decision_text.value.endswith("daterat den 3 november 2022, godkänns.")
    assert minute.on_proposal_of and minute.on_proposal_of.value == "Kommunstyrelsen"
    [proposal] = minute.proposals
    assert (proposal.by.value, proposal.to.value, proposal.text.value) == (
        "Kommunstyrelsens förvaltning",
        "Kommunstyrelsen",
        "att ställa sig bakom avtalet.",
    )
    assert [(s.name.value, s.party.value if s.party else None) for s in minute.speakers] == [
        ("Ebba Östlin", "S"),
        ("Gabriel Kroon", "M"),
        ("Anne-Marie Lind", "MP"),
    ]
    assert minute.speakers[1].motion and minute.speakers[1].motion.value == "bifall till kommunstyrelsens förslag"
    recipients = ["Södertörns högskola", "Kommunstyrelsen", "Samtliga nämnder och bolag"]
    assert [r.value for r in minute.recipients] == recipients
    [report] = minute.reports
    assert (report.by.value, report.day.value) == ("Kommunstyrelsens förvaltning", date(2022, 11, 3))
    agreement = "Avtal om samverkan mellan Botkyrka kommun och Södertörns högskola"
    assert [a.title.value for a in minute.agreements] == [agreement]


def test_haninge_committee_proposing_a_decision_in_points() -> None:
    minute, original = parsed("minute-haninge-ksau.txt")
    assert minute.body and minute.body.value == "Kommunstyrelsens arbetsutskott"
    assert minute.municipality and minute.municipality.value == "Haninge kommun"
    assert minute.day and minute.day.value == date(2024, 2, 7)
    assert minute.diary_number and minute.diary_number.value == "KS-2024/88"
    assert minute.title and minute.title.value == "Samverkan med KTH om gymnasieområdet"  # beside the §
    assert minute.decision_heading and minute.decision_heading.value == "Arbetsutskottets beslut"
    assert minute.proposes_to and minute.proposes_to.value == "kommunstyrelsen"
    first, second, summary = minute.proposals
    assert (first.by.value, first.to.value, first.item) == ("Kommunstyrelsens arbetsutskott", "Kommunstyrelsen", 1)
    assert second.item == 2
    assert second.condition and second.condition.value == "budgetmedel finns"
    assert second.mandated_post and quoted(second.mandated_post.span, original) == "utbildningsdirektören"
    assert (summary.by.value, summary.to.value) == ("Utbildningsförvaltningen", "Kommunstyrelsen")
    assert [r.value for r in minute.recipients] == ["Utbildningsförvaltningen", "Kungliga Tekniska högskolan"]
    assert minute.speakers == []


def test_nynashamn_board_with_a_paragraph_across_a_page_break() -> None:
    minute, original = parsed("minute-nynashamn-bun.txt")
    assert minute.body and minute.body.value == "Barn- och utbildningsnämnden"
    assert minute.municipality and minute.municipality.value == "Nynäshamns kommun"
    assert minute.day and minute.day.value == date(2021, 11, 23)
    assert minute.diary_number and minute.diary_number.value == "BUN-2021/0312"
    assert minute.title and minute.title.value == (
        "Avtal om verksamhetsförlagd utbildning mellan Nynäshamns kommun och Södertörns högskola"
    )
    names = [(s.name.value, s.party.value if s.party else None) for s in minute.speakers]
    # "Ordföranden" is a title, not part of a name
    assert names == [("Karin Wallin", "KD"), ("Per-Olof Strand", "C"), ("Eva af Klint", "NP")]
    motion = minute.speakers[1].motion
    assert motion and motion.value == "att nämnden ska bifalla förvaltningens förslag"
    assert "Sida 1 (2)" in quoted(motion.span, original)  # the words run over the page break
    recipients = ["Södertörns högskola", "Kultur- och fritidsnämnden", "Region Stockholm"]
    assert [r.value for r in minute.recipients] == recipients


def test_salem_board_in_windows_1252_with_an_unusual_diary_number() -> None:
    minute, _ = parsed("minute-salem-ks.txt")
    assert minute.body and minute.body.value == "Kommunstyrelsen"
    assert minute.municipality and minute.municipality.value == "Salems kommun"
    assert minute.diary_number and minute.diary_number.value == "KS 2020/77"
    assert minute.title and minute.title.value == "Yttrande över regional cykelplan"
    doubts = " ".join(d.en for d in minute.doubts)
    assert "KS 2020/77" in doubts and "No recipients" in doubts


def test_text_without_a_minute_header_is_refused_by_the_parser() -> None:
    with pytest.raises(minutes.NoStructure):
        minutes.parse(Text("Ett beslut utan paragraf eller datum.\n"))


# --- The drafts the command writes -------------------------------------------------------------


def test_tyreso_decision_is_drafted_as_the_curated_data_models_one(drafted: Path) -> None:
    g = draft(drafted, "tyreso-sn-2023-03-15-p27")
    decision = node("decision", "tyreso-sn-2023-03-15-p27")
    body = node("body", "tyreso-socialnamnden")
    assert (decision, RDF.type, SV.MinutedDecision) in g
    assert g.value(decision, SV.paragraph) == Literal("§ 27")
    assert g.value(decision, SV.diaryNumber) == Literal("SN-2023/0457")
    assert g.value(decision, DCTERMS.date) == Literal("2023-03-15", datatype=XSD.date)
    assert g.value(decision, SV.decidedBy) == body
    assert g.value(body, ORG.unitOf) == node("org", "tyreso-kommun")  # a new body, in the known municipality
    recipients = {node("org", "sodertorns-hogskola"), node("body", "tyreso-kommunstyrelsen")}
    assert set(g.objects(decision, SV.sentTo)) == recipients
    meeting = g.value(decision, SV.atMeeting)
    assert meeting == node("meeting", "tyreso-socialnamnden-2023-03-15") and g.value(meeting, SV.meetingOf) == body
    speakers = {g.value(i, SV.speaker): g.value(i, SV.speakerParty) for i in g.objects(decision, SV.hasIntervention)}
    assert speakers == {
        node("person", "anna-berg"): node("org", "socialdemokraterna"),
        node("person", "lars-holm"): node("org", "sverigedemokraterna"),
        node("person", "maria-ek"): node("org", "vansterpartiet"),
    }
    assert g.value(node("person", "anna-berg"), FOAF.name) == Literal("Anna Berg")
    document = node("document", "tyreso-sn-2023-03-15-p27")
    assert g.value(document, SV.seedFile) is not None and (decision, PROV.wasDerivedFrom, document) in g


def test_known_names_are_matched_and_never_duplicated(drafted: Path) -> None:
    g = draft(drafted, "botkyrka-kf-2022-12-12-p145")
    decision = node("decision", "botkyrka-kf-2022-12-12-p145")
    assert set(g.objects(decision, SV.sentTo)) == {
        node("org", "sodertorns-hogskola"),  # matched by label
        node("body", "botkyrka-kommunstyrelsen"),  # new: Botkyrka's board is not in the graph
        node("org", "botkyrka-kommun-samtliga-namnder-och-bolag"),
    }
    assert (node("org", "sodertorns-hogskola"), RDF.type, None) not in g  # a matched resource is not redeclared
    moderates = [g.value(i, SV.speakerParty) for i in g.objects(decision, SV.hasIntervention)]
    assert node("org", "moderaterna") in moderates  # "(M)" matched by abbreviation
    agreement = node("agreement", "botkyrka-sodertorns-hogskola-samverkan")
    assert g.value(decision, SV.approves) == agreement
    assert set(g.objects(agreement, SV.party)) == {node("org", "botkyrka-kommun"), node("org", "sodertorns-hogskola")}
    assert g.value(decision, SV.onProposalOf) == node("body", "botkyrka-kommunstyrelsen")
    report = node("document", "botkyrka-ksf-tjansteutlatande-2022-11-03")
    assert g.value(decision, SV.basedOn) == report and g.value(report, DCTERMS.hasPart) == agreement


def test_proposals_between_bodies_with_points_condition_and_mandate(drafted: Path) -> None:
    g = draft(drafted, "haninge-ksau-2024-02-07-p9")
    decision = node("decision", "haninge-ksau-2024-02-07-p9")
    committee, board = node("body", "haninge-kommunstyrelsens-arbetsutskott"), node("body", "haninge-kommunstyrelsen")
    assert g.value(decision, SV.proposesTo) == board
    second = node("proposal", "haninge-ksau-2024-02-07-p9-punkt-2")
    assert (decision, SV.hasProposal, second) in g
    assert (g.value(second, SV.proposedBy), g.value(second, SV.proposedTo)) == (committee, board)
    assert g.value(second, SV.itemNumber) == Literal(2)
    assert g.value(second, SV.condition) == Literal("budgetmedel finns", lang="sv")
    post = g.value(second, SV.mandatesPost)
    assert post == node("post", "haninge-kommun-utbildningsdirektor")
    assert g.value(post, ORG.postIn) == node("org", "haninge-kommun")
    assert g.value(second, SV.concerns) == node("agreement", "haninge-kth-samverkan")
    assert (decision, SV.sentTo, node("org", "kth")) in g  # "(KTH)" after the name is no part of it


def test_every_fact_points_at_the_words_it_came_from(drafted: Path) -> None:
    original = read(FIXTURES / "minute-nynashamn-bun.txt").text
    g = draft(drafted, "nynashamn-bun-2021-11-23-p88")
    decision = node("decision", "nynashamn-bun-2021-11-23-p88")
    by_property = {}
    for derivation in g.objects(decision, PROV.qualifiedDerivation):
        excerpt = g.value(derivation, PROV.entity)
        for prop in g.objects(derivation, DCTERMS.subject):
            by_property[prop] = excerpt
    excerpt = by_property[SV.diaryNumber]
    assert g.value(excerpt, OA.hasSource) == node("document", "nynashamn-bun-2021-11-23-p88")
    selectors = {g.value(s, RDF.type): s for s in g.objects(excerpt, OA.hasSelector)}
    start = int(g.value(selectors[OA.TextPositionSelector], OA.start))
    end = int(g.value(selectors[OA.TextPositionSelector], OA.end))
    assert original[start:end] == str(g.value(selectors[OA.TextQuoteSelector], OA.exact)) == "BUN-2021/0312"
    assert str(g.value(selectors[OA.FragmentSelector], RDF.value)) == "line=4,5"  # RFC 5147: the fifth line
    assert {SV.paragraph, DCTERMS.date, SV.decidedBy, SV.decisionText, SV.sentTo} <= set(by_property)
    for excerpt in g.subjects(RDF.type, OA.SpecificResource):  # and so for every excerpt in the draft
        [position] = [s for s in g.objects(excerpt, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in g]
        [quote] = [s for s in g.objects(excerpt, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in g]
        start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
        assert original[start:end] == str(g.value(quote, OA.exact))


def test_the_report_lists_found_matched_new_and_unsure(drafted: Path) -> None:
    report = (drafted / "nynashamn-bun-2021-11-23-p88.report.md").read_text(encoding="utf-8")
    for heading in ("## Funnet / Found", "## Matchat mot grafen / Matched to the graph", "## Nytt / New",
                    "## Osäkert / Unsure", "## Validering / Validation", "## Nästa steg / Next steps"):  # fmt: skip
        assert heading in report
    assert "Nothing here is part of the published graph" in report and "samverkan build" in report
    assert "| Diarienummer / Diary number | BUN-2021/0312 | 5 |" in report
    assert "| Nynäshamns kommun | `orgs:nynashamns-kommun` | sv:Municipality | rdfs:label | 1 |" in report
    assert '"(NP)" matched nothing in the graph and was left out' in report
    assert 'The recipient "Diariet" is a file' in report
    assert "| `orgs:region-stockholm` | org:Organization | Region Stockholm | 31 | " in report
    assert "give a closer class than org:Organization" in report
    assert "The draft validates against the shapes" in report


def test_a_draft_that_breaks_a_shape_says_so_in_its_report(drafted: Path) -> None:
    report = (drafted / "salem-ks-2020-05-18-p61.report.md").read_text(encoding="utf-8")
    assert "The draft breaks the shapes in 1 place(s)" in report
    assert "sv:diaryNumber" in report and 'The diary number "KS 2020/77" is not in the usual form' in report
