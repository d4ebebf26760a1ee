"""Every shape catches what it is for, and says so in words a data editor understands.

Each case adds one small resource with exactly one defect to the real data
and expects exactly the violation (and message) that defect deserves, so a
case fails both when the shape misses the defect and when it fires for the
wrong reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from graph.sources import Project, data_file, discover, load
from graph.validate import Violation, validate

REPO = Path(__file__).resolve().parent.parent
SHAPES_FILE = REPO / "shapes" / "samverkan.shapes.ttl"

PREFIXES = """
@prefix sv:      <https://w3id.org/samverkan/ns#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix t:       <https://w3id.org/samverkan/id/test/> .
@prefix role:    <https://w3id.org/samverkan/id/role/> .
@prefix area:    <https://w3id.org/samverkan/id/area/> .
@prefix seat:    <https://w3id.org/samverkan/id/seat/> .
@prefix collab:  <https://w3id.org/samverkan/id/collaboration/> .
@prefix person:  <https://w3id.org/samverkan/id/person/> .
@prefix doctype: <https://w3id.org/samverkan/id/document-type/> .
@prefix orgs:    <https://w3id.org/samverkan/id/org/> .
@prefix body:    <https://w3id.org/samverkan/id/body/> .
@prefix post:    <https://w3id.org/samverkan/id/post/> .
@prefix doc:     <https://w3id.org/samverkan/id/document/> .
"""

# What every well-formed resource in these fixtures carries besides its defect.
LABELS = 'rdfs:label "Trasig"@sv , "Broken"@en'
SOURCE = "prov:wasDerivedFrom doc:huddinge-kf-2021-10-04-p13"
SEAT_BASE = f"""a sv:Seat ; {LABELS} ; {SOURCE} ;
    sv:forParty orgs:huddinge-kommun ; sv:filledByPost post:huddinge-kommun-kommundirektor ;
    sv:seatRole role:ledamot"""
DECISION_BASE = f"""a sv:MinutedDecision ; {LABELS} ; {SOURCE} ;
    sv:decisionText "Godkänns."@sv"""

# (case id, Turtle for the broken resource t:broken, expected shape, expected Swedish message
#  [, further (shape, message) pairs the same defect rightly triggers])
CASES = [
    ("label-no-swedish", 't:broken a sv:Company ; rdfs:label "Broken"@en .',
     "svsh:LabelSwedish", "Saknar etikett på svenska (rdfs:label med @sv)."),
    ("label-no-english", 't:broken a sv:Company ; rdfs:label "Trasig"@sv .',
     "svsh:LabelEnglish", "Saknar etikett på engelska (rdfs:label med @en)."),
    ("label-two-swedish", f't:broken a sv:Company ; {LABELS} , "Sönder"@sv .',
     "svsh:LabelForm", "Etiketter ska ha språktagg, och högst en per språk."),
    ("label-without-language", f't:broken a sv:Company ; {LABELS} , "Broken" .',
     "svsh:LabelForm", "Etiketter ska ha språktagg, och högst en per språk."),
    ("no-source-document", f't:broken a foaf:Person ; {LABELS} ; foaf:name "Trasig" .',
     "svsh:ProvenanceShape",
     "Anger inte vilket källdokument uppgiften kommer från (prov:wasDerivedFrom till ett sv:SourceDocument)."),
    ("municipality-code-three-digits", f't:broken a sv:Municipality ; {LABELS} ; sv:municipalityCode "126" .',
     "svsh:MunicipalityShape",
     'En kommun ska ha exakt en kommunkod med fyra siffror, till exempel "0126".'),
    ("organization-number-without-hyphen",
     f't:broken a sv:Company ; {LABELS} ; sv:organizationNumber "2120000068" .',
     "svsh:OrganizationNumberFormShape",
     'Organisationsnumret ska skrivas med sex siffror, bindestreck och fyra siffror, till exempel "212000-0068".'),
    ("organization-number-bad-check-digit",
     f't:broken a sv:Company ; {LABELS} ; sv:organizationNumber "212000-0069" .',
     "svsh:OrganizationNumberCheckDigitShape",
     "Organisationsnumrets kontrollsiffra stämmer inte (Luhn-algoritmen); "
     "kontrollera att numret är rätt avskrivet."),
    ("municipal-body-of-a-university",
     f"t:broken a sv:MunicipalCouncil ; {LABELS} ; org:unitOf orgs:karolinska-institutet .",
     "svsh:MunicipalBodyShape", "Ett kommunalt organ ska höra till exakt en kommun (org:unitOf)."),
    ("organization-group-of-nothing", f"t:broken a sv:OrganizationGroup ; {LABELS} .",
     "svsh:OrganizationGroupShape",
     "En grupp av organisationer ska ange vilken organisation den hör till (sv:groupWithin)."),
    ("collaboration-without-members", f"t:broken a sv:AcademicPartnership ; {LABELS} ; {SOURCE} .",
     "svsh:CollaborationShape",
     "En samverkan ska ha minst en medlem, och medlemmarna ska vara organisationer."),
    ("body-outside-any-collaboration", f"t:broken a sv:SteeringGroup ; {LABELS} ; {SOURCE} .",
     "svsh:GovernanceBodyShape", "Ett samverkansorgan ska höra till exakt en samverkan (org:unitOf)."),
    ("body-meets-zero-times",
     f"""t:broken a sv:SteeringGroup ; {LABELS} ; {SOURCE} ;
        org:unitOf collab:sodertornssamarbetet ; sv:meetingsPerYear 0 .""",
     "svsh:GovernanceBodyShape", "Antal möten per år ska vara ett heltal, minst 1, och anges högst en gång."),
    ("chair-seat-of-another-body",
     f"""t:broken a sv:SteeringGroup ; {LABELS} ; {SOURCE} ;
        org:unitOf collab:huddinge-karolinska-institutet-samverkan ;
        sv:chairedBy seat:sodertorns-ledningsgrupp-huddinge-kommun-kommundirektor .""",
     "svsh:ChairSeatInBodyShape",
     "Ordförandeplatsen är inte en plats i detta organ (sv:seatIn pekar på ett annat organ)."),
    ("seat-filled-by-nobody",
     f"""t:broken a sv:Seat ; {LABELS} ; {SOURCE} ; sv:forParty orgs:huddinge-kommun ;
        sv:seatRole role:ledamot ; sv:seatIn body:sodertorns-ledningsgrupp .""",
     "svsh:MandateShape",
     "Det framgår inte vem som fyller uppdraget eller platsen: ange en post (sv:filledByPost), "
     "den som utser (sv:appointedBy) eller en beskrivning (sv:fillerDescription)."),
    ("mandate-for-no-party",
     f"""t:broken a sv:Mandate ; {LABELS} ; {SOURCE} ;
        sv:filledByPost post:huddinge-kommun-kommundirektor .""",
     "svsh:MandateShape", "Ett uppdrag eller en plats ska tillhöra exakt en part (sv:forParty)."),
    ("seat-in-two-bodies",
     f"""t:broken {SEAT_BASE} ;
        sv:seatIn body:sodertorns-ledningsgrupp , body:sodertornskommunernas-samarbetskommitte .""",
     "svsh:SeatShape", "En plats ska höra till exakt ett organ (sv:seatIn).",
     # A seat is a post, so the post rule about belonging somewhere speaks up too.
     [("svsh:PostShape", "En post ska höra till exakt en organisation (org:postIn), "
       "eller som plats till exakt ett organ (sv:seatIn).")]),
    ("seat-without-role",
     f"""t:broken a sv:Seat ; {LABELS} ; {SOURCE} ; sv:forParty orgs:huddinge-kommun ;
        sv:filledByPost post:huddinge-kommun-kommundirektor ; sv:seatIn body:sodertorns-ledningsgrupp .""",
     "svsh:SeatShape",
     "En plats ska ha exakt en roll ur rollschemat (sv:seatRole), till exempel ledamot."),
    ("post-in-no-organization", f"t:broken a org:Post ; {LABELS} ; {SOURCE} .",
     "svsh:PostShape",
     "En post ska höra till exakt en organisation (org:postIn), eller som plats till exakt ett organ (sv:seatIn)."),
    ("post-in-a-concept",
     f"t:broken a org:Post ; {LABELS} ; {SOURCE} ; org:postIn area:klimat .",
     "svsh:PostInOrganizationShape", "org:postIn ska peka på en organisation."),
    ("person-name-with-language-tag",
     f't:broken a foaf:Person ; {LABELS} ; {SOURCE} ; foaf:name "Trasig"@sv .',
     "svsh:PersonShape",
     "En person ska ha exakt ett namn (foaf:name) som vanlig text utan språktagg."),
    ("agreement-with-one-party",
     f"""t:broken a sv:Agreement ; {LABELS} ; {SOURCE} ; dcterms:title "Avtal"@sv ;
        sv:party orgs:huddinge-kommun .""",
     "svsh:AgreementShape",
     "Ett avtal ska ha minst två parter, och parterna ska vara organisationer."),
    ("agreement-without-swedish-title",
     f"""t:broken a sv:Agreement ; {LABELS} ; {SOURCE} ; dcterms:title "Agreement"@en ;
        sv:party orgs:huddinge-kommun , orgs:karolinska-institutet .""",
     "svsh:AgreementShape", "Ett avtal ska ha sin titel på svenska (dcterms:title med @sv)."),
    ("agreement-ends-before-it-starts",
     f"""t:broken a sv:Agreement ; {LABELS} ; {SOURCE} ; dcterms:title "Avtal"@sv ;
        sv:party orgs:huddinge-kommun , orgs:karolinska-institutet ;
        sv:validFrom "2024-01-01"^^xsd:date ; sv:validUntil "2023-01-01"^^xsd:date .""",
     "svsh:AgreementShape",
     "Startdatum ska vara ett datum (ÅÅÅÅ-MM-DD), anges högst en gång och får inte ligga efter slutdatum."),
    ("signature-by-nobody",
     f"t:broken a sv:Signature ; {LABELS} ; {SOURCE} ; sv:signedFor orgs:huddinge-kommun .",
     "svsh:SignatureShape", "En underskrift ska ha exakt en undertecknande person."),
    ("dispute-referred-nowhere", f"t:broken a sv:DisputeResolution ; {LABELS} ; {SOURCE} .",
     "svsh:DisputeResolutionShape",
     "Ordningen för tvistlösning ska ange det organ som tvister först hänförs till."),
    ("decision-by-no-body",
     f"""t:broken {DECISION_BASE} ; dcterms:date "2021-10-04"^^xsd:date ;
        sv:paragraph "§ 1" ; sv:diaryNumber "KS-2021/1.1" .""",
     "svsh:DecisionShape", "Ett beslut ska ha exakt ett beslutande organ (sv:decidedBy)."),
    ("decision-date-as-text",
     f"""t:broken {DECISION_BASE} ; sv:decidedBy body:huddinge-kommunfullmaktige ;
        dcterms:date "4 oktober 2021" ; sv:paragraph "§ 1" ; sv:diaryNumber "KS-2021/1.1" .""",
     "svsh:DecisionShape",
     "Ett beslut ska ha exakt ett beslutsdatum i formen ÅÅÅÅ-MM-DD (dcterms:date)."),
    ("decision-paragraph-without-sign",
     f"""t:broken {DECISION_BASE} ; sv:decidedBy body:huddinge-kommunfullmaktige ;
        dcterms:date "2021-10-04"^^xsd:date ; sv:paragraph "13" ; sv:diaryNumber "KS-2021/1.1" .""",
     "svsh:MinutedDecisionShape",
     'Ett protokollfört beslut ska ha exakt en paragraf skriven som i protokollet, till exempel "§ 13".'),
    ("decision-without-diary-number",
     f"""t:broken {DECISION_BASE} ; sv:decidedBy body:huddinge-kommunfullmaktige ;
        dcterms:date "2021-10-04"^^xsd:date ; sv:paragraph "§ 1" .""",
     "svsh:MinutedDecisionShape",
     'Ett protokollfört beslut ska ha exakt ett diarienummer, till exempel "KS-2021/1682.103".'),
    ("proposal-to-nobody",
     f"""t:broken a sv:Proposal ; {LABELS} ; {SOURCE} ;
        sv:proposedBy body:huddinge-kommunstyrelsen ; sv:proposalText "Godkänn."@sv .""",
     "svsh:ProposalShape", "Ett förslag ska riktas till exakt ett organ (sv:proposedTo)."),
    ("speaker-party-is-a-municipality",
     f"""t:broken a sv:Intervention ; {LABELS} ; {SOURCE} ;
        sv:speaker person:tomas-selin ; sv:speakerParty orgs:huddinge-kommun .""",
     "svsh:InterventionShape",
     "Talarens parti ska vara ett politiskt parti och anges högst en gång."),
    ("meeting-dated-with-time-of-day",
     f"""t:broken a sv:Meeting ; {LABELS} ; {SOURCE} ; sv:meetingOf body:sodertorns-ledningsgrupp ;
        dcterms:date "2017-01-20T08:30:00"^^xsd:dateTime .""",
     "svsh:MeetingShape",
     "Ett möte ska ha exakt ett datum: dag (xsd:date), månad (xsd:gYearMonth) eller år (xsd:gYear)."),
    ("meeting-of-nothing",
     f't:broken a sv:Meeting ; {LABELS} ; {SOURCE} ; dcterms:date "2017"^^xsd:gYear .',
     "svsh:MeetingShape",
     "Ett möte ska höra till exakt ett organ eller en verksamhet (sv:meetingOf)."),
    ("meeting-ends-before-it-starts",
     f"""t:broken a sv:Meeting ; {LABELS} ; {SOURCE} ; sv:meetingOf body:sodertorns-ledningsgrupp ;
        dcterms:date "2017-04-07"^^xsd:date ; sv:endDate "2017-04-06"^^xsd:date .""",
     "svsh:MeetingEndAfterStartShape", "Mötets slutdatum ligger före dess startdatum."),
    ("plan-year-as-text", f't:broken a sv:Plan ; {LABELS} ; {SOURCE} ; sv:planYear "2017" .',
     "svsh:PlanShape", "En plans år ska vara ett årtal (xsd:gYear) och anges högst en gång."),
    ("goal-target-year-as-integer",
     f"t:broken a sv:Goal ; {LABELS} ; {SOURCE} ; sv:targetYear 2025 .",
     "svsh:GoalShape", "Ett målår ska vara ett årtal (xsd:gYear) och anges högst en gång."),
    ("budget-without-lines", f"t:broken a sv:Budget ; {LABELS} ; {SOURCE} .",
     "svsh:BudgetShape", "En budget ska ha minst en budgetpost (sv:BudgetLine)."),
    ("budget-line-negative",
     f"""t:broken a sv:CostLine ; {LABELS} ; {SOURCE} ; sv:amount -5.0 ; sv:currency "SEK" ;
        sv:paidBy orgs:huddinge-kommun .""",
     "svsh:BudgetLineShape",
     "En budgetpost ska ha exakt ett belopp, ett decimaltal som inte är negativt (till exempel 945000.0)."),
    ("budget-line-currency-in-words",
     f"""t:broken a sv:CostLine ; {LABELS} ; {SOURCE} ; sv:amount 5.0 ; sv:currency "kronor" ;
        sv:paidBy orgs:huddinge-kommun .""",
     "svsh:BudgetLineShape",
     'En budgetpost ska ha exakt en valutakod med tre versaler, till exempel "SEK".'),
    ("budget-lines-do-not-add-up",
     f"""t:broken a sv:Budget ; {LABELS} ; {SOURCE} ; sv:totalCost 100.0 ;
        sv:hasBudgetLine t:broken-line .
     t:broken-line a sv:CostLine ; {LABELS} ; {SOURCE} ; sv:amount 90.0 ; sv:currency "SEK" ;
        sv:paidBy orgs:huddinge-kommun .""",
     "svsh:BudgetTotalsShape",
     "Budgetposterna summerar inte till budgetens angivna summa för intäkter eller kostnader."),
    ("source-document-bad-seed-file",
     f"""t:broken a sv:SourceDocument ; {LABELS} ; dcterms:title "Dokument"@sv ;
        dcterms:type doctype:avtal ; dcterms:creator orgs:huddinge-kommun ;
        sv:seedFile "protokoll.pdf" .""",
     "svsh:SourceDocumentShape",
     'Ett källdokument ska ange exakt en källfil, till exempel "000_4f69f4bd75aaebf5.txt".'),
    ("concept-in-no-scheme",
     f"""t:broken a skos:Concept ; {LABELS} ; skos:prefLabel "Trasig"@sv ;
        skos:definition "Ett trasigt begrepp."@sv .""",
     "svsh:ConceptShape", "Ett begrepp ska höra till ett begreppsschema (skos:inScheme)."),
]


@pytest.fixture(scope="module")
def project() -> Project:
    return discover(REPO)


def violations_of(project: Project, fixture: Path) -> list[Violation]:
    """Validate the real data plus ``fixture``; keep only results about the fixture's resources."""
    return validate(load(project.with_data([fixture])), graphs=[data_file(fixture).graph])


def test_the_real_data_passes_every_shape(project: Project) -> None:
    assert validate(load(project)) == []


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_shape_catches_its_defect(project: Project, tmp_path: Path, case: tuple) -> None:
    _, turtle, shape, message_sv, *also = case
    fixture = tmp_path / "broken.ttl"
    fixture.write_text(PREFIXES + turtle, encoding="utf-8")

    found = violations_of(project, fixture)

    expected = sorted([(shape, message_sv), *(also[0] if also else [])])
    assert sorted((v.source_shape, v.messages["sv"]) for v in found) == expected
    for violation in found:
        assert violation.focus == "https://w3id.org/samverkan/id/test/broken"
        assert violation.messages["en"], "every message has an English version"
        assert violation.files == (str(fixture),)


def test_every_shape_has_a_case() -> None:
    shapes = Graph().parse(SHAPES_FILE)
    named = {
        "svsh:" + str(shape).rsplit("#", 1)[1]
        for kind in (SH.NodeShape, SH.PropertyShape)
        for shape in shapes.subjects(RDF.type, kind)
        if isinstance(shape, URIRef)
    }
    # Its constraints are its named property shapes, each of which has cases.
    grouping_only = {"svsh:LabelledShape"}
    assert named - grouping_only == {case[2] for case in CASES}


def test_every_reported_constraint_speaks_swedish_and_english() -> None:
    shapes = Graph().parse(SHAPES_FILE)
    reported = set(shapes.objects(None, SH.property)) | {
        shape for rule in (SH["or"], SH.xone) for shape in shapes.subjects(rule, None)
    }
    for shape in reported:
        languages = {m.language for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)}
        assert languages == {"sv", "en"}, f"{shape} has messages in {sorted(languages)}"
