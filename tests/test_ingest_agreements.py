"""Agreements: parties and their numbers, areas, forms, bodies and seats, term, signatures, field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF

from graph.ingest import agreements
from graph.ingest.command import ingest
from graph.ingest.facts import Agreement
from graph.ingest.reading import read
from graph.ingest.text import Text
from graph.namespaces import SV
from graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
ID = "https://w3id.org/samverkan/id/"


def node(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{slug}")


def parsed(name: str) -> Agreement:
    return agreements.parse(Text(read(FIXTURES / name).text))


def run(out: Path, *paths: Path) -> str:
    settings = Settings.load({"root": str(REPO)}, environ={})
    args = [*map(str, paths), "--out", str(out), "--seeds", str(out / "no-seeds")]
    result = CliRunner().invoke(ingest, args, obj=settings)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("drafts")
    run(out, *sorted(FIXTURES.glob("agreement-*.txt")))
    return out


def seats_of(g: Graph, body: URIRef) -> dict[str, URIRef]:
    """Seat slug (after the body's) -> the party it is for."""
    prefix = str(body).replace("/body/", "/seat/") + "-"
    return {str(s)[len(prefix) :]: g.value(s, SV.forParty) for s in g.subjects(SV.seatIn, body)}


# --- The parser ------------------------------------------------------------------------------


def test_tyreso_agreement_field_by_field() -> None:
    a = parsed("agreement-tyreso-sodertorns-hogskola.txt")
    assert a.title and a.title.value == "Avtal om samverkan mellan Tyresö kommun och Södertörns högskola"
    parties = [(p.name.value, p.number.value if p.number else None, p.number_valid, p.aliases[:1]) for p in a.parties]
    assert parties == [
        ("Tyresö kommun", "212000-0142", True, ("kommunen",)),
        ("Södertörns högskola", "202100-4896", True, ("högskolan",)),
    ]
    assert a.purpose and a.purpose.value.startswith("Avtalet ska ge kommunen och högskolan en gemensam ram")
    areas = ["Gymnasieområdet", "Life science/medicin", "Kompetensförsörjning i vård och omsorg"]
    assert [x.value for x in a.areas] == areas
    assert [x.value for x in a.forms] == ["Nätverk", "Arbetsgrupper", "Gemensamma seminarier"]
    steering, working = a.bodies
    assert (steering.name.value, steering.kind, steering.at_least) == ("Styrgrupp", "SteeringGroup", True)
    assert steering.meetings_per_year and steering.meetings_per_year.value == 2
    assert steering.decision_rule and steering.decision_rule.value == "Beslut fattas med enkel majoritet."
    assert [(s.posts, s.party, s.chair) for s in steering.seats] == [
        (("kommundirektör",), 0, True),
        (("utbildningsdirektör",), 0, False),
        (("rektor",), 1, False),
        (("samverkansansvarig",), 1, False),
    ]
    assert (working.kind, working.meetings_per_year.value if working.meetings_per_year else None) == ("WorkingGroup", 4)
    assert working.appointed_by_body and working.appointed_by_body.value == "styrgruppen"
    assert [(s.posts, s.appointed_by, s.party, s.party_how) for s in working.seats] == [
        (("gymnasiechef",), (), 0, "column"),
        (("prorektor",), (), 1, "column"),
        ((), ("utbildningsdirektör",), 0, "column"),
        (("samverkanskoordinator",), (), 1, "column"),
    ]
    assert a.dispute_referred_to and a.dispute_referred_to.value == "styrgruppen"
    assert a.valid_from and a.valid_from.value == date(2024, 1, 1)
    assert a.valid_until and a.valid_until.value == date(2026, 12, 31)
    assert a.open_ended is None
    assert a.termination and "sex månaders uppsägningstid" in a.termination.value and a.termination_in_writing
    assert a.amendment and a.amendment_in_writing
    assert a.copies and a.copies.value == 2
    assert [(s.party, s.person.value, s.title.value if s.title else None) for s in a.signatures] == [
        (0, "Anna Lindqvist", "kommundirektör"),
        (1, "Gunilla Ahlberg", "rektor"),
    ]


def test_haninge_agreement_with_a_wrong_check_digit_and_flattened_columns() -> None:
    a = parsed("agreement-haninge-kth.txt")
    assert a.title and a.title.value == "Avtal om samverkan mellan Haninge kommun och Kungliga Tekniska högskolan"
    haninge, kth = a.parties
    assert (haninge.name.value, haninge.number.value if haninge.number else None, haninge.number_valid) == (
        "Haninge kommun",
        "212000-0158",
        False,
    )
    assert haninge.number and haninge.number.span.quote == "212000–0158"  # quoted with the document's en dash
    assert (kth.name.value, kth.abbreviation.value if kth.abbreviation else None, kth.number_valid) == (
        "Kungliga Tekniska högskolan",
        "KTH",
        True,
    )
    assert any("212000-0158" in d.en and "Luhn gives 9" in d.en for d in a.doubts)
    assert [x.value for x in a.areas] == ["Infrastruktur", "Klimat", "AI"]
    [group] = a.bodies
    assert (group.kind, group.meetings_per_year.value if group.meetings_per_year else None) == ("LeadershipGroup", 1)
    assert [(s.posts, s.party) for s in group.seats] == [
        (("kommundirektör",), 0),
        (("samhällsbyggnadsdirektör",), 0),
        (("rektor",), 1),
    ]
    assert a.valid_from_condition and a.valid_from_condition.value == "Från och med att båda parter undertecknat"
    assert a.open_ended and a.open_ended.value is True
    assert a.termination and a.termination_in_writing is False
    assert a.signatures == []  # "Karin Svensson Lars Berglund": where one name ends is not knowable
    assert any("could not be split by party" in d.en for d in a.doubts)


def test_text_without_parties_is_refused_by_the_parser() -> None:
    with pytest.raises(agreements.NoStructure):
        agreements.parse(Text("Avtal om allt möjligt\n\nHär står inga parter.\n"))


# --- The drafts ----------------------------------------------------------------------------------


def test_tyreso_agreement_draft(drafted: Path) -> None:
    g = Graph().parse(drafted / "tyreso-sodertorns-hogskola-samverkan.ttl", format="turtle")
    agreement = node("agreement", "tyreso-sodertorns-hogskola-samverkan")
    tyreso, hogskola = node("org", "tyreso-kommun"), node("org", "sodertorns-hogskola")
    assert set(g.objects(agreement, SV.party)) == {tyreso, hogskola}
    assert g.value(tyreso, SV.organizationNumber) == Literal("212000-0142")  # new fact on a known organization
    assert (tyreso, RDF.type, None) not in g
    assert set(g.objects(agreement, SV.area)) == {node("area", "gymnasieomradet"), node("area", "life-science-medicin")}
    assert set(g.objects(agreement, SV.form)) == {node("form", "natverk"), node("form", "arbetsgrupper")}
    assert g.value(agreement, SV.validFrom) == Literal(date(2024, 1, 1))
    assert g.value(agreement, SV.validUntil) == Literal(date(2026, 12, 31))
    assert g.value(agreement, SV.numberOfCopies) == Literal(2)
    collaboration = g.value(agreement, SV.establishes)
    assert (collaboration, RDF.type, SV.AcademicPartnership) in g
    steering = node("body", "tyreso-sodertorns-hogskola-styrgrupp")
    assert g.value(steering, ORG.unitOf) == collaboration and g.value(steering, SV.minMeetingsPerYear) == Literal(2)
    assert seats_of(g, steering) == {
        "kommundirektor": tyreso, "utbildningsdirektor": tyreso, "rektor": hogskola, "samverkansansvarig": hogskola,
    }  # fmt: skip
    chair = node("seat", "tyreso-sodertorns-hogskola-styrgrupp-kommundirektor")
    assert g.value(steering, SV.chairedBy) == chair
    assert g.value(chair, SV.filledByPost) == node("post", "tyreso-kommun-kommundirektor")  # the graph knows it
    working = node("body", "tyreso-sodertorns-hogskola-arbetsgrupp")
    assert g.value(working, SV.appointedByBody) == steering
    appointed = node("seat", "tyreso-sodertorns-hogskola-arbetsgrupp-representant-utsedd-av-utbildningsdirektor")
    assert g.value(appointed, SV.appointedBy) == node("post", "tyreso-kommun-utbildningsdirektor")
    assert g.value(g.value(agreement, SV.disputeResolution), SV.referredTo) == steering
    signatures = {g.value(s, SV.signedFor): g.value(s, SV.signatory) for s in g.objects(agreement, SV.hasSignature)}
    assert signatures == {tyreso: node("person", "anna-lindqvist"), hogskola: node("person", "gunilla-ahlberg")}
    assert g.value(node("person", "gunilla-ahlberg"), ORG.holds) == node("post", "sodertorns-hogskola-rektor")


def test_a_wrong_check_digit_is_reported_and_not_drafted(drafted: Path) -> None:
    g = Graph().parse(drafted / "haninge-kth-samverkan.ttl", format="turtle")
    assert (node("org", "haninge-kommun"), SV.organizationNumber, None) not in g
    assert g.value(node("org", "kth"), SV.organizationNumber) == Literal("202100-3054")
    report = (drafted / "haninge-kth-samverkan.report.md").read_text(encoding="utf-8")
    assert "The organization number 212000-0158 of Haninge kommun has a wrong check digit (Luhn gives 9)" in report
    assert "| Organisationsnummer (Haninge kommun) / Organization number (Haninge kommun) | 212000-0158 | 6 |" in report


def test_areas_and_forms_not_in_the_schemes_are_left_out_and_reported(drafted: Path) -> None:
    report = (drafted / "tyreso-sodertorns-hogskola-samverkan.report.md").read_text(encoding="utf-8")
    assert '"Kompetensförsörjning i vård och omsorg" matched nothing in the graph and was left out' in report
    assert '"Gemensamma seminarier" matched nothing in the graph and was left out' in report
    assert "| Gymnasieområdet | `area:gymnasieomradet` | skos:Concept | rdfs:label |" in report


def test_a_name_and_a_number_pointing_at_different_organizations_match_neither(tmp_path: Path) -> None:
    document = tmp_path / "avtal.txt"
    document.write_text(
        "Avtal om samverkan mellan Huddinge kommun och Södertörns högskola\n\nParter\n\n"
        "Huddinge kommun, org.nr 202100-2973\nSödertörns högskola, org.nr 202100-4896\n",
        encoding="utf-8",
    )
    run(tmp_path / "out", document)
    [draft] = (tmp_path / "out").glob("*.ttl")
    g = Graph().parse(draft, format="turtle")
    [agreement] = g.subjects(RDF.type, SV.Agreement)
    assert set(g.objects(agreement, SV.party)) == {node("org", "sodertorns-hogskola")}  # Huddinge is not guessed
    report = draft.with_name(draft.stem + ".report.md").read_text(encoding="utf-8")
    candidates = "(`orgs:huddinge-kommun`, `orgs:karolinska-institutet`)"
    assert f'"Huddinge kommun" matches several resources {candidates}' in report
